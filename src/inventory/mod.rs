//! The inventory: every key and token of every connection as one list of
//! [`Entry`]s, and what can be said about that list — [`findings`] under a
//! [`Policy`], [`groups`] of the same key in several places, [`find`] a
//! pasted key or fingerprint, and exports ([`to_csv`], [`to_json`],
//! [`authorized_keys`]).
//!
//! Pure Rust like [`crate::keys`]: no web dependency, no I/O, no clock (the
//! caller passes "now"), so all of it is tested natively. Never panics on
//! what a provider returns: a key that cannot be read is an entry without a
//! fingerprint and a finding that says so.

mod date;
mod export;
mod findings;
mod policy;
mod search;

pub use date::parse_rfc3339;
pub use export::{authorized_keys, to_csv, to_json, CSV_HEADER};
pub use findings::{findings, Finding, FindingCode, Severity};
pub use policy::{Policy, KEY_TYPES};
pub use search::{find, groups, parse_query, Group, Query};

use crate::keys;
use crate::providers::{KeyRecord, Provider};
use serde::{Deserialize, Serialize};

/// Where a key or token lives: what it opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Place {
    /// An SSH authentication key of a user account (GitHub `/user/keys`).
    UserKey { account: String },
    /// An SSH signing key of a user account (GitHub `/user/ssh_signing_keys`).
    SigningKey { account: String },
    /// A deploy key of one repository, `owner/repo`.
    DeployKey { repository: String },
    /// An SSH key of an HCP Terraform / Terraform Enterprise organization.
    TfeOrganization { organization: String },
    /// An Astro API token: of a deployment, or of the whole organization
    /// when `deployment` is `None`.
    AstroDeployment {
        organization: String,
        deployment: Option<String>,
    },
    /// A CNB deploy key the person noted in Keyward (CNB cannot list them):
    /// `scope` is the organization, repository or registry it opens.
    CnbMemo { scope: String },
}

impl Place {
    /// The place in words, for tables and findings ("deploy key on o/r").
    pub fn describe(&self) -> String {
        match self {
            Place::UserKey { account } => format!("SSH key of user {account}"),
            Place::SigningKey { account } => format!("signing key of user {account}"),
            Place::DeployKey { repository } => format!("deploy key on {repository}"),
            Place::TfeOrganization { organization } => {
                format!("SSH key of organization {organization}")
            }
            Place::AstroDeployment {
                organization,
                deployment: Some(deployment),
            } => format!("token of deployment {deployment} in {organization}"),
            Place::AstroDeployment {
                organization,
                deployment: None,
            } => format!("token of organization {organization}"),
            Place::CnbMemo { scope } => format!("deploy key for {scope} (noted in Keyward)"),
        }
    }

    /// Whether the provider records when a key here was last used, so that
    /// an empty "last used" means "never used" rather than "not known".
    pub fn tracks_last_use(&self) -> bool {
        matches!(
            self,
            Place::UserKey { .. } | Place::DeployKey { .. } | Place::AstroDeployment { .. }
        )
    }

    /// Whether tokens here can be given an expiry date, so that one without
    /// it is a token that never expires by choice.
    pub fn has_expiry(&self) -> bool {
        matches!(self, Place::AstroDeployment { .. } | Place::CnbMemo { .. })
    }
}

/// What an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// An SSH key (its public half is listed, or, for TFE, only its name).
    SshKey,
    /// An API token or a deploy-key password (never its value).
    Token,
}

/// One key or token in one place. Metadata only: never a token, a secret or
/// a private key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub provider: Provider,
    /// The connection's label as the person named it (never its token).
    pub connection: String,
    pub place: Place,
    pub kind: EntryKind,
    /// The provider's id of the key or token.
    pub id: String,
    /// Title (GitHub) or name (TFE, Astro, CNB).
    pub title: String,
    /// The key type as written in a key line (`ssh-ed25519`), when known.
    pub key_type: Option<String>,
    /// The size as `ssh-keygen -l` prints it.
    pub bits: Option<u32>,
    /// `SHA256:…` as `ssh-keygen -l` prints it: computed from the key, or,
    /// for TFE keys (whose key TFE never returns), recorded when Keyward
    /// uploaded it.
    pub fingerprint: Option<String>,
    /// `MD5:aa:bb:…` as `ssh-keygen -l -E md5` prints it.
    pub md5: Option<String>,
    /// The public key as one OpenSSH line (no comment), when listed.
    pub public_key: Option<String>,
    /// RFC 3339 timestamps as the provider sent them.
    pub created_at: Option<String>,
    pub last_used_at: Option<String>,
    pub added_by: Option<String>,
    pub expires_at: Option<String>,
    /// Deploy keys: `Some(true)` read-only, `Some(false)` read-write.
    pub read_only: Option<bool>,
    /// The in-app route where to act on it (`/repos/o/r/keys`).
    pub link: String,
    /// Why the listed public key could not be read, when it could not.
    pub key_problem: Option<String>,
}

impl Entry {
    /// An entry from a record as a provider's parser returns it. The type,
    /// size and fingerprints are computed here from `record.public_key` by
    /// the key engine, never taken from the provider.
    pub fn from_record(
        provider: Provider,
        connection: &str,
        place: Place,
        kind: EntryKind,
        record: &KeyRecord,
        link: &str,
    ) -> Entry {
        let mut entry = Entry {
            provider,
            connection: connection.to_string(),
            place,
            kind,
            id: record.id.clone(),
            title: record.title.clone(),
            key_type: None,
            bits: None,
            fingerprint: None,
            md5: None,
            public_key: None,
            created_at: record.created_at.clone(),
            last_used_at: record.last_used_at.clone(),
            added_by: record.added_by.clone(),
            expires_at: record.expires_at.clone(),
            read_only: record.read_only,
            link: link.to_string(),
            key_problem: None,
        };
        if let Some(text) = record.public_key.as_deref() {
            entry.read_key(text);
        }
        entry
    }

    /// Fills the key's facts from its text, or says why it could not.
    fn read_key(&mut self, text: &str) {
        let findings = keys::inspect(text);
        // Never a private key's public half: a provider lists public keys.
        let usable = findings.iter().find(|f| f.is_usable_public());
        match usable.and_then(|f| f.key.as_ref()) {
            Some(key) => {
                self.key_type = Some(key.algorithm.clone());
                self.bits = Some(key.bits);
                self.fingerprint = Some(key.sha256.clone());
                self.md5 = Some(key.md5());
                self.public_key = Some(key.openssh());
            }
            None => {
                let why = findings
                    .first()
                    .and_then(|f| f.message())
                    .unwrap_or_else(|| "It is not an SSH public key.".to_string());
                self.key_problem = Some(why);
            }
        }
    }

    /// A fingerprint recorded elsewhere (TFE keys Keyward uploaded): set only
    /// when the entry has none of its own, and only a well-formed one.
    pub fn with_recorded_fingerprint(mut self, sha256: Option<&str>) -> Entry {
        if self.fingerprint.is_none() {
            self.fingerprint = sha256
                .filter(|f| search::is_sha256_fingerprint(f))
                .map(str::to_string);
        }
        self
    }
}
