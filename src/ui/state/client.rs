//! How a page's request reaches a provider: every connection, the Sandbox
//! too, goes through the one executor (`fetch`, with retries for reads
//! only). The Sandbox answers on this site's own origin under `/sandbox/`,
//! from a service worker ([`sandbox_worker`]) that keeps its state in this
//! browser, so it survives a reload; a Sandbox request first waits until
//! that worker controls the page.
//!
//! Every request and answer passes here, so here the token is kept to its
//! own origin, masked in whatever error comes back, and wiped from the
//! request and the answer when they are dropped.

#[cfg(target_arch = "wasm32")]
mod sandbox_worker;

use super::connections::{page_origin, Connection};
use crate::providers::guard::{check_destination, without_secret};
use crate::providers::sandbox::browser::RESET_PATH;
use crate::providers::{ApiError, HttpRequest, HttpResponse, Method};
use zeroize::Zeroizing;

/// Long enough for a slow enterprise server, short enough to say so.
const TIMEOUT_MS: u32 = 20_000;

/// Sends `request` for `connection`. `Err` when there was no answer, or
/// when the request was refused before sending (addressed to another
/// origin than the token's, a header a browser cannot send) or after (a
/// redirect). Error texts and error answers come back with the token masked.
pub(crate) async fn send(
    connection: &Connection,
    request: HttpRequest,
) -> Result<Zeroizing<HttpResponse>, ApiError> {
    send_from(&page_origin(), connection, request, Waits::Patient).await
}

/// [`send`] for a long scan, which shows its own pause: a rate limit that
/// asks for more than a second comes back as the refusal (with its reset
/// time) instead of being waited out unseen inside the executor.
pub(crate) async fn send_for_scan(
    connection: &Connection,
    request: HttpRequest,
) -> Result<Zeroizing<HttpResponse>, ApiError> {
    send_from(&page_origin(), connection, request, Waits::Short).await
}

/// How long a retry may wait for a server that asks to wait.
#[derive(Clone, Copy)]
enum Waits {
    /// Up to the retry policy's default ceiling.
    Patient,
    /// Up to a second: the caller shows longer pauses itself.
    Short,
}

/// [`send`] from a page on `page_origin`.
async fn send_from(
    page_origin: &str,
    connection: &Connection,
    request: HttpRequest,
    waits: Waits,
) -> Result<Zeroizing<HttpResponse>, ApiError> {
    let request = Zeroizing::new(request);
    let secrets = secrets_of(connection, &request);
    let result = match check_destination(&request.url, &connection.token_origin(page_origin)) {
        Ok(()) => deliver(connection, &request, waits).await,
        Err(refused) => Err(refused),
    };
    result
        .map(|response| masked(Zeroizing::new(response), &secrets))
        .map_err(|error| masked_error(error, &secrets))
}

/// The connection's token, and the one the request carries if it differs
/// (a CNB deploy key is checked with itself as the token).
fn secrets_of<'a>(connection: &'a Connection, request: &'a HttpRequest) -> [&'a str; 2] {
    let sent = request
        .header_value("authorization")
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default();
    [connection.token(), sent]
}

fn masked_error(error: ApiError, secrets: &[&str]) -> ApiError {
    secrets
        .iter()
        .fold(error, |error, secret| error.without_secret(secret))
}

/// An error answer with the tokens masked in its body, which is where every
/// provider's error message comes from: a server may echo the token.
fn masked(mut response: Zeroizing<HttpResponse>, secrets: &[&str]) -> Zeroizing<HttpResponse> {
    if !response.is_success() {
        for secret in secrets {
            let clean = without_secret(&response.body, secret);
            // The unmasked text is wiped, not only dropped.
            Zeroizing::new(std::mem::replace(&mut response.body, clean));
        }
    }
    response
}

async fn deliver(
    connection: &Connection,
    request: &HttpRequest,
    waits: Waits,
) -> Result<HttpResponse, ApiError> {
    #[cfg(target_arch = "wasm32")]
    {
        use crate::providers::executor;
        use crate::providers::retry::RetryPolicy;
        if connection.is_sandbox() {
            sandbox_worker::ready().await?;
        }
        let policy = match waits {
            Waits::Patient => RetryPolicy::default(),
            Waits::Short => RetryPolicy {
                max_delay_ms: 1_000,
                ..RetryPolicy::default()
            },
        };
        executor::send_with_retry(request, &policy, TIMEOUT_MS).await
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (TIMEOUT_MS, connection, request, waits);
        Err(ApiError::network("only the browser sends requests"))
    }
}

