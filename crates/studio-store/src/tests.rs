use studio_core::search::Query;
use studio_core::{DraftKind, DraftPatch, Lang, NewDraft, RevisionReason, SettingsPatch, ThemePreference};

use crate::{Store, StoreError};

fn new(title: &str, body: &str) -> NewDraft {
    NewDraft { kind: None, title: title.into(), body: body.into() }
}

#[tokio::test]
async fn a_draft_survives_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let made = store.insert_draft(&new("标题 & = + %", "正文 😀\n第二行"), 1_000).await.unwrap();
    store.close().await;

    let store = Store::open(dir.path()).await.unwrap();
    assert_eq!(store.draft(made.id).await.unwrap(), Some(made.clone()));
    assert_eq!(store.drafts().await.unwrap(), vec![made]);
}

#[tokio::test]
async fn the_file_uses_wal_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let mut conn = store.pool.acquire().await.unwrap();
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(&mut *conn).await.unwrap();
    let (sync,): (i64,) = sqlx::query_as("PRAGMA synchronous").fetch_one(&mut *conn).await.unwrap();
    let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys").fetch_one(&mut *conn).await.unwrap();
    assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok".to_string()]);
}

#[tokio::test]
async fn editing_changes_only_the_given_fields_and_moves_the_draft_to_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let first = store.insert_draft(&new("一", "body one"), 1_000).await.unwrap();
    let second = store.insert_draft(&new("二", "body two"), 2_000).await.unwrap();

    let patch = DraftPatch { kind: Some(DraftKind::Video), body: Some("新正文".into()), ..Default::default() };
    let edited = store.update_draft(first.id, &patch, 3_000).await.unwrap().unwrap();
    assert_eq!((edited.kind, edited.title.as_str(), edited.body.as_str()), (DraftKind::Video, "一", "新正文"));
    assert_eq!((edited.created_at, edited.updated_at), (1_000, 3_000));

    let order: Vec<_> = store.drafts().await.unwrap().into_iter().map(|d| d.id).collect();
    assert_eq!(order, vec![first.id, second.id]);
}

#[tokio::test]
async fn missing_drafts_are_reported_as_absent() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    assert_eq!(store.draft(42).await.unwrap(), None);
    assert_eq!(store.update_draft(42, &DraftPatch::default(), 1).await.unwrap(), None);
    assert!(!store.trash_draft(42, 1).await.unwrap());
    assert_eq!(store.restore_draft(42).await.unwrap(), None);
}

#[tokio::test]
async fn trash_hides_a_draft_restore_brings_it_back_and_empty_deletes_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let made = store.insert_draft(&new("咖啡", "b"), 1).await.unwrap();
    let edited = store
        .update_draft(made.id, &DraftPatch { body: Some("更新".into()), ..Default::default() }, 2)
        .await
        .unwrap()
        .unwrap();

    assert!(store.trash_draft(made.id, 3).await.unwrap());
    assert!(!store.trash_draft(made.id, 4).await.unwrap(), "already in the trash");
    assert_eq!(store.drafts().await.unwrap(), vec![]);
    assert_eq!(store.trashed_drafts().await.unwrap()[0].deleted_at, Some(3));
    assert!(store.search_drafts(&Query::parse("咖啡"), 10).await.unwrap().is_empty(), "trashed drafts are not found");

    let restored = store.restore_draft(made.id).await.unwrap().unwrap();
    assert_eq!(restored, edited);
    assert_eq!(store.revisions(made.id).await.unwrap().len(), 2, "revisions come back too");
    assert_eq!(store.search_drafts(&Query::parse("咖啡"), 10).await.unwrap(), vec![made.id]);

    store.trash_draft(made.id, 5).await.unwrap();
    assert_eq!(store.empty_trash().await.unwrap(), 1);
    assert_eq!(store.draft(made.id).await.unwrap(), None);
    assert!(store.revisions(made.id).await.unwrap().is_empty(), "revisions go with the draft");
}

