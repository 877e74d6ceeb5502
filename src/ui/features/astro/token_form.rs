//! "Create a Deployment API token": name, description, role and lifetime.
//! The new value goes straight from Astro's answer to the caller's
//! one-time panel; the form (and its action's value) never holds it.

use super::Target;
use crate::providers::astro::{
    parse_created, NewDeploymentToken, DEPLOYMENT_ADMIN, DEPLOYMENT_EXPIRY_DAYS,
};
use crate::providers::{ApiError, KeyRecord, OneTimeSecret};
use crate::ui::state::request::call;
use crate::ui::state::Connection;
use crate::ui::widgets::{ActionError, FormActions, TextField};
use leptos::prelude::*;

/// The role select's value for "a custom role, typed below".
const CUSTOM_ROLE: &str = "custom";

/// The lifetime asked for: `None` never expires; `Err` outside 1–365 days.
fn expiry_days(never: bool, days: &str) -> Result<Option<u32>, ApiError> {
    if never {
        return Ok(None);
    }
    match days.trim().parse::<u32>() {
        Ok(n) if DEPLOYMENT_EXPIRY_DAYS.contains(&n) => Ok(Some(n)),
        _ => Err(ApiError::refused_input(
            "tokenExpiryPeriodInDays",
            "A Deployment token can last 1 to 365 days; or tick “Never expires”.",
        )),
    }
}

/// The create form; button **Create token**.
#[component]
pub(crate) fn AstroTokenForm(
    connection: Signal<Option<Connection>>,
    target: Memo<Option<Target>>,
    /// True while an earlier value is still shown: a second one would
    /// replace it before it was stored.
    blocked: RwSignal<bool>,
    /// Runs with the new token and its value.
    on_created: Callback<(KeyRecord, OneTimeSecret)>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let role_choice = RwSignal::new(DEPLOYMENT_ADMIN.to_string());
    let custom_role = RwSignal::new(String::new());
    let never_expires = RwSignal::new(false);
    let days = RwSignal::new("90".to_string());

    let create = Action::new_local(move |_: &()| {
        let (connection, target) = (connection.get_untracked(), target.get_untracked());
        let expiry = expiry_days(never_expires.get_untracked(), &days.get_untracked());
        let role = match role_choice.get_untracked() {
            choice if choice == CUSTOM_ROLE => custom_role.get_untracked(),
            choice => choice,
        };
        let (title, about) = (name.get_untracked(), description.get_untracked());
        async move {
            let Some(target) = target else {
                return Ok(());
            };
            let new = NewDeploymentToken {
                deployment_id: &target.deployment,
                name: &title,
                description: &about,
                role: &role,
                expiry_days: expiry?,
            };
            let created = call(
                connection.as_ref(),
                Connection::astro,
                |astro, token| astro.create_deployment_token(token, &target.organization, &new),
                parse_created,
            )
            .await?;
            if let Some(secret) = created.secret {
                name.try_set(String::new());
                description.try_set(String::new());
                on_created.run((created.record, secret));
            }
            Ok(())
        }
    });
    let pending = create.pending();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || blocked.get_untracked() {
            return;
        }
        create.dispatch_local(());
    };

    view! {
        <form class="org-keys__form" on:submit=submit aria-busy=move || pending.get().then_some("true")>
            <h3>"Create a Deployment API token"</h3>
            <TextField id="astro-new-name" label="Name" value=name required=true disabled=pending />
            <TextField id="astro-new-description" label="Description" value=description disabled=pending />
            <RoleField role_choice custom_role pending />
            <ExpiryField never_expires days pending />
            <ActionError action=create />
            <Show when=move || blocked.get()>
                <p class="field__help">"Store the value shown above and close its panel first."</p>
            </Show>
            <FormActions submit="Create token" pending_label="Creating…" pending disabled=blocked />
        </form>
    }
}

/// The role: Deployment admin, or a custom role typed by name.
#[component]
fn RoleField(
    role_choice: RwSignal<String>,
    custom_role: RwSignal<String>,
    pending: Memo<bool>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="astro-new-role">"Role"</label>
            <select id="astro-new-role" disabled=pending bind:value=role_choice>
                <option value=DEPLOYMENT_ADMIN>"DEPLOYMENT_ADMIN (full rights on this Deployment)"</option>
                <option value=CUSTOM_ROLE>"A custom Deployment role…"</option>
            </select>
        </div>
        <Show when=move || role_choice.get() == CUSTOM_ROLE>
            <TextField
                id="astro-new-custom-role"
                label="Custom role name"
                value=custom_role
                required=true
                disabled=pending
            />
        </Show>
    }
}

/// The lifetime: "Never expires", or a number of days.
#[component]
fn ExpiryField(
    never_expires: RwSignal<bool>,
    days: RwSignal<String>,
    pending: Memo<bool>,
) -> impl IntoView {
    view! {
        <fieldset class="field org-keys__expiry">
            <legend>"Expiry"</legend>
            <label class="org-keys__check">
                <input type="checkbox" disabled=pending bind:checked=never_expires />
                " Never expires"
            </label>
            <Show when=move || !never_expires.get()>
                <label for="astro-new-days">"Expires after (days, 1–365)"</label>
                <input
                    id="astro-new-days"
                    type="number"
                    min="1"
                    max="365"
                    inputmode="numeric"
                    disabled=pending
                    bind:value=days
                />
            </Show>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::expiry_days;

    #[test]
    fn lifetimes_are_one_to_365_days_or_none() {
        assert_eq!(expiry_days(true, "abc"), Ok(None));
        assert_eq!(expiry_days(false, " 30 "), Ok(Some(30)));
        assert!(expiry_days(false, "0").is_err());
        assert!(expiry_days(false, "366").is_err());
    }
}
