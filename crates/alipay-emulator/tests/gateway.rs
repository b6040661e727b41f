//! The emulator, driven by our own client over loopback, behaves like the
//! platform: signed answers, review, paging, idempotent announcements,
//! profile audit, and the platform's errors.

use std::time::{Duration, Instant};

use alipay_emulator::{Emulator, EmulatorConfig, Review};
use alipay_open::methods::{
    ContentBatchQuery, ContentPublish, LiveAdvanceCreate, LiveAdvanceDelete, LiveAdvanceModify, MediaInfo, MenuButton,
    MenuSet, PublicInfoModify,
};
use alipay_open::{AlipayClient, CallOptions, Config, Error, PrivateKey, Retry};

const APP_ID: &str = "2021000000000001";
const DELAY: Duration = Duration::from_millis(300);

async fn emulator_with(
    data_dir: Option<std::path::PathBuf>,
    app_key: &PrivateKey,
    platform: PrivateKey,
) -> (Emulator, AlipayClient) {
    let config = EmulatorConfig {
        data_dir,
        platform_key: platform,
        apps: vec![(APP_ID.to_string(), app_key.public_key())],
        review: Review { delay: DELAY, banned_words: vec!["违禁词".into()] },
        ..EmulatorConfig::ephemeral()
    };
    let emulator = Emulator::start(config).await.unwrap();
    let client = AlipayClient::new(Config {
        gateway_url: emulator.gateway_url(),
        app_id: APP_ID.into(),
        app_key: app_key.clone(),
        alipay_public_key: emulator.platform_public_key().clone(),
        timeout: Duration::from_secs(5),
    });
    (emulator, client)
}

async fn emulator() -> (Emulator, AlipayClient) {
    emulator_with(None, &PrivateKey::generate(), PrivateKey::generate()).await
}

fn none() -> CallOptions {
    CallOptions::default()
}

fn post(title: &str, body: &str) -> ContentPublish {
    ContentPublish { source_type: 1, source_title: title.into(), source_content: body.into(), ..Default::default() }
}