#[tokio::test]
async fn edits_close_together_share_a_revision_and_later_ones_start_a_new_one() {
    use studio_core::draft::REVISION_COALESCE_MS;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let made = store.insert_draft(&new("t", ""), 0).await.unwrap();
    let mut now = 1_000;
    for body in ["a", "ab", "abc", "abcd"] {
        store.update_draft(made.id, &DraftPatch { body: Some(body.into()), ..Default::default() }, now).await.unwrap();
        now += 1_000;
    }
    // A save that changes nothing records nothing.
    store.update_draft(made.id, &DraftPatch { body: Some("abcd".into()), ..Default::default() }, now).await.unwrap();
    let revs = store.revisions(made.id).await.unwrap();
    let bodies: Vec<_> = revs.iter().map(|r| (r.reason, r.body.as_str())).collect();
    assert_eq!(bodies, vec![(RevisionReason::Edit, "abcd"), (RevisionReason::Create, "")]);
    assert_eq!((revs[0].created_at, revs[0].updated_at), (1_000, 4_000));

    store
        .update_draft(
            made.id,
            &DraftPatch { body: Some("later".into()), ..Default::default() },
            1_000 + REVISION_COALESCE_MS,
        )
        .await
        .unwrap();
    assert_eq!(store.revisions(made.id).await.unwrap().len(), 3);
}

#[tokio::test]
async fn restoring_a_revision_adds_a_revision_and_keeps_history() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let made = store.insert_draft(&new("旧标题", "旧正文"), 0).await.unwrap();
    store.update_draft(made.id, &DraftPatch { title: Some("新标题".into()), ..Default::default() }, 10).await.unwrap();
    let first = store.revisions(made.id).await.unwrap().pop().unwrap();
    assert_eq!(first.reason, RevisionReason::Create);

    let restored = store.restore_revision(made.id, first.id, 20).await.unwrap().unwrap();
    assert_eq!((restored.title.as_str(), restored.body.as_str()), ("旧标题", "旧正文"));
    let reasons: Vec<_> = store.revisions(made.id).await.unwrap().iter().map(|r| r.reason).collect();
    assert_eq!(reasons, vec![RevisionReason::Restore, RevisionReason::Edit, RevisionReason::Create]);
    assert_eq!(store.search_drafts(&Query::parse("旧标"), 10).await.unwrap(), vec![made.id]);
    assert!(store.search_drafts(&Query::parse("新标题"), 10).await.unwrap().is_empty());
    assert_eq!(store.restore_revision(made.id + 1, first.id, 30).await.unwrap(), None, "a revision of another draft");
}

#[tokio::test]
async fn settings_default_to_chinese_and_follow_the_system_then_persist() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let defaults = store.settings().await.unwrap();
    assert_eq!((defaults.language, defaults.theme), (Lang::ZhCn, ThemePreference::System));

    let patch = SettingsPatch { language: Some(Lang::En), ..Default::default() };
    store.update_settings(&patch).await.unwrap();
    store.close().await;
    let store = Store::open(dir.path()).await.unwrap();
    let stored = store.settings().await.unwrap();
    assert_eq!((stored.language, stored.theme), (Lang::En, ThemePreference::System));
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_reported_as_such() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(crate::DATABASE_FILE), vec![0x42u8; 8192]).unwrap();
    let err = Store::open(dir.path()).await.unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "{err:?}");
}

