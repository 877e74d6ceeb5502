//! What the rotation panel decides, kept pure so it is tested natively:
//! the new key's verdict (the add form's, plus "not the old key"), the
//! default title, how a last use reads, and whether the switch happened.

use super::super::key_policy::{check_new_key, Block, KeyCheck};
use super::super::listed_key::ListedKey;
use crate::calendar::utc_datetime;
use crate::inventory::parse_rfc3339;

/// The new key's title unless the user types another.
pub(super) fn rotated_title(old: &ListedKey) -> String {
    format!("{} (rotated)", old.name())
}

/// The add form's verdict on the pasted text, except that the old key
/// itself gets its own refusal: rotating to the same key changes nothing.
/// A private key keeps its verdict (never sent, whichever key it is).
pub(super) fn check_replacement(
    text: &str,
    old: &ListedKey,
    listed: &[ListedKey],
) -> Option<KeyCheck> {
    let mut check = check_new_key(text, listed)?;
    let same = check
        .key
        .as_ref()
        .is_some_and(|key| old.sha256.as_deref() == Some(key.sha256.as_str()));
    let public = matches!(check.block, None | Some((Block::AlreadyListed, _)));
    if same && public {
        check.send_line = None;
        check.offer = None;
        let reason = format!(
            "This is the old key, “{}”, the one being replaced. Paste the public half of a new \
             key pair: rotating to the same key changes nothing.",
            old.name()
        );
        check.block = Some((Block::AlreadyListed, reason));
    }
    Some(check)
}

/// A last use as the panel shows it: relative words, and the exact time
/// for the element's title (`None` when never used or unreadable).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct LastUse {
    pub(super) words: String,
    pub(super) exact: Option<String>,
}

/// `at` (GitHub's `last_used`) seen at `now` (seconds since the epoch).
pub(super) fn last_use(at: Option<&str>, now: i64) -> LastUse {
    let Some(at) = at else {
        return LastUse {
            words: "Never used".to_string(),
            exact: None,
        };
    };
    let Some(when) = parse_rfc3339(at) else {
        return LastUse {
            words: format!("Used {at}"),
            exact: None,
        };
    };
    let ago = now - when;
    let unit = |n: i64, one: &str| {
        let plural = if n == 1 { "" } else { "s" };
        format!("Used {n} {one}{plural} ago")
    };
    let words = match ago {
        // A clock a little behind GitHub's still means "just now".
        ..60 => "Used just now".to_string(),
        60..3_600 => unit(ago / 60, "minute"),
        3_600..86_400 => unit(ago / 3_600, "hour"),
        _ => unit(ago / 86_400, "day"),
    };
    LastUse {
        words,
        exact: u64::try_from(when).ok().map(utc_datetime),
    }
}

/// Where the switch stands, from the two keys' last uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Switch {
    /// No machine has used the new key yet.
    NewUnused,
    /// The new key was used, and the old one after it: a machine still
    /// holds the old key.
    OldStillUsed,
    /// The new key was used last.
    Switched,
}

impl Switch {
    pub(super) fn of(old: Option<&str>, new: Option<&str>) -> Switch {
        let Some(new) = new else {
            return Switch::NewUnused;
        };
        let old = old.and_then(parse_rfc3339);
        match (old, parse_rfc3339(new)) {
            (Some(old), Some(new)) if old > new => Switch::OldStillUsed,
            _ => Switch::Switched,
        }
    }

    pub(super) fn sentence(self) -> &'static str {
        match self {
            Switch::NewUnused => {
                "The new key is still unused. Deploy the new private key, then use it once; \
                 then refresh."
            }
            Switch::OldStillUsed => {
                "The new key has been used, but the old key was used after it: a machine still \
                 uses the old key. Switch it, then refresh."
            }
            Switch::Switched => {
                "The new key has been used: the switch happened. You can delete the old key."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::KeyRecord;
    use crate::ui::features::inspect::test_keys::{LINE, PRIVATE_KEY, SHA256};

    fn old(title: &str) -> ListedKey {
        ListedKey::from_record(KeyRecord {
            id: "7".into(),
            title: title.into(),
            public_key: Some(LINE.into()),
            ..KeyRecord::default()
        })
    }

    #[test]
    fn the_old_key_is_refused_by_name_and_other_verdicts_stay() {
        let old = old("ci box");
        assert_eq!(old.sha256.as_deref(), Some(SHA256));
        let check = check_replacement(LINE, &old, std::slice::from_ref(&old)).expect("a verdict");
        assert_eq!(check.send_line, None);
        match check.block {
            Some((Block::AlreadyListed, reason)) => {
                assert!(reason.contains("This is the old key, “ci box”"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
        // Its private half stays a private key: never sent, said so.
        let private = check_replacement(PRIVATE_KEY, &old, &[]).expect("a verdict");
        assert!(matches!(private.block, Some((Block::Private, _))));
        assert_eq!(check_replacement(" ", &old, &[]), None);
        let other = old_with_other_key();
        let fresh = check_replacement(LINE, &other, &[]).expect("a verdict");
        assert_eq!(fresh.send_line.as_deref(), Some(LINE));
        assert_eq!(rotated_title(&old), "ci box (rotated)");
        assert_eq!(rotated_title(&self::old(" ")), "(untitled) (rotated)");
    }

    fn old_with_other_key() -> ListedKey {
        ListedKey::from_record(KeyRecord {
            id: "8".into(),
            title: "other".into(),
            public_key: None,
            ..KeyRecord::default()
        })
    }

    #[test]
    fn last_uses_read_as_words_with_the_exact_time() {
        let at = "2024-01-02T03:04:05Z";
        let when = 1_704_164_645;
        assert_eq!(last_use(None, when).words, "Never used");
        assert_eq!(last_use(None, when).exact, None);
        let seen = last_use(Some(at), when + 5);
        assert_eq!(seen.words, "Used just now");
        assert_eq!(seen.exact.as_deref(), Some("2024-01-02 03:04:05 UTC"));
        assert_eq!(last_use(Some(at), when - 30).words, "Used just now");
        assert_eq!(last_use(Some(at), when + 60).words, "Used 1 minute ago");
        assert_eq!(last_use(Some(at), when + 7_200).words, "Used 2 hours ago");
        assert_eq!(
            last_use(Some(at), when + 86_400 * 3).words,
            "Used 3 days ago"
        );
        let odd = last_use(Some("yesterday"), when);
        assert_eq!((odd.words.as_str(), odd.exact), ("Used yesterday", None));
    }

    #[test]
    fn the_switch_is_seen_from_the_last_uses() {
        let (early, late) = (Some("2024-01-02T03:04:05Z"), Some("2024-01-03T03:04:05Z"));
        assert_eq!(Switch::of(early, None), Switch::NewUnused);
        assert_eq!(Switch::of(None, early), Switch::Switched);
        assert_eq!(Switch::of(early, late), Switch::Switched);
        assert_eq!(Switch::of(late, early), Switch::OldStillUsed);
        assert!(Switch::NewUnused.sentence().contains("then refresh"));
    }
}
