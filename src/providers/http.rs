//! Requests and responses as plain data: what a provider module builds and
//! parses, and what an executor (browser or native test) sends and receives.

use super::model::ApiError;
use std::fmt;
use zeroize::Zeroize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Only idempotent reads are ever retried: a retried POST could create a
    /// key or token twice.
    pub fn is_retryable(self) -> bool {
        matches!(self, Method::Get)
    }
}

/// A request ready to send. Its `Debug` hides the `Authorization` header and
/// the body, which may hold a token or a private key.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    /// Absolute URL (the connection's base URL joined with the path).
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// JSON text, if any.
    pub body: Option<String>,
}

impl HttpRequest {
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        HttpRequest {
            method,
            url: url.into(),
            headers: Vec::new(),
            body: None,
        }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    pub fn bearer(self, token: &str) -> Self {
        self.header("Authorization", format!("Bearer {token}"))
    }

    pub fn json_body(mut self, content_type: &str, body: &serde_json::Value) -> Self {
        self.body = Some(body.to_string());
        self.header("Content-Type", content_type)
    }

    /// A conditional GET: GitHub answers 304 Not Modified, without using
    /// rate limit, when `etag` (from [`HttpResponse::etag`]) still matches.
    pub fn if_none_match(self, etag: &str) -> Self {
        self.header("If-None-Match", etag)
    }

    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let shown = if n.eq_ignore_ascii_case("authorization") {
                    "[redacted]"
                } else {
                    v
                };
                (n.as_str(), shown)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field(
                "body",
                &self.body.as_ref().map(|b| format!("[{} bytes]", b.len())),
            )
            .finish()
    }
}

/// Wipes the body (a private key, a token's JSON) and every header value
/// (the `Authorization` token). The client holds each request in a
/// `Zeroizing` so this runs when it is dropped.
impl Zeroize for HttpRequest {
    fn zeroize(&mut self) {
        for (_, value) in &mut self.headers {
            value.zeroize();
        }
        self.body.zeroize();
    }
}

/// A response as received: status, headers (names lower-cased), body text.
/// Its `Debug` hides the body, which may hold a one-time secret.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        HttpResponse {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_ascii_lowercase(), value.into()));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The `ETag` to send back in [`HttpRequest::if_none_match`].
    pub fn etag(&self) -> Option<&str> {
        self.header("etag")
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
    }

    /// 304: what the caller saw last time is still current.
    pub fn is_not_modified(&self) -> bool {
        self.status == 304
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &format!("[{} bytes]", self.body.len()))
            .finish()
    }
}

/// Wipes the body (an Astro token's value arrives in one) and the headers.
impl Zeroize for HttpResponse {
    fn zeroize(&mut self) {
        for (name, value) in &mut self.headers {
            name.zeroize();
            value.zeroize();
        }
        self.headers.clear();
        self.body.zeroize();
    }
}

/// Joins a base URL and a path with exactly one slash between them.
pub fn join_url(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// One path segment from a user-typed or server-sent value, or an error said
/// before anything is sent. Percent-encoding stops `/`, `?` and `#` from
/// changing the path, but URL parsers still read `.` and `..` (even as
/// `%2e%2e`) as "this" and "parent" directory, so those are refused.
pub fn path_segment(what: &str, value: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ApiError::refused_input(
            what,
            &format!("The {what} is required."),
        ));
    }
    if value == "." || value == ".." {
        return Err(ApiError::refused_input(
            what,
            &format!("The {what} is not valid (“{value}”)."),
        ));
    }
    Ok(encode_component(value))
}

/// Percent-encodes one path segment or query value (RFC 3986 unreserved
/// characters pass through), so a user-typed name can never change the path.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_token_or_body() {
        let request = HttpRequest::new(Method::Post, "https://api.example/user/keys")
            .bearer("ghp_secret")
            .json_body(
                "application/json",
                &serde_json::json!({"key": "ssh-ed25519 AAAA"}),
            );
        let shown = format!("{request:?}");
        assert!(!shown.contains("ghp_secret"), "{shown}");
        assert!(!shown.contains("AAAA"), "{shown}");
        assert!(shown.contains("[redacted]"));
    }

    #[test]
    fn response_debug_never_shows_the_body() {
        let response = HttpResponse::new(200, r#"{"token":"astro-secret"}"#);
        assert!(!format!("{response:?}").contains("astro-secret"));
    }

    #[test]
    fn wiping_leaves_no_token_key_or_secret() {
        let mut request = HttpRequest::new(Method::Post, "https://app.terraform.io/api/v2/x")
            .bearer("tfe_secret")
            .json_body(
                "application/vnd.api+json",
                &serde_json::json!({"value": "-----BEGIN OPENSSH PRIVATE KEY-----"}),
            );
        request.zeroize();
        assert_eq!(request.header_value("authorization"), Some(""));
        assert_eq!(request.body, None);
        let mut response =
            HttpResponse::new(200, r#"{"token":"astro-secret"}"#).with_header("x-request-id", "1");
        response.zeroize();
        assert_eq!(response.body, "");
        assert!(response.headers.is_empty());
    }

    #[test]
    fn conditional_requests() {
        let response = HttpResponse::new(200, "[]").with_header("ETag", " W/\"abc\" ");
        assert_eq!(response.etag(), Some("W/\"abc\""));
        assert!(!response.is_not_modified());
        assert_eq!(
            HttpResponse::new(200, "").with_header("etag", "").etag(),
            None
        );
        let request =
            HttpRequest::new(Method::Get, "https://h/user/keys").if_none_match("W/\"abc\"");
        assert_eq!(request.header_value("if-none-match"), Some("W/\"abc\""));
        assert!(HttpResponse::new(304, "").is_not_modified());
    }

    #[test]
    fn components_cannot_escape_their_segment() {
        assert_eq!(encode_component("octo/../cat"), "octo%2F..%2Fcat");
        assert_eq!(encode_component("a b?c#d"), "a%20b%3Fc%23d");
        assert_eq!(
            join_url("https://h/api/v3/", "/user/keys"),
            "https://h/api/v3/user/keys"
        );
    }
}
