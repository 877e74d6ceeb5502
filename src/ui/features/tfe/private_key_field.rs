//! The "Private key" box of the TFE forms, with the key engine's verdict
//! (TFE's key check) beside it as the person pastes.
//!
//! The text is a secret: whoever owns the signal clears it (with
//! [`wipe`]) as soon as its request completes or the form goes away.

use crate::providers::tfe::{check_private_key_for_tfe, TfeKeyCheck};
use crate::ui::widgets::{Message, PolicyWarnings};
use leptos::prelude::*;
use zeroize::Zeroize;

/// Empties a secret text signal, overwriting the old bytes first.
pub(crate) fn wipe(text: RwSignal<String>) {
    text.try_update(|t| t.zeroize());
}

/// The engine's verdict on a paste: `None` while the box is blank.
pub(crate) fn check(text: &str) -> Option<Result<TfeKeyCheck, String>> {
    (!text.trim().is_empty()).then(|| check_private_key_for_tfe(text))
}

/// A labelled monospace box for a private key; no spellcheck, autofill or
/// autocorrect. Shows whose key it is ("This private key belongs to
/// SHA256:…") or why Terraform could not use it.
#[component]
pub(crate) fn PrivateKeyField(
    /// The pasted key; the owner wipes it.
    text: RwSignal<String>,
    /// The textarea's id (unique on the page).
    id: &'static str,
    /// The visible label, which is the accessible name.
    label: &'static str,
    /// True while the request that carries the key runs.
    #[prop(into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let verdict = Memo::new(move |_| text.with(|t| check(t)));
    // The public half's type and size, for the key policy's warnings.
    let policy_key = Signal::derive(move || {
        verdict.with(|v| match v {
            Some(Ok(found)) => found.public.as_ref().map(|p| (p.key_type.clone(), p.bits)),
            _ => None,
        })
    });
    let help_id = format!("{id}-help");
    let result_id = format!("{id}-check");
    let describedby = format!("{help_id} {result_id}");
    let textarea = view! {
        <textarea
            id=id
            class="private-key-field__box"
            aria-describedby=describedby
            rows="8"
            spellcheck="false"
            autocomplete="off"
            autocapitalize="off"
            placeholder="-----BEGIN RSA PRIVATE KEY-----"
            disabled=move || disabled.get()
            prop:value=move || text.get()
            on:input=move |ev| text.set(event_target_value(&ev))
        ></textarea>
    }
    .attr("autocorrect", "off")
    .attr("data-1p-ignore", "true")
    .attr("data-lpignore", "true");
    view! {
        <div class="field private-key-field">
            <label for=id>{label}</label>
            <p id=help_id class="field__help">
                "The whole private key file (the one without " <code>".pub"</code>
                "), from -----BEGIN to -----END, without a passphrase. It is checked here, \
                 sent only to Terraform, and cleared from this page as soon as Terraform answers."
            </p>
            {textarea}
            <div id=result_id class="private-key-field__check" aria-live="polite">
                <Verdict verdict />
                <PolicyWarnings key=policy_key />
            </div>
        </div>
    }
}

/// Whose key it is and what to watch for, or why Terraform cannot use it.
#[component]
fn Verdict(verdict: Memo<Option<Result<TfeKeyCheck, String>>>) -> impl IntoView {
    view! {
        {move || match verdict.get() {
            None => ().into_any(),
            Some(Ok(found)) => {
                let about = match &found.algorithm {
                    Some(algorithm) => format!(" ({}, {algorithm})", found.format),
                    None => format!(" ({})", found.format),
                };
                let owner = match found.sha256.clone() {
                    Some(sha256) => {
                        view! {
                            <p class="private-key-field__ok">
                                "This private key belongs to "
                                <code class="fingerprint">{sha256}</code> {about}
                                ". Match it with the deploy key on your VCS."
                            </p>
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <p class="private-key-field__ok">
                                "A private key Terraform can use" {about}
                                ", but its public half could not be read to show \
                                 its fingerprint."
                            </p>
                        }
                            .into_any()
                    }
                };
                let warning = found
                    .warning
                    .map(|w| {
                        view! {
                            <p class="private-key-field__warning">
                                <Message text=w />
                            </p>
                        }
                    });
                view! { {owner} {warning} }.into_any()
            }
            Some(Err(why)) => {
                view! {
                    <p class="field__error">
                        <Message text=why />
                    </p>
                }
                    .into_any()
            }
        }}
    }
}
