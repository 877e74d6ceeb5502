//! "Rotate with overlap": a second token made like the old one (same scope,
//! Deployment, role(s), description and expiry period), its value shown
//! once, and the old token deleted only after "I have updated my CI". Unlike
//! the instant Rotate, nothing that uses the old value breaks meanwhile.
//!
//! The new value lives only in the reveal: handed from Astro's answer to
//! [`SecretReveal`] and dropped (wiped) when it or the panel closes.

use super::overlap_steps::{CreateStep, DeleteStep, RevealStep};
use super::token_row::RowContext;
use super::tokens::{edit, replace_record, Key};
use crate::providers::astro::{
    parse_created, parse_deleted, parse_template, parse_token, rotated_name, TokenTemplate,
};
use crate::providers::{ApiError, KeyRecord, OneTimeSecret};
use crate::ui::state::keyed::Keyed;
use crate::ui::state::request::call;
use crate::ui::state::uploaded_keys::now_rfc3339;
use crate::ui::state::Connection;
use leptos::prelude::*;

/// Which token is being replaced; the panel is open while one is.
#[derive(Clone, Copy)]
pub(crate) struct Overlap {
    old: Keyed<Key, KeyRecord>,
}

impl Overlap {
    pub(crate) fn new(key: Memo<Key>) -> Self {
        Overlap {
            old: Keyed::new(key),
        }
    }

    pub(crate) fn start(self, record: KeyRecord) {
        self.old.set(record);
    }

    /// True while a flow is open (tracked): one at a time.
    pub(crate) fn is_open(self) -> bool {
        self.old.get().is_some()
    }
}

/// The panel, fresh for each token: closing it drops all it held.
#[component]
pub(crate) fn OverlapPanel(rows: RowContext) -> impl IntoView {
    let current = Memo::new(move |_| rows.overlap.old.get());
    move || current.get().map(|old| view! { <OverlapSteps rows old /> })
}

/// What one flow knows; the new value only passes through `handoff`.
#[derive(Clone, Copy)]
pub(super) struct Flow {
    pub(super) rows: RowContext,
    pub(super) old: StoredValue<KeyRecord>,
    /// The old token's record, read at step 1.
    pub(super) template: StoredValue<Option<TokenTemplate>>,
    pub(super) created: RwSignal<Option<KeyRecord>>,
    /// What step 1 made, in words.
    pub(super) summary: RwSignal<String>,
    /// True when the new token still lacks roles beyond the one create sets.
    pub(super) roles_pending: RwSignal<bool>,
    /// The new value, until the reveal takes it.
    pub(super) handoff: StoredValue<Option<OneTimeSecret>>,
    pub(super) handed: Trigger,
    pub(super) shown: RwSignal<bool>,
    pub(super) ci_updated: RwSignal<bool>,
    pub(super) confirm_open: RwSignal<bool>,
    pub(super) deleted: RwSignal<bool>,
}

impl Flow {
    fn new(rows: RowContext, old: KeyRecord) -> Self {
        Flow {
            rows,
            old: StoredValue::new(old),
            template: StoredValue::new(None),
            created: RwSignal::new(None),
            summary: RwSignal::new(String::new()),
            roles_pending: RwSignal::new(false),
            handoff: StoredValue::new(None),
            handed: Trigger::new(),
            shown: RwSignal::new(false),
            ci_updated: RwSignal::new(false),
            confirm_open: RwSignal::new(false),
            deleted: RwSignal::new(false),
        }
    }

    pub(super) fn old_title(self) -> String {
        self.old.with_value(|o| o.title.clone())
    }

    pub(super) fn new_title(self) -> String {
        self.created
            .with(|c| c.as_ref().map(|c| c.title.clone()))
            .unwrap_or_default()
    }
}

/// Today's date (UTC) for the new name.
fn today() -> String {
    let now = now_rfc3339();
    now.get(..10).unwrap_or("today").to_string()
}

