//! Publishing through the outbox against the real emulator on loopback:
//! lost answers are reconciled, never blindly resent; tampered answers are
//! never applied; offline work waits and goes through; the platform's word
//! comes back.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use alipay_emulator::{Emulator, EmulatorConfig, Faults, Review};
use alipay_open::methods::{ContentBatchQuery, ContentPublish};
use alipay_open::{AlipayClient, CallOptions, Config, PrivateKey};
use studio_core::sync::RetryPolicy;
use studio_core::sync::UploadPurpose;
use studio_core::{Account, AccountRole, JobState, NewAccount, NewDraft, PublicationStatus};
use studio_core::{ContentHash, JobProblem, LivestreamStatus, MediumRole};
use studio_store::{LivestreamChange, LivestreamWithdrawal, PublishRequest, Store};
use studio_sync::{secrets, Engine, EngineOptions, Secrets};

const APP_ID: &str = "2021000000000042";

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

fn fast() -> EngineOptions {
    EngineOptions {
        retry: RetryPolicy { base_ms: 5, cap_ms: 50, max_attempts: 30 },
        seed: Some(7),
        timeout: Duration::from_secs(5),
        ..EngineOptions::default()
    }
}

struct World {
    dir: tempfile::TempDir,
    store: Store,
    account: Account,
    app_key: PrivateKey,
    platform_key: PrivateKey,
    emulator: Option<Emulator>,
    secrets: Arc<Secrets>,
}

async fn start_emulator(dir: &Path, platform_key: &PrivateKey, app_key: &PrivateKey, port: u16) -> Emulator {
    Emulator::start(EmulatorConfig {
        listen: ([127, 0, 0, 1], port).into(),
        data_dir: Some(dir.join("platform")),
        platform_key: platform_key.clone(),
        apps: vec![(APP_ID.to_string(), app_key.public_key())],
        review: Review { delay: Duration::from_millis(100), banned_words: vec!["违禁词".into()] },
        ..EmulatorConfig::ephemeral()
    })
    .await
    .unwrap()
}

async fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let platform_key = PrivateKey::generate();
    let app_key = PrivateKey::generate();
    let emulator = start_emulator(dir.path(), &platform_key, &app_key, 0).await;
    let store = Store::open(&dir.path().join("library")).await.unwrap();
    let account = store
        .add_account(
            &NewAccount {
                name: "测试账号".into(),
                role: AccountRole::Creator,
                gateway: emulator.gateway_url(),
                app_id: APP_ID.into(),
                platform_key: platform_key.public_key().to_pem(),
                public_id: String::new(),
            },
            now(),
        )
        .await
        .unwrap();
    let secrets = Arc::new(Secrets::file(&dir.path().join("library"), "passphrase").unwrap());
    secrets.set(&secrets::name::app_key(account.id), &app_key.to_pkcs8_pem()).unwrap();
    World { dir, store, account, app_key, platform_key, emulator: Some(emulator), secrets }
}

impl World {
    fn engine(&self) -> Engine {
        Engine::new(self.store.clone(), &self.dir.path().join("library"), Some(self.secrets.clone()), None, fast())
            .unwrap()
    }

    fn emulator(&self) -> &Emulator {
        self.emulator.as_ref().unwrap()
    }

    async fn queue(&self, title: &str, body: &str) -> i64 {
        let draft = self
            .store
            .insert_draft(&NewDraft { kind: None, title: title.into(), body: body.into() }, now())
            .await
            .unwrap();
        let queued = self.request(draft.id).await;
        assert!(matches!(queued, PublishRequest::Queued(_)), "{queued:?}");
        draft.id
    }

    async fn request(&self, draft: i64) -> PublishRequest {
        self.store.request_publish(draft, self.account.id, None, false, now(), |_, _| Ok(())).await.unwrap()
    }

    fn client(&self) -> AlipayClient {
        AlipayClient::new(Config {
            gateway_url: self.emulator().gateway_url(),
            app_id: APP_ID.into(),
            app_key: self.app_key.clone(),
            alipay_public_key: self.platform_key.public_key(),
            timeout: Duration::from_secs(5),
        })
    }

    /// Every content the platform holds for the account.
    async fn platform_contents(&self) -> Vec<alipay_open::methods::ContentState> {
        let client = self.client();
        let mut all = Vec::new();
        for page_num in 1.. {
            let q = ContentBatchQuery { page_num, page_size: 20, need_detail: true, status: None };
            let page = client.content_page(&q, &CallOptions::default()).await.unwrap();
            if page.contents.is_empty() {
                break;
            }
            all.extend(page.contents);
        }
        all
    }
}

#[tokio::test]
async fn publish_after_lost_response_does_not_duplicate() {
    let w = world().await;
    let draft = w.queue("丢失的回答", "请求生效了，回答却没有到达 & = + %").await;
    let engine = w.engine();
    w.emulator().set_faults(Faults { drop_after: 1.0, ..Faults::default() });
    let first = engine.round(now()).await.unwrap();
    assert_eq!((first.sent, first.retried), (1, 1));
    let job = &w.store.outbox(true, 10).await.unwrap()[0];
    assert_eq!(job.state, JobState::Unknown, "a lost answer is not taken as failure or success");
    assert_eq!(w.platform_contents_after_clearing_faults().await.len(), 1, "the request did take effect");

    let report = engine.run_until_idle(now() + 10_000, now).await.unwrap();
    assert_eq!(report.reconciled, 1, "found on the platform: {report:?}");
    assert_eq!(report.sent, 0, "and not sent again");
    let contents = w.platform_contents().await;
    assert_eq!(contents.len(), 1, "exactly one post on the platform");
    let publication = w.store.publication(draft, w.account.id).await.unwrap().unwrap();
    assert_eq!(publication.content_id.as_deref(), Some(contents[0].content_id.as_str()));
    assert_eq!(publication.status, PublicationStatus::UnderReview);
    assert_eq!(w.store.outbox(true, 10).await.unwrap()[0].state, JobState::Done);
}

