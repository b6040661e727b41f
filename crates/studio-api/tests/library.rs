//! The user's data in the user's hands: a library exported and imported
//! elsewhere is the same library, table by table and file by file; backups
//! taken while the app writes are whole; restoring one keeps the library it
//! replaced.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::photo_bytes;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use studio_api::{
    AccountRole, AccountSetup, BackupReason, ContentHash, DraftMedium, DraftPatch, EngineOptions, FocalPoint, Lang,
    MediumRole, NewAccount, NewDraft, ProfileFields, PublicationStatus, SettingsPatch, Studio, ThemePreference,
    BACKUPS_KEPT,
};

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

/// Every table of the library file (but the search index's own, which is
/// checked by searching) as sorted JSON rows, read straight from SQLite.
async fn tables(data_dir: &Path) -> BTreeMap<String, Vec<String>> {
    let options = SqliteConnectOptions::new().filename(data_dir.join("studio.sqlite3")).read_only(true);
    let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
    let names: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'drafts_search%' AND name != '_sqlx_migrations'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut all = BTreeMap::new();
    for (name,) in names {
        let columns: Vec<(String,)> =
            sqlx::query_as("SELECT name FROM pragma_table_info(?)").bind(&name).fetch_all(&pool).await.unwrap();
        let list = columns.iter().map(|c| format!("\"{}\"", c.0)).collect::<Vec<_>>().join(", ");
        let rows: Vec<(String,)> =
            sqlx::query_as(&format!("SELECT json_array({list}) AS r FROM \"{name}\" ORDER BY r"))
                .fetch_all(&pool)
                .await
                .unwrap();
        all.insert(name, rows.into_iter().map(|r| r.0).collect());
    }
    pool.close().await;
    all
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(path.strip_prefix(root).unwrap().to_owned(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn contains(haystack: &BTreeMap<PathBuf, Vec<u8>>, needle: &str) -> bool {
    haystack.values().any(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
}

/// A library with something in every table: drafts with history and one in
/// the trash, media with a cover crop, a published post, a livestream, a
/// profile edit, a published menu, a message to followers, a real account (its key in the secrets file) and settings.
async fn full_library(dir: &Path, photos: &Path) -> Studio {
    let studio = Studio::open(dir, Lang::ZhCn).await.unwrap();
    std::fs::create_dir_all(photos).unwrap();
    for i in 0..3 {
        std::fs::write(photos.join(format!("店里{i}.jpg")), photo_bytes(800, 600, i + 1)).unwrap();
    }
    let report = studio.import_media(vec![photos.display().to_string()]).await.unwrap();
    assert_eq!(report.imported.len(), 3, "{report:?}");
    let hashes: Vec<ContentHash> = report.imported.iter().map(|a| a.hash.clone()).collect();
    studio.tag_media(hashes[0].as_str().into(), vec!["门店".into(), "咖啡".into()]).await.unwrap();

    let draft = studio
        .create_draft(NewDraft { kind: None, title: "春日咖啡".into(), body: "新品 #咖啡 上市".into() })
        .await
        .unwrap();
    let patch = DraftPatch {
        body: Some("新品 #咖啡 #春天 上市，欢迎光临".into()),
        notes: Some("备注".into()),
        ..Default::default()
    };
    studio.update_draft(draft.id, patch).await.unwrap();
    let media = vec![
        DraftMedium { hash: hashes[0].clone(), role: MediumRole::Image, focal: None },
        DraftMedium { hash: hashes[1].clone(), role: MediumRole::Cover, focal: Some(FocalPoint { x: 0.3, y: 0.7 }) },
    ];
    studio.set_draft_media(draft.id, media).await.unwrap();
    let trashed =
        studio.create_draft(NewDraft { kind: None, title: "删掉的".into(), body: "旧的".into() }).await.unwrap();
    studio.delete_draft(trashed.id).await.unwrap();

    let check = studio.check_with_platform(draft.id, None).await.unwrap();
    assert_eq!(check.verdict, studio_api::ModerationVerdict::Passed, "{check:?}");
    studio.add_queue_slots(None, vec![studio_api::NewQueueSlot { weekday: 5, minute: 20 * 60 }]).await.unwrap();
    studio.publish_draft(draft.id, None, None).await.unwrap();
    studio.plan_livestream("周六晚八点".into(), now() + 3_600_000, None, None).await.unwrap();
    studio
        .plan_live_series("每周日早场".into(), now() + 7_200_000, "FREQ=WEEKLY;COUNT=2".into(), None, None)
        .await
        .unwrap();
    let profile = ProfileFields { introduction: Some("现烤面包".into()), ..Default::default() };
    studio.submit_profile_edit(profile, None).await.unwrap();
    let writing = ProfileFields { public_greeting: Some("欢迎光临".into()), ..Default::default() };
    studio.save_profile_draft(writing, None).await.unwrap();
    let menu = studio_api::Menu {
        kind: studio_api::MenuKind::Text,
        entries: vec![studio_api::MenuEntry::link("官网", "https://example.com")],
    };
    studio.save_menu_draft(menu, None).await.unwrap();
    studio.publish_menu(None).await.unwrap();
    let message = studio_api::MessageFields { body: "今晚八点直播".into(), ..Default::default() };
    let message = studio.create_message(message, None).await.unwrap();
    studio.send_message(message.id, None).await.unwrap();
    studio.sync_now(Duration::from_secs(30), EngineOptions::default()).await.unwrap();

    studio.unlock_secrets("一句够长的口令".into()).await.unwrap();
    // A second account, on a platform of its own that knows its keys (an
    // account is kept only once its platform answers).
    let (app_key, platform_key) = (alipay_open::PrivateKey::generate(), alipay_open::PrivateKey::generate());
    let merchant = alipay_emulator::Emulator::start(alipay_emulator::EmulatorConfig {
        platform_key: platform_key.clone(),
        apps: vec![("9021000000000007".to_string(), app_key.public_key())],
        ..alipay_emulator::EmulatorConfig::ephemeral()
    })
    .await
    .unwrap();
    let account = studio
        .add_account(AccountSetup {
            account: NewAccount {
                name: "门店生活号".into(),
                role: AccountRole::Merchant,
                gateway: merchant.gateway_url(),
                app_id: "9021000000000007".into(),
                platform_key: platform_key.public_key().to_pem(),
                public_id: "2088000000000001".into(),
            },
            app_private_key: app_key.to_pkcs8_pem(),
            app_auth_token: Some("token-秘密-0042".into()),
        })
        .await
        .unwrap();
    let patch = SettingsPatch { theme: Some(ThemePreference::Dark), last_draft: Some(draft.id), ..Default::default() };
    studio.update_settings(patch).await.unwrap();
    assert!(account.account.has_auth_token);
    merchant.stop().await;
    studio
}

#[tokio::test(flavor = "multi_thread")]
async fn an_exported_library_imported_elsewhere_is_the_same_table_by_table_and_file_by_file() {
    let scratch = tempfile::tempdir().unwrap();
    let home = scratch.path().join("home");
    let studio = full_library(&home, &scratch.path().join("photos")).await;
    let published = studio.list_publications(None).await.unwrap();
    assert!(
        published.iter().any(|p| p.status != PublicationStatus::Queued),
        "the post reached the platform: {published:?}"
    );

    let export = scratch.path().join("导出");
    let summary = studio.export_library(export.display().to_string()).await.unwrap();
    assert_eq!((summary.drafts, summary.media), (2, 3));
    let again = studio.export_library(export.display().to_string()).await.unwrap_err();
    assert_eq!(again.code(), "export_exists");
    studio.close().await;

    // Accounts go without their secrets, which the library never held.
    let exported = files(&export);
    assert!(!contains(&exported, "token-秘密-0042"), "the token is not exported");
    assert!(exported.keys().any(|p| p.starts_with("media")), "{:?}", exported.keys());
    let document: serde_json::Value = serde_json::from_slice(&exported[Path::new("library.json")]).unwrap();
    assert_eq!(document["format"], "creator-studio-library");
    assert_eq!(document["format_version"], 1);

    let elsewhere = scratch.path().join("elsewhere");
    let imported = Studio::import_library(&export, &elsewhere).await.unwrap();
    assert_eq!(imported, studio_api::ExportSummary { folder: export.display().to_string(), ..summary });
    let refused = Studio::import_library(&export, &elsewhere).await.unwrap_err().in_lang(Lang::En);
    assert_eq!(refused.code, "import_target_not_empty");
    assert!(refused.message.contains("never overwrites"), "{}", refused.message);

    // Opened once (as the app would), the search index is rebuilt; then
    // every table and every media original is the same.
    let reopened = Studio::open(&elsewhere, Lang::ZhCn).await.unwrap();
    let hits = reopened.search_drafts("咖".into()).await.unwrap();
    assert_eq!(hits.iter().map(|h| h.draft.title.as_str()).collect::<Vec<_>>(), ["春日咖啡"]);
    assert_eq!(reopened.list_trash().await.unwrap().len(), 1);
    reopened.close().await;
    let (before, after) = (tables(&home).await, tables(&elsewhere).await);
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    for (name, rows) in &before {
        // Empty here: marks upkeep has written, contents retired by a
        // republish, and review turns (the reviews are over).
        let may_be_empty = ["search_pending", "retired_contents", "review_checks"].contains(&name.as_str());
        assert!(!rows.is_empty() || may_be_empty, "the test library has rows in {name}");
        assert_eq!(rows, &after[name], "table {name}");
    }
    assert_eq!(files(&home.join("media/objects")), files(&elsewhere.join("media/objects")));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_folder_that_is_not_an_export_is_refused_in_words() {
    let scratch = tempfile::tempdir().unwrap();
    let folder = scratch.path().join("随便");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("library.json"), br#"{"format":"something-else"}"#).unwrap();
    let refused = Studio::import_library(&folder, &scratch.path().join("new")).await.unwrap_err().in_lang(Lang::ZhCn);
    assert_eq!(refused.code, "not_an_export");
    assert!(refused.message.contains("不是 Creator Studio 的导出"), "{}", refused.message);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_taken_while_the_app_writes_is_one_whole_moment_of_the_library() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("library");
    let studio = Arc::new(Studio::open(&dir, Lang::ZhCn).await.unwrap());
    for i in 0..200 {
        studio
            .create_draft(NewDraft { kind: None, title: format!("草稿 {i}"), body: "正文".repeat(50) })
            .await
            .unwrap();
    }

    // A writer saving as fast as it can: new drafts and edits of old ones.
    let writing = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let writer = {
        let (studio, writing) = (studio.clone(), writing.clone());
        tokio::spawn(async move {
            let mut saves = 0u32;
            while writing.load(std::sync::atomic::Ordering::Relaxed) {
                let id = i64::from(saves % 200) + 1;
                let patch = DraftPatch {
                    body: Some(format!("第 {saves} 次修改 {}", "字".repeat(200))),
                    ..Default::default()
                };
                studio.update_draft(id, patch).await.unwrap();
                studio
                    .create_draft(NewDraft { kind: None, title: format!("新 {saves}"), body: String::new() })
                    .await
                    .unwrap();
                saves += 1;
            }
            saves
        })
    };
    let mut taken = Vec::new();
    for _ in 0..BACKUPS_KEPT + 2 {
        taken.push(studio.back_up_now().await.unwrap());
    }
    writing.store(false, std::sync::atomic::Ordering::Relaxed);
    let saves = writer.await.unwrap();
    assert!(saves > 0, "the writer wrote while backups were taken");

    let kept = studio.list_backups().await.unwrap();
    assert_eq!(kept.len(), BACKUPS_KEPT, "only the last {BACKUPS_KEPT} are kept");
    assert_eq!(kept[0], taken[taken.len() - 1], "newest first");

    for backup in &kept {
        let file = dir.join("backups").join(&backup.name);
        let options = SqliteConnectOptions::new().filename(&file).read_only(true);
        let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
        let (check,): (String,) = sqlx::query_as("PRAGMA integrity_check").fetch_one(&pool).await.unwrap();
        assert_eq!(check, "ok", "{}", backup.name);
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(&pool).await.unwrap();
        assert_eq!(mode, "delete", "a backup is one self-contained file");
        // Each save writes a draft and its revision together: in one
        // moment of the library, every draft reads as its newest revision.
        let (torn,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM drafts d WHERE d.body IS NOT (SELECT r.body FROM revisions r WHERE r.draft_id = d.id ORDER BY r.id DESC LIMIT 1)",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(torn, 0, "{} holds a draft without its revision", backup.name);
        let (drafts,): (i64,) = sqlx::query_as("SELECT count(*) FROM drafts").fetch_one(&pool).await.unwrap();
        assert!(drafts >= 200, "{}", backup.name);
        pool.close().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn restoring_a_backup_brings_its_library_back_and_keeps_the_one_it_replaced() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("library");
    let studio = Studio::open(&dir, Lang::ZhCn).await.unwrap();
    let kept = studio.create_draft(NewDraft { kind: None, title: "备份里的".into(), body: "早".into() }).await.unwrap();
    let backup = studio.back_up_now().await.unwrap();
    assert_eq!(backup.reason, BackupReason::Manual);

    let later =
        studio.create_draft(NewDraft { kind: None, title: "备份之后".into(), body: "晚".into() }).await.unwrap();
    studio.update_draft(kept.id, DraftPatch { title: Some("改过的".into()), ..Default::default() }).await.unwrap();

    let missing = studio.restore_backup("daily-1.sqlite3".into()).await.unwrap_err();
    assert_eq!(missing.code(), "backup_not_found");
    let before = studio.restore_backup(backup.name.clone()).await.unwrap();
    assert_eq!(before.reason, BackupReason::BeforeRestore);

    // The open library reads as the backup, and goes on working.
    let titles: Vec<String> = studio.list_drafts().await.unwrap().into_iter().map(|d| d.title).collect();
    assert_eq!(titles, ["备份里的"]);
    assert_eq!(studio.search_drafts("备份".into()).await.unwrap().len(), 1);
    studio.create_draft(NewDraft { kind: None, title: "恢复之后".into(), body: String::new() }).await.unwrap();
    assert_eq!(studio.list_drafts().await.unwrap().len(), 2);
    studio.close().await;

    // The library it replaced is in the backup made first.
    let replaced = scratch.path().join("replaced");
    std::fs::create_dir_all(&replaced).unwrap();
    std::fs::copy(dir.join("backups").join(&before.name), replaced.join("studio.sqlite3")).unwrap();
    let old = Studio::open(&replaced, Lang::ZhCn).await.unwrap();
    let mut titles: Vec<String> = old.list_drafts().await.unwrap().into_iter().map(|d| d.title).collect();
    titles.sort();
    assert_eq!(titles, ["备份之后", "改过的"]);
    assert!(old.get_draft(later.id).await.is_ok());
    old.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_daily_backup_is_made_at_start_and_then_once_a_day() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("library");
    let studio = Studio::open(&dir, Lang::ZhCn).await.unwrap();
    let task = tokio::spawn(studio.daily_backups());
    let deadline = Instant::now() + Duration::from_secs(20);
    let daily = loop {
        if let Some(b) = studio.list_backups().await.unwrap().first() {
            break b.clone();
        }
        assert!(Instant::now() < deadline, "no daily backup was made at start");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    task.abort();
    assert_eq!(daily.reason, BackupReason::Daily);

    const HOUR: i64 = 3_600_000;
    assert_eq!(studio.back_up_if_due(daily.taken_at + 23 * HOUR).await.unwrap(), None, "not twice a day");
    let next = studio.back_up_if_due(daily.taken_at + 24 * HOUR).await.unwrap().expect("a day later");
    assert_eq!(next.reason, BackupReason::Daily);
    assert_eq!(studio.list_backups().await.unwrap().len(), 2);
}
