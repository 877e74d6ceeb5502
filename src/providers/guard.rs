//! What may be sent, where, and what may be shown afterwards: the checks the
//! one send path makes before a request leaves the page and after an answer
//! comes back. Pure functions, so they are tested natively; the executor
//! and the client call them.

use super::http::HttpRequest;
use super::model::{ApiError, ErrorKind};

/// A character a browser refuses in a header value, and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadCharacter {
    pub character: char,
    /// 1-based, counted in characters, as a person counts.
    pub position: usize,
}

impl BadCharacter {
    /// The character in words: most are invisible when pasted.
    pub fn describe(&self) -> String {
        let name = match self.character {
            '\n' => "a line break".to_string(),
            '\r' => "a carriage return".to_string(),
            '\0' => "a NUL character".to_string(),
            '\t' => "a tab".to_string(),
            '\u{200B}' => "a zero-width space".to_string(),
            '\u{200C}' => "a zero-width non-joiner".to_string(),
            '\u{200D}' => "a zero-width joiner".to_string(),
            '\u{2060}' => "a word joiner".to_string(),
            '\u{FEFF}' => "a byte-order mark".to_string(),
            '\u{2028}' | '\u{2029}' => "a line separator".to_string(),
            c if c.is_control() => format!("a control character (U+{:04X})", c as u32),
            c => format!("the character U+{:04X}", c as u32),
        };
        format!("{name} at position {}", self.position)
    }
}

/// The first character of `value` that `fetch` would throw on, or that
/// would split a header: browsers send header values as bytes, so anything
/// beyond Latin-1 (U+00FF) makes `Headers.set` throw, and a line break, CR
/// or NUL is refused too. Other control characters are refused here as well:
/// no token or key has one, and a silently sent tab is a wrong token.
pub fn header_value_problem(value: &str) -> Option<BadCharacter> {
    value
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() || u32::from(*c) > 0xFF)
        .map(|(index, character)| BadCharacter {
            character,
            position: index + 1,
        })
}

/// The message for a token that cannot travel in a header; never repeats
/// the token.
pub fn token_character_message(bad: BadCharacter) -> String {
    format!(
        "The token contains a character that cannot be sent in an HTTP header ({}): \
         paste it again without it.",
        bad.describe()
    )
}

/// Refuses, before anything is sent, a request a browser would throw on:
/// an uncaught exception there would leave the page busy forever.
pub fn check_headers(request: &HttpRequest) -> Result<(), ApiError> {
    for (name, value) in &request.headers {
        let is_auth = name.eq_ignore_ascii_case("authorization");
        // The position is counted in the token, not in "Bearer token".
        let checked = if is_auth {
            value.strip_prefix("Bearer ").unwrap_or(value)
        } else {
            value
        };
        if let Some(bad) = header_value_problem(checked).or_else(|| header_value_problem(name)) {
            let message = if is_auth {
                token_character_message(bad)
            } else {
                format!(
                    "The {name} header contains a character that cannot be sent in an HTTP \
                     header ({}).",
                    bad.describe()
                )
            };
            return Err(ApiError::refused(&message));
        }
    }
    Ok(())
}

/// An answer that is a redirect is refused, not followed: the browser would
/// send the token along to wherever it points. `fetch` with
/// `redirect: "manual"` hands back an opaque answer (status 0) instead.
pub fn redirect_refused(status: u16, opaque_redirect: bool) -> Option<ApiError> {
    if !opaque_redirect && !matches!(status, 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    let mut error = ApiError::from_status(status, None);
    error.kind = ErrorKind::Unexpected;
    error.explanation = "The server answered with a redirect to another address. Keyward does \
                         not follow redirects so your token is never sent elsewhere: check the \
                         connection's API URL (the address it redirects to is the one to use, \
                         if you trust it)."
        .to_string();
    Some(error)
}

/// `scheme://host[:port]` of an absolute http(s) URL; `None` for anything
/// else, or for a URL with credentials in it.
pub fn origin_of(url: &str) -> Option<&str> {
    let scheme_len = ["https://", "http://"].into_iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(str::len)
    })?;
    let rest = &url[scheme_len..];
    let host_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if host_len == 0 || rest[..host_len].contains('@') {
        return None;
    }
    Some(&url[..url.len() - rest.len() + host_len])
}

/// Whether `url` is on `origin` (compared without regard to case). A URL
/// or origin that cannot be read is never a match.
pub fn is_on_origin(url: &str, origin: &str) -> bool {
    match (origin_of(url), origin_of(origin)) {
        (Some(theirs), Some(ours)) => theirs.eq_ignore_ascii_case(ours),
        _ => false,
    }
}