/// Sends a request as built by a provider module: one refused while it was
/// built (status 0, e.g. a `..` path segment) comes back as that error, with
/// nothing sent.
pub(crate) async fn send_built(
    connection: &Connection,
    request: Result<HttpRequest, ApiError>,
) -> Result<Zeroizing<HttpResponse>, ApiError> {
    send(connection, request?).await
}

/// Puts the Sandbox back to its first-visit state (its worker does, as
/// it holds the state).
pub(crate) async fn reset_sandbox() -> Result<(), ApiError> {
    reset_sandbox_from(&page_origin()).await
}

async fn reset_sandbox_from(page_origin: &str) -> Result<(), ApiError> {
    let sandbox = Connection::sandbox();
    let url = format!("{}{RESET_PATH}", page_origin.trim_end_matches('/'));
    let request = HttpRequest::new(Method::Post, url).bearer(sandbox.token());
    let answer = send_from(page_origin, &sandbox, request, Waits::Patient).await?;
    if answer.is_success() {
        Ok(())
    } else {
        Err(ApiError::from_status(answer.status, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::Provider;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    /// Natively nothing in `send` waits, so one poll finishes it.
    fn now<T>(future: impl Future<Output = T>) -> T {
        match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(value) => value,
            Poll::Pending => panic!("the send waited"),
        }
    }

    fn github(token: &str) -> Connection {
        Connection::new(
            Provider::GitHub,
            "GitHub".into(),
            "https://api.github.com".into(),
            token.into(),
            false,
            false,
        )
    }

    #[test]
    fn error_answers_never_carry_the_token() {
        let token = "ghp_echoed_token_123";
        let echo = HttpResponse::new(401, format!(r#"{{"message":"Bad credentials: {token}"}}"#));
        let shown = masked(Zeroizing::new(echo), &["other", token]);
        assert_eq!(shown.body, r#"{"message":"Bad credentials: [token]"}"#);
        // A success is the provider's data, left as it is.
        let ok = masked(Zeroizing::new(HttpResponse::new(200, token)), &[token]);
        assert_eq!(ok.body, token);
    }

    #[test]
    fn a_pasted_key_sent_as_the_token_is_masked_too() {
        let connection = github("ghp_connection_token");
        let request = HttpRequest::new(Method::Get, "https://api.github.com/user")
            .bearer("cnb_pasted_key_42");
        let secrets = secrets_of(&connection, &request);
        let error = ApiError::from_status(
            401,
            Some("cnb_pasted_key_42 is not ghp_connection_token".into()),
        );
        let shown = masked_error(error, &secrets).to_string();
        assert!(shown.contains("[token] is not [token]"), "{shown}");
        let echo = HttpResponse::new(403, "cnb_pasted_key_42");
        assert_eq!(masked(Zeroizing::new(echo), &secrets).body, "[token]");
    }

    #[test]
    fn a_request_for_another_origin_is_refused_unsent() {
        let connection = github("ghp_abcdef");
        let request =
            HttpRequest::new(Method::Get, "https://evil.example/user").bearer("ghp_abcdef");
        let error = now(send(&connection, request)).expect_err("refused");
        assert!(error.explanation.contains("another server"), "{error}");
        assert_eq!(error.status, 0);
        // The right origin gets past the check (to the native stand-in).
        let request = HttpRequest::new(Method::Get, "https://api.github.com/user");
        let error = now(send(&connection, request)).expect_err("no network natively");
        assert!(error.explanation.contains("only the browser"), "{error}");
    }

    const PAGE: &str = "http://127.0.0.1:8080";

    #[test]
    fn the_sandbox_is_reached_like_any_origin() {
        let sandbox = Connection::sandbox();
        let api = sandbox.github(PAGE).expect("github");
        let request = api.check_token(sandbox.token());
        assert!(
            request
                .url
                .starts_with("http://127.0.0.1:8080/sandbox/github/"),
            "{}",
            request.url
        );
        // Past the destination check, to the one executor (natively absent).
        let error = now(send_from(PAGE, &sandbox, request, Waits::Patient))
            .expect_err("no network natively");
        assert!(error.explanation.contains("only the browser"), "{error}");
        let elsewhere = HttpRequest::new(Method::Get, "https://api.github.com/user");
        let error = now(send_from(PAGE, &sandbox, elsewhere, Waits::Patient)).expect_err("refused");
        assert!(error.explanation.contains("another server"), "{error}");
        // Without a page origin, nothing is anyone's.
        let request = HttpRequest::new(Method::Get, "/sandbox/github/user");
        assert!(now(send_from("", &sandbox, request, Waits::Patient)).is_err());
    }

    #[test]
    fn reset_is_a_sandbox_request_like_the_others() {
        let error = now(reset_sandbox_from(PAGE)).expect_err("no network natively");
        assert!(error.explanation.contains("only the browser"), "{error}");
    }
}
