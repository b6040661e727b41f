//! Publishing in the real window, against the built-in emulator the app
//! starts by itself: a post goes under review and then out; a scheduled
//! post waits for its time; a rejected post shows why; the activity view
//! lists what was sent.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use studio_e2e::{open_app, studio_cli, write_draft, Driver, Session, CONTROL, SHIFT};

/// The editor's publication status, once it shows one.
fn status(s: &Session) -> Option<String> {
    let tags = s.find_all(".editor-bar [data-testid=publication-status]");
    tags.first().and_then(|t| s.attribute(t, "data-status"))
}

/// Waits (review takes seconds) until the editor shows `want`.
fn wait_status(s: &Session, want: &str) {
    s.wait_for(&format!("the post to be {want}"), || (status(s).as_deref() == Some(want)).then_some(()));
}

#[test]
fn a_post_goes_under_review_then_out_and_a_rejected_one_shows_why() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = open_app(&driver, data.path());

    write_draft(&s, "今日上新", "热可可回来了 #冬日");
    s.click(&s.find("[data-testid=publish-now]"));
    wait_status(&s, "under_review");
    wait_status(&s, "published");

    // Published posts cannot be edited there: publishing again says it
    // deletes the old post, and does so only when confirmed.
    s.click(&s.find("[data-testid=republish]"));
    s.wait_dialog_open();
    let confirm = s.find("[data-testid=confirm-republish]");
    let dialog = s.find(".ant-modal-confirm-content");
    assert!(s.text(&dialog).contains("删除"), "the dialog explains: {}", s.text(&dialog));
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&std::path::Path::new(&dir).join("republish-zh.png"));
    }
    s.click(&confirm);
    wait_status(&s, "under_review");
    wait_status(&s, "published");

    // Before publishing, Alipay's own check (Ctrl+Shift+K) marks the word
    // its review refuses; the length and format rules are met all along.
    write_draft(&s, "限时促销", "全场五折，违禁词也敢写");
    s.find("[data-testid=ready]");
    s.chord(&[CONTROL, SHIFT, "k"]);
    s.wait_for("the platform's check to flag the word", || {
        (s.attribute(&s.find("[data-testid=platform-check]"), "data-state").as_deref() == Some("flagged")).then_some(())
    });
    let marked = s.find("[data-testid=platform-marked-body] mark");
    assert_eq!(s.text(&marked), "违禁词");
    let shots = std::env::var_os("E2E_SCREENSHOTS").map(std::path::PathBuf::from);
    if let Some(dir) = &shots {
        s.screenshot(&dir.join("moderation-zh.png"));
    }
    // Publishing asks first; published anyway, review refuses the same word.
    s.click(&s.find("[data-testid=publish-now]"));
    s.wait_dialog_open();
    assert!(s.text(&s.find("[data-testid=moderation-confirm]")).contains("违禁词"));
    s.click(&s.find("[data-testid=moderation-publish-anyway]"));
    wait_status(&s, "rejected");
    let reason = s.find("[data-testid=publication-reason]");
    assert!(s.text(&reason).contains("违禁词"), "the reason is shown: {}", s.text(&reason));
    if let Some(dir) = &shots {
        s.screenshot(&dir.join("publishing-zh.png"));
    }

    s.click(&s.find("[data-testid=nav-activity]"));
    s.wait_for("every job listed as done", || {
        let items = s.find_all("[data-testid=activity-item]");
        // Two publishes, the delete of the replaced post, and its new publish.
        (items.len() == 4 && items.iter().all(|i| s.attribute(i, "data-state").as_deref() == Some("done")))
            .then_some(())
    });
    let synced = s.find("[data-testid=sync-status]");
    s.wait_for("the status bar to say in sync", || {
        (s.attribute(&synced, "data-state").as_deref() == Some("synced")).then_some(())
    });
    if let Some(dir) = &shots {
        s.screenshot(&dir.join("activity-zh.png"));
        s.click(&s.find("[data-testid=nav-settings]"));
        s.click(&s.find("[data-testid=language-en]"));
        s.click(&s.find("[data-testid=nav-activity]"));
        s.wait_for_text("[data-testid=nav-activity]", "Activity");
        s.find("[data-testid=activity-item]");
        s.screenshot(&dir.join("activity-en.png"));
        s.click(&s.find("[data-testid=nav-drafts]"));
        s.click(&s.find("[data-testid=draft-item]"));
        s.find("[data-testid=publication-reason]");
        s.screenshot(&dir.join("publishing-en.png"));
        s.click(&s.find("[data-testid=check-platform]"));
        s.wait_for("the check to be made again", || {
            (s.attribute(&s.find("[data-testid=platform-check]"), "data-state").as_deref() == Some("flagged"))
                .then_some(())
        });
        s.screenshot(&dir.join("moderation-en.png"));
    }
    s.quit();

    // The library agrees: the CLI sees the same publications.
    let outbox = studio_cli(data.path(), &["outbox", "--all"]);
    assert_eq!(outbox.as_array().unwrap().len(), 4);
}

#[test]
fn a_scheduled_post_is_held_by_the_platform_for_its_time_and_one_too_soon_is_refused_in_words() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = open_app(&driver, data.path());
    write_draft(&s, "周末直播预热", "周六晚八点见");

    // In this machine's time zone as the picker shows it.
    let local = |at: std::time::Duration| {
        s.execute(
            "const d = new Date(arguments[0]); const p = (n) => String(n).padStart(2, '0');
             return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;",
            serde_json::json!([at.as_millis() as u64]),
        )
        .as_str()
        .unwrap()
        .to_string()
    };
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    // The platform takes a scheduled time only more than 15 minutes ahead: refused before queueing.
    s.click(&s.find("[data-testid=schedule]"));
    let time = s.find("[data-testid=schedule-time]");
    s.click(&time);
    s.type_text(&time, &local(now + Duration::from_secs(5 * 60)));
    s.click(&s.find("[data-testid=schedule-confirm]"));
    s.wait_for("the refusal in words", || {
        s.find_all(".ant-message-notice").iter().any(|n| s.text(n).contains("15 分钟")).then_some(())
    });
    assert!(status(&s).is_none(), "nothing was queued");

    let at = now + Duration::from_secs(40 * 60);
    let time = s.find("[data-testid=schedule-time]");
    s.click(&time);
    s.chord(&[studio_e2e::CONTROL, "a"]);
    s.type_text(&time, &local(at));
    s.click(&s.find("[data-testid=schedule-confirm]"));
    // The platform holds it until its time, and publishes it by itself then.
    s.wait_for("the post to be scheduled", || {
        let tag = s.find_all(".editor-bar [data-testid=publication-status]");
        tag.first().map(|t| s.text(t)).filter(|t| t.contains("定时")).map(|_| ())
    });
    wait_status(&s, "under_review");
    s.quit();
    let publications = studio_cli(data.path(), &["outbox", "--all"]);
    assert_eq!(publications.as_array().unwrap().len(), 1, "one publish, sent once");
}
