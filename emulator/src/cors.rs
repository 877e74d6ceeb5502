//! CORS for the pages that test against the emulator: only local origins
//! (`http://127.0.0.1:*`, `http://localhost:*`) may call it from a browser.

/// The request headers Keyward's clients send (plus the fault header tests
/// use), and `If-None-Match` for conditional requests (GitHub allows it and
/// exposes `ETag`). `X-GitHub-Api-Version` is left out on purpose: GitHub's
/// documented allow-list lacks it too, so a client that needs it fails here
/// first.
pub const ALLOW_HEADERS: &str =
    "Authorization, Content-Type, Accept, If-None-Match, X-Emulator-Fault";
pub const ALLOW_METHODS: &str = "GET, POST, PATCH, PUT, DELETE";
pub const EXPOSE_HEADERS: &str = "ETag, Link, Location, Retry-After, X-OAuth-Scopes, \
    X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-RateLimit-Used, \
    X-RateLimit-Resource";

/// Whether a browser page at `origin` may read the emulator's answers.
pub fn allowed(origin: &str) -> bool {
    ["http://127.0.0.1", "http://localhost"].iter().any(|host| {
        origin.strip_prefix(host).is_some_and(|rest| {
            rest.is_empty()
                || rest.strip_prefix(':').is_some_and(|port| {
                    (1..=5).contains(&port.len()) && port.bytes().all(|b| b.is_ascii_digit())
                })
        })
    })
}

/// Headers for a preflight (`OPTIONS`) from `origin`; none when refused.
pub fn preflight(origin: &str) -> Vec<(&'static str, String)> {
    if !allowed(origin) {
        return vec![("vary", "Origin".into())];
    }
    vec![
        ("access-control-allow-origin", origin.to_string()),
        ("access-control-allow-methods", ALLOW_METHODS.into()),
        ("access-control-allow-headers", ALLOW_HEADERS.into()),
        ("access-control-max-age", "600".into()),
        ("vary", "Origin".into()),
    ]
}

/// Headers for an actual response to `origin`.
pub fn actual(origin: &str) -> Vec<(&'static str, String)> {
    if !allowed(origin) {
        return vec![("vary", "Origin".into())];
    }
    vec![
        ("access-control-allow-origin", origin.to_string()),
        ("access-control-expose-headers", EXPOSE_HEADERS.into()),
        ("vary", "Origin".into()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_http_origins_are_allowed() {
        for ok in [
            "http://127.0.0.1",
            "http://127.0.0.1:8080",
            "http://localhost:3000",
        ] {
            assert!(allowed(ok), "{ok}");
        }
        for bad in [
            "https://127.0.0.1:8080",
            "http://127.0.0.1.evil.com",
            "http://localhost:80a",
            "http://localhost:",
            "http://localhost:123456",
            "http://example.com",
            "null",
        ] {
            assert!(!allowed(bad), "{bad}");
        }
    }
}
