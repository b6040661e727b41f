//! The user's data in the user's hands: the whole library exported to a
//! folder (documented JSON plus the media files) and imported into a new
//! data folder; daily backups of the library file (the last
//! [`BACKUPS_KEPT`]) and restoring one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use studio_core::media::{ContentHash, NotAHash};
use studio_media::MediaStore;
use studio_store::{Cell, Store, TableRows, MIGRATOR};
use ts_rs::TS;

use crate::{now_ms, Studio, StudioError, StudioResult, MEDIA_FOLDER};

/// The name of the export format, first in `library.json`.
pub const EXPORT_FORMAT: &str = "creator-studio-library";
/// The version of the export format; a reader refuses a later one.
pub const EXPORT_FORMAT_VERSION: u32 = 1;
/// The JSON file of an export.
pub const EXPORT_FILE: &str = "library.json";
/// The folder of an export holding the media originals, each named by its hash.
pub const EXPORT_MEDIA_FOLDER: &str = "media";
/// The folder in the data folder holding backups.
pub const BACKUP_FOLDER: &str = "backups";
/// Backups kept; the oldest beyond these are deleted.
pub const BACKUPS_KEPT: usize = 7;
/// A backup is made when the newest is this old.
const BACKUP_EVERY: Duration = Duration::from_secs(24 * 60 * 60);
/// How often the app looks whether a backup is due.
const BACKUP_CHECK_EVERY: Duration = Duration::from_secs(60 * 60);

/// An export as `library.json` holds it (see `docs/export-format.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryExport {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// [`EXPORT_FORMAT_VERSION`] when written.
    pub format_version: u32,
    /// The version of Creator Studio that wrote it.
    pub app_version: String,
    /// The library's schema version (its last migration).
    pub schema_version: i64,
    /// When it was written, Unix ms.
    pub exported_at: i64,
    /// Every table's rows.
    pub tables: Vec<TableRows>,
}

/// What an export or import moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportSummary {
    /// The export's folder.
    pub folder: String,
    /// Drafts, the trash's included.
    pub drafts: u32,
    /// Media files.
    pub media: u32,
    /// Tables.
    pub tables: u32,
}

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// The daily backup.
    Daily,
    /// Asked for.
    Manual,
    /// The library as it was before a backup was restored over it.
    BeforeRestore,
}

impl BackupReason {
    fn as_str(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::Manual => "manual",
            BackupReason::BeforeRestore => "before-restore",
        }
    }
}

/// A backup of the library file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    /// Its file name in the backups folder; names it to restore.
    pub name: String,
    /// When it was taken, Unix ms.
    pub taken_at: i64,
    /// Why.
    pub reason: BackupReason,
    /// Its size.
    #[ts(type = "number")]
    pub bytes: u64,
}

impl BackupInfo {
    /// Reads `REASON-MS.sqlite3`.
    fn from_file(path: &Path) -> Option<BackupInfo> {
        let name = path.file_name()?.to_str()?.to_string();
        let stem = name.strip_suffix(".sqlite3")?;
        let (reason, ms) = stem.rsplit_once('-')?;
        let reason = [BackupReason::Daily, BackupReason::Manual, BackupReason::BeforeRestore]
            .into_iter()
            .find(|r| r.as_str() == reason)?;
        let bytes = path.metadata().ok()?.len();
        Some(BackupInfo { taken_at: ms.parse().ok()?, name, reason, bytes })
    }
}

/// The backups in `dir`, newest first.
fn backups_in(dir: &Path) -> Vec<BackupInfo> {
    let mut found: Vec<BackupInfo> =
        std::fs::read_dir(dir).into_iter().flatten().filter_map(|e| BackupInfo::from_file(&e.ok()?.path())).collect();
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then_with(|| b.name.cmp(&a.name)));
    found
}

/// Takes a backup into `dir` and deletes those beyond [`BACKUPS_KEPT`].
async fn back_up(store: &Store, dir: &Path, reason: BackupReason, now: i64) -> Result<BackupInfo, StudioError> {
    // Two backups in one millisecond would share a name.
    let taken_at = backups_in(dir).first().map_or(now, |newest| now.max(newest.taken_at + 1));
    let path = dir.join(format!("{}-{taken_at}.sqlite3", reason.as_str()));
    store.back_up_to(&path).await?;
    for old in backups_in(dir).into_iter().skip(BACKUPS_KEPT) {
        let _ = std::fs::remove_file(dir.join(&old.name));
    }
    tracing::info!(backup = %path.display(), "library backed up");
    BackupInfo::from_file(&path).ok_or_else(|| StudioError::ExportIo {
        path: path.clone(),
        detail: "the backup vanished as it was made".into(),
    })
}

