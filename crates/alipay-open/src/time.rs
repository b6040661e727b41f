//! Times as the gateway writes them: `yyyy-MM-dd HH:mm:ss` in Beijing time
//! (UTC+8, no daylight saving), whatever the machine's zone.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

const FORMAT: &str = "%Y-%m-%d %H:%M:%S";

fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// `at` as the gateway writes it.
pub fn format(at: DateTime<Utc>) -> String {
    at.with_timezone(&beijing()).format(FORMAT).to_string()
}

/// A gateway time back to UTC; `None` when it is not in that form.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), FORMAT).ok()?;
    beijing().from_local_datetime(&naive).single().map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_midnight_is_eight_in_the_morning_in_beijing_and_back() {
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 0, 0, 0).unwrap();
        assert_eq!(format(at), "2026-11-24 08:00:00");
        assert_eq!(parse("2026-11-24 08:00:00"), Some(at));
        assert_eq!(format(Utc.with_ymd_and_hms(2026, 12, 31, 20, 30, 5).unwrap()), "2027-01-01 04:30:05");
        assert_eq!(parse("2026/11/24 08:00"), None);
    }
}
