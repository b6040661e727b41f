//! The log file and what Settings → Diagnostics shows.
//!
//! Logs go to `logs/studio.YYYY-MM-DD.log` in the data folder, a file a
//! day, the last [`LOG_FILES_KEPT`] kept. Nothing secret is ever written:
//! our own events name methods, ids and outcomes, never keys, tokens or
//! signatures, and the HTTP libraries (whose debug output carries request
//! URLs, signature included) are held to warnings whatever `STUDIO_LOG`
//! asks for. `tests/logs.rs` greps a log of a whole publish for secrets.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;
use ts_rs::TS;

use crate::{Studio, StudioError, StudioResult};

/// The folder in the data folder holding the logs.
pub const LOG_FOLDER: &str = "logs";
/// Daily log files kept.
pub const LOG_FILES_KEPT: usize = 7;
/// What is logged unless `STUDIO_LOG` says otherwise (`tracing` filter syntax).
const DEFAULT_FILTER: &str = "warn,creator_studio=info,studio_api=info,studio_cli=info,studio_store=info,\
                              studio_sync=info,studio_media=info,alipay_open=info,alipay_emulator=info";
/// Libraries whose debug output would carry signed request URLs.
const HELD_TO_WARNINGS: &[&str] = &["reqwest", "hyper", "hyper_util", "h2", "rustls", "tower_http", "axum"];

/// Keeps the log writer running; logs written before it drops are flushed.
#[must_use = "logging stops when the guard is dropped"]
pub struct LogGuard(#[allow(dead_code)] tracing_appender::non_blocking::WorkerGuard);

/// Starts logging into `data_dir/logs` for this process. `None` when the
/// folder cannot be written or logging was started already: the app runs
/// on without a log rather than not at all.
pub fn start_logging(data_dir: &Path) -> Option<LogGuard> {
    let dir = data_dir.join(LOG_FOLDER);
    // The appender prunes old files as it starts: the folder must be there.
    std::fs::create_dir_all(&dir).ok()?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("studio")
        .filename_suffix("log")
        .max_log_files(LOG_FILES_KEPT)
        .build(dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let mut filter = EnvFilter::try_from_env("STUDIO_LOG").unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    for library in HELD_TO_WARNINGS {
        filter = filter.add_directive(format!("{library}=warn").parse().expect("a valid directive"));
    }
    tracing_subscriber::fmt().with_writer(writer).with_ansi(false).with_env_filter(filter).try_init().ok()?;
    tracing::info!(version = env!("CARGO_PKG_VERSION"), data_dir = %data_dir.display(), "Creator Studio started");
    Some(LogGuard(guard))
}

/// The web view's version, told by the desktop shell once it knows it.
static WEBVIEW_VERSION: OnceLock<String> = OnceLock::new();

/// What to tell when asking for help: versions and where things are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Diagnostics {
    /// Creator Studio's version.
    pub app_version: String,
    /// The web view (WebKitGTK on Linux), or empty when not in the app.
    pub webview_version: String,
    /// The operating system and kernel.
    pub os: String,
    /// The data folder.
    pub data_folder: String,
    /// The log folder.
    pub log_folder: String,
    /// Whether this build looks for updates (an update source is configured).
    pub updates: bool,
    /// All of it as lines to paste into a message.
    pub text: String,
}

/// The system's own name for itself (`/etc/os-release`), and the kernel.
fn os_description() -> String {
    let name = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|text| {
            text.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=").map(|v| v.trim_matches('"').to_string()))
        })
        .unwrap_or_else(|| std::env::consts::OS.to_string());
    let kernel =
        std::fs::read_to_string("/proc/sys/kernel/osrelease").map(|k| k.trim().to_string()).unwrap_or_default();
    format!("{name}, {} {kernel} {}", std::env::consts::OS, std::env::consts::ARCH).replace("  ", " ")
}

impl Studio {
    /// Records the web view's version for [`Studio::diagnostics`].
    pub fn note_webview_version(&self, version: String) {
        let _ = WEBVIEW_VERSION.set(version);
    }

    fn log_dir(&self) -> PathBuf {
        self.data_dir.join(LOG_FOLDER)
    }

    /// Versions of the app, the web view and the system, and the folders.
    pub async fn diagnostics(&self) -> StudioResult<Diagnostics> {
        let webview = WEBVIEW_VERSION.get().cloned().unwrap_or_default();
        let app_version = env!("CARGO_PKG_VERSION").to_string();
        let os = os_description();
        let text = format!("Creator Studio {app_version}\nWebKitGTK {webview}\n{os}");
        Ok(Diagnostics {
            app_version,
            webview_version: webview,
            os,
            data_folder: self.data_dir.display().to_string(),
            log_folder: self.log_dir().display().to_string(),
            updates: crate::UpdateSource::configured().is_some(),
            text,
        })
    }

    /// Opens the log folder in the system's file manager.
    pub async fn open_log_folder(&self) -> StudioResult<()> {
        let dir = self.log_dir();
        std::fs::create_dir_all(&dir)
            .map_err(|e| StudioError::ExportIo { path: dir.clone(), detail: e.to_string() })?;
        opener::open(&dir).map_err(|e| StudioError::ExportIo { path: dir, detail: e.to_string() })
    }
}
