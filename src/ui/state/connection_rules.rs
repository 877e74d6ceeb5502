//! The rules a new connection must meet before it is checked or saved:
//! an API URL that keeps the token encrypted, and a token a browser can
//! send. Pure functions, tested natively; the form shows their answers.

use crate::providers::guard::{header_value_problem, token_character_message};
use crate::providers::Provider;

/// Why an API URL cannot be used, in plain words. `Ok` holds it trimmed and
/// without a trailing slash. Only `https://` is accepted, except
/// `http://127.0.0.1`, `http://localhost` and `http://[::1]` for local
/// testing: a token must not cross a network unencrypted.
pub(crate) fn check_api_url(text: &str) -> Result<String, &'static str> {
    let url = text.trim();
    if url.is_empty() {
        return Err("Enter the API URL, such as https://api.github.com.");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("The API URL cannot contain spaces or line breaks.");
    }
    let lower = url.to_ascii_lowercase();
    let (secure, rest) = if let Some(rest) = lower.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = lower.strip_prefix("http://") {
        (false, rest)
    } else {
        return Err("The API URL must start with https://, such as https://api.github.com.");
    };
    if rest.contains(['?', '#']) {
        return Err(
            "Give only the API root: the API URL cannot have a query (?) or a fragment (#).",
        );
    }
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Err(
            "The API URL cannot hold a user name or password: the token goes in the Token field.",
        );
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((address, port)) => (&authority[..address.len() + 2], port),
            None => return Err("The API URL's host is not a valid address."),
        },
        None => match authority.split_once(':') {
            Some((host, port)) => (host, port),
            None => (authority, ""),
        },
    };
    if host.is_empty() {
        return Err("The API URL needs a host name, such as api.github.com.");
    }
    let port = port.strip_prefix(':').unwrap_or(port);
    if !port.chars().all(|c| c.is_ascii_digit()) || port.len() > 5 {
        return Err("The API URL's port must be a number.");
    }
    if !secure && !matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
        return Err("Use https:// so the token travels encrypted (http:// is allowed only for 127.0.0.1 and localhost, for local testing).");
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// What is wrong with a (trimmed) token, if anything. The Sandbox needs
/// none; the others need one, made of the visible ASCII characters every
/// provider's tokens use. The message never repeats the token.
pub(crate) fn token_problem(provider: Provider, token: &str) -> Option<String> {
    if token.is_empty() {
        return (provider != Provider::Sandbox).then(|| {
            format!(
                "Enter the token: Keyward needs it to reach {}.",
                provider.name()
            )
        });
    }
    // Invisible characters first: the message says which and where.
    if let Some(bad) = header_value_problem(token).filter(|b| b.character != ' ') {
        return Some(token_character_message(bad));
    }
    if token.chars().any(char::is_whitespace) {
        return Some("The token has a space or line break inside it: copy it again.".into());
    }
    if !token.chars().all(|c| c.is_ascii_graphic()) {
        return Some("The token has characters tokens never have: copy it again.".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_urls_are_trimmed() {
        assert_eq!(
            check_api_url("  https://api.github.com/ "),
            Ok("https://api.github.com".to_string())
        );
        assert_eq!(
            check_api_url("HTTPS://GHE.example.com:8443/api/v3"),
            Ok("HTTPS://GHE.example.com:8443/api/v3".to_string())
        );
    }

    #[test]
    fn plain_http_only_for_this_machine() {
        assert!(check_api_url("http://127.0.0.1:9").is_ok());
        assert!(check_api_url("http://localhost:8787/github").is_ok());
        assert!(check_api_url("http://[::1]:8080/").is_ok());
        assert!(check_api_url("http://api.github.com")
            .unwrap_err()
            .contains("https://"));
        assert!(check_api_url("http://127.0.0.1.evil.example").is_err());
        assert!(check_api_url("http://localhost@evil.example").is_err());
    }

    #[test]
    fn malformed_urls_are_refused() {
        for bad in [
            "",
            "   ",
            "api.github.com",
            "ftp://x",
            "https://",
            "https:///api",
            "https://api.github.com?token=x",
            "https://api.github.com/#x",
            "https://user:pass@api.github.com",
            "https://api.github.com:port",
            "https://api github.com",
            "https://[::1",
        ] {
            assert!(check_api_url(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn tokens_are_required_except_for_the_sandbox() {
        assert!(token_problem(Provider::GitHub, "")
            .unwrap()
            .contains("Enter the token"));
        assert_eq!(token_problem(Provider::Sandbox, ""), None);
        assert_eq!(token_problem(Provider::GitHub, "ghp_abc123"), None);
        let spaced = token_problem(Provider::Cnb, "abc def").unwrap();
        assert!(!spaced.contains("abc"));
        assert!(token_problem(Provider::Astronomer, "tökén").is_some());
    }

    #[test]
    fn invisible_characters_are_named_before_saving() {
        let problem = token_problem(Provider::Cnb, "cnb_abcdefg\u{200B}hij").unwrap();
        assert_eq!(
            problem,
            "The token contains a character that cannot be sent in an HTTP header \
             (a zero-width space at position 12): paste it again without it."
        );
        assert!(token_problem(Provider::GitHub, "ghp_a\nb")
            .unwrap()
            .contains("a line break at position 6"));
    }
}
