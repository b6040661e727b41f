//! Publications: a draft's standing on an account (queued, under review,
//! published, ...), with the platform's content id once it has one.

use sqlx::{Sqlite, Transaction};
use studio_core::media::{MediaAsset, MediumRole};
use studio_core::rules::PostMediaProblem;
use studio_core::sync::{PostMedium, PostPayload};
use studio_core::{AccountId, DraftId, JobKind, JobPayload, JobProblem, OutboxJob, Publication, PublicationStatus};

use crate::drafts::live_draft_in;
use crate::media::DraftMediumRow;
use crate::outbox::{insert_job, queue_after_uploads, JobRow, JOB_COLUMNS};
use crate::{outbox, parse_stored, Store, StoreError};

type PublicationRow = (i64, i64, String, Option<String>, Option<i64>, String, String, i64);
const PUBLICATION_COLUMNS: &str = "draft_id, account_id, status, content_id, scheduled_at, reason, link, updated_at";

fn publication_from_row(r: PublicationRow) -> Result<Publication, StoreError> {
    Ok(Publication {
        draft_id: r.0,
        account_id: r.1,
        status: parse_stored(PublicationStatus::parse, &r.2, || format!("the publication of draft {}", r.0))?,
        content_id: r.3,
        scheduled_at: r.4,
        reason: r.5,
        link: r.6,
        updated_at: r.7,
    })
}

/// What asking to publish a draft did.
#[derive(Debug, Clone)]
pub enum PublishRequest {
    /// A job was queued.
    Queued(OutboxJob),
    /// A job for it was already waiting; nothing new was queued.
    AlreadyQueued(OutboxJob),
    /// The platform has it already (under review or published): publishing
    /// again means deleting it first, which the user must confirm.
    AlreadyOnPlatform(Publication),
    /// No such live draft, or no such account.
    NotFound,
    /// Its media cannot go to the platform as they are (the check given
    /// said why); nothing was queued.
    Refused(PostMediaProblem),
}

/// A publish the platform may or may not have taken: what was sent, to
/// recognise it among the account's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnresolvedPublish {
    /// The job.
    pub job_id: i64,
    /// The draft.
    pub draft_id: DraftId,
    /// What was sent, or why it cannot be read.
    pub post: Result<PostPayload, String>,
}

/// What the library knows of one of an account's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownContent {
    /// Its publication's standing; `None` for a post the studio replaced.
    pub status: Option<PublicationStatus>,
    /// The review's reason, as last recorded.
    pub reason: String,
    /// Its link, as last recorded.
    pub link: String,
    /// Unix ms by which the library knew its id (no earlier than the
    /// platform made it); `None` when not recorded.
    pub recorded_at: Option<i64>,
}

/// A content found on the platform that the library does not know.
#[derive(Debug, Clone, Copy)]
pub struct RemoteContent<'a> {
    /// The platform's id.
    pub content_id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its text.
    pub body: &'a str,
    /// Where it stands.
    pub status: PublicationStatus,
    /// The review's reason, if rejected.
    pub reason: &'a str,
    /// Its link on the platform.
    pub link: &'a str,
}