#[tokio::test]
async fn composer_fields_round_trip_and_topics_follow_the_body() {
    use studio_core::{Offer, OfferKind, Visibility};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let a = store.insert_draft(&new("a", "#咖啡 #春日"), 1).await.unwrap();
    store.insert_draft(&new("b", "#咖啡 #拿铁"), 2).await.unwrap();
    let patch = DraftPatch {
        visibility: Some(Visibility::Restricted),
        ai_generated: Some(true),
        reposted: Some(true),
        offer: Some(Some(Offer { kind: OfferKind::Voucher, id: "V-1".into(), label: "满50减5".into() })),
        notes: Some("记得拍封面".into()),
        ..Default::default()
    };
    let edited = store.update_draft(a.id, &patch, 3).await.unwrap().unwrap();
    store.close().await;
    let store = Store::open(dir.path()).await.unwrap();
    assert_eq!(store.draft(a.id).await.unwrap().unwrap(), edited);
    assert_eq!(edited.offer.as_ref().unwrap().label, "满50减5");
    assert_eq!(store.search_drafts(&Query::parse("封面"), 10).await.unwrap(), vec![a.id], "notes are searched");

    let used = store.topics_used("", 10).await.unwrap();
    assert_eq!(used[0], ("咖啡".to_string(), 2));
    assert_eq!(store.topics_used("拿", 10).await.unwrap(), vec![("拿铁".to_string(), 1)]);

    let cleared =
        store.update_draft(a.id, &DraftPatch { offer: Some(None), ..Default::default() }, 4).await.unwrap().unwrap();
    assert_eq!(cleared.offer, None);
    store.trash_draft(a.id, 5).await.unwrap();
    assert_eq!(store.topics_used("", 10).await.unwrap(), vec![("咖啡".to_string(), 1), ("拿铁".to_string(), 1)]);
}

#[tokio::test]
async fn pages_walk_every_live_draft_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let news: Vec<NewDraft> = (0..25).map(|i| new(&format!("d{i}"), "")).collect();
    store.insert_drafts(&news, 7).await.unwrap();
    store.update_draft(3, &DraftPatch { title: Some("moved".into()), ..Default::default() }, 9).await.unwrap();
    store.trash_draft(5, 10).await.unwrap();
    let mut seen = Vec::new();
    let mut query = studio_core::DraftListQuery { limit: 10, ..Default::default() };
    loop {
        let page = store.drafts_list(&query).await.unwrap();
        if query.after.is_none() {
            assert_eq!(page.total, Some(24));
        }
        seen.extend(page.drafts.iter().map(|d| d.id));
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    let all: Vec<_> = store.drafts().await.unwrap().into_iter().map(|d| d.id).collect();
    assert_eq!(seen, all);
    assert_eq!((seen.len(), seen[0]), (24, 3));
}

#[tokio::test]
async fn the_list_filters_by_kind_and_topic() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let video = NewDraft { kind: Some(DraftKind::Video), title: "v".into(), body: "#探店".into() };
    store.insert_drafts(&[new("a", "#咖啡"), new("b", "#探店 #咖啡"), video], 1).await.unwrap();
    let q = |kind, topic: Option<&str>| studio_core::DraftListQuery {
        kind,
        topic: topic.map(String::from),
        limit: 10,
        ..Default::default()
    };
    let titles = |p: studio_core::DraftPage| p.drafts.into_iter().map(|d| d.title).collect::<Vec<_>>();
    assert_eq!(titles(store.drafts_list(&q(Some(DraftKind::Video), None)).await.unwrap()), vec!["v"]);
    assert_eq!(titles(store.drafts_list(&q(None, Some("咖啡"))).await.unwrap()), vec!["b", "a"]);
    assert_eq!(titles(store.drafts_list(&q(Some(DraftKind::ImageText), Some("探店"))).await.unwrap()), vec!["b"]);
}

