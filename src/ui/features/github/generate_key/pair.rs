//! The new pair as the page holds it, and the pure rules of the panel
//! (passphrase check, comment and title defaults, the engine's read-back).

use super::super::key_policy::{check_new_key, KeyCheck};
use crate::ui::state::keygen::{self, Ticket};
use leptos::prelude::*;
use zeroize::Zeroizing;

pub(super) const DEFAULT_TITLE: &str = "Laptop";

/// What the page may show of a new pair: never its private half.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Made {
    /// The canonical line the engine read back: shown, saved as `.pub`
    /// and sent.
    pub(super) line: String,
    /// `SHA256:…` from the engine, as `ssh-keygen -l` prints it.
    pub(super) fingerprint: String,
    /// The worker's time to make the pair, and the time with its start.
    pub(super) millis: f64,
    pub(super) total_millis: f64,
    pub(super) encrypted: bool,
}

/// The pair in hand. The private key lives only in `private` (never in a
/// signal, so never in the DOM); taking it out and dropping it wipes it.
#[derive(Clone, Copy)]
pub(super) struct Pair {
    pub(super) private: StoredValue<Option<Zeroizing<String>>>,
    pub(super) made: RwSignal<Option<Made>>,
    pub(super) downloaded: RwSignal<bool>,
    /// Bumped on close: a generation still running when the panel closed
    /// sees it changed and drops its answer.
    pub(super) run: StoredValue<u32>,
    /// The generation under way, stopped (its worker ended) on close.
    pub(super) ticket: StoredValue<Option<Ticket>>,
}

impl Pair {
    pub(super) fn new() -> Self {
        Pair {
            private: StoredValue::new(None),
            made: RwSignal::new(None),
            downloaded: RwSignal::new(false),
            run: StoredValue::new(0),
            ticket: StoredValue::new(None),
        }
    }

    /// The private key, once: the caller saves it and drops it.
    pub(super) fn take_private(&self) -> Option<Zeroizing<String>> {
        self.private.try_update_value(Option::take).flatten()
    }

    /// Forgets the pair, wiping the private key if it is still here; true
    /// when it was (it had not been downloaded).
    pub(super) fn discard(&self) -> bool {
        let held = self.take_private().is_some();
        if let Some(ticket) = self.ticket.try_update_value(Option::take).flatten() {
            keygen::stop(ticket);
        }
        self.run.try_update_value(|run| *run += 1);
        self.made.try_set(None);
        self.downloaded.try_set(false);
        held
    }
}

/// The mismatch error of the two passphrase boxes.
pub(super) fn passphrase_problem(passphrase: &str, confirm: &str) -> Option<&'static str> {
    (passphrase != confirm)
        .then_some("The passphrases do not match: type the same passphrase in both boxes.")
}

/// The key's comment: the one typed, else the title.
pub(super) fn comment_for(title: &str, comment: &str) -> String {
    let comment = comment.trim();
    if comment.is_empty() {
        title.trim()
    } else {
        comment
    }
    .to_string()
}

/// The title GitHub gets: the one typed, else the default.
pub(super) fn title_for(title: &str) -> String {
    match title.trim() {
        "" => DEFAULT_TITLE.to_string(),
        title => title.to_string(),
    }
}

/// "0.4 ms", "35 ms", "1.2 s".
pub(super) fn duration(millis: f64) -> String {
    if millis < 10.0 {
        format!("{millis:.1} ms")
    } else if millis < 1000.0 {
        format!("{millis:.0} ms")
    } else {
        format!("{:.1} s", millis / 1000.0)
    }
}

/// The worker's public line, read back by the engine: what is shown and
/// sent is what the engine read, with the engine's fingerprint.
pub(super) fn read_back(
    public_line: &str,
    millis: f64,
    total_millis: f64,
    encrypted: bool,
) -> Result<Made, String> {
    match check_new_key(public_line, &[]) {
        Some(KeyCheck {
            send_line: Some(line),
            key: Some(key),
            ..
        }) => Ok(Made {
            line,
            fingerprint: key.sha256,
            millis,
            total_millis,
            encrypted,
        }),
        _ => Err("The new key could not be read back, so it was discarded. Try again.".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::features::inspect::test_keys::LINE;

    #[test]
    fn the_passphrases_must_match_and_may_both_be_empty() {
        assert_eq!(passphrase_problem("", ""), None);
        assert_eq!(passphrase_problem("horse battery", "horse battery"), None);
        let problem = passphrase_problem("horse battery", "horse batery");
        assert!(problem.is_some_and(|p| p.starts_with("The passphrases do not match")));
        assert!(passphrase_problem("secret", "").is_some());
    }

    #[test]
    fn the_comment_and_title_fall_back() {
        assert_eq!(comment_for(" Laptop ", ""), "Laptop");
        assert_eq!(comment_for("Laptop", " me@work "), "me@work");
        assert_eq!(title_for("  "), DEFAULT_TITLE);
        assert_eq!(title_for(" CI runner "), "CI runner");
    }

    #[test]
    fn times_read_naturally() {
        assert_eq!(duration(0.42), "0.4 ms");
        assert_eq!(duration(35.4), "35 ms");
        assert_eq!(duration(1234.0), "1.2 s");
    }

    #[test]
    fn the_public_line_is_read_back_by_the_engine() {
        let made = read_back(LINE, 1.0, 2.0, true).expect("a public key line");
        let key = crate::keys::inspect(LINE).remove(0).key.expect("a key");
        assert_eq!(made.fingerprint, key.sha256);
        assert!(made.fingerprint.starts_with("SHA256:"));
        assert!(LINE.starts_with(
            made.line
                .split(' ')
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
                .as_str()
        ));
        assert!(made.encrypted);
        // Anything else (a private key, garbage) is refused, never shown.
        let private = crate::ui::features::inspect::test_keys::PRIVATE_KEY;
        assert!(read_back(private, 1.0, 2.0, false).is_err());
        assert!(read_back("not a key", 1.0, 2.0, false).is_err());
    }
}
