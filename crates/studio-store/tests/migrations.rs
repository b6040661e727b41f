//! Every earlier schema version upgrades with its data intact. Each old
//! database is made here by running the migrations up to that version and
//! loading `fixtures/vN.sql`, so the fixtures are scripts, never binaries.

use std::borrow::Cow;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use studio_core::search::Query;
use studio_core::{DraftKind, Lang, RevisionReason, ThemePreference};
use studio_store::{Store, DATABASE_FILE, MIGRATOR};

/// Makes a library at schema `version` holding `fixture`'s data.
async fn library_at_version(dir: &std::path::Path, version: i64, fixture: &str) {
    let options = SqliteConnectOptions::new().filename(dir.join(DATABASE_FILE)).create_if_missing(true);
    let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
    let older = Migrator {
        migrations: Cow::Owned(MIGRATOR.migrations.iter().filter(|m| m.version <= version).cloned().collect()),
        ..Migrator::DEFAULT
    };
    older.run(&pool).await.unwrap();
    sqlx::raw_sql(fixture).execute(&pool).await.unwrap();
    pool.close().await;
}

#[tokio::test]
async fn a_version_1_library_upgrades_with_drafts_settings_and_search() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 1, include_str!("fixtures/v1.sql")).await;

    let store = Store::open(dir.path()).await.unwrap();
    let drafts = store.drafts().await.unwrap();
    let ids: Vec<_> = drafts.iter().map(|d| d.id).collect();
    assert_eq!(ids, vec![3, 2, 1]);
    let video = store.draft(2).await.unwrap().unwrap();
    assert_eq!(
        (video.kind, video.title.as_str(), video.body.as_str()),
        (DraftKind::Video, "Weekend noodle shop", "排队半小时 & = + % 😀")
    );
    assert_eq!((video.created_at, video.updated_at, video.deleted_at), (1700000010000, 1700000010000, None));

    let settings = store.settings().await.unwrap();
    assert_eq!((settings.language, settings.theme), (Lang::En, ThemePreference::Dark));

    // Old drafts get a first revision and are searchable at once.
    let revs = store.revisions(1).await.unwrap();
    assert_eq!(revs.len(), 1);
    assert_eq!((revs[0].reason, revs[0].title.as_str()), (RevisionReason::Create, "春日咖啡新品"));
    assert_eq!(store.search_drafts(&Query::parse("拿"), 10).await.unwrap(), vec![1]);
    assert_eq!(store.search_drafts(&Query::parse("nood"), 10).await.unwrap(), vec![2]);
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok".to_string()]);
}

#[test]
fn every_migration_but_the_latest_has_a_fixture() {
    let latest = MIGRATOR.migrations.iter().map(|m| m.version).max().unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for m in MIGRATOR.migrations.iter().filter(|m| m.version < latest) {
        assert!(
            fixtures.join(format!("v{}.sql", m.version)).exists(),
            "add tests/fixtures/v{}.sql and a test for it",
            m.version
        );
    }
}

#[tokio::test]
async fn a_version_2_library_upgrades_with_trash_revisions_and_composer_defaults() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 2, include_str!("fixtures/v2.sql")).await;

    let store = Store::open(dir.path()).await.unwrap();
    let live = store.drafts().await.unwrap();
    assert_eq!(live.len(), 1);
    assert_eq!(
        (live[0].title.as_str(), live[0].visibility, live[0].offer.as_ref(), live[0].notes.as_str()),
        ("春日咖啡新品", studio_core::Visibility::Everyone, None, "")
    );
    assert_eq!(store.trashed_drafts().await.unwrap()[0].deleted_at, Some(1700000099000));
    assert_eq!(store.revisions(1).await.unwrap().len(), 2);
    // The index is rebuilt for the new schema: live drafts found, trashed not.
    assert_eq!(store.search_drafts(&Query::parse("拿铁"), 10).await.unwrap(), vec![1]);
    assert!(store.search_drafts(&Query::parse("noodle"), 10).await.unwrap().is_empty());
    let topics: Vec<String> = store.topics_used("", 10).await.unwrap().into_iter().map(|t| t.0).collect();
    assert_eq!(topics, vec!["咖啡".to_string(), "春日".to_string()]);
}

