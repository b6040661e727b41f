//! `studio calendar` and `studio queue` run as a user would run them.

mod common;

use std::path::Path;
use std::process::Output;

use common::json;

fn studio(dir: &Path, args: &[&str]) -> Output {
    common::studio_with(dir, args, &[("LANG", "en_US.UTF-8"), ("TZ", "Europe/Berlin")])
}

#[test]
fn slots_fill_in_order_and_the_calendar_lists_and_exports_them() {
    let dir = tempfile::tempdir().unwrap();
    let slots = json(&studio(dir.path(), &["queue", "slots", "--add", "1-7@12:00", "--add", "1-7@20:00", "--json"]));
    assert_eq!(slots.as_array().unwrap().len(), 14);
    let refused = studio(dir.path(), &["queue", "slots", "--add", "8@12:00", "--json"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("invalid_slot"));

    let mut at = Vec::new();
    for title in ["一", "二"] {
        let draft = json(&studio(dir.path(), &["drafts", "create", "--title", title, "--body", "正文", "--json"]));
        let queued = json(&studio(dir.path(), &["queue", "add", &draft["id"].to_string(), "--json"]));
        at.push(queued["publication"]["scheduled_at"].as_i64().unwrap());
    }
    assert!(at[0] < at[1]);
    let list = json(&studio(dir.path(), &["queue", "list", "--json"]));
    let filled: Vec<&str> = list.as_array().unwrap().iter().filter_map(|e| e["post"]["title"].as_str()).collect();
    assert_eq!(filled, ["一", "二"]);

    // Today to three days on, in this computer's zone (Berlin here).
    let items = json(&studio(dir.path(), &["calendar", "--json"]));
    let posts: Vec<i64> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "post")
        .map(|i| i["starts_at"].as_i64().unwrap())
        .collect();
    assert_eq!(posts, at);
    assert!(items.as_array().unwrap().iter().any(|i| i["kind"] == "slot" && i["status"] == "free"));
    let bad = studio(dir.path(), &["calendar", "--from", "yesterday", "--json"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("invalid_date"));

    let file = dir.path().join("plan.ics");
    let done = json(&studio(dir.path(), &["calendar", "export", file.to_str().unwrap(), "--utc", "--json"]));
    assert_eq!(done["events"], 2);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
}

#[test]
fn a_message_scheduled_from_the_cli_is_on_the_calendar_moves_and_keeps_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let made = json(&studio(dir.path(), &["message", "new", "--body", "周末上新", "--json"]));
    let id = made["id"].to_string();
    json(&studio(dir.path(), &["message", "edit", &id, "--body", "周末上新：外套八折", "--json"]));
    let tomorrow = json(&studio(dir.path(), &["message", "send", &id, "--at", "2099-01-02 20:00", "--json"]));
    let at = tomorrow["scheduled_at"].as_i64().unwrap();
    assert_eq!(tomorrow["status"], "sending");

    let items = json(&studio(dir.path(), &["calendar", "--from", "2099-01-01", "--to", "2099-01-05", "--json"]));
    let item = items.as_array().unwrap().iter().find(|i| i["kind"] == "message").expect("on the calendar").clone();
    assert_eq!((item["starts_at"].as_i64(), item["move_way"].as_str()), (Some(at), Some("reschedule")));
    assert_eq!(item["title"], "周末上新：外套八折");

    let moved = json(&studio(dir.path(), &["message", "move", &id, "--at", "2099-01-03 09:30", "--json"]));
    assert_eq!(moved["scheduled_at"].as_i64(), Some(at + 86_400_000 - (10 * 60 + 30) * 60_000));
    let past = studio(dir.path(), &["message", "move", &id, "--at", "2001-01-01 09:30", "--json"]);
    assert!(String::from_utf8_lossy(&past.stderr).contains("schedule_in_past"));

    let history = json(&studio(dir.path(), &["message", "history", &id, "--json"]));
    let reasons: Vec<&str> = history.as_array().unwrap().iter().map(|r| r["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, ["schedule", "edit", "create"]);
    let first = history[2]["id"].to_string();
    let refused = studio(dir.path(), &["message", "restore", &id, &first, "--json"]);
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("message_not_now"),
        "waiting to go out, it is not rewritten"
    );
    let text = String::from_utf8(studio(dir.path(), &["message", "history", &id]).stdout).unwrap();
    assert!(text.contains("schedule") && text.contains("周末上新"), "{text}");
}
