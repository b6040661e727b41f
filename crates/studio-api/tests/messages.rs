//! Messages to followers through the studio, as the CLI drives them:
//! written, refused in words while they cannot go, previewed, sent once to
//! the built-in emulator, and recalled.

mod common;

use std::time::Duration;

use studio_api::{
    CalendarItem, CalendarKind, CalendarStatus, EngineOptions, FixedReason, Lang, MessageFields, MessageKind,
    MessageStatus, MoveWay, RevisionReason, Studio,
};

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

async fn on_calendar(studio: &Studio, id: i64) -> Option<CalendarItem> {
    let items = studio.calendar(now() - 86_400_000, now() + 2 * 86_400_000, None).await.unwrap();
    items.into_iter().find(|i| i.kind == CalendarKind::Message && i.id == id)
}

async fn sync(studio: &Studio) {
    studio.sync_now(Duration::from_secs(30), EngineOptions::default()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_message_is_written_refused_in_words_sent_once_and_recalled() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let cover = studio.import_media_bytes("封面.jpg".into(), common::photo_bytes(1200, 800, 3)).await.unwrap().imported
        [0]
    .hash
    .clone();

    let card =
        MessageFields { kind: MessageKind::ImageText, body: "<p>新品上市</p>".into(), ..MessageFields::default() };
    let draft = studio.create_message(card.clone(), None).await.unwrap();
    assert_eq!(draft.status, MessageStatus::Draft);
    let refused = studio.send_message(draft.id, None).await.unwrap_err().in_lang(Lang::ZhCn);
    assert_eq!(refused.code, "message_invalid");
    assert!(refused.message.contains("标题"), "{}", refused.message);
    let text_preview =
        studio.create_message(MessageFields { body: "文字".into(), ..MessageFields::default() }, None).await.unwrap();
    assert_eq!(
        studio.preview_message(text_preview.id).await.unwrap_err().in_lang(Lang::En).code,
        "message_text_preview"
    );
    assert_eq!(studio.recall_message(draft.id).await.unwrap_err().in_lang(Lang::En).code, "message_not_now");

    let whole = MessageFields {
        title: "秋冬新品".into(),
        summary: "第二杯半价".into(),
        cover: Some(cover),
        previewers: vec![" a@example.com ".into(), "".into()],
        ..card
    };
    let draft = studio.update_message(draft.id, whole).await.unwrap();
    assert_eq!(draft.fields.previewers, ["a@example.com"], "trimmed, empty ones dropped");
    studio.preview_message(draft.id).await.unwrap();
    sync(&studio).await;
    let previewed = studio.list_messages(None).await.unwrap().into_iter().find(|m| m.id == draft.id).unwrap();
    assert_eq!(previewed.status, MessageStatus::Draft);
    assert!(previewed.content_url.as_deref().is_some_and(|u| u.starts_with("https://emulator.invalid/message/")));

    let sending = studio.send_message(draft.id, None).await.unwrap();
    assert_eq!(sending.status, MessageStatus::Sending);
    let again = studio.send_message(draft.id, None).await.unwrap_err().in_lang(Lang::En);
    assert_eq!(again.code, "message_not_now");
    assert!(again.message.contains("on its way"), "{}", again.message);
    sync(&studio).await;
    let sent = studio.list_messages(None).await.unwrap().into_iter().find(|m| m.id == draft.id).unwrap();
    assert_eq!(sent.status, MessageStatus::Sent);
    assert!(sent.message_id.is_some());
    assert_eq!(
        studio.update_message(draft.id, sent.fields.clone()).await.unwrap_err().in_lang(Lang::En).code,
        "message_not_now"
    );

    studio.recall_message(draft.id).await.unwrap();
    sync(&studio).await;
    let recalled = studio.list_messages(None).await.unwrap().into_iter().find(|m| m.id == draft.id).unwrap();
    assert_eq!(recalled.status, MessageStatus::Recalled);

    // Scheduled: it waits in the outbox for its time.
    let later =
        studio.create_message(MessageFields { body: "明天见".into(), ..MessageFields::default() }, None).await.unwrap();
    let past = studio.send_message(later.id, Some(1_000)).await.unwrap_err().in_lang(Lang::En);
    assert_eq!(past.code, "schedule_in_past");
    let at = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64 + 3_600_000;
    assert_eq!(studio.send_message(later.id, Some(at)).await.unwrap().scheduled_at, Some(at));
    sync(&studio).await;
    let waiting = studio.list_messages(None).await.unwrap().into_iter().find(|m| m.id == later.id).unwrap();
    assert_eq!(waiting.status, MessageStatus::Sending, "not before its time");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scheduled_message_is_on_the_calendar_moves_there_until_it_goes_and_then_stays() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let fields =
        MessageFields {
            title: "周末上新".into(), body: "周六上午十点上新".into(), ..MessageFields::default()
        };
    let message = studio.create_message(fields, None).await.unwrap();
    assert_eq!(on_calendar(&studio, message.id).await, None, "a draft has no time");

    let at = now() + 2 * 3_600_000;
    studio.send_message(message.id, Some(at)).await.unwrap();
    let item = on_calendar(&studio, message.id).await.expect("on the calendar at its time");
    assert_eq!(
        (item.starts_at, item.status, item.move_way, item.fixed, item.title.as_str()),
        (at, CalendarStatus::Waiting, MoveWay::Reschedule, None, "周末上新")
    );
    let tray = studio.next_items(5).await.unwrap();
    assert!(tray.iter().any(|n| n.kind == CalendarKind::Message && n.label.contains("群发")), "{tray:?}");
    let ics = studio.calendar_text(None, true).await.unwrap();
    assert!(ics.contains(&format!("UID:message-{}@creator-studio", message.id)), "{ics}");
    assert!(ics.contains("群发：周末上新"), "{ics}");

    // Moved by a drag: the outbox holds it for the new time; the past is refused.
    let later = at + 3_600_000;
    assert_eq!(studio.move_message(message.id, later).await.unwrap().scheduled_at, Some(later));
    assert_eq!(on_calendar(&studio, message.id).await.unwrap().starts_at, later);
    assert_eq!(studio.move_message(message.id, 1_000).await.unwrap_err().in_lang(Lang::En).code, "schedule_in_past");
    sync(&studio).await;
    assert_eq!(studio.list_messages(None).await.unwrap()[0].status, MessageStatus::Sending, "not before its new time");

    // Moved to a moment away, it goes then, once, and stays where it went.
    let soon = now() + 1_500;
    studio.move_message(message.id, soon).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1_600)).await;
    sync(&studio).await;
    let sent = studio.list_messages(None).await.unwrap().into_iter().find(|m| m.id == message.id).unwrap();
    assert_eq!(sent.status, MessageStatus::Sent);
    let item = on_calendar(&studio, message.id).await.unwrap();
    assert_eq!(
        (item.starts_at, item.status, item.fixed),
        (soon, CalendarStatus::Published, Some(FixedReason::Published))
    );
    let refused = studio.move_message(message.id, later).await.unwrap_err().in_lang(Lang::En);
    assert_eq!(refused.code, "calendar_not_movable", "{}", refused.message);

    // One sent at once shows when it went out.
    let now_one =
        studio.create_message(MessageFields { body: "马上发".into(), ..MessageFields::default() }, None).await.unwrap();
    let before = now();
    studio.send_message(now_one.id, None).await.unwrap();
    sync(&studio).await;
    let item = on_calendar(&studio, now_one.id).await.unwrap();
    assert!(item.starts_at >= before && item.starts_at <= now(), "{item:?}");
    assert_eq!((item.status, item.title.as_str()), (CalendarStatus::Published, "马上发"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_messages_history_keeps_what_it_said_and_brings_an_older_text_back() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let text = |body: &str| MessageFields { body: body.into(), ..MessageFields::default() };
    let message = studio.create_message(text("周末上新"), None).await.unwrap();
    studio.update_message(message.id, text("周末上新：外套")).await.unwrap();
    studio.update_message(message.id, text("周末上新：外套八折")).await.unwrap();
    studio.update_message(message.id, text("周末上新：外套八折")).await.unwrap();
    let history = studio.message_revisions(message.id).await.unwrap();
    let seen: Vec<(RevisionReason, &str)> = history.iter().map(|r| (r.reason, r.fields.body.as_str())).collect();
    assert_eq!(
        seen,
        [(RevisionReason::Edit, "周末上新：外套八折"), (RevisionReason::Create, "周末上新")],
        "typing close together is one revision; a save that changed nothing records nothing"
    );

    let first = history.last().unwrap().id;
    let restored = studio.restore_message_revision(message.id, first).await.unwrap();
    assert_eq!((restored.fields.body.as_str(), restored.status), ("周末上新", MessageStatus::Draft));
    let history = studio.message_revisions(message.id).await.unwrap();
    assert_eq!((history[0].reason, history.len()), (RevisionReason::Restore, 3), "restoring adds, never rewrites");

    let other = studio.create_message(text("明天店休"), None).await.unwrap();
    let foreign = studio.message_revisions(other.id).await.unwrap()[0].id;
    assert_eq!(
        studio.restore_message_revision(message.id, foreign).await.unwrap_err().in_lang(Lang::En).code,
        "revision_not_found"
    );

    // Sent or scheduled, it is marked in the history, and no longer rewritten.
    let at = now() + 3_600_000;
    studio.send_message(message.id, Some(at)).await.unwrap();
    let history = studio.message_revisions(message.id).await.unwrap();
    assert_eq!((history[0].reason, history[0].fields.body.as_str()), (RevisionReason::Schedule, "周末上新"));
    let refused = studio.restore_message_revision(message.id, history[1].id).await.unwrap_err().in_lang(Lang::En);
    assert_eq!(refused.code, "message_not_now");
    assert_eq!(studio.message_revisions(other.id).await.unwrap().len(), 1);
}