#[tokio::test]
async fn a_version_3_library_upgrades_with_composer_fields_and_lists_by_creation() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 3, include_str!("fixtures/v3.sql")).await;

    let store = Store::open(dir.path()).await.unwrap();
    let coffee = store.draft(1).await.unwrap().unwrap();
    assert_eq!(
        (coffee.visibility, coffee.ai_generated, coffee.notes.as_str()),
        (studio_core::Visibility::Restricted, true, "拍封面")
    );
    assert_eq!(coffee.offer.unwrap().label, "满50减5");
    let by_creation =
        studio_core::DraftListQuery { sort: studio_core::DraftSort::Created, limit: 10, ..Default::default() };
    let page = store.drafts_list(&by_creation).await.unwrap();
    assert_eq!(page.drafts.iter().map(|d| d.id).collect::<Vec<_>>(), vec![2, 1]);
    let videos = studio_core::DraftListQuery { kind: Some(DraftKind::Video), limit: 10, ..Default::default() };
    assert_eq!(store.drafts_list(&videos).await.unwrap().total, Some(1));
}

#[tokio::test]
async fn a_version_4_library_upgrades_and_its_drafts_can_be_published() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 4, include_str!("fixtures/v4.sql")).await;

    let store = Store::open(dir.path()).await.unwrap();
    assert_eq!(store.drafts().await.unwrap().len(), 1);
    assert_eq!(store.trashed_drafts().await.unwrap().len(), 1);
    assert!(store.accounts().await.unwrap().is_empty(), "no account appears by itself");
    let account = store
        .add_account(
            &studio_core::NewAccount {
                name: "演示".into(),
                role: studio_core::AccountRole::Creator,
                gateway: "emulator".into(),
                app_id: "2021000000000001".into(),
                platform_key: String::new(),
                public_id: String::new(),
            },
            1700000100000,
        )
        .await
        .unwrap();
    let queued = store.request_publish(1, account.id, None, false, 1700000100000, |_, _| Ok(())).await.unwrap();
    assert!(matches!(queued, studio_store::PublishRequest::Queued(_)), "{queued:?}");
    let trashed = store.request_publish(2, account.id, None, false, 1700000100000, |_, _| Ok(())).await;
    assert!(matches!(trashed, Ok(studio_store::PublishRequest::NotFound)), "a trashed draft is not published");
    assert_eq!(store.waiting_jobs().await.unwrap(), 1);
}

#[tokio::test]
async fn a_version_5_library_upgrades_and_a_published_post_can_be_replaced() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 5, include_str!("fixtures/v5.sql")).await;

    let store = Store::open(dir.path()).await.unwrap();
    let published = store.publication(1, 1).await.unwrap().unwrap();
    assert_eq!(published.status, studio_core::PublicationStatus::Published);
    let replaced = store.request_publish(1, 1, None, true, 1700000100000, |_, _| Ok(())).await.unwrap();
    let studio_store::PublishRequest::Queued(job) = replaced else { panic!("{replaced:?}") };
    assert_eq!(store.publication(1, 1).await.unwrap().unwrap().status, studio_core::PublicationStatus::Queued);
    assert_eq!(
        store.known_content_ids(1).await.unwrap(),
        vec!["C1700000006000000001".to_string()],
        "the old post stays known"
    );
    // The delete goes first; the new publish waits for it.
    let first = store.claim_due_jobs(1700000100000, 10).await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].job.kind, studio_core::JobKind::DeleteContent);
    assert_ne!(first[0].job.id, job.id);
}