async fn status_becomes(client: &AlipayClient, id: &str, want: i64) -> alipay_open::methods::ContentState {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let state = client.content(id, &none()).await.unwrap();
        if state.source_status == want {
            return state;
        }
        assert!(Instant::now() < deadline, "content {id} stayed at {}", state.source_status);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn content_is_reviewed_then_published_and_text_round_trips_byte_for_byte() {
    let (_emu, client) = emulator().await;
    let file = client.upload_file("封面.jpg", vec![0xFF, 0xD8, 0xFF, 1, 2, 3], &none()).await.unwrap();
    let mut p = post("春日咖啡 ☕ & = + % 空格", "正文😀 #咖啡 a=b&c=d 100%");
    p.source_media_infos = vec![MediaInfo { media_id: file.file_id, media_type: "image".into() }];
    let id = client.publish_content(&p, &none()).await.unwrap().content_id;
    assert_eq!(client.content(&id, &none()).await.unwrap().source_status, 0, "under review at first");
    let published = status_becomes(&client, &id, 1).await;
    assert_eq!(published.source_title, "春日咖啡 ☕ & = + % 空格");
    assert_eq!(published.source_content, "正文😀 #咖啡 a=b&c=d 100%");

    client.delete_content(&id, &none()).await.unwrap();
    assert_eq!(client.content(&id, &none()).await.unwrap().source_status, 3);
}

#[tokio::test]
async fn a_banned_word_is_rejected_with_the_reason() {
    let (_emu, client) = emulator().await;
    let id = client.publish_content(&post("标题", "这里有违禁词"), &none()).await.unwrap().content_id;
    let rejected = status_becomes(&client, &id, 2).await;
    assert_eq!(rejected.reject_reason, "内容包含违禁词：违禁词");
    let detect = client.detect_content("含违禁词的句子", &none()).await.unwrap();
    assert_eq!((detect.action.as_str(), detect.keywords), ("REJECTED", vec!["违禁词".to_string()]));
}

#[tokio::test]
async fn batchquery_pages_by_twenty_at_most() {
    let (_emu, client) = emulator().await;
    for i in 0..25 {
        client.publish_content(&post(&format!("第{i}篇"), "正文"), &none()).await.unwrap();
    }
    let page = |n, size| ContentBatchQuery { page_num: n, page_size: size, need_detail: true, status: None };
    let first = client.content_page(&page(1, 20), &none()).await.unwrap();
    let second = client.content_page(&page(2, 20), &none()).await.unwrap();
    assert_eq!((first.total, first.contents.len(), second.contents.len()), (25, 20, 5));
    assert_eq!(first.contents[0].source_title, "第24篇", "newest first");
    let err = client.content_page(&page(1, 21), &none()).await.unwrap_err();
    assert!(matches!(&err, Error::Platform { code, .. } if code == "40002"), "{err:?}");
}

#[tokio::test]
async fn repeating_an_out_advance_id_returns_the_same_announcement() {
    let (_emu, client) = emulator().await;
    let create = LiveAdvanceCreate {
        alipay_public_id: "P1".into(),
        live_advance_time: "2026-12-01 20:00:00".into(),
        live_title: "双十二直播".into(),
        out_advance_id: "studio-live-1".into(),
    };
    let a = client.create_live_advance(&create, &none()).await.unwrap();
    let b = client.create_live_advance(&create, &none()).await.unwrap();
    assert_eq!(a, b);
    let modify = LiveAdvanceModify {
        alipay_advance_id: a.alipay_advance_id.clone(),
        alipay_public_id: "P1".into(),
        live_title: Some("改期".into()),
        live_advance_time: None,
    };
    client.modify_live_advance(&modify, &none()).await.unwrap();
    let delete = LiveAdvanceDelete {
        alipay_advance_id: a.alipay_advance_id.clone(),
        alipay_public_id: "P1".into(),
        reason: "取消".into(),
    };
    client.delete_live_advance(&delete, &none()).await.unwrap();
    let err = client.modify_live_advance(&modify, &none()).await.unwrap_err();
    assert!(matches!(&err, Error::Platform { sub_code, .. } if sub_code == "isv.advance-not-exist"), "{err:?}");
    assert_eq!(err.retry(), Retry::Never);
}

#[tokio::test]
async fn profile_edits_go_through_audit() {
    let (_emu, client) = emulator().await;
    assert_eq!(client.public_info(&none()).await.unwrap().audit_status, "AUDIT_NORMAL");
    let edit = PublicInfoModify {
        app_name: Some("老街面馆".into()),
        introduction: Some("五十年老店".into()),
        ..Default::default()
    };
    client.modify_public_info(&edit, &none()).await.unwrap();
    assert_eq!(client.public_info(&none()).await.unwrap().audit_status, "AUDITING");
    let again = client.modify_public_info(&edit, &none()).await.unwrap_err();
    assert!(matches!(&again, Error::Platform { sub_code, .. } if sub_code == "isv.profile-auditing"));
    tokio::time::sleep(DELAY + Duration::from_millis(100)).await;
    let info = client.public_info(&none()).await.unwrap();
    assert_eq!(
        (info.audit_status.as_str(), info.app_name.as_str(), info.introduction.as_str()),
        ("AUDIT_SUCCESS", "老街面馆", "五十年老店")
    );

    let bad = PublicInfoModify { introduction: Some("含违禁词".into()), ..Default::default() };
    client.modify_public_info(&bad, &none()).await.unwrap();
    tokio::time::sleep(DELAY + Duration::from_millis(100)).await;
    let info = client.public_info(&none()).await.unwrap();
    assert_eq!(
        (info.audit_status.as_str(), info.audit_desc.as_str(), info.introduction.as_str()),
        ("AUDIT_FAILED", "资料包含违禁词：违禁词", "五十年老店")
    );

    let short = PublicInfoModify { app_name: Some("店".into()), ..Default::default() };
    assert!(
        matches!(client.modify_public_info(&short, &none()).await.unwrap_err(), Error::Platform { code, .. } if code == "40004")
    );
}

#[tokio::test]
async fn a_request_signed_with_another_key_is_refused_with_the_string_it_checked() {
    let (emu, client) = emulator().await;
    let wrong = AlipayClient::new(Config { app_key: PrivateKey::generate(), ..client.config().clone() });
    let err = wrong.publish_content(&post("t", "b"), &none()).await.unwrap_err();
    match &err {
        Error::Platform { code, sub_code, sub_msg, .. } => {
            assert_eq!((code.as_str(), sub_code.as_str()), ("40002", "isv.invalid-signature"));
            assert!(sub_msg.contains("app_id=2021000000000001&biz_content="), "{sub_msg}");
        }
        other => panic!("{other:?}"),
    }
    let stranger = AlipayClient::new(Config { app_id: "2021999999999999".into(), ..client.config().clone() });
    let err = stranger.public_info(&none()).await.unwrap_err();
    assert!(matches!(&err, Error::Platform { sub_code, .. } if sub_code == "isv.invalid-app-id"), "{err:?}");
    // And answers are signed by the platform key only.
    let fooled =
        AlipayClient::new(Config { alipay_public_key: PrivateKey::generate().public_key(), ..client.config().clone() });
    assert!(matches!(fooled.public_info(&none()).await.unwrap_err(), Error::BadSignature(_)));
    drop(emu);
}

#[tokio::test]
async fn publishing_unknown_media_is_a_business_error() {
    let (_emu, client) = emulator().await;
    let mut p = post("t", "b");
    p.source_media_infos = vec![MediaInfo { media_id: "F-nope".into(), media_type: "image".into() }];
    let err = client.publish_content(&p, &none()).await.unwrap_err();
    assert!(matches!(&err, Error::Platform { sub_code, .. } if sub_code == "isv.media-not-exist"), "{err:?}");
}

#[tokio::test]
async fn state_on_disk_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let app = PrivateKey::generate();
    let platform = PrivateKey::generate();
    let (emu, client) = emulator_with(Some(dir.path().to_owned()), &app, platform.clone()).await;
    let id = client.publish_content(&post("留存", "正文"), &none()).await.unwrap().content_id;
    emu.stop().await;
    let (_emu, client) = emulator_with(Some(dir.path().to_owned()), &app, platform).await;
    assert_eq!(client.content(&id, &none()).await.unwrap().content_id, id);
}

