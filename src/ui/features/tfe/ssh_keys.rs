//! HCP Terraform / Terraform Enterprise organization SSH keys: the list
//! (name and id: Terraform returns nothing else), add, rename, replace the
//! key text, delete.

use crate::providers::tfe::{parse_deleted, parse_ssh_key_list};
use crate::providers::{ApiError, KeyRecord};
use crate::ui::features::tfe::key_forms::{TfeNewKeyForm, TfeRenameForm, TfeReplaceKeyForm};
use crate::ui::state::client::send_built;
use crate::ui::state::connections::page_origin;
use crate::ui::state::Connection;
use crate::ui::widgets::ConfirmDialog;
use crate::ui::widgets::ProviderError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which inline form a row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RowForm {
    Rename,
    Replace,
}

/// The TFE section of the organization page.
#[component]
pub fn TfeSshKeys(
    /// The chosen connection (HCP Terraform, TFE or the Sandbox).
    #[prop(into)]
    connection: Signal<Option<Connection>>,
    /// The Terraform organization name.
    #[prop(into)]
    organization: Signal<String>,
) -> impl IntoView {
    let keys = RwSignal::new(None::<Vec<KeyRecord>>);
    let loading = RwSignal::new(false);
    let list_error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let open_form = RwSignal::new(None::<(String, RowForm)>);
    let generation = StoredValue::new(0_u64);

    let load = move || {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        list_error.set(None);
        let org = organization.get_untracked();
        let Some(connection) = connection.get_untracked() else {
            keys.set(None);
            return;
        };
        let Some(tfe) = connection.tfe(&page_origin()) else {
            keys.set(None);
            return;
        };
        if org.trim().is_empty() {
            keys.set(None);
            return;
        }
        loading.set(true);
        spawn_local(async move {
            let request = tfe.list_ssh_keys(connection.token(), &org);
            let result = send_built(&connection, request)
                .await
                .and_then(|response| parse_ssh_key_list(&response));
            if generation.try_get_value() != Some(mine) {
                return;
            }
            loading.try_set(false);
            match result {
                Ok(list) => keys.try_set(Some(list.keys)),
                Err(error) => {
                    list_error.try_set(Some(error));
                    keys.try_set(None)
                }
            };
        });
    };
    Effect::new(move |_| {
        connection.track();
        organization.track();
        notice.set(None);
        open_form.set(None);
        load();
    });

    // Delete, through the confirm dialog.
    let delete_target = RwSignal::new(None::<KeyRecord>);
    let delete_open = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<ApiError>);
    let confirm_delete = Callback::new(move |_| {
        let Some(record) = delete_target.get_untracked() else {
            return;
        };
        let Some(connection) = connection.get_untracked() else {
            return;
        };
        let Some(tfe) = connection.tfe(&page_origin()) else {
            return;
        };
        deleting.set(true);
        delete_error.set(None);
        spawn_local(async move {
            let request = tfe.delete_ssh_key(connection.token(), &record.id);
            let result = send_built(&connection, request)
                .await
                .and_then(|response| parse_deleted(&response));
            deleting.try_set(false);
            delete_open.try_set(false);
            match result {
                Ok(()) => {
                    keys.try_update(|list| {
                        if let Some(list) = list {
                            list.retain(|k| k.id != record.id);
                        }
                    });
                    notice.try_set(Some(format!("Deleted “{}”.", record.title)));
                }
                Err(error) => {
                    delete_error.try_set(Some(error));
                }
            }
        });
    });
    let delete_title = Signal::derive(move || {
        delete_target.with(|t| {
            t.as_ref()
                .map(|r| format!("Delete SSH key “{}”?", r.title))
                .unwrap_or_default()
        })
    });

    let on_created = Callback::new(move |(record, fingerprint): (KeyRecord, Option<String>)| {
        let whose = fingerprint
            .map(|f| format!(" Its private key belongs to {f}."))
            .unwrap_or_default();
        notice.set(Some(format!(
            "Added “{}” ({}).{whose} Terraform will never show the key again; assign it to \
             workspaces in their settings.",
            record.title, record.id
        )));
        keys.update(|list| list.get_or_insert_with(Vec::new).push(record));
    });

    let row = move |record: KeyRecord| {
        let id = record.id.clone();
        let form_for = {
            let id = id.clone();
            move || {
                open_form.with(|f| {
                    f.as_ref()
                        .filter(|(open, _)| *open == id)
                        .map(|(_, form)| *form)
                })
            }
        };
        let toggle = {
            let id = id.clone();
            move |form: RowForm| {
                open_form.update(|open| {
                    *open = match open {
                        Some((current, f)) if *current == id && *f == form => None,
                        _ => Some((id.clone(), form)),
                    }
                })
            }
        };
        let toggle_rename = toggle.clone();
        let for_delete = record.clone();
        let for_form = record.clone();
        let inline = move || {
            let record = for_form.clone();
            let close = Callback::new(move |_| open_form.set(None));
            match form_for() {
                None => ().into_any(),
                Some(RowForm::Rename) => view! {
                    <TfeRenameForm
                        connection
                        record
                        on_done=Callback::new(move |renamed: KeyRecord| {
                            notice.set(Some(format!("Renamed to “{}”.", renamed.title)));
                            keys.update(|list| {
                                for key in list.iter_mut().flatten() {
                                    if key.id == renamed.id {
                                        key.title = renamed.title.clone();
                                    }
                                }
                            });
                            open_form.set(None);
                        })
                        on_cancel=close
                    />
                }
                .into_any(),
                Some(RowForm::Replace) => view! {
                    <TfeReplaceKeyForm
                        connection
                        record
                        on_done=Callback::new(move |(record, advice): (KeyRecord, String)| {
                            notice.set(Some(format!("“{}”: {advice}", record.title)));
                            open_form.set(None);
                        })
                        on_cancel=close
                    />
                }
                .into_any(),
            }
        };
        view! {
            <li class="org-keys__item">
                <div class="org-keys__row">
                    <span class="org-keys__name">{record.title.clone()}</span>
                    <code class="org-keys__id">{record.id.clone()}</code>
                    <span class="org-keys__actions">
                        <button
                            type="button"
                            class="button button--quiet"
                            on:click=move |_| toggle_rename(RowForm::Rename)
                        >
                            "Rename"
                        </button>
                        <button
                            type="button"
                            class="button button--quiet"
                            on:click=move |_| toggle(RowForm::Replace)
                        >
                            "Replace key text"
                        </button>
                        <button
                            type="button"
                            class="button button--quiet"
                            on:click=move |_| {
                                delete_error.set(None);
                                delete_target.set(Some(for_delete.clone()));
                                delete_open.set(true);
                            }
                        >
                            "Delete"
                        </button>
                    </span>
                </div>
                {inline}
            </li>
        }
    };

    let has_org = move || organization.with(|o| !o.trim().is_empty());
    view! {
        <div class="org-keys__provider" aria-busy=move || loading.get().then_some("true")>
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
                {move || list_error.get().map(|error| view! { <ProviderError error /> })}
                {move || delete_error.get().map(|error| view! { <ProviderError error /> })}
                {move || {
                    if loading.get() && keys.with(Option::is_none) {
                        return view! { <p class="org-keys__loading">"Loading SSH keys…"</p> }.into_any();
                    }
                    match keys.get() {
                        None => ().into_any(),
                        Some(list) if list.is_empty() => view! {
                            <p class="org-keys__empty">"This organization has no SSH keys yet. Add one below."</p>
                        }
                        .into_any(),
                        Some(list) => view! {
                            <ul class="org-keys__list" aria-label="Terraform SSH keys">
                                <For each=move || list.clone() key=|k| (k.id.clone(), k.title.clone()) children=row />
                            </ul>
                        }
                        .into_any(),
                    }
                }}
                <TfeNewKeyForm connection organization on_created />
            </Show>
            <ConfirmDialog
                open=delete_open
                title=delete_title
                confirm_label="Delete"
                busy=deleting
                on_confirm=confirm_delete
            >
                <p>
                    {move || delete_target.with(|t| t.as_ref().map(|r| r.id.clone()))}
                    ": workspaces that use this key can no longer fetch over SSH until they get \
                     another key. Terraform cannot undo this, and the private key cannot be \
                     downloaded back."
                </p>
            </ConfirmDialog>
        </div>
    }
}