/// Refuses a request for a URL outside `origin`, the one its token was
/// saved for.
pub fn check_destination(url: &str, origin: &str) -> Result<(), ApiError> {
    if is_on_origin(url, origin) {
        return Ok(());
    }
    Err(ApiError::refused(
        "Keyward refused to send this request: it is addressed to another server than the \
         connection's API URL, and the token goes only there.",
    ))
}

/// `text` with every copy of `secret` replaced by "[token]". Very short
/// "secrets" are left alone: masking them would garble ordinary words, and
/// no real token is that short.
pub fn without_secret(text: &str, secret: &str) -> String {
    let secret = secret.trim();
    if secret.len() >= 6 && text.contains(secret) {
        text.replace(secret, "[token]")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::http::Method;

    fn with_token(token: &str) -> HttpRequest {
        HttpRequest::new(Method::Get, "https://api.github.com/user").bearer(token)
    }

    #[test]
    fn invisible_and_breaking_characters_are_named_with_their_place() {
        let error = check_headers(&with_token("ghp_abcdefg\u{200B}hij")).unwrap_err();
        assert_eq!(
            error.explanation,
            "The token contains a character that cannot be sent in an HTTP header \
             (a zero-width space at position 12): paste it again without it."
        );
        assert_eq!(error.status, 0);
        assert!(!error.explanation.contains("ghp_"));
        for (token, named) in [
            ("abc\ndef", "a line break at position 4"),
            ("abc\rdef", "a carriage return at position 4"),
            ("\0abc", "a NUL character at position 1"),
            ("abc\u{1}", "a control character (U+0001) at position 4"),
            ("abc\u{7F}", "a control character (U+007F) at position 4"),
            ("\u{FEFF}abc", "a byte-order mark at position 1"),
            ("tök€n", "the character U+20AC at position 4"),
        ] {
            let error = check_headers(&with_token(token)).unwrap_err();
            assert!(error.explanation.contains(named), "{token:?}: {error}");
        }
    }

    #[test]
    fn what_a_browser_accepts_passes() {
        assert_eq!(check_headers(&with_token("ghp_ABCdef123_-.~+/=")), Ok(()));
        // Latin-1 is sendable (the form refuses it for tokens, not fetch).
        assert_eq!(header_value_problem("caf\u{E9}"), None);
        let other = HttpRequest::new(Method::Get, "https://x/").header("Accept", "a\nb");
        assert!(check_headers(&other)
            .unwrap_err()
            .explanation
            .starts_with("The Accept header"));
    }

    #[test]
    fn redirects_are_refused_with_the_reason() {
        let opaque = redirect_refused(0, true).expect("refused");
        assert!(opaque
            .explanation
            .contains("Keyward does not follow redirects so your token is never sent elsewhere"));
        assert_eq!(opaque.kind, ErrorKind::Unexpected);
        for status in [301, 302, 303, 307, 308] {
            assert!(redirect_refused(status, false).is_some(), "{status}");
        }
        for status in [200, 204, 304, 404, 0] {
            assert!(redirect_refused(status, false).is_none(), "{status}");
        }
    }

    #[test]
    fn requests_go_only_to_the_saved_origin() {
        let ours = "https://api.github.com";
        assert_eq!(
            check_destination("https://api.github.com/user/keys?page=2", ours),
            Ok(())
        );
        assert!(check_destination("HTTPS://API.GITHUB.COM/user", ours).is_ok());
        for elsewhere in [
            "https://api.github.com.evil.example/user",
            "https://evil.example/https://api.github.com",
            "http://api.github.com/user",
            "https://api.github.com:8443/user",
            "https://user@api.github.com/user",
            "//api.github.com/user",
            "/user",
            "",
        ] {
            let error = check_destination(elsewhere, ours).unwrap_err();
            assert!(error.explanation.contains("another server"), "{elsewhere}");
        }
        // An origin that cannot be read matches nothing.
        assert!(check_destination("https://api.github.com/user", "").is_err());
    }

    #[test]
    fn errors_are_masked_in_every_part() {
        let mut error = ApiError::from_status(401, Some("Bad credentials ghp_secret123".into()));
        error
            .field_errors
            .push(("ghp_secret123".into(), "ghp_secret123 is wrong".into()));
        error.explanation.push_str(" ghp_secret123");
        let shown = error.without_secret("ghp_secret123");
        assert!(!format!("{shown:?}").contains("ghp_secret123"), "{shown:?}");
        assert_eq!(
            shown.provider_message.as_deref(),
            Some("Bad credentials [token]")
        );
    }

    #[test]
    fn secrets_are_masked_in_text() {
        assert_eq!(
            without_secret("Bad credentials: ghp_secret123.", " ghp_secret123 "),
            "Bad credentials: [token]."
        );
        // Short values are not masked: they would garble ordinary words.
        assert_eq!(without_secret("the token", "to"), "the token");
    }
}
