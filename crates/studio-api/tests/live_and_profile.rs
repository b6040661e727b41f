//! Livestream announcements and profile edits through the outbox to the
//! built-in emulator and back, as the window drives them.

mod common;

use std::time::Duration;

use md5::{Digest, Md5};
use studio_api::{
    ContentHash, EngineOptions, Lang, LivestreamStatus, MediaRuleName, ProfileEdit, ProfileEditStatus, ProfileFields,
    Studio,
};

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

async fn sync(studio: &Studio) {
    studio.sync_now(Duration::from_secs(30), EngineOptions::default()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_livestream_is_announced_then_withdrawn_and_bad_plans_are_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    assert_eq!(
        studio
            .plan_livestream("  ".into(), now() + 3_600_000, None, None)
            .await
            .unwrap_err()
            .in_lang(studio.lang())
            .code,
        "live_title_empty"
    );
    let past = studio
        .plan_livestream("昨晚的直播".into(), now() - 1_000, None, None)
        .await
        .unwrap_err()
        .in_lang(studio.lang());
    assert_eq!(past.code, "live_in_past");
    assert!(past.message.contains("过去"), "{}", past.message);

    let planned = studio.plan_livestream("周六晚八点秋冬新品".into(), now() + 3_600_000, None, None).await.unwrap();
    assert_eq!(planned.status, LivestreamStatus::Planned);
    sync(&studio).await;
    let lives = studio.list_livestreams(None).await.unwrap();
    assert_eq!(lives.iter().map(|l| l.status).collect::<Vec<_>>(), [LivestreamStatus::Announced]);

    assert_eq!(studio.withdraw_livestream(planned.id).await.unwrap().status, LivestreamStatus::Withdrawing);
    sync(&studio).await;
    assert_eq!(studio.list_livestreams(None).await.unwrap()[0].status, LivestreamStatus::Withdrawn);

    // One never sent is simply cancelled: nothing reaches the platform.
    let unsent = studio.plan_livestream("改期的直播".into(), now() + 7_200_000, None, None).await.unwrap();
    assert_eq!(studio.withdraw_livestream(unsent.id).await.unwrap().status, LivestreamStatus::Withdrawn);
    assert_eq!(studio.withdraw_livestream(999).await.unwrap_err().in_lang(studio.lang()).code, "livestream_not_found");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_profile_edit_goes_through_audit_and_a_refused_one_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let fields = |name: Option<&str>, intro: &str| ProfileFields {
        app_name: name.map(String::from),
        introduction: Some(intro.to_string()),
        ..ProfileFields::default()
    };
    assert_eq!(
        studio.submit_profile_edit(fields(None, "  "), None).await.unwrap_err().in_lang(studio.lang()).code,
        "profile_edit_empty"
    );
    let short = studio.submit_profile_edit(fields(Some("街"), "现烤"), None).await.unwrap_err().in_lang(studio.lang());
    assert_eq!(short.code, "profile_name_length");
    assert!(short.message.contains("2 到 20"), "{}", short.message);

    let edit = studio.submit_profile_edit(fields(Some("街角咖啡"), "每天现烤"), None).await.unwrap();
    assert_eq!(edit.status, ProfileEditStatus::Submitting);
    let settled = |want| settled(&studio, want);
    let approved = settled(ProfileEditStatus::Approved).await;
    assert_eq!(approved.fields.app_name.as_deref(), Some("街角咖啡"));

    // The platform's profile is read at each sync: the approved name shows there.
    let live = studio.live_profile(None).await.unwrap().expect("read at the sync");
    assert_eq!((live.app_name.as_str(), live.introduction.as_str()), ("街角咖啡", "每天现烤"));
    // An edit under audit: the live profile keeps the old text beside it.
    studio.submit_profile_edit(fields(Some("街角咖啡馆"), "每天现烤"), None).await.unwrap();
    let under_audit = settled(ProfileEditStatus::Auditing).await;
    assert_eq!(under_audit.fields.app_name.as_deref(), Some("街角咖啡馆"));
    assert_eq!(studio.live_profile(None).await.unwrap().unwrap().app_name, "街角咖啡", "not yet on the platform");
    settled(ProfileEditStatus::Approved).await;
    assert_eq!(studio.live_profile(None).await.unwrap().unwrap().app_name, "街角咖啡馆");

    studio.submit_profile_edit(fields(None, "全场违禁词"), None).await.unwrap();
    let refused = settled(ProfileEditStatus::Rejected).await;
    assert!(refused.audit_desc.contains("违禁词"), "{}", refused.audit_desc);
    assert_eq!(refused.fields.introduction.as_deref(), Some("全场违禁词"), "the text is kept to fix");
}

/// Syncs until the newest profile edit is `want` (audits take the emulator a few seconds).
async fn settled(studio: &Studio, want: ProfileEditStatus) -> ProfileEdit {
    for _ in 0..40 {
        sync(studio).await;
        let latest = studio.list_profile_edits(None).await.unwrap().remove(0);
        if latest.status == want {
            return latest;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the edit never became {want:?}");
}

/// The emulator's own record of the demo account's profile and uploads.
async fn emulator_db(data_dir: &std::path::Path) -> sqlx::SqlitePool {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(data_dir.join("emulator").join("emulator.sqlite3"))
        .read_only(true);
    sqlx::SqlitePool::connect_with(options).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn profile_pictures_go_up_as_their_renditions_once_and_the_profile_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let mut hashes = Vec::new();
    for (i, (w, h)) in [(1200, 900), (3000, 2000), (1800, 1200), (900, 1600)].into_iter().enumerate() {
        let report =
            studio.import_media_bytes(format!("店铺{i}.jpg"), common::photo_bytes(w, h, i as u32)).await.unwrap();
        hashes.push(report.imported[0].hash.clone());
    }
    let (logo, background) = (hashes[0].clone(), hashes[1].clone());
    let shop = vec![hashes[2].clone(), hashes[3].clone()];

    let too_many = ProfileFields { shop_photos: Some(vec![shop[0].clone(); 10]), ..ProfileFields::default() };
    let refused = studio.submit_profile_edit(too_many, None).await.unwrap_err().in_lang(studio.lang());
    assert_eq!(refused.code, "profile_shop_photos_max");
    assert!(refused.message.contains("9"), "{}", refused.message);
    let unknown =
        ProfileFields { logo: Some(ContentHash::parse(&"0".repeat(64)).unwrap()), ..ProfileFields::default() };
    assert_eq!(
        studio.submit_profile_edit(unknown, None).await.unwrap_err().in_lang(studio.lang()).code,
        "media.not_found"
    );

    let edit = ProfileFields {
        logo: Some(logo.clone()),
        background: Some(background.clone()),
        shop_photos: Some(shop.clone()),
        introduction: Some("新店开业，欢迎光临".into()),
        ..ProfileFields::default()
    };
    let submitted = studio.submit_profile_edit(edit.clone(), None).await.unwrap();
    assert_eq!(submitted.fields, edit, "the window gets back the pictures it chose");
    // A picture waiting to go up cannot be deleted from the library.
    let in_use = studio.delete_media(logo.to_string()).await.unwrap_err().in_lang(studio.lang());
    assert_eq!(in_use.code, "media.in_use");
    assert!(in_use.message.contains("生活号资料"), "{}", in_use.message);

    settled(&studio, ProfileEditStatus::Approved).await;
    let db = emulator_db(dir.path()).await;
    let (current,): (String,) = sqlx::query_as("SELECT current FROM profiles").fetch_one(&db).await.unwrap();
    let current: serde_json::Value = serde_json::from_str(&current).unwrap();
    // Each URL on the profile is an upload whose bytes are the local rendition of its rule.
    let uploaded = |url: &serde_json::Value, rule: MediaRuleName, hash: &ContentHash| {
        let (db, studio) = (&db, &studio);
        let (url, hash) = (url.as_str().unwrap().to_string(), hash.to_string());
        async move {
            let file_id = url.rsplit('/').next().unwrap().to_string();
            let (md5, size): (String, i64) = sqlx::query_as("SELECT md5, size FROM files WHERE file_id = ?")
                .bind(&file_id)
                .fetch_one(db)
                .await
                .unwrap_or_else(|e| panic!("{url} is not an upload: {e}"));
            let local = studio.render_media(hash, rule, None).await.unwrap();
            let bytes = std::fs::read(&local.path).unwrap();
            assert_eq!(md5, format!("{:x}", Md5::digest(&bytes)), "{rule:?} goes up as its rendition");
            assert!(size <= 1_000_000, "profile pictures stay under 1 MB");
            (local.width, local.height)
        }
    };
    assert_eq!(uploaded(&current["logo_url"], MediaRuleName::ProfileLogo, &logo).await, (320, 320));
    assert_eq!(uploaded(&current["background_url"], MediaRuleName::ProfileBackground, &background).await, (1600, 1000));
    let pics = current["shop_pics"].as_array().unwrap();
    assert_eq!(pics.len(), 2);
    assert_eq!(uploaded(&pics[1], MediaRuleName::ProfileShopPhoto, &shop[1]).await, (900, 1600), "shown whole");
    assert_eq!(current["introduction"], "新店开业，欢迎光临");

    // The same logo again goes up no second time.
    let uploads =
        |jobs: Vec<studio_api::OutboxJob>| jobs.iter().filter(|j| j.kind == studio_api::JobKind::UploadMedia).count();
    let before = uploads(studio.list_outbox(true).await.unwrap());
    assert_eq!(before, 4, "one upload per picture");
    studio
        .submit_profile_edit(
            ProfileFields {
                logo: Some(logo.clone()), app_name: Some("街角咖啡".into()), ..ProfileFields::default()
            },
            None,
        )
        .await
        .unwrap();
    settled(&studio, ProfileEditStatus::Approved).await;
    assert_eq!(uploads(studio.list_outbox(true).await.unwrap()), before);
    // Once submitted, the picture is the platform's: the library may let it go.
    studio.delete_media(shop[0].to_string()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_livestream_moved_before_and_after_its_announcement_is_moved_on_the_platform() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    // The emulator's own record of the account's announcements.
    let advances = || async {
        let db = emulator_db(dir.path()).await;
        let rows: Vec<(String, String, i64)> =
            sqlx::query_as("SELECT title, advance_time, deleted FROM advances").fetch_all(&db).await.unwrap();
        rows
    };
    let beijing = |ms: i64| alipay_open::time::format(chrono::DateTime::from_timestamp_millis(ms).unwrap());
    let first = now() + 3_600_000;
    let live = studio.plan_livestream("周六新品".into(), first, None, None).await.unwrap();
    // Not sent yet: it goes out as changed, in one announcement.
    let second = first + 86_400_000;
    let moved = studio.change_livestream(live.id, "周日新品".into(), second).await.unwrap();
    assert_eq!((moved.status, moved.title.as_str(), moved.starts_at), (LivestreamStatus::Planned, "周日新品", second));
    sync(&studio).await;
    assert_eq!(advances().await, [("周日新品".to_string(), beijing(second), 0)]);

    // Announced: the platform's announcement is changed, not made again.
    let third = second + 7_200_000;
    let changing = studio.change_livestream(live.id, "周日晚场新品".into(), third).await.unwrap();
    assert_eq!(changing.status, LivestreamStatus::Changing);
    sync(&studio).await;
    assert_eq!(studio.list_livestreams(None).await.unwrap()[0].status, LivestreamStatus::Announced);
    assert_eq!(advances().await, [("周日晚场新品".to_string(), beijing(third), 0)]);

    let past =
        studio.change_livestream(live.id, "周日晚场新品".into(), now() - 1).await.unwrap_err().in_lang(studio.lang());
    assert_eq!(past.code, "live_in_past");
    studio.withdraw_livestream(live.id).await.unwrap();
    let gone = studio.change_livestream(live.id, "还能改吗".into(), third).await.unwrap_err().in_lang(studio.lang());
    assert_eq!(gone.code, "livestream_withdrawn");
    assert!(gone.message.contains("已撤回"), "{}", gone.message);
    sync(&studio).await;
    assert_eq!(advances().await[0].2, 1, "withdrawn on the platform");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_profile_edit_is_written_as_a_draft_kept_across_a_restart_and_cleared_when_submitted() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    assert_eq!(studio.profile_draft(None).await.unwrap(), None);
    let typed = ProfileFields {
        app_name: Some("街角咖啡".into()),
        introduction: Some("现烤面包".into()),
        ..ProfileFields::default()
    };
    studio.save_profile_draft(typed.clone(), None).await.unwrap();
    let bad = ProfileFields { introduction: Some("控制\u{7}字符".into()), ..ProfileFields::default() };
    assert!(studio.save_profile_draft(bad, None).await.is_err(), "a control character is refused");
    studio.close().await;

    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    assert_eq!(studio.profile_draft(None).await.unwrap(), Some(typed.clone()), "nothing typed is lost");
    assert!(studio.list_profile_edits(None).await.unwrap().is_empty(), "a draft is not submitted");
    studio.submit_profile_edit(typed, None).await.unwrap();
    assert_eq!(studio.profile_draft(None).await.unwrap(), None, "submitted: the draft is gone");
}
