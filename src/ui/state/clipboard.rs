//! The browser clipboard, through web-sys.
//!
//! Only text the page derived (public key lines) is ever written here, never
//! what the user pasted.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::{Promise, Reflect};
use web_sys::Clipboard;

/// Writes `text` to the clipboard; `done(true)` once it is there, `done(false)`
/// if the browser refused or has no clipboard.
pub(crate) fn write_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(clipboard) = clipboard() else {
        return done(false);
    };
    let promise: Promise = clipboard.write_text(text);
    // Either callback may run first (and only one runs), so they share `done`.
    let done = Rc::new(RefCell::new(Some(done)));
    let settle = move |ok: bool| {
        let callback = done.borrow_mut().take();
        if let Some(callback) = callback {
            callback(ok);
        }
    };
    let on_success = {
        let settle = settle.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_| settle(true))
    };
    let on_failure = Closure::<dyn FnMut(JsValue)>::new(move |_| settle(false));
    let _ = promise.then2(&on_success, &on_failure);
    // The promise owns the callbacks from here; forgetting them leaks a few
    // bytes per click, which is cheaper than a futures executor dependency.
    on_success.forget();
    on_failure.forget();
}

/// `navigator.clipboard`, absent outside secure contexts (plain http).
fn clipboard() -> Option<Clipboard> {
    let navigator = web_sys::window()?.navigator();
    // Read it as a property: calling a method on `undefined` would throw
    // through the Rust stack.
    let value = Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    Some(value.unchecked_into())
}
