//! The library in time: what the calendar shows for a range, moving a
//! queued publish to another time, the posting queue's slots, accounts'
//! time zones and where the reminders have got to.

use std::collections::HashSet;

use sqlx::query::Query;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Sqlite, Transaction};

use studio_core::calendar::{PlannedMessage, PlannedPost};
use studio_core::{
    AccountId, DraftId, JobPayload, JobState, Livestream, NewQueueSlot, OutboxJob, PublicationStatus, QueueSlot,
    ZoneName,
};

use crate::livestreams::{livestream_from_row, LivestreamRow, SHOWN_COLUMNS};
use crate::outbox::{job_from_row, JobRow, JOB_COLUMNS};
use crate::publications::open_publish_job;
use crate::{parse_stored, Store, StoreError};

/// The settings key of the last moment reminders were looked for.
const REMINDERS_CHECKED_AT: &str = "reminders_checked_at";

/// The longest a livestream is read as running, so one that started
/// before a range and runs into it is found through the start index.
const LONGEST_LIVESTREAM_MS: i64 = 24 * 3_600_000;

type PostRow = (i64, i64, String, String, Option<i64>, i64, Option<String>);

/// What moving a queued publish to another time did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reschedule {
    /// Its publish waits in the outbox with the new time.
    Moved(OutboxJob),
    /// The platform has it already (it cannot change its time).
    OnPlatform,
    /// Its publish is on its way to the platform right now.
    InFlight,
    /// Nothing of it waits to be published (failed, cancelled, never queued).
    NotWaiting,
}

