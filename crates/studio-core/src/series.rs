//! Livestreams that repeat: an iCalendar recurrence rule (RFC 5545 RRULE,
//! through the `rrule` crate) from a first start, read as wall times in the
//! account's zone, so a weekly 20:00 stays 20:00 across clock changes. Only
//! occurrences within a horizon are announced; later ones as time passes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::time::{wall_time, ZoneName};
use crate::AccountId;

/// How far ahead a series' occurrences are announced, days.
pub const LIVE_SERIES_HORIZON_DAYS: i64 = 56;
/// Occurrences of one series announced ahead at most (a daily series fills
/// the horizon with 56).
pub const LIVE_SERIES_AHEAD_MAX: usize = 60;

/// A repeating livestream: the rule, and what each new occurrence starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LiveSeries {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// The account its occurrences are announced on.
    #[ts(type = "number")]
    pub account_id: AccountId,
    /// The recurrence rule, e.g. `FREQ=WEEKLY;BYDAY=SA`.
    pub rule: String,
    /// Unix ms of the first occurrence (the rule's DTSTART).
    #[ts(type = "number")]
    pub first_start: i64,
    /// The zone the rule's wall times are read in.
    pub zone: ZoneName,
    /// The title of new occurrences.
    pub title: String,
    /// Their planned length, minutes.
    pub minutes: u32,
    /// Their plan.
    pub plan: crate::LivePlan,
    /// Occurrences up to this instant exist as livestreams.
    #[ts(type = "number")]
    pub announced_until: i64,
    /// Occurrences from this instant on belong to a later series (the
    /// series was split by an edit of "this and following"), or none.
    #[ts(type = "number | null")]
    pub ends_before: Option<i64>,
}

/// Why a recurrence cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SeriesProblem {
    /// Not a rule the calendar standard reads; the reader's words.
    Invalid {
        /// What the rule reader said.
        detail: String,
    },
    /// More often than daily.
    TooFrequent,
    /// No occurrence from now on.
    NoOccurrences,
}

/// The rule as written after `RRULE:`, upper case, trimmed.
pub fn normalize_rule(rule: &str) -> String {
    let rule = rule.trim();
    let rule = rule.strip_prefix("RRULE:").or_else(|| rule.strip_prefix("rrule:")).unwrap_or(rule);
    rule.trim().to_uppercase()
}

