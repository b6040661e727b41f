//! `--smoke`: the app times its own start. It opens as usual, and once the
//! drafts screen has painted the library's rows (or its empty state when
//! the library has none), the window reports when each phase happened; the
//! app prints one JSON line of milliseconds since the process started and
//! exits 0 (with `STUDIO_SMOKE_HOLD=N`, N seconds later, so the benchmark can
//! read its footprint meanwhile). Anything that keeps it from getting there
//! exits non-zero with the reason.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The longest a smoke run waits for the first screen.
const DEADLINE: Duration = Duration::from_secs(60);

struct Smoke {
    /// When `begin` ran.
    at_main: Instant,
    /// Milliseconds from the process's start to `begin`.
    main_ms: f64,
    /// Unix ms of the process's start, as the window's clock counts.
    origin_unix_ms: f64,
    /// Phases marked on the Rust side, ms since the process started.
    marks: Mutex<Vec<(&'static str, f64)>>,
}

static SMOKE: OnceLock<Smoke> = OnceLock::new();

/// Set once the report is out: the deadline no longer applies.
static REPORTED: AtomicBool = AtomicBool::new(false);

/// Whether the command line asks for a smoke run.
pub fn requested() -> bool {
    std::env::args_os().skip(1).any(|a| a == "--smoke")
}

/// Starts the clock (first thing in `run`), and the deadline.
pub fn begin() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs_f64() * 1000.0;
    let main_ms = since_process_start_ms().unwrap_or(0.0);
    let smoke =
        Smoke { at_main: Instant::now(), main_ms, origin_unix_ms: now - main_ms, marks: Mutex::new(Vec::new()) };
    if SMOKE.set(smoke).is_ok() {
        std::thread::spawn(|| {
            std::thread::sleep(DEADLINE);
            if !REPORTED.load(Ordering::SeqCst) {
                fail(&format!("the first screen did not draw within {} s", DEADLINE.as_secs()));
            }
        });
    }
}

/// Marks a phase reached on the Rust side (no-op unless smoking).
pub fn mark(name: &'static str) {
    if let Some(s) = SMOKE.get() {
        let ms = s.main_ms + s.at_main.elapsed().as_secs_f64() * 1000.0;
        s.marks.lock().unwrap_or_else(|e| e.into_inner()).push((name, ms));
    }
}

/// The script the window runs before the app's own: it tells the UI to
/// report, and when the process started on the window's clock.
pub fn init_script() -> Option<String> {
    SMOKE.get().map(|s| format!("window.__STUDIO_SMOKE__ = {{ origin: {} }};", s.origin_unix_ms))
}

/// The window's report: its phases as Unix ms, and how many rows it drew.
#[derive(serde::Deserialize)]
pub struct Report {
    marks: BTreeMap<String, f64>,
    rows: u32,
}

/// Prints the JSON line and exits 0.
#[tauri::command]
pub fn smoke_report(report: Report) {
    let Some(s) = SMOKE.get() else { return };
    if REPORTED.swap(true, Ordering::SeqCst) {
        return;
    }
    let mut phases = serde_json::Map::new();
    phases.insert("main".into(), round(s.main_ms).into());
    for (name, ms) in s.marks.lock().unwrap_or_else(|e| e.into_inner()).iter() {
        phases.insert((*name).into(), round(*ms).into());
    }
    for (name, unix_ms) in &report.marks {
        phases.insert(name.clone(), round(unix_ms - s.origin_unix_ms).into());
    }
    let total = phases.get("first_paint").cloned().unwrap_or(serde_json::Value::Null);
    let line = serde_json::json!({ "ok": true, "first_screen_ms": total, "rows": report.rows, "phases": phases });
    println!("{line}");
    let hold: u64 = std::env::var("STUDIO_SMOKE_HOLD").ok().and_then(|h| h.parse().ok()).unwrap_or(0);
    if hold == 0 {
        std::process::exit(0);
    }
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(hold));
        std::process::exit(0);
    });
}

/// The window could not draw the first screen: says why and exits 1.
#[tauri::command]
pub fn smoke_failed(reason: String) {
    fail(&reason);
}

fn fail(reason: &str) -> ! {
    println!("{}", serde_json::json!({ "ok": false, "reason": reason }));
    eprintln!("creator-studio --smoke: {reason}");
    std::process::exit(1);
}

fn round(ms: f64) -> f64 {
    (ms * 10.0).round() / 10.0
}

/// Milliseconds since this process started, from the kernel's record of
/// its start (clock ticks since boot) and the time since boot.
fn since_process_start_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces: fields are counted after its ')'.
    let after = &stat[stat.rfind(')')? + 2..];
    let start_ticks: f64 = after.split(' ').nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime").ok()?.split(' ').next()?.parse().ok()?;
    // Linux reports both in USER_HZ, 100 on every architecture it runs on.
    let ms = (uptime - start_ticks / 100.0) * 1000.0;
    (ms >= 0.0).then_some(ms)
}
