//! The `studio` binary run as a user would run it.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::json;

fn studio(dir: &Path, args: &[&str]) -> Output {
    common::studio_with(dir, args, &[("LANG", "en_US.UTF-8")])
}

#[test]
fn create_then_list_shows_the_chinese_draft() {
    let dir = tempfile::tempdir().unwrap();
    let made = json(&studio(dir.path(), &["drafts", "create", "--title", "标题", "--body", "正文 & = + %", "--json"]));
    let list = json(&studio(dir.path(), &["drafts", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["title"], "标题");
    assert_eq!(list[0]["body"], "正文 & = + %");
    assert_eq!(list[0]["kind"], "image_text");
    assert_eq!(list[0]["id"], made["id"]);
}

#[test]
fn edit_show_and_delete_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let made = json(&studio(dir.path(), &["drafts", "create", "--title", "t", "--json"]));
    let id = made["id"].to_string();
    let edited = json(&studio(dir.path(), &["drafts", "edit", &id, "--body", "新正文", "--kind", "video", "--json"]));
    assert_eq!(
        (edited["title"].as_str(), edited["body"].as_str(), edited["kind"].as_str()),
        (Some("t"), Some("新正文"), Some("video"))
    );
    let shown = json(&studio(dir.path(), &["drafts", "show", &id, "--json"]));
    assert_eq!(shown, edited);
    json(&studio(dir.path(), &["drafts", "delete", &id, "--json"]));
    assert_eq!(json(&studio(dir.path(), &["drafts", "list", "--json"])), serde_json::json!([]));
}

#[test]
fn a_missing_draft_fails_with_a_readable_error_in_the_terminals_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = studio(dir.path(), &["drafts", "show", "99"]);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "studio: Draft 99 was not found; it may have been deleted."
    );

    let out = Command::new(env!("CARGO_BIN_EXE_studio"))
        .args(["--data-dir", dir.path().to_str().unwrap(), "drafts", "show", "99", "--json"])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "draft_not_found");
    assert_eq!(err["error"]["message"], "找不到草稿 99，它可能已被删除。");
}

#[test]
fn search_finds_a_two_character_chinese_word_and_trash_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let coffee = json(&studio(dir.path(), &["drafts", "create", "--title", "春日咖啡", "--body", "拿铁", "--json"]));
    json(&studio(dir.path(), &["drafts", "create", "--title", "面馆", "--json"]));
    let hits = json(&studio(dir.path(), &["drafts", "search", "咖啡", "--json"]));
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["draft"]["id"], coffee["id"]);
    assert_eq!(hits[0]["title"][1], serde_json::json!({"text": "咖啡", "hit": true}));

    let id = coffee["id"].to_string();
    json(&studio(dir.path(), &["drafts", "delete", &id, "--json"]));
    assert_eq!(json(&studio(dir.path(), &["drafts", "search", "咖啡", "--json"])), serde_json::json!([]));
    assert_eq!(json(&studio(dir.path(), &["drafts", "trash", "--json"]))[0]["id"], coffee["id"]);
    json(&studio(dir.path(), &["drafts", "restore", &id, "--json"]));
    assert_eq!(json(&studio(dir.path(), &["drafts", "search", "咖啡", "--json"])).as_array().unwrap().len(), 1);

    json(&studio(dir.path(), &["drafts", "delete", &id, "--json"]));
    let refused = studio(dir.path(), &["drafts", "empty-trash"]);
    assert!(!refused.status.success(), "emptying without a terminal or --yes is refused");
    assert_eq!(json(&studio(dir.path(), &["drafts", "empty-trash", "--yes", "--json"]))["deleted"], 1);
}

#[test]
fn history_and_restore_revision() {
    let dir = tempfile::tempdir().unwrap();
    let made = json(&studio(dir.path(), &["drafts", "create", "--title", "初稿", "--json"]));
    let id = made["id"].to_string();
    json(&studio(dir.path(), &["drafts", "edit", &id, "--title", "二稿", "--json"]));
    let history = json(&studio(dir.path(), &["drafts", "history", &id, "--json"]));
    let first = history.as_array().unwrap().last().unwrap()["id"].to_string();
    let restored = json(&studio(dir.path(), &["drafts", "restore-revision", &id, &first, "--json"]));
    assert_eq!(restored["title"], "初稿");
    assert_eq!(json(&studio(dir.path(), &["drafts", "history", &id, "--json"]))[0]["reason"], "restore");
}

#[test]
fn check_reports_counters_and_what_alipay_would_refuse() {
    let dir = tempfile::tempdir().unwrap();
    let title = "字".repeat(28);
    let made = json(&studio(dir.path(), &["drafts", "create", "--title", &title, "--body", "#咖啡", "--json"]));
    let check = json(&studio(dir.path(), &["drafts", "check", &made["id"].to_string(), "--json"]));
    assert_eq!(check["counters"]["title_with_topics"], 31);
    assert_eq!(check["problems"], serde_json::json!([{"problem": "title_with_topics_too_long", "len": 31, "max": 30}]));
    let xhs =
        json(&studio(dir.path(), &["drafts", "check", &made["id"].to_string(), "--platform", "xiaohongshu", "--json"]));
    assert_eq!(xhs["problems"][0]["problem"], "title_too_long");
}

#[test]
fn check_with_platform_names_the_word_alipay_flags() {
    let dir = tempfile::tempdir().unwrap();
    let made =
        json(&studio(dir.path(), &["drafts", "create", "--title", "周末", "--body", "全场违禁词五折", "--json"]));
    let id = made["id"].to_string();
    let both = json(&studio(dir.path(), &["drafts", "check", &id, "--with-platform", "--json"]));
    assert_eq!(both["platform"]["verdict"], "flagged");
    assert_eq!(both["platform"]["keywords"], serde_json::json!(["违禁词"]));
    assert_eq!(both["rules"]["problems"], serde_json::json!([]));
    let out = studio(dir.path(), &["drafts", "check", &id, "--with-platform"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("platform: flagged  违禁词"));
    json(&studio(dir.path(), &["drafts", "edit", &id, "--body", "全场五折", "--json"]));
    let clean = json(&studio(dir.path(), &["drafts", "check", &id, "--with-platform", "--json"]));
    assert_eq!(clean["platform"]["verdict"], "passed");
}

#[test]
fn studio_emulator_serves_the_gateway_until_stopped() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_studio"))
        .args(["--data-dir", dir.path().to_str().unwrap(), "emulator", "--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    // Keep the pipe open while the emulator runs: it prints more after the URL.
    let mut out = BufReader::new(child.stdout.take().unwrap());
    out.read_line(&mut first).unwrap();
    let url = first.trim().to_string();
    assert!(url.starts_with("http://127.0.0.1:") && url.ends_with("/gateway.do"), "{url}");
    // An unsigned request is refused with the platform's error, signed.
    let addr = url.trim_start_matches("http://").trim_end_matches("/gateway.do").to_string();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    use std::io::{Read, Write};
    write!(stream, "POST /gateway.do?method=alipay.open.public.info.query HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.contains("isv.missing-app-id") && answer.contains("\"sign\":"), "{answer}");
    child.kill().unwrap();
    child.wait().unwrap();
    drop(out);
    assert!(dir.path().join("emulator/emulator.sqlite3").exists());
}