/// The daily backup, if the newest backup is a day old (or there is none).
async fn back_up_if_due(store: &Store, dir: &Path, now: i64) -> Result<Option<BackupInfo>, StudioError> {
    let newest = backups_in(dir).first().map(|b| b.taken_at);
    if newest.is_some_and(|at| now - at < BACKUP_EVERY.as_millis() as i64) {
        return Ok(None);
    }
    back_up(store, dir, BackupReason::Daily, now).await.map(Some)
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> StudioError + '_ {
    move |e| StudioError::ExportIo { path: path.to_owned(), detail: e.to_string() }
}

impl ExportSummary {
    /// What the export in `folder` holding `tables` moves.
    fn of(folder: &Path, tables: &[TableRows]) -> ExportSummary {
        let drafts = tables.iter().find(|t| t.name == "drafts").map_or(0, |t| t.rows.len());
        ExportSummary {
            folder: folder.display().to_string(),
            drafts: drafts as u32,
            media: media_hashes(tables).map_or(0, |h| h.len()) as u32,
            tables: tables.len() as u32,
        }
    }
}

/// The hashes of the media an export's `assets` table lists; one that is
/// no hash (an export edited by hand) is refused.
fn media_hashes(tables: &[TableRows]) -> Result<Vec<ContentHash>, NotAHash> {
    let Some(assets) = tables.iter().find(|t| t.name == "assets") else { return Ok(Vec::new()) };
    let Some(column) = assets.columns.iter().position(|c| c == "hash") else { return Ok(Vec::new()) };
    assets
        .rows
        .iter()
        .map(|row| match row.get(column) {
            Some(Cell::Text(hash)) => ContentHash::parse(hash),
            other => Err(NotAHash { text: format!("{other:?}") }),
        })
        .collect()
}

impl Studio {
    /// Writes the whole library into the folder `dir` (made if missing; it
    /// must hold no export already): `library.json` with every table but
    /// what the library rebuilds, and `media/HASH` for each original.
    /// Accounts go without their keys, which never are in the library.
    pub async fn export_library(&self, dir: String) -> StudioResult<ExportSummary> {
        let dir = Path::new(&dir);
        let file = dir.join(EXPORT_FILE);
        if file.exists() {
            return Err(StudioError::ExportExists { path: dir.to_owned() });
        }
        let media_dir = dir.join(EXPORT_MEDIA_FOLDER);
        std::fs::create_dir_all(&media_dir).map_err(io_error(&media_dir))?;
        let export = LibraryExport {
            format: EXPORT_FORMAT.into(),
            format_version: EXPORT_FORMAT_VERSION,
            app_version: env!("CARGO_PKG_VERSION").into(),
            schema_version: self.store.schema_version().await?,
            exported_at: now_ms(),
            tables: self.store.export_tables().await?,
        };
        let media = self.media_store()?;
        let hashes = media_hashes(&export.tables)?;
        for hash in &hashes {
            let original = media.path_of(hash)?;
            let copy = media_dir.join(hash.as_str());
            std::fs::copy(&original, &copy).map_err(io_error(&copy))?;
        }
        let written = std::fs::File::create(&file).map_err(io_error(&file)).and_then(|f| {
            let mut out = std::io::BufWriter::new(f);
            serde_json::to_writer_pretty(&mut out, &export)
                .map_err(|e| StudioError::ExportIo { path: file.clone(), detail: e.to_string() })?;
            let f = out.into_inner().map_err(|e| io_error(&file)(e.into_error()))?;
            f.sync_all().map_err(io_error(&file))
        });
        written?;
        tracing::info!(folder = %dir.display(), media = hashes.len(), "library exported");
        Ok(ExportSummary::of(dir, &export.tables))
    }

