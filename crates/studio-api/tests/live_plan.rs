//! A livestream's plan as the host prepares it: offers, run sheet and
//! checklist kept whole or refused whole, a copy that is its own
//! announcement on the emulator, and the run sheet written as a file.

mod common;

use std::time::Duration;

use studio_api::{
    CheckItem, EngineOptions, Lang, LivePlan, LiveProduct, LivestreamStatus, Offer, OfferKind, RunSegment, Studio,
};

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

fn product(id: &str, label: &str, price: &str) -> LiveProduct {
    LiveProduct {
        offer: Offer { kind: OfferKind::Voucher, id: id.into(), label: label.into() },
        note: "先讲面料".into(),
        price: price.into(),
    }
}

fn segment(title: &str, minutes: u32, products: &[&str]) -> RunSegment {
    RunSegment {
        title: title.into(),
        minutes,
        notes: "看镜头 | 报价".into(),
        products: products.iter().map(|p| p.to_string()).collect(),
    }
}

fn plan() -> LivePlan {
    LivePlan {
        description: "秋冬新品第一场".into(),
        cover: None,
        products: vec![product("V100", "羊毛大衣", "到手价 ¥599"), product("V200", "围巾", "¥99")],
        segments: vec![
            segment("开场<福利>", 10, &[]),
            segment("大衣讲解", 40, &["V100"]),
            segment("围巾返场", 30, &["V200", "V100"]),
        ],
        checklist: vec![
            CheckItem { text: "样衣熨好".into(), done: true },
            CheckItem { text: "补光灯".into(), done: false },
        ],
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plan_is_kept_whole_or_refused_whole_and_a_copy_is_its_own_announcement() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let start = now() + 86_400_000;
    let live = studio.plan_livestream("秋冬新品".into(), start, Some(90), None).await.unwrap();
    assert_eq!(live.plan, LivePlan::default());

    let kept = studio.save_livestream_plan(live.id, 90, plan()).await.unwrap();
    assert_eq!(kept.plan, plan());
    assert_eq!(kept.plan.total_minutes(), 80);

    // Each bad plan is refused in words, and what was kept stays as it was.
    let refused = |code: &'static str, minutes: u32, bad: LivePlan| {
        let studio = &studio;
        async move {
            let e = studio.save_livestream_plan(live.id, minutes, bad).await.unwrap_err().in_lang(studio.lang());
            assert_eq!(e.code, code, "{}", e.message);
            assert!(!e.message.is_empty());
            assert_eq!(studio.livestream(live.id).await.unwrap().plan, plan(), "nothing half-saved");
            e.message
        }
    };
    let message = refused("live_sheet_too_long", 75, plan()).await;
    assert!(message.contains("80") && message.contains("75"), "{message}");
    let mut many = plan();
    many.products = (0..51).map(|i| product(&format!("V{i}"), "款", "")).collect();
    many.segments.clear();
    refused("live_products_max", 90, many).await;
    let mut unknown = plan();
    unknown.segments[1].products = vec!["V999".into()];
    let message = refused("live_segment_unknown_product", 90, unknown).await;
    assert!(message.contains("V999") && message.contains('2'), "{message}");
    refused("live_length", 0, plan()).await;
    let mut missing_cover = plan();
    missing_cover.cover = Some(studio_api::ContentHash::parse(&"0".repeat(64)).unwrap());
    refused("media.not_found", 90, missing_cover).await;

    // A cover from the library is kept.
    let photo = studio.import_media_bytes("封面.jpg".into(), common::photo_bytes(900, 1200, 7)).await.unwrap();
    let mut with_cover = plan();
    with_cover.cover = Some(photo.imported[0].hash.clone());
    let kept = studio.save_livestream_plan(live.id, 90, with_cover.clone()).await.unwrap();
    assert_eq!(kept.plan.cover, with_cover.cover);

    // The copy: a week later, same plan, checklist unticked, its own announcement.
    studio.sync_now(Duration::from_secs(30), EngineOptions::default()).await.unwrap();
    let original = studio.livestream(live.id).await.unwrap();
    assert_eq!(original.status, LivestreamStatus::Announced);
    let copy = studio.duplicate_livestream(live.id, start + 7 * 86_400_000).await.unwrap();
    assert_ne!(copy.id, live.id);
    assert_ne!(copy.out_advance_id, original.out_advance_id);
    assert_eq!((copy.advance_id.as_deref(), copy.status, copy.minutes), (None, LivestreamStatus::Planned, 90));
    assert_eq!((copy.plan.products.clone(), copy.plan.segments.clone()), (with_cover.products, with_cover.segments));
    assert!(copy.plan.checklist.iter().all(|c| !c.done));
    let past = studio.duplicate_livestream(live.id, now() - 1).await.unwrap_err().in_lang(studio.lang());
    assert_eq!(past.code, "live_in_past");
    studio.sync_now(Duration::from_secs(30), EngineOptions::default()).await.unwrap();
    let copy = studio.livestream(copy.id).await.unwrap();
    assert_eq!(copy.status, LivestreamStatus::Announced);
    assert_ne!(copy.advance_id, original.advance_id, "two announcements on the platform");
    let db = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new().filename(dir.path().join("emulator").join("emulator.sqlite3")),
    )
    .await
    .unwrap();
    let (advances,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM advances WHERE deleted = 0").fetch_one(&db).await.unwrap();
    assert_eq!(advances, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_run_sheet_is_written_as_markdown_or_html_with_its_times() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let zone = studio_api::ZoneName::default();
    let start = now() + 86_400_000;
    let live = studio.plan_livestream("秋冬新品".into(), start, Some(90), None).await.unwrap();
    studio.save_livestream_plan(live.id, 90, plan()).await.unwrap();
    let clock = |minutes: i64| studio_api::format_wall(start + minutes * 60_000, &zone)[11..].to_string();

    let md = dir.path().join("流程.md");
    studio.export_run_sheet(live.id, md.display().to_string()).await.unwrap();
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# 秋冬新品\n"), "{text}");
    assert!(text.contains("合计 80 / 90 分钟"), "{text}");
    let second = format!("| {}–{} | 40 分钟 | 大衣讲解 | 羊毛大衣 | 看镜头 \\| 报价 |", clock(10), clock(50));
    assert!(text.contains(&second), "{text}");
    // Each offer is due at the first segment that shows it.
    assert!(text.contains(&format!("| 2 | 围巾 | 券 | V200 | ¥99 | {} |", clock(50))), "{text}");
    assert!(text.contains("- [x] 样衣熨好\n- [ ] 补光灯"), "{text}");

    let html = dir.path().join("sheet.html");
    studio.export_run_sheet(live.id, html.display().to_string()).await.unwrap();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("<td>开场&lt;福利&gt;</td>"), "escaped: {page}");
    assert!(!page.contains("<福利>"));

    let bad = studio.export_run_sheet(live.id, "/nonexistent/dir/a.md".into()).await.unwrap_err();
    assert_eq!(bad.in_lang(Lang::En).code, "sheet_file_unwritable");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_livestreams_history_lists_the_jobs_that_carried_each_change() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let start = now() + 86_400_000;
    let live = studio.plan_livestream("秋冬新品".into(), start, None, None).await.unwrap();
    let sync = || studio.sync_now(Duration::from_secs(30), EngineOptions::default());
    sync().await.unwrap();
    studio.change_livestream(live.id, "秋冬新品晚场".into(), start + 3_600_000).await.unwrap();
    sync().await.unwrap();
    studio.withdraw_livestream(live.id).await.unwrap();
    let waiting = studio.livestream_history(live.id).await.unwrap();
    assert_eq!(waiting.last().map(|h| h.job.state), Some(studio_api::JobState::Pending));
    sync().await.unwrap();
    let history = studio.livestream_history(live.id).await.unwrap();
    let steps: Vec<(studio_api::JobKind, studio_api::JobState)> =
        history.iter().map(|h| (h.job.kind, h.job.state)).collect();
    use studio_api::{JobKind as K, JobState as S};
    assert_eq!(steps, [(K::LiveCreate, S::Done), (K::LiveModify, S::Done), (K::LiveDelete, S::Done)]);
    assert!(history.iter().all(|h| h.label == "秋冬新品晚场" && h.problem.is_empty()));
    assert_eq!(studio.livestream_history(999).await.unwrap_err().in_lang(Lang::En).code, "livestream_not_found");
}
