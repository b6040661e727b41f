//! `creator-studio --smoke` on the built app: it opens its window, waits for
//! the drafts screen to paint the library's rows, prints one JSON line of
//! the phases of its start, and exits 0; a start that cannot get there exits
//! non-zero with the reason.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use serde_json::Value;
use studio_e2e::{studio_cli, workspace_binary};

fn smoke(data: &Path) -> Output {
    let mut child = Command::new(workspace_binary("creator-studio"))
        .arg("--data-dir")
        .arg(data)
        .arg("--smoke")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the app starts");
    // It stops itself; a hang is a failure, not a wait.
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(90) {
            child.kill().unwrap();
            panic!("--smoke did not exit within 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

fn report(out: &Output) -> Value {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line =
        stdout.lines().rev().find(|l| l.starts_with('{')).unwrap_or_else(|| {
            panic!("no JSON line; stdout: {stdout}; stderr: {}", String::from_utf8_lossy(&out.stderr))
        });
    serde_json::from_str(line).unwrap()
}

#[test]
fn smoke_reports_the_phases_of_a_start_that_painted_the_librarys_rows() {
    let data = tempfile::tempdir().unwrap();
    for title in ["第一篇", "第二篇", "第三篇"] {
        studio_cli(data.path(), &["drafts", "create", "--title", title, "--body", "正文"]);
    }
    let out = smoke(data.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r = report(&out);
    assert_eq!((r["ok"].as_bool(), r["rows"].as_u64()), (Some(true), Some(3)), "{r}");
    let phase = |name: &str| r["phases"][name].as_f64().unwrap_or_else(|| panic!("no phase {name}: {r}"));
    // The shell's phases in order, then the window's.
    let shell = ["main", "window_created", "store_open", "setup_done"];
    let window = ["script_start", "first_ipc", "first_data", "first_paint"];
    for order in [&shell[..], &window[..]] {
        for pair in order.windows(2) {
            assert!(phase(pair[0]) <= phase(pair[1]), "{} before {}: {r}", pair[0], pair[1]);
        }
    }
    assert!(phase("main") >= 0.0 && phase("setup_done") <= phase("first_ipc"), "{r}");
    assert_eq!(r["first_screen_ms"].as_f64(), Some(phase("first_paint")));
}

#[test]
fn smoke_on_an_empty_library_reports_its_empty_screen_and_a_broken_one_fails_with_the_reason() {
    let data = tempfile::tempdir().unwrap();
    let out = smoke(data.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(report(&out)["rows"].as_u64(), Some(0));

    // A library file that is not a database: the start cannot reach its first screen.
    let broken = tempfile::tempdir().unwrap();
    std::fs::write(broken.path().join("studio.sqlite3"), b"not a database, just words").unwrap();
    let out = smoke(broken.path());
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.trim().is_empty(), "the reason is given");
}
