//! Finding a key across the inventory: by a pasted key (in any format the
//! engine reads), a fingerprint or text; and grouping entries by key.

use super::Entry;
use crate::keys::{self, Kind};

/// Entries that hold the same key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// `SHA256:…`
    pub fingerprint: String,
    /// Indexes into the entries, in their order.
    pub entries: Vec<usize>,
}

/// Entries grouped by fingerprint: keys in more than one place first (most
/// places first), then in the order they were first listed. Entries without
/// a fingerprint (tokens, TFE keys Keyward did not upload) are in no group.
pub fn groups(entries: &[Entry]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_fingerprint = std::collections::HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let Some(fingerprint) = &entry.fingerprint else {
            continue;
        };
        let at = *by_fingerprint
            .entry(fingerprint.as_str())
            .or_insert_with(|| {
                groups.push(Group {
                    fingerprint: fingerprint.clone(),
                    entries: Vec::new(),
                });
                groups.len() - 1
            });
        groups[at].entries.push(index);
    }
    // Stable: first-listed order is kept among equals.
    groups.sort_by_key(|g| std::cmp::Reverse(g.entries.len()));
    groups
}

/// What "Find a key" looks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Query {
    /// A `SHA256:…` or `MD5:aa:bb:…` fingerprint, typed or computed from a
    /// pasted public key.
    Fingerprint(String),
    /// The `SHA256:…` fingerprint of the public half of a pasted private
    /// key: the private key itself is neither kept nor sent anywhere.
    PublicHalfOf(String),
    /// Text to look for in titles, places, connections, ids and "added by".
    Text(String),
}

impl Query {
    /// What is being looked for, in words, for the page to say.
    pub fn describe(&self) -> String {
        match self {
            Query::Fingerprint(fingerprint) => format!("the key {fingerprint}"),
            Query::PublicHalfOf(fingerprint) => format!(
                "the public half of the pasted private key, {fingerprint} (the private key \
                 stays in this page: it is not kept or sent)"
            ),
            Query::Text(text) => format!("“{text}”"),
        }
    }
}

/// `SHA256:` and 43 characters of unpadded base64 (a 32-byte digest).
pub(super) fn is_sha256_fingerprint(text: &str) -> bool {
    text.strip_prefix("SHA256:").is_some_and(|b64| {
        b64.len() == 43
            && b64
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
    })
}

/// `aa:bb:…` (16 pairs of hex digits), lower-cased with `MD5:` in front.
fn md5_fingerprint(text: &str) -> Option<String> {
    let hex = text
        .strip_prefix("MD5:")
        .or_else(|| text.strip_prefix("md5:"))
        .unwrap_or(text);
    let pairs: Vec<&str> = hex.split(':').collect();
    let valid = pairs.len() == 16
        && pairs
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_hexdigit()));
    valid.then(|| format!("MD5:{}", hex.to_ascii_lowercase()))
}

/// Whether text that the engine found no key in still looks like an
/// attempt at one (so it is an error, not a text search).
fn looks_like_a_key(text: &str) -> bool {
    let starts = [
        "ssh-",
        "ecdsa-",
        "sk-",
        "-----BEGIN",
        "---- BEGIN",
        "PuTTY-User-Key-File",
        "AAAA",
    ];
    starts.iter().any(|s| text.starts_with(s))
        || text
            .split_whitespace()
            .any(|w| w.starts_with("AAAA") && w.len() > 40)
}

/// Reads what was typed into "Find a key". A pasted key gives its `SHA256:`
/// fingerprint; a private key is matched only through its public half;
/// something that looks like a key but cannot be read is an error that
/// says why, rather than a text search that would find nothing.
pub fn parse_query(input: &str) -> Result<Query, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err(
            "Type or paste something to find: a public key, a SHA256: or MD5: fingerprint, or \
             a title."
                .to_string(),
        );
    }
    if text.starts_with("SHA256:") {
        let fingerprint = text.trim_end_matches('=');
        return if is_sha256_fingerprint(fingerprint) {
            Ok(Query::Fingerprint(fingerprint.to_string()))
        } else {
            Err(
                "This SHA256: fingerprint is not complete: it has 43 characters after SHA256:, \
                 as `ssh-keygen -l` prints it."
                    .to_string(),
            )
        };
    }
    if let Some(md5) = md5_fingerprint(text) {
        return Ok(Query::Fingerprint(md5));
    }
    if text
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("md5:"))
    {
        return Err(
            "This MD5: fingerprint is not complete: it is 16 pairs of hex digits separated by \
             colons, as `ssh-keygen -l -E md5` prints it."
                .to_string(),
        );
    }
    query_from_paste(text)
}

fn query_from_paste(text: &str) -> Result<Query, String> {
    let findings = keys::inspect(text);
    let keyed: Vec<_> = findings.iter().filter(|f| f.key.is_some()).collect();
    match keyed.as_slice() {
        [one] => {
            let sha256 = one
                .key
                .as_ref()
                .map(|k| k.sha256.clone())
                .unwrap_or_default();
            Ok(match one.kind {
                Kind::Private => Query::PublicHalfOf(sha256),
                _ => Query::Fingerprint(sha256),
            })
        }
        [] if findings.iter().any(|f| f.kind == Kind::Private) => Err(
            "This is a private key whose public half could not be read, so it cannot be \
             matched. Paste its public key (the .pub file) instead."
                .to_string(),
        ),
        [] if looks_like_a_key(text) => Err(findings
            .first()
            .and_then(|f| f.message())
            .unwrap_or_else(|| "This looks like a key but could not be read.".to_string())),
        [] => Ok(Query::Text(text.to_string())),
        many => Err(format!(
            "This holds {} keys: paste one key to find where it is.",
            many.len()
        )),
    }
}

/// The entries matching `query`, in their order.
pub fn find(entries: &[Entry], query: &Query) -> Vec<usize> {
    let matches = |entry: &Entry| match query {
        Query::Fingerprint(f) if f.starts_with("MD5:") => entry.md5.as_deref() == Some(f.as_str()),
        Query::Fingerprint(f) | Query::PublicHalfOf(f) => {
            entry.fingerprint.as_deref() == Some(f.as_str())
        }
        Query::Text(text) => {
            let needle = text.to_lowercase();
            [
                Some(entry.title.as_str()),
                Some(entry.place.describe().as_str()),
                Some(entry.connection.as_str()),
                Some(entry.provider.name()),
                Some(entry.id.as_str()),
                entry.added_by.as_deref(),
                entry.key_type.as_deref(),
                entry.fingerprint.as_deref(),
            ]
            .into_iter()
            .flatten()
            .any(|field| field.to_lowercase().contains(&needle))
        }
    };
    entries
        .iter()
        .enumerate()
        .filter(|(_, e)| matches(e))
        .map(|(i, _)| i)
        .collect()
}
