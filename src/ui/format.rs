//! Plain-words text for the page: counts, kinds and dates.
//!
//! Pure functions, so they are tested natively without a browser.

use crate::keys::{Finding, Kind};

/// The name of a finding's kind, as its badge shows it.
pub(crate) fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Public => "Public key",
        Kind::Certificate => "Certificate",
        Kind::Private => "Private key",
        Kind::Invalid => "Not a key",
    }
}

/// `1 key`, `2 keys`: a count with its noun.
pub(crate) fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// The line above the cards: "2 keys found, 1 problem".
///
/// A private key counts as a key and as a problem: it is a key, but the
/// wrong file to paste.
pub(crate) fn summary(findings: &[Finding]) -> String {
    let keys = findings.iter().filter(|f| f.kind != Kind::Invalid).count();
    let problems = findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::Invalid | Kind::Private))
        .count();
    let warnings: usize = findings.iter().map(|f| f.lints.len()).sum();
    let mut text = if keys == 0 {
        "No key found".to_string()
    } else {
        format!("{} found", count(keys, "key", "keys"))
    };
    if problems > 0 {
        text.push_str(&format!(", {}", count(problems, "problem", "problems")));
    }
    if warnings > 0 {
        text.push_str(&format!(", {}", count(warnings, "warning", "warnings")));
    }
    text
}

/// A certificate's validity window in words, as `ssh-keygen -L` means it.
pub(crate) fn validity(valid_after: u64, valid_before: u64) -> String {
    let from = match valid_after {
        0 => "from the beginning".to_string(),
        t => format!("from {}", utc_date(t)),
    };
    let until = match valid_before {
        u64::MAX => "forever".to_string(),
        t => utc_date(t),
    };
    format!("{from} until {until}")
}

pub(crate) use crate::calendar::utc_datetime as utc_date;

/// `2024-01-02` from a provider's `2024-01-02T03:04:05Z`; other text as it
/// came. The one way a provider's timestamp is shown as a day.
pub(crate) fn short_date(timestamp: &str) -> String {
    match timestamp.split_once('T') {
        Some((date, _)) if date.len() == 10 => date.to_string(),
        _ => timestamp.to_string(),
    }
}

/// An RFC 3339 UTC time as "2024-01-02 03:04 UTC" (Astro's token dates);
/// anything else as it came.
pub(crate) fn short_date_time(date: Option<&str>) -> String {
    let Some(date) = date else {
        return String::new();
    };
    match (date.get(..10), date.get(10..11), date.get(11..16)) {
        (Some(day), Some("T"), Some(time)) if date.ends_with('Z') => format!("{day} {time} UTC"),
        _ => date.to_string(),
    }
}

/// How long making a key pair took, in people's words.
pub(crate) fn took(millis: f64) -> String {
    if millis < 1000.0 {
        format!("made in {} ms", millis.round())
    } else {
        format!("made in {:.1} s", millis / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_taken_in_milliseconds_then_seconds() {
        assert_eq!(took(412.4), "made in 412 ms");
        assert_eq!(took(2345.0), "made in 2.3 s");
    }

    #[test]
    fn times_are_shortened_only_when_understood() {
        assert_eq!(
            short_date_time(Some("2024-01-02T03:04:05Z")),
            "2024-01-02 03:04 UTC"
        );
        assert_eq!(short_date_time(Some("2024-01-02")), "2024-01-02");
        assert_eq!(short_date_time(None), "");
    }

    #[test]
    fn dates_match_date_command() {
        // `date -u -d @N '+%F %T'`
        assert_eq!(utc_date(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc_date(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc_date(1_700_000_000), "2023-11-14 22:13:20 UTC");
        assert_eq!(utc_date(4_102_444_799), "2099-12-31 23:59:59 UTC");
        assert_eq!(utc_date(253_402_300_799), "9999-12-31 23:59:59 UTC");
        assert!(utc_date(u64::MAX - 1).starts_with("after the year 9999"));
    }

    #[test]
    fn dates_are_shortened_only_when_they_look_like_dates() {
        assert_eq!(short_date("2024-01-02T03:04:05Z"), "2024-01-02");
        assert_eq!(short_date("yesterday"), "yesterday");
    }

    #[test]
    fn validity_names_the_open_ends() {
        assert_eq!(validity(0, u64::MAX), "from the beginning until forever");
        assert_eq!(
            validity(1_700_000_000, 4_102_444_799),
            "from 2023-11-14 22:13:20 UTC until 2099-12-31 23:59:59 UTC"
        );
    }

    #[test]
    fn summary_counts_keys_problems_and_warnings() {
        let paste = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBDBnJjCZ1XnwBD7AchoozOkgtI0c1w45QfUl7xPL22k a\n\
                     ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBDBnJjCZ1XnwBD7AchoozOkgtI0c1w45QfUl7xPL22k b\n\
                     ssh-rsa AAAA!!!\n";
        let findings = crate::keys::inspect(paste);
        let text = summary(&findings);
        assert!(text.starts_with("2 keys found, 1 problem"), "{text}");
        assert_eq!(
            summary(&crate::keys::inspect("hello")),
            "No key found, 1 problem"
        );
    }
}
