//! The frame of a page whose feature is not built yet.

use leptos::prelude::*;

/// A page heading, what the page is for, and what is coming to it.
#[component]
pub fn ComingSoon(
    /// The page heading (and the document title).
    title: &'static str,
    /// One sentence on what the page is for.
    intro: &'static str,
    /// What will be here, as a list or paragraphs.
    children: Children,
) -> impl IntoView {
    crate::ui::set_page_title(title);
    view! {
        <section class="page">
            <h1>{title}</h1>
            <p class="page__lead">{intro}</p>
            <div class="notice">
                <p class="notice__title">
                    <span class="badge badge--soon">"Coming soon"</span>
                    " This page is not ready yet. Here is what it will do:"
                </p>
                {children()}
            </div>
            <p>
                "Meanwhile, " <a href="/inspect">"inspect a key"</a>
                " to check it before you add it anywhere."
            </p>
        </section>
    }
}
