//! The full-text index over drafts and their topics. A save marks its draft
//! (`search_pending`); upkeep writes the entry moments later, and every
//! read of the index or the topics writes any marked entries first, so
//! what is found always matches the saved text.

use sqlx::{Sqlite, Transaction};
use studio_core::rules::topics;
use studio_core::search::{index_text, Query};
use studio_core::{Draft, DraftId};

use crate::{Store, StoreError};

/// Bump when `studio_core::search` cuts text differently or the index's
/// settings change: the index is then rebuilt on open.
pub(crate) const SEARCH_INDEX_VERSION: &str = "4";

/// Title matches weigh more than body matches.
const RANK: &str = "bm25(drafts_search, 5.0, 1.0, 1.0)";

/// Queries matching more drafts than this come newest first: ranking them
/// would score every match, and among so many the score says little.
const RANKED_MATCHES: i64 = 1000;

/// FTS5 merges index segments inside the commit that happens to fill a
/// level, which would make that commit many times slower; upkeep
/// (`lib.rs`) merges between saves instead. Should saving never pause, the
/// indexing transaction that piles up this many segments on a level merges
/// them, so searches stay fast. Saves never write the index, so never merge.
const CRISIS_MERGE_SEGMENTS: i64 = 64;

/// Marks a draft's search entry and topics as behind its saved text. A
/// save writes this one row instead of the entry, which would about double
/// the pages it writes (and, at times, merge index segments inside it);
/// upkeep or the next search writes the entry.
pub(crate) async fn mark_stale(tx: &mut Transaction<'_, Sqlite>, id: DraftId) -> Result<(), StoreError> {
    sqlx::query("INSERT OR IGNORE INTO search_pending (draft_id) VALUES (?)").bind(id).execute(&mut **tx).await?;
    Ok(())
}

/// Writes the search entries of up to `limit` marked drafts and clears
/// their marks; returns how many it wrote.
pub(crate) async fn index_marked(tx: &mut Transaction<'_, Sqlite>, limit: u32) -> Result<u32, StoreError> {
    let marked: Vec<(i64,)> = sqlx::query_as("SELECT draft_id FROM search_pending ORDER BY draft_id LIMIT ?")
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?;
    for &(id,) in &marked {
        reindex(tx, id).await?;
    }
    Ok(marked.len() as u32)
}

/// Brings a draft's search entry and topics in line with its row: the
/// text of a live draft, nothing for a trashed or deleted one. Clears its
/// mark.
pub(crate) async fn reindex(tx: &mut Transaction<'_, Sqlite>, id: DraftId) -> Result<(), StoreError> {
    let live: Option<(String, String, String)> =
        sqlx::query_as("SELECT title, body, notes FROM drafts WHERE id = ? AND deleted_at IS NULL")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    sqlx::query("DELETE FROM search_pending WHERE draft_id = ?").bind(id).execute(&mut **tx).await?;
    let Some((title, body, notes)) = live else {
        sqlx::query("DELETE FROM drafts_search WHERE rowid = ?").bind(id).execute(&mut **tx).await?;
        sqlx::query("DELETE FROM draft_topics WHERE draft_id = ?").bind(id).execute(&mut **tx).await?;
        return Ok(());
    };
    sqlx::query("INSERT OR REPLACE INTO drafts_search (rowid, title, body, notes) VALUES (?, ?, ?, ?)")
        .bind(id)
        .bind(index_text(&title))
        .bind(index_text(&body))
        .bind(index_text(&notes))
        .execute(&mut **tx)
        .await?;
    let mut now: Vec<String> = topics(&body).into_iter().collect();
    now.sort();
    // Most saves keep the topics: reading them spares writing them.
    let stored: Vec<(String,)> = sqlx::query_as("SELECT topic FROM draft_topics WHERE draft_id = ? ORDER BY topic")
        .bind(id)
        .fetch_all(&mut **tx)
        .await?;
    if stored.iter().map(|t| &t.0).eq(now.iter()) {
        return Ok(());
    }
    sqlx::query("DELETE FROM draft_topics WHERE draft_id = ?").bind(id).execute(&mut **tx).await?;
    insert_topics(tx, id, now).await
}

/// Writes the search entry and topics of a draft that has none yet.
pub(crate) async fn index_new(tx: &mut Transaction<'_, Sqlite>, draft: &Draft) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO drafts_search (rowid, title, body, notes) VALUES (?, ?, ?, ?)")
        .bind(draft.id)
        .bind(index_text(&draft.title))
        .bind(index_text(&draft.body))
        .bind(index_text(&draft.notes))
        .execute(&mut **tx)
        .await?;
    insert_topics(tx, draft.id, topics(&draft.body)).await
}

