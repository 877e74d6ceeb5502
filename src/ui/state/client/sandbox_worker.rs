//! Starts the Sandbox's service worker (`sandbox-sw.js`, built from
//! `src/bin/keyward_sandbox/`) and waits until it controls this page: only
//! then do the page's fetches under `/sandbox/` reach it. [`ready`] runs
//! before every Sandbox request and costs nothing once the page is
//! controlled.
//!
//! The worker's scope is the whole site, because a page is controlled by
//! the worker whose scope covers the page's URL (not the request's). On a
//! first visit the new worker claims the open page as it activates; after
//! a hard reload (which leaves the page uncontrolled) the page asks the
//! active worker to claim it.

use crate::providers::ApiError;
use crate::ui::state::storage::{self, Area};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys::{Object, Promise, Reflect};

const SCRIPT: &str = "/sandbox-sw.js";
const SCOPE: &str = "/";
/// Each step (install, activation, claim) gets this long: far more than a
/// slow machine needs, and a browser that refuses says so in time.
const STEP_MS: i32 = 10_000;

#[wasm_bindgen]
extern "C" {
    /// `navigator.serviceWorker` (web-sys has it behind features this
    /// crate does not otherwise need).
    #[wasm_bindgen(extends = web_sys::EventTarget)]
    type Container;
    #[wasm_bindgen(method, getter)]
    fn controller(this: &Container) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn ready(this: &Container) -> Promise;
    #[wasm_bindgen(method, catch)]
    fn register(this: &Container, url: &str, options: &JsValue) -> Result<Promise, JsValue>;

    type Registration;
    #[wasm_bindgen(method, getter)]
    fn active(this: &Registration) -> Option<Worker>;

    type Worker;
    #[wasm_bindgen(method, catch, js_name = postMessage)]
    fn post_message(this: &Worker, message: &JsValue) -> Result<(), JsValue>;
}

/// Resolves once the Sandbox's worker controls the page; `Err` (shown like
/// a network failure, nothing sent) when this browser will not run it.
pub(crate) async fn ready() -> Result<(), ApiError> {
    let container = container().ok_or_else(|| failed("this browser has no service workers"))?;
    if controlled(&container) {
        return Ok(());
    }
    // Where the Sandbox kept its data when it ran inside the page: left
    // behind by earlier versions, read by nothing now.
    storage::remove(Area::Local, "keyward.sandbox");
    // Listening first, so a change during the steps below is not missed.
    let changed = Promise::new(&mut |resolve, _| {
        let _ = container.add_event_listener_with_callback("controllerchange", &resolve);
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &"scope".into(), &SCOPE.into());
    let registering = container
        .register(SCRIPT, &options)
        .map_err(|_| failed("its service worker was refused"))?;
    within(registering)
        .await
        .ok_or_else(|| failed("its service worker could not be installed"))?;
    let registration: Registration = within(container.ready())
        .await
        .ok_or_else(|| failed("its service worker did not start"))?
        .unchecked_into();
    if !controlled(&container) {
        if let Some(worker) = registration.active() {
            let _ = worker.post_message(&"claim".into());
        }
        within(changed).await;
    }
    if controlled(&container) {
        Ok(())
    } else {
        Err(failed("its service worker did not take this page"))
    }
}

fn container() -> Option<Container> {
    let navigator = web_sys::window()?.navigator();
    let container = Reflect::get(&navigator, &"serviceWorker".into()).ok()?;
    (!container.is_undefined() && !container.is_null()).then(|| container.unchecked_into())
}

fn controlled(container: &Container) -> bool {
    !container.controller().is_null() && !container.controller().is_undefined()
}

/// What `promise` resolves to, or `None` if it fails or takes longer than
/// [`STEP_MS`].
async fn within(promise: Promise) -> Option<JsValue> {
    let timer = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, STEP_MS);
        }
    });
    let raced = Promise::race(&web_sys::js_sys::Array::of2(&promise, &timer));
    JsFuture::from(raced)
        .await
        .ok()
        .filter(|value| !value.is_undefined())
}

fn failed(why: &str) -> ApiError {
    let mut error = ApiError::network(why);
    error.explanation = format!(
        "The Sandbox could not start: {why}. It runs in this browser as a service worker; \
         a private window or a browser setting may turn those off. Reload the page to try again."
    );
    error
}
