//! The two ways the app starts, around one shell (header, navigation,
//! footer: [`super::layout`]):
//! - [`InspectApp`]: the Inspect page alone, the first load of `/` and
//!   `/inspect`: the key engine and one page, no router, no provider code,
//!   so the page is interactive after a small download. Its navigation links
//!   are ordinary links, so choosing another page loads the full app.
//! - [`App`]: every page, with the router (`loader.js` starts it for every
//!   other path; once loaded, it serves Inspect too, in-app).

use crate::ui::layout::Shell;
use crate::ui::pages::{
    AllKeysPage, ConnectionsPage, InspectPage, NotFoundPage, OrgKeysPage, RepoKeysPage,
    UserKeysPage,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// The whole app: a router with the site's layout around the routes.
#[component]
pub(crate) fn App() -> impl IntoView {
    crate::ui::state::Connections::provide();
    view! {
        <Router>
            <RoutedShell />
        </Router>
    }
}

/// The shell under the router, which tells it the current path.
#[component]
fn RoutedShell() -> impl IntoView {
    let location = use_location();
    let path = Signal::derive(move || location.pathname.get());
    view! {
        <Shell path>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=InspectPage />
                <Route path=path!("/inspect") view=InspectPage />
                <Route path=path!("/user/keys") view=UserKeysPage />
                <Route path=path!("/repos") view=RepoKeysPage />
                <Route path=path!("/repos/:owner/:repo/keys") view=RepoKeysPage />
                <Route path=path!("/orgs") view=OrgKeysPage />
                <Route path=path!("/orgs/:org/keys") view=OrgKeysPage />
                <Route path=path!("/keys") view=AllKeysPage />
                <Route path=path!("/connections") view=ConnectionsPage />
            </Routes>
        </Shell>
    }
}

/// The Inspect page in the shell, with no router: the page's path does not
/// change while it lives (any link leaves it).
#[component]
pub(crate) fn InspectApp() -> impl IntoView {
    let path = web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .unwrap_or_else(|| "/inspect".to_string());
    view! {
        <Shell path=Signal::stored(path)>
            <InspectPage />
        </Shell>
    }
}

/// The address that shows `org`'s keys (`/orgs` for none).
pub(crate) fn org_path(org: &str) -> String {
    let org = org.trim();
    if org.is_empty() {
        "/orgs".to_string()
    } else {
        let encoded: String = web_sys::js_sys::encode_uri_component(org).into();
        format!("/orgs/{encoded}/keys")
    }
}
