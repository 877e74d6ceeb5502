//! `/connections`: the accounts Keyward may act for. Add one (check its
//! token first if you like), check or forget a saved one, reset the
//! Sandbox. The Sandbox connection is always there, first.
//!
//! Never here: a token in the page's text, a URL, a log line or an error.

use crate::ui::features::connections::{
    check_action, check_state, CheckButton, CheckResult, ConnectionForm,
};
use crate::ui::state::{client, Connection, Connections};
use crate::ui::widgets::ConfirmDialog;
use leptos::prelude::*;

/// The connection a "Forget" dialog is about (no token: it is not needed).
#[derive(Clone, Debug, PartialEq, Eq)]
struct ForgetTarget {
    id: String,
    label: String,
    provider: &'static str,
}

/// Where a connection's token lives, in the words the list uses.
fn token_kept(connection: &Connection) -> &'static str {
    if connection.is_sandbox() {
        "built in (no real token)"
    } else if connection.remember {
        "this device"
    } else {
        "this tab only"
    }
}

/// Where a connection's requests go, in the words the list uses.
fn requests_go(connection: &Connection) -> String {
    if connection.is_sandbox() {
        return "nowhere: the Sandbox answers inside this browser".to_string();
    }
    match (connection.via_proxy, connection.provider.proxy_prefix()) {
        (true, Some(prefix)) => format!("{} through this site's {prefix}", connection.api_url),
        _ => connection.api_url.clone(),
    }
}

#[component]
pub(crate) fn ConnectionsPage() -> impl IntoView {
    crate::ui::set_page_title("Connections");
    let connections = Connections::get();
    let forget_open = RwSignal::new(false);
    let forget_target = RwSignal::new(None::<ForgetTarget>);
    let reset_open = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let list_heading = NodeRef::<leptos::html::H2>::new();

    let ask_forget = Callback::new(move |target: ForgetTarget| {
        notice.set(None);
        forget_target.set(Some(target));
        forget_open.set(true);
    });
    let ask_reset = Callback::new(move |()| {
        notice.set(None);
        reset_open.set(true);
    });

    view! {
        <section class="page page--connections">
            <h1>"Connections"</h1>
            <p class="page__lead">
                "The services Keyward manages keys on, and the tokens it uses for them. \
                 Tokens stay in this browser and go only to the service they belong to."
            </p>
            <h2>"Add a connection"</h2>
            <ConnectionForm />
            <h2 id="saved-connections" tabindex="-1" node_ref=list_heading>
                "Your connections"
            </h2>
            <p class="connections__notice" role="status" aria-live="polite">
                {move || notice.get()}
            </p>
            <ul class="connection-list" aria-labelledby="saved-connections">
                <For
                    each=move || connections.all()
                    key=|connection| connection.id.clone()
                    let:connection
                >
                    <ConnectionRow connection on_forget=ask_forget on_reset=ask_reset />
                </For>
            </ul>
            <ForgetDialog open=forget_open target=forget_target notice list_heading />
            <ResetDialog open=reset_open notice />
        </section>
    }
}

/// "Forget “…”?": removes the connection and its token from this browser.
#[component]
fn ForgetDialog(
    open: RwSignal<bool>,
    target: RwSignal<Option<ForgetTarget>>,
    notice: RwSignal<Option<String>>,
    /// Where the focus lands once the row is gone.
    list_heading: NodeRef<leptos::html::H2>,
) -> impl IntoView {
    let connections = Connections::get();
    let forget = Callback::new(move |()| {
        if let Some(target) = target.get_untracked() {
            connections.forget(&target.id);
            notice.set(Some(format!(
                "Forgot “{}”: its token is gone from this browser.",
                target.label
            )));
        }
        open.set(false);
        target.set(None);
        // The row that held the focus is gone: land on the list instead.
        if let Some(heading) = list_heading.get_untracked() {
            let _ = heading.focus();
        }
    });
    let title = Signal::derive(move || {
        target.with(|t| {
            t.as_ref()
                .map(|t| format!("Forget “{}”?", t.label))
                .unwrap_or_default()
        })
    });
    view! {
        <ConfirmDialog open title confirm_label="Forget" busy=false on_confirm=forget>
            {move || {
                target
                    .get()
                    .map(|target| {
                        view! {
                            <p>
                                "Keyward removes this connection and its token from this tab's \
                                 memory and from both of this browser's storages."
                            </p>
                            <p>
                                "The token itself still works at " {target.provider}
                                ": revoke it there if nothing else needs it."
                            </p>
                        }
                    })
            }}
        </ConfirmDialog>
    }
}

