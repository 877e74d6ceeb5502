//! Everything the sandbox remembers, as plain serialisable data: the
//! browser's service worker keeps it in the Cache API, the emulator behind a
//! mutex. The first-visit world is built in `seed.rs`.
//!
//! Deterministic on purpose: ids come from counters, "random" values from a
//! seeded counter-based generator, times from the caller's `now`. Nothing
//! here reads the OS clock or the OS random source, so the same requests
//! always give the same answers and the code compiles for wasm32 unchanged.
//!
//! Never stored: private key material (TFE key values are checked and then
//! dropped) or token values (Astro tokens are kept as SHA-256 digests).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// The token the browser's Sandbox connection uses.
pub const BROWSER_TOKEN: &str = "sandbox";

/// When the seeded records were "created": 2024-01-02T03:04:05Z.
pub const SEED_TIME: u64 = 1_704_164_645;

/// The whole emulated world: four providers and the bookkeeping they share.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct SandboxState {
    /// The bearer token every emulated provider accepts for the seeded user.
    /// A sandbox token is not a secret, but it is still never logged.
    pub access_token: String,
    /// Seed of the generator behind ids and token values.
    pub seed: u64,
    /// How many values the generator has produced.
    pub counter: u64,
    /// How many requests have been handled (drives the per-run faults).
    pub requests: u64,
    #[serde(default)]
    pub run_faults: RunFaults,
    pub github: GitHubState,
    pub tfe: TfeState,
    pub astro: AstroState,
    pub cnb: CnbState,
}

impl fmt::Debug for SandboxState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxState")
            .field("access_token", &"[redacted]")
            .field("requests", &self.requests)
            .field("github", &self.github)
            .field("tfe", &self.tfe)
            .field("astro", &self.astro)
            .field("cnb", &self.cnb)
            .finish_non_exhaustive()
    }
}

/// Faults applied to every request of a run (the emulator's command-line
/// flags); per-request faults come from the `x-emulator-fault` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunFaults {
    /// Delay every response by this many milliseconds.
    pub delay_ms: u64,
    /// Every Nth request fails with `fail_status` (0: never).
    pub fail_every: u64,
    pub fail_status: u16,
    /// Every Nth request is refused by the provider's rate limit (0: never).
    pub rate_limit_every: u64,
}

/// A fixed-length rate-limit window (GitHub's hourly budget).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateWindow {
    pub window_start: u64,
    pub used: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GitHubState {
    /// Login of the user the access token belongs to.
    pub token_holder: String,
    /// What `X-OAuth-Scopes` reports for the access token.
    pub scopes: Vec<String>,
    /// Key ids are one sequence across user and deploy keys, as on GitHub.
    pub next_key_id: u64,
    pub users: Vec<GitHubUser>,
    /// Organizations: who is a member. Repositories name their owner.
    #[serde(default)]
    pub orgs: Vec<GitHubOrg>,
    pub repos: Vec<GitHubRepo>,
    pub rate_authenticated: RateWindow,
    pub rate_anonymous: RateWindow,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GitHubUser {
    pub id: u64,
    pub login: String,
    pub name: String,
    pub keys: Vec<GitHubKey>,
    /// SSH signing keys: a list of their own, so the same key may also be
    /// an authentication key (GitHub allows it).
    #[serde(default)]
    pub signing_keys: Vec<GitHubKey>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GitHubOrg {
    pub id: u64,
    pub login: String,
    pub members: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GitHubRepo {
    pub id: u64,
    pub owner: String,
    pub name: String,
    pub private: bool,
    /// Logins with admin rights besides the owner itself (for an
    /// organization's repository: the org members who administer it).
    #[serde(default)]
    pub admins: Vec<String>,
    pub deploy_keys: Vec<GitHubKey>,
}

/// A user key or a deploy key: GitHub keeps both in one table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GitHubKey {
    pub id: u64,
    /// Canonical `type base64`, without comment (as GitHub returns it).
    pub key: String,
    /// SHA256 fingerprint of the plain key: the identity behind "in use".
    pub fingerprint: String,
    pub title: String,
    pub created_at: String,
    pub last_used: Option<String>,
    pub verified: bool,
    pub read_only: bool,
    /// Deploy keys only.
    pub added_by: Option<String>,
    pub enabled: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TfeState {
    pub user_id: String,
    pub username: String,
    pub email: String,
    pub organizations: Vec<TfeOrganization>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TfeOrganization {
    pub name: String,
    /// Whether the token's user may see it; TFE answers 404 when not.
    pub member: bool,
    pub ssh_keys: Vec<TfeSshKey>,
    /// Absent from data saved before workspaces existed.
    #[serde(default)]
    pub workspaces: Vec<TfeWorkspace>,
}

/// Only the name: TFE never returns the private key, and the sandbox never
/// keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TfeSshKey {
    pub id: String,
    pub name: String,
}

/// A workspace: its name and the SSH key its runs clone modules with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TfeWorkspace {
    /// `ws-` and 16 characters, as TFE's ids.
    pub id: String,
    pub name: String,
    /// The id of one of its organization's SSH keys, or `None`.
    pub ssh_key_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AstroState {
    pub user_id: String,
    pub username: String,
    pub full_name: String,
    pub organizations: Vec<AstroOrganization>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AstroOrganization {
    pub id: String,
    pub name: String,
    pub workspaces: Vec<String>,
    pub deployments: Vec<AstroDeployment>,
    pub tokens: Vec<AstroToken>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AstroDeployment {
    pub id: String,
    pub name: String,
    pub workspace_id: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AstroRole {
    pub role: String,
    pub entity_id: String,
    pub entity_type: String,
    pub deployment_id: Option<String>,
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct AstroToken {
    pub id: String,
    pub name: String,
    pub description: String,
    pub short_token: String,
    /// SHA-256 (hex) of the current token value; the value itself is shown
    /// once and never stored.
    pub value_sha256: String,
    pub scope: String,
    pub kind: String,
    pub start_at: String,
    pub end_at: Option<String>,
    /// Epoch seconds of `end_at`, for the expiry check.
    pub end_epoch: Option<u64>,
    pub expiry_period_in_days: Option<u32>,
    pub created_at: String,
    pub updated_at: String,
    pub last_used_at: Option<String>,
    pub last_rotated_at: Option<String>,
    pub roles: Vec<AstroRole>,
}

impl fmt::Debug for AstroToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AstroToken")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("short_token", &self.short_token)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CnbState {
    pub user_id: String,
    pub username: String,
    pub nickname: String,
    pub email: String,
    pub groups: Vec<CnbGroup>,
    pub repos: Vec<CnbRepo>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CnbGroup {
    pub id: String,
    pub path: String,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CnbRepo {
    pub id: String,
    /// `group/name`.
    pub path: String,
    pub name: String,
    pub description: String,
    pub visibility_level: String,
}

/// Hex SHA-256, for token digests.
pub(crate) fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub use crate::calendar::rfc3339;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_matches_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(SEED_TIME), "2024-01-02T03:04:05Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn synthetic_keys_are_valid_and_distinct() {
        let state = SandboxState::browser();
        let keys = &state.github.users[0].keys;
        assert_eq!(keys.len(), 2);
        assert!(keys[0].fingerprint.starts_with("SHA256:"));
        assert_ne!(keys[0].fingerprint, keys[1].fingerprint);
    }
}
