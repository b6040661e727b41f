use std::path::{Path, PathBuf};

/// Why the library could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data folder could not be created.
    #[error("cannot create the data folder {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The database file could not be opened.
    #[error("cannot open the library {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        source: sqlx::Error,
    },
    /// The disk is full; nothing was changed.
    #[error("the disk is full")]
    DiskFull,
    /// Another program holds the library.
    #[error("the library is busy (locked by another process)")]
    Busy,
    /// The file is not a library or is damaged.
    #[error("the library file is damaged or is not a Creator Studio library: {0}")]
    Corrupt(String),
    /// The schema could not be brought up to date.
    #[error("cannot upgrade the library: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

/// SQLite primary result codes we tell apart.
const SQLITE_BUSY: i32 = 5;
const SQLITE_LOCKED: i32 = 6;
const SQLITE_CORRUPT: i32 = 11;
const SQLITE_FULL: i32 = 13;
const SQLITE_NOTADB: i32 = 26;

impl StoreError {
    pub(crate) fn open(path: &Path, source: sqlx::Error) -> StoreError {
        match StoreError::from(source) {
            StoreError::Database(source) => StoreError::Open { path: path.to_owned(), source },
            other => other,
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> StoreError {
        let code = match &e {
            sqlx::Error::Database(db) => db.code().and_then(|c| c.parse::<i32>().ok()),
            _ => None,
        };
        // Extended result codes carry the primary code in the low byte.
        match code.map(|c| c & 0xff) {
            Some(SQLITE_FULL) => StoreError::DiskFull,
            Some(SQLITE_BUSY) | Some(SQLITE_LOCKED) => StoreError::Busy,
            Some(SQLITE_CORRUPT) | Some(SQLITE_NOTADB) => StoreError::Corrupt(e.to_string()),
            _ => StoreError::Database(e),
        }
    }
}
