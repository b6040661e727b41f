//! Calendar files (RFC 5545 iCalendar), for the calendar apps people
//! already use: one `VEVENT` per post or livestream, times in UTC or as
//! wall times with a `TZID` whose `VTIMEZONE` is written from the same
//! zone database the studio computes with.

use std::collections::BTreeMap;
use std::fmt::Write;

use jiff::Timestamp;

use crate::time::{instant_of, wall_time, ZoneName};

/// One event of a calendar file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    /// Stable across exports, so a calendar app updates rather than duplicates.
    pub uid: String,
    /// Its title.
    pub summary: String,
    /// More words (the account, where it stands).
    pub description: String,
    /// Unix ms.
    pub starts_at: i64,
    /// Unix ms; equal to the start for a post.
    pub ends_at: i64,
    /// The zone its wall times are written in (with [`IcsTimes::Zoned`]).
    pub zone: ZoneName,
    /// Withdrawn livestreams and refused posts are written as cancelled.
    pub cancelled: bool,
}

/// How times are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcsTimes {
    /// `DTSTART:20261201T120000Z`.
    Utc,
    /// `DTSTART;TZID=Asia/Shanghai:20261201T200000`, with a `VTIMEZONE`
    /// for each zone used.
    Zoned,
}

/// The product that wrote the file.
const PRODID: &str = "-//Creator Studio//Calendar//ZH";

/// A calendar file of `events`, stamped `stamp` (Unix ms), lines ending
/// CRLF and folded at 75 octets as RFC 5545 asks.
pub fn calendar_file(events: &[IcsEvent], times: IcsTimes, stamp: i64) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    if times == IcsTimes::Zoned {
        let mut zones: BTreeMap<&str, (&ZoneName, i64, i64)> = BTreeMap::new();
        for e in events {
            let span = zones.entry(e.zone.as_str()).or_insert((&e.zone, e.starts_at, e.ends_at));
            span.1 = span.1.min(e.starts_at);
            span.2 = span.2.max(e.ends_at);
        }
        for (zone, from, to) in zones.values() {
            lines.extend(vtimezone(zone, *from, *to));
        }
    }
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", text(&e.uid)));
        lines.push(format!("DTSTAMP:{}", utc(stamp)));
        lines.push(time_property("DTSTART", e.starts_at, &e.zone, times));
        lines.push(time_property("DTEND", e.ends_at.max(e.starts_at), &e.zone, times));
        lines.push(format!("SUMMARY:{}", text(&e.summary)));
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", text(&e.description)));
        }
        lines.push(format!("STATUS:{}", if e.cancelled { "CANCELLED" } else { "CONFIRMED" }));
        lines.push("TRANSP:TRANSPARENT".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

fn time_property(name: &str, at: i64, zone: &ZoneName, times: IcsTimes) -> String {
    // A wall time that happens twice reads as its first occurrence (RFC
    // 5545 §3.3.5): the second one can only be written in UTC.
    let second_of_fold = instant_of(wall_time(at, zone), zone) != at - at.rem_euclid(1000);
    match times {
        IcsTimes::Zoned if !second_of_fold => format!("{name};TZID={}:{}", zone.as_str(), local(at, zone)),
        _ => format!("{name}:{}", utc(at)),
    }
}

/// `20261201T120000Z`.
fn utc(at: i64) -> String {
    local(at, &ZoneName::parse("UTC").expect("UTC is in every database")) + "Z"
}

/// The wall time at `at` in `zone`, `20261201T200000`.
fn local(at: i64, zone: &ZoneName) -> String {
    let t = wall_time(at, zone);
    format!("{:04}{:02}{:02}T{:02}{:02}{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second())
}

/// `+0800`, `-0330`.
fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    if s.is_multiple_of(60) {
        format!("{sign}{:02}{:02}", s / 3600, s / 60 % 60)
    } else {
        format!("{sign}{:02}{:02}{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

/// `base` shifted by `seconds` and written as a wall time, `20261201T200000`.
fn shifted(at: i64, seconds: i32) -> String {
    let utc_zone = ZoneName::parse("UTC").expect("UTC is in every database");
    local(at + i64::from(seconds) * 1000, &utc_zone)
}

/// The `VTIMEZONE` of `zone` covering `from`..`to`: the observance in force
/// at `from`, then one per transition up to `to`, each starting at its
/// wall time in the offset before it (RFC 5545 §3.6.5).
fn vtimezone(zone: &ZoneName, from: i64, to: i64) -> Vec<String> {
    let tz = zone.zone();
    let start = Timestamp::from_millisecond(from).unwrap_or(Timestamp::UNIX_EPOCH);
    let first = tz.to_offset_info(start);
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", zone.as_str())];
    let observance = |lines: &mut Vec<String>, dst: bool, onset: String, from: i32, to: i32, name: &str| {
        let part = if dst { "DAYLIGHT" } else { "STANDARD" };
        lines.push(format!("BEGIN:{part}"));
        lines.push(format!("DTSTART:{onset}"));
        lines.push(format!("TZOFFSETFROM:{}", offset(from)));
        lines.push(format!("TZOFFSETTO:{}", offset(to)));
        if !name.is_empty() {
            lines.push(format!("TZNAME:{}", text(name)));
        }
        lines.push(format!("END:{part}"));
    };
    let in_force = first.offset().seconds();
    // The first observance starts a day before the first event, in its own offset.
    observance(
        &mut lines,
        first.dst().is_dst(),
        shifted(from - 86_400_000, in_force),
        in_force,
        in_force,
        first.abbreviation(),
    );
    let mut before = in_force;
    for t in tz.following(start) {
        let at = t.timestamp().as_millisecond();
        if at > to {
            break;
        }
        let after = t.offset().seconds();
        observance(&mut lines, t.dst().is_dst(), shifted(at, before), before, after, t.abbreviation());
        before = after;
    }
    lines.push("END:VTIMEZONE".into());
    lines
}

/// A TEXT value escaped (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `line` folded at 75 octets, never inside a character, each
/// continuation starting with a space, every line ending CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_chinese_lines_fold_between_characters_within_75_octets() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "秋冬新品直播".repeat(10)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), format!("SUMMARY:{}", "秋冬新品直播".repeat(10)));
    }

    #[test]
    fn text_is_escaped_and_offsets_are_signed() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(offset(8 * 3600), "+0800");
        assert_eq!(offset(-(3 * 3600 + 30 * 60)), "-0330");
    }
}
