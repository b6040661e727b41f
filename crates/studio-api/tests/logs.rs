//! The log file after a whole publish to an app with a key and an
//! app_auth_token: it tells what happened, and holds no key, token or
//! signature.

use std::time::{Duration, Instant};

use alipay_emulator::{Emulator, EmulatorConfig};
use alipay_open::PrivateKey;
use studio_api::{
    AccountRole, AccountSetup, EngineOptions, Lang, NewAccount, NewDraft, PublicationStatus, SettingsPatch, Studio,
    LOG_FOLDER,
};

const APP_ID: &str = "2021000000000777";
const TOKEN: &str = "202611BB4f2e0a9c7d8e4b1a9c0d3e5f7a8b9c0d";

/// The longest run of Base64 characters in `text`: a signature (344 of
/// them) or a key would show as one.
fn longest_base64_run(text: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=') {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

#[tokio::test(flavor = "multi_thread")]
async fn a_whole_publish_is_logged_without_a_key_token_or_signature() {
    let dir = tempfile::tempdir().unwrap();
    let log = studio_api::start_logging(dir.path()).expect("logging starts");

    let app_key = PrivateKey::generate();
    let platform_key = PrivateKey::generate();
    let platform_public = platform_key.public_key().to_pem();
    let mut config = EmulatorConfig::ephemeral();
    config.platform_key = platform_key;
    config.apps = vec![(APP_ID.to_string(), app_key.public_key())];
    config.review.delay = Duration::from_millis(300);
    let emulator = Emulator::start(config).await.unwrap();

    let studio = Studio::open(dir.path(), Lang::En).await.unwrap();
    studio.unlock_secrets("a long enough passphrase".into()).await.unwrap();
    let pem = app_key.to_pkcs8_pem();
    let account = studio
        .add_account(AccountSetup {
            account: NewAccount {
                name: "Shop".into(),
                role: AccountRole::Agency,
                gateway: emulator.gateway_url(),
                app_id: APP_ID.into(),
                platform_key: platform_public,
                public_id: String::new(),
            },
            app_private_key: pem.clone(),
            app_auth_token: Some(TOKEN.into()),
        })
        .await
        .unwrap();
    studio
        .update_settings(SettingsPatch { publish_account: Some(account.account.id), ..Default::default() })
        .await
        .unwrap();
    let draft = studio
        .create_draft(NewDraft { kind: None, title: "Opening day".into(), body: "Fresh bread from 7 am".into() })
        .await
        .unwrap();
    studio.publish_draft(draft.id, None, None).await.unwrap();

    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        studio.sync_now(Duration::from_secs(10), EngineOptions::default()).await.unwrap();
        let status = studio.list_publications(None).await.unwrap()[0].status;
        if status == PublicationStatus::Published {
            break;
        }
        assert!(Instant::now() < deadline, "the post was not published: {status:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    studio.close().await;
    emulator.stop().await;
    drop(log);

    let mut text = String::new();
    for entry in std::fs::read_dir(dir.path().join(LOG_FOLDER)).unwrap().flatten() {
        text.push_str(&std::fs::read_to_string(entry.path()).unwrap());
    }
    assert!(text.contains("Creator Studio started"), "{text}");
    assert!(text.contains("alipay.social.base.contentlib.standardcontent.publish"), "the publish is logged:\n{text}");
    assert!(text.contains("gateway call answered"), "{text}");

    for line in pem.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!text.contains(line), "a line of the private key is in the log");
    }
    assert!(!text.contains(TOKEN), "the app_auth_token is in the log");
    assert!(!text.contains("sign="), "a signed query string is in the log");
    assert!(longest_base64_run(&text) < 100, "a long Base64 run (a key or signature?) is in the log:\n{text}");
}
