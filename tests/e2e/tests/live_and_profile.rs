//! Livestreams and the life account's profile in the real window, against
//! the built-in emulator: an announcement goes out and is withdrawn; a
//! profile edit comes back approved after the platform's audit.

use studio_e2e::{open_app, Driver, Session};

fn wait_status(s: &Session, css: &str, want: &str) {
    s.wait_for(&format!("{css} to be {want}"), || {
        let items = s.find_all(css);
        (items.first().and_then(|i| s.attribute(i, "data-status")).as_deref() == Some(want)).then_some(())
    });
}

#[test]
fn a_livestream_is_announced_and_withdrawn_and_a_profile_edit_is_approved() {
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
    s.click(&s.find("[data-testid=withdraw-live]"));
    s.click(&s.find("[data-testid=confirm-withdraw]"));
    wait_status(&s, "[data-testid=livestream]", "withdrawn");

    s.click(&s.find("[data-testid=nav-profile]"));
    let name = s.find("[data-testid=profile-name]");
    s.click(&name);
    s.type_text(&name, "街角咖啡");
    let intro = s.find("[data-testid=profile-introduction]");
    s.click(&intro);
    s.type_text(&intro, "每天现烤的豆子");
    s.click(&s.find("[data-testid=submit-profile]"));
    wait_status(&s, "[data-testid=profile-edit]", "approved");
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
        s.find("[data-testid=livestream]");
        s.screenshot(&dir.join("live-en.png"));
    }
    s.quit();
}
