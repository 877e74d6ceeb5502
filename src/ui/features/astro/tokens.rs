//! Astronomer Deployment API tokens: pick the organization and Deployment,
//! list the tokens (never their values: Astro shows only `shortToken`),
//! create one and rotate one (each value shown once in [`SecretReveal`]),
//! rotate one with overlap (overlap.rs), edit name and description, delete.

use super::danger::{DangerDialogs, DangerZone};
use super::deployments::DeploymentPicker;
use super::overlap::{Overlap, OverlapPanel};
use super::token_form::AstroTokenForm;
use super::token_row::{RowContext, TokenTable};
use super::Target;
use crate::providers::astro::{parse_token_page, TokenPage};
use crate::providers::{ApiError, KeyRecord, OneTimeSecret};
use crate::ui::state::connections::Api;
use crate::ui::state::keyed::{draft, draft_value, Keyed};
use crate::ui::state::request::call;
use crate::ui::state::Connection;
use crate::ui::widgets::{ActionError, Listing, Loaded, SecretReveal, TextField};
use leptos::prelude::*;

/// How many tokens one list request asks for.
const PAGE_SIZE: u32 = 100;

/// The tokens loaded so far, and where the next page starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TokenList {
    pub(crate) tokens: Vec<KeyRecord>,
    pub(crate) next_offset: Option<u64>,
}

/// The list, as Astro gave it and as this page changed it since.
pub(crate) type Tokens = LocalResource<Listing<TokenList>>;

/// What the list is of.
pub(crate) type Key = (Option<Connection>, Option<Target>);

async fn load_page(
    connection: &Connection,
    target: &Target,
    offset: u64,
) -> Result<TokenPage, ApiError> {
    let offset = u32::try_from(offset).unwrap_or(u32::MAX);
    call(
        Some(connection),
        Connection::astro,
        |astro, token| {
            astro.list_tokens(
                token,
                &target.organization,
                &target.deployment,
                offset,
                PAGE_SIZE,
            )
        },
        parse_token_page,
    )
    .await
}

async fn load(key: Key) -> Listing<TokenList> {
    let (Some(connection), Some(target)) = key else {
        return None;
    };
    if !connection.supports(Api::Astro) {
        return None;
    }
    let page = load_page(&connection, &target, 0).await;
    Some(page.map(|page| TokenList {
        tokens: page.tokens,
        next_offset: page.next_offset,
    }))
}

/// Changes the loaded list in place (a token created, edited, rotated,
/// deleted here, or a further page).
pub(crate) fn edit(tokens: Tokens, change: impl FnOnce(&mut TokenList)) {
    tokens.try_update(|value| {
        if let Some(Some(Ok(list))) = value {
            change(list);
        }
    });
}

/// Puts an updated record in place of the one with its id.
pub(crate) fn replace_record(tokens: Tokens, updated: KeyRecord) {
    edit(tokens, |list| {
        for token in list.tokens.iter_mut().filter(|t| t.id == updated.id) {
            *token = updated.clone();
        }
    });
}

/// The Astro section of the organization page.
#[component]
pub(crate) fn AstroTokens(
    /// The chosen connection (Astronomer or the Sandbox).
    #[prop(into)]
    connection: Signal<Option<Connection>>,
    /// The organization ID to start with (the Sandbox's is `org-sandbox`).
    #[prop(into)]
    default_organization: Signal<String>,
    /// The Deployment ID to start with.
    #[prop(into)]
    default_deployment: Signal<String>,
) -> impl IntoView {
    // The fields start from the defaults; "Show tokens" picks a target for
    // as long as the defaults stay.
    let defaults = Memo::new(move |_| (default_organization.get(), default_deployment.get()));
    let chosen = Keyed::<(String, String), Target>::new(defaults);
    let target = Memo::new(move |_| {
        chosen.get().or_else(|| {
            let (organization, deployment) = defaults.get();
            let complete = !organization.trim().is_empty() && !deployment.trim().is_empty();
            complete.then_some(Target {
                organization,
                deployment,
            })
        })
    });
    let key = Memo::new(move |_| (connection.get(), target.get()));
    let tokens: Tokens = LocalResource::new(move || load(key.get()));
    let notice = Keyed::<Key, String>::new(key);
    let busy = RwSignal::new(false);

    let one_time = OneTime::new();
    let on_created = Callback::new(move |(record, secret): (KeyRecord, OneTimeSecret)| {
        one_time.show(format!("New token “{}”", record.title), secret);
        notice.set(format!("Created “{}”.", record.title));
        edit(tokens, |list| list.tokens.insert(0, record));
    });
    let danger = DangerZone::new(connection, target, tokens, notice, one_time);
    let rows = RowContext {
        connection,
        target,
        tokens,
        notice,
        editing: Keyed::new(key),
        revealing: one_time.revealing,
        ask: danger.ask,
        overlap: Overlap::new(key),
    };

    view! {
        <div class="org-keys__provider" aria-busy=move || busy.get().then_some("true")>
            <p class="field__help">
                "Deployment API tokens let CI and scripts deploy to one Deployment. Astro shows a \
                 token's value only once, when it is created or rotated."
            </p>
            <TargetForm connection defaults chosen />
            <OneTimePanel one_time />
            <OverlapPanel rows />
            <p class="org-keys__status" role="status" aria-live="polite">{move || notice.get()}</p>
            <ActionError action=danger.action />
            <Show when=move || target.with(Option::is_some) fallback=|| view! {
                <p class="org-keys__empty">"Enter the Organization ID and Deployment ID, then choose Show tokens."</p>
            }>
                <Loaded resource=tokens loading="Loading tokens…" failed="Could not list the tokens" set_pending=busy>
                    <TokenTable rows />
                </Loaded>
                <ShowMore tokens key />
                <AstroTokenForm connection target blocked=one_time.revealing on_created />
            </Show>
            <DangerDialogs danger />
        </div>
    }
}

