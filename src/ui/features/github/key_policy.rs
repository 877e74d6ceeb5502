//! GitHub's policy for a key the user is about to add, applied to what the
//! engine finds as they type: what would be sent, or why nothing will be.
//!
//! The engine only reports ([`crate::keys::Lint`]s are advice); deciding that
//! DSA, short RSA and certificates are refused is GitHub's rule, so it lives
//! here, next to the form that enforces it. Pure, so it is tested natively.

use super::listed_key::ListedKey;
use crate::keys::{inspect, Kind, LintCode, SshKey};

/// Why the form will not send the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    /// A private key: never sent, anywhere.
    Private,
    /// Not a key at all, or a damaged one.
    Invalid,
    /// More than one key in the box.
    Several,
    /// A key GitHub refuses (DSA, RSA under 1024 bits, a certificate), or
    /// one whose private half is published (known-compromised).
    Refused,
    /// The same key is already in the list.
    AlreadyListed,
}

/// A one-click fix: a line to put in the box instead of what is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Offer {
    pub(crate) label: &'static str,
    pub(crate) line: String,
}

/// The verdict on the text in the Key box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KeyCheck {
    /// The key that was read (for a private key: its public half).
    pub(crate) key: Option<SshKey>,
    /// The canonical line that will be sent; `None` when blocked.
    pub(crate) send_line: Option<String>,
    pub(crate) block: Option<(Block, String)>,
    pub(crate) offer: Option<Offer>,
    /// Paste damage the engine repaired.
    pub(crate) repairs: Vec<String>,
    /// Reasons to think twice that do not block (RSA under 2048 bits).
    pub(crate) warnings: Vec<String>,
}

