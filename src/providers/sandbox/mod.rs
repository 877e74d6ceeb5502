//! The sandbox: one pure, in-memory fake of all four providers' APIs,
//! speaking their real wire format, so the real provider clients work
//! against it unchanged. The browser's Sandbox connection reaches it over
//! a real `fetch` that the app's service worker answers with [`browser`]
//! (under the page's own `/sandbox/`); the `keyward-emulator` binary serves
//! [`respond`] over HTTP for tests. The rules are written once, here.
//!
//! Paths are the real ones under a per-provider prefix:
//! `/github/…` (a GHES-like root), `/tfe/api/v2/…`, `/astro/v1/…`, `/cnb/…`.
//! A request URL may be absolute (`http://127.0.0.1:8787/github/user/keys`)
//! or use a `sandbox:` scheme (`sandbox:/github/user/keys`); links in
//! responses (GitHub's `Link`, `url`, `Location`) keep that origin (and the
//! mount point, `/sandbox` in the browser).
//!
//! Pure: no I/O, no OS clock (the caller passes `now`, epoch seconds), no OS
//! random source, no panic on anything a request holds. Never logs.
//!
//! Faults for tests come from the `x-emulator-fault` request header, a
//! comma-separated list of `status=503`, `delay=250` (milliseconds),
//! `retry-after=5` (a 429 with `Retry-After`), `rate-limit=2` (GitHub's
//! primary limit used up, resetting in 2 seconds: a 403 with
//! `x-ratelimit-remaining: 0`; a 429 elsewhere), `drop` (drop the connection
//! before the request is handled) and `drop-after` (handle it, then drop the
//! connection: the client cannot know whether it happened). Per-run faults
//! live in [`RunFaults`]. The pure code only says what to do in a [`Reply`];
//! the server wrapper sleeps, drops, and adds CORS.

mod astro;
pub mod browser;
mod cnb;
mod github;
mod seed;
mod state;
mod tfe;

pub use state::{
    rfc3339, AstroDeployment, AstroOrganization, AstroRole, AstroState, AstroToken, CnbGroup,
    CnbRepo, CnbState, GitHubKey, GitHubOrg, GitHubRepo, GitHubState, GitHubUser, RateWindow,
    RunFaults, SandboxState, TfeOrganization, TfeSshKey, TfeState, TfeWorkspace, BROWSER_TOKEN,
    SEED_TIME,
};

use super::http::{HttpRequest, HttpResponse, Method};

/// The request header that injects a fault into one request.
pub const FAULT_HEADER: &str = "x-emulator-fault";

/// What the server wrapper must do with one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The response to send (unless `drop_connection`).
    pub response: HttpResponse,
    /// Wait this long before answering (or dropping).
    pub delay_ms: u64,
    /// Close the connection without any response.
    pub drop_connection: bool,
}

/// Handles one request and returns the response, ignoring delay and drop
/// instructions (the browser's sandbox has no connection to drop).
pub fn handle(state: &mut SandboxState, request: &HttpRequest, now: u64) -> HttpResponse {
    respond(state, request, now).response
}

/// Handles one request and says how to deliver the response.
pub fn respond(state: &mut SandboxState, request: &HttpRequest, now: u64) -> Reply {
    respond_under(state, request, now, "")
}

/// [`respond`] for a sandbox mounted under the path `mount` (`/sandbox`):
/// the provider prefixes follow it, and links in responses keep it.
pub(crate) fn respond_under(
    state: &mut SandboxState,
    request: &HttpRequest,
    now: u64,
    mount: &str,
) -> Reply {
    state.requests = state.requests.wrapping_add(1);
    let fault = Fault::parse(request.header_value(FAULT_HEADER).unwrap_or(""));
    let run = state.run_faults.clone();
    let mut reply = Reply {
        response: HttpResponse::new(502, ""),
        delay_ms: fault.delay_ms.unwrap_or(run.delay_ms),
        drop_connection: fault.drop_before || fault.drop_after,
    };
    if fault.drop_before {
        return reply;
    }
    let call = Call::parse(request, now, mount);
    let every = |n: u64| n > 0 && state.requests.is_multiple_of(n);
    reply.response = if let Some(status) = fault.status {
        call.error(status, "Injected fault")
    } else if let Some(seconds) = fault.retry_after {
        call.rate_limited(now, Some(seconds))
    } else if let Some(seconds) = fault.rate_limit {
        match call.api {
            Api::GitHub => github::primary_limit_until(now.saturating_add(seconds)),
            _ => call.rate_limited(now, Some(seconds)),
        }
    } else if every(run.fail_every) {
        let status = if run.fail_status == 0 {
            503
        } else {
            run.fail_status
        };
        call.error(status, "Injected fault")
    } else if every(run.rate_limit_every) {
        call.rate_limited(now, None)
    } else {
        match call.api {
            Api::GitHub => github::handle(state, &call),
            Api::Tfe => tfe::handle(state, &call),
            Api::Astro => astro::handle(state, &call),
            Api::Cnb => cnb::handle(state, &call),
            Api::Unknown => call.error(404, "Not Found"),
        }
    };
    reply
}

