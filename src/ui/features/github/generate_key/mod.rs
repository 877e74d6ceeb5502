//! "Generate a key" on User keys: an Ed25519 pair for a laptop or CI
//! runner, made in the key-generation worker (`state::keygen`). The
//! private half is offered once as `id_ed25519` (encrypted in OpenSSH
//! format when a passphrase is given) and wiped from the page after that
//! download, or when the panel closes; it is never shown, stored, logged
//! or sent. The public half, read back by the engine (whose fingerprint
//! the page shows), is then added as an authentication and/or signing key
//! ([`result`]).

mod pair;
mod result;

use super::key_use::{KeyUse, KeyUseField};
use super::service::KeyTarget;
use crate::providers::KeyRecord;
use crate::ui::focus_by_id;
use crate::ui::state::keygen::{self, KeyKind, NewPair, Ticket};
use crate::ui::state::Connection;
use crate::ui::widgets::{FormActions, TextField};
use leptos::prelude::*;
use pair::{comment_for, passphrase_problem, read_back, Made, Pair, DEFAULT_TITLE};
use result::GeneratedKey;
use zeroize::{Zeroize, Zeroizing};

const BUTTON_ID: &str = "generate-key-open";
const PANEL_ID: &str = "generate-key-panel";

/// The panel's inputs.
#[derive(Clone, Copy)]
struct Fields {
    title: RwSignal<String>,
    comment: RwSignal<String>,
    key_use: RwSignal<String>,
    passphrase: RwSignal<String>,
    confirm: RwSignal<String>,
}

impl Fields {
    fn new() -> Self {
        Fields {
            title: RwSignal::new(DEFAULT_TITLE.to_string()),
            comment: RwSignal::new(String::new()),
            key_use: RwSignal::new(KeyUse::Authentication.value().to_string()),
            passphrase: RwSignal::new(String::new()),
            confirm: RwSignal::new(String::new()),
        }
    }

    /// Back to the defaults, for the next key.
    fn reset(&self) {
        self.forget_passphrase();
        self.title.set(DEFAULT_TITLE.to_string());
        self.comment.set(String::new());
    }

    /// Wipes the typed passphrase (it is in the encrypted key now).
    fn forget_passphrase(&self) {
        self.passphrase.try_update(|p| p.zeroize());
        self.confirm.try_update(|p| p.zeroize());
    }
}

/// What one "Generate" asks the worker for.
#[derive(Clone)]
struct Request {
    comment: String,
    passphrase: Zeroizing<String>,
}

/// Milliseconds since the page opened, for the time taken.
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// Makes a pair and keeps it in `pair` unless the panel closed meanwhile
/// (then the answer is dropped, which wipes it).
fn generate_action(pair: Pair, fields: Fields) -> Action<Request, Result<(), String>> {
    Action::new_local(move |request: &Request| {
        let request = request.clone();
        let run = pair.run.get_value();
        async move {
            let started = now();
            let ticket = Ticket::new();
            pair.ticket.try_set_value(Some(ticket));
            let new = keygen::generate_as(
                ticket,
                KeyKind::Ed25519,
                &request.comment,
                &request.passphrase,
            )
            .await;
            // Closed meanwhile: the worker was stopped, or its answer is
            // dropped here, which wipes it.
            if pair.run.try_get_value() != Some(run) {
                return Ok(());
            }
            pair.ticket.try_set_value(None);
            let NewPair {
                private_key,
                public_key,
                millis,
            } = new?;
            let encrypted = !request.passphrase.is_empty();
            let made = read_back(&public_key, millis, now() - started, encrypted)?;
            pair.private.try_set_value(Some(private_key));
            pair.made.try_set(Some(made));
            fields.forget_passphrase();
            request_animation_frame(|| focus_by_id("generated-key-heading"));
            Ok(())
        }
    })
}

/// The "Generate a key" button and, while open, its panel. Closing wipes
/// a private key not yet downloaded and says the key was discarded.
#[component]
pub(crate) fn GenerateKey(
    /// Where "Add to GitHub" sends the public half.
    #[prop(into)]
    connection: Signal<Option<Connection>>,
    /// Runs once per list that took the key, as the add form's does.
    on_added: Callback<(KeyTarget, KeyRecord)>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    // What the last close said, beside the button.
    let notice = RwSignal::new(String::new());
    let pair = Pair::new();
    let fields = Fields::new();
    let generate = generate_action(pair, fields);
    let close = Callback::new(move |()| {
        let pending = generate.pending().get_untracked();
        let said = if pair.discard() {
            "The key was discarded: its private half was wiped from this page before it was \
             downloaded, and nothing was added to GitHub."
        } else if pending {
            "Generation stopped: the key generator was ended, and no key was kept."
        } else {
            ""
        };
        generate.clear();
        fields.reset();
        notice.set(said.to_string());
        open.set(false);
        request_animation_frame(|| focus_by_id(BUTTON_ID));
    });
    on_cleanup(move || {
        pair.discard();
    });
    let toggle = move |_| {
        if open.get_untracked() {
            close.run(());
        } else {
            notice.set(String::new());
            open.set(true);
            request_animation_frame(|| focus_by_id("generate-key-title"));
        }
    };
    view! {
        <div class="generate-key">
            <button
                id=BUTTON_ID
                type="button"
                class="button"
                aria-expanded=move || open.get().to_string()
                aria-controls=PANEL_ID
                on:click=toggle
            >
                "Generate a key"
            </button>
            <p class="generate-key__notice" role="status">{move || notice.get()}</p>
            <Show when=move || open.get()>
                <GeneratePanel pair fields generate connection on_added close />
            </Show>
        </div>
    }
}

