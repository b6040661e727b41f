//! The calendar in the real window, against the built-in emulator: a
//! livestream dragged to another day carries its new time to the
//! platform's announcement; a scheduled post the platform holds is dragged,
//! confirmed, deleted there and published again at the new time; a draft
//! added to the queue lands in the next free slot. With `E2E_SCREENSHOTS`
//! set it also photographs the month, week, agenda and queue views in both
//! languages, light and dark.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::json;
use studio_e2e::{drag_to_next_days, item_at, open_app, plan_livestream, write_draft, Session};

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

#[test]
fn dragging_a_livestream_and_a_scheduled_post_moves_them_on_the_platform() {
    let data = tempfile::tempdir().unwrap();
    let driver = studio_e2e::Driver::start();
    let s = open_app(&driver, data.path());

    // A livestream at the next 20:00, announced on the platform.
    plan_livestream(&s, "周六晚八点秋冬新品");

    // A post scheduled for tomorrow 21:00, held by the platform for its time.
    write_draft(&s, "明晚上新", "明晚上新，不见不散");
    let when = s.execute(
        "const d = new Date(); d.setDate(d.getDate() + 1); d.setHours(21, 0, 0, 0); const p = (n) => String(n).padStart(2, '0');
         return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} 21:00`;",
        json!([]),
    );
    s.click(&s.find("[data-testid=schedule]"));
    let time = s.find("[data-testid=schedule-time]");
    s.click(&time);
    s.type_text(&time, when.as_str().unwrap());
    s.click(&s.find("[data-testid=schedule-confirm]"));
    s.wait_for("the post held by the platform", || {
        let tags = s.find_all(".editor-bar [data-testid=publication-status]");
        (tags.first().and_then(|t| s.attribute(t, "data-status")).as_deref() == Some("under_review")).then_some(())
    });

    s.click(&s.find("[data-testid=nav-calendar]"));
    let (live, live_at) = item_at(&s, "livestream", None);
    drag_to_next_days(&s, &live, 2);
    let moved_live = live_at + 2 * 86_400_000;
    s.wait_for("the livestream to be changed on the platform", || {
        let rows: Vec<(String,)> =
            studio_e2e::app_platform_rows(data.path(), "SELECT advance_time FROM advances WHERE deleted = 0");
        (rows.len() == 1 && rows[0].0 == studio_e2e::beijing(&s, moved_live)).then_some(())
    });
    s.wait_for("the calendar to show it announced at its new time", || {
        let (el, at) = item_at(&s, "livestream", None);
        (at == moved_live && s.attribute(&el, "data-status").as_deref() == Some("announced")).then_some(())
    });

    // The post: the platform cannot change its time, so the move asks first.
    let (post, post_at) = item_at(&s, "post", None);
    assert_eq!(s.attribute(&post, "data-move").as_deref(), Some("republish"));
    drag_to_next_days(&s, &post, 1);
    s.wait_dialog_open();
    s.click(&s.find("[data-testid=confirm-move-republish]"));
    let moved_post = post_at + 86_400_000;
    s.wait_for("the platform's scheduled time to follow", || {
        let rows: Vec<(String, bool)> =
            studio_e2e::app_platform_rows(data.path(), "SELECT request, deleted FROM contents ORDER BY seq");
        let dates: Vec<(Option<String>, bool)> = rows
            .iter()
            .map(|(r, d)| {
                let v: serde_json::Value = serde_json::from_str(r).unwrap();
                (v["source_publish_date"].as_str().map(str::to_string), *d)
            })
            .collect();
        (dates == [(Some(studio_e2e::beijing(&s, post_at)), true), (Some(studio_e2e::beijing(&s, moved_post)), false)])
            .then_some(())
    });

    // Ctrl+Z puts the last move back the same way: deleted there, published at its first time.
    s.chord(&[studio_e2e::CONTROL, "z"]);
    s.wait_for("the post back at its first time on the platform", || {
        let rows: Vec<(String, bool)> =
            studio_e2e::app_platform_rows(data.path(), "SELECT request, deleted FROM contents ORDER BY seq");
        let live: Vec<Option<String>> = rows
            .iter()
            .filter(|(_, deleted)| !deleted)
            .map(|(r, _)| {
                serde_json::from_str::<serde_json::Value>(r).unwrap()["source_publish_date"]
                    .as_str()
                    .map(str::to_string)
            })
            .collect();
        (rows.len() == 3 && live == [Some(studio_e2e::beijing(&s, post_at))]).then_some(())
    });
    assert!(now_ms() < moved_post);
    s.quit();
}

#[test]
fn a_draft_added_to_the_queue_lands_in_the_next_free_slot() {
    let data = tempfile::tempdir().unwrap();
    let driver = studio_e2e::Driver::start();
    let s = open_app(&driver, data.path());

    // Every day at 12:00 and 20:00 (the account's zone, Asia/Shanghai).
    s.click(&s.find("[data-testid=nav-settings]"));
    s.find("[data-testid=planning]");
    for (day, label) in [(6, "周六"), (7, "周日")] {
        let _ = day;
        let boxes = s.find_all("[data-testid=planning] .ant-checkbox-wrapper");
        let wanted = boxes.into_iter().find(|b| s.text(b).trim() == label).unwrap();
        s.click(&wanted);
    }
    for time in ["12:00", "20:00"] {
        let input = s.find("[data-testid=planning-time]");
        s.click(&input);
        s.chord(&[studio_e2e::CONTROL, "a"]);
        s.type_text(&input, time);
        s.click(&s.find("[data-testid=planning-add-slots]"));
    }
    s.wait_for("fourteen slots", || (s.find_all("[data-testid=planning-slot]").len() == 14).then_some(()));

    write_draft(&s, "排进队列的一篇", "排进队列，不见不散");
    s.click(&s.find("[data-testid=add-to-queue]"));
    s.wait_for("the post queued", || {
        let tags = s.find_all(".editor-bar [data-testid=publication-status]");
        (!tags.is_empty()).then_some(())
    });
    let earliest = now_ms() + 17 * 60_000;
    s.click(&s.find("[data-testid=nav-calendar]"));
    s.click(&s.find("[data-testid=calendar-view-queue]"));
    s.wait_for("the post in the next free slot", || {
        let entries = s.find_all("[data-testid=queue-entry]");
        let next = entries
            .into_iter()
            .find(|e| s.attribute(e, "data-at").and_then(|a| a.parse::<i64>().ok()).is_some_and(|at| at >= earliest))?;
        (s.text(&next).contains("排进队列的一篇")).then_some(())
    });
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        screenshots(&s, Path::new(&dir));
    }
    s.quit();
}

/// Month, week, agenda and queue, in both languages, light and dark.
fn screenshots(s: &Session, dir: &Path) {
    plan_livestream(s, "秋冬新品直播");
    write_draft(s, "周末咖啡市集", "周末咖啡市集，不见不散");
    s.click(&s.find("[data-testid=add-to-queue]"));
    s.find(".editor-bar [data-testid=publication-status]");
    for (lang, theme) in [("zh-CN", "light"), ("zh-CN", "dark"), ("en", "light"), ("en", "dark")] {
        s.click(&s.find("[data-testid=nav-settings]"));
        s.click(&s.find(&format!("[data-testid=language-{lang}]")));
        s.click(&s.find(&format!("[data-testid=theme-{theme}]")));
        s.click(&s.find("[data-testid=nav-calendar]"));
        let short = if lang == "en" { "en" } else { "zh" };
        for view in ["month", "week", "agenda", "queue"] {
            s.click_on(&format!("[data-testid=calendar-view-{view}]"));
            // The selection slides over; the picture is taken once it has.
            s.wait_for("the view's tab to be selected", || {
                let done = s.execute(
                    "return !document.querySelector('.ant-segmented-thumb') && !!document.querySelector(`.ant-segmented-item-selected [data-testid=calendar-view-${arguments[0]}]`)",
                    json!([view]),
                );
                (done == json!(true)).then_some(())
            });
            if view == "queue" {
                s.find("[data-testid=queue-post]");
            } else {
                s.find("[data-testid=calendar-item]");
            }
            s.screenshot(&dir.join(format!("calendar-{view}-{short}-{theme}.png")));
        }
    }
}