fn button(name: &str, action: &str, param: &str) -> MenuButton {
    MenuButton { name: name.into(), action_type: action.into(), action_param: param.into(), ..Default::default() }
}

fn sub_code(e: Error) -> String {
    match e {
        Error::Platform { sub_code, .. } => sub_code,
        other => panic!("not a refusal: {other:?}"),
    }
}

#[tokio::test]
async fn a_menu_is_created_once_modified_and_read_back_as_sent() {
    let (_emu, client) = emulator().await;
    assert_eq!(client.menus(&none()).await.unwrap().menus, []);
    let first = MenuSet { button: vec![button("官网", "link", "https://e.com")], kind: String::new() };
    assert_eq!(sub_code(client.modify_menu(&first, &none()).await.unwrap_err()), "isv.menu-not-exist");

    let services = MenuButton {
        name: "服务".into(),
        sub_button: vec![button("电话", "tel", "+86-10-1234"), button("订单", "consumption", "")],
        ..Default::default()
    };
    let menu = MenuSet { button: vec![button("官网", "link", "https://e.com/?a=b"), services], kind: "text".into() };
    assert_eq!(client.create_menu(&menu, &none()).await.unwrap().menu_key, "default");
    assert_eq!(sub_code(client.create_menu(&menu, &none()).await.unwrap_err()), "isv.menu-exist");
    let list = client.menus(&none()).await.unwrap();
    assert_eq!(list.count, 1);
    assert!(list.menus[0].is_default());
    assert_eq!((list.menus[0].kind.as_str(), &list.menus[0].button), ("text", &menu.button));
    let content: Vec<MenuButton> =
        serde_json::from_str(&client.menu_content(&none()).await.unwrap().menu_content).unwrap();
    assert_eq!(content, menu.button);

    let changed = MenuSet { button: vec![button("地图", "map", "街角咖啡")], kind: "text".into() };
    client.modify_menu(&changed, &none()).await.unwrap();
    assert_eq!(client.menus(&none()).await.unwrap().menus[0].button, changed.button);
}

#[tokio::test]
async fn a_menu_over_the_platforms_limits_is_refused_and_the_live_one_stays() {
    let (_emu, client) = emulator().await;
    let ok = MenuSet { button: vec![button("官网", "link", "https://e.com")], kind: String::new() };
    client.create_menu(&ok, &none()).await.unwrap();
    let refused = |button: Vec<MenuButton>, kind: &str| {
        let menu = MenuSet { button, kind: kind.into() };
        let client = client.clone();
        async move { sub_code(client.modify_menu(&menu, &none()).await.unwrap_err()) }
    };
    let five: Vec<MenuButton> = (0..5).map(|i| button(&format!("入口{i}"), "link", "https://e.com")).collect();
    assert_eq!(refused(five, "text").await, "isv.menu-button-count");
    let six = MenuButton {
        name: "多".into(),
        sub_button: (0..6).map(|i| button(&i.to_string(), "out", "k")).collect(),
        ..Default::default()
    };
    assert_eq!(refused(vec![six], "text").await, "isv.menu-sub-button-count");
    assert_eq!(
        refused(vec![button("十个汉字的菜单名称长", "link", "https://e.com")], "text").await,
        "isv.menu-name-too-long"
    );
    assert_eq!(refused(vec![button("链接", "link", "ftp://e.com")], "text").await, "isv.invalid-action-param");
    assert_eq!(refused(vec![button("电话", "tel", "12ab")], "text").await, "isv.invalid-action-param");
    assert_eq!(refused(vec![button("事件", "out", "a:b")], "text").await, "isv.invalid-action-param");
    assert_eq!(refused(vec![button("跳转", "jump", "x")], "text").await, "isv.invalid-action-type");
    assert_eq!(refused(vec![button("地图", "map", "")], "text").await, "isv.missing-parameter");
    assert_eq!(refused(vec![button("图标", "link", "https://e.com")], "icon").await, "isv.invalid-icon");
    assert_eq!(client.menus(&none()).await.unwrap().menus[0].button, ok.button, "nothing half-kept");
}
