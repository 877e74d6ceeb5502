//! A key as the GitHub lists show it, and how a list is filtered and sorted.
//!
//! Fingerprints are computed here, in the browser, from the key text GitHub
//! returns: what the page shows is what `ssh-keygen -l` would print for that
//! key, not a number the server vouches for.

use crate::keys::inspect;
use crate::providers::KeyRecord;

/// A key as the list shows it: GitHub's record plus what the engine reads
/// from its key text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ListedKey {
    pub(crate) record: KeyRecord,
    /// `ED25519`, `RSA`, … (`None` when the text is not a key the engine reads).
    pub(crate) key_type: Option<String>,
    pub(crate) bits: Option<u32>,
    /// `SHA256:…` as `ssh-keygen -l` prints it.
    pub(crate) sha256: Option<String>,
}

impl ListedKey {
    pub(crate) fn from_record(record: KeyRecord) -> Self {
        let key = record.public_key.as_deref().and_then(|text| {
            inspect(text)
                .into_iter()
                .find(|finding| finding.is_usable_public())
                .and_then(|finding| finding.key)
        });
        ListedKey {
            key_type: key.as_ref().map(|k| k.short_type()),
            bits: key.as_ref().map(|k| k.bits),
            sha256: key.map(|k| k.sha256),
            record,
        }
    }

    /// `ED25519 · 256 bits`, or what to say when the text is not a key.
    pub(crate) fn kind(&self) -> String {
        match (&self.key_type, self.bits) {
            (Some(kind), Some(bits)) => format!("{kind} · {bits} bits"),
            _ => "Unreadable key".to_string(),
        }
    }

    /// The title, or a stand-in so an untitled key still has a name.
    pub(crate) fn name(&self) -> String {
        let title = self.record.title.trim();
        if title.is_empty() {
            "(untitled)".to_string()
        } else {
            title.to_string()
        }
    }
}

/// How the list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SortOrder {
    Newest,
    Oldest,
    Title,
}

impl SortOrder {
    pub(crate) const ALL: [SortOrder; 3] = [SortOrder::Newest, SortOrder::Oldest, SortOrder::Title];

    pub(crate) fn label(self) -> &'static str {
        match self {
            SortOrder::Newest => "Newest first",
            SortOrder::Oldest => "Oldest first",
            SortOrder::Title => "Title (A–Z)",
        }
    }

    pub(crate) fn value(self) -> &'static str {
        match self {
            SortOrder::Newest => "newest",
            SortOrder::Oldest => "oldest",
            SortOrder::Title => "title",
        }
    }

    pub(crate) fn from_value(value: &str) -> SortOrder {
        SortOrder::ALL
            .into_iter()
            .find(|order| order.value() == value)
            .unwrap_or(SortOrder::Newest)
    }
}

/// The keys whose title or fingerprint contains `query` (ignoring case), in
/// `order`. Dates are RFC 3339 from one server, so they sort as text.
pub(crate) fn filter_and_sort(keys: &[ListedKey], query: &str, order: SortOrder) -> Vec<ListedKey> {
    let query = query.trim().to_lowercase();
    let mut shown: Vec<ListedKey> = keys
        .iter()
        .filter(|key| {
            query.is_empty()
                || key.record.title.to_lowercase().contains(&query)
                || key
                    .sha256
                    .as_deref()
                    .is_some_and(|fp| fp.to_lowercase().contains(&query))
        })
        .cloned()
        .collect();
    let created = |key: &ListedKey| key.record.created_at.clone().unwrap_or_default();
    match order {
        SortOrder::Newest => shown.sort_by_key(|key| std::cmp::Reverse(created(key))),
        SortOrder::Oldest => shown.sort_by_key(created),
        SortOrder::Title => shown.sort_by_key(|key| key.record.title.to_lowercase()),
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::features::inspect::test_keys::{LINE, SHA256};

    fn listed(id: &str, title: &str, created: &str, key: Option<&str>) -> ListedKey {
        ListedKey::from_record(KeyRecord {
            id: id.into(),
            title: title.into(),
            created_at: Some(created.into()),
            public_key: key.map(str::to_string),
            ..KeyRecord::default()
        })
    }

    #[test]
    fn fingerprints_come_from_the_key_text() {
        let key = listed("1", "laptop", "2024-01-02T03:04:05Z", Some(LINE));
        assert_eq!(key.sha256.as_deref(), Some(SHA256));
        assert_eq!(key.key_type.as_deref(), Some("ED25519"));
        assert_eq!(key.bits, Some(256));
        assert_eq!(key.kind(), "ED25519 · 256 bits");
        let broken = listed("2", "", "2024-01-02T03:04:05Z", Some("ssh-ed25519 AAAA"));
        assert_eq!(broken.sha256, None);
        assert_eq!(broken.name(), "(untitled)");
        assert_eq!(broken.kind(), "Unreadable key");
    }

    #[test]
    fn filters_by_title_or_fingerprint_and_sorts() {
        let keys = vec![
            listed("1", "Laptop", "2024-01-02T00:00:00Z", Some(LINE)),
            listed("2", "build box", "2025-03-04T00:00:00Z", None),
            listed("3", "another", "2023-05-06T00:00:00Z", None),
        ];
        let ids = |shown: Vec<ListedKey>| -> Vec<String> {
            shown.into_iter().map(|k| k.record.id).collect()
        };
        assert_eq!(
            ids(filter_and_sort(&keys, "", SortOrder::Newest)),
            ["2", "1", "3"]
        );
        assert_eq!(
            ids(filter_and_sort(&keys, "", SortOrder::Oldest)),
            ["3", "1", "2"]
        );
        assert_eq!(
            ids(filter_and_sort(&keys, "", SortOrder::Title)),
            ["3", "2", "1"]
        );
        assert_eq!(ids(filter_and_sort(&keys, "LAP", SortOrder::Newest)), ["1"]);
        assert_eq!(
            ids(filter_and_sort(&keys, "a9mpht", SortOrder::Newest)),
            ["1"]
        );
        assert!(filter_and_sort(&keys, "nothing", SortOrder::Newest).is_empty());
    }

    #[test]
    fn sort_orders_come_back_from_their_values() {
        assert_eq!(SortOrder::from_value("title"), SortOrder::Title);
        assert_eq!(SortOrder::from_value("?"), SortOrder::Newest);
    }
}
