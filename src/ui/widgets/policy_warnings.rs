//! The key policy's warnings for a key about to be added (the policy set on
//! the All keys page). They inform, they do not block: what a provider
//! refuses, the engine refuses before sending.

use crate::ui::state::policy;
use leptos::prelude::*;

/// Warnings for `key` (type as in a key line, bits), or nothing when the
/// key fits the policy or no key is read yet.
#[component]
pub(crate) fn PolicyWarnings(
    /// The key's type and size, once the engine has read one.
    #[prop(into)]
    key: Signal<Option<(String, u32)>>,
    /// A deploy key asked to have write access.
    #[prop(optional, into)]
    read_write_deploy: Signal<bool>,
) -> impl IntoView {
    // Read once: the policy changes on another page.
    let policy = policy::load();
    move || {
        let (key_type, bits) = key.get()?;
        let warnings = policy.check_new_key(&key_type, bits, read_write_deploy.get());
        (!warnings.is_empty()).then(|| {
            view! {
                <ul class="policy-warnings" aria-label="Key policy">
                    {warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                    <li class="policy-warnings__where">
                        "Your policy is set on " <a href="/keys">"All keys"</a> "."
                    </li>
                </ul>
            }
        })
    }
}