#[tokio::test]
async fn a_version_6_library_upgrades_with_its_replaced_posts_still_known() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 6, include_str!("fixtures/v6.sql")).await;

    let store = Store::open(dir.path()).await.unwrap();
    let mut known = store.known_content_ids(1).await.unwrap();
    known.sort();
    assert_eq!(known, vec!["C1".to_string(), "C2".to_string()]);
    assert!(store.assets("", 10).await.unwrap().is_empty(), "the media library starts empty");
    assert!(store.draft_media(1).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_version_7_library_upgrades_with_its_media_and_covers_cut_in_the_middle() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 7, include_str!("fixtures/v7.sql")).await;

    let store = Store::open(dir.path()).await.unwrap();
    let assets = store.assets("", 10).await.unwrap();
    assert_eq!(assets.len(), 2);
    assert_eq!(store.assets("封面", 10).await.unwrap()[0].original_name, "cover.jpg", "tags kept");
    let media = store.draft_media(1).await.unwrap();
    assert_eq!(media.iter().map(|m| m.role.as_str()).collect::<Vec<_>>(), ["video", "cover"]);
    assert!(media.iter().all(|m| m.focal.is_none()), "covers made before crops are cut in the middle");
    let mut cover = media.clone();
    cover[1].focal = Some((250, 1000));
    assert_eq!(store.set_draft_media(1, &cover).await.unwrap(), studio_store::MediaSet::Set);
    assert_eq!(store.draft_media(1).await.unwrap(), cover);
}

#[tokio::test]
async fn a_version_8_library_upgrades_with_revisions_that_keep_post_settings() {
    use studio_core::{DraftPatch, Offer, OfferKind, Visibility};
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 8, include_str!("fixtures/v8.sql")).await;

    let store = Store::open(dir.path()).await.unwrap();
    let draft = store.draft(1).await.unwrap().unwrap();
    let voucher = Offer { kind: OfferKind::Voucher, id: "V-8".into(), label: "满30减3".into() };
    assert_eq!(
        (draft.visibility, draft.ai_generated, draft.offer.as_ref(), draft.notes.as_str()),
        (Visibility::Restricted, true, Some(&voucher), "封面用第二张")
    );
    let media = store.draft_media(1).await.unwrap();
    assert_eq!(media.iter().map(|m| m.focal).collect::<Vec<_>>(), [None, Some((300, 700))], "crops kept");
    assert_eq!(store.trashed_drafts().await.unwrap()[0].id, 2);

    // Older revisions take the draft's settings as they are now, so
    // restoring one changes only what it changed before.
    let revisions = store.revisions(1).await.unwrap();
    assert_eq!(revisions.len(), 2);
    assert!(revisions.iter().all(|r| (r.visibility, r.ai_generated, r.offer.as_ref(), r.notes.as_str())
        == (Visibility::Restricted, true, Some(&voucher), "封面用第二张")));
    let trashed = store.revisions(2).await.unwrap();
    assert_eq!((trashed[0].reposted, trashed[0].offer.as_ref()), (true, None));

    assert_eq!(store.search_drafts(&Query::parse("面馆"), 10).await.unwrap(), vec![1]);
    assert!(store.search_drafts(&Query::parse("旧视频"), 10).await.unwrap().is_empty(), "trashed stays unfound");

    // A save on the upgraded library is found at once, and its revision
    // records the settings it changed; restoring the first one brings back
    // its text and the settings the draft had.
    let patch = DraftPatch {
        body: Some("新开的米线店 #米线".into()),
        visibility: Some(Visibility::Everyone),
        offer: Some(None),
        ..Default::default()
    };
    store.update_draft(1, &patch, 1700000400000).await.unwrap().unwrap();
    assert_eq!(store.search_drafts(&Query::parse("米线店"), 10).await.unwrap(), vec![1]);
    assert_eq!(store.topics_used("米", 10).await.unwrap(), vec![("米线".to_string(), 1)]);
    let latest = &store.revisions(1).await.unwrap()[0];
    assert_eq!((latest.visibility, latest.offer.as_ref()), (Visibility::Everyone, None));
    let first = store.revisions(1).await.unwrap().pop().unwrap();
    let restored = store.restore_revision(1, first.id, 1700000500000).await.unwrap().unwrap();
    assert_eq!((restored.title.as_str(), restored.body.as_str()), ("探店", ""));
    assert_eq!((restored.visibility, restored.offer), (Visibility::Restricted, Some(voucher)));
    assert!(store.search_drafts(&Query::parse("米线"), 10).await.unwrap().is_empty());
    assert!(store.topics_used("", 10).await.unwrap().is_empty());
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok".to_string()]);
}

