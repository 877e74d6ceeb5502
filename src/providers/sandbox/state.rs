//! Everything the sandbox remembers, as plain serialisable data: the browser
//! keeps it in localStorage, the emulator behind a mutex.
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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GitHubRepo {
    pub id: u64,
    pub owner: String,
    pub name: String,
    pub private: bool,
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
}

/// Only the name: TFE never returns the private key, and the sandbox never
/// keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TfeSshKey {
    pub id: String,
    pub name: String,
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

impl SandboxState {
    /// The browser's sandbox: seeded, accepting the token [`BROWSER_TOKEN`].
    pub fn browser() -> Self {
        SandboxState::seeded(BROWSER_TOKEN, 0x6b65_7977_6172_6400)
    }

    /// The seeded world described in the module docs, accepting `token`.
    pub fn seeded(token: &str, seed: u64) -> Self {
        let created = rfc3339(SEED_TIME);
        let mut state = SandboxState {
            access_token: token.to_string(),
            seed,
            counter: 0,
            requests: 0,
            run_faults: RunFaults::default(),
            github: GitHubState {
                token_holder: "octocat".into(),
                scopes: vec!["admin:public_key".into(), "read:user".into(), "repo".into()],
                next_key_id: 1001,
                users: vec![
                    GitHubUser {
                        id: 583231,
                        login: "octocat".into(),
                        name: "The Octocat".into(),
                        keys: Vec::new(),
                    },
                    GitHubUser {
                        id: 7589,
                        login: "hubot".into(),
                        name: "Hubot".into(),
                        keys: Vec::new(),
                    },
                ],
                repos: vec![GitHubRepo {
                    id: 1296269,
                    owner: "octocat".into(),
                    name: "hello-world".into(),
                    private: false,
                    deploy_keys: Vec::new(),
                }],
                rate_authenticated: RateWindow::default(),
                rate_anonymous: RateWindow::default(),
            },
            tfe: TfeState {
                user_id: "user-sandbox0000000001".into(),
                username: "sandbox-user".into(),
                email: "sandbox@example.com".into(),
                organizations: vec![
                    TfeOrganization {
                        name: "acme".into(),
                        member: true,
                        ssh_keys: Vec::new(),
                    },
                    TfeOrganization {
                        name: "globex".into(),
                        member: false,
                        ssh_keys: Vec::new(),
                    },
                ],
            },
            astro: AstroState {
                user_id: "clsandboxuser0000000000001".into(),
                username: "sandbox@example.com".into(),
                full_name: "Sandbox User".into(),
                organizations: vec![AstroOrganization {
                    id: "org-sandbox".into(),
                    name: "Sandbox Organization".into(),
                    workspaces: vec!["ws-sandbox".into()],
                    deployments: vec![AstroDeployment {
                        id: "dep-sandbox".into(),
                        name: "sandbox-deployment".into(),
                        workspace_id: "ws-sandbox".into(),
                    }],
                    tokens: Vec::new(),
                }],
            },
            cnb: CnbState {
                user_id: "1800000000000000001".into(),
                username: "sandbox-user".into(),
                nickname: "Sandbox User".into(),
                email: "sandbox@example.com".into(),
                groups: vec![CnbGroup {
                    id: "1800000000000000002".into(),
                    path: "sandbox-org".into(),
                    description: "The sandbox organization".into(),
                }],
                repos: vec![CnbRepo {
                    id: "1800000000000000003".into(),
                    path: "sandbox-org/hello".into(),
                    name: "hello".into(),
                    description: "A sandbox repository".into(),
                    visibility_level: "Private".into(),
                }],
            },
        };
        for title in ["work laptop", "home desktop"] {
            let key = state.synthetic_key(title, &created);
            state.github.users[0].keys.push(key);
        }
        let hubot_key = state.synthetic_key("hubot's key", &created);
        state.github.users[1].keys.push(hubot_key);
        let mut deploy = state.synthetic_key("ci read-only", &created);
        deploy.read_only = true;
        deploy.added_by = Some("octocat".into());
        state.github.repos[0].deploy_keys.push(deploy);
        let tfe_key = TfeSshKey {
            id: state.prefixed_id("sshkey-", 16),
            name: "deploy-key".into(),
        };
        state.tfe.organizations[0].ssh_keys.push(tfe_key);
        super::astro::seed_token(&mut state, SEED_TIME);
        state
    }

    /// Adds `count` generated ed25519 keys to the token holder's account
    /// (tests use it for pagination).
    pub fn seed_user_keys(&mut self, count: usize, now: u64) {
        let created = rfc3339(now);
        for n in 0..count {
            let key = self.synthetic_key(&format!("generated key {}", n + 1), &created);
            if let Some(user) = self.github_holder_mut() {
                user.keys.push(key);
            }
        }
    }

    pub(crate) fn github_holder_mut(&mut self) -> Option<&mut GitHubUser> {
        let login = self.github.token_holder.clone();
        self.github
            .users
            .iter_mut()
            .find(|u| u.login.eq_ignore_ascii_case(&login))
    }

    /// A fresh, valid ed25519 public key record made from the generator
    /// (any 32 bytes are a well-formed ed25519 public key).
    fn synthetic_key(&mut self, title: &str, created: &str) -> GitHubKey {
        let mut point = [0u8; 32];
        for chunk in point.chunks_mut(8) {
            chunk.copy_from_slice(&self.next_u64().to_le_bytes());
        }
        let line = ed25519_line(&point);
        let fingerprint = crate::keys::inspect(&line)
            .into_iter()
            .find_map(|f| f.key.map(|k| k.sha256))
            .unwrap_or_default();
        let id = self.github.next_key_id;
        self.github.next_key_id += 1;
        GitHubKey {
            id,
            key: line,
            fingerprint,
            title: title.to_string(),
            created_at: created.to_string(),
            last_used: None,
            verified: true,
            read_only: false,
            added_by: None,
            enabled: true,
        }
    }

    /// The next value of the generator: SplitMix64 over a counter. Good
    /// enough for ids and sandbox token values, which are not secrets.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.counter = self.counter.wrapping_add(1);
        let mut z = self
            .seed
            .wrapping_add(self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `len` characters of lower-case letters and digits.
    pub(crate) fn random_alnum(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        (0..len)
            .map(|_| ALPHABET[(self.next_u64() % ALPHABET.len() as u64) as usize] as char)
            .collect()
    }

    pub(crate) fn prefixed_id(&mut self, prefix: &str, len: usize) -> String {
        format!("{prefix}{}", self.random_alnum(len))
    }
}

/// `ssh-ed25519 <base64>` for a 32-byte public point.
fn ed25519_line(point: &[u8; 32]) -> String {
    use base64::Engine as _;
    let mut blob = Vec::with_capacity(51);
    blob.extend_from_slice(&11u32.to_be_bytes());
    blob.extend_from_slice(b"ssh-ed25519");
    blob.extend_from_slice(&32u32.to_be_bytes());
    blob.extend_from_slice(point);
    format!(
        "ssh-ed25519 {}",
        base64::engine::general_purpose::STANDARD.encode(blob)
    )
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
