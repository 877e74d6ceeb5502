//! The Sandbox as the browser reaches it: under the page's own origin at
//! [`MOUNT`] (`/sandbox/github/…`, `/sandbox/tfe/api/v2/…`, …), answered by
//! the app's service worker (`src/bin/keyward_sandbox/`), so the page sends
//! Sandbox requests with the same `fetch` as real ones. What the worker
//! does with a request is decided here, natively testable; the worker only
//! converts requests and responses and keeps the state.

use super::{respond_under, SandboxState};
use crate::providers::http::{HttpRequest, HttpResponse, Method};

/// Where the Sandbox answers, on the page's own origin.
pub const MOUNT: &str = "/sandbox";

/// `POST` here puts the Sandbox back to its first-visit state.
pub const RESET_PATH: &str = "/sandbox/reset";

/// The method of a request as `fetch` names it; `None` for one no
/// provider API here speaks (`HEAD`, `OPTIONS`, …).
pub fn method(name: &str) -> Option<Method> {
    Some(match name.to_ascii_uppercase().as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PATCH" => Method::Patch,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        _ => return None,
    })
}

/// Answers one request addressed under [`MOUNT`] (absolute URL). Delays and
/// dropped connections (the emulator's faults) do not apply: a service
/// worker has no connection to drop. The status is one `fetch` can carry
/// (200–599).
pub fn serve(state: &mut SandboxState, request: &HttpRequest, now: u64) -> HttpResponse {
    if path_of(&request.url) == RESET_PATH {
        if request.method != Method::Post {
            return message(405, "Reset the Sandbox with POST.");
        }
        *state = SandboxState::browser();
        return message(200, "The Sandbox is back to its first-visit data.");
    }
    let mut response = respond_under(state, request, now, MOUNT).response;
    if !(200..=599).contains(&response.status) {
        response.status = 502;
    }
    response
}

/// A response to a request that is no provider's.
pub fn message(status: u16, text: &str) -> HttpResponse {
    super::json(status, &serde_json::json!({ "message": text }))
}

/// The path of an absolute URL, without query or fragment.
fn path_of(url: &str) -> &str {
    let (_, path, _) = super::split_url(url);
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::sandbox::BROWSER_TOKEN;

    const ORIGIN: &str = "http://127.0.0.1:8080";

    fn get(path: &str) -> HttpRequest {
        HttpRequest::new(Method::Get, format!("{ORIGIN}{path}")).bearer(BROWSER_TOKEN)
    }

    #[test]
    fn the_apis_answer_under_the_mount_point_and_links_keep_it() {
        let mut state = SandboxState::browser();
        let user = serve(&mut state, &get("/sandbox/github/user"), 0);
        assert_eq!(user.status, 200, "{}", user.body);
        assert!(user.body.contains("octocat"));
        let key =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
        let add = HttpRequest::new(Method::Post, format!("{ORIGIN}/sandbox/github/user/keys"))
            .bearer(BROWSER_TOKEN)
            .json_body(
                "application/json",
                &serde_json::json!({ "title": "laptop", "key": key }),
            );
        let added = serve(&mut state, &add, 0);
        assert_eq!(added.status, 201, "{}", added.body);
        let location = added.header("location").unwrap_or_default();
        assert!(
            location.starts_with("http://127.0.0.1:8080/sandbox/github/user/keys/"),
            "{location}"
        );
        assert_eq!(state.requests, 2);
        for path in ["/sandbox/tfe/api/v2/account/details", "/sandbox/cnb/user"] {
            assert_eq!(serve(&mut state, &get(path), 0).status, 200, "{path}");
        }
    }

    #[test]
    fn only_the_mount_point_is_the_sandbox() {
        let mut state = SandboxState::browser();
        for path in [
            "/github/user",
            "/sandboxes/github/user",
            "/sandbox",
            "/sandbox/nope",
        ] {
            assert_eq!(serve(&mut state, &get(path), 0).status, 404, "{path}");
        }
    }

    #[test]
    fn reset_brings_back_the_first_visit_and_only_on_post() {
        let mut state = SandboxState::browser();
        serve(&mut state, &get("/sandbox/github/user"), 0);
        assert_ne!(state, SandboxState::browser());
        let wrong = serve(&mut state, &get(RESET_PATH), 0);
        assert_eq!(wrong.status, 405);
        let reset = HttpRequest::new(Method::Post, format!("{ORIGIN}{RESET_PATH}?x=1"));
        assert_eq!(serve(&mut state, &reset, 0).status, 200);
        assert!(state == SandboxState::browser());
    }

    #[test]
    fn statuses_fetch_cannot_carry_become_502() {
        let mut state = SandboxState::browser();
        let request = get("/sandbox/github/user").header(super::super::FAULT_HEADER, "status=101");
        assert_eq!(serve(&mut state, &request, 0).status, 502);
    }

    #[test]
    fn methods_are_fetchs_names() {
        assert_eq!(method("patch"), Some(Method::Patch));
        assert_eq!(method("DELETE"), Some(Method::Delete));
        assert_eq!(method("HEAD"), None);
        assert_eq!(method(""), None);
    }
}
