//! Plain-words text for the page: counts, kinds and dates.
//!
//! Pure functions, so they are tested natively without a browser.

use crate::keys::{Finding, Kind};

/// The name of a finding's kind, as its badge shows it.
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Public => "Public key",
        Kind::Certificate => "Certificate",
        Kind::Private => "Private key",
        Kind::Invalid => "Not a key",
    }
}

/// `1 key`, `2 keys`: a count with its noun.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
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
pub fn summary(findings: &[Finding]) -> String {
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
pub fn validity(valid_after: u64, valid_before: u64) -> String {
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

/// Seconds since the epoch as `2024-05-01 12:00:00 UTC`.
pub fn utc_date(seconds: u64) -> String {
    // 9999-12-31 23:59:59: past it a calendar date helps nobody.
    const LAST_DATE: u64 = 253_402_300_799;
    if seconds > LAST_DATE {
        return format!("after the year 9999 ({seconds} seconds after 1970)");
    }
    // Both fit in i64 after the check above.
    let days = (seconds / 86_400) as i64;
    let time = seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        time / 3600,
        time % 3600 / 60,
        time % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `civil_from_days`), so no date crate is needed.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

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
