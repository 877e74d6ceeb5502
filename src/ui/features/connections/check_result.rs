//! How a token check shows on the page: the Check button (busy while its
//! action runs), and the progress, report or error under it.

use super::check::{run_check, CheckReport};
use crate::ui::state::Connection;
use crate::ui::widgets::Message;
use leptos::prelude::*;

/// Where a check stands, for the view.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) enum CheckState {
    #[default]
    Idle,
    Running,
    Done(CheckReport),
    /// The error in plain words, without the token.
    Failed(String),
}

impl From<Result<CheckReport, String>> for CheckState {
    fn from(outcome: Result<CheckReport, String>) -> Self {
        match outcome {
            Ok(report) => CheckState::Done(report),
            Err(text) => CheckState::Failed(text),
        }
    }
}

/// A check as an action: `pending()` while it runs (a second click is
/// refused by its caller), `value()` the last report or error.
pub(crate) fn check_action() -> Action<Connection, Result<CheckReport, String>> {
    Action::new_local(|connection: &Connection| {
        let connection = connection.clone();
        async move { run_check(&connection).await }
    })
}

/// Where a check action stands, for [`CheckResult`].
pub(crate) fn check_state(
    check: Action<Connection, Result<CheckReport, String>>,
) -> Signal<CheckState> {
    Signal::derive(move || {
        if check.pending().get() {
            return CheckState::Running;
        }
        check
            .value()
            .get()
            .map_or(CheckState::Idle, CheckState::from)
    })
}

/// "Check": disabled and busy while its check runs, so a second click
/// cannot check twice.
#[component]
pub(crate) fn CheckButton(
    check: Action<Connection, Result<CheckReport, String>>,
    /// Dispatches the check (after the caller's own validation).
    on_check: Callback<()>,
    #[prop(default = "button")] class: &'static str,
) -> impl IntoView {
    let pending = check.pending();
    view! {
        <button
            type="button"
            class=class
            disabled=pending
            aria-busy=move || pending.get().then_some("true")
            on:click=move |_| {
                if !pending.get_untracked() {
                    on_check.run(());
                }
            }
        >
            "Check"
        </button>
    }
}

/// The progress, report or error of a check, announced politely.
#[component]
pub(crate) fn CheckResult(
    /// The check to show.
    #[prop(into)]
    state: Signal<CheckState>,
) -> impl IntoView {
    view! {
        <div class="check-result" role="status" aria-live="polite">
            {move || match state.get() {
                CheckState::Idle => ().into_any(),
                CheckState::Running => {
                    view! { <p class="check-result__progress">"Checking the token…"</p> }
                        .into_any()
                }
                CheckState::Done(report) => view! { <Report report /> }.into_any(),
                CheckState::Failed(text) => {
                    view! {
                        <p class="check-result__error">
                            <strong>"The check failed. "</strong>
                            {text}
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

#[component]
fn Report(report: CheckReport) -> impl IntoView {
    let line = |text: String| view! { <li><Message text /></li> };
    let lacking = (!report.lacking.is_empty()).then(|| {
        view! {
            <ul class="check-result__lacking">
                {report.lacking.into_iter().map(line).collect_view()}
            </ul>
        }
    });
    view! {
        {report
            .signed_in_as
            .map(|who| view! { <p class="check-result__who"><strong>{who}</strong></p> })}
        <ul class="check-result__facts">{report.facts.into_iter().map(line).collect_view()}</ul>
        {lacking}
    }
}
