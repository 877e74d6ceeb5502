//! RFC 3339 timestamps to seconds since the epoch. No date crate is in the
//! build (and the app must stay small), and providers send one shape:
//! `2024-01-02T03:04:05Z`, with optional fractional seconds and an offset
//! instead of `Z`; CNB memos hold a bare date, read as its midnight UTC.

use crate::calendar::days_from_civil;

/// Seconds since 1970-01-01 UTC (negative before), or `None` when `text` is
/// not such a timestamp or date.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, rest) = match text.split_once(['T', 't', ' ']) {
        Some((date, rest)) => (date, Some(rest)),
        None => (text, None),
    };
    let days = parse_date(date)?;
    let seconds = match rest {
        None => 0,
        Some(rest) => parse_time(rest)?,
    };
    Some(days * 86_400 + seconds)
}

fn number(text: &str, digits: usize) -> Option<u32> {
    if text.len() != digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn parse_date(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let year = number(parts.next()?, 4)?;
    let month = number(parts.next()?, 2)?;
    let day = number(parts.next()?, 2)?;
    if parts.next().is_some() || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let year = i32::try_from(year).ok()?;
    let days = days_from_civil(year, month, day);
    // A day past the month's end lands in the next month: refuse it.
    let next = if month == 12 {
        days_from_civil(year + 1, 1, 1)
    } else {
        days_from_civil(year, month + 1, 1)
    };
    (days < next).then_some(days)
}

/// `hh:mm:ss[.frac](Z|±hh:mm)` to seconds after midnight UTC (may be
/// negative or past a day: the offset moves it).
fn parse_time(time: &str) -> Option<i64> {
    let (clock, offset) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else {
        let at = time.rfind(['+', '-'])?;
        let (clock, offset) = time.split_at(at);
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        let (hours, minutes) = offset[1..].split_once(':')?;
        let (hours, minutes) = (number(hours, 2)?, number(minutes, 2)?);
        if hours > 23 || minutes > 59 {
            return None;
        }
        (clock, sign * i64::from(hours * 3600 + minutes * 60))
    };
    let clock = match clock.split_once('.') {
        Some((whole, fraction))
            if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) =>
        {
            whole
        }
        Some(_) => return None,
        None => clock,
    };
    let mut parts = clock.split(':');
    let hours = number(parts.next()?, 2)?;
    let minutes = number(parts.next()?, 2)?;
    let seconds = number(parts.next()?, 2)?;
    // 60 is a leap second.
    if parts.next().is_some() || hours > 23 || minutes > 59 || seconds > 60 {
        return None;
    }
    Some(i64::from(hours * 3600 + minutes * 60 + seconds) - offset)
}

#[cfg(test)]
mod tests {
    use super::parse_rfc3339;

    #[test]
    fn timestamps_match_the_date_command() {
        // `date -u -d '…' +%s`
        assert_eq!(parse_rfc3339("2024-01-02T03:04:05Z"), Some(1_704_164_645));
        assert_eq!(
            parse_rfc3339("2024-01-02T03:04:05.123456Z"),
            Some(1_704_164_645)
        );
        assert_eq!(
            parse_rfc3339("2024-01-02T05:04:05+02:00"),
            Some(1_704_164_645)
        );
        assert_eq!(
            parse_rfc3339("2024-01-01T22:04:05-05:00"),
            Some(1_704_164_645)
        );
        assert_eq!(parse_rfc3339("2000-02-29"), Some(951_782_400));
        assert_eq!(parse_rfc3339("1969-12-31T23:59:59Z"), Some(-1));
    }

    #[test]
    fn anything_else_is_refused_without_panicking() {
        for bad in [
            "",
            "yesterday",
            "2024-02-30",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-01-02T24:00:00Z",
            "2024-01-02T03:04Z",
            "2024-01-02T03:04:05",
            "2024-01-02T03:04:05+0200",
            "2024-01-02T03:04:05.Z",
            "99999-01-01",
            "2024-1-2",
            "２０２４-01-02",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }
}
