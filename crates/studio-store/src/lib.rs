//! The local library: one SQLite file, opened with WAL, `synchronous=FULL`
//! and foreign keys, migrated with `sqlx::migrate!`.
//!
//! Architecture invariant: this crate stores and finds; it decides nothing
//! about the platform and takes the current time as an argument.

mod accounts;
mod backup;
mod calendar;
mod drafts;
mod error;
mod export;
mod livestreams;
mod media;
mod menu;
mod messages;
mod moderation;
mod outbox;
mod profile;
mod publications;
mod reviews;
mod search;
mod series;
mod settings;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection, Sqlite, Transaction};
use tokio::sync::{Mutex, MutexGuard, Notify};
use tokio::task::JoinHandle;

pub use accounts::AccountRemoval;
pub use calendar::Reschedule;
pub use error::StoreError;
pub use export::{Cell, TableRows};
pub use livestreams::{LivestreamChange, LivestreamWithdrawal, NewLivestream};
pub use media::{AssetUse, DraftMediumRow, MediaSet};
pub use messages::MessageRequest;
pub use outbox::{DueJob, JobOutcome};
pub use publications::{KnownContent, PublishRequest, RemoteContent, UnresolvedPublish};
pub use reviews::{ReviewCheck, PROFILE_AUDIT};
pub use series::{NewOccurrence, NewSeries, SeriesEdit, SeriesEdited};

/// The schema migrations, in order.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The name of the database file inside a data folder.
pub const DATABASE_FILE: &str = "studio.sqlite3";

/// How often upkeep looks whether saves have paused. Saves leave their
/// drafts' search entries to upkeep, which writes them at the first pause
/// this long, so they lag the save by tens of milliseconds.
const TICK: Duration = Duration::from_millis(25);
/// Merging and checkpointing start once saves have paused this long:
/// autosaves come at most every 400 ms while the user types, so a pause
/// this short still falls between two of them.
const QUIET: Duration = Duration::from_millis(100);
/// Saves after which upkeep indexes their drafts even if saving never
/// pauses, so a search never has many to index before it answers. The
/// backlog goes in one transaction: a save waits for it once, rather than
/// for a batch many times.
const INDEX_EVERY_SAVES: u64 = 256;
/// Drafts indexed per transaction when saves have paused; a save that
/// comes meanwhile waits for one batch at most.
const INDEX_BATCH: u32 = 32;
/// Saves after which the WAL is checkpointed even if saving never pauses.
/// A save adds some 10 pages, so this is about 10 MB, under the limit
/// below; fewer checkpoints beside saves means fewer slow saves.
const CHECKPOINT_EVERY_SAVES: u64 = 256;
/// While saves keep coming, a checkpoint that runs beside them never
/// catches up with the end of the WAL, which then cannot start over and
/// grows. Past this many pages (16 MB) the rest is copied between two
/// saves, so the next save starts the WAL over.
const WAL_LIMIT_PAGES: i64 = 4096;
/// After this long without a save, the WAL file is cut back to nothing.
const IDLE: Duration = Duration::from_secs(10);
/// Index pages one merge step may write: a save that arrives meanwhile
/// waits for at most one step.
const MERGE_STEP_PAGES: i64 = 64;
/// Merge steps done when the library closes, so closing stays quick.
const MERGE_STEPS_ON_CLOSE: usize = 32;

/// An open library.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
    upkeep: Arc<Upkeep>,
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
            .busy_timeout(Duration::from_secs(5))
            // SQLite would checkpoint inside whichever commit crosses the
            // limit, making that save many times slower; upkeep does it.
            .pragma("wal_autocheckpoint", "0");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone())
            .await
            .map_err(|e| StoreError::open(path, e))?;
        MIGRATOR.run(&pool).await?;
        // Upkeep changes no content: a merge or an index entry lost to a
        // power cut is merely done again (the entry's mark is lost with
        // it), and the next save's sync covers their pages.
        let upkeep_options = options.synchronous(SqliteSynchronous::Normal);
        let upkeep_connection = upkeep_options.connect().await.map_err(|e| StoreError::open(path, e))?;
        let index_connection = upkeep_options.connect().await.map_err(|e| StoreError::open(path, e))?;
        let state = Arc::new(UpkeepState::new(index_connection));
        let store = Store { pool, path: path.to_owned(), upkeep: Arc::new(Upkeep::new(state.clone())) };
        store.ensure_search_index().await?;
        outbox::upgrade::upgrade_outbox(&store).await?;
        // Marks left by a crash: a library opens with its index whole.
        store.catch_up_search().await?;
        *store.upkeep.task.lock().expect("upkeep task lock") = Some(tokio::spawn(run_upkeep(state, upkeep_connection)));
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Finishes pending upkeep (within bounds) and closes every connection,
    /// checkpointing the WAL.
    pub async fn close(&self) {
        self.upkeep.state.stop();
        let task = self.upkeep.task.lock().expect("upkeep task lock").take();
        if let Some(task) = task {
            let _ = task.await;
        }
        if let Some(index_connection) = self.upkeep.state.writing.lock().await.take() {
            let _ = index_connection.close().await;
        }
        self.pool.close().await;
    }

    /// Runs `PRAGMA integrity_check` and returns its report (`["ok"]` when sound).
    pub async fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check").fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Begins a transaction that changes drafts, once no upkeep step is
    /// writing.
    pub(crate) async fn begin_save(&self) -> Result<Save<'_>, StoreError> {
        let turn = self.upkeep.state.writing.lock().await;
        let tx = self.begin_write().await?;
        Ok(Save { tx, state: &self.upkeep.state, _turn: turn })
    }

    /// Begins a transaction that will write. It takes the write lock at
    /// once (`BEGIN IMMEDIATE`): a transaction that read first and wrote
    /// later would fail outright if another connection (the sync worker,
    /// upkeep, another process) committed in between, whereas waiting for
    /// the lock is what the busy timeout is for.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}