impl KeyCheck {
    fn blocked(block: Block, reason: impl Into<String>, key: Option<SshKey>) -> Self {
        KeyCheck {
            key,
            send_line: None,
            block: Some((block, reason.into())),
            offer: None,
            repairs: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Checks the Key box; `None` while it is blank. `listed` are the keys
/// already on the page, so a key added twice is caught before it is sent.
pub(crate) fn check_new_key(text: &str, listed: &[ListedKey]) -> Option<KeyCheck> {
    if text.trim().is_empty() {
        return None;
    }
    let mut findings = inspect(text);
    if findings.len() > 1 {
        let reason = format!(
            "This box holds {} keys (or pieces of text that look like keys). Paste one public \
             key: GitHub stores each key as its own entry, with its own title.",
            findings.len()
        );
        return Some(KeyCheck::blocked(Block::Several, reason, None));
    }
    let finding = findings.pop()?;
    match finding.kind {
        Kind::Private => {
            let reason = "This is a private key. It was not sent and will not be: a private key \
                          must never leave your computer. Paste the public key instead, the one \
                          line in the matching `.pub` file (for example `~/.ssh/id_ed25519.pub`).";
            let mut check = KeyCheck::blocked(Block::Private, reason, finding.key.clone());
            check.offer = finding.key.map(|key| Offer {
                label: "Use its public key instead",
                line: key.openssh_with_comment(),
            });
            Some(check)
        }
        Kind::Invalid => {
            let reason = finding
                .message()
                .unwrap_or_else(|| "This is not a usable SSH public key.".to_string());
            Some(KeyCheck::blocked(Block::Invalid, reason, None))
        }
        Kind::Public | Kind::Certificate => {
            let Some(key) = finding.key.clone() else {
                return Some(KeyCheck::blocked(
                    Block::Invalid,
                    "This is not a usable SSH public key.",
                    None,
                ));
            };
            Some(public_key_check(
                key,
                &finding.lints,
                finding.repairs,
                listed,
            ))
        }
    }
}

fn public_key_check(
    mut key: SshKey,
    lints: &[crate::keys::Lint],
    repairs: Vec<String>,
    listed: &[ListedKey],
) -> KeyCheck {
    // A comment that is mostly base64 may be a pasted secret: it is neither
    // sent with the key nor used as the title, and the page says so.
    let suspicious_comment = lints
        .iter()
        .any(|lint| lint.code == LintCode::CommentLooksLikeBase64);
    if suspicious_comment {
        key.comment = None;
    }
    let refusal = lints.iter().find(|lint| {
        matches!(
            lint.code,
            LintCode::KnownCompromised
                | LintCode::Dsa
                | LintCode::RsaTooShort
                | LintCode::Certificate
        )
    });
    let mut check = KeyCheck {
        key: Some(key.clone()),
        send_line: None,
        block: None,
        offer: None,
        repairs,
        warnings: lints
            .iter()
            .filter(|lint| {
                matches!(
                    lint.code,
                    LintCode::RsaWeak | LintCode::CommentLooksLikeBase64
                )
            })
            .map(|lint| lint.message.clone())
            .collect(),
    };
    if suspicious_comment {
        check.warnings.push(
            "The comment is left out of what is sent: only the key type and key are sent."
                .to_string(),
        );
    }
    if let Some(lint) = refusal {
        let reason = match lint.code {
            LintCode::Certificate => "GitHub does not accept certificates as SSH keys: it wants \
                 the plain public key the certificate is for (the .pub file without -cert)."
                .to_string(),
            LintCode::RsaTooShort => format!("GitHub refuses this key. {}", lint.message),
            _ => lint.message.clone(),
        };
        check.block = Some((Block::Refused, reason));
        if lint.code == LintCode::Certificate {
            check.offer = key.plain_openssh().map(|line| Offer {
                label: "Use the plain key instead",
                line,
            });
        }
        return check;
    }
    let already = listed
        .iter()
        .find(|listed| listed.sha256.as_deref() == Some(key.sha256.as_str()));
    if let Some(listed) = already {
        let reason = format!(
            "This key is already in the list, as “{}”. GitHub accepts each key only once, so \
             adding it again would be refused.",
            listed.name()
        );
        check.block = Some((Block::AlreadyListed, reason));
        return check;
    }
    check.send_line = Some(key.openssh_with_comment());
    check
}

/// The title to send: what the user typed, else the key's comment, else a
/// name made from the type and fingerprint (GitHub shows titles in lists
/// and emails, so an empty one helps nobody).
pub(crate) fn title_to_send(typed: &str, key: &SshKey) -> String {
    let typed = typed.trim();
    if !typed.is_empty() {
        return typed.to_string();
    }
    match key.comment.as_deref().map(str::trim) {
        Some(comment) if !comment.is_empty() => comment.to_string(),
        _ => {
            let short: String = key.sha256.chars().skip(7).take(8).collect();
            format!("{} key {short}", key.short_type())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::KeyRecord;

    use crate::ui::features::inspect::test_keys::{LINE, PRIVATE_KEY, SHA256};

    #[test]
    fn blank_is_no_verdict_and_a_clean_key_is_sent_canonically() {
        assert_eq!(check_new_key("  \n", &[]), None);
        let check = check_new_key(&format!("  {LINE}\r\n"), &[]).expect("a verdict");
        assert_eq!(check.block, None);
        assert_eq!(check.send_line.as_deref(), Some(LINE));
        assert_eq!(check.key.map(|k| k.sha256).as_deref(), Some(SHA256));
    }

    #[test]
    fn private_keys_are_blocked_with_their_public_half_offered() {
        let check = check_new_key(PRIVATE_KEY, &[]).expect("a verdict");
        assert!(matches!(check.block, Some((Block::Private, _))));
        assert_eq!(check.send_line, None);
        let offered = check.offer.map(|o| o.line).unwrap_or_default();
        assert!(
            LINE.starts_with(&offered) && !offered.is_empty(),
            "{offered}"
        );
    }

    #[test]
    fn several_keys_and_listed_keys_are_blocked() {
        let two = format!("{LINE}\n{LINE}");
        let check = check_new_key(&two, &[]).expect("a verdict");
        assert!(matches!(check.block, Some((Block::Several, _))));
        let listed = ListedKey::from_record(KeyRecord {
            id: "7".into(),
            title: "laptop".into(),
            public_key: Some(LINE.into()),
            ..KeyRecord::default()
        });
        let check = check_new_key(LINE, &[listed]).expect("a verdict");
        match check.block {
            Some((Block::AlreadyListed, reason)) => assert!(reason.contains("“laptop”")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            check_new_key("hello", &[]).and_then(|c| c.block),
            Some((Block::Invalid, _))
        ));
    }

    #[test]
    fn a_comment_that_looks_like_base64_is_warned_and_never_sent() {
        let secret = "ghp_Q2FsbCBtZSBJc2htYWVsLiBTb21lIHllYXJzIGFnbw0K";
        let pasted = format!(
            "{} {secret}",
            LINE.rsplit_once(' ').map(|(l, _)| l).unwrap_or(LINE)
        );
        let check = check_new_key(&pasted, &[]).expect("a verdict");
        assert_eq!(check.block, None);
        let sent = check.send_line.clone().unwrap_or_default();
        assert!(!sent.contains(secret), "{sent}");
        assert!(sent.starts_with("ssh-ed25519 AAAA"), "{sent}");
        assert!(check.warnings.len() >= 2, "{:?}", check.warnings);
        let key = check.key.expect("a key");
        assert!(!title_to_send("", &key).contains(secret));
    }

    #[test]
    fn a_known_compromised_key_is_refused_and_named() {
        // Vagrant's insecure RSA key (hashicorp/vagrant keys/vagrant.pub.rsa).
        let vagrant = "ssh-rsa AAAAB3NzaC1yc2EAAAABIwAAAQEA6NF8iallvQVp22WDkTkyrtvp9eWW6A8YVr+kz4TjGYe7gHzIw+niNltGEFHzD8+v1I2YJ6oXevct1YeS0o9HZyN1Q9qgCgzUFtdOKLv6IedplqoPkcmF0aYet2PkEDo3MlTBckFXPITAMzF8dJSIFo9D8HfdOV0IAdx4O7PtixWKn5y2hMNG0zQPyUecp4pzC6kivAIhyfHilFR61RGL+GPXQ2MWZWFYbAGjyiYJnAmCP3NOTd0jMZEnDkbUvxhMmBYSdETk1rRgm+R4LOzFUGaHqHDLKLX+FIPKcF96hrucXzcWyLbIbEgE98OHlnVYCzRdK8jlqm8tehUc9c9WhQ== vagrant";
        let check = check_new_key(vagrant, &[]).expect("a verdict");
        assert_eq!(check.send_line, None);
        match check.block {
            Some((Block::Refused, reason)) => {
                assert!(reason.contains("Vagrant insecure RSA key"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn titles_fall_back_to_the_comment_then_the_fingerprint() {
        let key = check_new_key(LINE, &[]).and_then(|c| c.key).expect("a key");
        assert_eq!(title_to_send("  work  ", &key), "work");
        assert_eq!(title_to_send("", &key), "test@keyward");
        let bare = LINE.rsplit_once(' ').map(|(line, _)| line).unwrap_or(LINE);
        let key = check_new_key(bare, &[]).and_then(|c| c.key).expect("a key");
        assert_eq!(title_to_send("", &key), "ED25519 key A9mPHTRC");
    }
}
