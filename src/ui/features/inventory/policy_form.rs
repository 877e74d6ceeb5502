//! The policy editor of the All keys page: allowed key types, minimum RSA
//! size, maximum age and idle time, read-write deploy keys, the expiry
//! warning and the offboarding filter. Every change applies at once (to
//! the findings, and to the add forms' warnings) and is kept on this
//! device.

use crate::inventory::{Policy, KEY_TYPES};
use crate::ui::state::policy;
use leptos::prelude::*;

/// A number field's text as a day count; empty (or 0) means "no limit".
fn days(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok().filter(|&d| d > 0)
}

#[component]
pub(crate) fn PolicyForm(policy: RwSignal<Policy>) -> impl IntoView {
    let change = move |edit: &dyn Fn(&mut Policy)| {
        policy.update(|p| edit(p));
        policy.with_untracked(policy::save);
    };
    let type_box = move |key_type: &'static str| {
        let id = format!("policy-type-{}", key_type.replace(['@', '.'], "-"));
        let checked = move || policy.with(|p| p.allowed_types.iter().any(|t| t == key_type));
        let toggle = move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            change(&|p: &mut Policy| {
                p.allowed_types.retain(|t| t != key_type);
                if on {
                    p.allowed_types.push(key_type.to_string());
                }
            });
        };
        let for_id = id.clone();
        view! {
            <label class="checkbox" for=for_id>
                <input id=id type="checkbox" prop:checked=checked on:change=toggle />
                <code>{key_type}</code>
            </label>
        }
    };
    let number = move |read: fn(&Policy) -> Option<u32>| {
        move || policy.with(|p| read(p).map(|n| n.to_string()).unwrap_or_default())
    };
    view! {
        <details class="inventory-policy">
            <summary>"Policy"</summary>
            <p class="field__help">
                "What counts as a finding here, and what every add form warns about. Kept on this device."
            </p>
            <fieldset class="inventory-policy__types">
                <legend>"Allowed key types"</legend>
                {KEY_TYPES.into_iter().map(type_box).collect_view()}
            </fieldset>
            <div class="inventory-policy__grid">
                <div class="field">
                    <label for="policy-min-rsa">"Minimum RSA bits"</label>
                    <input id="policy-min-rsa" type="number" min="1024" step="1024"
                        prop:value=move || policy.with(|p| p.min_rsa_bits.to_string())
                        on:change=move |ev| {
                            let bits = event_target_value(&ev).trim().parse().unwrap_or(2048);
                            change(&|p: &mut Policy| p.min_rsa_bits = bits);
                        } />
                </div>
                <div class="field">
                    <label for="policy-max-age">"Maximum age (days)"</label>
                    <input id="policy-max-age" type="number" min="0" placeholder="no limit"
                        prop:value=number(|p| p.max_age_days)
                        on:change=move |ev| {
                            let d = days(&event_target_value(&ev));
                            change(&|p: &mut Policy| p.max_age_days = d);
                        } />
                </div>
                <div class="field">
                    <label for="policy-max-unused">"Maximum days unused"</label>
                    <input id="policy-max-unused" type="number" min="0" placeholder="no limit"
                        prop:value=number(|p| p.max_unused_days)
                        on:change=move |ev| {
                            let d = days(&event_target_value(&ev));
                            change(&|p: &mut Policy| p.max_unused_days = d);
                        } />
                </div>
                <div class="field">
                    <label for="policy-expiry">"Warn of expiry within (days)"</label>
                    <input id="policy-expiry" type="number" min="0"
                        prop:value=move || policy.with(|p| p.expiry_warning_days.to_string())
                        on:change=move |ev| {
                            let d = event_target_value(&ev).trim().parse().unwrap_or(14);
                            change(&|p: &mut Policy| p.expiry_warning_days = d);
                        } />
                </div>
                <div class="field">
                    <label for="policy-added-by">"Keys added by (offboarding)"</label>
                    <input id="policy-added-by" type="text" autocomplete="off" spellcheck="false"
                        placeholder="a GitHub login"
                        prop:value=move || policy.with(|p| p.added_by.clone().unwrap_or_default())
                        on:change=move |ev| {
                            let who = event_target_value(&ev).trim().to_string();
                            let who = (!who.is_empty()).then_some(who);
                            change(&|p: &mut Policy| p.added_by = who.clone());
                        } />
                </div>
            </div>
            <label class="checkbox" for="policy-read-write">
                <input id="policy-read-write" type="checkbox"
                    prop:checked=move || policy.with(|p| p.allow_read_write_deploy_keys)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        change(&|p: &mut Policy| p.allow_read_write_deploy_keys = on);
                    } />
                "Allow read-write deploy keys"
            </label>
            <p>
                <button type="button" class="button button--quiet"
                    on:click=move |_| change(&|p: &mut Policy| *p = Policy::default())>
                    "Restore the default policy"
                </button>
            </p>
        </details>
    }
}