#[tokio::test]
async fn a_version_9_library_upgrades_and_its_waiting_jobs_are_claimed_in_order() {
    use studio_core::JobKind;
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 9, include_str!("fixtures/v9.sql")).await;

    let store = Store::open(dir.path()).await.unwrap();
    assert_eq!(store.search_drafts(&Query::parse("回答"), 10).await.unwrap(), vec![1], "marks left are indexed");
    let first = store.claim_due_jobs(1700000100000, 10).await.unwrap();
    let claimed: Vec<(i64, JobKind)> = first.iter().map(|d| (d.job.id, d.job.kind)).collect();
    // By time: the upload (its publish waits for it), the lost publish, the profile edit.
    assert_eq!(claimed, [(3, JobKind::UploadMedia), (2, JobKind::Publish), (5, JobKind::ProfileModify)]);
    let again: Vec<i64> = store.claim_due_jobs(1700000100000, 10).await.unwrap().iter().map(|d| d.job.id).collect();
    assert_eq!(again, [2], "the others are sending; a lost one stays lost until it is settled");
    assert_eq!(store.profile_edits(1).await.unwrap()[0].fields.introduction.as_deref(), Some("每天现烤"));
    // The announced livestream moves on the platform.
    let moved = store.change_livestream(1, "public-1", "周日直播", 1900003600000, 1700000100000).await.unwrap();
    assert!(matches!(moved, studio_store::LivestreamChange::Queued(_)), "{moved:?}");
}