#[tokio::test]
async fn a_livestream_moved_or_withdrawn_while_its_announcement_went_unanswered_is_moved_or_withdrawn_there() {
    let w = world().await;
    let public_id = "public-studio";
    let starts = now() + 86_400_000;
    let mut ids = Vec::new();
    for (i, title) in ["周六直播", "周日直播"].into_iter().enumerate() {
        let out_id = format!("lost-{i}");
        ids.push(
            w.store
                .plan_livestream(
                    &studio_store::NewLivestream {
                        account_id: w.account.id,
                        public_id,
                        title,
                        starts_at: starts,
                        minutes: 120,
                        out_advance_id: &out_id,
                        plan: &Default::default(),
                    },
                    now(),
                )
                .await
                .unwrap()
                .0
                .id,
        );
    }
    // Both announcements arrive; their answers do not.
    w.emulator().set_faults(Faults { drop_after: 1.0, ..Faults::default() });
    let engine = w.engine();
    engine.round(now()).await.unwrap();
    w.emulator().set_faults(Faults::default());

    // Moved and withdrawn before the studio knows: the platform holds them as first sent.
    let later = starts + 3_600_000;
    let moved = w.store.change_livestream(ids[0], public_id, "周六晚场直播", later, now()).await.unwrap();
    assert!(matches!(moved, LivestreamChange::Queued(_)), "changed on the platform, not re-announced: {moved:?}");
    let withdrawn = w.store.withdraw_livestream(ids[1], public_id, now()).await.unwrap();
    assert!(matches!(withdrawn, LivestreamWithdrawal::Queued(_)), "deleted on the platform: {withdrawn:?}");

    engine.run_until_idle(now() + 10_000, now).await.unwrap();
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", w.dir.path().join("platform/emulator.sqlite3").display()))
            .await
            .unwrap();
    let mut advances: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT title, advance_time, deleted FROM advances").fetch_all(&pool).await.unwrap();
    advances.sort();
    let at = |ms: i64| alipay_open::time::format(chrono::DateTime::from_timestamp_millis(ms).unwrap());
    assert_eq!(advances, [("周六晚场直播".to_string(), at(later), 0), ("周日直播".to_string(), at(starts), 1)]);
    let lives = w.store.livestreams(w.account.id).await.unwrap();
    let mut statuses: Vec<(i64, LivestreamStatus)> = lives.iter().map(|l| (l.id, l.status)).collect();
    statuses.sort_by_key(|s| s.0);
    assert_eq!(statuses, [(ids[0], LivestreamStatus::Announced), (ids[1], LivestreamStatus::Withdrawn)]);
    assert!(w.store.outbox(true, 10).await.unwrap().iter().all(|j| j.state == JobState::Done));
}

#[tokio::test]
async fn a_post_under_review_is_asked_about_on_its_own_schedule_and_a_scheduled_one_not_before_its_time() {
    let w = world().await;
    let draft = w.queue("审核中的帖子", "很快就有结果").await;
    let later = w
        .store
        .insert_draft(&NewDraft { kind: None, title: "明天发".into(), body: "定时".into() }, now())
        .await
        .unwrap();
    let at = now() + 3_600_000;
    w.store.request_publish(later.id, w.account.id, Some(at), false, now(), |_, _| Ok(())).await.unwrap();
    let engine = w.engine();
    engine.run_until_idle(now() + 10_000, now).await.unwrap();
    let t0 = now();
    // Just sent: nothing to ask yet; the first question comes two seconds on.
    assert!(engine.check_reviews(&w.account, t0).await.unwrap().changed.is_empty());
    let first = engine.next_review_check().await.unwrap().unwrap();
    assert!((t0 + 1_900..=t0 + 2_100).contains(&first), "{first} vs {t0}");
    // The emulator's review (100 ms) is over by then: one question settles it.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let report = engine.check_reviews(&w.account, first).await.unwrap();
    assert_eq!(
        report.changed.iter().map(|p| (p.draft_id, p.status)).collect::<Vec<_>>(),
        [(draft, PublicationStatus::Published)]
    );
    // The scheduled post is not asked about before the platform publishes it.
    assert_eq!(engine.next_review_check().await.unwrap(), Some(at));
    assert!(engine.check_reviews(&w.account, first + 60_000).await.unwrap().changed.is_empty());
    let p = w.store.publication(later.id, w.account.id).await.unwrap().unwrap();
    assert_eq!(p.status, PublicationStatus::UnderReview);
}

#[tokio::test]
async fn a_publish_lost_before_it_arrived_is_sent_again_once() {
    let w = world().await;
    let draft = w.queue("没送到", "连接在处理前就断了").await;
    let engine = w.engine();
    w.emulator().set_faults(Faults { drop_before: 1.0, ..Faults::default() });
    engine.round(now()).await.unwrap();
    assert!(w.platform_contents_after_clearing_faults().await.is_empty());
    let report = engine.run_until_idle(now() + 10_000, now).await.unwrap();
    assert_eq!((report.reconciled, report.sent), (0, 1), "looked, found nothing, sent once: {report:?}");
    assert_eq!(w.platform_contents().await.len(), 1);
    assert!(w.store.publication(draft, w.account.id).await.unwrap().unwrap().content_id.is_some());
}

impl World {
    async fn platform_contents_after_clearing_faults(&self) -> Vec<alipay_open::methods::ContentState> {
        self.emulator().set_faults(Faults::default());
        self.platform_contents().await
    }
}