/// A per-request fault from the `x-emulator-fault` header.
#[derive(Debug, Default)]
struct Fault {
    status: Option<u16>,
    delay_ms: Option<u64>,
    retry_after: Option<u64>,
    rate_limit: Option<u64>,
    drop_before: bool,
    drop_after: bool,
}

impl Fault {
    fn parse(header: &str) -> Fault {
        let mut fault = Fault::default();
        for item in header.split([',', ';']).map(str::trim) {
            let (name, value) = item.split_once('=').unwrap_or((item, ""));
            match (name.trim().to_ascii_lowercase().as_str(), value.trim()) {
                ("status", v) => fault.status = v.parse().ok().filter(|s| (100..600).contains(s)),
                ("delay", v) => fault.delay_ms = v.parse().ok(),
                ("retry-after", v) => fault.retry_after = v.parse().ok(),
                ("rate-limit", v) => fault.rate_limit = v.parse().ok(),
                ("drop", _) => fault.drop_before = true,
                ("drop-after", _) => fault.drop_after = true,
                _ => {}
            }
        }
        fault
    }
}

/// Which emulated API a path belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Api {
    GitHub,
    Tfe,
    Astro,
    Cnb,
    Unknown,
}

/// One request taken apart: what every provider module works from.
pub(crate) struct Call<'a> {
    pub api: Api,
    pub method: Method,
    /// Scheme and authority of the request (`http://127.0.0.1:8787`,
    /// `sandbox:`) and the mount point, for links in responses.
    pub origin: String,
    /// The provider prefix (`/github`, `/tfe/api/v2`, …).
    pub base: &'static str,
    /// Decoded path segments after the prefix.
    pub segments: Vec<String>,
    /// Decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    pub request: &'a HttpRequest,
    pub now: u64,
}

impl<'a> Call<'a> {
    fn parse(request: &'a HttpRequest, now: u64, mount: &str) -> Call<'a> {
        let (origin, path, query) = split_url(&request.url);
        // Outside the mount point nothing matches (`Api::Unknown`).
        let path = match path.strip_prefix(mount) {
            Some(rest) if mount.is_empty() || rest.is_empty() || rest.starts_with('/') => rest,
            _ => "",
        };
        let origin = format!("{origin}{mount}");
        let prefixes: [(&'static str, Api); 4] = [
            ("/github", Api::GitHub),
            ("/tfe/api/v2", Api::Tfe),
            ("/astro/v1", Api::Astro),
            ("/cnb", Api::Cnb),
        ];
        let (api, base, rest) = prefixes
            .iter()
            .find_map(|(prefix, api)| {
                let rest = path.strip_prefix(prefix)?;
                (rest.is_empty() || rest.starts_with('/')).then_some((*api, *prefix, rest))
            })
            .unwrap_or((Api::Unknown, "", path));
        Call {
            api,
            method: request.method,
            origin,
            base,
            segments: rest
                .split('/')
                .filter(|s| !s.is_empty())
                .map(percent_decode)
                .collect(),
            query: query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    (
                        percent_decode(&k.replace('+', " ")),
                        percent_decode(&v.replace('+', " ")),
                    )
                })
                .collect(),
            request,
            now,
        }
    }

    /// The segments as `&str`, for matching.
    pub(crate) fn path(&self) -> Vec<&str> {
        self.segments.iter().map(String::as_str).collect()
    }