#[tokio::test]
async fn a_version_10_library_keeps_every_waiting_job_in_the_outbox_format_and_shows_what_it_cannot_read() {
    use studio_core::media::{ContentHash, MediaRuleName, MediumRole};
    use studio_core::sync::{LiveChange, PostMedium, PostPayload, UploadPurpose};
    use studio_core::{DraftKind, JobKind, JobPayload, JobProblem, JobState, Offer, OfferKind, ProfileFields};
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 10, include_str!("fixtures/v10.sql")).await;
    let hash =
        |c: char, n: char| ContentHash::parse(&format!("{}{}{n}", c.to_string().repeat(4), "0".repeat(59))).unwrap();

    let store = Store::open(dir.path()).await.unwrap();
    let jobs = store.outbox(true, 100).await.unwrap();
    let lost = jobs.iter().find(|j| j.id == 1).unwrap();
    assert_eq!(
        lost.problem,
        Some(JobProblem::Recorded { text: "connection closed before the answer".into() }),
        "old words are kept as they were"
    );
    let due = store.claim_due_jobs(1_700_000_100_000, 100).await.unwrap();
    let payload = |id: i64| due.iter().find(|d| d.job.id == id).map(|d| d.payload.clone());
    // The lost publish, as it was sent, with its media and when it goes out.
    let cover = UploadPurpose::for_medium(MediumRole::Cover, Some((250, 800)));
    assert_eq!(
        payload(1),
        Some(JobPayload::Publish(PostPayload {
            kind: DraftKind::ImageText,
            title: "周末探店".into(),
            body: "两张图一张封面".into(),
            media: vec![
                PostMedium {
                    role: MediumRole::Image,
                    hash: hash('a', '1'),
                    purpose: UploadPurpose::for_medium(MediumRole::Image, None)
                },
                PostMedium { role: MediumRole::Cover, hash: hash('b', '2'), purpose: cover },
            ],
            offer: Some(Offer { kind: OfferKind::Voucher, id: "V-88".into(), label: String::new() }),
            visibility: studio_core::Visibility::Restricted,
            scheduled_at: Some(1_900_000_000_000),
            public_id: Some("2088000000000009".into()),
        }))
    );
    assert_eq!(payload(3), Some(JobPayload::DeleteContent { content_id: "C1700000000000000007".into() }));
    let JobPayload::LiveCreate(a) = payload(4).unwrap() else { panic!() };
    assert_eq!(
        (a.title.as_str(), a.starts_at, a.public_id.as_str()),
        ("周六直播", 1_900_000_000_000, "2088000000000009")
    );
    assert_eq!(
        payload(6),
        Some(JobPayload::ProfileModify(ProfileFields {
            app_name: Some("小店".into()),
            logo: Some(hash('c', '3')),
            shop_photos: Some(vec![hash('d', '4')]),
            ..ProfileFields::default()
        }))
    );
    assert_eq!(
        JobPayload::ProfileModify(store.profile_edits(1).await.unwrap()[0].fields.clone()).uploads(),
        [
            (hash('c', '3'), UploadPurpose::material(MediaRuleName::ProfileLogo)),
            (hash('d', '4'), UploadPurpose::material(MediaRuleName::ProfileShopPhoto))
        ],
        "the edit names the same pictures its job sends"
    );
    // The change waits for the announcement; once it goes out, its request reads.
    assert_eq!(payload(5), None);
    store
        .record_outcomes(
            &[(
                due.iter().find(|d| d.job.id == 4).unwrap().job.clone(),
                studio_store::JobOutcome::Announced { advance_id: "A1".into() },
            )],
            1_700_000_100_000,
        )
        .await
        .unwrap();
    let next = store.claim_due_jobs(1_700_000_100_000, 100).await.unwrap();
    assert_eq!(
        next.iter().find(|d| d.job.id == 5).map(|d| d.payload.clone()),
        Some(JobPayload::LiveModify(LiveChange {
            public_id: "2088000000000009".into(),
            advance_id: None,
            title: "周六晚场".into(),
            starts_at: 1_900_003_600_000,
        }))
    );
    // A request that cannot be read is never sent: it stops, saying why.
    assert_eq!(payload(8), None);
    let damaged = store.outbox(true, 100).await.unwrap().into_iter().find(|j| j.id == 8).unwrap();
    assert_eq!((damaged.kind, damaged.state), (JobKind::Publish, JobState::Failed));
    assert!(matches!(damaged.problem, Some(JobProblem::Corrupt { .. })), "{:?}", damaged.problem);
    // Opening again changes nothing more.
    store.close().await;
    let store = Store::open(dir.path()).await.unwrap();
    assert_eq!(store.outbox(true, 100).await.unwrap().len(), 8);
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok".to_string()]);
}

#[tokio::test]
async fn a_version_11_library_keeps_its_zones_slots_livestream_lengths_and_reminders() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 11, include_str!("fixtures/v11.sql")).await;
    let store = Store::open(dir.path()).await.unwrap();
    let account = store.account(1).await.unwrap().unwrap();
    assert_eq!(account.time_zone.as_str(), "Europe/Berlin");
    let slots = store.queue_slots(1).await.unwrap();
    assert_eq!(slots.iter().map(|s| (s.weekday, s.minute)).collect::<Vec<_>>(), [(1, 720), (5, 1200)]);
    let live = store.livestream(1).await.unwrap().unwrap();
    assert_eq!(live.minutes, 90);
    let posts = store.planned_posts(1_900_000_000_000, 1_900_001_000_000, None).await.unwrap();
    assert_eq!(posts.iter().map(|p| (p.draft_id, p.scheduled_at)).collect::<Vec<_>>(), [(1, Some(1_900_000_800_000))]);
    assert_eq!(store.livestreams_between(1_900_000_000_000, 1_900_000_000_001, None).await.unwrap().len(), 1);
    assert_eq!(store.reminders_checked_at().await.unwrap(), Some(1_700_000_005_000));
    assert_eq!(store.settings().await.unwrap().reminder_minutes, [60, 10]);
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok".to_string()]);
}

