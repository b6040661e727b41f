//! The local library: one SQLite file, opened with WAL, `synchronous=FULL`
//! and foreign keys, migrated with `sqlx::migrate!`.
//!
//! Architecture invariant: this crate stores and finds; it decides nothing
//! about the platform and takes the current time as an argument.

mod drafts;
mod error;
mod media;
mod search;
mod settings;
mod sync;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

pub use error::StoreError;
pub use media::{AssetUse, DraftMediumRow};
pub use sync::{DueJob, JobOutcome, Livestream, ProfileEdit, PublishRequest, RemoteContent, UnresolvedPublish};

/// The schema migrations, in order.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The name of the database file inside a data folder.
pub const DATABASE_FILE: &str = "studio.sqlite3";

/// An open library.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the library in `data_dir` and brings its
    /// schema up to date.
    pub async fn open(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::Folder { path: data_dir.to_owned(), source })?;
        Store::open_file(&data_dir.join(DATABASE_FILE)).await
    }

    /// Opens (creating if needed) the library in one database file.
    pub async fn open_file(path: &Path) -> Result<Store, StoreError> {
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(StoreError::from)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // Every acknowledged save must survive a power cut.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::open(path, e))?;
        MIGRATOR.run(&pool).await?;
        let store = Store { pool, path: path.to_owned() };
        store.ensure_search_index().await?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes every connection, checkpointing the WAL.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Runs `PRAGMA integrity_check` and returns its report (`["ok"]` when sound).
    pub async fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check").fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }
}

#[cfg(test)]
mod tests;
