//! The service menu in the real window, against the built-in emulator:
//! entries typed in, one nested under another by dragging it, the changes
//! shown before publishing, and the platform's menu as published.

use studio_e2e::{app_platform_rows, open_app, studio_cli, type_into, Driver, Session};

/// The centre of the element `css` names, in viewport pixels; `dy` of its height from the middle.
fn point(s: &Session, css: &str, dy: f64) -> (i64, i64) {
    let p = s.execute(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect(); \
         return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2 + r.height * arguments[1])];",
        serde_json::json!([css, dy]),
    );
    (p[0].as_i64().unwrap(), p[1].as_i64().unwrap())
}

fn add_entry(s: &Session, name: &str, action: Option<&str>, param: &str) {
    let before = s.find_all("[data-testid=menu-entry]").len();
    s.click(&s.find("[data-testid=menu-add]"));
    s.wait_for("the new entry", || (s.find_all("[data-testid=menu-entry]").len() == before + 1).then_some(()));
    type_into(s, "[data-testid=menu-name]", name);
    if let Some(action) = action {
        s.click(&s.find("[data-testid=menu-action]"));
        s.click(&s.find(&format!(".ant-select-dropdown:not(.ant-select-dropdown-hidden) [title='{action}']")));
    }
    type_into(s, "[data-testid=menu-param]", param);
}

fn names(s: &Session) -> Vec<(String, String)> {
    s.find_all("[data-testid=menu-entry]")
        .iter()
        .map(|e| {
            (s.attribute(e, "data-menu-path").unwrap_or_default(), s.attribute(e, "data-name").unwrap_or_default())
        })
        .collect()
}

