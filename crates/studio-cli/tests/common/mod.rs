//! Running the `studio` binary as a user would, for the CLI's tests.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `studio --data-dir DIR ARGS` with `env` set (a locale, a time zone).
pub fn studio_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_studio"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("studio runs")
}

/// What a successful run printed, read as JSON.
pub fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "studio failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}
