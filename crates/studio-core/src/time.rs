//! Wall times and time zones. The library keeps instants (Unix ms); a wall
//! time ("Monday 20:00 in Shanghai") is computed from one with `jiff` and
//! the time zone database bundled into the binary, so the same answer
//! comes out on every machine and no file is read.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The zone an account is in until the user says otherwise.
pub const DEFAULT_ZONE: &str = "Asia/Shanghai";

/// An IANA time zone name the studio knows, parsed at the boundary.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct ZoneName(String);

/// A name that is not a time zone the studio knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name:?} is not a known time zone")]
pub struct UnknownZone {
    /// What was given.
    pub name: String,
}

impl ZoneName {
    /// The zone called `name` (`Asia/Shanghai`, `Europe/Berlin`, `UTC`).
    pub fn parse(name: &str) -> Result<ZoneName, UnknownZone> {
        let name = name.trim();
        match jiff::tz::db().get(name) {
            Ok(_) => Ok(ZoneName(name.to_string())),
            Err(_) => Err(UnknownZone { name: name.to_string() }),
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The zone's rules.
    pub fn zone(&self) -> TimeZone {
        jiff::tz::db().get(&self.0).expect("a ZoneName is parsed from the bundled database")
    }
}

impl Default for ZoneName {
    fn default() -> ZoneName {
        ZoneName(DEFAULT_ZONE.to_string())
    }
}

impl std::fmt::Display for ZoneName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ZoneName {
    type Error = UnknownZone;
    fn try_from(name: String) -> Result<ZoneName, UnknownZone> {
        ZoneName::parse(&name)
    }
}

impl From<ZoneName> for String {
    fn from(zone: ZoneName) -> String {
        zone.0
    }
}

/// Every zone name the studio knows, sorted.
pub fn zone_names() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db().available().map(|n| n.as_str().to_string()).collect();
    names.sort();
    names
}

fn timestamp(at_ms: i64) -> Timestamp {
    Timestamp::from_millisecond(at_ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The wall time at `at_ms` in `zone`.
pub fn wall_time(at_ms: i64, zone: &ZoneName) -> DateTime {
    zone.zone().to_datetime(timestamp(at_ms))
}

/// The offset from UTC at `at_ms` in `zone`, seconds.
pub fn offset_seconds(at_ms: i64, zone: &ZoneName) -> i32 {
    zone.zone().to_offset(timestamp(at_ms)).seconds()
}

/// The instant of a wall time in `zone`. A wall time the clocks skip (the
/// spring gap) is taken as the moment it would have been, shifted by the
/// gap (02:30 becomes 03:30); one that happens twice (the autumn fold) is
/// its first occurrence. This is RFC 5545's reading too.
pub fn instant_of(wall: DateTime, zone: &ZoneName) -> i64 {
    zone.zone()
        .to_ambiguous_timestamp(wall)
        .compatible()
        .map(Timestamp::as_millisecond)
        .unwrap_or_else(|_| wall_time_as_utc(wall))
}

/// A wall time read as if it were UTC (only for dates outside jiff's range).
fn wall_time_as_utc(wall: DateTime) -> i64 {
    TimeZone::UTC.to_ambiguous_timestamp(wall).compatible().map(Timestamp::as_millisecond).unwrap_or(0)
}

/// The first and the last instant (exclusive) of a date in `zone`: 23
/// hours on the day the clocks go forward, 25 on the day they go back.
pub fn day_bounds(date: Date, zone: &ZoneName) -> (i64, i64) {
    let start = instant_of(date.to_datetime(jiff::civil::Time::midnight()), zone);
    let end = match date.tomorrow() {
        Ok(next) => instant_of(next.to_datetime(jiff::civil::Time::midnight()), zone),
        Err(_) => start + 86_400_000,
    };
    (start, end)
}

/// A wall time as the studio writes it: `YYYY-MM-DD HH:MM`.
pub fn format_wall(at_ms: i64, zone: &ZoneName) -> String {
    let t = wall_time(at_ms, zone);
    format!("{:04}-{:02}-{:02} {:02}:{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute())
}

/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS` (or with
/// `T`) as a wall time; `None` when it is not one of those or no such date.
pub fn parse_wall(text: &str) -> Option<DateTime> {
    let text = text.trim();
    let (date, time) = match text.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    if d.next().is_some() {
        return None;
    }
    let (h, mi, s) = match time {
        None => (0, 0, 0),
        Some(t) => {
            let mut p = t.split(':').map(|p| p.parse::<i64>().ok());
            let (h, mi) = (p.next()??, p.next()??);
            let s = p.next().map_or(Some(0), |s| s)?;
            if p.next().is_some() {
                return None;
            }
            (h, mi, s)
        }
    };
    DateTime::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(day).ok()?,
        i8::try_from(h).ok()?,
        i8::try_from(mi).ok()?,
        i8::try_from(s).ok()?,
        0,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use jiff::civil::{date, datetime};

    use super::*;

    fn zone(name: &str) -> ZoneName {
        ZoneName::parse(name).unwrap()
    }

    #[test]
    fn a_zone_name_is_checked_against_the_bundled_database() {
        assert_eq!(zone("Europe/Berlin").as_str(), "Europe/Berlin");
        assert!(ZoneName::parse("Mars/Olympus").is_err());
        assert_eq!(ZoneName::default().as_str(), "Asia/Shanghai");
        assert!(zone_names().iter().any(|n| n == "Asia/Shanghai"));
        let json = serde_json::to_string(&zone("UTC")).unwrap();
        assert_eq!(json, "\"UTC\"");
        assert!(serde_json::from_str::<ZoneName>("\"Nowhere/Else\"").is_err());
    }

    #[test]
    fn berlin_days_are_23_and_25_hours_long_at_the_switches_and_shanghai_keeps_24() {
        let berlin = zone("Europe/Berlin");
        let (s, e) = day_bounds(date(2026, 3, 29), &berlin);
        assert_eq!(e - s, 23 * 3_600_000);
        let (s, e) = day_bounds(date(2026, 10, 25), &berlin);
        assert_eq!(e - s, 25 * 3_600_000);
        let shanghai = zone("Asia/Shanghai");
        let (s, e) = day_bounds(date(2026, 3, 29), &shanghai);
        assert_eq!(e - s, 24 * 3_600_000);
    }

    #[test]
    fn a_skipped_wall_time_moves_past_the_gap_and_a_repeated_one_is_its_first() {
        let berlin = zone("Europe/Berlin");
        // 02:30 does not exist on 2026-03-29: it is 03:30 CEST = 01:30 UTC.
        let gap = instant_of(datetime(2026, 3, 29, 2, 30, 0, 0), &berlin);
        assert_eq!(gap, Timestamp::from_second(1_774_747_800).unwrap().as_millisecond());
        assert_eq!(format_wall(gap, &berlin), "2026-03-29 03:30");
        // 02:30 happens twice on 2026-10-25: the first is CEST, 00:30 UTC.
        let fold = instant_of(datetime(2026, 10, 25, 2, 30, 0, 0), &berlin);
        assert_eq!(offset_seconds(fold, &berlin), 7200);
        assert_eq!(format_wall(fold, &berlin), "2026-10-25 02:30");
        assert_eq!(format_wall(fold + 3_600_000, &berlin), "2026-10-25 02:30", "the second one, an hour on");
    }

    #[test]
    fn shanghai_evening_is_a_different_berlin_hour_before_and_after_the_switch() {
        let (shanghai, berlin) = (zone("Asia/Shanghai"), zone("Europe/Berlin"));
        let before = instant_of(datetime(2026, 3, 28, 20, 0, 0, 0), &shanghai);
        let after = instant_of(datetime(2026, 3, 30, 20, 0, 0, 0), &shanghai);
        assert_eq!(format_wall(before, &berlin), "2026-03-28 13:00");
        assert_eq!(format_wall(after, &berlin), "2026-03-30 14:00");
        let back = instant_of(datetime(2026, 10, 26, 20, 0, 0, 0), &shanghai);
        assert_eq!(format_wall(back, &berlin), "2026-10-26 13:00");
    }

    #[test]
    fn wall_times_are_read_in_the_forms_the_studio_writes() {
        assert_eq!(parse_wall("2026-12-01 20:00"), Some(datetime(2026, 12, 1, 20, 0, 0, 0)));
        assert_eq!(parse_wall("2026-12-01T20:00:30"), Some(datetime(2026, 12, 1, 20, 0, 30, 0)));
        assert_eq!(parse_wall("2026-12-01"), Some(datetime(2026, 12, 1, 0, 0, 0, 0)));
        for bad in ["2026-02-30", "2026-12-01 25:00", "tomorrow", "2026-12", "2026-12-01 20"] {
            assert_eq!(parse_wall(bad), None, "{bad}");
        }
    }
}