    pub(crate) fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The token of an `Authorization: Bearer …` header (GitHub also takes
    /// the older `token …`). `None` when absent; `Some("")` when malformed.
    pub(crate) fn token(&self) -> Option<&str> {
        let value = self.request.header_value("authorization")?.trim();
        let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
        let accepted = scheme.eq_ignore_ascii_case("bearer")
            || (self.api == Api::GitHub && scheme.eq_ignore_ascii_case("token"));
        Some(if accepted { token.trim() } else { "" })
    }

    /// The request body as JSON; `Err` when missing or not JSON.
    pub(crate) fn json(&self) -> Result<serde_json::Value, ()> {
        let body = self.request.body.as_deref().unwrap_or("");
        serde_json::from_str(body).map_err(|_| ())
    }

    /// URL of a path under this provider's prefix, with this request's origin.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{}{}", self.origin, self.base, path)
    }

    /// An error in the provider's own shape.
    pub(crate) fn error(&self, status: u16, message: &str) -> HttpResponse {
        match self.api {
            Api::GitHub => github::error(self, status, message),
            Api::Tfe => tfe::error(status, message),
            Api::Astro => astro::error(status, message, Vec::new()),
            Api::Cnb => cnb::error(status, message),
            Api::Unknown => json(status, &serde_json::json!({ "message": message })),
        }
    }

    /// The provider's rate-limit refusal: with `retry_after`, a 429 with
    /// `Retry-After` (GitHub's secondary limit); without, GitHub's primary
    /// limit (403, nothing remaining) or the others' plain 429.
    pub(crate) fn rate_limited(&self, now: u64, retry_after: Option<u64>) -> HttpResponse {
        let response = match self.api {
            Api::GitHub => github::rate_limited(self, now, retry_after.is_some()),
            Api::Tfe => tfe::error(429, "You have exceeded the API's rate limit."),
            _ => self.error(429, "Too many requests"),
        };
        match retry_after {
            Some(seconds) => response.with_header("retry-after", seconds.to_string()),
            None => response,
        }
    }
}

/// A JSON response with `content-type: application/json`.
pub(crate) fn json(status: u16, body: &serde_json::Value) -> HttpResponse {
    HttpResponse::new(status, body.to_string())
        .with_header("content-type", "application/json; charset=utf-8")
}

/// `(origin, path, query)` of an absolute, `sandbox:` or bare-path URL.
fn split_url(url: &str) -> (&str, &str, &str) {
    let (origin, rest) = if let Some(rest) = url.strip_prefix("sandbox:") {
        ("sandbox:", rest)
    } else if let Some(scheme_end) = url.find("://") {
        let authority_start = scheme_end + 3;
        let path_start = url[authority_start..]
            .find(['/', '?', '#'])
            .map_or(url.len(), |i| i + authority_start);
        url.split_at(path_start)
    } else {
        ("", url)
    };
    let rest = rest.split('#').next().unwrap_or("");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    (origin, path, query)
}

/// Decodes `%XX` escapes; invalid escapes stay as they are.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_origin_path_and_query() {
        assert_eq!(
            split_url("http://127.0.0.1:8787/github/user/keys?page=2#x"),
            ("http://127.0.0.1:8787", "/github/user/keys", "page=2")
        );
        assert_eq!(
            split_url("sandbox:/tfe/api/v2/ssh-keys/x"),
            ("sandbox:", "/tfe/api/v2/ssh-keys/x", "")
        );
        assert_eq!(split_url("http://h?x=1"), ("http://h", "", "x=1"));
    }

    #[test]
    fn percent_decoding_is_total() {
        assert_eq!(percent_decode("page%5Bnumber%5D"), "page[number]");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%C3%A9"), "é");
    }

    #[test]
    fn faults_parse_leniently() {
        let fault = Fault::parse("status=503, delay=20; retry-after=3,drop-after,bogus");
        assert_eq!(fault.status, Some(503));
        assert_eq!(Fault::parse("rate-limit=2").rate_limit, Some(2));
        assert_eq!(fault.delay_ms, Some(20));
        assert_eq!(fault.retry_after, Some(3));
        assert!(fault.drop_after && !fault.drop_before);
        assert_eq!(Fault::parse("status=99999").status, None);
    }
}