impl Store {
    /// The posts whose time (scheduled, else when they went out) falls in
    /// `from..to`, of one account or all, cancelled and deleted ones left out.
    /// The range is read through the time index (`CROSS JOIN` keeps SQLite
    /// from walking every live draft instead), so its cost follows the
    /// month, not the library.
    pub async fn planned_posts(
        &self,
        from: i64,
        to: i64,
        account: Option<AccountId>,
    ) -> Result<Vec<PlannedPost>, StoreError> {
        let rows: Vec<PostRow> = sqlx::query_as(
            "SELECT p.draft_id, p.account_id, d.title, p.status, p.scheduled_at, p.updated_at, \
                (SELECT o.state FROM outbox o WHERE o.kind = 'publish' AND o.target = p.draft_id \
                 AND o.account_id = p.account_id AND o.state NOT IN ('done', 'cancelled') ORDER BY o.id DESC LIMIT 1) \
             FROM publications p CROSS JOIN drafts d ON d.id = p.draft_id \
             WHERE COALESCE(p.scheduled_at, p.updated_at) >= ?1 AND COALESCE(p.scheduled_at, p.updated_at) < ?2 \
               AND p.status NOT IN ('cancelled', 'deleted') AND d.deleted_at IS NULL \
               AND (?3 IS NULL OR p.account_id = ?3) \
             ORDER BY COALESCE(p.scheduled_at, p.updated_at), p.draft_id",
        )
        .bind(from)
        .bind(to)
        .bind(account)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(draft_id, account_id, title, status, scheduled_at, updated_at, job)| {
                let whose = || format!("the publication of draft {draft_id}");
                Ok(PlannedPost {
                    draft_id,
                    account_id,
                    title,
                    status: parse_stored(PublicationStatus::parse, &status, whose)?,
                    scheduled_at,
                    updated_at,
                    job: job.map(|j| parse_stored(JobState::parse, &j, whose)).transpose()?,
                })
            })
            .collect()
    }

    /// The livestreams running at some time in `from..to`, as shown.
    pub async fn livestreams_between(
        &self,
        from: i64,
        to: i64,
        account: Option<AccountId>,
    ) -> Result<Vec<Livestream>, StoreError> {
        let rows: Vec<LivestreamRow> = sqlx::query_as(&format!(
            "SELECT {SHOWN_COLUMNS} FROM livestreams l WHERE l.starts_at >= ?1 AND l.starts_at < ?2 \
             AND l.starts_at + l.minutes * 60000 > ?3 AND (?4 IS NULL OR l.account_id = ?4) ORDER BY l.starts_at, l.id"
        ))
        .bind(from - LONGEST_LIVESTREAM_MS)
        .bind(to)
        .bind(from)
        .bind(account)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(livestream_from_row).collect()
    }

    /// The messages to followers whose time (scheduled, else when they
    /// last changed) falls in `from..to`, drafts left out, each with the
    /// state of its open send.
    pub async fn planned_messages(
        &self,
        from: i64,
        to: i64,
        account: Option<AccountId>,
    ) -> Result<Vec<PlannedMessage>, StoreError> {
        let rows: Vec<crate::messages::Row> = sqlx::query_as(&format!(
            "SELECT {} FROM follower_messages WHERE status != 'draft' \
               AND COALESCE(scheduled_at, updated_at) >= ?1 AND COALESCE(scheduled_at, updated_at) < ?2 \
               AND (?3 IS NULL OR account_id = ?3) ORDER BY COALESCE(scheduled_at, updated_at), id",
            crate::messages::COLUMNS
        ))
        .bind(from)
        .bind(to)
        .bind(account)
        .fetch_all(&self.pool)
        .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        // The open send of each (its last, when a retry made another).
        let jobs: Vec<(i64, String)> = sqlx::query_as(
            "SELECT target, state FROM outbox WHERE kind = 'message_send' AND state NOT IN ('done', 'cancelled') \
             AND target IN (SELECT value FROM json_each(?)) ORDER BY id",
        )
        .bind(serde_json::to_string(&ids).expect("numbers serialize"))
        .fetch_all(&self.pool)
        .await?;
        let jobs: std::collections::HashMap<i64, String> = jobs.into_iter().collect();
        rows.into_iter()
            .map(|row| {
                let id = row.0;
                Ok(PlannedMessage {
                    message: crate::messages::from_row(row)?,
                    job: jobs
                        .get(&id)
                        .map(|j| parse_stored(JobState::parse, j, || format!("message {id}")))
                        .transpose()?,
                })
            })
            .collect()
    }

    /// Gives a message's send that waits for its time a new time, in the
    /// outbox and on the message, in one transaction.
    pub async fn reschedule_message(&self, id: i64, at: i64, now: i64) -> Result<Reschedule, StoreError> {
        let mut tx = self.begin_write().await?;
        let status: Option<(String,)> = sqlx::query_as("SELECT status FROM follower_messages WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        match status.as_ref().map(|(s,)| s.as_str()) {
            Some("sending") => {}
            Some("sent" | "recalling" | "recalled") => return Ok(Reschedule::OnPlatform),
            _ => return Ok(Reschedule::NotWaiting),
        }
        let job: Option<JobRow> = sqlx::query_as(&format!(
            "SELECT {JOB_COLUMNS} FROM outbox WHERE kind = 'message_send' AND target = ? \
             AND state NOT IN ('done', 'cancelled') ORDER BY id DESC LIMIT 1"
        ))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let job = job.map(job_from_row).transpose()?;
        let owner = sqlx::query("UPDATE follower_messages SET scheduled_at = ?, updated_at = ? WHERE id = ?")
            .bind(at)
            .bind(now)
            .bind(id);
        move_waiting_job(tx, job, owner, at, now).await
    }

    /// The times from `from` on at which a post of the account is
    /// scheduled (waiting or held by the platform): the queue's taken slots.
    pub async fn scheduled_times(&self, account: AccountId, from: i64) -> Result<HashSet<i64>, StoreError> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT scheduled_at FROM publications WHERE account_id = ? AND scheduled_at >= ? \
             AND status IN ('queued', 'under_review')",
        )
        .bind(account)
        .bind(from)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Gives a post's publish that has not gone out a new time, in the
    /// outbox and on the publication, in one transaction. Held back again
    /// if the new time is beyond the platform's reach.
    pub async fn reschedule_publish(
        &self,
        draft_id: DraftId,
        account_id: AccountId,
        at: i64,
        now: i64,
    ) -> Result<Reschedule, StoreError> {
        let mut tx = self.begin_write().await?;
        let status: Option<(String,)> =
            sqlx::query_as("SELECT status FROM publications WHERE draft_id = ? AND account_id = ?")
                .bind(draft_id)
                .bind(account_id)
                .fetch_optional(&mut *tx)
                .await?;
        let whose = || format!("the publication of draft {draft_id}");
        let status = status.map(|(s,)| parse_stored(PublicationStatus::parse, &s, whose)).transpose()?;
        match status {
            Some(PublicationStatus::UnderReview | PublicationStatus::Published) => return Ok(Reschedule::OnPlatform),
            Some(PublicationStatus::Queued) => {}
            _ => return Ok(Reschedule::NotWaiting),
        }
        let job = open_publish_job(&mut tx, draft_id, account_id).await?;
        let owner = sqlx::query(
            "UPDATE publications SET scheduled_at = ?, updated_at = ? WHERE draft_id = ? AND account_id = ?",
        )
        .bind(at)
        .bind(now)
        .bind(draft_id)
        .bind(account_id);
        move_waiting_job(tx, job, owner, at, now).await
    }

    /// An account's posting slots, by weekday and time.
    pub async fn queue_slots(&self, account: AccountId) -> Result<Vec<QueueSlot>, StoreError> {
        let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT id, account_id, weekday, minute FROM queue_slots WHERE account_id = ? ORDER BY weekday, minute",
        )
        .bind(account)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, account_id, weekday, minute)| QueueSlot {
                id,
                account_id,
                weekday: weekday.clamp(1, 7) as u8,
                minute: minute.clamp(0, 1439) as u16,
            })
            .collect())
    }

    /// Adds posting slots to an account's queue (one already there is kept once).
    pub async fn add_queue_slots(
        &self,
        account: AccountId,
        slots: &[NewQueueSlot],
        now: i64,
    ) -> Result<Vec<QueueSlot>, StoreError> {
        let mut tx = self.begin_write().await?;
        for slot in slots {
            sqlx::query(
                "INSERT OR IGNORE INTO queue_slots (account_id, weekday, minute, created_at) VALUES (?, ?, ?, ?)",
            )
            .bind(account)
            .bind(slot.weekday)
            .bind(slot.minute)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.queue_slots(account).await
    }

    /// Removes a posting slot; posts scheduled at its times stay where they are.
    /// `false` when there was no such slot.
    pub async fn remove_queue_slot(&self, id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM queue_slots WHERE id = ?").bind(id).execute(&self.pool).await?;
        Ok(done.rows_affected() > 0)
    }

    /// Sets the zone an account's slots and wall times are in. `false`
    /// when there is no such account.
    pub async fn set_account_time_zone(&self, account: AccountId, zone: &ZoneName) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE accounts SET time_zone = ? WHERE id = ?")
            .bind(zone.as_str())
            .bind(account)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The last moment reminders were looked for, if ever.
    pub async fn reminders_checked_at(&self) -> Result<Option<i64>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as("SELECT value FROM settings WHERE key = ?")
            .bind(REMINDERS_CHECKED_AT)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.and_then(|(v,)| v.parse().ok()))
    }

    /// Records the moment reminders were looked for.
    pub async fn set_reminders_checked_at(&self, at: i64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        )
        .bind(REMINDERS_CHECKED_AT)
        .bind(at.to_string())
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

