//! Draft rows.

use studio_core::{Draft, DraftId, DraftKind, DraftPatch, NewDraft};

use crate::{Store, StoreError};

type DraftRow = (i64, String, String, String, i64, i64);

fn draft_from_row(
    (id, kind, title, body, created_at, updated_at): DraftRow,
) -> Result<Draft, StoreError> {
    let kind = DraftKind::parse(&kind)
        .ok_or_else(|| StoreError::Corrupt(format!("draft {id} has unknown kind {kind:?}")))?;
    Ok(Draft {
        id,
        kind,
        title,
        body,
        created_at,
        updated_at,
    })
}

const COLUMNS: &str = "id, kind, title, body, created_at, updated_at";

impl Store {
    /// Stores a new draft made at `now` (Unix ms).
    pub async fn insert_draft(&self, new: &NewDraft, now: i64) -> Result<Draft, StoreError> {
        let kind = new.kind.unwrap_or_default();
        let row: DraftRow = sqlx::query_as(&format!(
            "INSERT INTO drafts (kind, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING {COLUMNS}"
        ))
        .bind(kind.as_str())
        .bind(&new.title)
        .bind(&new.body)
        .bind(now)
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        draft_from_row(row)
    }

    /// Applies a change to a draft at `now`; `None` when there is no such draft.
    pub async fn update_draft(
        &self,
        id: DraftId,
        patch: &DraftPatch,
        now: i64,
    ) -> Result<Option<Draft>, StoreError> {
        let row: Option<DraftRow> = sqlx::query_as(&format!(
            "UPDATE drafts SET kind = COALESCE(?, kind), title = COALESCE(?, title), body = COALESCE(?, body), \
             updated_at = MAX(?, updated_at) WHERE id = ? RETURNING {COLUMNS}"
        ))
        .bind(patch.kind.map(DraftKind::as_str))
        .bind(patch.title.as_deref())
        .bind(patch.body.as_deref())
        .bind(now)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(draft_from_row).transpose()
    }

    /// One draft, if it exists.
    pub async fn draft(&self, id: DraftId) -> Result<Option<Draft>, StoreError> {
        let row: Option<DraftRow> =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM drafts WHERE id = ?"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(draft_from_row).transpose()
    }

    /// Every draft, most recently changed first.
    pub async fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let rows: Vec<DraftRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM drafts ORDER BY updated_at DESC, id DESC"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(draft_from_row).collect()
    }

    /// Deletes a draft; false when there was none.
    pub async fn delete_draft(&self, id: DraftId) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM drafts WHERE id = ?")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
