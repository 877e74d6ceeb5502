//! The local record of TFE SSH keys uploaded through Keyward. TFE never
//! returns key material, so the only way to tell later which key an entry
//! holds (for "Find a key" on the All keys page) is to remember the public
//! half's fingerprint when Keyward uploads it.
//!
//! Kept in `localStorage`: public facts only — fingerprints, the OpenSSH
//! public line, names and ids. Never the private key, never a token.

use super::storage::{self, Area};
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "keyward.uploaded-tfe-keys";

/// One TFE SSH key Keyward uploaded (or replaced the text of).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct UploadedKey {
    /// `SHA256:…` of the public half, as `ssh-keygen -l` prints it.
    pub(crate) fingerprint: String,
    /// `MD5:aa:bb:…`, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) md5: Option<String>,
    /// `ssh-ed25519`, `ssh-rsa`, …
    pub(crate) key_type: String,
    pub(crate) bits: u32,
    /// The OpenSSH public line (public and harmless: lets the All keys page
    /// export `authorized_keys`).
    pub(crate) public_key: String,
    pub(crate) organization: String,
    pub(crate) tfe_key_id: String,
    /// The key's name in TFE, as last set through Keyward.
    pub(crate) name: String,
    /// The connection's API URL (no token): which TFE the key is on.
    pub(crate) api_origin: String,
    /// When Keyward recorded it (RFC 3339).
    pub(crate) recorded_at: String,
    /// Where "Set up module access" (or a rotation) put its public half on
    /// GitHub, so a rotation can later replace and delete those keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) deploy_keys: Vec<DeployKeyPlace>,
}

/// Where a recorded key's public half is on GitHub.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DeployKeyPlace {
    /// `owner/name`: a read-only deploy key there; or `@login`: an SSH key
    /// of that machine user (one string, so older records read unchanged).
    pub(crate) repository: String,
    /// GitHub's id of the key (deploy key or user key).
    pub(crate) key_id: u64,
    /// The GitHub connection's API URL (never a token).
    pub(crate) github_api: String,
}

impl UploadedKey {
    fn is(&self, api_origin: &str, organization: &str, tfe_key_id: &str) -> bool {
        self.api_origin == api_origin
            && self.organization == organization
            && self.tfe_key_id == tfe_key_id
    }
}

/// Every recorded key; an unreadable record reads as none.
pub(crate) fn all() -> Vec<UploadedKey> {
    storage::read(Area::Local, STORAGE_KEY)
        .map(|text| decode(&text))
        .unwrap_or_default()
}

/// Records `key`, in place of any record of the same TFE key.
pub(crate) fn record(key: UploadedKey) {
    let mut keys = all();
    upsert(&mut keys, key);
    save(&keys);
}

/// Records `key` (a new text for the same TFE key, or a key just added),
/// keeping where an earlier record of it put the public half on GitHub:
/// those deploy keys still hold the old half, so a rotation must find them
/// to replace and delete them.
pub(crate) fn record_keeping_places(mut key: UploadedKey) {
    let mut keys = all();
    keep_places(&keys, &mut key);
    upsert(&mut keys, key);
    save(&keys);
}

fn keep_places(keys: &[UploadedKey], key: &mut UploadedKey) {
    if key.deploy_keys.is_empty() {
        if let Some(earlier) = keys
            .iter()
            .find(|k| k.is(&key.api_origin, &key.organization, &key.tfe_key_id))
        {
            key.deploy_keys = earlier.deploy_keys.clone();
        }
    }
}

/// Drops the record of a key deleted through Keyward.
pub(crate) fn forget(api_origin: &str, organization: &str, tfe_key_id: &str) {
    let mut keys = all();
    let before = keys.len();
    keys.retain(|k| !k.is(api_origin, organization, tfe_key_id));
    if keys.len() != before {
        save(&keys);
    }
}

/// Follows a rename made through Keyward.
pub(crate) fn rename(api_origin: &str, organization: &str, tfe_key_id: &str, name: &str) {
    let mut keys = all();
    let mut changed = false;
    for key in keys
        .iter_mut()
        .filter(|k| k.is(api_origin, organization, tfe_key_id))
    {
        key.name = name.to_string();
        changed = true;
    }
    if changed {
        save(&keys);
    }
}

