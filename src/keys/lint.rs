//! Advice about usable keys. Lints are data: each provider decides which ones
//! block a submit (GitHub refuses DSA; a plain SSH server may still take it).

use super::finding::{Finding, Kind};
use rustc_hash::FxHashMap;
use ssh_key::public::KeyData;

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
    /// The comment is longer than any name or address ([`MAX_COMMENT_CHARS`]):
    /// the finding is made invalid, since something else was pasted after the key.
    CommentTooLong,
    /// The comment holds a long run of base64: it may be a pasted secret.
    CommentLooksLikeBase64,
    /// A key whose private half is published ([`super::known_bad`]): never
    /// to be installed anywhere.
    KnownCompromised,
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
            LintCode::CommentTooLong => "comment-too-long",
            LintCode::CommentLooksLikeBase64 => "comment-looks-like-base64",
            LintCode::KnownCompromised => "known-compromised",
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

/// The longest comment a key may carry, in characters. A comment is a name
/// or an address (`alice@laptop`, `deploy key for ci, 2024`); ssh-keygen
/// writes `user@host`, and the longest real ones are a sentence. 1024 leaves
/// room for any of those while refusing what is really a second paste glued
/// after the key: a private key whose line breaks became spaces (an RSA one
/// is 1,600 characters and more), a token, a log. Such a comment would be
/// sent with the key, and shown as its title, wherever the key goes.
pub const MAX_COMMENT_CHARS: usize = 1024;

/// A base64 run this long, with upper and lower case letters and digits, is
/// encoded data (24 bytes or more), not a word: a name or an address breaks
/// it with `@`, `.`, `-` or a space long before.
const ENCODED_RUN: usize = 32;

/// Checks a usable key's comment: a comment longer than
/// [`MAX_COMMENT_CHARS`] makes the finding invalid (without the key, so that
/// nothing of it can be sent); one holding encoded data gets a lint.
pub(crate) fn check_comment(finding: &mut Finding) {
    let Some(comment) = finding.key.as_ref().and_then(|k| k.comment.as_deref()) else {
        return;
    };
    // A comment has no more characters than bytes: most are counted at a glance.
    let length = match comment.len() {
        bytes if bytes <= MAX_COMMENT_CHARS => bytes,
        _ => comment.chars().count(),
    };
    if length > MAX_COMMENT_CHARS {
        finding.kind = Kind::Invalid;
        finding.key = None;
        finding.certificate = None;
        finding.lints = vec![Lint::new(
            LintCode::CommentTooLong,
            format!(
                "The comment after this key is {length} characters long; a real comment is a \
                 name or an address."
            ),
        )];
        finding.problem = Some(format!(
            "The comment after the key data is {length} characters long (at most \
             {MAX_COMMENT_CHARS} are accepted): a comment is a name or an address, so something \
             else was pasted after the key, perhaps a secret. Remove the comment (everything \
             after the key data) or shorten it to a name, then paste the key again."
        ));
        return;
    }
    if has_encoded_run(comment) {
        finding.lints.push(Lint::new(
            LintCode::CommentLooksLikeBase64,
            "The comment after this key holds a long run of encoded (base64) data, not a name or \
             an address: it may be a secret pasted by mistake, such as part of a private key or \
             a token, and it would be sent with the key. Check it, or remove the comment, before \
             using the key.",
        ));
    }
}

/// Flags a usable key whose private half is published (the ssh-badkeys
/// list, Vagrant's insecure keys).
pub(crate) fn check_known_bad(finding: &mut Finding) {
    let Some(key) = &finding.key else { return };
    if let Some(bad) = super::known_bad::lookup(&key.sha256) {
        finding
            .lints
            .push(Lint::new(LintCode::KnownCompromised, bad.explain()));
    }
}

fn has_encoded_run(comment: &str) -> bool {
    comment.len() >= ENCODED_RUN
        && comment
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '='))
            .any(|run| {
                run.len() >= ENCODED_RUN
                    && run.bytes().any(|b| b.is_ascii_uppercase())
                    && run.bytes().any(|b| b.is_ascii_lowercase())
                    && run.bytes().any(|b| b.is_ascii_digit())
            })
}

/// Marks every key that already appeared earlier in the same paste.
pub(crate) fn mark_duplicates(findings: &mut [Finding]) {
    // A certificate and the plain key it certifies share a fingerprint but
    // are different things to paste, so the type is part of the identity.
    // FxHash, not SipHash: the keys are SHA-256 fingerprints, already
    // spread evenly (colliding ones would need a SHA-256 search per key), and
    // SipHash was ~4% of the native profile.
    let mut first_line: FxHashMap<(&str, &str), usize> =
        FxHashMap::with_capacity_and_hasher(findings.len(), Default::default());
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
