//! Draft rows, their revisions and the trash. Every change to a draft
//! writes its revision in the same transaction, and marks its search entry
//! for upkeep to write (`search.rs`).

use sqlx::query::QueryAs;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Sqlite, Transaction};
use studio_core::draft::coalesces_into;
use studio_core::{
    Cursor, Draft, DraftId, DraftKind, DraftListQuery, DraftPage, DraftPatch, DraftSort, NewDraft, Offer, OfferKind,
    Revision, RevisionReason, Visibility,
};

use crate::search::{index_new, mark_stale, merge_while_writing, reindex};
use crate::{Store, StoreError};

#[derive(sqlx::FromRow)]
struct DraftRow {
    id: i64,
    kind: String,
    title: String,
    body: String,
    created_at: i64,
    updated_at: i64,
    deleted_at: Option<i64>,
    visibility: String,
    ai_generated: bool,
    reposted: bool,
    offer_kind: Option<String>,
    offer_id: Option<String>,
    offer_label: Option<String>,
    notes: String,
}

#[derive(sqlx::FromRow)]
struct RevisionRow {
    id: i64,
    draft_id: i64,
    reason: String,
    kind: String,
    title: String,
    body: String,
    visibility: String,
    ai_generated: bool,
    reposted: bool,
    offer_kind: Option<String>,
    offer_id: Option<String>,
    offer_label: Option<String>,
    notes: String,
    created_at: i64,
    updated_at: i64,
}

const COLUMNS: &str = "id, kind, title, body, created_at, updated_at, deleted_at, visibility, ai_generated, reposted, \
                       offer_kind, offer_id, offer_label, notes";
const REVISION_COLUMNS: &str = "id, draft_id, reason, kind, title, body, visibility, ai_generated, reposted, \
                                offer_kind, offer_id, offer_label, notes, created_at, updated_at";

fn parse_kind(id: i64, kind: &str) -> Result<DraftKind, StoreError> {
    DraftKind::parse(kind).ok_or_else(|| StoreError::Corrupt(format!("row {id} has unknown kind {kind:?}")))
}

