//! Messages to a life account's followers, with their revisions. Sending
//! one queues, in one transaction, the upload of its cover, the making of its content page
//! (image-text), and the send, each after the one before; a recall is a
//! job of its own.

use sqlx::{Sqlite, Transaction};
use studio_core::draft::folds;
use studio_core::{
    AccountId, FollowerMessage, JobKind, JobPayload, JobProblem, MessageFields, MessageKind, MessageRevision,
    MessageStatus, OutboxJob, RevisionReason,
};

use crate::outbox::{insert_job, queue_after_uploads, set_depends_on};
use crate::{parse_stored, Store, StoreError};

pub(crate) type Row =
    (i64, i64, String, String, Option<i64>, Option<String>, Option<String>, String, i64, Option<String>);
/// A message's columns, and the code its last stopped content or send job
/// stopped with while it stands failed.
pub(crate) const COLUMNS: &str =
    "id, account_id, fields, status, scheduled_at, content_url, message_id, words, updated_at, \
    CASE WHEN status = 'failed' THEN (SELECT o.error_code FROM outbox o WHERE o.target = follower_messages.id \
    AND o.kind IN ('message_content', 'message_send') AND o.state = 'failed' ORDER BY o.id DESC LIMIT 1) END";

pub(crate) fn from_row(
    (id, account_id, fields, status, scheduled_at, content_url, message_id, words, updated_at, error_code): Row,
) -> Result<FollowerMessage, StoreError> {
    Ok(FollowerMessage {
        id,
        account_id,
        fields: serde_json::from_str(&fields)
            .map_err(|e| StoreError::Corrupt(format!("message {id} has unreadable fields: {e}")))?,
        status: parse_stored(MessageStatus::parse, &status, || format!("message {id}"))?,
        scheduled_at,
        content_url,
        message_id,
        words,
        error_code,
        updated_at,
    })
}

/// What asking for a message's send or recall found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageRequest {
    /// Queued.
    Queued(FollowerMessage),
    /// No such message.
    NotFound,
    /// It stands where that cannot be asked (sending, sent, recalled…).
    Not(MessageStatus),
}

impl Store {
    /// Starts a message (a draft) on an account, with its first revision.
    pub async fn create_message(
        &self,
        account_id: AccountId,
        fields: &MessageFields,
        now: i64,
    ) -> Result<FollowerMessage, StoreError> {
        let mut tx = self.begin_write().await?;
        let row: Row = sqlx::query_as(&format!(
            "INSERT INTO follower_messages (account_id, fields, status, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?) RETURNING {COLUMNS}"
        ))
        .bind(account_id)
        .bind(serde_json::to_string(fields).expect("fields are strings"))
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let message = from_row(row)?;
        record_revision(&mut tx, message.id, fields, RevisionReason::Create, now).await?;
        tx.commit().await?;
        Ok(message)
    }

    /// Keeps a message's words as typed; only a draft, or one that failed, changes.
    pub async fn update_message(
        &self,
        id: i64,
        fields: &MessageFields,
        now: i64,
    ) -> Result<MessageRequest, StoreError> {
        self.write_fields(id, fields, RevisionReason::Edit, now).await
    }

    /// Writes a message's words (a draft's, or one's that failed, which
    /// becomes a draft again) with its revision, in one transaction.
    async fn write_fields(
        &self,
        id: i64,
        fields: &MessageFields,
        reason: RevisionReason,
        now: i64,
    ) -> Result<MessageRequest, StoreError> {
        let mut tx = self.begin_write().await?;
        let row: Option<Row> = sqlx::query_as(&format!(
            "UPDATE follower_messages SET fields = ?, status = 'draft', words = '', updated_at = ? \
             WHERE id = ? AND status IN ('draft', 'failed') RETURNING {COLUMNS}"
        ))
        .bind(serde_json::to_string(fields).expect("fields are strings"))
        .bind(now)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        match row {
            Some(row) => {
                record_revision(&mut tx, id, fields, reason, now).await?;
                tx.commit().await?;
                Ok(MessageRequest::Queued(from_row(row)?))
            }
            None => {
                drop(tx);
                self.message_not(id).await
            }
        }
    }

