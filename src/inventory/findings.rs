//! What is wrong with the inventory: one [`Finding`] per problem, each with
//! a severity, one plain sentence of why and where to act.

use super::date::parse_rfc3339;
use super::{Entry, EntryKind, Place, Policy};
use crate::keys::known_bad;
use serde::{Deserialize, Serialize};

/// How urgent a finding is; sorts most urgent first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// What kind of problem a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingCode {
    /// The key's private half is published ([`crate::keys::known_bad`]).
    KnownCompromised,
    /// A DSA key.
    Dsa,
    /// An RSA key below the policy's minimum bits.
    RsaWeak,
    /// A key type the policy does not allow.
    TypeNotAllowed,
    /// A deploy key with write access, and the policy keeps them read-only.
    ReadWriteDeployKey,
    /// Expired.
    Expired,
    /// Expires within the policy's warning days.
    ExpiresSoon,
    /// A token that could expire but never does.
    NeverExpires,
    /// A GitHub SSH key close to GitHub's deletion of keys unused for a year.
    #[serde(rename = "github-deletes-soon")]
    GitHubDeletesSoon,
    /// Where the provider records use: never used.
    NeverUsed,
    /// Not used for more than the policy's days.
    Unused,
    /// Created more than the policy's days ago.
    TooOld,
    /// The same key in more than one place.
    SameKeyInSeveralPlaces,
    /// Added by the user the policy names (offboarding).
    AddedBy,
    /// The listed key could not be read.
    Unreadable,
}

impl FindingCode {
    /// Stable identifiers for exports.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::KnownCompromised => "known-compromised",
            FindingCode::Dsa => "dsa",
            FindingCode::RsaWeak => "rsa-weak",
            FindingCode::TypeNotAllowed => "type-not-allowed",
            FindingCode::ReadWriteDeployKey => "read-write-deploy-key",
            FindingCode::Expired => "expired",
            FindingCode::ExpiresSoon => "expires-soon",
            FindingCode::NeverExpires => "never-expires",
            FindingCode::GitHubDeletesSoon => "github-deletes-soon",
            FindingCode::NeverUsed => "never-used",
            FindingCode::Unused => "unused",
            FindingCode::TooOld => "too-old",
            FindingCode::SameKeyInSeveralPlaces => "same-key-in-several-places",
            FindingCode::AddedBy => "added-by",
            FindingCode::Unreadable => "unreadable",
        }
    }
}

/// One problem, about one entry (or, for a key in several places, all of
/// them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: FindingCode,
    /// One sentence in plain words, naming the key and its place.
    pub why: String,
    /// Indexes into the entries given to [`findings`].
    pub entries: Vec<usize>,
    /// The in-app route where to act (the first entry's link).
    pub link: String,
}

/// GitHub deletes SSH keys not used for a year; warn a month before.
const GITHUB_DELETES_AFTER_DAYS: i64 = 365;
const GITHUB_WARN_AFTER_DAYS: i64 = 330;

const DAY: i64 = 86_400;

/// Every finding about `entries` under `policy` at `now_epoch_secs`, most
/// severe first (then in entry order).
pub fn findings(entries: &[Entry], policy: &Policy, now_epoch_secs: u64) -> Vec<Finding> {
    let now = i64::try_from(now_epoch_secs).unwrap_or(i64::MAX);
    let mut out = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let mut add = |severity, code, why: String| {
            out.push(Finding {
                severity,
                code,
                why,
                entries: vec![index],
                link: entry.link.clone(),
            })
        };
        key_findings(entry, policy, &mut add);
        time_findings(entry, policy, now, &mut add);
        if let (Some(user), Some(added_by)) = (policy.added_by.as_deref(), &entry.added_by) {
            if !user.trim().is_empty() && added_by.trim().eq_ignore_ascii_case(user.trim()) {
                add(
                    Severity::Medium,
                    FindingCode::AddedBy,
                    format!("{} was added by {added_by}.", subject(entry)),
                );
            }
        }
    }
    out.extend(shared_keys(entries));
    // Stable: entry order is kept within a severity.
    out.sort_by_key(|f| f.severity);
    out
}

/// "“laptop” (deploy key on o/r)": how a sentence names an entry.
fn subject(entry: &Entry) -> String {
    format!("“{}” ({})", entry.title, entry.place.describe())
}

fn key_findings(
    entry: &Entry,
    policy: &Policy,
    add: &mut impl FnMut(Severity, FindingCode, String),
) {
    let who = subject(entry);
    if let Some(problem) = &entry.key_problem {
        add(
            Severity::Low,
            FindingCode::Unreadable,
            format!("Keyward could not read the key of {who}: {problem}"),
        );
    }
    if let Some(bad) = entry.fingerprint.as_deref().and_then(known_bad::lookup) {
        add(
            Severity::Critical,
            FindingCode::KnownCompromised,
            format!(
                "{who} is the {}, whose private half is published ({}), so anyone can use it: \
                 remove it and use a new key.",
                bad.name, bad.source
            ),
        );
    }
    if let Some(key_type) = entry.key_type.as_deref() {
        let plain = key_type.trim_end_matches("-cert-v01@openssh.com");
        let bits = entry.bits.unwrap_or(0);
        if plain == "ssh-dss" {
            add(
                Severity::High,
                FindingCode::Dsa,
                format!("{who} is a DSA key, which OpenSSH has disabled since 7.0 as too weak."),
            );
        } else if plain == "ssh-rsa" && bits < policy.min_rsa_bits {
            add(
                Severity::High,
                FindingCode::RsaWeak,
                format!(
                    "{who} is an RSA key of {bits} bits; the policy asks for at least {}.",
                    policy.min_rsa_bits
                ),
            );
        }
        if plain != "ssh-dss" && !policy.allows_type(key_type) {
            add(
                Severity::Medium,
                FindingCode::TypeNotAllowed,
                format!("{who} is a {plain} key, a type the policy does not allow."),
            );
        }
    }
    let deploy = matches!(entry.place, Place::DeployKey { .. });
    if deploy && entry.read_only == Some(false) && !policy.allow_read_write_deploy_keys {
        add(
            Severity::Medium,
            FindingCode::ReadWriteDeployKey,
            format!("{who} can push to the repository; the policy keeps deploy keys read-only."),
        );
    }
}

