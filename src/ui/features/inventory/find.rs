//! "Find a key": a pasted key (any format the engine reads), a `SHA256:` or
//! `MD5:` fingerprint, or words from a title, and every place it is, across
//! providers.

use crate::inventory::{self, Entry};
use leptos::prelude::*;

#[component]
pub(crate) fn FindKey(#[prop(into)] entries: Signal<Vec<Entry>>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let query = Memo::new(move |_| {
        text.with(|t| (!t.trim().is_empty()).then(|| inventory::parse_query(t)))
    });
    let results = move || {
        let Some(query) = query.get() else {
            return ().into_any();
        };
        match query {
            Err(problem) => view! { <p class="field__error" role="alert">{problem}</p> }.into_any(),
            Ok(query) => entries.with(|entries| {
                let found = inventory::find(entries, &query);
                let what = query.describe();
                if found.is_empty() {
                    view! {
                        <p class="inventory-find__none" role="status">
                            {format!("Not found: {what} is in none of the {} keys and tokens read.", entries.len())}
                        </p>
                    }
                    .into_any()
                } else {
                    let places = found.len();
                    view! {
                        <p role="status">{format!("{what} is in {places} {}:", if places == 1 { "place" } else { "places" })}</p>
                        <ul class="inventory-find__results">
                            {found.into_iter().filter_map(|i| entries.get(i).cloned()).map(|e| view! {
                                <li>
                                    <a href=e.link.clone()>{e.place.describe()}</a>
                                    {format!(" — {} · {} ({})", e.title, e.provider.name(), e.connection)}
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }),
        }
    };
    view! {
        <section class="inventory-find" aria-labelledby="inventory-find-title">
            <h2 id="inventory-find-title">"Where is this key?"</h2>
            <div class="field">
                <label for="inventory-find-input">"Find a key"</label>
                <textarea id="inventory-find-input" rows="3" spellcheck="false" autocomplete="off"
                    aria-describedby="inventory-find-help" bind:value=text></textarea>
                <p id="inventory-find-help" class="field__help">
                    "Paste a public key (OpenSSH, PEM, PuTTY, SSH2), a " <code>"SHA256:"</code> " or "
                    <code>"MD5:"</code> " fingerprint, or words from a title. It is matched here, in \
                     your browser. A Terraform key is found only if Keyward uploaded it: Terraform \
                     never returns key material, so Keyward noted the fingerprint of its public half \
                     then; keys uploaded elsewhere cannot be matched."
                </p>
            </div>
            {results}
        </section>
    }
}