#[tokio::test]
async fn identical_posts_each_get_their_own_content_when_answers_are_lost() {
    let w = world().await;
    let a = w.queue("同样的标题", "同样的正文").await;
    let b = w.queue("同样的标题", "同样的正文").await;
    let engine = w.engine();
    w.emulator().set_faults(Faults { drop_after: 1.0, ..Faults::default() });
    engine.round(now()).await.unwrap();
    let jobs = w.store.outbox(true, 10).await.unwrap();
    assert!(jobs.iter().all(|j| j.state == JobState::Unknown), "{jobs:?}");
    w.emulator().set_faults(Faults::default());
    let report = engine.run_until_idle(now() + 10_000, now).await.unwrap();
    assert_eq!((report.reconciled, report.sent), (2, 0), "{report:?}");
    let contents = w.platform_contents().await;
    assert_eq!(contents.len(), 2);
    let ca = w.store.publication(a, w.account.id).await.unwrap().unwrap().content_id.unwrap();
    let cb = w.store.publication(b, w.account.id).await.unwrap().unwrap().content_id.unwrap();
    assert_ne!(ca, cb, "each draft owns one content");
}

#[tokio::test]
async fn a_response_with_a_tampered_signature_is_rejected_and_never_applied() {
    let w = world().await;
    let draft = w.queue("篡改", "回答被改过").await;
    let engine = w.engine();
    w.emulator().set_faults(Faults { bad_signature: 1.0, ..Faults::default() });
    engine.round(now()).await.unwrap();
    let publication = w.store.publication(draft, w.account.id).await.unwrap().unwrap();
    assert_eq!(publication.content_id, None, "nothing from the tampered answer was used");
    assert_eq!(publication.status, PublicationStatus::Queued);
    let job = &w.store.outbox(true, 10).await.unwrap()[0];
    assert_eq!(job.state, JobState::Unknown);
    assert!(
        matches!(
            job.problem,
            Some(JobProblem::Network { problem: studio_core::sync::NetworkProblem::BadSignature, .. })
        ),
        "{:?}",
        job.problem
    );
    w.emulator().set_faults(Faults::default());
    let report = engine.run_until_idle(now() + 10_000, now).await.unwrap();
    assert_eq!((report.reconciled, report.sent), (1, 0));
    assert_eq!(w.platform_contents().await.len(), 1);
}

#[tokio::test]
async fn offline_changes_wait_and_all_go_through_when_the_platform_is_back() {
    let mut w = world().await;
    let port = w.emulator().addr().port();
    w.emulator.take().unwrap().stop().await;
    let mut drafts = Vec::new();
    for i in 0..50 {
        drafts.push(w.queue(&format!("离线 {i}"), &format!("断网时写的第 {i} 篇")).await);
    }
    let engine = w.engine();
    let offline = engine.round(now()).await.unwrap();
    assert_eq!(offline.retried, 50, "{offline:?}");
    assert_eq!(w.store.waiting_jobs().await.unwrap(), 50);
    let jobs = w.store.outbox(false, 100).await.unwrap();
    assert!(jobs.iter().all(|j| j.state == JobState::Pending && j.error_code == "sync.unreachable"), "{jobs:?}");

    w.emulator = Some(start_emulator(w.dir.path(), &w.platform_key, &w.app_key, port).await);
    let report = engine.run_until_idle(now() + 20_000, now).await.unwrap();
    assert_eq!(report.failed, 0);
    assert_eq!(w.store.waiting_jobs().await.unwrap(), 0);
    assert_eq!(w.platform_contents().await.len(), 50);
    for d in drafts {
        assert!(w.store.publication(d, w.account.id).await.unwrap().unwrap().content_id.is_some());
    }
}