/// The Organization ID and Deployment ID, starting from the defaults;
/// "Show tokens" chooses them, and so does choosing a listed Deployment
/// (of the organization chosen last, else the default one).
#[component]
fn TargetForm(
    connection: Signal<Option<Connection>>,
    defaults: Memo<(String, String)>,
    chosen: Keyed<(String, String), Target>,
) -> impl IntoView {
    let org_input = draft(Signal::derive(move || defaults.get().0));
    let deployment_input = draft(Signal::derive(move || defaults.get().1));
    let listed_org = Memo::new(move |_| {
        chosen
            .get()
            .map(|t| t.organization)
            .unwrap_or_else(|| defaults.get().0)
    });
    let current = Signal::derive(move || deployment_input.get().get());
    let on_choose = Callback::new(move |deployment: String| {
        if let Some(input) = deployment_input.try_get_untracked() {
            input.set(deployment.clone());
        }
        chosen.set(Target {
            organization: listed_org.get_untracked(),
            deployment,
        });
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let field = |input: Memo<RwSignal<String>>| {
            draft_value(input).unwrap_or_default().trim().to_string()
        };
        chosen.set(Target {
            organization: field(org_input),
            deployment: field(deployment_input),
        });
    };
    view! {
        <form class="org-keys__target" on:submit=submit>
            {move || view! {
                <TextField id="astro-organization" label="Organization ID" value=org_input.get() required=true />
            }}
            {move || view! {
                <TextField
                    id="astro-deployment"
                    label="Deployment ID"
                    value=deployment_input.get()
                    required=true
                    hint="Shown on the Deployment's page in the Astro UI."
                />
            }}
            <button type="submit" class="button button--quiet">"Show tokens"</button>
            <DeploymentPicker
                connection
                organization=Signal::derive(move || listed_org.get())
                current
                on_choose
            />
        </form>
    }
}

/// "Show more tokens": the next page, added to the list in place.
#[component]
fn ShowMore(tokens: Tokens, key: Memo<Key>) -> impl IntoView {
    let more = Action::new_local(move |offset: &u64| {
        let (offset, asked) = (*offset, key.get_untracked());
        async move {
            let (Some(connection), Some(target)) = asked.clone() else {
                return Ok(());
            };
            let page = load_page(&connection, &target, offset).await?;
            // A page of a list no longer shown is dropped.
            if key.try_get_untracked().as_ref() == Some(&asked) {
                edit(tokens, |list| {
                    list.tokens.extend(page.tokens);
                    list.next_offset = page.next_offset;
                });
            }
            Ok(())
        }
    });
    let next_offset = move || {
        tokens.with(|v| {
            v.as_ref()
                .and_then(|v| v.as_ref()?.as_ref().ok()?.next_offset)
        })
    };
    let pending = more.pending();
    view! {
        <ActionError action=more />
        <Show when=move || next_offset().is_some()>
            <button
                type="button"
                class="button button--quiet"
                disabled=pending
                on:click=move |_| {
                    if let (Some(offset), false) = (next_offset(), pending.get_untracked()) {
                        more.dispatch_local(offset);
                    }
                }
            >
                "Show more tokens"
            </button>
        </Show>
    }
}

/// The one-time value of a created or rotated token, handed to the panel
/// and kept nowhere else: the panel takes it out of `handoff`.
#[derive(Clone, Copy)]
pub(crate) struct OneTime {
    handoff: StoredValue<Option<(String, OneTimeSecret)>>,
    /// True while a value is shown.
    pub(crate) revealing: RwSignal<bool>,
    handed: Trigger,
}

impl OneTime {
    fn new() -> Self {
        OneTime {
            handoff: StoredValue::new(None),
            revealing: RwSignal::new(false),
            handed: Trigger::new(),
        }
    }

    pub(crate) fn show(self, title: String, secret: OneTimeSecret) {
        self.handoff.set_value(Some((title, secret)));
        self.revealing.set(true);
        self.handed.notify();
    }

    fn close(self) {
        self.revealing.set(false);
        self.handed.notify();
    }
}

#[component]
fn OneTimePanel(one_time: OneTime) -> impl IntoView {
    let on_close = Callback::new(move |()| one_time.close());
    move || {
        one_time.handed.track();
        one_time
            .handoff
            .try_update_value(Option::take)
            .flatten()
            .map(|(title, secret)| view! { <SecretReveal secret title on_close /> })
    }
}