/// The starts (Unix ms) of the occurrences of `rule` from `first_start` in
/// `zone` that fall in `[from, until)`, at most `max` of them.
pub fn occurrences(
    rule: &str,
    first_start: i64,
    zone: &ZoneName,
    from: i64,
    until: i64,
    max: usize,
) -> Result<Vec<i64>, SeriesProblem> {
    let rule = normalize_rule(rule);
    if rule.contains('\n') || rule.contains("DTSTART") {
        return Err(SeriesProblem::Invalid { detail: "one RRULE line, without DTSTART".into() });
    }
    let freq = rule.split(';').find_map(|part| part.strip_prefix("FREQ=")).unwrap_or("");
    if matches!(freq, "HOURLY" | "MINUTELY" | "SECONDLY") {
        return Err(SeriesProblem::TooFrequent);
    }
    let wall = wall_time(first_start, zone);
    let text = format!(
        "DTSTART;TZID={}:{:04}{:02}{:02}T{:02}{:02}{:02}\nRRULE:{rule}",
        zone.as_str(),
        wall.year(),
        wall.month(),
        wall.day(),
        wall.hour(),
        wall.minute(),
        wall.second()
    );
    let set: rrule::RRuleSet =
        text.parse().map_err(|e: rrule::RRuleError| SeriesProblem::Invalid { detail: e.to_string() })?;
    let mut out = Vec::new();
    // Iterated lazily: a rule without an end yields as far as asked.
    for at in set.into_iter() {
        let at = at.timestamp_millis();
        if at >= until || out.len() >= max {
            break;
        }
        if at >= from {
            out.push(at);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::instant_of;

    const DAY: i64 = 86_400_000;

    fn zone(name: &str) -> ZoneName {
        ZoneName::parse(name).unwrap()
    }

    /// Every `interval`-th week from the first's, on the given weekdays
    /// (1 Monday … 7 Sunday), at the first's wall time: found by walking
    /// the days one by one.
    fn brute_weekly(first: i64, z: &ZoneName, interval: i64, days: &[i8], from: i64, until: i64) -> Vec<i64> {
        let start = wall_time(first, z);
        let monday = start
            .date()
            .checked_sub(jiff::Span::new().days(i64::from(start.weekday().to_monday_one_offset()) - 1))
            .unwrap();
        let mut out = Vec::new();
        let mut date = start.date();
        loop {
            let at = instant_of(date.to_datetime(start.time()), z);
            if at >= until {
                break;
            }
            let weeks = (date - monday).get_days() as i64 / 7;
            if weeks % interval == 0
                && days.contains(&date.weekday().to_monday_one_offset())
                && at >= first
                && at >= from
            {
                out.push(at);
            }
            date = date.tomorrow().unwrap();
        }
        out
    }

    #[test]
    fn weekly_rules_match_a_day_by_day_walk_across_clock_changes() {
        for name in ["Asia/Shanghai", "America/New_York", "Europe/Berlin"] {
            let z = zone(name);
            // A Saturday 20:00 in early 2026, walked two years.
            let first = instant_of(jiff::civil::date(2026, 1, 3).at(20, 0, 0, 0), &z);
            let until = first + 730 * DAY;
            for (rule, interval, days) in [
                ("FREQ=WEEKLY;BYDAY=SA", 1, vec![6]),
                ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", 2, vec![6]),
                ("RRULE:freq=weekly;byday=TU,SA", 1, vec![2, 6]),
                ("FREQ=WEEKLY;BYDAY=MO,WE,FR;INTERVAL=3", 3, vec![1, 3, 5]),
            ] {
                let from = first + 100 * DAY;
                let got = occurrences(rule, first, &z, from, until, 10_000).unwrap();
                let want = brute_weekly(first, &z, interval, &days, from, until);
                assert_eq!(got, want, "{name} {rule}");
                assert!(!got.is_empty());
                for at in &got {
                    let wall = wall_time(*at, &z);
                    assert_eq!((wall.hour(), wall.minute()), (20, 0), "{name} {rule}: the wall time holds");
                }
            }
        }
    }

    #[test]
    fn counts_ends_and_caps_are_kept() {
        let z = zone("Asia/Shanghai");
        let first = instant_of(jiff::civil::date(2026, 12, 5).at(20, 0, 0, 0), &z);
        let four = occurrences("FREQ=WEEKLY;COUNT=4", first, &z, first, first + 400 * DAY, 100).unwrap();
        assert_eq!(four, (0..4).map(|i| first + i * 7 * DAY).collect::<Vec<_>>());
        let daily =
            occurrences("FREQ=DAILY", first, &z, first, first + LIVE_SERIES_HORIZON_DAYS * DAY, LIVE_SERIES_AHEAD_MAX)
                .unwrap();
        assert_eq!(daily.len(), 56);
        let capped = occurrences("FREQ=DAILY", first, &z, first, first + 1_000 * DAY, LIVE_SERIES_AHEAD_MAX).unwrap();
        assert_eq!(capped.len(), LIVE_SERIES_AHEAD_MAX);
        let none = occurrences("FREQ=WEEKLY;COUNT=2", first, &z, first + 30 * DAY, first + 60 * DAY, 100).unwrap();
        assert!(none.is_empty());
    }

    #[test]
    fn bad_rules_are_named() {
        let z = zone("Asia/Shanghai");
        assert_eq!(occurrences("FREQ=HOURLY", 0, &z, 0, DAY, 10), Err(SeriesProblem::TooFrequent));
        assert!(matches!(occurrences("FREQ=SOMETIMES", 0, &z, 0, DAY, 10), Err(SeriesProblem::Invalid { .. })));
        assert!(matches!(
            occurrences("DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY", 0, &z, 0, DAY, 10),
            Err(SeriesProblem::Invalid { .. })
        ));
    }
}