    /// Makes a new library in `data_dir` (which must hold none) from the
    /// export in `dir`: every table, and the media files checked against
    /// their hashes.
    pub async fn import_library(dir: &Path, data_dir: &Path) -> StudioResult<ExportSummary> {
        import_from(dir, data_dir).await
    }

    /// The backups of the library, newest first.
    pub async fn list_backups(&self) -> StudioResult<Vec<BackupInfo>> {
        Ok(backups_in(&self.backup_dir()))
    }

    /// Backs the library up now.
    pub async fn back_up_now(&self) -> StudioResult<BackupInfo> {
        back_up(&self.store, &self.backup_dir(), BackupReason::Manual, now_ms()).await
    }

    /// The daily backup, if the newest backup is a day old at `now` (Unix
    /// ms) or there is none.
    pub async fn back_up_if_due(&self, now: i64) -> StudioResult<Option<BackupInfo>> {
        back_up_if_due(&self.store, &self.backup_dir(), now).await
    }

    /// Replaces the library with the backup `name`, after backing up the
    /// library as it is now; returns that backup.
    pub async fn restore_backup(&self, name: String) -> StudioResult<BackupInfo> {
        let dir = self.backup_dir();
        let chosen = backups_in(&dir)
            .into_iter()
            .find(|b| b.name == name)
            .ok_or_else(|| StudioError::BackupNotFound { name: name.clone() })?;
        let before = back_up(&self.store, &dir, BackupReason::BeforeRestore, now_ms()).await?;
        self.store.restore_from(&dir.join(&chosen.name)).await?;
        tracing::info!(backup = %chosen.name, "library restored from a backup");
        // The restored library may name other accounts.
        self.worker.accounts_changed();
        Ok(before)
    }

    /// Backs the library up once a day (at start, then whenever the newest
    /// backup is a day old) for as long as it runs; the app spawns it.
    pub fn daily_backups(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let store = self.store.clone();
        let dir = self.backup_dir();
        async move {
            loop {
                if let Err(e) = back_up_if_due(&store, &dir, now_ms()).await {
                    tracing::warn!(code = e.code(), "the daily backup failed: {e}");
                }
                tokio::time::sleep(BACKUP_CHECK_EVERY).await;
            }
        }
    }

    fn backup_dir(&self) -> PathBuf {
        self.data_dir.join(BACKUP_FOLDER)
    }
}

async fn import_from(dir: &Path, data_dir: &Path) -> Result<ExportSummary, StudioError> {
    let file = dir.join(EXPORT_FILE);
    let text = std::fs::read(&file).map_err(io_error(&file))?;
    let export: LibraryExport = serde_json::from_slice(&text)
        .map_err(|e| StudioError::NotAnExport { path: dir.to_owned(), detail: e.to_string() })?;
    if export.format != EXPORT_FORMAT || export.format_version > EXPORT_FORMAT_VERSION {
        return Err(StudioError::NotAnExport {
            path: dir.to_owned(),
            detail: format!("{} version {}", export.format, export.format_version),
        });
    }
    let newest = MIGRATOR.migrations.iter().map(|m| m.version).max().unwrap_or(0);
    if export.schema_version > newest {
        return Err(StudioError::ExportFromNewer { version: export.app_version });
    }
    if data_dir.join(studio_store::DATABASE_FILE).exists() {
        return Err(StudioError::ImportTargetNotEmpty { path: data_dir.to_owned() });
    }
    // Media first: a library whose rows name missing files is never made.
    let media = MediaStore::open(data_dir.join(MEDIA_FOLDER))?;
    let hashes = media_hashes(&export.tables)?;
    for hash in &hashes {
        let path = dir.join(EXPORT_MEDIA_FOLDER).join(hash.as_str());
        let cancel = std::sync::atomic::AtomicBool::new(false);
        let options = studio_media::ImportOptions { max_bytes: u64::MAX, ..Default::default() };
        let asset = media.import(&path, &options, &cancel, &mut |_| {})?;
        if &asset.hash != hash {
            return Err(StudioError::NotAnExport {
                path: dir.to_owned(),
                detail: format!("{} does not hold the file it names", path.display()),
            });
        }
    }
    let store = Store::import_tables(data_dir, export.schema_version, &export.tables).await?;
    store.close().await;
    tracing::info!(folder = %dir.display(), media = hashes.len(), "library imported");
    Ok(ExportSummary::of(dir, &export.tables))
}