/// Moves the open job of a post or a message (whose own row `owner`
/// updates) to `at` and commits, when it waits for its time; one on its
/// way stays.
async fn move_waiting_job<'q>(
    mut tx: Transaction<'_, Sqlite>,
    job: Option<OutboxJob>,
    owner: Query<'q, Sqlite, SqliteArguments<'q>>,
    at: i64,
    now: i64,
) -> Result<Reschedule, StoreError> {
    let Some(job) = job else {
        return Ok(Reschedule::NotWaiting);
    };
    match job.state {
        JobState::Pending => {}
        JobState::Sending | JobState::Unknown => return Ok(Reschedule::InFlight),
        _ => return Ok(Reschedule::NotWaiting),
    }
    retime_job(&mut tx, &job, at, now).await?;
    owner.execute(&mut *tx).await?;
    let row: JobRow = sqlx::query_as(&format!("SELECT {JOB_COLUMNS} FROM outbox WHERE id = ?"))
        .bind(job.id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Reschedule::Moved(job_from_row(row)?))
}

/// Gives a waiting publish or message send the time `at`: in its payload,
/// and as when it is next due (a job waiting to be tried again keeps its
/// wait if that is later).
async fn retime_job(tx: &mut Transaction<'_, Sqlite>, job: &OutboxJob, at: i64, now: i64) -> Result<(), StoreError> {
    let (payload,): (String,) =
        sqlx::query_as("SELECT payload FROM outbox WHERE id = ?").bind(job.id).fetch_one(&mut **tx).await?;
    let mut payload = JobPayload::from_json(job.kind, &payload)
        .map_err(|e| StoreError::Corrupt(format!("outbox job {}: {e}", job.id)))?;
    match &mut payload {
        JobPayload::Publish(post) => post.scheduled_at = Some(at),
        JobPayload::MessageSend { scheduled_at, .. } => *scheduled_at = Some(at),
        _ => return Err(StoreError::Corrupt(format!("outbox job {} has no time to change", job.id))),
    }
    sqlx::query(
        "UPDATE outbox SET payload = ?1, next_try_at = CASE WHEN attempts > 0 THEN MAX(?2, next_try_at) ELSE ?2 END, \
         updated_at = ?3 WHERE id = ?4",
    )
    .bind(payload.to_json())
    .bind(payload.due_at(now))
    .bind(now)
    .bind(job.id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
