//! Whole-library copies through SQLite's online backup API: a backup is one
//! consistent snapshot even while the app goes on writing (in WAL mode the
//! copy reads one snapshot and writers are not held up), and a restore
//! writes a backup's pages into the open library, so every connection sees
//! the restored library from its next transaction.

use std::ffi::CString;
use std::path::Path;
use std::ptr::{self, NonNull};
use std::time::{Duration, Instant};

use libsqlite3_sys as ffi;

use crate::{Store, StoreError};

/// How long a restore waits for another connection's write to finish.
const RESTORE_PATIENCE: Duration = Duration::from_secs(10);
/// How long a restore waits between two tries while the library is busy.
const RESTORE_RETRY: Duration = Duration::from_millis(20);

/// A database handle that may cross to the blocking thread. Only one thread
/// uses it at a time: the connection it belongs to stays locked meanwhile.
struct Handle(NonNull<ffi::sqlite3>);
// SAFETY: SQLite connections may move between threads when used by one at
// a time (sqlx opens them in multi-thread mode); see `Handle`.
unsafe impl Send for Handle {}

impl Handle {
    fn ptr(&self) -> *mut ffi::sqlite3 {
        self.0.as_ptr()
    }
}

/// A database file opened with SQLite's own API, closed on drop.
struct RawDatabase(*mut ffi::sqlite3);
// SAFETY: as for `Handle`: one thread at a time.
unsafe impl Send for RawDatabase {}

impl RawDatabase {
    fn open(path: &Path, flags: i32) -> Result<RawDatabase, StoreError> {
        let name = CString::new(path.as_os_str().as_encoded_bytes())
            .map_err(|_| StoreError::Corrupt(format!("{} is not a usable file name", path.display())))?;
        let mut db = ptr::null_mut();
        // SAFETY: `name` is a valid C string; `db` receives the handle, which
        // is closed by `Drop` even when opening failed.
        let rc = unsafe { ffi::sqlite3_open_v2(name.as_ptr(), &mut db, flags, ptr::null()) };
        let opened = RawDatabase(db);
        if rc != ffi::SQLITE_OK {
            return Err(opened.error(rc));
        }
        Ok(opened)
    }

    fn error(&self, rc: i32) -> StoreError {
        // SAFETY: sqlite3_errmsg accepts any handle, null included, and
        // returns a string owned by SQLite.
        let message = unsafe {
            let text = ffi::sqlite3_errmsg(self.0);
            if text.is_null() {
                String::new()
            } else {
                std::ffi::CStr::from_ptr(text).to_string_lossy().into_owned()
            }
        };
        sqlite_error(rc, message)
    }

    fn execute(&self, sql: &str) -> Result<(), StoreError> {
        let sql = CString::new(sql).expect("no NUL in our SQL");
        // SAFETY: the handle is open and the SQL a valid C string.
        let rc = unsafe { ffi::sqlite3_exec(self.0, sql.as_ptr(), None, ptr::null_mut(), ptr::null_mut()) };
        if rc != ffi::SQLITE_OK {
            return Err(self.error(rc));
        }
        Ok(())
    }
}

impl Drop for RawDatabase {
    fn drop(&mut self) {
        // SAFETY: closing a handle (or null) once.
        unsafe { ffi::sqlite3_close(self.0) };
    }
}

fn sqlite_error(rc: i32, message: String) -> StoreError {
    match rc & 0xff {
        ffi::SQLITE_FULL => StoreError::DiskFull,
        ffi::SQLITE_BUSY | ffi::SQLITE_LOCKED => StoreError::Busy,
        ffi::SQLITE_CORRUPT | ffi::SQLITE_NOTADB => StoreError::Corrupt(message),
        _ => StoreError::Corrupt(format!("SQLite error {rc}: {message}")),
    }
}

