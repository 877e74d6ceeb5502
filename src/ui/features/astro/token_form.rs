//! "Create a Deployment API token": name, description, role and lifetime.
//! The new value goes straight from Astro's answer to the caller's
//! one-time panel; the form never holds it.

use crate::providers::astro::{
    parse_created, NewDeploymentToken, DEPLOYMENT_ADMIN, DEPLOYMENT_EXPIRY_DAYS,
};
use crate::providers::{ApiError, KeyRecord, OneTimeSecret};
use crate::ui::state::client::send_built;
use crate::ui::state::connections::page_origin;
use crate::ui::state::Connection;
use crate::ui::widgets::ProviderError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The Astro organization and Deployment the tokens belong to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub organization: String,
    pub deployment: String,
}

/// The role select's value for "a custom role, typed below".
const CUSTOM_ROLE: &str = "custom";

/// The create form; button **Create token**.
#[component]
pub fn AstroTokenForm(
    connection: Signal<Option<Connection>>,
    target: RwSignal<Option<Target>>,
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
    let expires = RwSignal::new(true);
    let days = RwSignal::new("90".to_string());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || blocked.get_untracked() {
            return;
        }
        let (Some(connection), Some(target)) = (connection.get_untracked(), target.get_untracked())
        else {
            return;
        };
        let Some(astro) = connection.astro(&page_origin()) else {
            return;
        };
        let expiry_days = if expires.get_untracked() {
            match days.get_untracked().trim().parse::<u32>() {
                Ok(n) if DEPLOYMENT_EXPIRY_DAYS.contains(&n) => Some(n),
                _ => {
                    error.set(Some(ApiError::refused_input(
                        "tokenExpiryPeriodInDays",
                        "A Deployment token can last 1 to 365 days; or tick “Never expires”.",
                    )));
                    return;
                }
            }
        } else {
            None
        };
        let role = match role_choice.get_untracked() {
            choice if choice == CUSTOM_ROLE => custom_role.get_untracked(),
            choice => choice,
        };
        let (name_text, description_text) = (name.get_untracked(), description.get_untracked());
        let request = astro.create_deployment_token(
            connection.token(),
            &target.organization,
            &NewDeploymentToken {
                deployment_id: &target.deployment,
                name: &name_text,
                description: &description_text,
                role: &role,
                expiry_days,
            },
        );
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = send_built(&connection, request)
                .await
                .and_then(|response| parse_created(&response));
            busy.try_set(false);
            match result {
                Ok(created) => {
                    let Some(secret) = created.secret else {
                        return;
                    };
                    name.try_set(String::new());
                    description.try_set(String::new());
                    on_created.run((created.record, secret));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };

    let disabled = move || busy.get() || blocked.get();
    view! {
        <form class="org-keys__form" on:submit=submit aria-busy=move || busy.get().then_some("true")>
            <h3>"Create a Deployment API token"</h3>
            <div class="field">
                <label for="astro-new-name">"Name"</label>
                <input
                    id="astro-new-name"
                    type="text"
                    autocomplete="off"
                    required
                    disabled=move || busy.get()
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="astro-new-description">"Description"</label>
                <input
                    id="astro-new-description"
                    type="text"
                    autocomplete="off"
                    disabled=move || busy.get()
                    prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="astro-new-role">"Role"</label>
                <select
                    id="astro-new-role"
                    disabled=move || busy.get()
                    prop:value=move || role_choice.get()
                    on:change=move |ev| role_choice.set(event_target_value(&ev))
                >
                    <option value=DEPLOYMENT_ADMIN>"DEPLOYMENT_ADMIN (full rights on this Deployment)"</option>
                    <option value=CUSTOM_ROLE>"A custom Deployment role…"</option>
                </select>
            </div>
            <Show when=move || role_choice.get() == CUSTOM_ROLE>
                <div class="field">
                    <label for="astro-new-custom-role">"Custom role name"</label>
                    <input
                        id="astro-new-custom-role"
                        type="text"
                        autocomplete="off"
                        required
                        disabled=move || busy.get()
                        prop:value=move || custom_role.get()
                        on:input=move |ev| custom_role.set(event_target_value(&ev))
                    />
                </div>
            </Show>
            <fieldset class="field org-keys__expiry">
                <legend>"Expiry"</legend>
                <label class="org-keys__check">
                    <input
                        type="checkbox"
                        disabled=move || busy.get()
                        prop:checked=move || !expires.get()
                        on:change=move |ev| expires.set(!event_target_checked(&ev))
                    />
                    " Never expires"
                </label>
                <Show when=move || expires.get()>
                    <label for="astro-new-days">"Expires after (days, 1–365)"</label>
                    <input
                        id="astro-new-days"
                        type="number"
                        min="1"
                        max="365"
                        inputmode="numeric"
                        disabled=move || busy.get()
                        prop:value=move || days.get()
                        on:input=move |ev| days.set(event_target_value(&ev))
                    />
                </Show>
            </fieldset>
            {move || error.get().map(|error| view! { <ProviderError error /> })}
            <Show when=move || blocked.get()>
                <p class="field__help">"Store the value shown above and close its panel first."</p>
            </Show>
            <button type="submit" class="button" disabled=disabled>
                {move || if busy.get() { "Creating…" } else { "Create token" }}
            </button>
        </form>
    }
}
