//! The shell around every page: skip link, header and navigation, the
//! page itself, and a footer that says what the page sends.

use leptos::prelude::*;

/// Header, navigation, `<main>` holding `children`, footer.
#[component]
pub(crate) fn Shell(
    /// The current path, for the navigation's `aria-current` and the
    /// footer's sentence.
    path: Signal<String>,
    children: Children,
) -> impl IntoView {
    let main_ref = NodeRef::<leptos::html::Main>::new();
    // The router handles every same-site link click; the skip link must move
    // focus, not navigate, so it does that itself.
    let skip_to_main = move |ev: leptos::ev::MouseEvent| {
        if let Some(main) = main_ref.get() {
            ev.prevent_default();
            let _ = main.focus();
        }
    };
    let note = move || path.with(|path| data_note(path));
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>
            "Skip to main content"
        </a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/inspect">
                    // Inline, so the logo costs no request.
                    <svg class="brand__logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
                        <circle cx="11" cy="16" r="7" fill="none" stroke="currentColor" stroke-width="4" />
                        <path d="M18 16h12M26 16v6M22 16v4" fill="none" stroke="currentColor" stroke-width="4" />
                    </svg>
                    <span class="brand__name">"Keyward"</span>
                </a>
                <nav class="site-nav" aria-label="Main">
                    <ul>
                        <li><NavLink path href="/inspect" also="/" label="Inspect" /></li>
                        <li><NavLink path href="/user/keys" label="User keys" /></li>
                        <li><NavLink path href="/repos" label="Repository keys" /></li>
                        <li><NavLink path href="/orgs" label="Organization keys" /></li>
                        <li><NavLink path href="/keys" label="All keys" /></li>
                        <li><NavLink path href="/connections" label="Connections" /></li>
                    </ul>
                </nav>
            </div>
        </header>
        <main id="main" class="site-main" tabindex="-1" node_ref=main_ref>
            {children()}
        </main>
        <footer class="site-footer">
            <p>{concat!("Keyward v", env!("CARGO_PKG_VERSION"))}</p>
            <p class="site-footer__data">{note}</p>
        </footer>
    }
}

const SANDBOX_NOTE: &str = " With the Sandbox connection, nothing leaves your browser.";

/// The footer's sentence for `path`.
fn data_note(path: &str) -> String {
    let section = |s| is_under(path, s);
    if path == "/" || section("/inspect") {
        return "Inspect runs in your browser: nothing you paste on this page is sent anywhere."
            .into();
    }
    let (sends, sandbox) = if section("/user/keys") {
        (
            "User keys sends the key line and title of a key you add, the login you look up, \
             and your token, only to the API URL of the GitHub connection you choose.",
            SANDBOX_NOTE,
        )
    } else if section("/repos") {
        (
            "Repository keys sends the repository name, the key line, title and read-only \
             choice of a deploy key you add, and your token, only to the API URL of the GitHub \
             connection you choose.",
            SANDBOX_NOTE,
        )
    } else if section("/orgs") {
        (
            "Organization keys sends your token and what you fill in only to the chosen \
             connection's API (directly or through this site's proxy): to HCP Terraform or \
             Terraform Enterprise the name and private key of an SSH key you add; to \
             Astronomer token names, descriptions and roles; to CNB a deploy key you paste \
             (as the token of its check) and the repository or organization names it is \
             checked against.",
            SANDBOX_NOTE,
        )
    } else if section("/connections") {
        (
            "Connections keeps tokens in this browser. A token is sent only to its \
             connection's API URL (or to this site's proxy for it), when you Check it or a \
             page uses it.",
            "",
        )
    } else {
        ("This page sends nothing.", "")
    };
    format!("{sends}{sandbox}")
}

/// A navigation link that marks itself `aria-current="page"` on its section.
#[component]
fn NavLink(
    /// The current path.
    path: Signal<String>,
    /// Where the link goes; paths under it count as current too.
    href: &'static str,
    /// Another exact path that shows the same page (`/` for Inspect).
    #[prop(optional)]
    also: Option<&'static str>,
    /// The link text, which is its accessible name.
    label: &'static str,
) -> impl IntoView {
    let is_current = move || path.with(|path| is_under(path, href) || also == Some(path.as_str()));
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
    use super::{data_note, is_under};

    #[test]
    fn only_inspect_promises_nothing_is_sent() {
        for path in ["/", "/inspect"] {
            assert!(data_note(path).contains("nothing you paste on this page is sent"));
        }
        for (path, names) in [
            ("/user/keys", "GitHub connection"),
            ("/repos/octo/cat/keys", "deploy key"),
            ("/orgs/acme/keys", "private key"),
            ("/connections", "its connection's API URL"),
        ] {
            let note = data_note(path);
            assert!(note.contains(names), "{path}: {note}");
            assert!(!note.contains("nothing you paste"), "{path}: {note}");
        }
        assert_eq!(data_note("/nowhere"), "This page sends nothing.");
    }

    #[test]
    fn sections_contain_their_pages_only() {
        assert!(is_under("/repos", "/repos"));
        assert!(is_under("/repos/o/r/keys", "/repos"));
        assert!(is_under("/inspect/", "/inspect"));
        assert!(!is_under("/reposx", "/repos"));
        assert!(!is_under("/", "/inspect"));
    }
}