/// Copies every page of `from` into `to` (both "main"), retrying while the
/// destination is busy until `patience` runs out.
fn copy_pages(to: *mut ffi::sqlite3, from: *mut ffi::sqlite3, patience: Duration) -> Result<(), i32> {
    let main = c"main";
    let deadline = Instant::now() + patience;
    loop {
        // SAFETY: both handles are open and used by this thread alone while
        // the backup runs; the backup object is finished before returning.
        let rc = unsafe {
            let backup = ffi::sqlite3_backup_init(to, main.as_ptr(), from, main.as_ptr());
            if backup.is_null() {
                return Err(ffi::sqlite3_errcode(to));
            }
            // All pages in one step: one snapshot of the source.
            let step = ffi::sqlite3_backup_step(backup, -1);
            let finish = ffi::sqlite3_backup_finish(backup);
            if step == ffi::SQLITE_DONE {
                finish
            } else {
                step
            }
        };
        match rc {
            ffi::SQLITE_OK => return Ok(()),
            ffi::SQLITE_BUSY | ffi::SQLITE_LOCKED if Instant::now() < deadline => std::thread::sleep(RESTORE_RETRY),
            rc => return Err(rc),
        }
    }
}

impl Store {
    /// Writes a copy of the whole library to the new database file `dest`
    /// (left in rollback-journal mode, so it is one self-contained file),
    /// through a temporary file, synced and renamed: a backup is either
    /// whole or absent.
    pub async fn back_up_to(&self, dest: &Path) -> Result<(), StoreError> {
        let dir = dest.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder { path: dir.to_owned(), source })?;
        let temp = tempfile::Builder::new()
            .prefix(".backup-")
            .tempfile_in(dir)
            .map_err(|source| StoreError::Folder { path: dir.to_owned(), source })?;
        let temp_path = temp.path().to_owned();
        let mut conn = self.pool.acquire().await?;
        let mut locked = conn.lock_handle().await?;
        let source = Handle(locked.as_raw_handle());
        let copied = tokio::task::spawn_blocking(move || -> Result<(), StoreError> {
            let copy = RawDatabase::open(&temp_path, ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_CREATE)?;
            copy_pages(copy.0, source.ptr(), Duration::ZERO).map_err(|rc| copy.error(rc))?;
            copy.execute("PRAGMA journal_mode = DELETE")?;
            Ok(())
        })
        .await
        .map_err(|e| StoreError::Corrupt(format!("the backup stopped: {e}")))?;
        drop(locked);
        drop(conn);
        copied?;
        let file = temp.persist(dest).map_err(|e| StoreError::Folder { path: dest.to_owned(), source: e.error })?;
        file.sync_all().map_err(|source| StoreError::Folder { path: dest.to_owned(), source })?;
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|source| StoreError::Folder { path: dir.to_owned(), source })?;
        Ok(())
    }

    /// Replaces the whole library with the backup in `source` (a file made
    /// by [`Store::back_up_to`]). The search upkeep is held off meanwhile;
    /// every connection reads the restored library from its next
    /// transaction.
    pub async fn restore_from(&self, source: &Path) -> Result<(), StoreError> {
        let backup = RawDatabase::open(source, ffi::SQLITE_OPEN_READONLY)?;
        backup.execute("SELECT count(*) FROM sqlite_schema")?;
        let _turn = self.upkeep.state.writing.lock().await;
        let mut conn = self.pool.acquire().await?;
        let mut locked = conn.lock_handle().await?;
        let live = Handle(locked.as_raw_handle());
        let from = Handle(NonNull::new(backup.0).expect("opened"));
        let restored = tokio::task::spawn_blocking(move || copy_pages(live.ptr(), from.ptr(), RESTORE_PATIENCE))
            .await
            .map_err(|e| StoreError::Corrupt(format!("the restore stopped: {e}")))?;
        restored.map_err(|rc| sqlite_error(rc, format!("restoring {}", source.display())))?;
        Ok(())
    }
}
