//! Advice about usable keys. Lints are data: each provider decides which ones
//! block a submit (GitHub refuses DSA; a plain SSH server may still take it).

use super::finding::{Finding, Kind};
use ssh_key::public::KeyData;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LintCode {
    /// `ssh-dss`: disabled by default since OpenSSH 7.0, refused by GitHub.
    Dsa,
    /// RSA shorter than 1024 bits: OpenSSH refuses to load it.
    RsaTooShort,
    /// RSA shorter than 2048 bits: below every current recommendation.
    RsaWeak,
    /// A certificate where most places want the plain key it certifies.
    Certificate,
    /// The same key appears earlier in the same paste.
    Duplicate,
}

impl LintCode {
    /// Stable identifiers for the command line and the providers' policies.
    pub fn as_str(self) -> &'static str {
        match self {
            LintCode::Dsa => "dsa-deprecated",
            LintCode::RsaTooShort => "rsa-under-1024-bits",
            LintCode::RsaWeak => "rsa-under-2048-bits",
            LintCode::Certificate => "certificate-not-plain-key",
            LintCode::Duplicate => "duplicate-in-paste",
        }
    }

    /// Whether the key is refused by OpenSSH itself (not just discouraged).
    pub fn is_refusal(self) -> bool {
        matches!(self, LintCode::RsaTooShort)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    pub code: LintCode,
    /// The reason, in plain words.
    pub message: String,
}

impl Lint {
    fn new(code: LintCode, message: impl Into<String>) -> Self {
        Lint {
            code,
            message: message.into(),
        }
    }
}

/// Lints that depend on the key alone.
pub(crate) fn lint_key(kind: Kind, key: &KeyData, bits: u32) -> Vec<Lint> {
    let mut lints = Vec::new();
    match key {
        KeyData::Dsa(_) => lints.push(Lint::new(
            LintCode::Dsa,
            "DSA (ssh-dss) keys are obsolete: OpenSSH disables them by default since 7.0 and \
             GitHub refuses them since March 2022. Create a new key with `ssh-keygen -t ed25519`.",
        )),
        KeyData::Rsa(_) if bits < 1024 => lints.push(Lint::new(
            LintCode::RsaTooShort,
            format!(
                "This RSA key has only {bits} bits: OpenSSH refuses RSA keys under 1024 bits. \
                 Create a new key with `ssh-keygen -t ed25519`."
            ),
        )),
        KeyData::Rsa(_) if bits < 2048 => lints.push(Lint::new(
            LintCode::RsaWeak,
            format!(
                "This RSA key has only {bits} bits; 2048 is the minimum anyone recommends today. \
                 Create a new key with `ssh-keygen -t ed25519` (or `-t rsa -b 4096`)."
            ),
        )),
        _ => {}
    }
    if kind == Kind::Certificate {
        lints.push(Lint::new(
            LintCode::Certificate,
            "This is an OpenSSH certificate (the *-cert.pub file). GitHub, deploy keys and most \
             key settings want the plain public key it certifies (the .pub file without -cert).",
        ));
    }
    lints
}

/// Marks every key that already appeared earlier in the same paste.
pub(crate) fn mark_duplicates(findings: &mut [Finding]) {
    // A certificate and the plain key it certifies share a fingerprint but
    // are different things to paste, so the type is part of the identity.
    let mut first_line: HashMap<(&str, &str), usize> = HashMap::with_capacity(findings.len());
    let mut duplicates = Vec::new();
    for (index, finding) in findings.iter().enumerate() {
        let Some(key) = &finding.key else { continue };
        let identity = (key.algorithm.as_str(), key.sha256.as_str());
        match first_line.get(&identity) {
            Some(&line) => duplicates.push((index, line)),
            None => {
                first_line.insert(identity, finding.line);
            }
        }
    }
    for (index, line) in duplicates {
        let finding = &mut findings[index];
        let fingerprint = finding.key.as_ref().map_or("", |k| k.sha256.as_str());
        let message =
            format!("The same key ({fingerprint}) already appears on line {line} of this paste.");
        finding.lints.push(Lint::new(LintCode::Duplicate, message));
    }
}