    /// A message's revisions, newest first.
    pub async fn message_revisions(&self, id: i64) -> Result<Vec<MessageRevision>, StoreError> {
        let rows: Vec<RevisionRow> = sqlx::query_as(
            "SELECT id, message_id, reason, fields, created_at, updated_at FROM message_revisions \
             WHERE message_id = ? ORDER BY id DESC",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(revision_from_row).collect()
    }

    /// Brings back what a message said in one of its revisions, recorded as
    /// a new revision (history is never rewritten); only a draft, or one
    /// that failed, changes. `None` when the revision is not the message's.
    pub async fn restore_message_revision(
        &self,
        id: i64,
        revision_id: i64,
        now: i64,
    ) -> Result<Option<MessageRequest>, StoreError> {
        let Some(revision) = self.message_revisions(id).await?.into_iter().find(|r| r.id == revision_id) else {
            return Ok(None);
        };
        Ok(Some(self.write_fields(id, &revision.fields, RevisionReason::Restore, now).await?))
    }

    async fn message_not(&self, id: i64) -> Result<MessageRequest, StoreError> {
        Ok(match self.message(id).await? {
            Some(m) => MessageRequest::Not(m.status),
            None => MessageRequest::NotFound,
        })
    }

    /// One message.
    pub async fn message(&self, id: i64) -> Result<Option<FollowerMessage>, StoreError> {
        let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM follower_messages WHERE id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(from_row).transpose()
    }

    /// An account's messages (all accounts' when `None`), newest first.
    pub async fn messages(&self, account_id: Option<AccountId>) -> Result<Vec<FollowerMessage>, StoreError> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM follower_messages WHERE ?1 IS NULL OR account_id = ?1 ORDER BY id DESC"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(from_row).collect()
    }

    /// Queues a draft (or a failed message) to go to every follower, at
    /// `at` or at once: its cover's upload, its content page, then the send.
    pub async fn send_message(&self, id: i64, at: Option<i64>, now: i64) -> Result<MessageRequest, StoreError> {
        let mut tx = self.begin_write().await?;
        let set = "status = 'sending', scheduled_at = ?3, words = ''";
        let Some(message) = move_in(&mut tx, id, set, &["draft", "failed"], now, at).await? else {
            drop(tx);
            return self.message_not(id).await;
        };
        let mut previous = None;
        if message.fields.kind == MessageKind::ImageText {
            let content = JobPayload::MessageContent(message.fields.clone());
            previous = Some(queue_after_uploads(&mut tx, message.account_id, id, &content, None, now).await?.id);
        }
        let reason = if at.is_some() { RevisionReason::Schedule } else { RevisionReason::Publish };
        record_revision(&mut tx, id, &message.fields, reason, now).await?;
        let send = JobPayload::MessageSend { fields: message.fields.clone(), scheduled_at: at };
        let job = insert_job(&mut tx, message.account_id, id, &send, now).await?;
        set_depends_on(&mut tx, job.id, previous).await?;
        tx.commit().await?;
        Ok(MessageRequest::Queued(message))
    }

    /// Queues the making (or change) of a draft's content page alone, for
    /// its previewers; the message stays a draft.
    pub async fn preview_message(&self, id: i64, now: i64) -> Result<MessageRequest, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(message) = move_in(&mut tx, id, "status = status", &["draft", "failed"], now, None).await? else {
            drop(tx);
            return self.message_not(id).await;
        };
        let content = JobPayload::MessageContent(message.fields.clone());
        queue_after_uploads(&mut tx, message.account_id, id, &content, None, now).await?;
        tx.commit().await?;
        Ok(MessageRequest::Queued(message))
    }

    /// Queues the recall of a sent message.
    pub async fn recall_message(&self, id: i64, now: i64) -> Result<MessageRequest, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(message) = move_in(&mut tx, id, "status = 'recalling'", &["sent"], now, None).await? else {
            drop(tx);
            return self.message_not(id).await;
        };
        insert_job(&mut tx, message.account_id, id, &JobPayload::MessageRecall, now).await?;
        tx.commit().await?;
        Ok(MessageRequest::Queued(message))
    }

    /// What a message's send needs from the job before it: the content page's
    /// id and URL, and the message's platform id for a recall.
    pub async fn message_ids(&self, id: i64) -> Result<(Option<String>, Option<String>, Option<String>), StoreError> {
        let row: Option<(Option<String>, Option<String>, Option<String>)> =
            sqlx::query_as("SELECT content_id, content_url, message_id FROM follower_messages WHERE id = ?")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.unwrap_or_default())
    }
}

type RevisionRow = (i64, i64, String, String, i64, i64);

fn revision_from_row(
    (id, message_id, reason, fields, created_at, updated_at): RevisionRow,
) -> Result<MessageRevision, StoreError> {
    Ok(MessageRevision {
        id,
        message_id,
        reason: parse_stored(RevisionReason::parse, &reason, || format!("message revision {id}"))?,
        fields: serde_json::from_str(&fields)
            .map_err(|e| StoreError::Corrupt(format!("message revision {id} has unreadable fields: {e}")))?,
        created_at,
        updated_at,
    })
}