/// Days from `then` to `now`, rounded down; `None` when unreadable.
fn days_since(then: Option<&str>, now: i64) -> Option<i64> {
    then.and_then(parse_rfc3339)
        .map(|t| now.saturating_sub(t).div_euclid(DAY))
}

fn time_findings(
    entry: &Entry,
    policy: &Policy,
    now: i64,
    add: &mut impl FnMut(Severity, FindingCode, String),
) {
    let who = subject(entry);
    expiry_findings(entry, policy, now, add);
    let age = days_since(entry.created_at.as_deref(), now);
    let unused = days_since(entry.last_used_at.as_deref(), now);
    if entry.place.tracks_last_use() {
        let github_user_key = matches!(entry.place, Place::UserKey { .. })
            && matches!(
                entry.provider,
                crate::providers::Provider::GitHub
                    | crate::providers::Provider::GitHubEnterprise
                    | crate::providers::Provider::Sandbox
            );
        // GitHub counts a never-used key from its creation.
        let idle = unused.or(if entry.last_used_at.is_none() {
            age
        } else {
            None
        });
        if let Some(days) = idle.filter(|&d| github_user_key && d >= GITHUB_WARN_AFTER_DAYS) {
            add(
                Severity::Medium,
                FindingCode::GitHubDeletesSoon,
                format!(
                    "{who} has not been used for {days} days; GitHub deletes SSH keys not used \
                     for a year, in about {} days.",
                    (GITHUB_DELETES_AFTER_DAYS - days).max(0)
                ),
            );
        }
        if entry.last_used_at.is_none() {
            add(
                Severity::Low,
                FindingCode::NeverUsed,
                format!("{who} has never been used: remove it if nothing needs it."),
            );
        } else if let (Some(days), Some(max)) = (unused, policy.max_unused_days) {
            if days > i64::from(max) {
                add(
                    Severity::Low,
                    FindingCode::Unused,
                    format!("{who} has not been used for {days} days (the policy allows {max})."),
                );
            }
        }
    }
    if let (Some(days), Some(max)) = (age, policy.max_age_days) {
        if days > i64::from(max) {
            add(
                Severity::Low,
                FindingCode::TooOld,
                format!("{who} was created {days} days ago (the policy allows {max}): replace it."),
            );
        }
    }
}

fn expiry_findings(
    entry: &Entry,
    policy: &Policy,
    now: i64,
    add: &mut impl FnMut(Severity, FindingCode, String),
) {
    let who = subject(entry);
    let Some(expires) = entry.expires_at.as_deref() else {
        if entry.kind == EntryKind::Token && entry.place.has_expiry() {
            add(
                Severity::Low,
                FindingCode::NeverExpires,
                format!("{who} never expires: a leaked copy would work forever."),
            );
        }
        return;
    };
    let Some(at) = parse_rfc3339(expires) else {
        return;
    };
    if at <= now {
        let days = (now - at).div_euclid(DAY);
        add(
            Severity::High,
            FindingCode::Expired,
            format!("{who} expired {}: renew it or remove it.", days_ago(days)),
        );
    } else {
        let days = (at - now).div_euclid(DAY);
        if days < i64::from(policy.expiry_warning_days) {
            add(
                Severity::Medium,
                FindingCode::ExpiresSoon,
                format!("{who} expires {}: renew it before then.", in_days(days)),
            );
        }
    }
}

/// "in 5 days", "in 1 day", "within a day".
fn in_days(days: i64) -> String {
    match days {
        ..=0 => "within a day".to_string(),
        1 => "in 1 day".to_string(),
        _ => format!("in {days} days"),
    }
}

/// "5 days ago", "1 day ago", "less than a day ago".
fn days_ago(days: i64) -> String {
    match days {
        ..=0 => "less than a day ago".to_string(),
        1 => "1 day ago".to_string(),
        _ => format!("{days} days ago"),
    }
}

/// One finding per key found in more than one place.
fn shared_keys(entries: &[Entry]) -> Vec<Finding> {
    super::groups(entries)
        .into_iter()
        .filter(|g| g.entries.len() > 1)
        .map(|group| {
            let places: Vec<String> = group
                .entries
                .iter()
                .map(|&i| entries[i].place.describe())
                .collect();
            Finding {
                severity: Severity::Medium,
                code: FindingCode::SameKeyInSeveralPlaces,
                why: format!(
                    "The same key ({}) is in {} places ({}): one leak opens all of them.",
                    group.fingerprint,
                    group.entries.len(),
                    places.join("; ")
                ),
                link: entries[group.entries[0]].link.clone(),
                entries: group.entries,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{days_ago, in_days};

    #[test]
    fn day_counts_read_as_words() {
        assert_eq!(in_days(0), "within a day");
        assert_eq!(in_days(1), "in 1 day");
        assert_eq!(in_days(14), "in 14 days");
        assert_eq!(days_ago(0), "less than a day ago");
        assert_eq!(days_ago(1), "1 day ago");
        assert_eq!(days_ago(30), "30 days ago");
    }
}
