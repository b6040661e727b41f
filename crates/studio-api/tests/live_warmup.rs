//! A livestream's warm-up post: written from the livestream (title, time,
//! cover, first offer), scheduled its lead before the start on the
//! emulator, and moved with the livestream; a lead the platform cannot
//! take is refused before anything is made.

mod common;

use std::time::Duration;

use studio_api::{EngineOptions, Lang, LivePlan, LiveProduct, MediumRole, Offer, OfferKind, PublicationStatus, Studio};

const HOUR: i64 = 3_600_000;

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

async fn sync(studio: &Studio) {
    studio.sync_now(Duration::from_secs(30), EngineOptions::default()).await.unwrap();
}

/// The emulator's contents: (title, scheduled publish date, deleted).
async fn contents(dir: &std::path::Path) -> Vec<(String, Option<String>, bool)> {
    let db = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new().filename(dir.join("emulator").join("emulator.sqlite3")),
    )
    .await
    .unwrap();
    let rows: Vec<(String, String, bool)> =
        sqlx::query_as("SELECT title, request, deleted FROM contents ORDER BY seq").fetch_all(&db).await.unwrap();
    db.close().await;
    rows.into_iter()
        .map(|(title, request, deleted)| {
            let request: serde_json::Value = serde_json::from_str(&request).unwrap();
            (title, request["source_publish_date"].as_str().map(String::from), deleted)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_warm_up_post_is_written_from_the_livestream_and_follows_it_when_it_moves() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let start = now() + 48 * HOUR;
    let start = start - start % 60_000;
    let live = studio.plan_livestream("秋冬新品".into(), start, Some(90), None).await.unwrap();
    let cover = studio.import_media_bytes("封面.jpg".into(), common::photo_bytes(900, 1200, 3)).await.unwrap();
    let plan = LivePlan {
        description: "羊毛大衣第一场".into(),
        cover: Some(cover.imported[0].hash.clone()),
        products: vec![LiveProduct {
            offer: Offer { kind: OfferKind::Voucher, id: "V100".into(), label: "大衣券".into() },
            note: String::new(),
            price: "¥599".into(),
        }],
        ..LivePlan::default()
    };
    studio.save_livestream_plan(live.id, 90, plan).await.unwrap();

    // A lead the platform cannot take: refused, nothing made.
    let drafts_before = studio.list_drafts().await.unwrap().len();
    let late = studio.write_warmup_post(live.id, 48 * 60).await.unwrap_err().in_lang(Lang::ZhCn);
    assert!(matches!(late.code.as_str(), "schedule_in_past" | "schedule_too_soon"), "{}", late.code);
    assert_eq!(studio.list_drafts().await.unwrap().len(), drafts_before);

    let draft = studio.write_warmup_post(live.id, 3 * 60).await.unwrap();
    assert!(draft.title.starts_with("直播预告｜秋冬新品"), "{}", draft.title);
    assert!(
        draft.body.contains("开播") && draft.body.contains("羊毛大衣第一场") && draft.body.contains("大衣券 ¥599"),
        "{}",
        draft.body
    );
    assert_eq!(draft.offer.as_ref().map(|o| o.id.as_str()), Some("V100"));
    let media = studio.get_draft_media(draft.id).await.unwrap();
    assert_eq!(
        media.iter().map(|m| (m.hash.clone(), m.role)).collect::<Vec<_>>(),
        [(cover.imported[0].hash.clone(), MediumRole::Image)]
    );
    let linked = studio.livestream(live.id).await.unwrap().warmup.unwrap();
    assert_eq!((linked.draft_id, linked.lead_minutes), (draft.id, 180));
    sync(&studio).await;
    let beijing = |ms: i64| alipay_open::time::format(chrono::DateTime::from_timestamp_millis(ms).unwrap());
    let held = contents(dir.path()).await;
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].1.as_deref(), Some(beijing(start - 3 * HOUR).as_str()));

    // The livestream moves a day later; its warm-up post follows, once.
    studio.change_livestream(live.id, "秋冬新品".into(), start + 24 * HOUR).await.unwrap();
    let moved = studio.move_warmup_post(live.id).await.unwrap();
    assert_eq!(moved.to, start + 21 * HOUR);
    sync(&studio).await;
    let held = contents(dir.path()).await;
    let live_posts: Vec<_> = held.iter().filter(|c| !c.2).collect();
    assert_eq!(live_posts.len(), 1, "{held:?}");
    assert_eq!(live_posts[0].1.as_deref(), Some(beijing(start + 21 * HOUR).as_str()));
    let publications = studio.list_publications(None).await.unwrap();
    let ours = publications.iter().find(|p| p.draft_id == draft.id).unwrap();
    assert_eq!((ours.status, ours.scheduled_at), (PublicationStatus::UnderReview, Some(start + 21 * HOUR)));

    let none = studio.plan_livestream("没有预告帖".into(), start, None, None).await.unwrap();
    assert_eq!(studio.move_warmup_post(none.id).await.unwrap_err().in_lang(Lang::En).code, "live_no_warmup");
}
