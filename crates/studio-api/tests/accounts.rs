//! Accounts as the window adds and chooses them, against a real emulator on
//! loopback: an account is kept only once the platform has answered with
//! its keys (each wrong key or id refused in words, nothing kept), its keys
//! go to the secrets store and never into the library, the chosen account
//! is where posts go, a key changed in the console shows as one account
//! problem whose fix lets every waiting post out exactly once, and an
//! account is edited and removed.

use std::time::Duration;

use alipay_emulator::{Emulator, EmulatorConfig, Review};
use alipay_open::PrivateKey;
use studio_api::{
    AccountId, AccountPatch, AccountProblem, AccountRole, AccountSetup, EngineOptions, Lang, NewAccount, NewDraft,
    SettingsPatch, Studio,
};

const APP_ID: &str = "2021000000000555";

fn files_containing(dir: &std::path::Path, needle: &[u8]) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_containing(&path, needle));
        } else if std::fs::read(&path).unwrap_or_default().windows(needle.len()).any(|w| w == needle) {
            found.push(path);
        }
    }
    found
}

struct Platform {
    emulator: Emulator,
    app_key: PrivateKey,
    platform_key: PrivateKey,
}

async fn platform(dir: &std::path::Path, clock_offset_ms: i64) -> Platform {
    let (app_key, platform_key) = (PrivateKey::generate(), PrivateKey::generate());
    let emulator = Emulator::start(EmulatorConfig {
        data_dir: Some(dir.join("platform")),
        platform_key: platform_key.clone(),
        apps: vec![(APP_ID.to_string(), app_key.public_key())],
        review: Review { delay: Duration::from_millis(50), ..Review::default() },
        clock_offset_ms,
        ..EmulatorConfig::ephemeral()
    })
    .await
    .unwrap();
    Platform { emulator, app_key, platform_key }
}

fn setup(gateway: &str, app_id: &str, app_key: &PrivateKey, platform_key: &PrivateKey) -> AccountSetup {
    AccountSetup {
        account: NewAccount {
            name: "门店生活号".into(),
            role: AccountRole::Merchant,
            gateway: gateway.into(),
            app_id: app_id.into(),
            platform_key: platform_key.public_key().to_pem(),
            public_id: String::new(),
        },
        app_private_key: app_key.to_pkcs8_pem(),
        app_auth_token: Some("token-秘密-0001".into()),
    }
}

async fn unlocked(dir: &std::path::Path) -> Studio {
    let studio = Studio::open(&dir.join("library"), Lang::ZhCn).await.unwrap();
    // No keychain in these tests: the encrypted file, unlocked by a passphrase.
    studio.unlock_secrets("一句够长的口令".into()).await.unwrap();
    studio
}

/// A platform, an unlocked studio, and an account on that platform added to it.
async fn with_account(dir: &std::path::Path) -> (Platform, Studio, AccountId) {
    let p = platform(dir, 0).await;
    let studio = unlocked(dir).await;
    let id = studio
        .add_account(setup(&p.emulator.gateway_url(), APP_ID, &p.app_key, &p.platform_key))
        .await
        .unwrap()
        .account
        .id;
    (p, studio, id)
}