#[tokio::test]
async fn the_list_filters_by_standing_on_the_platform_and_account() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let ids = store.insert_drafts(&[new("草稿", "a"), new("发到演示", "b"), new("发到门店", "c")], 1).await.unwrap();
    let account = |name: &str| studio_core::NewAccount {
        name: name.into(),
        role: studio_core::AccountRole::Creator,
        gateway: "emulator".into(),
        app_id: "2021000000000001".into(),
        platform_key: String::new(),
        public_id: String::new(),
    };
    let demo = store.add_account(&account("演示"), 1).await.unwrap().id;
    let shop = store.add_account(&account("门店"), 1).await.unwrap().id;
    for (draft, on) in [(ids[1], demo), (ids[2], shop)] {
        store.request_publish(draft, on, None, false, 2, |_, _| Ok(())).await.unwrap();
    }
    let q = |status, account| studio_core::DraftListQuery { status, account, limit: 10, ..Default::default() };
    let titles = |p: studio_core::DraftPage| p.drafts.into_iter().map(|d| d.title).collect::<Vec<_>>();
    use studio_core::ListStatus::{Published, Queued, Unpublished};
    assert_eq!(titles(store.drafts_list(&q(Some(Unpublished), None)).await.unwrap()), ["草稿"]);
    assert_eq!(titles(store.drafts_list(&q(Some(Queued), None)).await.unwrap()), ["发到门店", "发到演示"]);
    assert_eq!(titles(store.drafts_list(&q(Some(Queued), Some(shop))).await.unwrap()), ["发到门店"]);
    assert_eq!(titles(store.drafts_list(&q(None, Some(demo))).await.unwrap()), ["发到演示"]);
    assert_eq!(titles(store.drafts_list(&q(Some(Unpublished), Some(shop))).await.unwrap()), ["发到演示", "草稿"]);
    assert!(store.drafts_list(&q(Some(Published), None)).await.unwrap().drafts.is_empty());
    assert_eq!(store.drafts_list(&q(Some(Queued), None)).await.unwrap().total, Some(2));
}

async fn marks(store: &Store) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM search_pending").fetch_one(&store.pool).await.unwrap();
    n
}

#[tokio::test]
async fn a_search_right_after_a_save_finds_the_new_text() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let made = store.insert_draft(&new("草稿", "旧的正文 #旧话题"), 1).await.unwrap();
    for (i, body) in ["第一版 #春日", "第二版 lattes #咖啡"].into_iter().enumerate() {
        let patch = DraftPatch { body: Some(body.into()), ..Default::default() };
        store.update_draft(made.id, &patch, 2 + i as i64).await.unwrap();
    }
    assert_eq!(store.search_drafts(&Query::parse("第二版"), 10).await.unwrap(), vec![made.id]);
    assert_eq!(store.search_drafts(&Query::parse("latt"), 10).await.unwrap(), vec![made.id]);
    assert!(store.search_drafts(&Query::parse("第一版"), 10).await.unwrap().is_empty());
    assert!(store.search_drafts(&Query::parse("旧的"), 10).await.unwrap().is_empty());

    let patch = DraftPatch { body: Some("第三版 #拿铁".into()), ..Default::default() };
    store.update_draft(made.id, &patch, 9).await.unwrap();
    assert_eq!(store.topics_used("", 10).await.unwrap(), vec![("拿铁".to_string(), 1)]);
    let patch = DraftPatch { body: Some("第四版 #探店".into()), ..Default::default() };
    store.update_draft(made.id, &patch, 10).await.unwrap();
    let by_topic = studio_core::DraftListQuery { topic: Some("探店".into()), limit: 10, ..Default::default() };
    assert_eq!(store.drafts_list(&by_topic).await.unwrap().drafts.len(), 1);
    assert_eq!(marks(&store).await, 0);
}

#[tokio::test]
async fn upkeep_indexes_saved_drafts_soon_without_a_search() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let made = store.insert_draft(&new("标题", ""), 1).await.unwrap();
    store.update_draft(made.id, &DraftPatch { notes: Some("备注".into()), ..Default::default() }, 2).await.unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while marks(&store).await > 0 {
        assert!(std::time::Instant::now() < deadline, "upkeep left the saved draft unindexed");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert_eq!(store.search_drafts(&Query::parse("备注"), 10).await.unwrap(), vec![made.id]);
}

