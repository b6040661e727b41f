//! Repeating livestreams against the built-in emulator: each occurrence is
//! its own announcement; editing one, this and following, or all, and
//! skipping one leave the platform holding exactly the announcements the
//! library expects (none duplicated, none left behind); later occurrences
//! are announced as the horizon moves.

use std::collections::BTreeMap;
use std::time::Duration;

use studio_api::{EngineOptions, Lang, LivestreamStatus, SeriesScope, Studio, ZoneName};
use studio_core::series::occurrences;

const DAY: i64 = 86_400_000;
const WEEK: i64 = 7 * DAY;

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

async fn sync(studio: &Studio) {
    studio.sync_now(Duration::from_secs(30), EngineOptions::default()).await.unwrap();
}

/// The platform's live announcements: advance id → (title, Beijing time).
async fn on_platform(dir: &std::path::Path) -> BTreeMap<String, (String, String)> {
    let db = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new().filename(dir.join("emulator").join("emulator.sqlite3")),
    )
    .await
    .unwrap();
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT advance_id, title, advance_time FROM advances WHERE deleted = 0")
            .fetch_all(&db)
            .await
            .unwrap();
    db.close().await;
    rows.into_iter().map(|(id, title, at)| (id, (title, at))).collect()
}

/// What the library expects there: every livestream not withdrawn.
async fn expected(studio: &Studio) -> BTreeMap<String, (String, String)> {
    let beijing = |ms: i64| alipay_open::time::format(chrono::DateTime::from_timestamp_millis(ms).unwrap());
    studio
        .list_livestreams(None)
        .await
        .unwrap()
        .into_iter()
        .filter(|l| l.status != LivestreamStatus::Withdrawn)
        .map(|l| (l.advance_id.clone().expect("announced"), (l.title, beijing(l.starts_at))))
        .collect()
}

