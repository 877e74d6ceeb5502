//! HCP Terraform / Terraform Enterprise organization SSH keys: the list
//! (name and id: Terraform returns nothing else), add, rename, replace the
//! key text, delete.

use crate::providers::tfe::{parse_deleted, parse_ssh_key_list, PublicHalf};
use crate::providers::{ApiError, KeyRecord};
use crate::ui::features::tfe::key_forms::{TfeNewKeyForm, TfeRenameForm, TfeReplaceKeyForm};
use crate::ui::features::tfe::module_access::ModuleAccess;
use crate::ui::features::tfe::recorded::{Recorded, RecordedNote, ABOUT_RECORDS};
use crate::ui::features::tfe::rotation::{self, Rotation, Rotator};
use crate::ui::state::connections::Api;
use crate::ui::state::keyed::Keyed;
use crate::ui::state::request::call;
use crate::ui::state::Connection;
use crate::ui::widgets::{loaded_items, ActionError, ConfirmDialog, Listing, Loaded, UnlessEmpty};
use leptos::prelude::*;

/// Which inline form a row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RowForm {
    Rename,
    Replace,
}

/// What the list is of: a connection and an organization.
type Target = (Option<Connection>, String);

/// The list, as Terraform gave it and as this page changed it since.
type Keys = LocalResource<Listing<Vec<KeyRecord>>>;

async fn load(target: Target) -> Listing<Vec<KeyRecord>> {
    let (Some(connection), org) = target else {
        return None;
    };
    if org.is_empty() || !connection.supports(Api::Tfe) {
        return None;
    }
    Some(
        call(
            Some(&connection),
            Connection::tfe,
            |tfe, token| tfe.list_ssh_keys(token, &org),
            |r| parse_ssh_key_list(r).map(|list| list.keys),
        )
        .await,
    )
}

/// Changes the loaded list in place (a key added, renamed or deleted here).
fn edit(keys: Keys, change: impl FnOnce(&mut Vec<KeyRecord>)) {
    keys.try_update(|value| {
        if let Some(Some(Ok(list))) = value {
            change(list);
        }
    });
}

/// The TFE section of the organization page.
#[component]
pub(crate) fn TfeSshKeys(
    /// The chosen connection (HCP Terraform, TFE or the Sandbox).
    #[prop(into)]
    connection: Signal<Option<Connection>>,
    /// The Terraform organization name.
    #[prop(into)]
    organization: Signal<String>,
) -> impl IntoView {
    let target = Memo::new(move |_| (connection.get(), organization.get().trim().to_string()));
    let keys: Keys = LocalResource::new(move || load(target.get()));
    // Notices and open forms belong to one list: another target drops them.
    let notice = Keyed::<Target, String>::new(target);
    let open_form = Keyed::<Target, (String, RowForm)>::new(target);
    let busy = RwSignal::new(false);
    let recorded = Recorded::new(connection, organization);

    let on_created = Callback::new(move |(record, public): (KeyRecord, Option<PublicHalf>)| {
        let whose = public
            .as_ref()
            .map(|p| format!(" Its private key belongs to {}.", p.sha256))
            .unwrap_or_default();
        recorded.remember(&record, public);
        notice.set(format!(
            "Added “{}” ({}).{whose} Terraform will never show the key again; assign it to \
             workspaces in their settings.",
            record.title, record.id
        ));
        edit(keys, |list| list.push(record));
    });
    // "Set up module access" recorded the key itself (with its deploy keys).
    let on_module_key = Callback::new(move |record: KeyRecord| {
        recorded.reload();
        edit(keys, |list| list.push(record));
    });
    let deleting = Deleting::new(connection, keys, notice, recorded);
    // A rotation added or deleted keys: list them and their records again.
    let rotator = Rotator::new(
        connection,
        Callback::new(move |()| {
            recorded.reload();
            keys.refetch();
        }),
    );
    let rotate = Callback::new(move |record: KeyRecord| {
        rotation::open(rotator, organization.get_untracked().trim(), &record)
    });
    let rows = RowContext {
        connection,
        keys,
        notice,
        open_form,
        ask_delete: deleting.ask,
        recorded,
        rotate,
    };

    let has_org = move || organization.with(|o| !o.trim().is_empty());
    view! {
        <div class="org-keys__provider" aria-busy=move || busy.get().then_some("true")>
            <p class="field__help">
                "Terraform uses these keys to fetch private modules and repositories over SSH. \
                 It keeps the private key and never shows it again: only names and ids are listed."
            </p>
            <Show when=has_org fallback=|| view! {
                <p class="org-keys__empty">"Enter a Terraform organization name above to see its SSH keys."</p>
            }>
                <h3>{move || format!("SSH keys of {}", organization.get())}</h3>
                <p class="org-keys__status" role="status" aria-live="polite">
                    {move || notice.get()}
                </p>
                <ActionError action=deleting.action />
                <p class="field__help">{ABOUT_RECORDS}</p>
                <Rotation rotator connection organization />
                <Loaded resource=keys loading="Loading SSH keys…" failed="Could not list the SSH keys" set_pending=busy>
                    <KeyList rows />
                </Loaded>
                <ModuleAccess connection organization on_created=on_module_key />
                <TfeNewKeyForm connection organization on_created />
            </Show>
            <DeleteDialog deleting />
        </div>
    }
}

/// What every row needs from the section.
#[derive(Clone, Copy)]
struct RowContext {
    connection: Signal<Option<Connection>>,
    keys: Keys,
    notice: Keyed<Target, String>,
    open_form: Keyed<Target, (String, RowForm)>,
    ask_delete: Callback<KeyRecord>,
    recorded: Recorded,
    rotate: Callback<KeyRecord>,
}

