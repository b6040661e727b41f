//! Drafts that are never lost, in the real window: a killed app keeps
//! every acknowledged save, history restores, the trash gives back, and
//! search finds a two-character Chinese word.

use std::path::Path;
use std::process::Command;

use studio_e2e::{open_app as app, studio_cli, wait_saved, Driver, CONTROL, SHIFT};

/// SIGKILL to the app started on `data_dir` (found by its command line).
fn kill_app(data_dir: &Path) {
    let pattern = format!("creator-studio --data-dir {}", data_dir.display());
    let status = Command::new("pkill").args(["-KILL", "-f", &pattern]).status().unwrap();
    assert!(status.success(), "no app process matched {pattern}");
}

#[test]
fn text_up_to_the_last_acknowledged_autosave_survives_sigkill() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = app(&driver, data.path());
    s.click(&s.find("[data-testid=new-draft]"));
    let body = s.find("[data-testid=body-input]");
    s.click(&body);
    s.type_text(&body, "第一段已保存。");
    wait_saved(&s);
    // Keep typing, and kill the app while it may still be saving.
    s.type_text(&body, "第二段正在输入");
    kill_app(data.path());
    drop(s);

    let listed = studio_cli(data.path(), &["drafts", "list"]);
    let saved_body = listed[0]["body"].as_str().unwrap().to_owned();
    assert!(saved_body.starts_with("第一段已保存。"), "acknowledged text lost: {saved_body:?}");
    assert!("第一段已保存。第二段正在输入".starts_with(&saved_body), "unexpected text: {saved_body:?}");

    let driver = Driver::start();
    let s = app(&driver, data.path());
    let body = s.find("[data-testid=body-input]");
    assert_eq!(s.property(&body, "value"), Some(saved_body));
    s.quit();
}

#[test]
fn an_old_revision_restores_and_a_trashed_draft_comes_back() {
    let data = tempfile::tempdir().unwrap();
    let made = studio_cli(data.path(), &["drafts", "create", "--title", "初稿标题", "--body", "初稿正文"]);
    studio_cli(data.path(), &["drafts", "edit", &made["id"].to_string(), "--title", "二稿标题"]);
    let driver = Driver::start();
    let s = app(&driver, data.path());

    s.wait_for_text("[data-testid=draft-item-title]", "二稿标题");
    s.click(&s.find("[data-testid=open-history]"));
    s.wait_for("two revisions", || (s.find_all("[data-testid=revision-item]").len() == 2).then_some(()));
    s.click(&s.find("[data-testid=restore-revision]"));
    s.wait_for_text("[data-testid=draft-item-title]", "初稿标题");
    let title = s.find("[data-testid=title-input]");
    s.wait_for("the editor to show the restored title", || {
        (s.property(&title, "value").as_deref() == Some("初稿标题")).then_some(())
    });

    s.click(&s.find("[data-testid=delete-draft]"));
    s.click(&s.find("[data-testid=confirm-delete]"));
    s.wait_for("the list to empty", || s.find_all("[data-testid=draft-item]").is_empty().then_some(()));
    s.click(&s.find("[data-testid=nav-trash]"));
    s.wait_for_text("[data-testid=trash-item-title]", "初稿标题");
    s.click(&s.find("[data-testid=restore-draft]"));
    s.wait_for("the trash to empty", || s.find_all("[data-testid=trash-item]").is_empty().then_some(()));
    s.click(&s.find("[data-testid=nav-drafts]"));
    s.wait_for_text("[data-testid=draft-item-title]", "初稿标题");
    s.quit();

    let history = studio_cli(data.path(), &["drafts", "history", &made["id"].to_string()]);
    let reasons: Vec<&str> = history.as_array().unwrap().iter().map(|r| r["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, vec!["restore", "edit", "create"]);
}

#[test]
fn searching_a_two_character_chinese_word_finds_and_opens_the_draft() {
    let data = tempfile::tempdir().unwrap();
    studio_cli(data.path(), &["drafts", "create", "--title", "周末探店", "--body", "老街面馆排队半小时"]);
    studio_cli(data.path(), &["drafts", "create", "--title", "春日新品", "--body", "今天的第一杯拿铁，咖啡豆来自云南"]);
    studio_cli(data.path(), &["drafts", "create", "--title", "Weekly notes", "--body", "nothing here"]);
    let driver = Driver::start();
    let s = app(&driver, data.path());

    let search = s.find("[data-testid=search-input] input, input[data-testid=search-input]");
    s.click(&search);
    s.type_text(&search, "咖啡");
    s.wait_for("one hit", || (s.find_all("[data-testid=draft-item]").len() == 1).then_some(()));
    s.wait_for_text("[data-testid=draft-item-snippet] mark", "咖啡");
    s.click(&s.find("[data-testid=draft-item]"));
    let title = s.find("[data-testid=title-input]");
    s.wait_for("the hit to open", || (s.property(&title, "value").as_deref() == Some("春日新品")).then_some(()));
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&Path::new(&dir).join("search-zh.png"));
    }
    s.quit();
}

#[test]
fn typing_is_undone_and_redone_with_the_keyboard_and_the_undo_is_saved() {
    let data = tempfile::tempdir().unwrap();
    let made = studio_cli(data.path(), &["drafts", "create", "--title", "早餐", "--body", ""]);
    let id = made["id"].as_i64().unwrap().to_string();
    let driver = Driver::start();
    let s = app(&driver, data.path());

    let title = s.find("[data-testid=title-input]");
    s.wait_for("the draft to open", || (s.property(&title, "value").as_deref() == Some("早餐")).then_some(()));
    s.click(&title);
    s.type_text(&title, "吃什么");
    wait_saved(&s);
    let value = |want: &str| {
        s.wait_for(&format!("the title to read {want:?}"), || {
            (s.property(&title, "value").as_deref() == Some(want)).then_some(())
        })
    };
    value("早餐吃什么");

    s.chord(&[CONTROL, "z"]);
    value("早餐");
    wait_saved(&s);
    // The undone text is what is kept.
    s.wait_for("the undo to be saved", || {
        let shown = studio_cli(data.path(), &["drafts", "show", &id]);
        (shown["title"] == "早餐").then_some(())
    });

    s.chord(&[CONTROL, SHIFT, "z"]);
    value("早餐吃什么");
    wait_saved(&s);
    s.wait_for("the redo to be saved", || {
        let shown = studio_cli(data.path(), &["drafts", "show", &id]);
        (shown["title"] == "早餐吃什么").then_some(())
    });
    s.quit();
}