/// A stored name read back as its value, or the library is damaged
/// (`whose` names the row, for the message).
pub(crate) fn parse_stored<T>(
    parse: impl FnOnce(&str) -> Option<T>,
    stored: &str,
    whose: impl FnOnce() -> String,
) -> Result<T, StoreError> {
    parse(stored).ok_or_else(|| StoreError::Corrupt(format!("{} has {stored:?}", whose())))
}

/// A transaction that changes drafts, holding the writer's turn.
pub(crate) struct Save<'a> {
    pub(crate) tx: Transaction<'static, Sqlite>,
    state: &'a UpkeepState,
    _turn: MutexGuard<'a, Option<SqliteConnection>>,
}

impl Save<'_> {
    /// Commits (synced to disk) and tells upkeep there is work.
    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        self.state.saves.fetch_add(1, Ordering::Relaxed);
        self.state.wake.notify_one();
        Ok(())
    }
}

/// Work that keeps the library fast but has no place inside a save:
/// writing the search entries of saved drafts, checkpointing the WAL into
/// the database file and merging the search index's small segments, one per
/// indexing transaction, into larger ones.
#[derive(Debug)]
struct Upkeep {
    state: Arc<UpkeepState>,
    task: std::sync::Mutex<Option<JoinHandle<()>>>,
}

impl Upkeep {
    fn new(state: Arc<UpkeepState>) -> Upkeep {
        Upkeep { state, task: std::sync::Mutex::new(None) }
    }
}

impl Drop for Upkeep {
    fn drop(&mut self) {
        self.state.stop();
    }
}

#[derive(Debug)]
struct UpkeepState {
    /// The writer's turn, taken by every save, each indexing transaction
    /// and each merge step. Without it a merge that commits between a
    /// save's read and its write would make the save fail (its snapshot is
    /// stale), and a save would wait on SQLite's lock by sleeping. It holds
    /// the connection that writes search entries, which is used only in
    /// this turn (`None` once the library is closed).
    writing: Mutex<Option<SqliteConnection>>,
    /// Saves committed since the library was opened.
    saves: AtomicU64,
    wake: Notify,
    stopping: AtomicBool,
}

impl UpkeepState {
    fn new(index_connection: SqliteConnection) -> UpkeepState {
        UpkeepState {
            writing: Mutex::new(Some(index_connection)),
            saves: AtomicU64::default(),
            wake: Notify::new(),
            stopping: AtomicBool::default(),
        }
    }

    fn stop(&self) {
        self.stopping.store(true, Ordering::Relaxed);
        self.wake.notify_one();
    }

    fn stopping(&self) -> bool {
        self.stopping.load(Ordering::Relaxed)
    }
}

