//! The full-text index over drafts, kept in step with every save.

use sqlx::{Sqlite, Transaction};
use studio_core::rules::topics;
use studio_core::search::{index_text, Query};
use studio_core::{Draft, DraftId};

use crate::{Store, StoreError};

/// Bump when `studio_core::search` cuts text differently: the index is
/// then rebuilt on open.
pub(crate) const SEARCH_INDEX_VERSION: &str = "3";

/// Title matches weigh more than body matches.
const RANK: &str = "bm25(drafts_search, 5.0, 1.0, 1.0)";

pub(crate) async fn index_draft(tx: &mut Transaction<'_, Sqlite>, draft: &Draft) -> Result<(), StoreError> {
    unindex_draft(tx, draft.id).await?;
    insert_entry(tx, draft.id, &draft.title, &draft.body, &draft.notes).await
}

/// Writes the search entry and topics of a draft that has none.
async fn insert_entry(
    tx: &mut Transaction<'_, Sqlite>,
    id: DraftId,
    title: &str,
    body: &str,
    notes: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO drafts_search (rowid, title, body, notes) VALUES (?, ?, ?, ?)")
        .bind(id)
        .bind(index_text(title))
        .bind(index_text(body))
        .bind(index_text(notes))
        .execute(&mut **tx)
        .await?;
    for topic in topics(body) {
        sqlx::query("INSERT INTO draft_topics (draft_id, topic) VALUES (?, ?)")
            .bind(id)
            .bind(topic)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

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
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM drafts_search").execute(&mut *tx).await?;
        sqlx::query("DELETE FROM draft_topics").execute(&mut *tx).await?;
        let rows: Vec<(i64, String, String, String)> =
            sqlx::query_as("SELECT id, title, body, notes FROM drafts WHERE deleted_at IS NULL")
                .fetch_all(&mut *tx)
                .await?;
        for (id, title, body, notes) in rows {
            insert_entry(&mut tx, id, &title, &body, &notes).await?;
        }
        sqlx::query("INSERT INTO settings (key, value) VALUES ('search_index_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(SEARCH_INDEX_VERSION)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ids of live drafts matching `query`, best first. Trashed drafts have
    /// no index entry, so the index alone answers. A broad query (one
    /// character, a very short prefix) matches most of the library, where
    /// ranking says little and costs a pass over every match: those come
    /// newest first, which the index yields without that pass.
    pub async fn search_drafts(&self, query: &Query, limit: u32) -> Result<Vec<DraftId>, StoreError> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let order = if query.is_broad() { "rowid DESC" } else { RANK };
        let rows: Vec<(i64,)> = sqlx::query_as(&format!(
            "SELECT rowid FROM drafts_search WHERE drafts_search MATCH ? ORDER BY {order} LIMIT ?"
        ))
        .bind(query.fts_match())
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
