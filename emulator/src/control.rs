//! Test-only control endpoints, served only with `--control`: a browser
//! test cannot make its page send the `x-emulator-fault` header, so it
//! queues one-shot faults here from node, and reads the request log to
//! count what reached the provider (a create retried by hand must not be
//! created twice).
//!
//! - `POST /_emulator/faults?path=PREFIX[&method=M][&times=N]&fault=SPEC`
//!   queues a fault for the next N (default 1) requests whose path starts
//!   with PREFIX (and whose method is M). SPEC is the header's syntax
//!   (`status=500`, `retry-after=2`, `delay=3000`, `drop`, `drop-after`) or
//!   `redirect` (a 302 to `/_emulator/redirected`). A non-empty request body
//!   becomes the response body of a `status=` fault, as JSON.
//! - `DELETE /_emulator/faults` forgets the queued faults.
//! - `GET /_emulator/log` lists the requests handled so far as JSON
//!   `[{"method","path","status"}]` (path without query; never a header,
//!   a token or a body); `DELETE /_emulator/log` empties it.
//! - `/_emulator/redirected` answers 200 and is logged, so a test can tell
//!   whether a redirect was followed.
//! - `POST /_emulator/github/keys/{id}/use` sets a GitHub user or deploy
//!   key's `last_used` to now, as a machine authenticating with it would
//!   (404 for an unknown id): a rotation test watches the switch happen.
//!
//! The query is parsed by hand with the sandbox's own rules (a few
//! `name=value` pairs need no extra crate, and JSON is written by hand
//! for the same reason: the emulator keeps no serde dependency of its own).

use std::collections::VecDeque;

pub const PREFIX: &str = "/_emulator/";
pub const REDIRECTED: &str = "/_emulator/redirected";

/// The log keeps at most this many entries (oldest dropped first), so a
/// long-running emulator cannot grow without bound.
const MAX_LOG: usize = 100_000;