#[tokio::test]
async fn marks_left_by_a_crash_are_indexed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let made = store.insert_draft(&new("标题", "崩溃前"), 1).await.unwrap();
    store.close().await;
    // What a save killed before upkeep ran leaves behind.
    let raw = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new().filename(dir.path().join(crate::DATABASE_FILE)),
    )
    .await
    .unwrap();
    sqlx::query("UPDATE drafts SET body = '崩溃后 #重启' WHERE id = ?").bind(made.id).execute(&raw).await.unwrap();
    sqlx::query("INSERT INTO search_pending (draft_id) VALUES (?)").bind(made.id).execute(&raw).await.unwrap();
    raw.close().await;

    let store = Store::open(dir.path()).await.unwrap();
    assert_eq!(marks(&store).await, 0);
    assert_eq!(store.search_drafts(&Query::parse("崩溃后"), 10).await.unwrap(), vec![made.id]);
    assert!(store.search_drafts(&Query::parse("崩溃前"), 10).await.unwrap().is_empty());
    assert_eq!(store.topics_used("", 10).await.unwrap(), vec![("重启".to_string(), 1)]);
}

#[tokio::test]
async fn a_draft_trashed_right_after_a_save_is_not_found_and_restore_finds_its_last_text() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let made = store.insert_draft(&new("标题", "旧文"), 1).await.unwrap();
    store
        .update_draft(made.id, &DraftPatch { body: Some("新文 #话题".into()), ..Default::default() }, 2)
        .await
        .unwrap();
    assert!(store.trash_draft(made.id, 3).await.unwrap());
    assert_eq!(marks(&store).await, 0);
    assert!(store.search_drafts(&Query::parse("新文"), 10).await.unwrap().is_empty());
    assert!(store.topics_used("", 10).await.unwrap().is_empty());
    store.restore_draft(made.id).await.unwrap().unwrap();
    assert_eq!(store.search_drafts(&Query::parse("新文"), 10).await.unwrap(), vec![made.id]);
    assert!(store.search_drafts(&Query::parse("旧文"), 10).await.unwrap().is_empty());
    assert_eq!(store.topics_used("", 10).await.unwrap(), vec![("话题".to_string(), 1)]);
}

#[tokio::test]
async fn restoring_a_revision_brings_back_its_post_settings() {
    use studio_core::{Offer, OfferKind, Visibility};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let made = store.insert_draft(&new("标题", "正文"), 0).await.unwrap();
    let voucher = Offer { kind: OfferKind::Voucher, id: "V-1".into(), label: "满50减5".into() };
    let settings = DraftPatch {
        visibility: Some(Visibility::Restricted),
        ai_generated: Some(true),
        reposted: Some(true),
        offer: Some(Some(voucher.clone())),
        notes: Some("备注".into()),
        ..Default::default()
    };
    let set = store.update_draft(made.id, &settings, 10).await.unwrap().unwrap();
    let later = studio_core::draft::REVISION_COALESCE_MS + 10;
    let cleared = DraftPatch {
        title: Some("新标题".into()),
        visibility: Some(Visibility::Everyone),
        ai_generated: Some(false),
        offer: Some(None),
        notes: Some(String::new()),
        ..Default::default()
    };
    store.update_draft(made.id, &cleared, later).await.unwrap();

    let revisions = store.revisions(made.id).await.unwrap();
    assert_eq!(revisions.len(), 3);
    let with_settings = &revisions[1];
    assert_eq!(
        (with_settings.visibility, with_settings.ai_generated, with_settings.reposted),
        (Visibility::Restricted, true, true)
    );
    assert_eq!((with_settings.offer.as_ref(), with_settings.notes.as_str()), (Some(&voucher), "备注"));
    assert_eq!((revisions[0].offer.as_ref(), revisions[0].reposted), (None, true));

    let restored = store.restore_revision(made.id, with_settings.id, later + 1).await.unwrap().unwrap();
    assert_eq!(restored, studio_core::Draft { updated_at: later + 1, ..set });
    let newest = &store.revisions(made.id).await.unwrap()[0];
    assert_eq!(
        (newest.reason, newest.offer.as_ref(), newest.notes.as_str()),
        (RevisionReason::Restore, Some(&voucher), "备注")
    );
    assert_eq!(store.search_drafts(&Query::parse("备注"), 10).await.unwrap(), vec![made.id]);
}