/// "Reset the Sandbox?": its data goes back to the first visit's.
#[component]
fn ResetDialog(open: RwSignal<bool>, notice: RwSignal<Option<String>>) -> impl IntoView {
    let reset = Action::new_local(move |_: &()| async move {
        let done = client::reset_sandbox().await;
        open.try_set(false);
        notice.try_set(Some(match done {
            Ok(()) => "The Sandbox is back to its first-visit data.".to_string(),
            Err(error) => format!("The Sandbox was not reset: {}", error.explanation),
        }));
    });
    let confirm = Callback::new(move |()| {
        if !reset.pending().get_untracked() {
            reset.dispatch_local(());
        }
    });
    view! {
        <ConfirmDialog
            open
            title="Reset the Sandbox?"
            confirm_label="Reset"
            busy=reset.pending()
            on_confirm=confirm
        >
            <p>
                "Every key and token you added, changed or deleted in the Sandbox goes \
                 back to how it was on your first visit. Your other connections are not \
                 touched."
            </p>
        </ConfirmDialog>
    }
}

/// One saved connection: what it is, where its token lives, and its actions.
#[component]
fn ConnectionRow(
    /// The connection shown.
    connection: Connection,
    /// Asks to forget it (the page confirms first).
    on_forget: Callback<ForgetTarget>,
    /// Asks to reset the Sandbox's data (the page confirms first).
    on_reset: Callback<()>,
) -> impl IntoView {
    let check = check_action();
    let heading_id = format!("connection-{}", connection.id);
    let labelled_by = heading_id.clone();
    let kept = token_kept(&connection);
    let requests = requests_go(&connection);
    let provider = connection.provider.name();
    let is_sandbox = connection.is_sandbox();
    let label = connection.label.clone();
    let target = ForgetTarget {
        id: connection.id.clone(),
        label: connection.label.clone(),
        provider,
    };
    let on_check = Callback::new(move |()| {
        check.dispatch_local(connection.clone());
    });
    let action = if is_sandbox {
        view! {
            <button
                type="button"
                class="button button--quiet"
                on:click=move |_| on_reset.run(())
            >
                "Reset sandbox data"
            </button>
        }
        .into_any()
    } else {
        view! {
            <button
                type="button"
                class="button button--quiet"
                on:click=move |_| on_forget.run(target.clone())
            >
                "Forget"
            </button>
        }
        .into_any()
    };
    view! {
        <li class="connection" aria-labelledby=labelled_by>
            <div class="connection__header">
                <h3 id=heading_id class="connection__name">{label}</h3>
                {is_sandbox.then(|| view! { <span class="badge badge--builtin">"Built in"</span> })}
            </div>
            <dl class="facts connection__facts">
                <dt>"Provider"</dt>
                <dd>{provider}</dd>
                <dt>"API URL"</dt>
                <dd class:connection__url=!is_sandbox>{requests}</dd>
                <dt>"Token kept"</dt>
                <dd>{kept}</dd>
            </dl>
            <div class="connection__actions">
                <CheckButton check on_check />
                {action}
            </div>
            <CheckResult state=check_state(check) />
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::Provider;

    fn github(remember: bool) -> Connection {
        Connection::new(
            Provider::GitHub,
            "Work".into(),
            "https://api.github.com".into(),
            "ghp_secret".into(),
            false,
            remember,
        )
    }

    #[test]
    fn the_list_says_where_tokens_live() {
        assert_eq!(token_kept(&github(false)), "this tab only");
        assert_eq!(token_kept(&github(true)), "this device");
        assert!(token_kept(&Connection::sandbox()).starts_with("built in"));
    }

    #[test]
    fn the_list_says_where_requests_go() {
        assert_eq!(requests_go(&github(false)), "https://api.github.com");
        let proxied = Connection::new(
            Provider::Cnb,
            "CNB".into(),
            "https://api.cnb.cool".into(),
            "t".into(),
            true,
            false,
        );
        assert_eq!(
            requests_go(&proxied),
            "https://api.cnb.cool through this site's /proxy/cnb"
        );
        assert!(requests_go(&Connection::sandbox()).contains("inside this browser"));
    }
}