/// The post settings as stored in a draft or revision row; `what` names the
/// row in errors.
fn settings_from_row(
    what: &str,
    visibility: &str,
    offer: (Option<String>, Option<String>, Option<String>),
) -> Result<(Visibility, Option<Offer>), StoreError> {
    let corrupt = |field: &str, value: &str| StoreError::Corrupt(format!("{what} has unknown {field} {value:?}"));
    let visibility = Visibility::parse(visibility).ok_or_else(|| corrupt("visibility", visibility))?;
    let offer = match offer {
        (Some(kind), Some(id), label) => Some(Offer {
            kind: OfferKind::parse(&kind).ok_or_else(|| corrupt("offer kind", &kind))?,
            id,
            label: label.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok((visibility, offer))
}

fn draft_from_row(r: DraftRow) -> Result<Draft, StoreError> {
    let (visibility, offer) =
        settings_from_row(&format!("draft {}", r.id), &r.visibility, (r.offer_kind, r.offer_id, r.offer_label))?;
    Ok(Draft {
        id: r.id,
        kind: parse_kind(r.id, &r.kind)?,
        title: r.title,
        body: r.body,
        created_at: r.created_at,
        updated_at: r.updated_at,
        deleted_at: r.deleted_at,
        visibility,
        ai_generated: r.ai_generated,
        reposted: r.reposted,
        offer,
        notes: r.notes,
    })
}

fn revision_from_row(r: RevisionRow) -> Result<Revision, StoreError> {
    let reason = RevisionReason::parse(&r.reason)
        .ok_or_else(|| StoreError::Corrupt(format!("revision {} has unknown reason {:?}", r.id, r.reason)))?;
    let (visibility, offer) =
        settings_from_row(&format!("revision {}", r.id), &r.visibility, (r.offer_kind, r.offer_id, r.offer_label))?;
    Ok(Revision {
        id: r.id,
        draft_id: r.draft_id,
        reason,
        kind: parse_kind(r.id, &r.kind)?,
        title: r.title,
        body: r.body,
        visibility,
        ai_generated: r.ai_generated,
        reposted: r.reposted,
        offer,
        notes: r.notes,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

/// A live (not trashed) draft.
pub(crate) async fn live_draft_in(tx: &mut Transaction<'_, Sqlite>, id: DraftId) -> Result<Option<Draft>, StoreError> {
    let row: Option<DraftRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM drafts WHERE id = ? AND deleted_at IS NULL"))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    row.map(draft_from_row).transpose()
}

async fn latest_revision(tx: &mut Transaction<'_, Sqlite>, draft_id: DraftId) -> Result<Option<Revision>, StoreError> {
    let row: Option<RevisionRow> = sqlx::query_as(&format!(
        "SELECT {REVISION_COLUMNS} FROM revisions WHERE draft_id = ? ORDER BY id DESC LIMIT 1"
    ))
    .bind(draft_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(revision_from_row).transpose()
}

/// Records the draft's current content and post settings as a revision,
/// folding plain edits into the latest revision while they are close
/// together.
async fn record_revision(
    tx: &mut Transaction<'_, Sqlite>,
    draft: &Draft,
    reason: RevisionReason,
    now: i64,
) -> Result<(), StoreError> {
    if reason == RevisionReason::Edit {
        if let Some(latest) = latest_revision(tx, draft.id).await? {
            if coalesces_into(&latest, now) {
                bind_snapshot(
                    sqlx::query(
                        "UPDATE revisions SET kind = ?, title = ?, body = ?, visibility = ?, ai_generated = ?, \
                         reposted = ?, offer_kind = ?, offer_id = ?, offer_label = ?, notes = ?, updated_at = ? \
                         WHERE id = ?",
                    ),
                    draft,
                )
                .bind(now)
                .bind(latest.id)
                .execute(&mut **tx)
                .await?;
                return Ok(());
            }
        }
    }
    let insert = sqlx::query(
        "INSERT INTO revisions (draft_id, reason, kind, title, body, visibility, ai_generated, reposted, \
         offer_kind, offer_id, offer_label, notes, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(draft.id)
    .bind(reason.as_str());
    bind_snapshot(insert, draft).bind(now).bind(now).execute(&mut **tx).await?;
    Ok(())
}

/// Binds what a revision keeps of a draft, in the order kind, title, body,
/// visibility, ai_generated, reposted, offer kind, id and label, notes.
fn bind_snapshot<'q>(
    query: sqlx::query::Query<'q, Sqlite, SqliteArguments<'q>>,
    draft: &'q Draft,
) -> sqlx::query::Query<'q, Sqlite, SqliteArguments<'q>> {
    query
        .bind(draft.kind.as_str())
        .bind(&draft.title)
        .bind(&draft.body)
        .bind(draft.visibility.as_str())
        .bind(draft.ai_generated)
        .bind(draft.reposted)
        .bind(draft.offer.as_ref().map(|o| o.kind.as_str()))
        .bind(draft.offer.as_ref().map(|o| o.id.as_str()))
        .bind(draft.offer.as_ref().map(|o| o.label.as_str()))
        .bind(&draft.notes)
}

/// Writes the content of a live draft, `current`, as changed by a patch,
/// with its revision; marks its index entry when searched text changed.
async fn write_content(
    tx: &mut Transaction<'_, Sqlite>,
    current: &Draft,
    changed: &Draft,
    reason: RevisionReason,
    now: i64,
) -> Result<Draft, StoreError> {
    let draft = Draft { updated_at: now.max(current.updated_at), ..changed.clone() };
    sqlx::query(
        "UPDATE drafts SET kind = ?, title = ?, body = ?, visibility = ?, ai_generated = ?, reposted = ?, \
         offer_kind = ?, offer_id = ?, offer_label = ?, notes = ?, updated_at = ? WHERE id = ?",
    )
    .bind(draft.kind.as_str())
    .bind(&draft.title)
    .bind(&draft.body)
    .bind(draft.visibility.as_str())
    .bind(draft.ai_generated)
    .bind(draft.reposted)
    .bind(draft.offer.as_ref().map(|o| o.kind.as_str()))
    .bind(draft.offer.as_ref().map(|o| o.id.as_str()))
    .bind(draft.offer.as_ref().map(|o| o.label.as_str()))
    .bind(&draft.notes)
    .bind(draft.updated_at)
    .bind(draft.id)
    .execute(&mut **tx)
    .await?;
    record_revision(tx, &draft, reason, now).await?;
    if (&draft.title, &draft.body, &draft.notes) != (&current.title, &current.body, &current.notes) {
        mark_stale(tx, draft.id).await?;
    }
    Ok(draft)
}

/// Inserts a new draft with its first revision, its search entry marked
/// for upkeep to write.
pub(crate) async fn insert_in(tx: &mut Transaction<'_, Sqlite>, new: &NewDraft, now: i64) -> Result<Draft, StoreError> {
    let draft = insert_row(tx, new, now).await?;
    mark_stale(tx, draft.id).await?;
    Ok(draft)
}

/// Inserts a new draft with its first revision.
async fn insert_row(tx: &mut Transaction<'_, Sqlite>, new: &NewDraft, now: i64) -> Result<Draft, StoreError> {
    let row: DraftRow = sqlx::query_as(&format!(
        "INSERT INTO drafts (kind, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING {COLUMNS}"
    ))
    .bind(new.kind.unwrap_or_default().as_str())
    .bind(&new.title)
    .bind(&new.body)
    .bind(now)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    let draft = draft_from_row(row)?;
    record_revision(tx, &draft, RevisionReason::Create, now).await?;
    Ok(draft)
}

impl Store {
    /// Stores a new draft made at `now` (Unix ms), with its first revision.
    pub async fn insert_draft(&self, new: &NewDraft, now: i64) -> Result<Draft, StoreError> {
        let mut save = self.begin_save().await?;
        let draft = insert_in(&mut save.tx, new, now).await?;
        save.commit().await?;
        Ok(draft)
    }

    /// Applies a change to a live draft at `now`; `None` when there is no
    /// such draft or it is in the trash. A change that changes nothing writes nothing.
    pub async fn update_draft(&self, id: DraftId, patch: &DraftPatch, now: i64) -> Result<Option<Draft>, StoreError> {
        let mut save = self.begin_save().await?;
        let Some(current) = live_draft_in(&mut save.tx, id).await? else { return Ok(None) };
        let changed = patch.apply(&current);
        if changed == current {
            return Ok(Some(current));
        }
        let draft = write_content(&mut save.tx, &current, &changed, RevisionReason::Edit, now).await?;
        save.commit().await?;
        Ok(Some(draft))
    }

    /// One draft, live or trashed, if it exists.
    pub async fn draft(&self, id: DraftId) -> Result<Option<Draft>, StoreError> {
        let row: Option<DraftRow> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM drafts WHERE id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(draft_from_row).transpose()
    }

    /// Live drafts with these ids, in the order given.
    pub async fn drafts_by_ids(&self, ids: &[DraftId]) -> Result<Vec<Draft>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(d) = self.draft(id).await? {
                out.push(d);
            }
        }
        Ok(out)
    }

    /// Stores many new drafts in one transaction (imports, benchmarks),
    /// with their search entries: one transaction writes them at less cost
    /// than upkeep would draft by draft.
    pub async fn insert_drafts(&self, drafts: &[NewDraft], now: i64) -> Result<Vec<DraftId>, StoreError> {
        let mut save = self.begin_save().await?;
        merge_while_writing(&mut save.tx, true).await?;
        let mut ids = Vec::with_capacity(drafts.len());
        for new in drafts {
            let draft = insert_row(&mut save.tx, new, now).await?;
            index_new(&mut save.tx, &draft).await?;
            ids.push(draft.id);
        }
        merge_while_writing(&mut save.tx, false).await?;
        save.commit().await?;
        Ok(ids)
    }

    /// One page of live drafts matching a query. Seeks by index from the
    /// cursor, so a deep page costs about what the first does.
    pub async fn drafts_list(&self, q: &DraftListQuery) -> Result<DraftPage, StoreError> {
        let column = match q.sort {
            DraftSort::Updated => "updated_at",
            DraftSort::Created => "created_at",
        };
        let mut filter = String::from("deleted_at IS NULL");
        if q.kind.is_some() {
            filter.push_str(" AND kind = ?");
        }
        if q.topic.is_some() {
            self.catch_up_search().await?;
            filter.push_str(" AND id IN (SELECT draft_id FROM draft_topics WHERE topic = ?)");
        }
        let on_account = if q.account.is_some() { " AND account_id = ?" } else { "" };
        match q.status.map(|s| s.publication()) {
            Some(None) => {
                filter.push_str(&format!(" AND id NOT IN (SELECT draft_id FROM publications WHERE 1 = 1{on_account})"))
            }
            Some(Some(_)) => {
                filter.push_str(&format!(" AND id IN (SELECT draft_id FROM publications WHERE status = ?{on_account})"))
            }
            None if q.account.is_some() => {
                filter.push_str(" AND id IN (SELECT draft_id FROM publications WHERE account_id = ?)")
            }
            None => {}
        }
        fn bind_filters<'q, O>(
            q: &'q DraftListQuery,
            mut query: QueryAs<'q, Sqlite, O, SqliteArguments<'q>>,
        ) -> QueryAs<'q, Sqlite, O, SqliteArguments<'q>> {
            if let Some(kind) = q.kind {
                query = query.bind(kind.as_str());
            }
            if let Some(topic) = &q.topic {
                query = query.bind(topic.as_str());
            }
            if let Some(status) = q.status.and_then(|s| s.publication()) {
                query = query.bind(status.as_str());
            }
            if let Some(account) = q.account {
                query = query.bind(account);
            }
            query
        }
        let total = if q.after.is_none() {
            let count: (i64,) = bind_filters(q, sqlx::query_as(&format!("SELECT COUNT(*) FROM drafts WHERE {filter}")))
                .fetch_one(&self.pool)
                .await?;
            Some(count.0 as u32)
        } else {
            None
        };
        let (key, id) = q.after.map_or((i64::MAX, i64::MAX), |c| (c.key, c.id));
        let sql = format!(
            "SELECT {COLUMNS} FROM drafts WHERE {filter} AND ({column} < ? OR ({column} = ? AND id < ?)) \
             ORDER BY {column} DESC, id DESC LIMIT ?"
        );
        let rows: Vec<DraftRow> = bind_filters(q, sqlx::query_as(&sql))
            .bind(key)
            .bind(key)
            .bind(id)
            .bind(q.limit)
            .fetch_all(&self.pool)
            .await?;
        let drafts: Vec<Draft> = rows.into_iter().map(draft_from_row).collect::<Result<_, _>>()?;
        let next = (drafts.len() as u32 == q.limit && q.limit > 0)
            .then(|| drafts.last().map(|d| Cursor { key: q.sort.key(d), id: d.id }))
            .flatten();
        Ok(DraftPage { drafts, next, total })
    }

    /// Every live draft, most recently changed first.
    pub async fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let rows: Vec<DraftRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM drafts WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(draft_from_row).collect()
    }

    /// Every draft in the trash, most recently deleted first.
    pub async fn trashed_drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let rows: Vec<DraftRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM drafts WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(draft_from_row).collect()
    }

    /// Moves a live draft to the trash; false when there is no live draft.
    pub async fn trash_draft(&self, id: DraftId, now: i64) -> Result<bool, StoreError> {
        let mut save = self.begin_save().await?;
        let done = sqlx::query("UPDATE drafts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&mut *save.tx)
            .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        reindex(&mut save.tx, id).await?;
        save.commit().await?;
        Ok(true)
    }

    /// Brings a draft back from the trash, with everything it had.
    pub async fn restore_draft(&self, id: DraftId) -> Result<Option<Draft>, StoreError> {
        let mut save = self.begin_save().await?;
        let row: Option<DraftRow> = sqlx::query_as(&format!(
            "UPDATE drafts SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL RETURNING {COLUMNS}"
        ))
        .bind(id)
        .fetch_optional(&mut *save.tx)
        .await?;
        let Some(draft) = row.map(draft_from_row).transpose()? else { return Ok(None) };
        reindex(&mut save.tx, id).await?;
        save.commit().await?;
        Ok(Some(draft))
    }

    /// Deletes every trashed draft for good; returns how many.
    pub async fn empty_trash(&self) -> Result<u64, StoreError> {
        let mut save = self.begin_save().await?;
        let done = sqlx::query("DELETE FROM drafts WHERE deleted_at IS NOT NULL").execute(&mut *save.tx).await?;
        save.commit().await?;
        Ok(done.rows_affected())
    }

    /// A draft's revisions, newest first.
    pub async fn revisions(&self, draft_id: DraftId) -> Result<Vec<Revision>, StoreError> {
        let rows: Vec<RevisionRow> =
            sqlx::query_as(&format!("SELECT {REVISION_COLUMNS} FROM revisions WHERE draft_id = ? ORDER BY id DESC"))
                .bind(draft_id)
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(revision_from_row).collect()
    }

    /// Makes a draft's content and post settings those of one of its
    /// revisions, recorded as a new revision (history is never rewritten).
    /// `None` when the revision does not belong to the draft.
    pub async fn restore_revision(
        &self,
        draft_id: DraftId,
        revision_id: i64,
        now: i64,
    ) -> Result<Option<Draft>, StoreError> {
        let mut save = self.begin_save().await?;
        let row: Option<RevisionRow> =
            sqlx::query_as(&format!("SELECT {REVISION_COLUMNS} FROM revisions WHERE id = ? AND draft_id = ?"))
                .bind(revision_id)
                .bind(draft_id)
                .fetch_optional(&mut *save.tx)
                .await?;
        let Some(old) = row.map(revision_from_row).transpose()? else { return Ok(None) };
        let Some(current) = live_draft_in(&mut save.tx, draft_id).await? else { return Ok(None) };
        let changed = old.restore_patch().apply(&current);
        let draft = write_content(&mut save.tx, &current, &changed, RevisionReason::Restore, now).await?;
        save.commit().await?;
        Ok(Some(draft))
    }
}
