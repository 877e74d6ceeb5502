//! Dates without a date crate: the proleptic Gregorian calendar in UTC,
//! which is all Keyward shows (certificate validity, rate-limit resets,
//! expiry warnings) and all the sandbox writes (RFC 3339 timestamps).
//! Howard Hinnant's `days_from_civil`/`civil_from_days` algorithms.

/// Days since 1970-01-01 to `(year, month, day)`.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
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

/// Days since 1970-01-01 of a date: subtract two for the days between.
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
    // Count years from March, so the leap day ends the year.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (m + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// 9999-12-31 23:59:59: past it a calendar date helps nobody.
const LAST_DATE: u64 = 253_402_300_799;

fn parts(epoch: u64) -> (i64, u32, u32, u64, u64, u64) {
    let (year, month, day) = civil_from_days((epoch.min(LAST_DATE) / 86_400) as i64);
    let time = epoch % 86_400;
    (year, month, day, time / 3600, time % 3600 / 60, time % 60)
}

/// Seconds since the epoch as `2024-05-01 12:00:00 UTC`, for people.
pub fn utc_datetime(epoch: u64) -> String {
    if epoch > LAST_DATE {
        return format!("after the year 9999 ({epoch} seconds after 1970)");
    }
    let (y, mo, d, h, mi, s) = parts(epoch);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC")
}

/// Seconds since the epoch as RFC 3339 (`2024-01-02T03:04:05Z`), as APIs write it.
pub fn rfc3339(epoch: u64) -> String {
    let (y, mo, d, h, mi, s) = parts(epoch);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_match_the_date_command() {
        // `date -u -d @N '+%F %T'`
        assert_eq!(utc_datetime(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc_datetime(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc_datetime(1_700_000_000), "2023-11-14 22:13:20 UTC");
        assert_eq!(utc_datetime(253_402_300_799), "9999-12-31 23:59:59 UTC");
        assert!(utc_datetime(u64::MAX).starts_with("after the year 9999"));
        assert_eq!(rfc3339(1_704_164_645), "2024-01-02T03:04:05Z");
    }

    #[test]
    fn days_round_trip() {
        for days in [-1_000_000, -1, 0, 11_017, 19_782, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y as i32, m, d), days);
        }
        assert_eq!(
            days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 29),
            1
        );
    }
}