/// The keys, or that there are none yet.
#[component]
fn KeyList(rows: RowContext) -> impl IntoView {
    let of: fn(&Vec<KeyRecord>) -> &[KeyRecord] = |list| list;
    view! {
        <UnlessEmpty resource=rows.keys of empty="This organization has no SSH keys yet. Add one below.">
            <ul class="org-keys__list" aria-label="Terraform SSH keys">
                <For each=move || loaded_items(rows.keys, of) key=|k| (k.id.clone(), k.title.clone()) let:record>
                    <KeyRow record rows />
                </For>
            </ul>
        </UnlessEmpty>
    }
}

/// One key: name, id, Rename / Replace key text / Delete, and the open form.
#[component]
fn KeyRow(record: KeyRecord, rows: RowContext) -> impl IntoView {
    let RowContext {
        connection,
        keys,
        notice,
        open_form,
        ask_delete,
        recorded,
        rotate,
    } = rows;
    let id = StoredValue::new(record.id.clone());
    let shown = move || {
        open_form
            .get()
            .filter(|(open, _)| id.with_value(|id| open == id))
            .map(|(_, form)| form)
    };
    let toggle = move |form: RowForm| {
        let next = (shown() != Some(form)).then(|| (id.get_value(), form));
        match next {
            Some(open) => open_form.set(open),
            None => open_form.clear(),
        }
    };
    let close = Callback::new(move |()| open_form.clear());
    let on_renamed = Callback::new(move |renamed: KeyRecord| {
        notice.set(format!("Renamed to “{}”.", renamed.title));
        recorded.renamed(&renamed);
        edit(keys, |list| {
            for key in list.iter_mut().filter(|k| k.id == renamed.id) {
                key.title = renamed.title.clone();
            }
        });
        open_form.clear();
    });
    let on_replaced = Callback::new(move |(record, advice, public): (KeyRecord, String, _)| {
        notice.set(format!("“{}”: {advice}", record.title));
        recorded.remember(&record, public);
        open_form.clear();
    });
    let record = StoredValue::new(record);
    let inline = move || {
        let record = record.get_value();
        match shown() {
            None => ().into_any(),
            Some(RowForm::Rename) => {
                view! { <TfeRenameForm connection record on_done=on_renamed on_cancel=close /> }
                    .into_any()
            }
            Some(RowForm::Replace) => {
                view! { <TfeReplaceKeyForm connection record on_done=on_replaced on_cancel=close /> }
                    .into_any()
            }
        }
    };
    view! {
        <li class="org-keys__item">
            <div class="org-keys__row">
                <span class="org-keys__name">{record.with_value(|r| r.title.clone())}</span>
                <code class="org-keys__id">{id.get_value()}</code>
                <RecordedNote recorded id=id.get_value() />
                <span class="org-keys__actions">
                    <button type="button" class="button button--quiet" on:click=move |_| toggle(RowForm::Rename)>
                        "Rename"
                    </button>
                    <button type="button" class="button button--quiet" on:click=move |_| toggle(RowForm::Replace)>
                        "Replace key text"
                    </button>
                    <button type="button" class="button button--quiet" on:click=move |_| rotate.run(record.get_value())>
                        "Rotate"
                    </button>
                    <button
                        type="button"
                        class="button button--quiet"
                        on:click=move |_| ask_delete.run(record.get_value())
                    >
                        "Delete"
                    </button>
                </span>
            </div>
            {inline}
        </li>
    }
}

/// Delete, through the confirm dialog.
#[derive(Clone, Copy)]
struct Deleting {
    action: Action<KeyRecord, Result<(), ApiError>>,
    ask: Callback<KeyRecord>,
    asked: RwSignal<Option<KeyRecord>>,
    open: RwSignal<bool>,
}

impl Deleting {
    fn new(
        connection: Signal<Option<Connection>>,
        keys: Keys,
        notice: Keyed<Target, String>,
        recorded: Recorded,
    ) -> Self {
        let asked = RwSignal::new(None::<KeyRecord>);
        let open = RwSignal::new(false);
        let action = Action::new_local(move |record: &KeyRecord| {
            let (record, connection) = (record.clone(), connection.get_untracked());
            async move {
                let result = call(
                    connection.as_ref(),
                    Connection::tfe,
                    |tfe, token| tfe.delete_ssh_key(token, &record.id),
                    parse_deleted,
                )
                .await;
                open.try_set(false);
                result?;
                recorded.deleted(&record);
                edit(keys, |list| list.retain(|k| k.id != record.id));
                notice.set(format!("Deleted “{}”.", record.title));
                Ok(())
            }
        });
        let ask = Callback::new(move |record: KeyRecord| {
            action.value().set(None);
            asked.set(Some(record));
            open.set(true);
        });
        Deleting {
            action,
            ask,
            asked,
            open,
        }
    }
}

#[component]
fn DeleteDialog(deleting: Deleting) -> impl IntoView {
    let Deleting {
        action,
        asked,
        open,
        ..
    } = deleting;
    let confirm = Callback::new(move |()| {
        if let Some(record) = asked.get_untracked() {
            action.dispatch_local(record);
        }
    });
    let title = Signal::derive(move || {
        asked.with(|t| {
            t.as_ref()
                .map(|r| format!("Delete SSH key “{}”?", r.title))
                .unwrap_or_default()
        })
    });
    view! {
        <ConfirmDialog open title confirm_label="Delete" busy=action.pending() on_confirm=confirm>
            <p>
                {move || asked.with(|t| t.as_ref().map(|r| r.id.clone()))}
                ": workspaces that use this key can no longer fetch over SSH until they get \
                 another key. Terraform cannot undo this, and the private key cannot be \
                 downloaded back."
            </p>
        </ConfirmDialog>
    }
}
