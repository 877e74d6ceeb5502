//! The Leptos pages and components: what a person sees and touches.
//!
//! The UI only renders what [`crate::keys`] finds; it never parses keys itself
//! and never sends what the user pasted anywhere (not even to the console).

mod app;
pub mod features;
pub mod format;
mod layout;
pub mod pages;
pub mod state;
pub mod widgets;

pub use app::{App, InspectApp};

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
