//! The full-text index over drafts, kept in step with every save.

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
/// level, which makes that save many times slower; upkeep (`lib.rs`)
/// merges between saves instead. Should saving never pause, a save still
/// merges once this many segments pile up on a level, so searches stay
/// fast.
const CRISIS_MERGE_SEGMENTS: i64 = 64;

/// Replaces the search entry of a draft; topics are rewritten only when
/// `before` (the draft as it was, if indexed) had others.
pub(crate) async fn index_draft(
    tx: &mut Transaction<'_, Sqlite>,
    draft: &Draft,
    before: Option<&Draft>,
) -> Result<(), StoreError> {
    sqlx::query("INSERT OR REPLACE INTO drafts_search (rowid, title, body, notes) VALUES (?, ?, ?, ?)")
        .bind(draft.id)
        .bind(index_text(&draft.title))
        .bind(index_text(&draft.body))
        .bind(index_text(&draft.notes))
        .execute(&mut **tx)
        .await?;
    let topics_now = topics(&draft.body);
    if before.is_some_and(|b| topics(&b.body) == topics_now) {
        return Ok(());
    }
    if before.is_some() {
        sqlx::query("DELETE FROM draft_topics WHERE draft_id = ?").bind(draft.id).execute(&mut **tx).await?;
    }
    insert_topics(tx, draft.id, topics_now).await
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

pub(crate) async fn unindex_draft(tx: &mut Transaction<'_, Sqlite>, id: DraftId) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM drafts_search WHERE rowid = ?").bind(id).execute(&mut **tx).await?;
    sqlx::query("DELETE FROM draft_topics WHERE draft_id = ?").bind(id).execute(&mut **tx).await?;
    Ok(())
}

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
