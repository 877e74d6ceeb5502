//! The Sandbox's service worker, in WebAssembly: the state and the
//! conversion of requests and answers. `sandbox-sw.js` beside this file is
//! the worker itself: it answers `fetch` under `/sandbox/` with [`answer`],
//! one request at a time, and keeps the state in the Cache API, since a
//! service worker has no `localStorage` and is stopped when idle. The rules
//! are the sandbox's own (`keyward::providers::sandbox::browser`).
//!
//! Never logs: requests carry the Sandbox token and TFE private keys.

use keyward::providers::sandbox::browser;
use keyward::providers::sandbox::SandboxState;
use keyward::providers::HttpRequest;
use std::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;
use zeroize::Zeroizing;

thread_local! {
    /// The Sandbox while the worker lives; `None` until [`load`].
    static STATE: RefCell<Option<SandboxState>> = const { RefCell::new(None) };
}

/// Bindgen calls `main` when the module starts; the worker calls [`load`].
fn main() {}

/// Starts from the state saved by an earlier worker (`None`, or text that
/// is not a saved state, starts from the first-visit data).
#[wasm_bindgen]
pub fn load(saved: Option<String>) {
    let state = saved
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_else(SandboxState::browser);
    STATE.with(|cell| *cell.borrow_mut() = Some(state));
}

/// One answer, as the worker turns it into a `Response`.
#[wasm_bindgen(getter_with_clone)]
pub struct Answer {
    pub status: u16,
    /// Name, value, name, value…
    pub headers: Vec<String>,
    pub body: String,
    /// The state after the request, to save before answering (every
    /// request changes it: the Sandbox counts them).
    pub state: String,
}

/// Answers one request under `/sandbox/`: `url` absolute, `headers` as
/// name, value, name, value…, `now` in epoch seconds.
#[wasm_bindgen]
pub fn answer(
    method: &str,
    url: String,
    headers: Vec<String>,
    body: Option<String>,
    now: f64,
) -> Answer {
    let Some(method) = browser::method(method) else {
        return finish(
            browser::message(405, "The Sandbox does not answer this method."),
            None,
        );
    };
    let request = Zeroizing::new(HttpRequest {
        method,
        url,
        headers: pairs(headers),
        body,
    });
    STATE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let state = slot.get_or_insert_with(SandboxState::browser);
        let response = browser::serve(state, &request, now.max(0.0) as u64);
        finish(response, Some(state))
    })
}

fn pairs(flat: Vec<String>) -> Vec<(String, String)> {
    let mut items = flat.into_iter();
    let mut pairs = Vec::new();
    while let (Some(name), Some(value)) = (items.next(), items.next()) {
        pairs.push((name, value));
    }
    pairs
}

fn finish(response: keyward::providers::HttpResponse, state: Option<&SandboxState>) -> Answer {
    let state = state
        .and_then(|state| serde_json::to_string(state).ok())
        .unwrap_or_default();
    Answer {
        status: response.status,
        headers: response
            .headers
            .into_iter()
            .flat_map(|(name, value)| [name, value])
            .collect(),
        body: response.body,
        state,
    }
}