fn save(keys: &[UploadedKey]) {
    if keys.is_empty() {
        storage::remove(Area::Local, STORAGE_KEY);
    } else if let Ok(text) = serde_json::to_string(keys) {
        storage::write(Area::Local, STORAGE_KEY, &text);
    }
}

fn decode(text: &str) -> Vec<UploadedKey> {
    serde_json::from_str(text).unwrap_or_default()
}

fn upsert(keys: &mut Vec<UploadedKey>, key: UploadedKey) {
    keys.retain(|k| !k.is(&key.api_origin, &key.organization, &key.tfe_key_id));
    keys.push(key);
}

/// Now, as RFC 3339 (UTC), for `recorded_at`.
pub(crate) fn now_rfc3339() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::js_sys::Date::new_0()
            .to_iso_string()
            .as_string()
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// Which TFE a record belongs to: the connection's API URL (never a token).
pub(crate) fn api_origin(connection: &super::Connection) -> String {
    connection.api_url.trim().trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, name: &str) -> UploadedKey {
        UploadedKey {
            fingerprint: format!("SHA256:{id}"),
            md5: None,
            key_type: "ssh-rsa".into(),
            bits: 2048,
            public_key: "ssh-rsa AAAAB3NzaC1yc2E".into(),
            organization: "acme".into(),
            tfe_key_id: id.into(),
            name: name.into(),
            api_origin: "https://app.terraform.io/api/v2".into(),
            recorded_at: "2026-01-01T00:00:00.000Z".into(),
            deploy_keys: Vec::new(),
        }
    }

    #[test]
    fn a_second_record_of_the_same_key_replaces_the_first() {
        let mut keys = vec![key("sshkey-1", "old"), key("sshkey-2", "other")];
        upsert(&mut keys, key("sshkey-1", "new"));
        assert_eq!(keys.len(), 2);
        assert_eq!(
            keys.iter().filter(|k| k.tfe_key_id == "sshkey-1").count(),
            1
        );
        assert!(keys.iter().any(|k| k.name == "new"));
        // The same id on another TFE is another key.
        let mut elsewhere = key("sshkey-1", "elsewhere");
        elsewhere.api_origin = "https://tfe.example.com/api/v2".into();
        upsert(&mut keys, elsewhere);
        assert_eq!(keys.len(), 3);
    }

    #[test]
    fn a_new_text_for_a_wired_key_keeps_its_places_on_github() {
        let mut wired = key("sshkey-3", "modules");
        wired.deploy_keys = vec![DeployKeyPlace {
            repository: "@modules-bot".into(),
            key_id: 7,
            github_api: "https://api.github.com".into(),
        }];
        let keys = vec![wired.clone(), key("sshkey-4", "other")];
        let mut replaced = key("sshkey-3", "modules");
        replaced.fingerprint = "SHA256:new".into();
        keep_places(&keys, &mut replaced);
        assert_eq!(replaced.deploy_keys, wired.deploy_keys);
        assert_eq!(replaced.fingerprint, "SHA256:new");
        let mut fresh = key("sshkey-9", "new");
        keep_places(&keys, &mut fresh);
        assert!(
            fresh.deploy_keys.is_empty(),
            "another key's places are not taken"
        );
    }

    #[test]
    fn records_round_trip_and_damaged_storage_reads_as_none() {
        let keys = vec![key("sshkey-1", "a")];
        let text = serde_json::to_string(&keys).expect("json");
        assert!(!text.contains("md5"), "an unknown MD5 is left out: {text}");
        assert_eq!(decode(&text), keys);
        assert!(decode("not json").is_empty());
        assert!(decode("[{\"fingerprint\":1}]").is_empty());
    }

    #[test]
    fn deploy_key_places_round_trip_and_older_records_read_without_them() {
        let mut wired = key("sshkey-3", "modules");
        wired.deploy_keys = vec![DeployKeyPlace {
            repository: "octocat/hello-world".into(),
            key_id: 42,
            github_api: "https://api.github.com".into(),
        }];
        let text = serde_json::to_string(&[wired.clone()]).expect("json");
        assert!(text.contains("\"key_id\":42"), "{text}");
        assert_eq!(decode(&text), [wired]);
        // A record written before deploy keys were kept has none.
        let older = serde_json::to_string(&[key("sshkey-1", "a")]).expect("json");
        assert!(!older.contains("deploy_keys"), "{older}");
        assert_eq!(decode(&older)[0].deploy_keys, []);
    }
}
