//! A bare Tauri window: a heading, and once the page has loaded one call
//! back to Rust, which prints the milliseconds since the process started
//! (as `creator-studio --smoke` does) and exits, or, with `HELLO_HOLD=N`,
//! stays open N seconds more so its footprint can be read.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// When `main` ran, and how long after the process started.
static MAIN: OnceLock<(Instant, f64)> = OnceLock::new();

fn since_process_start_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rfind(')').map(|i| &stat[i + 2..]).unwrap_or("");
    let start: f64 = after.split(' ').nth(19).and_then(|t| t.parse().ok()).unwrap_or(0.0);
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|u| u.split(' ').next().and_then(|t| t.parse().ok()))
        .unwrap_or(0.0);
    ((uptime - start / 100.0) * 1000.0).max(0.0)
}

#[tauri::command]
fn ready(loaded: f64) {
    let (at_main, main_ms) = *MAIN.get().expect("set in main");
    let now = main_ms + at_main.elapsed().as_secs_f64() * 1000.0;
    let unix_now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs_f64() * 1000.0;
    let loaded_ms = now - (unix_now - loaded);
    println!(
        "{}",
        serde_json::json!({ "ok": true, "first_screen_ms": (now * 10.0).round() / 10.0,
            "phases": { "main": (main_ms * 10.0).round() / 10.0, "dom_content_loaded": (loaded_ms * 10.0).round() / 10.0 } })
    );
    let hold: u64 = std::env::var("HELLO_HOLD").ok().and_then(|h| h.parse().ok()).unwrap_or(0);
    if hold == 0 {
        std::process::exit(0);
    }
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(hold));
        std::process::exit(0);
    });
}

fn main() {
    MAIN.get_or_init(|| (Instant::now(), since_process_start_ms()));
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the window opens");
}