#[tokio::test]
async fn an_account_is_kept_only_once_the_platform_answers_with_its_keys() {
    let dir = tempfile::tempdir().unwrap();
    let p = platform(dir.path(), 0).await;
    let skewed = platform(&dir.path().join("skewed"), 20 * 60 * 1_000).await;
    let studio = unlocked(dir.path()).await;
    let url = p.emulator.gateway_url();
    let (other_app_key, other_platform_key) = (PrivateKey::generate(), PrivateKey::generate());
    let nothing_listens = format!("http://127.0.0.1:{}/gateway.do", {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    });
    for (what, setup, code, words) in [
        (
            "not a key",
            AccountSetup { app_private_key: "not a key".into(), ..setup(&url, APP_ID, &p.app_key, &p.platform_key) },
            "account_key_invalid",
            "密钥无法使用",
        ),
        ("wrong app id", setup(&url, "2021000000000999", &p.app_key, &p.platform_key), "account_wrong_app_id", "APPID"),
        (
            "app key not registered",
            setup(&url, APP_ID, &other_app_key, &p.platform_key),
            "account_app_key_not_registered",
            "应用私钥",
        ),
        (
            "Alipay public key not matching",
            setup(&url, APP_ID, &p.app_key, &other_platform_key),
            "account_platform_key_mismatch",
            "支付宝公钥",
        ),
        (
            "gateway unreachable",
            setup(&nothing_listens, APP_ID, &p.app_key, &p.platform_key),
            "account_unreachable",
            "连不上网关",
        ),
        (
            "clock off",
            setup(&skewed.emulator.gateway_url(), APP_ID, &skewed.app_key, &skewed.platform_key),
            "account_clock_skew",
            "15 分钟",
        ),
    ] {
        let refused = studio.add_account(setup).await.unwrap_err().in_lang(studio.lang());
        assert_eq!(refused.code, code, "{what}: {}", refused.message);
        assert!(refused.message.contains(words), "{what}: {}", refused.message);
        assert_eq!(studio.list_accounts().await.unwrap().len(), 1, "{what}: nothing kept, only the demo account");
    }

    let added = studio.add_account(setup(&url, APP_ID, &p.app_key, &p.platform_key)).await.unwrap();
    assert_eq!(added.life_account, "演示生活号", "the life account's name, as the platform gives it");
    assert!(added.account.has_auth_token);
    assert_eq!(added.account.problem, None);
    let checked = studio.check_account(added.account.id).await.unwrap();
    assert_eq!(checked.life_account, "演示生活号");
    studio.close().await;
    let pem = p.app_key.to_pkcs8_pem();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    for secret in [&body[..64], "token-秘密-0001"] {
        assert!(
            files_containing(&dir.path().join("library"), secret.as_bytes()).is_empty(),
            "{secret:?} kept in the clear"
        );
    }

    // The chosen account is where posts go.
    let studio = unlocked(dir.path()).await;
    let missing = studio.update_settings(SettingsPatch { publish_account: Some(999), ..Default::default() }).await;
    assert_eq!(missing.unwrap_err().code(), "account_not_found");
    let id = added.account.id;
    studio.update_settings(SettingsPatch { publish_account: Some(id), ..Default::default() }).await.unwrap();
    let draft =
        studio.create_draft(NewDraft { kind: None, title: "新店开业".into(), body: "欢迎光临".into() }).await.unwrap();
    let answer = studio.publish_draft(draft.id, None, None).await.unwrap();
    assert_eq!(answer.publication.account_id, id, "published to the chosen account");
}

