//! What the platform remembers: apps, uploaded files, contents with their
//! review, profiles with their audit, and livestream announcements.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use alipay_open::PublicKey;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};

/// How review decides, and when.
#[derive(Clone, Debug)]
pub struct Review {
    /// Time from submission to a decision.
    pub delay: Duration,
    /// Content or profile text containing any of these is rejected.
    pub banned_words: Vec<String>,
}

impl Default for Review {
    fn default() -> Review {
        Review { delay: Duration::from_secs(3), banned_words: vec!["违禁词".to_string()] }
    }
}

impl Review {
    /// The banned word `text` contains, if any.
    pub fn offending<'a>(&'a self, text: &str) -> Option<&'a str> {
        self.all_offending(text).into_iter().next()
    }

    /// Every banned word `text` contains: what the moderation check names,
    /// so a word it flags is the word review refuses.
    pub fn all_offending<'a>(&'a self, text: &str) -> Vec<&'a str> {
        self.banned_words.iter().map(String::as_str).filter(|w| !w.is_empty() && text.contains(w)).collect()
    }
}

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS apps (app_id TEXT PRIMARY KEY, public_key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (file_id TEXT PRIMARY KEY, app_id TEXT NOT NULL, md5 TEXT NOT NULL, size INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    content_id TEXT UNIQUE NOT NULL,
    app_id TEXT NOT NULL,
    public_id TEXT NOT NULL,
    request TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    decided_at INTEGER NOT NULL,
    verdict INTEGER NOT NULL,
    reject_reason TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS contents_by_account ON contents (app_id, public_id, seq);
CREATE TABLE IF NOT EXISTS profiles (
    public_id TEXT PRIMARY KEY,
    current TEXT NOT NULL,
    pending TEXT,
    submitted_at INTEGER,
    decided_at INTEGER,
    verdict TEXT,
    audit_desc TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS advances (
    advance_id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL,
    public_id TEXT NOT NULL,
    out_advance_id TEXT NOT NULL,
    title TEXT NOT NULL,
    advance_time TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    UNIQUE (app_id, out_advance_id)
);
CREATE TABLE IF NOT EXISTS message_contents (content_id TEXT PRIMARY KEY, account TEXT NOT NULL, fields TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS messages (message_id TEXT PRIMARY KEY, account TEXT NOT NULL, body TEXT NOT NULL, sent_at INTEGER NOT NULL, recalled_at INTEGER);
CREATE TABLE IF NOT EXISTS message_previews (account TEXT NOT NULL, logon_id TEXT NOT NULL, body TEXT NOT NULL, sent_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS menus (account TEXT PRIMARY KEY, kind TEXT NOT NULL, button TEXT NOT NULL, updated_at INTEGER NOT NULL);
"#;

/// The emulator's store.
#[derive(Clone)]
pub struct State {
    pub(crate) pool: SqlitePool,
    pub(crate) review: Review,
}

impl State {
    /// Opens the state in `dir`, or in memory.
    pub async fn open(dir: Option<&Path>, review: Review) -> Result<State, crate::StartError> {
        let options = match dir {
            Some(dir) => {
                std::fs::create_dir_all(dir).map_err(crate::StartError::Folder)?;
                SqliteConnectOptions::from_str("sqlite://")?
                    .filename(dir.join("emulator.sqlite3"))
                    .create_if_missing(true)
            }
            None => SqliteConnectOptions::from_str("sqlite::memory:")?,
        }
        .journal_mode(SqliteJournalMode::Wal);
        // One connection: in memory that is the only way to share the data,
        // and on disk it keeps the emulator's writes in order.
        let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await?;
        sqlx::raw_sql(SCHEMA).execute(&pool).await?;
        Ok(State { pool, review })
    }

    /// Registers (or re-keys) an app.
    pub async fn register_app(&self, app_id: &str, key: &PublicKey) -> Result<(), sqlx::Error> {
        sqlx::query("INSERT INTO apps (app_id, public_key) VALUES (?, ?) ON CONFLICT(app_id) DO UPDATE SET public_key = excluded.public_key")
            .bind(app_id)
            .bind(key.to_base64())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// An app's public key.
    pub async fn app_key(&self, app_id: &str) -> Result<Option<PublicKey>, sqlx::Error> {
        let row: Option<(String,)> = sqlx::query_as("SELECT public_key FROM apps WHERE app_id = ?")
            .bind(app_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.and_then(|(k,)| PublicKey::parse(&k).ok()))
    }
}
