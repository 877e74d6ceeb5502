//! The person's rules for keys: applied to the inventory's findings and, as
//! warnings, to every add form. Kept by the UI in local storage as JSON.

use serde::{Deserialize, Serialize};

/// Rules for keys. Every field has a default, so a policy saved by an older
/// version still loads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Policy {
    /// Key types allowed, as written in a key line (`ssh-ed25519`); empty
    /// allows every type. Certificates count as the type they certify.
    pub allowed_types: Vec<String>,
    /// RSA keys below this many bits are findings.
    pub min_rsa_bits: u32,
    /// Keys created more than this many days ago are findings.
    pub max_age_days: Option<u32>,
    /// Keys not used for more than this many days (where the provider
    /// records use) are findings.
    pub max_unused_days: Option<u32>,
    /// Whether deploy keys may have write access.
    pub allow_read_write_deploy_keys: bool,
    /// Tokens expiring within this many days are findings.
    pub expiry_warning_days: u32,
    /// Offboarding: keys added by this user are findings (case-insensitive).
    pub added_by: Option<String>,
}

/// Every key type the engine reads, for a policy editor's checkboxes.
pub const KEY_TYPES: [&str; 8] = [
    "ssh-ed25519",
    "sk-ssh-ed25519@openssh.com",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-rsa",
    "ssh-dss",
];

impl Default for Policy {
    fn default() -> Self {
        Policy {
            // Everything current OpenSSH accepts by default: not DSA.
            allowed_types: KEY_TYPES
                .iter()
                .filter(|&&t| t != "ssh-dss")
                .map(|t| t.to_string())
                .collect(),
            min_rsa_bits: 2048,
            max_age_days: None,
            max_unused_days: Some(90),
            allow_read_write_deploy_keys: false,
            expiry_warning_days: 14,
            added_by: None,
        }
    }
}

const CERT_SUFFIX: &str = "-cert-v01@openssh.com";

impl Policy {
    /// Whether the policy allows this key type (a certificate type counts as
    /// the type it certifies).
    pub fn allows_type(&self, key_type: &str) -> bool {
        let plain = key_type.strip_suffix(CERT_SUFFIX).unwrap_or(key_type);
        self.allowed_types.is_empty() || self.allowed_types.iter().any(|t| t == plain)
    }

    /// Warnings for a key about to be added (shown by the add forms; they
    /// do not block: the provider's own rules do). `read_write_deploy` is
    /// true for a deploy key asked to have write access.
    pub fn check_new_key(&self, key_type: &str, bits: u32, read_write_deploy: bool) -> Vec<String> {
        let mut warnings = Vec::new();
        if !self.allows_type(key_type) {
            warnings.push(format!(
                "Your policy does not allow {key_type} keys (allowed: {}).",
                self.allowed_types.join(", ")
            ));
        }
        let plain = key_type.strip_suffix(CERT_SUFFIX).unwrap_or(key_type);
        if plain == "ssh-rsa" && bits < self.min_rsa_bits {
            warnings.push(format!(
                "This RSA key has {bits} bits; your policy asks for at least {}.",
                self.min_rsa_bits
            ));
        }
        if read_write_deploy && !self.allow_read_write_deploy_keys {
            warnings.push(
                "Your policy keeps deploy keys read-only: a read-write deploy key can push to \
                 the repository."
                    .to_string(),
            );
        }
        warnings
    }
}
