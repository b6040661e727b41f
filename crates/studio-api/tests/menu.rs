//! The service menu through the studio, as the window and the CLI drive
//! it: drafted, checked, published to the built-in emulator, pulled back
//! and compared field by field.

mod common;

use std::time::Duration;

use studio_api::{
    EngineOptions, Lang, Menu, MenuAction, MenuChangeKind, MenuEntry, MenuKind, MenuProblem, MenuPublishStatus, Studio,
};

async fn sync(studio: &Studio) {
    studio.sync_now(Duration::from_secs(30), EngineOptions::default()).await.unwrap();
}

fn services(children: Vec<MenuEntry>) -> MenuEntry {
    MenuEntry { children, ..MenuEntry::new("服务", MenuAction::Link, "") }
}

/// The emulator's own record of the demo account's menu.
async fn emulator_menu(data_dir: &std::path::Path) -> serde_json::Value {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(data_dir.join("emulator").join("emulator.sqlite3"))
        .read_only(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    let (kind, button): (String, String) =
        sqlx::query_as("SELECT kind, button FROM menus").fetch_one(&pool).await.unwrap();
    serde_json::json!({ "type": kind, "button": serde_json::from_str::<serde_json::Value>(&button).unwrap() })
}

#[tokio::test(flavor = "multi_thread")]
async fn a_menu_is_drafted_refused_over_the_limits_published_and_read_back_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::ZhCn).await.unwrap();
    sync(&studio).await;
    let state = studio.menu_state(None).await.unwrap();
    assert_eq!(state.live.as_ref().map(|l| l.menu.is_none()), Some(true), "read: the account has no menu yet");
    assert_eq!(state.problems, [MenuProblem::Empty]);

    // Over the limits: kept as a draft, refused in words when published.
    let five: Vec<MenuEntry> = (1..=5).map(|i| MenuEntry::link(&format!("入口{i}"), "https://example.com")).collect();
    let state = studio.save_menu_draft(Menu { kind: MenuKind::Text, entries: five }, None).await.unwrap();
    assert_eq!(state.problems, [MenuProblem::TooManyEntries { max: 4 }]);
    let refused = studio.publish_menu(None).await.unwrap_err().in_lang(Lang::ZhCn);
    assert_eq!(refused.code, "menu_invalid");
    assert!(refused.message.contains("最多 4 个"), "{}", refused.message);
    assert_eq!(studio.menu_state(None).await.unwrap().draft.entries.len(), 5, "the draft is kept");
    let bad_phone =
        Menu { kind: MenuKind::Text, entries: vec![services(vec![MenuEntry::new("电话", MenuAction::Tel, "12ab")])] };
    studio.save_menu_draft(bad_phone, None).await.unwrap();
    let refused = studio.publish_menu(None).await.unwrap_err().in_lang(Lang::En);
    assert!(refused.message.starts_with("Entry 1, sub-entry 1's phone number"), "{}", refused.message);
    let control = Menu { kind: MenuKind::Text, entries: vec![MenuEntry::link("官\u{7}网", "https://e.com")] };
    assert_eq!(studio.save_menu_draft(control, None).await.unwrap_err().in_lang(Lang::En).code, "menu_text");

    let menu = Menu {
        kind: MenuKind::Text,
        entries: vec![
            MenuEntry::link(" 官网 ", "https://example.com/?a=b&c=d"),
            services(vec![
                MenuEntry::new("电话", MenuAction::Tel, "0571-12345678"),
                MenuEntry::new("门店", MenuAction::Map, "街角咖啡"),
                MenuEntry::new("订单", MenuAction::Consumption, ""),
            ]),
            MenuEntry::new("会员", MenuAction::Out, "member_card"),
        ],
    };
    let state = studio.save_menu_draft(menu.clone(), None).await.unwrap();
    assert_eq!(state.problems, []);
    assert_eq!(state.changes.iter().filter(|c| c.change == MenuChangeKind::Added).count(), 6, "{:?}", state.changes);
    let publish = studio.publish_menu(None).await.unwrap();
    assert_eq!(publish.status, MenuPublishStatus::Publishing);
    assert_eq!(studio.publish_menu(None).await.unwrap_err().in_lang(Lang::En).code, "menu_publishing");
    sync(&studio).await;

    let history = studio.menu_history(None).await.unwrap();
    assert_eq!(history.iter().map(|p| p.status).collect::<Vec<_>>(), [MenuPublishStatus::Published]);
    let state = studio.menu_state(None).await.unwrap();
    let live = state.live.unwrap().menu.unwrap();
    assert_eq!(live, menu.cleaned(), "pulled back, the platform's menu is the draft, field by field");
    assert_eq!(state.changes, []);
    assert_eq!(studio.publish_menu(None).await.unwrap_err().in_lang(Lang::En).code, "menu_unchanged");
    let on_platform = emulator_menu(dir.path()).await;
    assert_eq!(on_platform["type"], "text");
    assert_eq!(on_platform["button"][0]["name"], "官网", "trimmed");
    assert_eq!(on_platform["button"][1]["sub_button"][0]["action_param"], "0571-12345678");
    assert_eq!(on_platform["button"][1].get("action_type"), None, "a parent only opens its sub-entries");

    // A change shows as one before it is published, then goes out as a modify.
    let mut changed = menu.clone();
    changed.entries[1].children.push(MenuEntry::link("外卖", "alipays://platformapi/startapp?appId=2021000000000000"));
    changed.entries.swap(0, 2);
    let state = studio.save_menu_draft(changed.clone(), None).await.unwrap();
    let kinds: Vec<(MenuChangeKind, String)> = state.changes.iter().map(|c| (c.change, c.path.join("/"))).collect();
    assert_eq!(
        kinds,
        [
            (MenuChangeKind::Moved, "会员".into()),
            (MenuChangeKind::Added, "服务/外卖".into()),
            (MenuChangeKind::Moved, "官网".into()),
        ]
    );
    studio.publish_menu(None).await.unwrap();
    sync(&studio).await;
    let on_platform = emulator_menu(dir.path()).await;
    assert_eq!(on_platform["button"][0]["name"], "会员");
    assert_eq!(on_platform["button"][1]["sub_button"][3]["name"], "外卖");
    assert_eq!(studio.menu_state(None).await.unwrap().changes, []);

    // Reverting a draft puts the live menu back.
    studio.save_menu_draft(Menu::default(), None).await.unwrap();
    let reverted = studio.revert_menu_draft(None).await.unwrap();
    assert_eq!(reverted.draft, changed.cleaned());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_icon_menu_takes_its_icons_from_the_library_and_comes_back_as_the_same_pictures() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(dir.path(), Lang::En).await.unwrap();
    let mut icons = Vec::new();
    for i in 0..2 {
        let asset =
            studio.import_media_bytes(format!("icon{i}.jpg"), common::photo_bytes(400, 300, i + 7)).await.unwrap();
        icons.push(asset.imported[0].hash.clone());
    }
    let entry = |name: &str, i: usize| MenuEntry {
        icon: Some(icons[i].clone()),
        ..MenuEntry::link(name, "https://example.com")
    };
    let mut menu =
        Menu { kind: MenuKind::Icon, entries: vec![entry("Shop", 0), MenuEntry::link("Map", "https://e.com")] };
    let state = studio.save_menu_draft(menu.clone(), None).await.unwrap();
    assert_eq!(state.problems, [MenuProblem::IconMissing { at: vec![1] }]);
    let refused = studio.publish_menu(None).await.unwrap_err().in_lang(Lang::En);
    assert!(refused.message.contains("Entry 2 has no icon"), "{}", refused.message);
    menu.entries[1] = entry("Map", 1);
    studio.save_menu_draft(menu.clone(), None).await.unwrap();
    studio.publish_menu(None).await.unwrap();
    sync(&studio).await;
    let state = studio.menu_state(None).await.unwrap();
    assert_eq!(state.last_publish.unwrap().status, MenuPublishStatus::Published);
    assert_eq!(state.changes, [], "the icons live are the draft's uploads");
    let live = state.live.unwrap().menu.unwrap();
    assert!(live.entries.iter().all(|e| e.icon_url.starts_with("https://emulator.invalid/images/")), "{live:?}");
    let back = studio.revert_menu_draft(None).await.unwrap().draft;
    assert_eq!(
        back.entries.iter().map(|e| e.icon.clone()).collect::<Vec<_>>(),
        [Some(icons[0].clone()), Some(icons[1].clone())]
    );
}