/// The panel: Title, Comment, Key use, Passphrase and its confirmation,
/// "Generate", then the new key ([`GeneratedKey`]) and "Close". Escape
/// closes it too.
#[component]
fn GeneratePanel(
    pair: Pair,
    fields: Fields,
    generate: Action<Request, Result<(), String>>,
    connection: Signal<Option<Connection>>,
    on_added: Callback<(KeyTarget, KeyRecord)>,
    close: Callback<()>,
) -> impl IntoView {
    let Fields {
        title,
        comment,
        key_use,
        passphrase,
        confirm,
    } = fields;
    // Set by a "Generate" press: the mismatch shows from then on.
    let tried = RwSignal::new(false);
    let made = pair.made;
    let locked = Signal::derive(move || generate.pending().get() || made.with(Option::is_some));
    let mismatch = Signal::derive(move || {
        let problem = passphrase.with(|p| confirm.with(|c| passphrase_problem(p, c)));
        problem.filter(|_| tried.get()).map(String::from)
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if locked.get_untracked() {
            return;
        }
        tried.set(true);
        if mismatch.get_untracked().is_some() {
            focus_by_id("generate-key-confirm");
            return;
        }
        let comment = comment_for(&title.get_untracked(), &comment.get_untracked());
        let passphrase = Zeroizing::new(passphrase.get_untracked());
        generate.dispatch_local(Request {
            comment,
            passphrase,
        });
    };
    let comment_hint = move || {
        format!(
            "Written into the key. Leave empty to use the title, “{}”.",
            title.get().trim()
        )
    };
    let passphrase_hint = move || match made.get() {
        Some(Made {
            encrypted: true, ..
        }) => "The private key is encrypted with your passphrase.",
        Some(_) => "The private key is not encrypted.",
        None if passphrase.with(String::is_empty) => {
            "Optional. Left empty, the private key is saved unencrypted: a passphrase is \
             recommended for a laptop (a CI runner usually has none)."
        }
        None => {
            "Encrypts the private key (OpenSSH format). Nobody can recover it if you forget it."
        }
    };
    let error = move || {
        generate.value().with(|outcome| match outcome {
            Some(Err(error)) => {
                Some(view! { <p class="alert alert--danger" role="alert">{error.clone()}</p> })
            }
            _ => None,
        })
    };
    let result = move || {
        made.get()
            .map(|made| view! { <GeneratedKey made pair connection key_use title on_added /> })
    };
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close.run(());
        }
    };
    view! {
        <section id=PANEL_ID class="add-key generate-key__panel" aria-labelledby="generate-key-heading" on:keydown=escape>
            <h2 id="generate-key-heading">"Generate a key"</h2>
            <p class="field__help">
                "An Ed25519 pair for a laptop or CI runner, made here in your browser. You download \
                 the private key once; then it is wiped from this page, and Keyward keeps no copy."
            </p>
            <form
                class="generate-key__form"
                aria-busy=move || generate.pending().get().then_some("true")
                aria-labelledby="generate-key-heading"
                on:submit=submit
                novalidate
            >
                <TextField
                    id="generate-key-title"
                    label="Title"
                    value=title
                    hint="The name GitHub shows, such as the machine it is for."
                />
                <TextField
                    id="generate-key-comment"
                    label="Comment"
                    value=comment
                    hint=comment_hint
                    disabled=locked
                />
                <KeyUseField choice=key_use id="generate-key-use" />
                <TextField
                    id="generate-key-passphrase"
                    label="Passphrase"
                    value=passphrase
                    input_type="password"
                    autocomplete="new-password"
                    hint=passphrase_hint
                    disabled=locked
                />
                <TextField
                    id="generate-key-confirm"
                    label="Confirm passphrase"
                    value=confirm
                    input_type="password"
                    autocomplete="new-password"
                    error=mismatch
                    disabled=locked
                />
                {error}
                <FormActions
                    submit="Generate"
                    pending_label="Generating…"
                    pending=generate.pending()
                    disabled=Signal::derive(move || made.with(Option::is_some))
                />
            </form>
            {result}
            <div class="form-actions">
                <button type="button" class="button button--quiet" on:click=move |_| close.run(())>
                    "Close"
                </button>
            </div>
        </section>
    }
}
