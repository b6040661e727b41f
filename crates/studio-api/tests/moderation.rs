//! The platform's moderation check from the composer, against the emulator
//! on loopback: the word it flags is the word review refuses, a clean text
//! passes both, a check belongs to the text it checked, and with the
//! platform out of reach the check says so while publishing still queues.

use std::time::Duration;

use alipay_emulator::{Emulator, EmulatorConfig, Review};
use alipay_open::PrivateKey;
use studio_api::{
    AccountRole, AccountSetup, DraftPatch, EngineOptions, Lang, ModerationVerdict, NewAccount, NewDraft,
    PublicationStatus, Studio,
};

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

/// Syncs until the draft's review is over (the built-in emulator takes 3 s).
async fn reviewed(studio: &Studio, draft: i64) -> (PublicationStatus, String) {
    let deadline = now() + 60_000;
    loop {
        studio.sync_now(Duration::from_secs(30), EngineOptions::default()).await.unwrap();
        let p = studio.list_publications(None).await.unwrap().into_iter().find(|p| p.draft_id == draft).unwrap();
        if matches!(p.status, PublicationStatus::Published | PublicationStatus::Rejected) {
            return (p.status, p.reason);
        }
        assert!(now() < deadline, "review never finished: {p:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_word_the_check_flags_is_the_word_review_refuses_and_a_clean_text_passes_both() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let risky = studio
        .create_draft(NewDraft {
            kind: None, title: "周末特价".into(), body: "全场违禁词五折，违禁词！".into()
        })
        .await
        .unwrap();
    let check = studio.check_with_platform(risky.id, None).await.unwrap();
    assert_eq!(check.verdict, ModerationVerdict::Flagged);
    assert_eq!(check.keywords, ["违禁词"]);
    let marked: Vec<(&str, bool)> = check.body.iter().map(|s| (s.text.as_str(), s.hit)).collect();
    assert_eq!(marked, [("全场", false), ("违禁词", true), ("五折，", false), ("违禁词", true), ("！", false)]);
    assert!(check.title.iter().all(|s| !s.hit));
    // Published anyway: review refuses it for the same word.
    studio.publish_draft(risky.id, None, None).await.unwrap();
    let (status, reason) = reviewed(&studio, risky.id).await;
    assert_eq!(status, PublicationStatus::Rejected);
    assert!(reason.contains("违禁词"), "{reason}");

    let clean =
        studio.create_draft(NewDraft { kind: None, title: "新品上架".into(), body: "欢迎来店".into() }).await.unwrap();
    let check = studio.check_with_platform(clean.id, None).await.unwrap();
    assert_eq!((check.verdict, check.keywords.len()), (ModerationVerdict::Passed, 0));
    studio.publish_draft(clean.id, None, None).await.unwrap();
    assert_eq!(reviewed(&studio, clean.id).await.0, PublicationStatus::Published);
}

#[tokio::test]
async fn a_check_belongs_to_the_text_it_checked() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    let draft =
        studio.create_draft(NewDraft { kind: None, title: "标题".into(), body: "干净的正文".into() }).await.unwrap();
    assert_eq!(studio.platform_check(draft.id).await.unwrap(), None, "never checked");
    let checked = studio.check_with_platform(draft.id, None).await.unwrap();
    assert_eq!(studio.platform_check(draft.id).await.unwrap(), Some(checked.clone()));
    // One more word and the check is stale; back to the checked text, it holds again.
    studio
        .update_draft(draft.id, DraftPatch { body: Some("干净的正文，违禁词".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(studio.platform_check(draft.id).await.unwrap(), None, "stale for the new text");
    studio.update_draft(draft.id, DraftPatch { body: Some("干净的正文".into()), ..Default::default() }).await.unwrap();
    assert_eq!(studio.platform_check(draft.id).await.unwrap(), Some(checked));
}

#[tokio::test]
async fn with_the_platform_out_of_reach_the_check_says_so_and_publishing_still_queues() {
    let dir = tempfile::tempdir().unwrap();
    let (app_key, platform_key) = (PrivateKey::generate(), PrivateKey::generate());
    let emulator = Emulator::start(EmulatorConfig {
        platform_key: platform_key.clone(),
        apps: vec![("2021000000000333".to_string(), app_key.public_key())],
        review: Review::default(),
        ..EmulatorConfig::ephemeral()
    })
    .await
    .unwrap();
    let studio = Studio::open(&dir.path().join("library"), Lang::ZhCn).await.unwrap();
    studio.unlock_secrets("一句够长的口令".into()).await.unwrap();
    let account = studio
        .add_account(AccountSetup {
            account: NewAccount {
                name: "门店".into(),
                role: AccountRole::Merchant,
                gateway: emulator.gateway_url(),
                app_id: "2021000000000333".into(),
                platform_key: platform_key.public_key().to_pem(),
                public_id: String::new(),
            },
            app_private_key: app_key.to_pkcs8_pem(),
            app_auth_token: None,
        })
        .await
        .unwrap()
        .account;
    emulator.stop().await;
    let draft = studio.create_draft(NewDraft { kind: None, title: "离线".into(), body: "正文".into() }).await.unwrap();
    let check = studio.check_with_platform(draft.id, Some(account.id)).await.unwrap();
    assert_eq!(check.verdict, ModerationVerdict::Unavailable);
    assert!(check.note.contains("连不上平台"), "{}", check.note);
    assert_eq!(studio.platform_check(draft.id).await.unwrap(), None, "an unmade check is not kept");
    let queued = studio.publish_draft(draft.id, Some(account.id), None).await.unwrap();
    assert_eq!(queued.publication.status, PublicationStatus::Queued);
}
