//! Calendar files read back by an iCalendar parser (the `icalendar`
//! crate): every post and livestream comes back with its title and its
//! instants, in UTC and as wall times whose `VTIMEZONE` (written by the
//! studio) is the only thing used to read them, across a zone's switches.

use std::collections::BTreeMap;

use icalendar::parser::{read_calendar, unfold, Component};
use studio_api::{CalendarKind, Lang, NewDraft, Studio};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

/// Days since 1970-01-01 of a date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `20261201T200000` as Unix ms if it were UTC.
fn local_ms(v: &str) -> i64 {
    let n = |a: usize, b: usize| v[a..b].parse::<i64>().unwrap();
    let days = days_from_civil(n(0, 4), n(4, 6), n(6, 8));
    (days * 86_400 + n(9, 11) * 3600 + n(11, 13) * 60 + n(13, 15)) * 1000
}

/// `+0100` as milliseconds.
fn offset_ms(v: &str) -> i64 {
    let sign = if v.starts_with('-') { -1 } else { 1 };
    sign * (v[1..3].parse::<i64>().unwrap() * 3600 + v[3..5].parse::<i64>().unwrap() * 60) * 1000
}

fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a icalendar::parser::Property<'a>> {
    c.properties.iter().find(|p| p.name.as_str() == name)
}

fn unescape(v: &str) -> String {
    v.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
}

/// Each event's UID → (summary, start, end), times read through the file's own VTIMEZONEs.
fn events(text: &str) -> BTreeMap<String, (String, i64, i64)> {
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).expect("the file parses");
    // Each zone's observances: (onset as UTC ms, offset after).
    let mut zones: BTreeMap<String, Vec<(i64, i64)>> = BTreeMap::new();
    for tz in calendar.components.iter().filter(|c| c.name.as_str() == "VTIMEZONE") {
        let id = prop(tz, "TZID").unwrap().val.as_str().to_string();
        let mut observances: Vec<(i64, i64)> = tz
            .components
            .iter()
            .map(|o| {
                let from = offset_ms(prop(o, "TZOFFSETFROM").unwrap().val.as_str());
                let to = offset_ms(prop(o, "TZOFFSETTO").unwrap().val.as_str());
                (local_ms(prop(o, "DTSTART").unwrap().val.as_str()) - from, to)
            })
            .collect();
        observances.sort();
        zones.insert(id, observances);
    }
    let instant = |p: &icalendar::parser::Property| -> i64 {
        let v = p.val.as_str();
        if let Some(utc) = v.strip_suffix('Z') {
            return local_ms(utc);
        }
        let tzid = p.params.iter().find(|x| x.key.as_str() == "TZID").and_then(|x| x.val.as_ref()).unwrap();
        let observances = &zones[tzid.as_str()];
        // The instant whose observance gives this wall time; of two (a
        // fold), the first, as RFC 5545 reads it.
        let local = local_ms(v);
        let in_force = |utc: i64| observances.iter().rev().find(|(onset, _)| *onset <= utc).map(|o| o.1);
        observances
            .iter()
            .map(|(_, offset)| local - offset)
            .filter(|utc| in_force(*utc) == Some(local - utc))
            .min()
            .expect("an observance covers it")
    };
    calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|e| {
            (
                prop(e, "UID").unwrap().val.as_str().to_string(),
                (
                    unescape(prop(e, "SUMMARY").unwrap().val.as_str()),
                    instant(prop(e, "DTSTART").unwrap()),
                    instant(prop(e, "DTEND").unwrap()),
                ),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_post_and_livestream_comes_back_from_the_file_with_its_instants_across_the_zones_switches() {
    let data = tempfile::tempdir().unwrap();
    let studio = Studio::open(data.path(), Lang::ZhCn).await.unwrap();
    let account = studio.list_accounts().await.unwrap().remove(0);
    studio.set_account_time_zone(account.id, "Europe/Berlin".into()).await.unwrap();
    // Berlin's next two switches, from the same database the studio uses.
    let berlin = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let switches: Vec<i64> = berlin
        .following(jiff::Timestamp::from_millisecond(now() + 2 * HOUR).unwrap())
        .take(2)
        .map(|t| t.timestamp().as_millisecond())
        .collect();
    let mut expected: Vec<(String, i64, i64)> = Vec::new();
    for (i, switch) in switches.iter().enumerate() {
        for (j, at) in [switch - 30 * MINUTE, switch + 30 * MINUTE].into_iter().enumerate() {
            let title = format!("换季, 第{i}-{j}篇; 含\\符号");
            let draft =
                studio.create_draft(NewDraft { kind: None, title: title.clone(), body: "正文".into() }).await.unwrap();
            studio.publish_draft(draft.id, None, Some(at)).await.unwrap();
            expected.push((title, at, at));
        }
        // A livestream running across the switch.
        let live = studio.plan_livestream(format!("跨夜直播{i}"), switch - HOUR, Some(180), None).await.unwrap();
        expected.push((format!("直播：{}", live.title), switch - HOUR, switch + 2 * HOUR));
    }
    let items = studio.calendar(now(), now() + 400 * 86_400_000, None).await.unwrap();
    assert_eq!(items.iter().filter(|i| i.kind != CalendarKind::Slot).count(), expected.len());

    for utc in [true, false] {
        let text = studio.calendar_text(None, utc).await.unwrap();
        assert!(text.lines().all(|l| l.len() <= 76), "folded at 75 octets");
        assert_eq!(text.contains("TZID=Europe/Berlin"), !utc);
        if !utc {
            let in_utc = text.lines().filter(|l| l.starts_with("DTSTART:") && l.ends_with('Z')).count();
            assert_eq!(in_utc, 1, "only the second 02:30 of the autumn fold is written in UTC");
        }
        let mut got: Vec<(String, i64, i64)> = events(&text).into_values().collect();
        got.sort_by_key(|e| (e.1, e.0.clone()));
        let mut want = expected.clone();
        want.sort_by_key(|e| (e.1, e.0.clone()));
        assert_eq!(got, want, "utc: {utc}\n{text}");
    }

    // Written to a file, per account.
    let path = data.path().join("日历.ics");
    let n = studio.export_calendar(path.display().to_string(), Some(account.id), false).await.unwrap();
    assert_eq!(n as usize, expected.len());
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(events(&text).len(), expected.len());
    let bad = studio.export_calendar("/nonexistent/dir/a.ics".into(), None, true).await.unwrap_err();
    assert_eq!(bad.code(), "calendar_file_unwritable");
    studio.close().await;
}
