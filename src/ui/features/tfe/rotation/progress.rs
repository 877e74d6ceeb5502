//! Where a TFE key rotation stands, as plain data: which of the six steps
//! comes next, what each step needs from the ones before, and the record
//! kept in `localStorage` so a failure or a reload resumes where it stopped.
//!
//! Only public facts are kept: names, ids, the new public line and its
//! fingerprint, repositories, deploy-key ids and workspaces. Never the
//! private key (a reload before Terraform holds it starts step 1 again),
//! never a token.

use crate::providers::tfe::{PublicHalf, TfeWorkspace};
use crate::ui::state::keygen::KeyKind;
use crate::ui::state::storage::{self, Area};
use crate::ui::state::uploaded_keys::{DeployKeyPlace, UploadedKey};
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "keyward.tfe-rotation";

/// The six steps, then the closing bookkeeping.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Step {
    Generate,
    Create,
    DeployKeys,
    Workspaces,
    DeleteDeployKeys,
    DeleteOldKey,
    Finish,
}

impl Step {
    pub(crate) const ALL: [Step; 6] = [
        Step::Generate,
        Step::Create,
        Step::DeployKeys,
        Step::Workspaces,
        Step::DeleteDeployKeys,
        Step::DeleteOldKey,
    ];

    pub(crate) fn number(self) -> usize {
        Step::ALL
            .iter()
            .position(|s| *s == self)
            .map_or(7, |i| i + 1)
    }

    pub(crate) fn title(self) -> &'static str {
        match self {
            Step::Generate => "Generate a new key pair",
            Step::Create => "Create the new Terraform SSH key",
            Step::DeployKeys => "Add the public half to the repositories",
            Step::Workspaces => "Move the workspaces to the new key",
            Step::DeleteDeployKeys => "Delete the old deploy keys",
            Step::DeleteOldKey => "Delete the old Terraform SSH key",
            Step::Finish => "Done",
        }
    }
}

/// The new TFE key, once Terraform holds its private half.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct NewKey {
    pub(crate) id: String,
    pub(crate) name: String,
    /// The public half (OpenSSH line without comment) and its facts.
    pub(crate) public_key: String,
    pub(crate) fingerprint: String,
    pub(crate) md5: String,
    pub(crate) key_type: String,
    pub(crate) bits: u32,
}

/// One repository that gets the new public half.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RepoProgress {
    /// `owner/name`.
    pub(crate) repository: String,
    /// The new deploy key's id, once GitHub made it.
    pub(crate) key_id: Option<u64>,
}

/// One workspace that used the old key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct WorkspaceProgress {
    pub(crate) id: String,
    pub(crate) name: String,
    /// Whether it points at the new key now.
    pub(crate) done: bool,
}

/// An old deploy key, and whether it is gone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct OldDeployKey {
    pub(crate) place: DeployKeyPlace,
    pub(crate) deleted: bool,
}

/// A rotation in progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Progress {
    pub(crate) organization: String,
    /// The TFE connection's API URL (never a token).
    pub(crate) api_origin: String,
    pub(crate) old_key_id: String,
    pub(crate) old_key_name: String,
    /// The type to make, when the old key's type is recorded.
    pub(crate) kind: Option<String>,
    pub(crate) new_key: Option<NewKey>,
    /// The GitHub connection's API URL the new deploy keys went to.
    pub(crate) github_api: Option<String>,
    /// `None` until the repositories are known (from the record, or picked).
    pub(crate) repositories: Option<Vec<RepoProgress>>,
    /// `None` until the organization's workspaces were listed.
    pub(crate) workspaces: Option<Vec<WorkspaceProgress>>,
    pub(crate) old_deploy_keys: Vec<OldDeployKey>,
    /// Set when the user skipped step 5 (no old deploy keys known).
    pub(crate) old_deploy_keys_skipped: bool,
    pub(crate) old_key_deleted: bool,
}

impl Progress {
    /// A rotation of TFE key `old_key_id`; `record` is its local record,
    /// if Keyward uploaded it (its type and deploy keys are then known).
    pub(crate) fn new(
        api_origin: &str,
        organization: &str,
        old_key_id: &str,
        old_key_name: &str,
        record: Option<&UploadedKey>,
    ) -> Self {
        let places = record.map(|r| r.deploy_keys.clone()).unwrap_or_default();
        let repositories = (!places.is_empty()).then(|| {
            places
                .iter()
                .map(|p| RepoProgress {
                    repository: p.repository.clone(),
                    key_id: None,
                })
                .collect()
        });
        Progress {
            organization: organization.to_string(),
            api_origin: api_origin.to_string(),
            old_key_id: old_key_id.to_string(),
            old_key_name: old_key_name.to_string(),
            kind: record
                .and_then(|r| kind_of(&r.key_type, r.bits))
                .map(|k| k.wire().to_string()),
            new_key: None,
            github_api: places.first().map(|p| p.github_api.clone()),
            repositories,
            workspaces: None,
            old_deploy_keys: places
                .into_iter()
                .map(|place| OldDeployKey {
                    place,
                    deleted: false,
                })
                .collect(),
            old_deploy_keys_skipped: false,
            old_key_deleted: false,
        }
    }

    /// Whether this is the rotation of `key` in `organization` on `api_origin`.
    pub(crate) fn is_of(&self, api_origin: &str, organization: &str) -> bool {
        self.api_origin == api_origin && self.organization == organization
    }