async fn platform_matches(studio: &Studio, dir: &std::path::Path) {
    sync(studio).await;
    let lives = studio.list_livestreams(None).await.unwrap();
    assert!(
        lives.iter().all(|l| matches!(l.status, LivestreamStatus::Announced | LivestreamStatus::Withdrawn)),
        "{:?}",
        lives.iter().map(|l| l.status).collect::<Vec<_>>()
    );
    assert_eq!(on_platform(dir).await, expected(studio).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_weekly_series_edited_one_following_and_all_leaves_the_platform_exactly_as_planned() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let zone = ZoneName::default();
    // Next week's Saturday 20:00, Beijing time.
    let t = now();
    let first = occurrences("FREQ=WEEKLY;BYDAY=SA", t - 14 * DAY, &zone, t + 7 * DAY, t + 14 * DAY, 1).unwrap()[0];
    let first = first - first % 60_000;
    let planned = studio
        .plan_live_series("周六秋冬新品".into(), first, "FREQ=WEEKLY;BYDAY=SA".into(), Some(90), None)
        .await
        .unwrap();
    // Eight weeks ahead are announced, each its own announcement.
    let want = occurrences("FREQ=WEEKLY;BYDAY=SA", first, &zone, t, t + 56 * DAY, 60).unwrap();
    let starts: Vec<i64> = planned.occurrences.iter().map(|o| o.starts_at).collect();
    assert_eq!(starts, want);
    assert!(want.len() >= 7);
    let ids: Vec<i64> = planned.occurrences.iter().map(|o| o.id).collect();
    assert_eq!(studio.extend_live_series(t).await.unwrap(), 0, "nothing more within the horizon");
    platform_matches(&studio, dir.path()).await;
    assert_eq!(on_platform(dir.path()).await.len(), want.len());

    // One occurrence moved an hour later on its own.
    studio
        .edit_live_series(ids[1], SeriesScope::One, "周六秋冬新品".into(), starts[1] + 3_600_000, None)
        .await
        .unwrap();
    // One skipped.
    studio.withdraw_livestream(ids[3]).await.unwrap();
    platform_matches(&studio, dir.path()).await;

    // This and following, from the third: a new title, half an hour later.
    studio
        .edit_live_series(ids[2], SeriesScope::Following, "周六晚场".into(), starts[2] + 1_800_000, None)
        .await
        .unwrap();
    platform_matches(&studio, dir.path()).await;
    let after = studio.list_livestreams(None).await.unwrap();
    let by_id = |id: i64| after.iter().find(|l| l.id == id).unwrap().clone();
    assert_eq!((by_id(ids[0]).title.as_str(), by_id(ids[0]).starts_at), ("周六秋冬新品", starts[0]));
    assert_eq!(by_id(ids[1]).starts_at, starts[1] + 3_600_000, "changed on its own: left as it is");
    assert_eq!((by_id(ids[2]).title.as_str(), by_id(ids[2]).starts_at), ("周六晚场", starts[2] + 1_800_000));
    assert_eq!(by_id(ids[3]).status, LivestreamStatus::Withdrawn, "skipped stays skipped");
    assert_eq!((by_id(ids[4]).title.as_str(), by_id(ids[4]).starts_at), ("周六晚场", starts[4] + 1_800_000));

    // All not yet started, to every other Sunday: the old ones from there
    // are withdrawn and the new rule's announced.
    let sunday = starts[2] + 1_800_000 + DAY;
    let edited = studio
        .edit_live_series(
            ids[2],
            SeriesScope::All,
            "周日双周场".into(),
            sunday,
            Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU".into()),
        )
        .await
        .unwrap();
    assert_eq!(edited.status, LivestreamStatus::Withdrawing, "the old occurrence itself goes");
    platform_matches(&studio, dir.path()).await;
    let shown = studio.list_livestreams(None).await.unwrap();
    let sundays: Vec<i64> = {
        let mut s: Vec<i64> = shown
            .iter()
            .filter(|l| l.title == "周日双周场" && l.status == LivestreamStatus::Announced)
            .map(|l| l.starts_at)
            .collect();
        s.sort();
        s
    };
    assert_eq!(sundays, occurrences("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", sunday, &zone, t, t + 56 * DAY, 60).unwrap());
    assert!(sundays.windows(2).all(|w| w[1] - w[0] == 2 * WEEK));

    // Time passes: ten weeks on, the horizon has moved and the next
    // occurrences are planned, each once.
    let later = t + 10 * WEEK;
    let made = studio.extend_live_series(later).await.unwrap();
    assert!(made >= 2, "{made}");
    assert_eq!(studio.extend_live_series(later).await.unwrap(), 0, "never made twice");
    platform_matches(&studio, dir.path()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rule_with_no_occurrence_or_too_often_is_refused_and_nothing_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::En).await.unwrap();
    let start = now() + DAY;
    let start = start - start % 60_000;
    for (rule, code) in [
        ("FREQ=HOURLY", "live_series_too_frequent"),
        ("FREQ=SOMETIMES", "live_series_invalid"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "live_series_empty"),
    ] {
        let e = studio
            .plan_live_series("Weekly".into(), start, rule.into(), None, None)
            .await
            .unwrap_err()
            .in_lang(Lang::En);
        assert_eq!(e.code, code, "{rule}: {}", e.message);
        assert!(!e.message.is_empty());
    }
    let past =
        studio.plan_live_series("Weekly".into(), now() - DAY, "FREQ=WEEKLY".into(), None, None).await.unwrap_err();
    assert_eq!(past.in_lang(Lang::En).code, "live_in_past");
    assert!(studio.list_live_series(None).await.unwrap().is_empty());
    assert!(studio.list_livestreams(None).await.unwrap().is_empty());

    // A daily rule fills the horizon, 56 days, not more.
    let daily = studio.plan_live_series("Daily".into(), start, "FREQ=DAILY".into(), Some(60), None).await.unwrap();
    assert_eq!(daily.occurrences.len(), 56);
    // Overlaps of one account are named before saving.
    let overlaps = studio.livestream_overlaps(None, start + 30 * 60_000, 60, None).await.unwrap();
    assert_eq!(overlaps.iter().map(|l| l.starts_at).collect::<Vec<_>>(), [start]);
    assert!(studio.livestream_overlaps(None, start + 60 * 60_000, 60, None).await.unwrap().is_empty());
}