#[tokio::test]
async fn review_results_rejections_and_outside_posts_flow_back() {
    let w = world().await;
    let good = w.queue("好内容", "一切正常").await;
    let bad = w.queue("坏内容", "这里有违禁词").await;
    let engine = w.engine();
    engine.run_until_idle(now() + 10_000, now).await.unwrap();
    // A post made on the phone, not through the studio.
    let outside = ContentPublish {
        source_type: 1,
        source_title: "手机上发的".into(),
        source_content: "不是在电脑上写的".into(),
        ..Default::default()
    };
    w.client().publish_content(&outside, &CallOptions::default()).await.unwrap();

    let deadline = now() + 10_000;
    loop {
        let report = engine.pull(&w.account, now()).await.unwrap();
        let good_p = w.store.publication(good, w.account.id).await.unwrap().unwrap();
        let bad_p = w.store.publication(bad, w.account.id).await.unwrap().unwrap();
        if good_p.status == PublicationStatus::Published && bad_p.status == PublicationStatus::Rejected {
            assert!(bad_p.reason.contains("违禁词"), "the reason is shown: {}", bad_p.reason);
            break;
        }
        assert!(now() < deadline, "review never came back: {good_p:?} {bad_p:?} {report:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let adopted: Vec<_> = w.store.drafts().await.unwrap().into_iter().filter(|d| d.title == "手机上发的").collect();
    assert_eq!(adopted.len(), 1, "the outside post is in the library once");
    let again = engine.pull(&w.account, now()).await.unwrap();
    assert_eq!(again.adopted, 0, "and is not adopted twice");
}

#[tokio::test]
async fn a_refused_publish_stops_with_the_platforms_words_and_can_be_cancelled() {
    let w = world().await;
    // The platform requires a body.
    let draft = w.queue("没有正文", "").await;
    let engine = w.engine();
    let report = engine.run_until_idle(now() + 10_000, now).await.unwrap();
    assert_eq!(report.failed, 1);
    let job = w.store.outbox(true, 10).await.unwrap().remove(0);
    assert_eq!((job.state, job.error_code.as_str()), (JobState::Failed, "sync.refused"));
    let Some(JobProblem::Platform { message, .. }) = &job.problem else { panic!("{:?}", job.problem) };
    assert!(message.contains("source_content"), "{message}");
    assert_eq!(job.attempts, 1, "a permanent error is not retried");
    let p = w.store.publication(draft, w.account.id).await.unwrap().unwrap();
    assert_eq!(p.status, PublicationStatus::Failed);
    assert!(w.store.cancel_job(job.id, now()).await.unwrap());
    assert_eq!(w.store.publication(draft, w.account.id).await.unwrap().unwrap().status, PublicationStatus::Cancelled);
}

#[tokio::test]
async fn asking_twice_queues_once_and_a_post_on_the_platform_is_not_queued_again() {
    let w = world().await;
    let draft = w.queue("两次", "点了两次发布").await;
    let again = w.request(draft).await;
    assert!(matches!(again, PublishRequest::AlreadyQueued(_)), "{again:?}");
    w.engine().run_until_idle(now() + 10_000, now).await.unwrap();
    let third = w.request(draft).await;
    assert!(matches!(third, PublishRequest::AlreadyOnPlatform(_)), "{third:?}");
    assert_eq!(w.platform_contents().await.len(), 1);
}

#[tokio::test]
async fn only_one_worker_runs_on_a_library() {
    let w = world().await;
    let _first = w.engine();
    let second = Engine::new(w.store.clone(), &w.dir.path().join("library"), None, None, fast());
    assert!(matches!(second, Err(studio_sync::SyncError::Busy)));
}

#[tokio::test]
async fn publishing_again_deletes_the_old_post_first_and_publishes_once() {
    let w = world().await;
    let draft = w.queue("第一版", "原来的正文").await;
    let engine = w.engine();
    engine.run_until_idle(now() + 10_000, now).await.unwrap();
    let old = w.store.publication(draft, w.account.id).await.unwrap().unwrap().content_id.unwrap();
    w.store
        .update_draft(draft, &studio_core::DraftPatch { body: Some("改过的正文".into()), ..Default::default() }, now())
        .await
        .unwrap();
    let again = w.store.request_publish(draft, w.account.id, None, true, now(), |_, _| Ok(())).await.unwrap();
    assert!(matches!(again, PublishRequest::Queued(_)), "{again:?}");
    engine.run_until_idle(now() + 10_000, now).await.unwrap();

    let contents = w.platform_contents().await;
    assert_eq!(contents.len(), 2, "the old post, deleted, and the new one");
    let old_state = contents.iter().find(|c| c.content_id == old).unwrap();
    assert_eq!(old_state.source_status, 3, "the old post was deleted");
    let now_p = w.store.publication(draft, w.account.id).await.unwrap().unwrap();
    let new_id = now_p.content_id.clone().unwrap();
    assert_ne!(new_id, old);
    assert_eq!(contents.iter().find(|c| c.content_id == new_id).unwrap().source_content, "改过的正文");
    let pulled = engine.pull(&w.account, now()).await.unwrap();
    assert_eq!(pulled.adopted, 0, "the replaced post is not taken for one made elsewhere");
    assert_eq!(w.store.publication(draft, w.account.id).await.unwrap().unwrap().content_id, Some(new_id));
}

/// A real JPEG of `w`×`h` with a colour of its own, imported into the
/// library's media folder and recorded as an asset.
async fn photo(w: &World, media: &studio_media::MediaStore, shade: u8) -> ContentHash {
    let path = w.dir.path().join(format!("photo-{shade}.jpg"));
    image::RgbImage::from_fn(640, 480, |x, y| image::Rgb([shade, (x % 256) as u8, (y % 256) as u8]))
        .save(&path)
        .unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let asset = media.import(&path, &studio_media::ImportOptions::default(), &cancel, &mut |_| {}).unwrap();
    let record = studio_core::media::MediaAsset {
        hash: asset.hash.clone(),
        kind: asset.probe.kind,
        format: asset.probe.format,
        bytes: asset.bytes,
        width: asset.probe.width,
        height: asset.probe.height,
        duration_ms: None,
        codec: None,
        original_name: asset.original_name,
        imported_at: now(),
        tags: Vec::new(),
    };
    w.store.add_asset(&record).await.unwrap();
    asset.hash
}

#[tokio::test]
async fn images_go_up_once_per_account_and_the_posts_carry_their_file_ids() {
    let w = world().await;
    let media = studio_media::MediaStore::open(w.dir.path().join("library/media")).unwrap();
    let shared = photo(&w, &media, 10).await;
    let own = photo(&w, &media, 200).await;
    let image =
        |hash: &ContentHash| studio_store::DraftMediumRow { hash: hash.clone(), role: MediumRole::Image, focal: None };
    let make = |title: &'static str| NewDraft { kind: None, title: title.into(), body: "配图的帖子".into() };
    let a = w.store.insert_draft(&make("两张图"), now()).await.unwrap().id;
    let b = w.store.insert_draft(&make("一张图"), now()).await.unwrap().id;
    assert_eq!(w.store.set_draft_media(a, &[image(&shared), image(&own)]).await.unwrap(), studio_store::MediaSet::Set);
    assert_eq!(w.store.set_draft_media(b, &[image(&shared)]).await.unwrap(), studio_store::MediaSet::Set);
    for d in [a, b] {
        let queued = w.request(d).await;
        assert!(matches!(queued, PublishRequest::Queued(_)), "{queued:?}");
    }
    let engine = w.engine().with_media(media);
    let report = engine.run_until_idle(now() + 30_000, now).await.unwrap();
    assert_eq!(report.failed, 0, "{report:?}");

    let contents = w.platform_contents().await;
    assert_eq!(contents.len(), 2, "one post per draft");
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", w.dir.path().join("platform/emulator.sqlite3").display()))
            .await
            .unwrap();
    let requests: Vec<(String, String)> =
        sqlx::query_as("SELECT title, request FROM contents").fetch_all(&pool).await.unwrap();
    let shared_id = w
        .store
        .remote_file(w.account.id, &shared, UploadPurpose::for_medium(MediumRole::Image, None))
        .await
        .unwrap()
        .unwrap();
    let own_id = w
        .store
        .remote_file(w.account.id, &own, UploadPurpose::for_medium(MediumRole::Image, None))
        .await
        .unwrap()
        .unwrap();
    for (title, request) in requests {
        let sent: serde_json::Value = serde_json::from_str(&request).unwrap();
        let ids: Vec<&str> =
            sent["source_media_infos"].as_array().unwrap().iter().map(|m| m["media_id"].as_str().unwrap()).collect();
        let want =
            if title == "两张图" { vec![shared_id.as_str(), own_id.as_str()] } else { vec![shared_id.as_str()] };
        assert_eq!(ids, want, "{title}");
    }
    // The shared image went up once and was reused by the second draft.
    let (files,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM files").fetch_one(&pool).await.unwrap();
    assert_eq!(files, 2, "two distinct images, two uploads");
}

#[tokio::test]
async fn a_cover_goes_up_cut_where_the_user_placed_it_and_a_new_crop_is_a_new_upload() {
    use md5::{Digest, Md5};
    let w = world().await;
    let media = studio_media::MediaStore::open(w.dir.path().join("library/media")).unwrap();
    let picture = photo(&w, &media, 90).await;
    let medium = |role, focal| studio_store::DraftMediumRow { hash: picture.clone(), role, focal };
    let draft = w
        .store
        .insert_draft(&NewDraft { kind: None, title: "有封面".into(), body: "封面裁在右边".into() }, now())
        .await
        .unwrap()
        .id;
    let media_rows = [medium(MediumRole::Image, None), medium(MediumRole::Cover, Some((800, 500)))];
    assert_eq!(w.store.set_draft_media(draft, &media_rows).await.unwrap(), studio_store::MediaSet::Set);
    assert!(matches!(w.request(draft).await, PublishRequest::Queued(_)));
    let engine = w.engine().with_media(media.clone());
    let report = engine.run_until_idle(now() + 30_000, now).await.unwrap();
    assert_eq!(report.failed, 0, "{report:?}");

    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", w.dir.path().join("platform/emulator.sqlite3").display()))
            .await
            .unwrap();
    let (request,): (String,) = sqlx::query_as("SELECT request FROM contents").fetch_one(&pool).await.unwrap();
    let sent: serde_json::Value = serde_json::from_str(&request).unwrap();
    let types: Vec<&str> =
        sent["source_media_infos"].as_array().unwrap().iter().map(|m| m["media_type"].as_str().unwrap()).collect();
    assert_eq!(types, ["image", "cover_static"], "the picture and its cover");
    let cover_id =
        w.store.remote_file(w.account.id, &picture, "cover_3x4@800,500".parse().unwrap()).await.unwrap().unwrap();
    assert_eq!(sent["source_media_infos"][1]["media_id"], cover_id.as_str());

    // What went up is exactly the 3:4 cut around the user's point.
    let spec = studio_core::media::media_rule(studio_core::media::MediaRuleName::Cover3x4).spec;
    let focal = studio_core::media::FocalPoint { x: 0.8, y: 0.5 };
    let cut = studio_media::render(&media, &picture, &spec, Some(focal)).unwrap();
    let md5: String = Md5::digest(std::fs::read(&cut.path).unwrap()).iter().map(|b| format!("{b:02x}")).collect();
    let (uploaded,): (String,) =
        sqlx::query_as("SELECT md5 FROM files WHERE file_id = ?").bind(&cover_id).fetch_one(&pool).await.unwrap();
    assert_eq!(uploaded, md5);
    assert_eq!(cut.width * 4, cut.height * 3);

    // Moving the crop and publishing again uploads the new cut; the picture is reused.
    let moved = [medium(MediumRole::Image, None), medium(MediumRole::Cover, Some((200, 500)))];
    assert_eq!(w.store.set_draft_media(draft, &moved).await.unwrap(), studio_store::MediaSet::Set);
    let again = w.store.request_publish(draft, w.account.id, None, true, now(), |_, _| Ok(()));
    assert!(matches!(again.await.unwrap(), PublishRequest::Queued(_)));
    let report = engine.run_until_idle(now() + 30_000, now).await.unwrap();
    assert_eq!(report.failed, 0, "{report:?}");
    assert!(w.store.remote_file(w.account.id, &picture, "cover_3x4@200,500".parse().unwrap()).await.unwrap().is_some());
    let (files,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM files").fetch_one(&pool).await.unwrap();
    assert_eq!(files, 3, "the picture once, and one cover per crop");
}

#[tokio::test]
async fn a_lost_publish_whose_media_cannot_be_looked_up_waits_and_is_never_sent_again() {
    let w = world().await;
    let media = studio_media::MediaStore::open(w.dir.path().join("library/media")).unwrap();
    let picture = photo(&w, &media, 60).await;
    let draft = w
        .store
        .insert_draft(&NewDraft { kind: None, title: "配图丢了".into(), body: "正文".into() }, now())
        .await
        .unwrap()
        .id;
    let row = studio_store::DraftMediumRow { hash: picture.clone(), role: MediumRole::Image, focal: None };
    assert_eq!(w.store.set_draft_media(draft, &[row]).await.unwrap(), studio_store::MediaSet::Set);
    assert!(matches!(w.request(draft).await, PublishRequest::Queued(_)));
    let engine = w.engine().with_media(media);
    // The upload goes through; the publish arrives and its answer is lost.
    assert_eq!(engine.round(now()).await.unwrap().done, 1);
    w.emulator().set_faults(Faults { drop_after: 1.0, ..Faults::default() });
    engine.round(now()).await.unwrap();
    w.emulator().set_faults(Faults::default());
    assert_eq!(w.platform_contents().await.len(), 1, "it arrived");
    // The library no longer knows what the upload recorded (damaged, or changed by hand).
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", w.store.path().display())).await.unwrap();
    sqlx::query("DELETE FROM remote_files").execute(&pool).await.unwrap();
    pool.close().await;

    for _ in 0..5 {
        let report = engine.round(now() + 3_600_000).await.unwrap();
        assert_eq!((report.sent, report.reconciled), (0, 0), "nothing is sent, nothing is guessed: {report:?}");
    }
    let job =
        w.store.outbox(true, 10).await.unwrap().into_iter().find(|j| j.kind == studio_core::JobKind::Publish).unwrap();
    assert_eq!((job.state, job.error_code.as_str()), (JobState::Unknown, "sync.outcome_unknown"));
    assert_eq!(job.problem, Some(JobProblem::NotUploaded { hash: picture }), "the reason is kept for the user");
    assert_eq!(w.platform_contents().await.len(), 1, "still one post");
}

#[tokio::test]
async fn rounds_claiming_beside_each_other_through_lost_answers_put_every_post_there_once() {
    let w = world().await;
    let mut drafts = Vec::new();
    for i in 0..60 {
        drafts.push(w.queue(&format!("并行第 {i} 篇"), "轮次交叠").await);
    }
    // Small rounds, so that many claim while the one before still has
    // sends out, and lost answers, so that many of them look a post up.
    let options = EngineOptions { batch: 4, concurrency: 3, ..fast() };
    let engine =
        Engine::new(w.store.clone(), &w.dir.path().join("library"), Some(w.secrets.clone()), None, options).unwrap();
    w.emulator().set_faults(Faults { seed: 11, drop_after: 0.3, drop_before: 0.1, latency_ms: 5, ..Faults::default() });
    let mut report = engine.run_until_idle(now() + 3_000, now).await.unwrap();
    w.emulator().set_faults(Faults::default());
    report.add(&engine.run_until_idle(now() + 30_000, now).await.unwrap());
    assert_eq!(report.failed, 0, "{report:?}");
    assert!(report.reconciled > 0, "some answers were lost and looked up: {report:?}");
    // Each post finished once: a lost one was looked up by one round only.
    assert_eq!(report.done, 60, "{report:?}");
    assert_eq!(w.store.waiting_jobs().await.unwrap(), 0);

    let contents = w.platform_contents().await;
    let mut titles: Vec<&str> = contents.iter().map(|c| c.source_title.as_str()).collect();
    titles.sort();
    let before = titles.len();
    titles.dedup();
    assert_eq!(titles.len(), before, "a post went out twice");
    assert_eq!(before, 60, "every post is there");
    for d in drafts {
        assert!(w.store.publication(d, w.account.id).await.unwrap().unwrap().content_id.is_some());
    }
}

#[tokio::test]
async fn a_series_made_edited_and_skipped_through_lost_requests_and_answers_leaves_one_announcement_per_occurrence() {
    let w = world().await;
    let public_id = "public-studio";
    let zone = studio_core::ZoneName::default();
    let week = 7 * 86_400_000;
    let first = now() + 86_400_000;
    let first = first - first % 1_000;
    let starts: Vec<i64> = (0..6).map(|i| first + i * week).collect();
    let occurrences: Vec<studio_store::NewOccurrence> =
        starts.iter().map(|&at| studio_store::NewOccurrence { at, out_advance_id: format!("series-{at}") }).collect();
    let new = studio_store::NewSeries {
        account_id: w.account.id,
        public_id,
        rule: "FREQ=WEEKLY",
        first_start: first,
        zone: &zone,
        title: "每周直播",
        minutes: 90,
        plan: &Default::default(),
    };
    let (series, made) = w.store.create_series(&new, &occurrences, starts[5], now()).await.unwrap();
    assert_eq!(made.len(), 6);
    let engine = w.engine();
    /// Sends through a storm of lost requests and answers, then in calm.
    async fn settle(engine: &Engine, emulator: &Emulator) {
        emulator.set_faults(Faults { seed: 5, drop_after: 0.3, drop_before: 0.2, latency_ms: 2, ..Faults::default() });
        engine.run_until_idle(now() + 2_000, now).await.unwrap();
        emulator.set_faults(Faults::default());
        engine.run_until_idle(now() + 30_000, now).await.unwrap();
    }
    settle(&engine, w.emulator()).await;
    assert_eq!(w.store.waiting_jobs().await.unwrap(), 0);

    // The third and those after: a new title, an hour later. The second: skipped.
    let edit = studio_store::SeriesEdit {
        title: "每周晚场",
        shift_ms: 3_600_000,
        rule: None,
        announced_until: starts[5] + 3_600_000,
    };
    let edited = w.store.edit_series_from(made[2].id, public_id, &edit, now()).await.unwrap();
    assert!(matches!(edited, studio_store::SeriesEdited::Done(ref s) if s.id != series.id), "{edited:?}");
    w.store.withdraw_livestream(made[1].id, public_id, now()).await.unwrap();
    settle(&engine, w.emulator()).await;
    assert_eq!(w.store.waiting_jobs().await.unwrap(), 0);

    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", w.dir.path().join("platform/emulator.sqlite3").display()))
            .await
            .unwrap();
    let rows: Vec<(String, String, String, bool)> =
        sqlx::query_as("SELECT out_advance_id, title, advance_time, deleted FROM advances ORDER BY out_advance_id")
            .fetch_all(&pool)
            .await
            .unwrap();
    pool.close().await;
    let beijing = |ms: i64| alipay_open::time::format(chrono::DateTime::from_timestamp_millis(ms).unwrap());
    let want: Vec<(String, String, String, bool)> = starts
        .iter()
        .enumerate()
        .map(|(i, &at)| match i {
            0 => (format!("series-{at}"), "每周直播".to_string(), beijing(at), false),
            1 => (format!("series-{at}"), "每周直播".to_string(), beijing(at), true),
            _ => (format!("series-{at}"), "每周晚场".to_string(), beijing(at + 3_600_000), false),
        })
        .collect();
    assert_eq!(rows, want, "one announcement per occurrence, each as the library has it");
}

#[tokio::test]
async fn an_icon_menu_goes_up_through_lost_requests_and_answers_and_the_platform_shows_it_as_sent() {
    let w = world().await;
    let media = studio_media::MediaStore::open(w.dir.path().join("library/media")).unwrap();
    let (cafe, map) = (photo(&w, &media, 30).await, photo(&w, &media, 160).await);
    let icon = |name: &str, hash: &ContentHash, action, param: &str| studio_core::MenuEntry {
        icon: Some(hash.clone()),
        ..studio_core::MenuEntry::new(name, action, param)
    };
    let menu = studio_core::Menu {
        kind: studio_core::MenuKind::Icon,
        entries: vec![
            icon("官网", &cafe, studio_core::MenuAction::Link, "https://example.com/?a=b&c=d"),
            icon("门店", &map, studio_core::MenuAction::Map, "街角咖啡"),
            icon("订单", &cafe, studio_core::MenuAction::Consumption, ""),
        ],
    };
    let (first, _) = w.store.publish_menu(w.account.id, &menu, now()).await.unwrap();
    let jobs = w.store.outbox(true, 10).await.unwrap();
    assert_eq!(jobs.len(), 3, "two icon uploads (the shared icon once), then the menu: {jobs:?}");

    w.emulator().set_faults(Faults { seed: 11, drop_before: 0.3, drop_after: 0.3, ..Faults::default() });
    let engine = w.engine().with_media(media);
    let report = engine.run_until_idle(now() + 60_000, now).await.unwrap();
    assert_eq!(report.failed, 0, "{report:?}");
    assert!(report.retried > 0, "the storm reached the menu's jobs: {report:?}");
    w.emulator().set_faults(Faults::default());
    assert!(w.store.outbox(true, 10).await.unwrap().iter().all(|j| j.state == JobState::Done));

    let live = w.client().menus(&CallOptions::default()).await.unwrap();
    assert_eq!(live.count, 1, "one default menu, however often it was sent");
    let shown = &live.menus[0];
    assert_eq!(shown.kind, "icon");
    let purpose = UploadPurpose::material(studio_core::media::MediaRuleName::MenuIcon);
    let url = |h: &ContentHash| {
        let store = w.store.clone();
        let h = h.clone();
        async move { store.remote_file(w.account.id, &h, purpose).await.unwrap().unwrap() }
    };
    let (cafe_url, map_url) = (url(&cafe).await, url(&map).await);
    let seen: Vec<(&str, &str, &str, &str)> = shown
        .button
        .iter()
        .map(|b| (b.name.as_str(), b.action_type.as_str(), b.action_param.as_str(), b.icon.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("官网", "link", "https://example.com/?a=b&c=d", cafe_url.as_str()),
            ("门店", "map", "街角咖啡", map_url.as_str()),
            ("订单", "consumption", "", cafe_url.as_str()),
        ]
    );
    let publish = &w.store.menu_publishes(w.account.id).await.unwrap()[0];
    assert_eq!((publish.id, publish.status), (first.id, studio_core::MenuPublishStatus::Published));
    let kept = w.store.live_menu(w.account.id).await.unwrap().unwrap().menu.unwrap();
    assert_eq!(kept.entries.iter().map(|e| e.icon_url.as_str()).collect::<Vec<_>>(), [&cafe_url, &map_url, &cafe_url]);

    // Read back by the engine as the platform shows it: the same menu.
    let read = engine.read_menu(&w.account, now()).await.unwrap().unwrap().menu.unwrap();
    assert_eq!(read.entries.len(), 3);
    assert_eq!((read.entries[1].name.as_str(), read.entries[1].icon_url.as_str()), ("门店", map_url.as_str()));

    // A menu the platform refuses stops with its words; the live one stays.
    let text = studio_core::Menu {
        kind: studio_core::MenuKind::Text,
        entries: vec![studio_core::MenuEntry::new("电话", studio_core::MenuAction::Tel, "12ab")],
    };
    w.store.publish_menu(w.account.id, &text, now()).await.unwrap();
    engine.run_until_idle(now() + 10_000, now).await.unwrap();
    let refused = &w.store.menu_publishes(w.account.id).await.unwrap()[0];
    assert_eq!(refused.status, studio_core::MenuPublishStatus::Failed);
    assert!(refused.words.contains("action_param"), "{}", refused.words);
    assert_eq!(w.client().menus(&CallOptions::default()).await.unwrap().menus[0].kind, "icon");
}

/// Every message the emulator holds for the test's app: (body, recalled).
async fn platform_messages(w: &World) -> Vec<(String, Option<i64>)> {
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", w.dir.path().join("platform/emulator.sqlite3").display()))
            .await
            .unwrap();
    sqlx::query_as("SELECT body, recalled_at FROM messages ORDER BY sent_at").fetch_all(&pool).await.unwrap()
}

fn text_message(body: &str) -> studio_core::MessageFields {
    studio_core::MessageFields { body: body.into(), ..Default::default() }
}

#[tokio::test]
async fn a_message_whose_answer_was_lost_stops_for_the_user_and_is_never_sent_twice() {
    let w = world().await;
    let engine = w.engine();
    let lost = w.store.create_message(w.account.id, &text_message("今晚八点直播，不见不散"), now()).await.unwrap();
    w.store.send_message(lost.id, None, now()).await.unwrap();
    w.emulator().set_faults(Faults { drop_after: 1.0, ..Faults::default() });
    engine.run_until_idle(now() + 10_000, now).await.unwrap();
    w.emulator().set_faults(Faults::default());
    engine.run_until_idle(now() + 10_000, now).await.unwrap();
    assert_eq!(platform_messages(&w).await.len(), 1, "it reached the platform once");
    let stopped = w.store.message(lost.id).await.unwrap().unwrap();
    assert_eq!(stopped.status, studio_core::MessageStatus::Failed, "{stopped:?}");
    assert_eq!(
        stopped.error_code.as_deref(),
        Some(studio_core::sync::code::OUTCOME_UNKNOWN),
        "the message says why it stopped: it may have gone out"
    );
    let job = w.store.outbox(true, 10).await.unwrap().into_iter().find(|j| j.target == lost.id).unwrap();
    assert_eq!((job.state, job.error_code.as_str()), (JobState::Failed, studio_core::sync::code::OUTCOME_UNKNOWN));

    // One the platform turned away unhandled (throttled, with Retry-After)
    // is sent again, once. (A connection cut before any answer, or a 503,
    // cannot be told from a send that took effect: those stop, as above.)
    let second = w.store.create_message(w.account.id, &text_message("明天店休一天"), now()).await.unwrap();
    w.store.send_message(second.id, None, now()).await.unwrap();
    w.emulator().set_faults(Faults { seed: 5, too_many_requests: 0.6, ..Faults::default() });
    engine.run_until_idle(now() + 20_000, now).await.unwrap();
    w.emulator().set_faults(Faults::default());
    engine.run_until_idle(now() + 10_000, now).await.unwrap();
    let sent = w.store.message(second.id).await.unwrap().unwrap();
    assert_eq!(sent.status, studio_core::MessageStatus::Sent, "{sent:?}");
    assert_eq!(platform_messages(&w).await.len(), 2);

    // A worker stopped mid-send finds the job `sending`: it is not sent again.
    let third = w.store.create_message(w.account.id, &text_message("周末满减"), now()).await.unwrap();
    w.store.send_message(third.id, None, now()).await.unwrap();
    let claimed = w.store.claim_due_jobs(now(), 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    w.store.recover_interrupted_jobs(now()).await.unwrap();
    engine.run_until_idle(now() + 10_000, now).await.unwrap();
    assert_eq!(w.store.message(third.id).await.unwrap().unwrap().status, studio_core::MessageStatus::Failed);
    assert_eq!(platform_messages(&w).await.len(), 2, "a send cut off is not repeated");
}

#[tokio::test]
async fn an_image_text_message_is_previewed_sent_once_through_a_storm_and_recalled() {
    let w = world().await;
    let media = studio_media::MediaStore::open(w.dir.path().join("library/media")).unwrap();
    let cover = photo(&w, &media, 90).await;
    let fields = studio_core::MessageFields {
        kind: studio_core::MessageKind::ImageText,
        title: "秋冬新品".into(),
        body: "<p>新品上市</p>".into(),
        summary: "第二杯半价".into(),
        cover: Some(cover.clone()),
        comments: true,
        benefit: "第二杯半价".into(),
        keywords: vec!["咖啡".into()],
        previewers: vec!["a@example.com".into()],
    };
    let message = w.store.create_message(w.account.id, &fields, now()).await.unwrap();
    let engine = w.engine().with_media(media);
    // Previewed: the content page is made, and nothing goes to followers.
    w.store.preview_message(message.id, now()).await.unwrap();
    engine.run_until_idle(now() + 20_000, now).await.unwrap();
    let previewed = w.store.message(message.id).await.unwrap().unwrap();
    assert_eq!(previewed.status, studio_core::MessageStatus::Draft);
    let page = previewed.content_url.clone().expect("the content page is made");
    assert!(platform_messages(&w).await.is_empty());

    w.store.send_message(message.id, None, now()).await.unwrap();
    w.emulator().set_faults(Faults { seed: 3, too_many_requests: 0.5, ..Faults::default() });
    let report = engine.run_until_idle(now() + 30_000, now).await.unwrap();
    w.emulator().set_faults(Faults::default());
    assert!(report.retried > 0, "{report:?}");
    engine.run_until_idle(now() + 10_000, now).await.unwrap();
    let sent = w.store.message(message.id).await.unwrap().unwrap();
    assert_eq!(sent.status, studio_core::MessageStatus::Sent, "{sent:?}");
    assert_eq!(sent.content_url.as_deref(), Some(page.as_str()), "the previewed page is the one sent");
    let on_platform = platform_messages(&w).await;
    assert_eq!(on_platform.len(), 1);
    let body: serde_json::Value = serde_json::from_str(&on_platform[0].0).unwrap();
    assert_eq!(body["articles"][0]["url"], page.as_str());
    assert_eq!(body["articles"][0]["desc"], "第二杯半价");
    let cover_url = w
        .store
        .remote_file(w.account.id, &cover, UploadPurpose::material(studio_core::media::MediaRuleName::MessageCover))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(body["articles"][0]["image_url"], cover_url.as_str());
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", w.dir.path().join("platform/emulator.sqlite3").display()))
            .await
            .unwrap();
    let (contents,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM message_contents").fetch_one(&pool).await.unwrap();
    assert_eq!(contents, 1, "the page made for the preview is changed, not made again");

    w.store.recall_message(message.id, now()).await.unwrap();
    w.emulator().set_faults(Faults { drop_after: 1.0, ..Faults::default() });
    engine.round(now()).await.unwrap();
    w.emulator().set_faults(Faults::default());
    engine.run_until_idle(now() + 10_000, now).await.unwrap();
    assert_eq!(w.store.message(message.id).await.unwrap().unwrap().status, studio_core::MessageStatus::Recalled);
    assert!(platform_messages(&w).await[0].1.is_some(), "recalled on the platform");
}