    /// The step to do next; `has_pair` says whether step 1's pair is still
    /// in this page's memory.
    pub(crate) fn current(&self, has_pair: bool) -> Step {
        if self.new_key.is_none() {
            return if has_pair {
                Step::Create
            } else {
                Step::Generate
            };
        }
        let pending_repo = |r: &[RepoProgress]| r.iter().any(|r| r.key_id.is_none());
        match (&self.repositories, &self.workspaces) {
            (None, _) => Step::DeployKeys,
            (Some(r), _) if pending_repo(r) => Step::DeployKeys,
            (_, None) => Step::Workspaces,
            (_, Some(w)) if w.iter().any(|w| !w.done) => Step::Workspaces,
            _ if !self.old_deploy_keys_done() => Step::DeleteDeployKeys,
            _ if !self.old_key_deleted => Step::DeleteOldKey,
            _ => Step::Finish,
        }
    }

    pub(crate) fn old_deploy_keys_done(&self) -> bool {
        // None known: the user says so (Skip), since old ones may exist.
        self.old_deploy_keys_skipped
            || (!self.old_deploy_keys.is_empty() && self.old_deploy_keys_left().count() == 0)
    }

    /// The old deploy keys not deleted yet.
    pub(crate) fn old_deploy_keys_left(&self) -> impl Iterator<Item = &DeployKeyPlace> {
        self.old_deploy_keys
            .iter()
            .filter(|k| !k.deleted)
            .map(|k| &k.place)
    }

    /// Whether no old deploy key is known at all (step 5 can only be skipped).
    pub(crate) fn no_old_deploy_keys(&self) -> bool {
        self.old_deploy_keys.is_empty()
    }

    /// Keeps the workspaces that use the old key; any already on the new one
    /// (a PATCH whose answer was lost) counts as done.
    pub(crate) fn listed(&mut self, all: &[TfeWorkspace]) {
        let new_id = self.new_key.as_ref().map(|k| k.id.as_str());
        let found = all
            .iter()
            .filter_map(|w| {
                let uses = w.ssh_key_id.as_deref();
                let done = uses.is_some() && uses == new_id;
                (done || uses == Some(self.old_key_id.as_str())).then(|| WorkspaceProgress {
                    id: w.id.clone(),
                    name: w.name.clone(),
                    done,
                })
            })
            .collect();
        self.workspaces = Some(found);
    }

    /// Workspaces still to move.
    pub(crate) fn workspaces_left(&self) -> Vec<String> {
        self.workspaces
            .iter()
            .flatten()
            .filter(|w| !w.done)
            .map(|w| w.id.clone())
            .collect()
    }

    pub(crate) fn workspace_moved(&mut self, id: &str) {
        for w in self.workspaces.iter_mut().flatten().filter(|w| w.id == id) {
            w.done = true;
        }
    }

    pub(crate) fn deploy_key_added(&mut self, repository: &str, key_id: u64) {
        for r in self
            .repositories
            .iter_mut()
            .flatten()
            .filter(|r| r.repository == repository)
        {
            r.key_id = Some(key_id);
        }
    }

    pub(crate) fn deploy_key_deleted(&mut self, place: &DeployKeyPlace) {
        for k in self
            .old_deploy_keys
            .iter_mut()
            .filter(|k| k.place == *place)
        {
            k.deleted = true;
        }
    }

    /// The record of the new key, with its deploy keys, once rotated.
    pub(crate) fn new_record(&self, recorded_at: String) -> Option<UploadedKey> {
        let key = self.new_key.as_ref()?;
        let github_api = self.github_api.clone().unwrap_or_default();
        Some(UploadedKey {
            fingerprint: key.fingerprint.clone(),
            md5: Some(key.md5.clone()),
            key_type: key.key_type.clone(),
            bits: key.bits,
            public_key: key.public_key.clone(),
            organization: self.organization.clone(),
            tfe_key_id: key.id.clone(),
            name: key.name.clone(),
            api_origin: self.api_origin.clone(),
            recorded_at,
            deploy_keys: self
                .repositories
                .iter()
                .flatten()
                .filter_map(|r| {
                    Some(DeployKeyPlace {
                        repository: r.repository.clone(),
                        key_id: r.key_id?,
                        github_api: github_api.clone(),
                    })
                })
                .collect(),
        })
    }
}

impl NewKey {
    pub(crate) fn new(id: String, name: String, public: PublicHalf) -> Self {
        NewKey {
            id,
            name,
            public_key: public.openssh,
            fingerprint: public.sha256,
            md5: public.md5,
            key_type: public.key_type,
            bits: public.bits,
        }
    }
}

/// The key type to make again, from a recorded key's type and size.
pub(crate) fn kind_of(key_type: &str, bits: u32) -> Option<KeyKind> {
    match (key_type, bits) {
        ("ssh-ed25519", _) => Some(KeyKind::Ed25519),
        ("ssh-rsa", 3072) => Some(KeyKind::Rsa3072),
        ("ssh-rsa", 4096) => Some(KeyKind::Rsa4096),
        _ => None,
    }
}

/// The new key's name: the old one's, dated (`date` is `YYYY-MM-DD…`).
pub(crate) fn rotated_name(old: &str, date: &str) -> String {
    let day = date.get(..10).unwrap_or(date);
    format!("{old} (rotated {day})")
}

/// The saved rotation, if any (an unreadable one reads as none).
pub(crate) fn saved() -> Option<Progress> {
    storage::read(Area::Local, STORAGE_KEY).and_then(|text| decode(&text))
}

pub(crate) fn save(progress: &Progress) {
    if let Ok(text) = serde_json::to_string(progress) {
        storage::write(Area::Local, STORAGE_KEY, &text);
    }
}

pub(crate) fn clear() {
    storage::remove(Area::Local, STORAGE_KEY);
}

pub(crate) fn decode(text: &str) -> Option<Progress> {
    serde_json::from_str(text).ok()
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
