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
