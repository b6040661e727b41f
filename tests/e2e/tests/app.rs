//! The real app window, driven like a user would drive it.
//!
//! Needs a display (Xvfb), a session bus, tauri-driver and WebKitWebDriver:
//! run through `make e2e` (part of `make test`).

use std::path::Path;

use studio_e2e::{open_app as app, studio_cli, wait_saved, Driver};

#[test]
fn a_draft_written_in_the_window_survives_a_restart_and_is_seen_by_the_cli() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();

    let s = app(&driver, data.path());
    s.click(&s.find("[data-testid=new-draft]"));
    let title = s.find("[data-testid=title-input]");
    s.click(&title);
    s.type_text(&title, "春日咖啡 Spring");
    let body = s.find("[data-testid=body-input]");
    s.click(&body);
    s.type_text(&body, "第一行 & = + %");
    s.click(&s.find("[data-testid=kind-video]"));
    wait_saved(&s);
    s.wait_for_text("[data-testid=draft-item-title]", "春日咖啡 Spring");

    // Edit it: the change is saved too.
    let title = s.find("[data-testid=title-input]");
    s.click(&title);
    s.type_text(&title, "！");
    wait_saved(&s);
    s.wait_for_text("[data-testid=draft-item-title]", "春日咖啡 Spring！");
    s.quit();

    let s = app(&driver, data.path());
    s.wait_for_text("[data-testid=draft-item-title]", "春日咖啡 Spring！");
    let body = s.find("[data-testid=body-input]");
    assert_eq!(s.property(&body, "value").as_deref(), Some("第一行 & = + %"));
    s.quit();

    let list = studio_cli(data.path(), &["drafts", "list"]);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["title"], "春日咖啡 Spring！");
    assert_eq!(list[0]["body"], "第一行 & = + %");
    assert_eq!(list[0]["kind"], "video");
}

#[test]
fn a_draft_made_with_the_cli_shows_in_the_window_and_can_be_deleted_there() {
    let data = tempfile::tempdir().unwrap();
    studio_cli(data.path(), &["drafts", "create", "--title", "标题", "--body", "正文"]);
    let driver = Driver::start();

    let s = app(&driver, data.path());
    s.wait_for_text("[data-testid=draft-item-title]", "标题");
    s.click(&s.find("[data-testid=delete-draft]"));
    s.click(&s.find("[data-testid=confirm-delete]"));
    s.wait_for("the list to empty", || s.find_all("[data-testid=draft-item]").is_empty().then_some(()));
    s.quit();

    assert_eq!(studio_cli(data.path(), &["drafts", "list"]), serde_json::json!([]));
}

#[test]
fn switching_to_english_changes_the_window_and_is_remembered() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();

    let s = app(&driver, data.path());
    s.wait_for_text("[data-testid=nav-drafts]", "草稿");
    s.click(&s.find("[data-testid=nav-settings]"));
    s.click(&s.find("[data-testid=language-en]"));
    s.wait_for_text("[data-testid=nav-drafts]", "Drafts");
    s.wait_for_text("[data-testid=nav-settings]", "Settings");
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&Path::new(&dir).join("settings-en.png"));
    }
    s.quit();

    let s = app(&driver, data.path());
    s.wait_for_text("[data-testid=nav-drafts]", "Drafts");
    s.quit();
}
