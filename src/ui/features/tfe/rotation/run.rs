//! Runs each step of a rotation against the providers and writes where it
//! stands into the page's [`Rotator`], saving the progress after every
//! change.
//!
//! The private key lives only in [`Rotator::pair`] between step 1 and the
//! end of step 2, which takes it out and drops it (its memory overwritten by
//! `Zeroizing`) as soon as Terraform answers, success or not. Nothing here
//! shows, stores or logs it.

use super::calls::list_workspaces;
use super::progress::{self, NewKey, Progress, Step};
use crate::providers::tfe::{
    check_private_key_for_tfe, parse_created_ssh_key, parse_deleted, parse_workspace,
};
use crate::ui::features::tfe::key_places::{add_public_half, delete_at, reason};
use crate::ui::format::took;
use crate::ui::state::keygen::{self, KeyKind, NewPair};
use crate::ui::state::request::call;
use crate::ui::state::uploaded_keys::{self, DeployKeyPlace};
use crate::ui::state::Connection;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The page's handles on the rotation shown.
#[derive(Clone, Copy)]
pub(crate) struct Rotator {
    pub(crate) progress: RwSignal<Option<Progress>>,
    /// Step 1's pair, until step 2 takes it.
    pair: StoredValue<Option<NewPair>>,
    pub(crate) has_pair: RwSignal<bool>,
    /// What went wrong, by step (`step-N`) or workspace id; never saved.
    pub(crate) errors: RwSignal<BTreeMap<String, String>>,
    /// What the last finished step said.
    pub(crate) note: RwSignal<Option<String>>,
    /// Why "Rotate" did not open a rotation (another one is under way).
    pub(crate) refused: RwSignal<Option<String>>,
    pub(crate) tfe: Signal<Option<Connection>>,
    /// Told when keys were added or deleted (the list reloads).
    on_changed: Callback<()>,
}

pub(crate) fn step_key(step: Step) -> String {
    format!("step-{}", step.number())
}

impl Rotator {
    pub(crate) fn new(tfe: Signal<Option<Connection>>, on_changed: Callback<()>) -> Self {
        Rotator {
            progress: RwSignal::new(None),
            pair: StoredValue::new(None),
            has_pair: RwSignal::new(false),
            errors: RwSignal::new(BTreeMap::new()),
            note: RwSignal::new(None),
            refused: RwSignal::new(None),
            tfe,
            on_changed,
        }
    }

    /// Shows `progress` (a new rotation, or a saved one resumed).
    pub(crate) fn show(&self, progress: Progress) {
        self.wipe();
        self.errors.set(BTreeMap::new());
        self.note.set(None);
        self.refused.set(None);
        self.progress.set(Some(progress));
    }

    pub(crate) fn busy_elsewhere(&self, name: &str) {
        self.refused.set(Some(format!(
            "A rotation of “{name}” is in progress: resume or abandon it first."
        )));
    }

    /// Closes the panel; a rotation under way stays saved for Resume.
    pub(crate) fn close(&self) {
        self.wipe();
        self.progress.set(None);
    }

    /// Forgets the rotation: the panel closes, the saved progress goes.
    pub(crate) fn abandon(&self) {
        self.wipe();
        progress::clear();
        self.progress.set(None);
        self.errors.set(BTreeMap::new());
    }

    fn wipe(&self) {
        self.pair.try_set_value(None);
        self.has_pair.try_set(false);
    }

    /// Changes the progress and saves it.
    fn change(&self, edit: impl FnOnce(&mut Progress)) {
        self.progress.try_update(|p| {
            if let Some(p) = p {
                edit(p);
                progress::save(p);
            }
        });
    }

    fn fail(&self, key: String, why: String) {
        self.errors.try_update(|e| {
            e.insert(key, why);
        });
    }

    fn clear_error(&self, key: &str) {
        self.errors.try_update(|e| {
            e.remove(key);
        });
    }

    fn current(&self) -> Option<Progress> {
        self.progress.try_get_untracked().flatten()
    }

    /// Step 1: a new pair, in memory only.
    pub(crate) async fn generate(self, kind: KeyKind) {
        let key = step_key(Step::Generate);
        self.clear_error(&key);
        let Some(p) = self.current() else { return };
        match keygen::generate(kind, &p.old_key_name, "").await {
            Ok(pair) => {
                let note = format!("{} pair {}", kind.label(), took(pair.millis));
                self.pair.try_set_value(Some(pair));
                self.has_pair.try_set(true);
                self.change(|p| p.kind = Some(kind.wire().to_string()));
                self.note.try_set(Some(note));
            }
            Err(why) => self.fail(key, why),
        }
    }

    /// Step 2: Terraform gets the private half; the pair is wiped right after.
    pub(crate) async fn create(self) {
        let key = step_key(Step::Create);
        self.clear_error(&key);
        let (Some(p), Some(Some(pair))) =
            (self.current(), self.pair.try_update_value(Option::take))
        else {
            return;
        };
        self.has_pair.try_set(false);
        let public = check_private_key_for_tfe(&pair.private_key)
            .ok()
            .and_then(|c| c.public);
        let name = progress::rotated_name(&p.old_key_name, &uploaded_keys::now_rfc3339());
        let tfe = self.tfe.get_untracked();
        let created = call(
            tfe.as_ref(),
            Connection::tfe,
            |c, token| c.create_ssh_key(token, &p.organization, &name, &pair.private_key),
            parse_created_ssh_key,
        )
        .await;
        drop(pair);
        let wiped = " The private key was wiped from this page's memory.";
        match (created, public) {
            (Ok(created), Some(public)) => {
                let record = created.record;
                self.note.try_set(Some(format!(
                    "Created “{}” ({}).{wiped}",
                    record.title, record.id
                )));
                self.change(|p| p.new_key = Some(NewKey::new(record.id, record.title, public)));
                self.on_changed.run(());
            }
            (Ok(_), None) => self.fail(
                key,
                format!("The new key's public half could not be read.{wiped}"),
            ),
            (Err(error), _) => self.fail(
                key,
                format!(
                    "{}{wiped} Generate a new pair to try again.",
                    reason(&error)
                ),
            ),
        }
    }

