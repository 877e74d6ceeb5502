//! Rotate and delete a token, each through its confirm dialog.

use super::token_row::Danger;
use super::tokens::{edit, replace_record, Key, OneTime, Tokens};
use super::Target;
use crate::providers::astro::{parse_created, parse_deleted};
use crate::providers::{ApiError, KeyRecord};
use crate::ui::state::keyed::Keyed;
use crate::ui::state::request::call;
use crate::ui::state::Connection;
use crate::ui::widgets::ConfirmDialog;
use leptos::prelude::*;

/// Rotate and delete, through the confirm dialog.
#[derive(Clone, Copy)]
pub(crate) struct DangerZone {
    pub(crate) action: Action<(Danger, KeyRecord), Result<(), ApiError>>,
    pub(crate) ask: Callback<(Danger, KeyRecord)>,
    asked: RwSignal<Option<(Danger, KeyRecord)>>,
    // The dialog's button text is fixed, so each action has its own dialog.
    rotate_open: RwSignal<bool>,
    delete_open: RwSignal<bool>,
}

impl DangerZone {
    pub(crate) fn new(
        connection: Signal<Option<Connection>>,
        target: Memo<Option<Target>>,
        tokens: Tokens,
        notice: Keyed<Key, String>,
        one_time: OneTime,
    ) -> Self {
        let asked = RwSignal::new(None::<(Danger, KeyRecord)>);
        let rotate_open = RwSignal::new(false);
        let delete_open = RwSignal::new(false);
        let action = Action::new_local(move |(danger, record): &(Danger, KeyRecord)| {
            let (danger, record) = (*danger, record.clone());
            let (connection, target) = (connection.get_untracked(), target.get_untracked());
            async move {
                let Some(target) = target else {
                    return Ok(());
                };
                let org = &target.organization;
                let result = match danger {
                    Danger::Rotate => call(
                        connection.as_ref(),
                        Connection::astro,
                        |astro, token| astro.rotate_token(token, org, &record.id),
                        parse_created,
                    )
                    .await
                    .map(Some),
                    Danger::Delete => call(
                        connection.as_ref(),
                        Connection::astro,
                        |astro, token| astro.delete_token(token, org, &record.id),
                        parse_deleted,
                    )
                    .await
                    .map(|()| None),
                };
                rotate_open.try_set(false);
                delete_open.try_set(false);
                match result? {
                    Some(created) => {
                        let updated = created.record;
                        if let Some(secret) = created.secret {
                            one_time.show(format!("New value of “{}”", updated.title), secret);
                        }
                        notice.set(format!(
                            "Rotated “{}”: the old value no longer works.",
                            updated.title
                        ));
                        replace_record(tokens, updated);
                    }
                    None => {
                        edit(tokens, |list| list.tokens.retain(|t| t.id != record.id));
                        notice.set(format!("Deleted “{}”.", record.title));
                    }
                }
                Ok(())
            }
        });
        let ask = Callback::new(move |(danger, record): (Danger, KeyRecord)| {
            action.value().set(None);
            asked.set(Some((danger, record)));
            match danger {
                Danger::Rotate => rotate_open.set(true),
                Danger::Delete => delete_open.set(true),
            }
        });
        DangerZone {
            action,
            ask,
            asked,
            rotate_open,
            delete_open,
        }
    }
}

#[component]
pub(crate) fn DangerDialogs(danger: DangerZone) -> impl IntoView {
    let DangerZone {
        action,
        asked,
        rotate_open,
        delete_open,
        ..
    } = danger;
    let title = Signal::derive(move || {
        asked.with(|d| match d {
            Some((Danger::Rotate, r)) => format!("Rotate token “{}”?", r.title),
            Some((Danger::Delete, r)) => format!("Delete token “{}”?", r.title),
            None => String::new(),
        })
    });
    let confirm = Callback::new(move |()| {
        if let Some(asked) = asked.get_untracked() {
            action.dispatch_local(asked);
        }
    });
    let busy = action.pending();
    view! {
        <ConfirmDialog open=rotate_open title confirm_label="Rotate" busy on_confirm=confirm>
            <p>
                "The old value stops working at once: CI jobs and anything else that uses it \
                 fail until they get the new value, which is shown once."
            </p>
            <p>"To keep CI working meanwhile, cancel and choose Rotate with overlap."</p>
        </ConfirmDialog>
        <ConfirmDialog open=delete_open title confirm_label="Delete" busy on_confirm=confirm>
            <p>"Anything that uses this token stops working at once. This cannot be undone."</p>
        </ConfirmDialog>
    }
}