/// The upkeep loop: at each pause in saving, checkpoint and index the
/// saved drafts; after a longer pause, merge the index; during saving that
/// never pauses, index and checkpoint every so many saves (a passive
/// checkpoint lets saves go on); when idle, cut the WAL file back.
///
/// The checkpoint comes just before the indexing so that the indexing
/// transaction, not the next save, starts the WAL over: the first commit
/// after a restart also syncs the WAL header, a second sync.
async fn run_upkeep(state: Arc<UpkeepState>, mut conn: SqliteConnection) {
    let mut checkpointed_at = 0;
    let mut merged_at = 0;
    let mut indexed_at = 0;
    let mut truncated = true;
    while !state.stopping() {
        let idle = tokio::time::timeout(IDLE, state.wake.notified()).await.is_err();
        if state.stopping() {
            break;
        }
        if idle {
            // Drafts saved by another process, or by a transaction that is
            // not a save (a post taken in from the platform).
            let _ = index_pending(&state, Until::Done).await;
            if !truncated {
                let _turn = state.writing.lock().await;
                truncated = matches!(checkpoint(&mut conn, "TRUNCATE").await, Some((0, 0)));
            }
            continue;
        }
        truncated = false;
        let mut paused_for = Duration::ZERO;
        let quiet = loop {
            let before = state.saves.load(Ordering::Relaxed);
            tokio::time::sleep(TICK).await;
            let now = state.saves.load(Ordering::Relaxed);
            if state.stopping() {
                break true;
            }
            if now == before {
                if now != indexed_at {
                    if now != checkpointed_at && checkpoint(&mut conn, "PASSIVE").await.is_some() {
                        checkpointed_at = now;
                    }
                    if matches!(index_pending(&state, Until::Interrupted).await, Ok(true)) {
                        indexed_at = now;
                    }
                }
                paused_for += TICK;
                if paused_for >= QUIET {
                    break true;
                }
                continue;
            }
            paused_for = Duration::ZERO;
            if now - indexed_at >= INDEX_EVERY_SAVES && index_pending(&state, Until::Done).await.is_ok() {
                indexed_at = now;
            }
            if now - checkpointed_at >= CHECKPOINT_EVERY_SAVES {
                break false;
            }
        };
        let saves = state.saves.load(Ordering::Relaxed);
        if quiet {
            // The merge's pages wait in the WAL for the next pause's
            // checkpoint, or the idle one.
            if saves != merged_at && merge(&state, &mut conn, Until::Interrupted).await {
                merged_at = saves;
            }
            continue;
        }
        if let Some((log, _)) = checkpoint(&mut conn, "PASSIVE").await {
            checkpointed_at = saves;
            if log >= WAL_LIMIT_PAGES {
                let mut turn = state.writing.lock().await;
                checkpoint(&mut conn, "PASSIVE").await;
                if index_batch(&mut turn, u32::MAX).await.is_ok() {
                    indexed_at = saves;
                }
            }
        }
    }
    let _ = index_pending(&state, Until::Done).await;
    if state.saves.load(Ordering::Relaxed) != merged_at {
        merge(&state, &mut conn, Until::Steps(MERGE_STEPS_ON_CLOSE)).await;
    }
    let _ = conn.close().await;
}

/// Writes the search entries of drafts marked by saves, a batch per
/// transaction in the writer's turn. True when no mark is left; false when
/// it gave way to a save (`Until::Interrupted`) or the library is closed.
async fn index_pending(state: &UpkeepState, until: Until) -> Result<bool, StoreError> {
    let saves = state.saves.load(Ordering::Relaxed);
    let batch = match until {
        Until::Done => u32::MAX,
        _ => INDEX_BATCH,
    };
    loop {
        let Some(indexed) = index_batch(&mut *state.writing.lock().await, batch).await? else { return Ok(false) };
        if indexed < batch {
            return Ok(true);
        }
        let interrupted = match until {
            Until::Interrupted => state.saves.load(Ordering::Relaxed) != saves || state.stopping(),
            Until::Steps(_) | Until::Done => false,
        };
        if interrupted {
            return Ok(false);
        }
    }
}

/// Writes the search entries of up to `batch` marked drafts in one
/// transaction, in the writer's turn; how many, or `None` once closed.
async fn index_batch(turn: &mut Option<SqliteConnection>, batch: u32) -> Result<Option<u32>, StoreError> {
    let Some(conn) = turn.as_mut() else { return Ok(None) };
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    let indexed = search::index_marked(&mut tx, batch).await?;
    tx.commit().await?;
    Ok(Some(indexed))
}

/// When upkeep work gives way.
enum Until {
    /// A save comes in or the library closes.
    Interrupted,
    /// This many steps are done.
    Steps(usize),
    /// Nothing is left to do.
    Done,
}

/// Merges index segments a step at a time until nothing is left to merge
/// (true) or `until` says to stop. Merges only where a level has gathered
/// several segments, as FTS5's own automerge would.
async fn merge(state: &UpkeepState, conn: &mut SqliteConnection, until: Until) -> bool {
    let saves = state.saves.load(Ordering::Relaxed);
    let mut steps = 0;
    loop {
        let stop = match until {
            Until::Interrupted => state.saves.load(Ordering::Relaxed) != saves || state.stopping(),
            Until::Steps(most) => steps >= most,
            Until::Done => false,
        };
        if stop {
            return false;
        }
        steps += 1;
        let _turn = state.writing.lock().await;
        let Ok((before,)) = sqlx::query_as::<_, (i64,)>("SELECT total_changes()").fetch_one(&mut *conn).await else {
            return false;
        };
        let merged = sqlx::query("INSERT INTO drafts_search (drafts_search, rank) VALUES ('merge', ?)")
            .bind(MERGE_STEP_PAGES)
            .execute(&mut *conn)
            .await;
        let Ok((after,)) = sqlx::query_as::<_, (i64,)>("SELECT total_changes()").fetch_one(&mut *conn).await else {
            return false;
        };
        // FTS5 documents a difference below two as "nothing merged".
        if merged.is_err() || after - before < 2 {
            return merged.is_ok();
        }
    }
}

/// Copies the WAL into the database file; returns the pages in the WAL and
/// those copied. A failure (another program reading, say) is left for the
/// next round.
async fn checkpoint(conn: &mut SqliteConnection, mode: &str) -> Option<(i64, i64)> {
    let done: Result<(i64, i64, i64), _> =
        sqlx::query_as(&format!("PRAGMA wal_checkpoint({mode})")).fetch_one(&mut *conn).await;
    match done {
        Ok((0, log, copied)) => Some((log, copied)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
