//! Any path no route matches.

use leptos::prelude::*;

#[component]
pub(crate) fn NotFoundPage() -> impl IntoView {
    crate::ui::set_page_title("Page not found");
    view! {
        <section class="page">
            <h1>"Page not found"</h1>
            <p class="page__lead">"There is no page at this address."</p>
            <p>
                "Go to " <a href="/inspect">"the key inspector"</a> " or pick a page above."
            </p>
        </section>
    }
}
