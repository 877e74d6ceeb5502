//! The Leptos pages and components.

use leptos::prelude::*;

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(|| view! { <h1>"Keyward"</h1> });
}
