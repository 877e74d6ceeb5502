//! The shell around every page: header and navigation, routes, footer.

use crate::ui::pages::{
    ConnectionsPage, InspectPage, NotFoundPage, OrgKeysPage, RepoKeysPage, UserKeysPage,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// The whole app: a router with the site's layout around the routes.
#[component]
pub fn App() -> impl IntoView {
    crate::ui::state::Connections::provide();
    let main_ref = NodeRef::<leptos::html::Main>::new();
    // The router handles every same-site link click; the skip link must move
    // focus, not navigate, so it does that itself.
    let skip_to_main = move |ev: leptos::ev::MouseEvent| {
        if let Some(main) = main_ref.get() {
            ev.prevent_default();
            let _ = main.focus();
        }
    };
    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_main>
                "Skip to main content"
            </a>
            <header class="site-header">
                <div class="site-header__inner">
                    <a class="brand" href="/inspect">
                        // Inline, so the logo costs no request.
                        <svg
                            class="brand__logo"
                            viewBox="0 0 32 32"
                            width="28"
                            height="28"
                            aria-hidden="true"
                        >
                            <circle cx="11" cy="16" r="7" fill="none" stroke="currentColor" stroke-width="4" />
                            <path d="M18 16h12M26 16v6M22 16v4" fill="none" stroke="currentColor" stroke-width="4" />
                        </svg>
                        <span class="brand__name">"Keyward"</span>
                    </a>
                    <nav class="site-nav" aria-label="Main">
                        <ul>
                            <li><NavLink href="/inspect" also="/" label="Inspect" /></li>
                            <li><NavLink href="/user/keys" label="User keys" /></li>
                            <li><NavLink href="/repos" label="Repository keys" /></li>
                            <li><NavLink href="/orgs" label="Organization keys" /></li>
                            <li><NavLink href="/connections" label="Connections" /></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <main id="main" class="site-main" tabindex="-1" node_ref=main_ref>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=InspectPage />
                    <Route path=path!("/inspect") view=InspectPage />
                    <Route path=path!("/user/keys") view=UserKeysPage />
                    <Route path=path!("/repos") view=RepoKeysPage />
                    <Route path=path!("/repos/:owner/:repo/keys") view=RepoKeysPage />
                    <Route path=path!("/orgs") view=OrgKeysPage />
                    <Route path=path!("/orgs/:org/keys") view=OrgKeysPage />
                    <Route path=path!("/connections") view=ConnectionsPage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{concat!("Keyward v", env!("CARGO_PKG_VERSION"))}</p>
                <p>"Keys are inspected in your browser. Nothing you paste is sent anywhere."</p>
            </footer>
        </Router>
    }
}

/// A navigation link that marks itself `aria-current="page"` on its section.
#[component]
fn NavLink(
    /// Where the link goes; paths under it count as current too.
    href: &'static str,
    /// Another exact path that shows the same page (`/` for Inspect).
    #[prop(optional)]
    also: Option<&'static str>,
    /// The link text, which is its accessible name.
    label: &'static str,
) -> impl IntoView {
    let location = use_location();
    let is_current = move || {
        location
            .pathname
            .with(|path| is_under(path, href) || also == Some(path.as_str()))
    };
    view! {
        <a href=href aria-current=move || is_current().then_some("page")>
            {label}
        </a>
    }
}

/// Whether `path` is `section` or a page inside it (`/repos/a/b/keys` is in
/// `/repos`; `/reposx` is not).
fn is_under(path: &str, section: &str) -> bool {
    path.strip_prefix(section)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::is_under;

    #[test]
    fn sections_contain_their_pages_only() {
        assert!(is_under("/repos", "/repos"));
        assert!(is_under("/repos/o/r/keys", "/repos"));
        assert!(is_under("/inspect/", "/inspect"));
        assert!(!is_under("/reposx", "/repos"));
        assert!(!is_under("/", "/inspect"));
    }
}
