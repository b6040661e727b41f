//! The emulator, driven by our own client over loopback, behaves like the
//! platform: signed answers, review, paging, idempotent announcements,
//! profile audit, and the platform's errors.

use std::time::{Duration, Instant};

use alipay_emulator::{Emulator, EmulatorConfig, Review};
use alipay_open::methods::{
    ContentBatchQuery, ContentPublish, LiveAdvanceCreate, LiveAdvanceDelete, LiveAdvanceModify, MediaInfo, MenuButton,
    MenuSet, MessageArticle, MessageBody, MessageContent, MessagePreview, MessageText, PublicInfoModify,
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

fn jpeg() -> Vec<u8> {
    let mut bytes = vec![0xff, 0xd8, 0xff, 0xe0];
    bytes.extend(std::iter::repeat_n(7u8, 2048));
    bytes
}

#[tokio::test]
async fn a_message_is_made_previewed_sent_to_all_queried_and_recalled_once() {
    let (_emu, client) = emulator().await;
    let cover = client.upload_material_image("jpg", "封面.jpg", jpeg(), &none()).await.unwrap().image_url;
    let mut content = MessageContent {
        title: "周末新品".into(),
        cover: cover.clone(),
        content: "<p>现烤面包 & 咖啡</p>".into(),
        could_comment: "T".into(),
        ctype: "activity".into(),
        benefit: "第二杯半价".into(),
        ext_tags: "咖啡,面包".into(),
        login_ids: "a@example.com,13800000000".into(),
        ..Default::default()
    };
    let made = client.create_message_content(&content, &none()).await.unwrap();
    assert!(made.content_url.ends_with(&made.content_id), "{made:?}");
    content.content_id = made.content_id.clone();
    content.title = "周末新品（改）".into();
    assert_eq!(client.modify_message_content(&content, &none()).await.unwrap(), made);

    let article = MessageArticle {
        title: content.title.clone(),
        desc: "第二杯半价".into(),
        image_url: cover,
        url: made.content_url.clone(),
        action_name: "查看详情".into(),
    };
    let body = MessageBody { msg_type: "image-text".into(), text: None, articles: vec![article] };
    let preview = MessagePreview { logon_ids: vec!["a@example.com".into()], msg_body: body.clone() };
    assert_eq!(client.preview_message(&preview, &none()).await.unwrap().error_datas, []);
    let sent = client.send_message_to_all(&body, &none()).await.unwrap();
    let text = MessageBody {
        msg_type: "text".into(),
        text: Some(MessageText { title: String::new(), content: "今天营业到十点".into() }),
        articles: vec![],
    };
    let other = client.send_message_to_all(&text, &none()).await.unwrap();
    assert_ne!(sent.message_id, other.message_id);

    let listed = client.messages(&[sent.message_id.clone(), "M-unknown".into()], &none()).await.unwrap().list;
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].status.as_str(), listed[0].articles[0].url.as_str()), ("SENT", made.content_url.as_str()));
    client.recall_message(&sent.message_id, &none()).await.unwrap();
    assert_eq!(sub_code(client.recall_message(&sent.message_id, &none()).await.unwrap_err()), "isv.message-recalled");
    assert_eq!(client.messages(&[sent.message_id.clone()], &none()).await.unwrap().list[0].status, "RECALLED");
    assert_eq!(sub_code(client.recall_message("M-unknown", &none()).await.unwrap_err()), "isv.message-not-exist");
}

#[tokio::test]
async fn a_message_outside_the_platforms_limits_is_refused_in_its_words() {
    let (_emu, client) = emulator().await;
    let cover = client.upload_material_image("jpg", "封面.jpg", jpeg(), &none()).await.unwrap().image_url;
    let good =
        MessageContent { title: "标题".into(), cover: cover.clone(), content: "正文".into(), ..Default::default() };
    let refused = |change: fn(&mut MessageContent)| {
        let mut c = good.clone();
        change(&mut c);
        let client = client.clone();
        async move { sub_code(client.create_message_content(&c, &none()).await.unwrap_err()) }
    };
    assert_eq!(refused(|c| c.cover.clear()).await, "isv.missing-parameter");
    assert_eq!(refused(|c| c.cover = "https://elsewhere.example/a.jpg".into()).await, "isv.invalid-image-url");
    assert_eq!(refused(|c| c.benefit = "半价".into()).await, "isv.invalid-benefit");
    assert_eq!(
        refused(|c| {
            c.ctype = "activity".into();
            c.benefit = "十一个字的优惠说明文字".into()
        })
        .await,
        "isv.benefit-too-long"
    );
    assert_eq!(refused(|c| c.ext_tags = "a,b,c,d,e,f".into()).await, "isv.ext-tags-too-many");
    assert_eq!(
        refused(|c| c.login_ids = (0..11).map(|i| i.to_string()).collect::<Vec<_>>().join(",")).await,
        "isv.login-ids-too-many"
    );
    assert_eq!(refused(|c| c.content = "含违禁词".into()).await, "isv.content-risk");
    let no_image = MessageBody {
        msg_type: "image-text".into(),
        text: None,
        articles: vec![MessageArticle { title: "无图".into(), ..Default::default() }],
    };
    assert_eq!(sub_code(client.send_message_to_all(&no_image, &none()).await.unwrap_err()), "isv.missing-parameter");
    let six = MessagePreview {
        logon_ids: (0..6).map(|i| i.to_string()).collect(),
        msg_body: MessageBody {
            msg_type: "text".into(),
            text: Some(MessageText { title: String::new(), content: "hi".into() }),
            articles: vec![],
        },
    };
    assert_eq!(sub_code(client.preview_message(&six, &none()).await.unwrap_err()), "isv.logon-ids-count");
}
