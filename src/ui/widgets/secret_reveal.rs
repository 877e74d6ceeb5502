//! The one-time secret panel: shows a value a provider returns once (a new
//! or rotated token), exactly once.
//!
//! The value lives only here, in a [`StoredValue`] of this component: never
//! in storage, the URL, history or the console, and never in a second Rust
//! string (the DOM text is set from it directly). When the panel closes it
//! is dropped, and [`OneTimeSecret`] wipes its memory; a reload cannot bring
//! it back. Closing or leaving before it was copied asks first.

use crate::providers::OneTimeSecret;
use crate::ui::state::hooks::{use_copy_feedback_with_options, CopyStatus, UseCopyFeedbackOptions};
use crate::ui::widgets::ConfirmDialog;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long "Copied" stays before the status clears.
const FEEDBACK_TIME: Duration = Duration::from_secs(3);

/// A `role="region"` named "One-time secret" with the value, a Copy button,
/// "You will not see this again" and "Done, I have stored it".
#[component]
pub(crate) fn SecretReveal(
    /// The value; moved in, and dropped (wiped) when the panel closes.
    secret: OneTimeSecret,
    /// What the value is, for the heading ("New token “ci-deploy”").
    #[prop(into)]
    title: String,
    /// Runs once the person is done (after confirming, if not copied).
    on_close: Callback<()>,
) -> impl IntoView {
    let secret = StoredValue::new(Some(secret));
    let feedback = use_copy_feedback_with_options(
        UseCopyFeedbackOptions::default().reset_after(FEEDBACK_TIME),
    );
    // Ever copied, for the close and leave guards.
    let copied = feedback.ever_copied;
    let copy_state = feedback.status;
    let confirm_open = RwSignal::new(false);
    let value_ref = NodeRef::<leptos::html::Code>::new();
    let region_ref = NodeRef::<leptos::html::Div>::new();

    // The value goes into the DOM straight from the secret (no Rust copy),
    // and the panel takes focus so a screen reader announces it.
    Effect::new(move |_| {
        if let Some(code) = value_ref.get() {
            secret.with_value(|s| code.set_text_content(s.as_ref().map(OneTimeSecret::expose)));
        }
        if let Some(region) = region_ref.get() {
            let _ = region.focus();
        }
    });

    let guards = LeaveGuards::install(copied);
    on_cleanup(move || {
        guards.remove();
        // Dropping wipes it; the DOM node goes with the panel.
        secret.try_update_value(|s| *s = None);
    });

    let copy = move |_| {
        secret.with_value(|s| match s {
            Some(s) => feedback.copy_str(s.expose()),
            None => feedback.fail(),
        });
    };

    let close = move || {
        secret.update_value(|s| *s = None);
        on_close.run(());
    };
    let done = move |_| {
        if copied.get_untracked() {
            close();
        } else {
            confirm_open.set(true);
        }
    };
    let status = move || match copy_state.get() {
        CopyStatus::Idle => "",
        CopyStatus::Copied => "Copied to the clipboard.",
        CopyStatus::Failed => "Could not copy: select the value and copy it by hand.",
    };

    view! {
        <div
            class="secret-reveal"
            role="region"
            aria-label="One-time secret"
            tabindex="-1"
            node_ref=region_ref
        >
            <h3 class="secret-reveal__title">{title}</h3>
            <p class="secret-reveal__warning">
                <strong>"You will not see this again."</strong>
                " Copy it now and store it where it will be used (a secret store or CI variable). \
                 Keyward does not keep it."
            </p>
            <code class="secret-reveal__value" node_ref=value_ref></code>
            <div class="secret-reveal__actions">
                <button type="button" class="button" on:click=copy>
                    "Copy"
                </button>
                <span
                    class="copy__status"
                    class:copy__status--failed=move || copy_state.get() == CopyStatus::Failed
                    role="status"
                    aria-live="polite"
                >
                    {status}
                </span>
                <button type="button" class="button button--quiet" on:click=done>
                    "Done, I have stored it"
                </button>
            </div>
            <ConfirmDialog
                open=confirm_open
                title="Close without copying?"
                confirm_label="Close"
                busy=Signal::stored(false)
                on_confirm=Callback::new(move |_| {
                    confirm_open.set(false);
                    close();
                })
            >
                <p>
                    "The value has not been copied. Once this panel closes it is gone for good: \
                     the provider will not show it again, and you would have to rotate or \
                     replace it."
                </p>
            </ConfirmDialog>
        </div>
    }
}

/// The browser's "leave this page?" prompt (`beforeunload`) and a check on
/// in-app link clicks, both active while the value is shown and not copied.
struct LeaveGuards {
    before_unload: Option<WindowListenerHandle>,
    link_click: Option<Closure<dyn Fn(web_sys::Event)>>,
}

/// Removes both guards; `Send` so it fits `on_cleanup`.
#[derive(Clone, Copy)]
struct LeaveGuardsHandle(StoredValue<Option<LeaveGuards>, LocalStorage>);

impl LeaveGuards {
    fn install(copied: Signal<bool>) -> LeaveGuardsHandle {
        let before_unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if !copied.try_get_untracked().unwrap_or(true) {
                ev.prevent_default();
                // Older browsers show the prompt only when this is set.
                ev.set_return_value("The one-time secret has not been copied.");
            }
        });
        // The router follows links on a bubbling window listener; this one
        // runs first (capture phase) and cancels the click if the person
        // chooses to stay.
        let link_click = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if copied.try_get_untracked().unwrap_or(true) {
                return;
            }
            let on_link = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[href]").ok().flatten())
                .is_some();
            if !on_link {
                return;
            }
            let leave = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(
                        "The one-time secret has not been copied. Leave this page and lose it?",
                    )
                    .ok()
                })
                .unwrap_or(true);
            if !leave {
                ev.prevent_default();
                ev.stop_propagation();
            }
        });
        let added = web_sys::window().is_some_and(|w| {
            w.add_event_listener_with_callback_and_bool(
                "click",
                link_click.as_ref().unchecked_ref(),
                true,
            )
            .is_ok()
        });
        LeaveGuardsHandle(StoredValue::new_local(Some(LeaveGuards {
            before_unload: Some(before_unload),
            link_click: added.then_some(link_click),
        })))
    }
}

impl LeaveGuardsHandle {
    fn remove(self) {
        let Some(Some(mut guards)) = self.0.try_update_value(Option::take) else {
            return;
        };
        if let Some(handle) = guards.before_unload.take() {
            handle.remove();
        }
        if let (Some(listener), Some(window)) = (guards.link_click.take(), web_sys::window()) {
            let _ = window.remove_event_listener_with_callback_and_bool(
                "click",
                listener.as_ref().unchecked_ref(),
                true,
            );
        }
    }
}