#[tokio::test]
async fn a_version_12_library_keeps_its_review_turns_and_its_livestreams_get_an_empty_plan() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 12, include_str!("fixtures/v12.sql")).await;
    let store = Store::open(dir.path()).await.unwrap();
    let schedule = store.review_schedule(1).await.unwrap();
    assert_eq!(
        schedule.iter().map(|c| (c.subject.as_str(), c.next_at, c.asked)).collect::<Vec<_>>(),
        [("C1", Some(1_700_000_009_000), 3)]
    );
    let live = store.livestream(1).await.unwrap().unwrap();
    assert_eq!((live.minutes, live.plan.clone(), live.series_id), (120, studio_core::LivePlan::default(), None));
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok".to_string()]);
}

#[tokio::test]
async fn a_version_13_library_keeps_its_livestream_plans_outside_any_series() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 13, include_str!("fixtures/v13.sql")).await;
    let store = Store::open(dir.path()).await.unwrap();
    let live = store.livestream(1).await.unwrap().unwrap();
    assert_eq!(live.series_id, None);
    assert_eq!(live.plan.description, "秋冬新品");
    assert_eq!(live.plan.products[0].offer.id, "V1");
    assert_eq!(live.plan.total_minutes(), 60);
    assert!(live.plan.checklist[0].done);
    assert!(store.live_series_list(None).await.unwrap().is_empty());
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok".to_string()]);
}

#[tokio::test]
async fn a_version_14_library_keeps_its_series_and_warm_up_posts_and_has_no_live_profile_yet() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 14, include_str!("fixtures/v14.sql")).await;
    let store = Store::open(dir.path()).await.unwrap();
    let series = store.live_series(1).await.unwrap().unwrap();
    assert_eq!((series.rule.as_str(), series.minutes), ("FREQ=WEEKLY;BYDAY=SA", 90));
    let occurrences = store.series_occurrences(1).await.unwrap();
    assert_eq!(occurrences.iter().map(|o| o.title.as_str()).collect::<Vec<_>>(), ["每周六", "每周六晚场"]);
    let warmup = store.livestream(3).await.unwrap().unwrap().warmup.unwrap();
    assert_eq!((warmup.draft_id, warmup.lead_minutes), (1, 180));
    assert_eq!(store.live_profile(1).await.unwrap(), None);
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok".to_string()]);
}

#[tokio::test]
async fn a_version_15_library_keeps_its_live_profile_and_has_no_menu_yet() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 15, include_str!("fixtures/v15.sql")).await;
    let store = Store::open(dir.path()).await.unwrap();
    let live = store.live_profile(1).await.unwrap().unwrap();
    assert_eq!((live.app_name.as_str(), live.introduction.as_str()), ("街角咖啡", "现烤面包"));
    assert_eq!(store.profile_edits(1).await.unwrap()[0].status, studio_core::ProfileEditStatus::Approved);
    assert_eq!(store.menu_draft(1).await.unwrap(), None);
    assert_eq!(store.live_menu(1).await.unwrap(), None);
    assert!(store.menu_publishes(1).await.unwrap().is_empty());
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok".to_string()]);
}

#[tokio::test]
async fn a_version_16_library_keeps_its_messages_and_each_starts_its_history_with_what_it_says() {
    let dir = tempfile::tempdir().unwrap();
    library_at_version(dir.path(), 16, include_str!("fixtures/v16.sql")).await;
    let store = Store::open(dir.path()).await.unwrap();
    let messages = store.messages(Some(1)).await.unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!((messages[0].status, messages[0].message_id.as_deref()), (studio_core::MessageStatus::Sent, Some("M1")));
    for m in &messages {
        let history = store.message_revisions(m.id).await.unwrap();
        assert_eq!(history.len(), 1, "{history:?}");
        assert_eq!((history[0].reason, &history[0].fields), (RevisionReason::Create, &m.fields));
        assert_eq!(history[0].updated_at, m.updated_at);
    }
    assert!(store.menu_draft(1).await.unwrap().is_some());
    assert_eq!(store.integrity_check().await.unwrap(), vec!["ok".to_string()]);
}