    /// Step 3: the new public half on each place still without it: a
    /// read-only deploy key, or the machine user's key.
    pub(crate) async fn add_deploy_keys(self, github: Connection, picked: Option<Vec<String>>) {
        let key = step_key(Step::DeployKeys);
        self.clear_error(&key);
        // Picks count once: a retry keeps the deploy keys already added.
        if let Some(picked) = picked {
            self.change(|p| {
                if p.repositories.is_some() {
                    return;
                }
                p.repositories = Some(
                    picked
                        .into_iter()
                        .map(|repository| progress::RepoProgress {
                            repository,
                            key_id: None,
                        })
                        .collect(),
                );
            });
        }
        let api = uploaded_keys::api_origin(&github);
        self.change(|p| p.github_api = Some(api));
        let Some(p) = self.current() else { return };
        let (Some(new), Some(repositories)) = (p.new_key.clone(), p.repositories.clone()) else {
            return;
        };
        for repo in repositories.into_iter().filter(|r| r.key_id.is_none()) {
            match add_public_half(&github, &repo.repository, &new.name, &new.public_key).await {
                Ok((id, _)) => self.change(|p| p.deploy_key_added(&repo.repository, id)),
                Err(why) => self.fail(key.clone(), format!("{}: {why}", repo.repository)),
            }
        }
    }

    /// Step 4: list every workspace (all pages) once, then move each one left.
    pub(crate) async fn move_workspaces(self) {
        let key = step_key(Step::Workspaces);
        self.clear_error(&key);
        let Some(p) = self.current() else { return };
        let tfe = self.tfe.get_untracked();
        if p.workspaces.is_none() {
            match list_workspaces(tfe.as_ref(), &p.organization).await {
                Ok(all) => self.change(|p| p.listed(&all)),
                Err(error) => return self.fail(key, reason(&error)),
            }
        }
        let Some(p) = self.current() else { return };
        let Some(new_id) = p.new_key.as_ref().map(|k| k.id.clone()) else {
            return;
        };
        for id in p.workspaces_left() {
            self.clear_error(&id);
            let moved = call(
                tfe.as_ref(),
                Connection::tfe,
                |c, token| c.assign_ssh_key(token, &id, Some(&new_id)),
                parse_workspace,
            )
            .await;
            match moved {
                Ok(w) if w.ssh_key_id.as_deref() == Some(new_id.as_str()) => {
                    self.change(|p| p.workspace_moved(&id));
                }
                Ok(_) => self.fail(
                    id,
                    "Terraform answered, but the workspace does not name the new key".into(),
                ),
                Err(error) => self.fail(id, reason(&error)),
            }
        }
        let left = self
            .current()
            .map(|p| p.workspaces_left().len())
            .unwrap_or(0);
        if left > 0 {
            let count = crate::ui::format::count(left, "workspace", "workspaces");
            self.fail(key, format!("{count} could not be moved (reasons below). What moved stays moved; Continue retries the rest."));
        }
    }

    /// Step 5 (confirmed): the old deploy keys (or the machine user's old
    /// key); one already gone counts as deleted.
    pub(crate) async fn delete_deploy_keys(self, connections: Vec<Connection>) {
        let key = step_key(Step::DeleteDeployKeys);
        self.clear_error(&key);
        let Some(p) = self.current() else { return };
        let left: Vec<DeployKeyPlace> = p.old_deploy_keys_left().cloned().collect();
        for place in left {
            let github = connections
                .iter()
                .find(|c| uploaded_keys::api_origin(c) == place.github_api);
            match delete_at(github, &place.repository, place.key_id).await {
                Ok(()) => self.change(|p| p.deploy_key_deleted(&place)),
                Err(why) => self.fail(key.clone(), format!("{}: {why}", place.repository)),
            }
        }
        self.on_changed.run(());
    }

    pub(crate) fn skip_deploy_keys(&self) {
        self.change(|p| p.old_deploy_keys_skipped = true);
    }

    /// Step 6 (confirmed): the old TFE key, then the closing bookkeeping.
    pub(crate) async fn delete_old_key(self) {
        let key = step_key(Step::DeleteOldKey);
        self.clear_error(&key);
        let Some(p) = self.current() else { return };
        let deleted = call(
            self.tfe.get_untracked().as_ref(),
            Connection::tfe,
            |c, token| c.delete_ssh_key(token, &p.old_key_id),
            parse_deleted,
        )
        .await;
        match deleted {
            // A 404: an earlier DELETE whose answer was lost.
            Err(error) if error.status != 404 => return self.fail(key, reason(&error)),
            _ => self.change(|p| p.old_key_deleted = true),
        }
        self.finish();
    }

    /// Records the new key, forgets the old one and the progress.
    fn finish(&self) {
        let Some(p) = self.current() else { return };
        if let Some(record) = p.new_record(uploaded_keys::now_rfc3339()) {
            uploaded_keys::record(record);
        }
        uploaded_keys::forget(&p.api_origin, &p.organization, &p.old_key_id);
        progress::clear();
        let new = p.new_key.map(|k| k.name).unwrap_or_default();
        self.note.try_set(Some(format!(
            "Rotation done: “{}” is deleted; every workspace that used it uses “{new}”.",
            p.old_key_name
        )));
        self.on_changed.run(());
    }
}
