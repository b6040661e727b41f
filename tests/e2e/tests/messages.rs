//! A message to followers in the real window, against the built-in
//! emulator: written, sent to every follower once after a confirmation, and
//! recalled after another; scheduled, then dragged on the calendar to
//! another day and moved back with Ctrl+Z.

use serde_json::json;
use studio_e2e::{
    app_platform_rows, drag_to_next_days, item_at, open_app, studio_cli, type_into, Driver, Session, CONTROL,
};

/// A new message written on the storefront's messages tab, saved.
fn write_message(s: &Session, title: &str, body: &str) {
    s.click(&s.find("[data-testid=nav-profile]"));
    s.click(&s.find("[data-testid=tab-messages]"));
    s.click(&s.find("[data-testid=message-new]"));
    s.find("[data-testid=message-row]");
    type_into(s, "[data-testid=message-title]", title);
    type_into(s, "[data-testid=message-body]", body);
    s.wait_for_text("[data-testid=message-save-state]", "草稿已保存");
}

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
    write_message(&s, "今晚八点", "今晚八点直播：秋冬新品 & 第二杯半价");
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

/// Waits for the toasts to go and an open drawer to finish sliding in, for a screenshot.
fn settled(s: &Session) {
    s.wait_for("the window to settle", || {
        let done = s.execute(
            "const w = document.querySelector('.ant-drawer-open .ant-drawer-content-wrapper');
             const slid = !w || (getComputedStyle(w).transform === 'none' && !!document.querySelector('[data-testid=revision-item]'));
             return slid && !document.querySelector('.ant-message-notice');",
            json!([]),
        );
        (done == json!(true)).then_some(())
    });
}

/// The message's time in the library, as the CLI reads it.
fn scheduled_at(data: &std::path::Path) -> Option<i64> {
    studio_cli(data, &["message", "list"])[0]["scheduled_at"].as_i64()
}

#[test]
fn a_scheduled_message_is_dragged_to_another_day_on_the_calendar_and_back() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = open_app(&driver, data.path());
    write_message(&s, "周末上新", "周末上新：秋冬外套到店");

    // Tomorrow 20:00, in this computer's zone.
    let when = s.execute(
        "const d = new Date(); d.setDate(d.getDate() + 1); d.setHours(20, 0, 0, 0); const p = (n) => String(n).padStart(2, '0');
         return [`${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} 20:00`, d.getTime()];",
        json!([]),
    );
    let first_at = when[1].as_i64().unwrap();
    s.click(&s.find("[data-testid=message-schedule]"));
    s.wait_dialog_open();
    type_into(&s, "[data-testid=message-when]", when[0].as_str().unwrap());
    s.click(&s.find("[data-testid=message-schedule-ok]"));
    // The confirmation opens as the time's dialog closes.
    s.wait_for("the confirmation to finish opening", || {
        let opacity = s.execute(
            "const m = document.querySelector('.ant-modal-confirm'); return m ? getComputedStyle(m).opacity : null",
            json!([]),
        );
        (opacity.as_str() == Some("1")).then_some(())
    });
    s.click(&s.find("[data-testid=message-send-confirm]"));
    wait_row(&s, "sending");
    assert_eq!(scheduled_at(data.path()), Some(first_at));

    s.click(&s.find("[data-testid=nav-calendar]"));
    let (item, at) = item_at(&s, "message", None);
    assert_eq!(at, first_at);
    assert_eq!(s.attribute(&item, "data-move").as_deref(), Some("reschedule"));
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&std::path::Path::new(&dir).join("calendar-message-zh.png"));
    }
    drag_to_next_days(&s, &item, 2);
    let moved = first_at + 2 * 86_400_000;
    s.wait_for("the message's send to be held for its new time", || {
        (scheduled_at(data.path()) == Some(moved)).then_some(())
    });
    s.wait_for("the calendar to show it at its new time", || (item_at(&s, "message", None).1 == moved).then_some(()));
    let sent: Vec<(String,)> = app_platform_rows(data.path(), "SELECT body FROM messages");
    assert!(sent.is_empty(), "nothing went out before its time");

    // Ctrl+Z moves it back the same way.
    s.chord(&[CONTROL, "z"]);
    s.wait_for("the message back at its first time", || (scheduled_at(data.path()) == Some(first_at)).then_some(()));

    // Opening it from the calendar shows it in the storefront's messages tab.
    s.click_on("[data-testid=calendar-item][data-kind=message]");
    s.wait_for("the message to open", || {
        let body = s.find_all("[data-testid=message-body]").into_iter().next()?;
        (s.property(&body, "value").as_deref() == Some("周末上新：秋冬外套到店")).then_some(())
    });
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        let dir = std::path::Path::new(&dir);
        s.click(&s.find("[data-testid=message-history]"));
        settled(&s);
        s.screenshot(&dir.join("messages-history-zh.png"));
        s.chord(&["\u{E00C}"]);
        s.wait_for("the history to close", || s.find_all(".ant-drawer-open").is_empty().then_some(()));
        s.click(&s.find("[data-testid=nav-settings]"));
        s.click(&s.find("[data-testid=language-en]"));
        s.wait_for_text("[data-testid=nav-calendar]", "Calendar");
        s.click(&s.find("[data-testid=nav-calendar]"));
        item_at(&s, "message", None);
        settled(&s);
        s.screenshot(&dir.join("calendar-message-en.png"));
        s.click_on("[data-testid=calendar-item][data-kind=message]");
        s.click(&s.find("[data-testid=message-history]"));
        settled(&s);
        s.screenshot(&dir.join("messages-history-en.png"));
    }
    s.quit();
}