/// Step 1 in words: what the new token copied.
fn summary(template: &TokenTemplate, record: &KeyRecord) -> String {
    let entity = match template.scope.as_str() {
        "DEPLOYMENT" => format!("on Deployment {}", template.entity_id),
        "WORKSPACE" => format!("on Workspace {}", template.entity_id),
        _ => "on the organization".to_string(),
    };
    let expiry = match (template.expiry_days, template.expiry_derived) {
        (None, _) => "never expires".to_string(),
        (Some(days), false) => format!("expires after {days} days"),
        (Some(days), true) => format!(
            "expires after {days} days (worked out from the old token's start and end dates)"
        ),
    };
    format!(
        "Created “{}”: role {} {entity}, {expiry}, like the old token.",
        record.title,
        template
            .roles
            .iter()
            .map(|r| r.role.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// Step 1: read the old token, create its like, copy any further roles.
/// A retry after a failure resumes where it stopped: nothing is made twice.
async fn create_new(flow: Flow) -> Result<(), ApiError> {
    let (connection, target) = (
        flow.rows.connection.get_untracked(),
        flow.rows.target.get_untracked(),
    );
    let Some(target) = target else {
        return Ok(());
    };
    let (org, connection) = (&target.organization, connection.as_ref());
    let old_id = flow.old.with_value(|o| o.id.clone());
    let template = match flow.template.try_get_value().flatten() {
        Some(template) => template,
        None => {
            let template = call(
                connection,
                Connection::astro,
                |astro, token| astro.get_token(token, org, &old_id),
                parse_template,
            )
            .await?;
            flow.template.try_set_value(Some(template.clone()));
            template
        }
    };
    if flow.created.get_untracked().is_none() {
        let name = rotated_name(&template.name, &today());
        let made = call(
            connection,
            Connection::astro,
            |astro, token| astro.create_like(token, org, &template, &name),
            parse_created,
        )
        .await?;
        edit(flow.rows.tokens, |list| {
            list.tokens.insert(0, made.record.clone())
        });
        flow.summary.try_set(summary(&template, &made.record));
        flow.created.try_set(Some(made.record));
        flow.roles_pending.try_set(template.needs_roles_call());
        if let Some(secret) = made.secret {
            flow.handoff.try_set_value(Some(secret));
            flow.shown.try_set(true);
            flow.handed.notify();
        }
    }
    let new_id = flow
        .created
        .with_untracked(|c| c.as_ref().map(|c| c.id.clone()));
    if let (true, Some(new_id)) = (flow.roles_pending.get_untracked(), new_id) {
        let updated = call(
            connection,
            Connection::astro,
            |astro, token| astro.set_token_roles(token, org, &new_id, &template.roles),
            parse_token,
        )
        .await?;
        replace_record(flow.rows.tokens, updated);
        flow.roles_pending.try_set(false);
    }
    Ok(())
}

/// Step 3: delete the old token, once confirmed.
async fn delete_old(flow: Flow) -> Result<(), ApiError> {
    let (connection, target) = (
        flow.rows.connection.get_untracked(),
        flow.rows.target.get_untracked(),
    );
    let Some(target) = target else {
        return Ok(());
    };
    let old_id = flow.old.with_value(|o| o.id.clone());
    let result = call(
        connection.as_ref(),
        Connection::astro,
        |astro, token| astro.delete_token(token, &target.organization, &old_id),
        parse_deleted,
    )
    .await;
    flow.confirm_open.try_set(false);
    result?;
    edit(flow.rows.tokens, |list| {
        list.tokens.retain(|t| t.id != old_id)
    });
    flow.deleted.try_set(true);
    flow.rows.notice.set(format!(
        "Replaced “{}” with “{}”: the old token is deleted.",
        flow.old_title(),
        flow.new_title()
    ));
    Ok(())
}

#[component]
fn OverlapSteps(rows: RowContext, old: KeyRecord) -> impl IntoView {
    let flow = Flow::new(rows, old);
    let create = Action::new_local(move |_: &()| create_new(flow));
    let delete = Action::new_local(move |_: &()| delete_old(flow));
    let busy = Signal::derive(move || create.pending().get() || delete.pending().get());
    let panel = NodeRef::<leptos::html::Section>::new();
    // Keyboard and screen-reader users land on the panel that opened.
    Effect::new(move |_| {
        if let Some(panel) = panel.get() {
            let _ = panel.focus();
        }
    });
    let old_title = flow.old_title();
    let title = format!("Rotate “{old_title}” with overlap");
    // The value must be let go through the reveal's own "Done", which asks
    // before dropping an uncopied value; closing the panel would not.
    let closable = move || !busy.get() && !flow.shown.get();
    let leaves_both = move || {
        if flow.shown.get() {
            return Some("Store the new value and choose “Done, I have stored it” first.".into());
        }
        (flow.created.with(Option::is_some) && !flow.deleted.get()).then(|| {
            format!(
                "Closing now leaves both tokens: “{}” keeps working until you delete it.",
                flow.old_title()
            )
        })
    };
    let close = move |_| {
        if closable() {
            rows.overlap.old.clear();
        }
    };
    view! {
        <section
            class="org-keys__form org-keys__overlap"
            aria-labelledby="astro-overlap-title"
            tabindex="-1"
            node_ref=panel
        >
            <h3 id="astro-overlap-title">{title}</h3>
            <p class="field__help">
                {format!(
                    "A new token like “{old_title}” (same role, Deployment, description and \
                     expiry period) is made first. “{old_title}” keeps working until you delete \
                     it in step 3, so CI does not break in between."
                )}
            </p>
            <ol class="org-keys__steps">
                <CreateStep flow create />
                <RevealStep flow />
                <DeleteStep flow delete />
            </ol>
            <p class="field__help">{leaves_both}</p>
            <button
                type="button"
                class="button button--quiet"
                disabled=move || !closable()
                on:click=close
            >
                "Close"
            </button>
        </section>
    }
}
