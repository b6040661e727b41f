//! The calendar against the built-in emulator on loopback: every kind of
//! move goes through the outbox and the platform's copy follows; the
//! queue fills its slots in order; a publish beyond the platform's reach
//! waits in the outbox; reminders come once, and those missed while the
//! app was closed are listed once.

use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::SqlitePoolOptions;
use studio_api::{
    CalendarKind, CalendarStatus, EngineOptions, FixedReason, Lang, LivestreamStatus, MoveWay, NewDraft, NewQueueSlot,
    PublicationStatus, SettingsPatch, Studio, ZoneName,
};
use studio_core::time::format_wall;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

async fn sync(studio: &Studio) {
    studio.sync_now(Duration::from_secs(30), EngineOptions::default()).await.unwrap();
}

async fn draft(studio: &Studio, title: &str) -> i64 {
    studio.create_draft(NewDraft { kind: None, title: title.into(), body: format!("{title}的正文") }).await.unwrap().id
}

/// What the emulator holds: each content's title, its `source_publish_date` and whether deleted.
async fn platform_contents(data: &Path) -> Vec<(String, Option<String>, bool)> {
    let rows: Vec<(String, String, bool)> =
        emulator(data, "SELECT title, request, deleted FROM contents ORDER BY seq").await;
    rows.into_iter()
        .map(|(title, request, deleted)| {
            let request: serde_json::Value = serde_json::from_str(&request).unwrap();
            (title, request["source_publish_date"].as_str().map(str::to_string), deleted)
        })
        .collect()
}

async fn emulator<T>(data: &Path, sql: &str) -> Vec<T>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
{
    let url = format!("sqlite://{}?mode=ro", data.join("emulator/emulator.sqlite3").display());
    let pool = SqlitePoolOptions::new().max_connections(1).connect(&url).await.unwrap();
    let rows = sqlx::query_as(sql).fetch_all(&pool).await.unwrap();
    pool.close().await;
    rows
}

/// `at` as the platform writes it: Beijing time.
fn beijing(at: i64) -> String {
    format_wall(at, &ZoneName::parse("Asia/Shanghai").unwrap()) + ":00"
}

/// A whole minute `offset` from now, as the calendar drops items on.
fn minute_from_now(offset: i64) -> i64 {
    (now() + offset) / MINUTE * MINUTE
}

