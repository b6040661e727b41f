//! A message to followers in the real window, against the built-in
//! emulator: written, sent to every follower once after a confirmation, and
//! recalled after another.

use studio_e2e::{app_platform_rows, open_app, type_into, Driver, Session};

fn wait_row(s: &Session, status: &str) {
    s.wait_for(&format!("the message to be {status}"), || {
        let row = s.find_all("[data-testid=message-row]").into_iter().next()?;
        (s.attribute(&row, "data-status").as_deref() == Some(status)).then_some(())
    });
}

#[test]
fn a_message_is_sent_to_every_follower_once_and_recalled() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = open_app(&driver, data.path());
    s.click(&s.find("[data-testid=nav-profile]"));
    s.click(&s.find("[data-testid=tab-messages]"));
    s.click(&s.find("[data-testid=message-new]"));
    s.find("[data-testid=message-row]");
    type_into(&s, "[data-testid=message-title]", "今晚八点");
    type_into(&s, "[data-testid=message-body]", "今晚八点直播：秋冬新品 & 第二杯半价");
    s.wait_for_text("[data-testid=message-save-state]", "草稿已保存");
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&std::path::Path::new(&dir).join("messages-zh.png"));
    }
    s.click(&s.find("[data-testid=message-send]"));
    s.wait_dialog_open();
    s.click(&s.find("[data-testid=message-send-confirm]"));
    wait_row(&s, "sent");
    let sent: Vec<(String, Option<i64>)> = app_platform_rows(data.path(), "SELECT body, recalled_at FROM messages");
    assert_eq!(sent.len(), 1, "sent once");
    let body: serde_json::Value = serde_json::from_str(&sent[0].0).unwrap();
    assert_eq!(body["msg_type"], "text");
    assert_eq!(body["text"]["content"], "今晚八点直播：秋冬新品 & 第二杯半价");
    assert_eq!(sent[0].1, None);

    // The send's dialog has gone before the recall's opens.
    s.wait_for("the send's dialog to close", || s.find_all(".ant-modal-confirm").is_empty().then_some(()));
    s.click(&s.find("[data-testid=message-recall]"));
    s.wait_dialog_open();
    s.click(&s.find("[data-testid=message-recall-confirm]"));
    wait_row(&s, "recalled");
    let after: Vec<(String, Option<i64>)> = app_platform_rows(data.path(), "SELECT body, recalled_at FROM messages");
    assert_eq!(after.len(), 1);
    assert!(after[0].1.is_some(), "recalled on the platform");

    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        let dir = std::path::Path::new(&dir);
        s.click(&s.find("[data-testid=nav-settings]"));
        s.click(&s.find("[data-testid=language-en]"));
        s.wait_for_text("[data-testid=nav-profile]", "Profile");
        s.click(&s.find("[data-testid=nav-profile]"));
        s.click(&s.find("[data-testid=tab-messages]"));
        s.click(&s.find("[data-testid=message-new]"));
        s.wait_for("two messages", || (s.find_all("[data-testid=message-row]").len() == 2).then_some(()));
        s.click(&s.find("[data-testid=message-kind-image_text]"));
        type_into(&s, "[data-testid=message-title]", "Autumn collection");
        type_into(&s, "[data-testid=message-body]", "New in store this weekend.");
        s.screenshot(&dir.join("messages-en.png"));
    }
    s.quit();
}
