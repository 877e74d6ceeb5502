//! How a page's request reaches a provider: the Sandbox connection answers
//! inside the page (its state kept in `localStorage`, so it survives a
//! reload); every other connection goes over the network through the one
//! executor, with retries for reads only.

use super::connections::Connection;
use super::storage::{self, Area};
use crate::providers::sandbox::{self, SandboxState};
use crate::providers::{ApiError, HttpRequest, HttpResponse};

const SANDBOX_KEY: &str = "keyward.sandbox";
/// Long enough for a slow enterprise server, short enough to say so.
const TIMEOUT_MS: u32 = 20_000;

/// Sends `request` for `connection`. `Err` only when there was no answer.
pub async fn send(connection: &Connection, request: HttpRequest) -> Result<HttpResponse, ApiError> {
    if connection.is_sandbox() {
        // A short pause, so the sandbox shows the same progress states as a
        // real provider (and double clicks meet a busy button, as they would).
        pause(120).await;
        return Ok(send_to_sandbox(&request));
    }
    #[cfg(target_arch = "wasm32")]
    {
        use crate::providers::executor;
        use crate::providers::retry::RetryPolicy;
        executor::send_with_retry(&request, &RetryPolicy::default(), TIMEOUT_MS).await
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (TIMEOUT_MS, request);
        Err(ApiError::network("only the browser sends requests"))
    }
}

/// Sends a request as built by a provider module: one refused while it was
/// built (status 0, e.g. a `..` path segment) comes back as that error, with
/// nothing sent.
pub async fn send_built(
    connection: &Connection,
    request: Result<HttpRequest, ApiError>,
) -> Result<HttpResponse, ApiError> {
    send(connection, request?).await
}

async fn pause(ms: u64) {
    #[cfg(target_arch = "wasm32")]
    crate::providers::executor::sleep(ms).await;
    #[cfg(not(target_arch = "wasm32"))]
    let _ = ms;
}

fn send_to_sandbox(request: &HttpRequest) -> HttpResponse {
    let mut state = load_sandbox();
    let response = sandbox::handle(&mut state, request, now_epoch());
    if let Ok(json) = serde_json::to_string(&state) {
        storage::write(Area::Local, SANDBOX_KEY, &json);
    }
    response
}

fn load_sandbox() -> SandboxState {
    storage::read(Area::Local, SANDBOX_KEY)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_else(SandboxState::browser)
}

/// Puts the sandbox back to its first-visit state.
pub fn reset_sandbox() {
    storage::remove(Area::Local, SANDBOX_KEY);
}

fn now_epoch() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        (web_sys::js_sys::Date::now() / 1000.0) as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }
}
