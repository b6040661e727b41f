//! Accounts as the window adds and chooses them: the keys go to the
//! secrets store, never into the library, and the chosen account is where
//! posts are published.

use alipay_open::PrivateKey;
use studio_api::{AccountRole, AccountSetup, Lang, NewAccount, NewDraft, SettingsPatch, Studio};

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

#[tokio::test]
async fn an_added_account_keeps_its_key_out_of_the_library_and_takes_the_posts_once_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    // No keychain in this test: the encrypted file, unlocked by a passphrase.
    studio.unlock_secrets("一句够长的口令".into()).await.unwrap();
    let app_key = PrivateKey::generate();
    let platform_key = PrivateKey::generate().public_key().to_pem();
    let setup = |key: String| AccountSetup {
        account: NewAccount {
            name: "门店生活号".into(),
            role: AccountRole::Merchant,
            gateway: "https://openapi-sandbox.dl.alipaydev.com/gateway.do".into(),
            app_id: "9021000000000007".into(),
            platform_key: platform_key.clone(),
            public_id: String::new(),
        },
        app_private_key: key,
        app_auth_token: Some("token-秘密-0001".into()),
    };

    let refused = studio.add_account(setup("not a key".into())).await.unwrap_err().in_lang(studio.lang());
    assert_eq!(refused.code, "account_key_invalid");
    assert_eq!(studio.list_accounts().await.unwrap().len(), 1, "only the demo account");

    let pem = app_key.to_pkcs8_pem();
    let account = studio.add_account(setup(pem.clone())).await.unwrap();
    assert!(account.has_auth_token);
    studio.close().await;
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    for secret in [&body[..64], "token-秘密-0001"] {
        assert!(files_containing(dir.path(), secret.as_bytes()).is_empty(), "{secret:?} is not stored in the clear");
    }

    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let missing = studio.update_settings(SettingsPatch { publish_account: Some(999), ..Default::default() }).await;
    assert_eq!(missing.unwrap_err().in_lang(studio.lang()).code, "account_not_found");
    let settings = studio
        .update_settings(SettingsPatch { publish_account: Some(account.id), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(settings.publish_account, Some(account.id));

    let draft =
        studio.create_draft(NewDraft { kind: None, title: "新店开业".into(), body: "欢迎光临".into() }).await.unwrap();
    let answer = studio.publish_draft(draft.id, None, None).await.unwrap();
    assert_eq!(answer.publication.account_id, account.id, "published to the chosen account");
    let listed = studio.list_publications(None).await.unwrap();
    assert_eq!(listed.iter().map(|p| p.draft_id).collect::<Vec<_>>(), [draft.id]);
}

#[tokio::test]
async fn the_demo_account_is_named_in_the_language_of_the_moment() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    assert_eq!(studio.list_accounts().await.unwrap()[0].name, "演示账号（内置模拟器）");
    studio.update_settings(SettingsPatch { language: Some(Lang::En), ..Default::default() }).await.unwrap();
    assert_eq!(studio.list_accounts().await.unwrap()[0].name, "Demo account (built-in emulator)");
}
