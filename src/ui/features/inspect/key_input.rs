//! The big text box a key is pasted into.

use leptos::prelude::*;

/// The id that ties the visible "Key" label to the text box.
const INPUT_ID: &str = "key-input";

/// A labelled, monospace text box; writes every change to `text` at once.
#[component]
pub(crate) fn KeyInput(
    /// The pasted text: read to fill the box, written on every input.
    text: RwSignal<String>,
) -> impl IntoView {
    let is_empty = move || text.with(|t| t.is_empty());
    view! {
        <div class="key-input">
            <div class="key-input__label-row">
                <label for=INPUT_ID class="key-input__label">
                    "Key"
                </label>
                <button
                    type="button"
                    class="button button--quiet"
                    on:click=move |_| text.set(String::new())
                    disabled=is_empty
                >
                    "Clear"
                </button>
            </div>
            <p id="key-input-help" class="key-input__help">
                "A public key (the one line in a "
                <code>".pub"</code>
                " file), a certificate, or a key in PuTTY, PEM or RFC 4716 format. \
                 Several keys at once are fine."
            </p>
            <KeyTextArea id=INPUT_ID class="key-input__box" rows=8 described_by="key-input-help" text />
        </div>
    }
}

/// A text box for pasted keys, bound to `text`. Spellcheck and
/// autocorrect would mangle base64; browsers must not remember what was
/// pasted either. (`autocorrect` has no typed setter.)
#[component]
pub(crate) fn KeyTextArea(
    id: &'static str,
    class: &'static str,
    rows: u32,
    /// The ids of the help and verdict the box points to.
    described_by: &'static str,
    text: RwSignal<String>,
) -> impl IntoView {
    view! {
        <textarea
            id=id
            class=class
            rows=rows
            spellcheck="false"
            autocomplete="off"
            autocapitalize="off"
            aria-describedby=described_by
            placeholder="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… you@example.com"
            bind:value=text
        ></textarea>
    }
    .attr("autocorrect", "off")
}