impl Store {
    /// Queues a publish of a live draft on an account, frozen from the
    /// draft and its media as they are now, in one transaction with the
    /// publication's state: `check` judges the media as they are inside it,
    /// so a change made meanwhile cannot slip an incomplete post through.
    /// Asking twice queues once. A post already on the platform is refused
    /// unless `replace`: then its content is deleted first (the platform
    /// has no edit) and the new publish waits for that.
    pub async fn request_publish(
        &self,
        draft_id: DraftId,
        account_id: AccountId,
        scheduled_at: Option<i64>,
        replace: bool,
        now: i64,
        check: impl FnOnce(&studio_core::Draft, &[(MediumRole, &MediaAsset)]) -> Result<(), PostMediaProblem>,
    ) -> Result<PublishRequest, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(draft) = live_draft_in(&mut tx, draft_id).await? else { return Ok(PublishRequest::NotFound) };
        let Some(account) = crate::accounts::account_in(&mut tx, account_id).await? else {
            return Ok(PublishRequest::NotFound);
        };
        let existing: Option<PublicationRow> = sqlx::query_as(&format!(
            "SELECT {PUBLICATION_COLUMNS} FROM publications WHERE draft_id = ? AND account_id = ?"
        ))
        .bind(draft_id)
        .bind(account_id)
        .fetch_optional(&mut *tx)
        .await?;
        let media = crate::media::draft_media_in(&mut tx, draft_id).await?;
        let mut assets = Vec::with_capacity(media.len());
        for m in media.iter().filter(|m| draft.kind.uses_medium(m.role)) {
            if let Some(asset) = crate::media::asset_in(&mut tx, &m.hash).await? {
                assets.push((m.role, asset));
            }
        }
        let judged: Vec<(MediumRole, &MediaAsset)> = assets.iter().map(|(r, a)| (*r, a)).collect();
        if let Err(problem) = check(&draft, &judged) {
            return Ok(PublishRequest::Refused(problem));
        }
        let mut replaced: Option<OutboxJob> = None;
        if let Some(existing) = existing.map(publication_from_row).transpose()? {
            match existing.status {
                PublicationStatus::UnderReview | PublicationStatus::Published if !replace => {
                    return Ok(PublishRequest::AlreadyOnPlatform(existing))
                }
                PublicationStatus::UnderReview | PublicationStatus::Published => {
                    if let Some(content_id) = &existing.content_id {
                        sqlx::query(
                            "INSERT OR IGNORE INTO retired_contents (account_id, content_id, draft_id, retired_at) \
                             VALUES (?, ?, ?, ?)",
                        )
                        .bind(account_id)
                        .bind(content_id)
                        .bind(draft_id)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                        let delete = JobPayload::DeleteContent { content_id: content_id.clone() };
                        replaced = Some(insert_job(&mut tx, account_id, draft_id, &delete, now).await?);
                    }
                }
                PublicationStatus::Queued => {
                    if let Some(job) = open_publish_job(&mut tx, draft_id, account_id).await? {
                        return Ok(PublishRequest::AlreadyQueued(job));
                    }
                }
                _ => {}
            }
        }
        let media = media.into_iter().map(|DraftMediumRow { hash, role, focal }| PostMedium::new(role, hash, focal));
        let post = PostPayload::new(&draft, media, Some(account.public_id.as_str()), scheduled_at);
        sqlx::query(
            "INSERT INTO publications (draft_id, account_id, status, content_id, scheduled_at, reason, link, updated_at) \
             VALUES (?, ?, 'queued', NULL, ?, '', '', ?) \
             ON CONFLICT (draft_id, account_id) DO UPDATE SET status = 'queued', content_id = NULL, \
             scheduled_at = excluded.scheduled_at, reason = '', link = '', updated_at = excluded.updated_at",
        )
        .bind(draft_id)
        .bind(account_id)
        .bind(scheduled_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // Jobs run in a chain: the old post's delete, then each medium the
        // account does not have yet, then the publish.
        let previous = replaced.as_ref().map(|j| j.id);
        let job = queue_after_uploads(&mut tx, account_id, draft_id, &JobPayload::Publish(post), previous, now).await?;
        tx.commit().await?;
        Ok(PublishRequest::Queued(job))
    }

    /// The publication of a draft on an account.
    pub async fn publication(
        &self,
        draft_id: DraftId,
        account_id: AccountId,
    ) -> Result<Option<Publication>, StoreError> {
        let row: Option<PublicationRow> = sqlx::query_as(&format!(
            "SELECT {PUBLICATION_COLUMNS} FROM publications WHERE draft_id = ? AND account_id = ?"
        ))
        .bind(draft_id)
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(publication_from_row).transpose()
    }

