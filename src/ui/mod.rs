//! The Leptos pages and components: what a person sees and touches.
//!
//! The UI only renders what [`crate::keys`] finds; it never parses keys itself
//! and never sends what the user pasted anywhere (not even to the console).

// Leptos' `#[component]` expands to `pub` items (its props' builder)
// whatever the function's own visibility, and `unreachable_pub` reports
// them at the component. Everything written in `ui` is `pub(crate)` by
// hand: only `mount` and `mount_inspect` leave the crate.
#![allow(unreachable_pub)]

mod app;
pub(crate) mod features;
pub(crate) mod format;
mod layout;
pub(crate) mod pages;
pub(crate) mod state;
pub(crate) mod widgets;

pub(crate) use app::{App, InspectApp};

/// Mounts the whole app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}

/// Mounts the Inspect page alone on `<body>` (the small first load).
pub fn mount_inspect() {
    leptos::mount::mount_to_body(InspectApp);
}

/// Sets the document title, so tabs and screen readers name the page.
pub(crate) fn set_page_title(page: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{page} · Keyward"));
    }
}

/// Moves keyboard focus to the element with `id`, if it is there (a row
/// just added, a field with an error).
pub(crate) fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// The browser's clock, in milliseconds since the epoch (0 natively, where
/// no page runs).
pub(crate) fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