#[test]
fn a_sub_entry_is_nested_by_dragging_and_the_published_menu_is_the_platforms() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = open_app(&driver, data.path());
    s.click(&s.find("[data-testid=nav-profile]"));
    s.click(&s.find("[data-testid=tab-menu]"));
    s.find("[data-testid=menu-editor]");

    add_entry(&s, "官网", None, "https://example.com/?a=b&c=d");
    add_entry(&s, "服务", None, "https://example.com/service");
    add_entry(&s, "电话", Some("拨打电话"), "0571-12345678");
    let owed = |v: &[(&str, &str)]| v.iter().map(|(p, n)| (p.to_string(), n.to_string())).collect::<Vec<_>>();
    assert_eq!(names(&s), owed(&[("0", "官网"), ("1", "服务"), ("2", "电话")]));

    // Dragged by its handle onto the middle of 服务, 电话 becomes its sub-entry.
    let from = point(&s, "[data-menu-path='2'] [data-testid=menu-handle]", 0.0);
    let to = point(&s, "[data-menu-path='1']", 0.0);
    s.drag_points(from, to);
    s.wait_for("电话 nested under 服务", || {
        (names(&s) == owed(&[("0", "官网"), ("1", "服务"), ("1.0", "电话")])).then_some(())
    });
    s.wait_for_text("[data-testid=menu-save-state]", "草稿已保存");

    s.click(&s.find("[data-testid=menu-publish]"));
    s.wait_dialog_open();
    let changes = s.text(&s.find("[data-testid=menu-changes]"));
    assert!(changes.contains("新增 服务 › 电话：拨打电话 0571-12345678"), "{changes}");
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&std::path::Path::new(&dir).join("menu-publish-zh.png"));
    }
    s.click(&s.find("[data-testid=menu-publish-confirm]"));
    s.wait_for("the menu published", || {
        let last = s.find_all("[data-testid=menu-last-publish]").into_iter().next()?;
        (s.attribute(&last, "data-status").as_deref() == Some("published")).then_some(())
    });

    // The platform's own record: the menu as dragged.
    let rows: Vec<(String, String)> = app_platform_rows(data.path(), "SELECT kind, button FROM menus");
    assert_eq!(rows.len(), 1);
    let button: serde_json::Value = serde_json::from_str(&rows[0].1).unwrap();
    assert_eq!(rows[0].0, "text");
    assert_eq!(button[0]["action_param"], "https://example.com/?a=b&c=d");
    assert_eq!(button[1]["name"], "服务");
    assert_eq!(button[1].get("action_type"), None, "an entry with sub-entries only opens them");
    assert_eq!(button[1]["sub_button"][0]["name"], "电话");
    assert_eq!(button[1]["sub_button"][0]["action_type"], "tel");
    assert_eq!(button[1]["sub_button"][0]["action_param"], "0571-12345678");
    // Nothing left to publish: the draft is the live menu.
    s.wait_for("no changes left", || {
        let disabled =
            s.execute("return document.querySelector('[data-testid=menu-publish]').disabled", serde_json::json!([]));
        (disabled == serde_json::json!(true)).then_some(())
    });

    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        let dir = std::path::Path::new(&dir);
        s.click(&s.find("[data-menu-path='1']"));
        s.screenshot(&dir.join("menu-zh.png"));
        s.click(&s.find("[data-testid=nav-settings]"));
        s.click(&s.find("[data-testid=language-en]"));
        s.wait_for_text("[data-testid=nav-profile]", "Profile");
        s.click(&s.find("[data-testid=nav-profile]"));
        s.click(&s.find("[data-testid=tab-menu]"));
        s.click(&s.find("[data-menu-path='1.0']"));
        s.screenshot(&dir.join("menu-en.png"));

        // An icon menu, each entry with a library picture, written by the CLI on the same library.
        let mut entries = Vec::new();
        for (i, (name, url)) in [
            ("门店", "https://example.com/shop"),
            ("菜单", "https://example.com/menu"),
            ("会员", "https://example.com/vip"),
        ]
        .into_iter()
        .enumerate()
        {
            let file = data.path().join(format!("icon-{i}.jpg"));
            std::fs::write(&file, studio_e2e::photo(120 + i as u32, 120)).unwrap();
            let imported = studio_cli(data.path(), &["media", "import", file.to_str().unwrap()]);
            let hash = imported["imported"][0]["hash"].as_str().unwrap().to_string();
            entries.push(serde_json::json!({"name": name, "action": "link", "param": url, "icon": hash}));
        }
        let menu = data.path().join("icon-menu.json");
        std::fs::write(&menu, serde_json::json!({"kind": "icon", "entries": entries}).to_string()).unwrap();
        studio_cli(data.path(), &["menu", "edit", menu.to_str().unwrap()]);
        s.click(&s.find("[data-testid=tab-profile]"));
        s.click(&s.find("[data-testid=tab-menu]"));
        s.wait_for("the icon menu", || (s.find_all("[data-testid=menu-phone-entry] img").len() == 3).then_some(()));
        s.click(&s.find("[data-menu-path='0']"));
        s.screenshot(&dir.join("menu-icon-en.png"));
        s.click(&s.find("[data-testid=menu-revert]"));
        s.wait_for("the draft back to the live menu", || {
            (studio_cli(data.path(), &["menu", "show"])["changes"] == serde_json::json!([])).then_some(())
        });
    }
    s.quit();

    // Read back through the platform's menu query: the library forgets the
    // live menu, and a sync by the CLI on the same library reads it again
    // from the emulator (`menu.batchquery`).
    let library = format!("sqlite://{}", data.path().join("studio.sqlite3").display());
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect(&library).await.unwrap();
        sqlx::query("DELETE FROM live_menus").execute(&pool).await.unwrap();
        pool.close().await;
    });
    assert_eq!(studio_cli(data.path(), &["menu", "show"])["live"], serde_json::Value::Null, "forgotten");
    studio_cli(data.path(), &["sync"]);
    let shown = studio_cli(data.path(), &["menu", "show"]);
    assert_eq!(shown["live"]["menu"]["entries"][1]["children"][0]["param"], "0571-12345678", "{shown}");
    assert_eq!(shown["changes"], serde_json::json!([]));
}