/// Records what a message says as a revision: a plain edit that changed
/// nothing records nothing, and one close after the last edit folds into it.
async fn record_revision(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    fields: &MessageFields,
    reason: RevisionReason,
    now: i64,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(fields).expect("fields are strings");
    if reason == RevisionReason::Edit {
        let latest: Option<RevisionRow> = sqlx::query_as(
            "SELECT id, message_id, reason, fields, created_at, updated_at FROM message_revisions \
             WHERE message_id = ? ORDER BY id DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
        if let Some(latest) = latest.map(revision_from_row).transpose()? {
            if latest.fields == *fields {
                return Ok(());
            }
            if folds(latest.reason, latest.created_at, now) {
                sqlx::query("UPDATE message_revisions SET fields = ?, updated_at = ? WHERE id = ?")
                    .bind(&json)
                    .bind(now)
                    .bind(latest.id)
                    .execute(&mut **tx)
                    .await?;
                return Ok(());
            }
        }
    }
    sqlx::query(
        "INSERT INTO message_revisions (message_id, reason, fields, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(reason.as_str())
    .bind(&json)
    .bind(now)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves a message standing in one of `from` as `set` says (SQL `SET`
/// items; `?3` is `scheduled_at`), in `tx`; `None` when it stands elsewhere.
async fn move_in(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    set: &str,
    from: &[&str],
    now: i64,
    scheduled_at: Option<i64>,
) -> Result<Option<FollowerMessage>, StoreError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "UPDATE follower_messages SET {set}, updated_at = ?1 \
         WHERE id = ?2 AND status IN (SELECT value FROM json_each(?4)) RETURNING {COLUMNS}"
    ))
    .bind(now)
    .bind(id)
    .bind(scheduled_at)
    .bind(serde_json::to_string(from).expect("strings serialize"))
    .fetch_optional(&mut **tx)
    .await?;
    row.map(from_row).transpose()
}

/// The content page is made: its id and URL are kept for the send.
pub(crate) async fn content_made(
    tx: &mut Transaction<'_, Sqlite>,
    job: &OutboxJob,
    content_id: &str,
    content_url: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE follower_messages SET content_id = ?, content_url = ?, updated_at = ? WHERE id = ?")
        .bind(content_id)
        .bind(content_url)
        .bind(now)
        .bind(job.target)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The message went to every follower (at its time, or now when it had
/// none: the calendar shows it there).
pub(crate) async fn sent(
    tx: &mut Transaction<'_, Sqlite>,
    job: &OutboxJob,
    message_id: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE follower_messages SET status = 'sent', message_id = ?1, scheduled_at = COALESCE(scheduled_at, ?2), \
         updated_at = ?2 WHERE id = ?3",
    )
    .bind(message_id)
    .bind(now)
    .bind(job.target)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A recall went through.
pub(crate) async fn recalled(tx: &mut Transaction<'_, Sqlite>, job: &OutboxJob, now: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE follower_messages SET status = 'recalled', updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(job.target)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A stopped job of the message is tried again.
pub(crate) async fn requeued(tx: &mut Transaction<'_, Sqlite>, job: &OutboxJob, now: i64) -> Result<(), StoreError> {
    let status = if job.kind == JobKind::MessageRecall { MessageStatus::Recalling } else { MessageStatus::Sending };
    set_status(tx, job, status, now).await
}

/// A job of the message is cancelled before it went out: a send goes back
/// to the draft, a recall leaves the message sent.
pub(crate) async fn cancelled(tx: &mut Transaction<'_, Sqlite>, job: &OutboxJob, now: i64) -> Result<(), StoreError> {
    let status = if job.kind == JobKind::MessageRecall { MessageStatus::Sent } else { MessageStatus::Draft };
    // The send waits on its content page: cancelling either cancels both.
    sqlx::query(
        "UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE target = ? AND kind IN (?, ?) AND state IN ('pending', 'failed')",
    )
    .bind(now)
    .bind(job.target)
    .bind(JobKind::MessageContent.as_str())
    .bind(JobKind::MessageSend.as_str())
    .execute(&mut **tx)
    .await?;
    set_status(tx, job, status, now).await
}

async fn set_status(
    tx: &mut Transaction<'_, Sqlite>,
    job: &OutboxJob,
    status: MessageStatus,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE follower_messages SET status = ?, updated_at = ? WHERE id = ?")
        .bind(status.as_str())
        .bind(now)
        .bind(job.target)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A job of the message stopped: a send or its content page leaves the
/// message failed with the platform's words (never sent again unasked); a
/// recall leaves it sent.
pub(crate) async fn failed(
    tx: &mut Transaction<'_, Sqlite>,
    job: &OutboxJob,
    problem: Option<&JobProblem>,
    now: i64,
) -> Result<(), StoreError> {
    let status = if job.kind == JobKind::MessageRecall { MessageStatus::Sent } else { MessageStatus::Failed };
    crate::publications::stopped(tx, "follower_messages", "words", status.as_str(), job, problem, now).await
}