#[tokio::test]
async fn a_key_changed_in_the_console_shows_once_and_after_the_fix_every_post_goes_out_once() {
    let dir = tempfile::tempdir().unwrap();
    let (p, studio, id) = with_account(dir.path()).await;
    // The platform's key is changed in the console; the studio still holds the old one.
    let rotated = PrivateKey::generate();
    p.emulator.rotate_platform_key(rotated.clone());
    let mut drafts = Vec::new();
    for i in 0..100 {
        let new = NewDraft { kind: None, title: format!("换钥匙之后 {i}"), body: format!("第 {i} 篇") };
        let draft = studio.create_draft(new).await.unwrap().id;
        studio.publish_draft(draft, Some(id), None).await.unwrap();
        drafts.push(draft);
    }
    let options = EngineOptions { calls_per_second: 50.0, seed: Some(1), ..EngineOptions::default() };
    studio.sync_now(Duration::from_secs(60), options.clone()).await.unwrap();
    let account = studio.list_accounts().await.unwrap().into_iter().find(|a| a.id == id).unwrap();
    assert_eq!(account.problem, Some(AccountProblem::PlatformKeyMismatch), "one problem, on the account");
    let status = studio.sync_status().await.unwrap();
    assert_eq!((status.accounts_in_trouble, status.failed), (1, 0), "the posts wait; none failed");
    let most = studio.list_outbox(false).await.unwrap().iter().map(|j| j.attempts).max().unwrap();
    assert!(most <= 1, "the jobs wait without piling up retries: {most} tries of one");
    // Asked again: still the same problem.
    assert_eq!(studio.check_account(id).await.unwrap_err().code(), "account_platform_key_mismatch");

    // The new key, pasted in Settings: checked, kept, and the posts go out.
    let fixed = studio
        .update_account(
            id,
            AccountPatch { platform_key: Some(rotated.public_key().to_pem()), ..AccountPatch::default() },
        )
        .await
        .unwrap();
    assert_eq!(fixed.account.problem, None);
    studio.sync_now(Duration::from_secs(60), options).await.unwrap();
    assert_eq!(studio.sync_status().await.unwrap().waiting, 0);
    let pool =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("platform/emulator.sqlite3").display()))
            .await
            .unwrap();
    let (posts, titles): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT title) FROM contents").fetch_one(&pool).await.unwrap();
    assert_eq!((posts, titles), (100, 100), "every post on the platform exactly once");
    let publications = studio.list_publications(Some(id)).await.unwrap();
    assert!(publications.iter().all(|p| p.content_id.is_some()), "and the library knows each");
}

#[tokio::test]
async fn an_account_is_edited_and_removed_without_losing_waiting_posts_by_surprise() {
    let dir = tempfile::tempdir().unwrap();
    let (_platform, studio, id) = with_account(dir.path()).await;

    // A wrong new key is refused and nothing changes.
    let wrong =
        AccountPatch { app_private_key: Some(PrivateKey::generate().to_pkcs8_pem()), ..AccountPatch::default() };
    assert_eq!(studio.update_account(id, wrong).await.unwrap_err().code(), "account_app_key_not_registered");
    let renamed = studio
        .update_account(
            id,
            AccountPatch {
                name: Some(" 旗舰店 ".into()),
                app_auth_token: Some(String::new()),
                ..AccountPatch::default()
            },
        )
        .await
        .unwrap();
    assert_eq!((renamed.account.name.as_str(), renamed.account.has_auth_token), ("旗舰店", false));
    assert_eq!(studio.check_account(id).await.unwrap().life_account, "演示生活号", "the old key still works");

    // A post waits for it: removing is refused, then done with the post cancelled.
    studio.update_settings(SettingsPatch { publish_account: Some(id), ..Default::default() }).await.unwrap();
    let draft =
        studio.create_draft(NewDraft { kind: None, title: "还没发".into(), body: "正文".into() }).await.unwrap();
    studio.publish_draft(draft.id, None, None).await.unwrap();
    let refused = studio.remove_account(id, false).await.unwrap_err().in_lang(Lang::ZhCn);
    assert_eq!(refused.code, "account_busy");
    assert!(refused.message.contains("1 个任务"), "{}", refused.message);
    studio.remove_account(id, true).await.unwrap();
    let accounts = studio.list_accounts().await.unwrap();
    assert!(accounts.iter().all(|a| a.id != id), "gone from the list");
    assert_eq!(studio.get_settings().await.unwrap().publish_account, None, "posts go to the demo account again");
    assert!(studio.list_outbox(false).await.unwrap().is_empty(), "its waiting post was cancelled");
    let demo = accounts[0].id;
    assert_eq!(studio.remove_account(demo, true).await.unwrap_err().code(), "demo_account_stays");
}

#[tokio::test]
async fn the_demo_account_is_named_in_the_language_of_the_moment() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    assert_eq!(studio.list_accounts().await.unwrap()[0].name, "演示账号（内置模拟器）");
    studio.update_settings(SettingsPatch { language: Some(Lang::En), ..Default::default() }).await.unwrap();
    assert_eq!(studio.list_accounts().await.unwrap()[0].name, "Demo account (built-in emulator)");
}