    /// Every publication of an account.
    pub async fn publications(&self, account_id: AccountId) -> Result<Vec<Publication>, StoreError> {
        let rows: Vec<PublicationRow> = sqlx::query_as(&format!(
            "SELECT {PUBLICATION_COLUMNS} FROM publications WHERE account_id = ? ORDER BY draft_id"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(publication_from_row).collect()
    }

    /// The account's posts the platform is still reviewing (or holding for their time).
    pub async fn publications_in_review(&self, account_id: AccountId) -> Result<Vec<Publication>, StoreError> {
        let rows: Vec<PublicationRow> = sqlx::query_as(&format!(
            "SELECT {PUBLICATION_COLUMNS} FROM publications WHERE account_id = ? AND status = 'under_review' \
             AND content_id IS NOT NULL"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(publication_from_row).collect()
    }

    /// The account's publishes whose outcome is unknown, with what they sent.
    pub async fn unresolved_publishes(&self, account_id: AccountId) -> Result<Vec<UnresolvedPublish>, StoreError> {
        let rows: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT id, target, payload FROM outbox WHERE account_id = ? AND kind = ? AND state = 'unknown' ORDER BY id",
        )
        .bind(account_id)
        .bind(JobKind::Publish.as_str())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(job_id, draft_id, payload)| {
                let post = match JobPayload::from_json(JobKind::Publish, &payload) {
                    Ok(JobPayload::Publish(post)) => Ok(post),
                    Ok(_) => Err("not a publish".to_string()),
                    Err(e) => Err(e),
                };
                UnresolvedPublish { job_id, draft_id, post }
            })
            .collect())
    }

    /// What the library knows of these contents of an account (those it
    /// does not know are left out): their standing, or that they were
    /// replaced, and when their ids were learned.
    pub async fn known_contents(
        &self,
        account_id: AccountId,
        content_ids: &[&str],
    ) -> Result<std::collections::HashMap<String, KnownContent>, StoreError> {
        let ids = serde_json::to_string(content_ids).expect("strings serialize");
        let rows: Vec<(String, Option<String>, String, String, Option<i64>)> = sqlx::query_as(
            "SELECT content_id, status, reason, link, recorded_at FROM publications \
             WHERE account_id = ?1 AND content_id IN (SELECT value FROM json_each(?2)) \
             UNION ALL SELECT content_id, NULL, '', '', retired_at FROM retired_contents \
             WHERE account_id = ?1 AND content_id IN (SELECT value FROM json_each(?2))",
        )
        .bind(account_id)
        .bind(ids)
        .fetch_all(&self.pool)
        .await?;
        let mut known = std::collections::HashMap::with_capacity(rows.len());
        for (content_id, status, reason, link, recorded_at) in rows {
            let status = match status {
                None => None,
                Some(s) => Some(parse_stored(PublicationStatus::parse, &s, || format!("content {content_id}"))?),
            };
            // A replaced post is known as replaced, whatever else says.
            let entry = KnownContent { status, reason, link, recorded_at };
            known.entry(content_id).and_modify(|k: &mut KnownContent| k.status = None).or_insert(entry);
        }
        Ok(known)
    }

    /// The account's content ids the library knows, replaced ones included.
    pub async fn known_content_ids(&self, account_id: AccountId) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT content_id FROM publications WHERE account_id = ?1 AND content_id IS NOT NULL \
                 UNION SELECT content_id FROM retired_contents WHERE account_id = ?1",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Applies the platform's word on one content (review result, deletion).
    /// Returns the publication when its status changed.
    pub async fn record_content_status(
        &self,
        account_id: AccountId,
        content_id: &str,
        status: PublicationStatus,
        reason: &str,
        link: &str,
        now: i64,
    ) -> Result<Option<Publication>, StoreError> {
        let row: Option<PublicationRow> = sqlx::query_as(&format!(
            "UPDATE publications SET status = ?1, reason = ?2, link = ?3, updated_at = ?4 \
             WHERE account_id = ?5 AND content_id = ?6 AND (status != ?1 OR reason != ?2 OR link != ?3) \
             RETURNING {PUBLICATION_COLUMNS}"
        ))
        .bind(status.as_str())
        .bind(reason)
        .bind(link)
        .bind(now)
        .bind(account_id)
        .bind(content_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(publication_from_row).transpose()
    }

    /// Takes content made outside the studio (on the phone, in the web
    /// console) into the library as a draft with its publication.
    pub async fn adopt_remote_content(
        &self,
        account_id: AccountId,
        remote: &RemoteContent<'_>,
        now: i64,
    ) -> Result<DraftId, StoreError> {
        let RemoteContent { content_id, title, body, status, reason, link } = *remote;
        let mut tx = self.begin_write().await?;
        let new = studio_core::NewDraft { kind: None, title: title.to_string(), body: body.to_string() };
        let draft = crate::drafts::insert_in(&mut tx, &new, now).await?;
        sqlx::query(
            "INSERT INTO publications (draft_id, account_id, status, content_id, reason, link, sent_title, sent_body, \
             recorded_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(draft.id)
        .bind(account_id)
        .bind(status.as_str())
        .bind(content_id)
        .bind(reason)
        .bind(link)
        .bind(title)
        .bind(body)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(draft.id)
    }
}

/// The latest publish job of a draft on an account that has not finished.
pub(crate) async fn open_publish_job(
    tx: &mut Transaction<'_, Sqlite>,
    draft_id: DraftId,
    account_id: AccountId,
) -> Result<Option<OutboxJob>, StoreError> {
    let job: Option<JobRow> = sqlx::query_as(&format!(
        "SELECT {JOB_COLUMNS} FROM outbox WHERE kind = ? AND target = ? AND account_id = ? \
         AND state NOT IN ('done', 'cancelled') ORDER BY id DESC LIMIT 1"
    ))
    .bind(JobKind::Publish.as_str())
    .bind(draft_id)
    .bind(account_id)
    .fetch_optional(&mut **tx)
    .await?;
    job.map(outbox::job_from_row).transpose()
}

async fn set_status(
    tx: &mut Transaction<'_, Sqlite>,
    job: &OutboxJob,
    status: PublicationStatus,
    reason: Option<&str>,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE publications SET status = ?, reason = COALESCE(?, reason), updated_at = ? \
         WHERE draft_id = ? AND account_id = ?",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(now)
    .bind(job.target)
    .bind(job.account_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Publishes went through: `posts` is a JSON array of `[draft id, account
/// id, content id]`, one statement for them all. Each post is under review
/// with its content id.
pub(crate) async fn published_many(tx: &mut Transaction<'_, Sqlite>, posts: &str, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE publications SET status = 'under_review', content_id = p.value ->> 2, reason = '', \
         recorded_at = ?1, updated_at = ?1 \
         FROM json_each(?2) AS p WHERE draft_id = p.value ->> 0 AND account_id = p.value ->> 1",
    )
    .bind(now)
    .bind(posts)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The post's delete went through. A post being replaced is already queued
/// again: left as it is.
pub(crate) async fn deleted(tx: &mut Transaction<'_, Sqlite>, job: &OutboxJob, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE publications SET status = 'deleted', updated_at = ? WHERE draft_id = ? AND account_id = ? \
         AND status IN ('under_review', 'published')",
    )
    .bind(now)
    .bind(job.target)
    .bind(job.account_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The publish stopped; the platform's words, when it gave any, are kept
/// as the reason.
pub(crate) async fn failed(
    tx: &mut Transaction<'_, Sqlite>,
    job: &OutboxJob,
    problem: Option<&JobProblem>,
    now: i64,
) -> Result<(), StoreError> {
    set_status(tx, job, PublicationStatus::Failed, Some(platform_words(problem)), now).await
}

/// The publish is waiting again (the user retried it).
pub(crate) async fn requeued(tx: &mut Transaction<'_, Sqlite>, job: &OutboxJob, now: i64) -> Result<(), StoreError> {
    set_status(tx, job, PublicationStatus::Queued, Some(""), now).await
}

/// The user cancelled the publish.
pub(crate) async fn cancelled(tx: &mut Transaction<'_, Sqlite>, job: &OutboxJob, now: i64) -> Result<(), StoreError> {
    set_status(tx, job, PublicationStatus::Cancelled, None, now).await
}

/// Marks the row a stopped job served (`table`'s row `job.target` of the
/// job's account) as `status`, keeping the platform's words, when it gave
/// any, in `words_column`.
pub(crate) async fn stopped(
    tx: &mut Transaction<'_, Sqlite>,
    table: &str,
    words_column: &str,
    status: &str,
    job: &OutboxJob,
    problem: Option<&JobProblem>,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(&format!(
        "UPDATE {table} SET status = ?, {words_column} = ?, updated_at = ? WHERE id = ? AND account_id = ?"
    ))
    .bind(status)
    .bind(platform_words(problem))
    .bind(now)
    .bind(job.target)
    .bind(job.account_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The platform's own words in a problem, or nothing: other problems are
/// worded by the app, in the user's language, from the job.
pub(crate) fn platform_words(problem: Option<&JobProblem>) -> &str {
    match problem {
        Some(JobProblem::Platform { message, .. }) => message,
        _ => "",
    }
}
