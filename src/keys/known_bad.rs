//! Public keys whose private halves are published: anyone can log in with
//! them, or impersonate the host that uses them. Stored as `SHA256:`
//! fingerprints only (never a key), each with its name and where it is
//! published, so a finding can say which key it is and how to check.

mod list;

use list::KNOWN_BAD;

/// A known-compromised key: its private half is public.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownBad {
    /// What the key is, in people's words ("Vagrant insecure RSA key").
    pub name: &'static str,
    /// Where it is published (`owner/repo path`), to check for oneself.
    pub source: &'static str,
}

/// The known-compromised key with this `SHA256:` fingerprint (as
/// `ssh-keygen -l` prints it), if it is one.
pub fn lookup(sha256_fingerprint: &str) -> Option<KnownBad> {
    KNOWN_BAD
        .binary_search_by(|(fingerprint, _, _)| {
            fingerprint.as_bytes().cmp(sha256_fingerprint.as_bytes())
        })
        .ok()
        .map(|index| {
            let (_, name, source) = KNOWN_BAD[index];
            KnownBad { name, source }
        })
}

/// Every stored fingerprint with its key, in fingerprint order: for tests
/// and for anyone who wants to see the list.
pub fn all() -> impl Iterator<Item = (&'static str, KnownBad)> {
    KNOWN_BAD
        .iter()
        .map(|&(fingerprint, name, source)| (fingerprint, KnownBad { name, source }))
}

impl KnownBad {
    /// One plain paragraph: what the key is and what to do.
    pub fn explain(&self) -> String {
        format!(
            "This is a known-compromised key: the {} (published in {}). Its private half is \
             public, so anyone can use it. Do not use it anywhere: generate a new key with \
             `ssh-keygen -t ed25519` and remove this one wherever it is installed.",
            self.name, self.source
        )
    }
}
