//! The local memo of CNB deploy keys: since CNB cannot list them through an
//! API, the person notes here which keys exist and when they expire, and the
//! page warns before one does. Metadata only — never the key itself.

use serde::{Deserialize, Serialize};

/// How many days ahead "expires soon" starts.
pub const EXPIRES_SOON_DAYS: i64 = 14;

/// Which kind of resource a deploy key belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeployKeyScope {
    Organization,
    Repository,
    Artifact,
}

/// Where and how a deploy key is made in CNB's web UI (the only way).
pub fn deploy_key_steps(scope: DeployKeyScope) -> [&'static str; 4] {
    let settings = match scope {
        DeployKeyScope::Organization => "Open the organization's Settings → Deploy Keys.",
        DeployKeyScope::Repository => "Open the repository's Settings → Deploy Keys.",
        DeployKeyScope::Artifact => "Open the artifact registry's Settings → Deploy Keys.",
    };
    [
        settings,
        "Choose Add, then set a name, an expiration date and the scopes it needs (deploy keys \
         are read-only).",
        "Copy the key at once: CNB shows it only this one time.",
        "Use it with git or the registry as username `cnb` and the key as password, and note it \
         here (name and expiry, never the key) to be warned before it expires.",
    ]
}

/// One deploy key as the person noted it. Never holds the key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeployKeyMemo {
    pub name: String,
    pub scope: DeployKeyScope,
    /// The organization, repository or registry path, such as `group/repo`.
    pub resource: String,
    /// The expiration date CNB showed, `YYYY-MM-DD`; `None` if it never
    /// expires.
    pub expires_on: Option<String>,
    pub note: String,
}

/// Where a deploy key stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpiryStatus {
    /// The expiry date has passed.
    Expired,
    /// Expires within [`EXPIRES_SOON_DAYS`]; the days left (0: today).
    ExpiresSoon(u32),
    Ok,
    NoExpiry,
    /// `expires_on` is not a real `YYYY-MM-DD` date: ask for it again.
    InvalidDate,
}

impl DeployKeyMemo {
    /// The status on `today` as `(year, month, day)`, from the caller's
    /// clock (this module reads no clock). The expiry day itself counts as
    /// "expires today", not expired, since CNB does not say at what hour a
    /// key stops.
    pub fn expiry_status(&self, today: (i32, u32, u32)) -> ExpiryStatus {
        let Some(date) = self.expires_on.as_deref() else {
            return ExpiryStatus::NoExpiry;
        };
        if date.trim().is_empty() {
            return ExpiryStatus::NoExpiry;
        }
        let Some((y, m, d)) = parse_date(date) else {
            return ExpiryStatus::InvalidDate;
        };
        let left = days_from_civil(y, m, d) - days_from_civil(today.0, today.1, today.2);
        match left {
            n if n < 0 => ExpiryStatus::Expired,
            n if n <= EXPIRES_SOON_DAYS => ExpiryStatus::ExpiresSoon(n as u32),
            _ => ExpiryStatus::Ok,
        }
    }
}

/// `YYYY-MM-DD` (an RFC 3339 timestamp's date part is accepted too) as a
/// real calendar date, leap years included.
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let text = text.trim();
    let date = match text.get(10..11) {
        Some("T") | Some("t") | Some(" ") => text.get(..10)?,
        _ => text,
    };
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d)) {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    (1..=12)
        .contains(&m)
        .then(|| days_in_month(y, m))
        .filter(|&last| (1..=last).contains(&d))
        .map(|_| (y, m, d))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub use crate::calendar::days_from_civil;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_match_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        // 2024-02-29 exists and is followed by March 1st.
        assert_eq!(
            days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 29),
            1
        );
    }
}