#[tokio::test(flavor = "multi_thread")]
async fn a_post_not_yet_sent_moves_in_the_outbox_and_the_platform_gets_the_new_time() {
    let data = tempfile::tempdir().unwrap();
    let studio = Studio::open(data.path(), Lang::ZhCn).await.unwrap();
    let account = studio.list_accounts().await.unwrap()[0].id;
    let id = draft(&studio, "周五上新").await;
    let first = minute_from_now(2 * DAY);
    studio.publish_draft(id, None, Some(first)).await.unwrap();
    let items = studio.calendar(first - HOUR, first + HOUR, None).await.unwrap();
    let item = items.iter().find(|i| i.kind == CalendarKind::Post).unwrap();
    assert_eq!((item.status, item.move_way), (CalendarStatus::Waiting, MoveWay::Reschedule));

    let second = minute_from_now(3 * DAY + 2 * HOUR);
    let moved = studio.move_post(id, account, second, false).await.unwrap();
    assert_eq!((moved.from, moved.to, moved.republished), (first, second, false));
    assert_eq!(studio.list_publications(None).await.unwrap()[0].scheduled_at, Some(second));
    sync(&studio).await;
    assert_eq!(platform_contents(data.path()).await, [("周五上新".to_string(), Some(beijing(second)), false)]);
    studio.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_post_the_platform_holds_moves_only_by_republishing_once_confirmed_and_undo_goes_the_same_way() {
    let data = tempfile::tempdir().unwrap();
    let studio = Studio::open(data.path(), Lang::En).await.unwrap();
    studio.update_settings(SettingsPatch { language: Some(Lang::En), ..Default::default() }).await.unwrap();
    let account = studio.list_accounts().await.unwrap()[0].id;
    let id = draft(&studio, "Weekend special").await;
    let first = minute_from_now(DAY);
    studio.publish_draft(id, None, Some(first)).await.unwrap();
    sync(&studio).await;
    let held = studio.calendar(first, first + 1, None).await.unwrap();
    assert_eq!((held[0].status, held[0].move_way), (CalendarStatus::UnderReview, MoveWay::Republish));

    let second = minute_from_now(2 * DAY);
    let asked = studio.move_post(id, account, second, false).await.unwrap_err().in_lang(Lang::En);
    assert_eq!(asked.code, "move_needs_republish");
    assert!(asked.message.contains("deletes the post there"), "{}", asked.message);
    let moved = studio.move_post(id, account, second, true).await.unwrap();
    assert!(moved.republished);
    sync(&studio).await;
    let contents = platform_contents(data.path()).await;
    assert_eq!(
        contents,
        [
            ("Weekend special".to_string(), Some(beijing(first)), true),
            ("Weekend special".to_string(), Some(beijing(second)), false)
        ]
    );
    // Undo puts it back the same way: deleted there, published at the old time.
    studio.move_post(id, account, moved.from, true).await.unwrap();
    sync(&studio).await;
    let contents = platform_contents(data.path()).await;
    assert_eq!(contents.iter().filter(|c| !c.2).map(|c| c.1.clone()).collect::<Vec<_>>(), [Some(beijing(first))]);
    studio.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn published_past_and_too_soon_moves_are_refused_in_words() {
    let data = tempfile::tempdir().unwrap();
    let studio = Studio::open(data.path(), Lang::ZhCn).await.unwrap();
    let account = studio.list_accounts().await.unwrap()[0].id;
    let id = draft(&studio, "已经发出").await;
    studio.publish_draft(id, None, None).await.unwrap();
    sync(&studio).await;
    let deadline = now() + 20_000;
    loop {
        sync(&studio).await;
        let p = studio.list_publications(None).await.unwrap();
        if p[0].status == PublicationStatus::Published {
            break;
        }
        assert!(now() < deadline, "the emulator publishes within its review delay");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let items = studio.calendar(now() - HOUR, now() + HOUR, None).await.unwrap();
    let post = items.iter().find(|i| i.kind == CalendarKind::Post).unwrap();
    assert_eq!((post.move_way, post.fixed), (MoveWay::Fixed, Some(FixedReason::Published)));
    let refused = studio.move_post(id, account, minute_from_now(DAY), true).await.unwrap_err().in_lang(Lang::ZhCn);
    assert_eq!(refused.code, "calendar_not_movable");
    assert!(refused.message.contains("已发布"), "{}", refused.message);

    let later = draft(&studio, "明天的").await;
    studio.publish_draft(later, None, Some(minute_from_now(DAY))).await.unwrap();
    let past = studio.move_post(later, account, now() - MINUTE, false).await.unwrap_err().in_lang(Lang::ZhCn);
    assert_eq!(past.code, "schedule_in_past");
    let soon = studio.move_post(later, account, now() + 5 * MINUTE, false).await.unwrap_err().in_lang(Lang::ZhCn);
    assert_eq!(soon.code, "schedule_too_soon");
    assert!(soon.message.contains("15 分钟"), "{}", soon.message);
    let soon = studio.publish_draft(draft(&studio, "马上").await, None, Some(now() + 10 * MINUTE)).await.unwrap_err();
    assert_eq!(soon.code(), "schedule_too_soon", "publishing asks the same");
    studio.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_moved_livestream_carries_its_new_time_to_the_platforms_announcement() {
    let data = tempfile::tempdir().unwrap();
    let studio = Studio::open(data.path(), Lang::ZhCn).await.unwrap();
    let first = minute_from_now(DAY);
    let live = studio.plan_livestream("秋冬新品直播".into(), first, Some(90), None).await.unwrap();
    sync(&studio).await;
    let items = studio.calendar(first, first + 1, None).await.unwrap();
    assert_eq!((items[0].ends_at - items[0].starts_at, items[0].move_way), (90 * MINUTE, MoveWay::ChangeLivestream));

    let second = minute_from_now(2 * DAY + 3 * HOUR);
    let moved = studio.move_livestream(live.id, second).await.unwrap();
    assert_eq!((moved.status, moved.starts_at, moved.minutes), (LivestreamStatus::Changing, second, 90));
    sync(&studio).await;
    let advances: Vec<(String, String)> = emulator(data.path(), "SELECT title, advance_time FROM advances").await;
    assert_eq!(advances, [("秋冬新品直播".to_string(), beijing(second))]);
    assert_eq!(studio.list_livestreams(None).await.unwrap()[0].status, LivestreamStatus::Announced);
    studio.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_post_scheduled_beyond_seven_days_waits_in_the_outbox_until_the_platform_takes_it() {
    let data = tempfile::tempdir().unwrap();
    let studio = Studio::open(data.path(), Lang::ZhCn).await.unwrap();
    let id = draft(&studio, "十天后").await;
    let at = minute_from_now(10 * DAY);
    let answer = studio.publish_draft(id, None, Some(at)).await.unwrap();
    assert_eq!(answer.job.next_try_at, at - 7 * DAY + HOUR, "sent an hour inside the platform's seven days");
    sync(&studio).await;
    assert!(platform_contents(data.path()).await.is_empty(), "nothing sent yet");
    let items = studio.calendar(at, at + 1, None).await.unwrap();
    assert_eq!((items[0].status, items[0].move_way), (CalendarStatus::Waiting, MoveWay::Reschedule));
    studio.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn adding_to_the_queue_fills_the_next_free_slots_and_a_removed_slot_leaves_its_post() {
    let data = tempfile::tempdir().unwrap();
    let studio = Studio::open(data.path(), Lang::ZhCn).await.unwrap();
    let account = studio.list_accounts().await.unwrap().remove(0);
    assert_eq!(account.time_zone.as_str(), "Asia/Shanghai");
    let none = studio.add_to_queue(draft(&studio, "无处可排").await, None).await.unwrap_err().in_lang(Lang::ZhCn);
    assert_eq!(none.code, "queue_without_slots");
    // Every day at 12:00 and 20:00, Shanghai time.
    let every_day: Vec<NewQueueSlot> =
        (1..=7).flat_map(|d| [12 * 60, 20 * 60].map(|minute| NewQueueSlot { weekday: d, minute })).collect();
    let slots = studio.add_queue_slots(None, every_day).await.unwrap();
    assert_eq!(slots.len(), 14);
    assert_eq!(
        studio.add_queue_slots(None, vec![NewQueueSlot { weekday: 8, minute: 0 }]).await.unwrap_err().code(),
        "queue_slot_invalid"
    );

    let queue = studio.list_queue(None).await.unwrap();
    let (a, b, c) = (draft(&studio, "第一篇").await, draft(&studio, "第二篇").await, draft(&studio, "第三篇").await);
    let first = studio.add_to_queue(a, None).await.unwrap().publication.scheduled_at.unwrap();
    let second = studio.add_to_queue(b, None).await.unwrap().publication.scheduled_at.unwrap();
    assert_eq!([first, second], [queue[0].at, queue[1].at], "the next two free slots, in order");
    assert!(first >= now() + 15 * MINUTE, "never sooner than the platform takes");

    let filled = studio.list_queue(None).await.unwrap();
    assert_eq!(filled[0].post.as_ref().map(|p| p.id), Some(a));
    assert_eq!(filled[1].post.as_ref().map(|p| p.id), Some(b));
    assert!(filled[2].post.is_none());
    // Dragging within the queue swaps times.
    studio.swap_queued_posts(account.id, a, b, false).await.unwrap();
    let swapped = studio.list_queue(None).await.unwrap();
    assert_eq!([swapped[0].post.as_ref().unwrap().id, swapped[1].post.as_ref().unwrap().id], [b, a]);

    // The slot of the first post is removed: the post stays at its time,
    // and the next post goes to the next free slot after the two taken.
    studio.remove_queue_slot(queue[0].slot.id).await.unwrap();
    let p = studio.list_publications(None).await.unwrap();
    assert_eq!(p.iter().find(|p| p.draft_id == b).unwrap().scheduled_at, Some(first));
    let third = studio.add_to_queue(c, None).await.unwrap().publication.scheduled_at.unwrap();
    assert_eq!(third, queue[2].at);
    studio.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_account_zone_is_set_in_words_and_slots_follow_it() {
    let data = tempfile::tempdir().unwrap();
    let studio = Studio::open(data.path(), Lang::ZhCn).await.unwrap();
    let account = studio.list_accounts().await.unwrap()[0].id;
    let bad = studio.set_account_time_zone(account, "Mars/Olympus".into()).await.unwrap_err().in_lang(Lang::En);
    assert_eq!(bad.code, "time_zone_unknown");
    assert!(bad.message.contains("Mars/Olympus"));
    let berlin = studio.set_account_time_zone(account, "Europe/Berlin".into()).await.unwrap();
    assert_eq!(berlin.time_zone.as_str(), "Europe/Berlin");
    studio.add_queue_slots(None, (1..=7).map(|d| NewQueueSlot { weekday: d, minute: 9 * 60 }).collect()).await.unwrap();
    let queue = studio.list_queue(None).await.unwrap();
    assert!(queue.iter().all(|e| e.account_time.ends_with(" 09:00")), "{queue:?}");
    let items = studio.calendar(now(), now() + 7 * DAY, None).await.unwrap();
    let slots: Vec<_> = items.iter().filter(|i| i.kind == CalendarKind::Slot).collect();
    assert_eq!(slots.len(), 7);
    assert!(slots.iter().all(|s| s.status == CalendarStatus::Free && s.account_zone.as_str() == "Europe/Berlin"));
    studio.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reminder_comes_once_at_its_time_and_the_tray_lists_the_next_three() {
    let data = tempfile::tempdir().unwrap();
    let studio = Studio::open(data.path(), Lang::ZhCn).await.unwrap();
    let mut clock = studio.reminder_clock().await.unwrap();
    assert!(studio.missed_reminders().await.unwrap().is_empty(), "a new library has missed nothing");
    let soon = minute_from_now(20 * MINUTE);
    studio.plan_livestream("二十分钟后开播".into(), soon, None, None).await.unwrap();
    for (i, days) in [1, 2, 3].into_iter().enumerate() {
        let id = draft(&studio, &format!("第{i}篇")).await;
        studio.publish_draft(id, None, Some(minute_from_now(days * DAY))).await.unwrap();
    }
    let news = clock.look(now()).await.unwrap();
    assert!(news.due.is_empty(), "its 30-minute reminder fell before it was planned: {:?}", news.due);
    assert_eq!(news.next.len(), 3);
    assert_eq!(news.next[0].kind, CalendarKind::Livestream);
    assert!(news.next[0].label.contains("二十分钟后开播"), "{}", news.next[0].label);
    // Five minutes before it (the clock takes the time as given):
    let at = soon - 5 * MINUTE + 1_000;
    let news = clock.look(at).await.unwrap();
    assert_eq!(news.due.iter().map(|r| (r.minutes_before, r.missed)).collect::<Vec<_>>(), [(5, false)]);
    assert_eq!(news.notices[0].title, "直播提醒");
    assert!(news.notices[0].body.contains("5 分钟后开播"), "{}", news.notices[0].body);
    assert!(clock.look(at + 1_000).await.unwrap().due.is_empty(), "a reminder comes once");
    studio.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn reminders_that_fell_due_while_the_app_was_closed_are_listed_once_on_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let studio = Studio::open(data.path(), Lang::En).await.unwrap();
    let _clock = studio.reminder_clock().await.unwrap();
    let soon = minute_from_now(20 * MINUTE);
    studio.plan_livestream("Closing sale".into(), soon, None, None).await.unwrap();
    studio.close().await;
    drop(studio);
    // The app last looked an hour ago, then was closed: the livestream's
    // 30-minute reminder fell due while it was.
    let store = studio_store::Store::open(data.path()).await.unwrap();
    store.set_reminders_checked_at(now() - HOUR).await.unwrap();
    store.close().await;

    let studio = Studio::open(data.path(), Lang::En).await.unwrap();
    let _clock = studio.reminder_clock().await.unwrap();
    let missed = studio.missed_reminders().await.unwrap();
    assert_eq!(
        missed.iter().map(|r| (r.title.as_str(), r.minutes_before, r.missed)).collect::<Vec<_>>(),
        [("Closing sale", 30, true)]
    );
    assert!(studio.missed_reminders().await.unwrap().is_empty(), "listed once");
    studio.close().await;
}