async fn insert_topics(
    tx: &mut Transaction<'_, Sqlite>,
    id: DraftId,
    topics: impl IntoIterator<Item = String>,
) -> Result<(), StoreError> {
    for topic in topics {
        sqlx::query("INSERT INTO draft_topics (draft_id, topic) VALUES (?, ?)")
            .bind(id)
            .bind(topic)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Whether FTS5 merges index segments as it writes. Off for saves (see
/// `CRISIS_MERGE_SEGMENTS`); on within bulk writes (imports, rebuilds),
/// which would otherwise leave hundreds of segments for upkeep.
pub(crate) async fn merge_while_writing(tx: &mut Transaction<'_, Sqlite>, on: bool) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO drafts_search (drafts_search, rank) VALUES ('automerge', ?)")
        .bind(if on { FTS5_DEFAULT_AUTOMERGE } else { 0 })
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Segments per level at which FTS5 merges by default.
const FTS5_DEFAULT_AUTOMERGE: i64 = 4;

impl Store {
    /// Rebuilds the index when it was made by another tokenizer version.
    pub(crate) async fn ensure_search_index(&self) -> Result<(), StoreError> {
        let built: Option<(String,)> = sqlx::query_as("SELECT value FROM settings WHERE key = 'search_index_version'")
            .fetch_optional(&self.pool)
            .await?;
        if built.as_ref().map(|b| b.0.as_str()) == Some(SEARCH_INDEX_VERSION) {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO drafts_search (drafts_search) VALUES ('delete-all')").execute(&mut *tx).await?;
        sqlx::query("DELETE FROM draft_topics").execute(&mut *tx).await?;
        sqlx::query("DELETE FROM search_pending").execute(&mut *tx).await?;
        sqlx::query("INSERT INTO drafts_search (drafts_search, rank) VALUES ('crisismerge', ?)")
            .bind(CRISIS_MERGE_SEGMENTS)
            .execute(&mut *tx)
            .await?;
        merge_while_writing(&mut tx, true).await?;
        let rows: Vec<(i64, String, String, String)> =
            sqlx::query_as("SELECT id, title, body, notes FROM drafts WHERE deleted_at IS NULL")
                .fetch_all(&mut *tx)
                .await?;
        for (id, title, body, notes) in rows {
            sqlx::query("INSERT INTO drafts_search (rowid, title, body, notes) VALUES (?, ?, ?, ?)")
                .bind(id)
                .bind(index_text(&title))
                .bind(index_text(&body))
                .bind(index_text(&notes))
                .execute(&mut *tx)
                .await?;
            insert_topics(&mut tx, id, topics(&body)).await?;
        }
        merge_while_writing(&mut tx, false).await?;
        sqlx::query("INSERT INTO settings (key, value) VALUES ('search_index_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(SEARCH_INDEX_VERSION)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Writes the search entries that saves left to upkeep, so what is
    /// read from the index matches the saved text exactly. Only drafts saved
    /// in the last tens of milliseconds are ever marked, so this is cheap.
    pub(crate) async fn catch_up_search(&self) -> Result<(), StoreError> {
        let (marked,): (bool,) =
            sqlx::query_as("SELECT EXISTS (SELECT 1 FROM search_pending)").fetch_one(&self.pool).await?;
        if marked {
            crate::index_pending(&self.upkeep.state, crate::Until::Done).await?;
        }
        Ok(())
    }

    /// Ids of live drafts matching `query`, best first. Trashed drafts have
    /// no index entry, so the index alone answers. A broad query (one
    /// common character, a short prefix of a common word) matches much of
    /// the library, where ranking says little and costs a pass over every
    /// match: those come newest first, which the index yields without that
    /// pass. Whether a query is broad is seen by asking for the newest
    /// matches first.
    pub async fn search_drafts(&self, query: &Query, limit: u32) -> Result<Vec<DraftId>, StoreError> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        self.catch_up_search().await?;
        let expr = query.fts_match();
        // One pass answers a broad query: its newest matches, with how many
        // there are (counted no further than ranking would go).
        let newest: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT rowid, COUNT(*) OVER () FROM (SELECT rowid FROM drafts_search WHERE drafts_search MATCH ? \
             ORDER BY rowid DESC LIMIT ?) LIMIT ?",
        )
        .bind(&expr)
        .bind((RANKED_MATCHES + 1).max(limit.into()))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        if newest.first().is_none_or(|&(_, matches)| matches > RANKED_MATCHES) {
            return Ok(newest.into_iter().map(|r| r.0).collect());
        }
        let rows: Vec<(i64,)> = sqlx::query_as(&format!(
            "SELECT rowid FROM drafts_search WHERE drafts_search MATCH ? ORDER BY {RANK} LIMIT ?"
        ))
        .bind(&expr)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }
}

impl Store {
    /// Topics used in live drafts, most used first, starting with `prefix`.
    pub async fn topics_used(&self, prefix: &str, limit: u32) -> Result<Vec<(String, u32)>, StoreError> {
        self.catch_up_search().await?;
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT topic, COUNT(*) AS uses FROM draft_topics WHERE substr(topic, 1, length(?1)) = ?1 \
             GROUP BY topic ORDER BY uses DESC, topic LIMIT ?2",
        )
        .bind(prefix)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(t, n)| (t, n as u32)).collect())
    }
}
