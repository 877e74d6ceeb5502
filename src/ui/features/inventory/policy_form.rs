//! The policy editor of the All keys page: allowed key types, minimum RSA
//! size, maximum age and idle time, read-write deploy keys, the expiry
//! warning and the offboarding filter. Every change applies at once (to
//! the findings, and to the add forms' warnings) and is kept on this
//! device.

use crate::inventory::{Policy, KEY_TYPES};
use crate::ui::state::policy;
use leptos::prelude::*;

/// A number field's text as a count; empty (or 0) means "no limit" (or the
/// default, as `write` decides).
fn count(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok().filter(|&d| d > 0)
}

/// One number of the policy, saved when the field changes.
#[component]
fn PolicyNumber(
    policy: RwSignal<Policy>,
    id: &'static str,
    label: &'static str,
    placeholder: &'static str,
    read: fn(&Policy) -> Option<u32>,
    write: fn(&mut Policy, Option<u32>),
) -> impl IntoView {
    let value = move || policy.with(|p| read(p).map(|n| n.to_string()).unwrap_or_default());
    let save = move |ev: leptos::ev::Event| {
        let number = count(&event_target_value(&ev));
        policy.update(|p| write(p, number));
        policy.with_untracked(policy::save);
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="number" min="0" placeholder=placeholder prop:value=value on:change=save />
        </div>
    }
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
                <PolicyNumber policy id="policy-min-rsa" label="Minimum RSA bits" placeholder="2048"
                    read=|p| Some(p.min_rsa_bits)
                    write=|p, bits| p.min_rsa_bits = bits.unwrap_or(2048) />
                <PolicyNumber policy id="policy-max-age" label="Maximum age (days)" placeholder="no limit"
                    read=|p| p.max_age_days write=|p, days| p.max_age_days = days />
                <PolicyNumber policy id="policy-max-unused" label="Maximum days unused" placeholder="no limit"
                    read=|p| p.max_unused_days write=|p, days| p.max_unused_days = days />
                <PolicyNumber policy id="policy-expiry" label="Warn of expiry within (days)" placeholder="14"
                    read=|p| Some(p.expiry_warning_days)
                    write=|p, days| p.expiry_warning_days = days.unwrap_or(14) />
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