#[derive(Debug, Default)]
pub struct Control {
    faults: Vec<Queued>,
    log: VecDeque<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Queued {
    method: Option<String>,
    path: String,
    times: u32,
    fault: Fault,
}

/// What to do with one request instead of (or on top of) the sandbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer 302 to [`REDIRECTED`].
    Redirect,
    /// Answer this status with this JSON body.
    Body { status: u16, body: String },
    /// Let the sandbox apply this `x-emulator-fault` header value.
    Header(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    method: String,
    path: String,
    status: String,
}

impl Control {
    /// The fault for this request, if one is queued (used up as it goes).
    pub fn take_fault(&mut self, method: &str, path: &str) -> Option<Fault> {
        let index = self.faults.iter().position(|q| {
            path.starts_with(&q.path)
                && q.method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method))
        })?;
        let queued = &mut self.faults[index];
        queued.times = queued.times.saturating_sub(1);
        let fault = queued.fault.clone();
        if queued.times == 0 {
            self.faults.remove(index);
        }
        Some(fault)
    }

    pub fn record(&mut self, method: &str, path: &str, status: &str) {
        if self.log.len() >= MAX_LOG {
            self.log.pop_front();
        }
        self.log.push_back(Entry {
            method: method.to_string(),
            path: path.to_string(),
            status: status.to_string(),
        });
    }

    /// Answers a control request: `(status, JSON body)`, or `None` when the
    /// path is not a control endpoint.
    pub fn handle(
        &mut self,
        method: &str,
        path: &str,
        query: &str,
        body: &str,
    ) -> Option<(u16, String)> {
        Some(match (method, path) {
            ("POST", "/_emulator/faults") => match parse_fault(query, body) {
                Ok(queued) => {
                    self.faults.push(queued);
                    (201, r#"{"queued":true}"#.into())
                }
                Err(problem) => (400, format!(r#"{{"message":{}}}"#, json_string(&problem))),
            },
            ("DELETE", "/_emulator/faults") => {
                self.faults.clear();
                (204, String::new())
            }
            ("GET", "/_emulator/log") => (200, self.log_json()),
            ("DELETE", "/_emulator/log") => {
                self.log.clear();
                (204, String::new())
            }
            _ => return None,
        })
    }

    fn log_json(&self) -> String {
        let entries: Vec<String> = self
            .log
            .iter()
            .map(|e| {
                let status = match e.status.parse::<u16>() {
                    Ok(number) => number.to_string(),
                    Err(_) => json_string(&e.status),
                };
                format!(
                    r#"{{"method":{},"path":{},"status":{status}}}"#,
                    json_string(&e.method),
                    json_string(&e.path)
                )
            })
            .collect();
        format!("[{}]", entries.join(","))
    }
}

/// The key id of a `POST /_emulator/github/keys/{id}/use`, which the
/// server answers from the sandbox's state (this API holds none).
pub fn used_key(method: &str, path: &str) -> Option<u64> {
    let id = path
        .strip_prefix("/_emulator/github/keys/")?
        .strip_suffix("/use")?;
    (method == "POST").then(|| id.parse().ok()).flatten()
}

/// The answer to a key-use call: whether the key was found.
pub fn used_answer(found: bool) -> (u16, String) {
    if found {
        (200, r#"{"used":true}"#.into())
    } else {
        (404, r#"{"message":"No GitHub key has this id"}"#.into())
    }
}

fn parse_fault(query: &str, body: &str) -> Result<Queued, String> {
    let mut method = None;
    let mut path = None;
    let mut times = 1;
    let mut spec = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        match name {
            "method" => method = Some(value.to_ascii_uppercase()),
            "path" => path = Some(value),
            "times" => {
                times = value
                    .parse::<u32>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or("times wants a positive number")?
            }
            "fault" => spec = Some(value),
            _ => return Err(format!("unknown parameter `{name}`")),
        }
    }
    let path = path
        .filter(|p| p.starts_with('/'))
        .ok_or("path wants a path prefix such as /github/user/keys")?;
    let spec = spec.ok_or("fault is required")?;
    let fault = if spec == "redirect" {
        Fault::Redirect
    } else if !body.is_empty() {
        let status = spec
            .strip_prefix("status=")
            .and_then(|s| s.parse::<u16>().ok())
            .filter(|s| (400..600).contains(s))
            .ok_or("a body goes with fault=status=4xx|5xx only")?;
        Fault::Body {
            status,
            body: body.to_string(),
        }
    } else {
        Fault::Header(spec)
    };
    Ok(Queued {
        method,
        path,
        times,
        fault,
    })
}

/// Decodes `+` and `%XX` (as URLSearchParams writes them); a bad escape
/// stays as it is.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_one_shot_and_match_method_and_prefix() {
        let mut control = Control::default();
        let (status, _) = control
            .handle(
                "POST",
                "/_emulator/faults",
                "method=post&path=%2Fgithub%2Fuser%2Fkeys&fault=status%3D500&times=2",
                "",
            )
            .unwrap();
        assert_eq!(status, 201);
        assert_eq!(control.take_fault("GET", "/github/user/keys"), None);
        let fault = Some(Fault::Header("status=500".into()));
        assert_eq!(control.take_fault("POST", "/github/user/keys"), fault);
        assert_eq!(control.take_fault("POST", "/github/user/keys/7"), fault);
        assert_eq!(control.take_fault("POST", "/github/user/keys"), None);
    }

    #[test]
    fn bodies_redirects_and_mistakes() {
        let mut control = Control::default();
        control.handle(
            "POST",
            "/_emulator/faults",
            "path=/tfe&fault=status=422",
            "{\"a\":1}",
        );
        control.handle(
            "POST",
            "/_emulator/faults",
            "path=/astro&fault=redirect",
            "",
        );
        assert_eq!(
            control.take_fault("PATCH", "/tfe/api/v2/x"),
            Some(Fault::Body {
                status: 422,
                body: "{\"a\":1}".into()
            })
        );
        assert_eq!(
            control.take_fault("GET", "/astro/v1/x"),
            Some(Fault::Redirect)
        );
        for bad in [
            "fault=drop",
            "path=x&fault=drop",
            "path=/a",
            "path=/a&fault=drop&times=0",
            "path=/a&fault=drop&bogus=1",
        ] {
            assert_eq!(
                control
                    .handle("POST", "/_emulator/faults", bad, "")
                    .unwrap()
                    .0,
                400,
                "{bad}"
            );
        }
        let (status, _) = control
            .handle("POST", "/_emulator/faults", "path=/a&fault=drop", "{}")
            .unwrap();
        assert_eq!(status, 400, "a body needs a status fault");
        assert!(control.handle("GET", "/_emulator/other", "", "").is_none());
    }

    #[test]
    fn the_log_is_json_and_can_be_emptied() {
        let mut control = Control::default();
        control.record("POST", "/github/user/keys", "201");
        control.record("GET", "/a\"b", "dropped");
        let (_, body) = control.handle("GET", "/_emulator/log", "", "").unwrap();
        assert_eq!(
            body,
            r#"[{"method":"POST","path":"/github/user/keys","status":201},{"method":"GET","path":"/a\"b","status":"dropped"}]"#
        );
        control.handle("DELETE", "/_emulator/log", "", "");
        assert_eq!(
            control.handle("GET", "/_emulator/log", "", "").unwrap().1,
            "[]"
        );
    }

    #[test]
    fn key_use_paths_are_read_and_others_are_not() {
        assert_eq!(
            used_key("POST", "/_emulator/github/keys/1001/use"),
            Some(1001)
        );
        assert_eq!(used_key("GET", "/_emulator/github/keys/1001/use"), None);
        assert_eq!(used_key("POST", "/_emulator/github/keys/x/use"), None);
        assert_eq!(used_key("POST", "/_emulator/github/keys/1001"), None);
        assert_eq!(used_answer(false).0, 404);
    }

    #[test]
    fn escapes_decode() {
        assert_eq!(percent_decode("a+b%2Fc%zz%4"), "a b/c%zz%4");
    }
}
