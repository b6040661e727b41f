//! Livestreams and the life account's profile in the real window, against
//! the built-in emulator: an announcement goes out, is moved and is
//! withdrawn; a profile edit with a new logo comes back approved after the
//! platform's audit.

use studio_e2e::{open_app, photo, Driver, Session, CONTROL};

/// Waits until the picture `css` names has loaded in the window.
fn wait_picture(s: &Session, css: &str) {
    s.wait_for(&format!("{css} to load"), || {
        let loaded = s.execute(
            "const img = document.querySelector(arguments[0]); return !!img && img.complete && img.naturalWidth > 0;",
            serde_json::json!([css]),
        );
        (loaded == serde_json::json!(true)).then_some(())
    });
}

fn wait_status(s: &Session, css: &str, want: &str) {
    s.wait_for(&format!("{css} to be {want}"), || {
        let items = s.find_all(css);
        (items.first().and_then(|i| s.attribute(i, "data-status")).as_deref() == Some(want)).then_some(())
    });
}

#[test]
fn a_livestream_is_announced_moved_and_withdrawn_and_a_profile_edit_with_a_logo_is_approved() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = open_app(&driver, data.path());

    s.click(&s.find("[data-testid=nav-live]"));
    let title = s.find("[data-testid=live-title]");
    s.click(&title);
    s.type_text(&title, "周六晚八点秋冬新品");
    // The time field starts at the next 20:00, always ahead.
    s.click(&s.find("[data-testid=plan-live]"));
    wait_status(&s, "[data-testid=livestream]", "announced");
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&std::path::Path::new(&dir).join("live-zh.png"));
    }
    // Moved: the platform's announcement changes; the row says so once it has.
    s.click(&s.find("[data-testid=change-live]"));
    s.wait_dialog_open();
    let title = s.find("[data-testid=change-live-title]");
    s.click(&title);
    s.chord(&[CONTROL, "a"]);
    s.type_text(&title, "周日晚八点秋冬新品");
    let when = s.find("[data-testid=change-live-time]");
    s.click(&when);
    s.chord(&[CONTROL, "a"]);
    s.type_text(&when, "2099-12-02 20:00");
    s.wait_for("the new time to be taken", || {
        let enabled = s.execute(
            "return !document.querySelector('[data-testid=confirm-change-live]').disabled",
            serde_json::json!([]),
        );
        (enabled == serde_json::json!(true)).then_some(())
    });
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&std::path::Path::new(&dir).join("live-change-zh.png"));
    }
    s.click(&s.find("[data-testid=confirm-change-live]"));
    s.wait_for("the moved livestream announced again", || {
        let row = s.find_all("[data-testid=livestream]").into_iter().next()?;
        let text = s.text(&row);
        (text.contains("周日晚八点秋冬新品")
            && text.contains("2099")
            && s.attribute(&row, "data-status").as_deref() == Some("announced"))
        .then_some(())
    });
    s.click(&s.find("[data-testid=withdraw-live]"));
    s.click(&s.find("[data-testid=confirm-withdraw]"));
    wait_status(&s, "[data-testid=livestream]", "withdrawn");

    // A photo in the library becomes the logo.
    s.click(&s.find("[data-testid=nav-media]"));
    s.drop_files(&s.find("[data-testid=media-drop]"), &[("招牌.jpg", "image/jpeg", &photo(1200, 900))]);
    s.find("[data-testid=media-tile][data-name='招牌.jpg']");
    s.click(&s.find("[data-testid=nav-profile]"));
    s.click(&s.find("[data-testid=profile-logo-choose]"));
    s.click_on("[data-testid=media-picker] [data-testid=media-tile]");
    s.click(&s.find("[data-testid=use-media]"));
    wait_picture(&s, "[data-testid=profile-logo-picture] img");
    let name = s.find("[data-testid=profile-name]");
    s.click(&name);
    s.type_text(&name, "街角咖啡");
    let intro = s.find("[data-testid=profile-introduction]");
    s.click(&intro);
    s.type_text(&intro, "每天现烤的豆子");
    s.click(&s.find("[data-testid=submit-profile]"));
    // Until the audit ends, the live profile and the edit stand side by
    // side, the changed name marked; then the platform shows the new name.
    s.wait_for("the live profile beside the pending edit", || {
        let row = s.find_all("[data-testid=profile-live-name]").into_iter().next()?;
        (s.attribute(&row, "data-differs").as_deref() == Some("yes") && s.text(&row).contains("街角咖啡")).then_some(())
    });
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&std::path::Path::new(&dir).join("profile-pending-zh.png"));
    }
    wait_status(&s, "[data-testid=profile-edit]", "approved");
    s.wait_for("the approved name on the platform", || {
        let row = s.find_all("[data-testid=profile-live-name]").into_iter().next()?;
        let text = s.text(&row);
        (text.contains("街角咖啡") && s.find_all("[data-testid=profile-live] thead th").len() == 2).then_some(())
    });
    wait_picture(&s, "[data-testid=profile-edit] .profile-edit-pictures img");
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        let dir = std::path::Path::new(&dir);
        s.screenshot(&dir.join("profile-zh.png"));
        s.click(&s.find("[data-testid=nav-settings]"));
        s.click(&s.find("[data-testid=language-en]"));
        s.wait_for_text("[data-testid=nav-profile]", "Profile");
        s.click(&s.find("[data-testid=nav-profile]"));
        s.find("[data-testid=profile-edit]");
        s.screenshot(&dir.join("profile-en.png"));
        s.click(&s.find("[data-testid=nav-live]"));
        let title = s.find("[data-testid=live-title]");
        s.click(&title);
        s.type_text(&title, "Autumn collection live");
        s.click(&s.find("[data-testid=plan-live]"));
        let announced = "[data-testid=livestream][data-status=announced]";
        s.find(announced);
        s.screenshot(&dir.join("live-en.png"));
        s.click(&s.find(&format!("{announced} [data-testid=change-live]")));
        s.wait_dialog_open();
        s.screenshot(&dir.join("live-change-en.png"));
    }
    s.quit();
}
