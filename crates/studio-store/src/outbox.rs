//! The outbox: every platform action waits here as a job, written in the
//! same transaction as the change it carries, with its request frozen as a
//! [`JobPayload`]. The worker's only ways in and out are
//! [`Store::claim_due_jobs`] and [`Store::record_outcomes`].

use sqlx::{Sqlite, Transaction};
use studio_core::sync::{code, UploadPurpose};
use studio_core::{AccountId, ContentHash, JobKind, JobPayload, JobProblem, JobState, OutboxJob};

use crate::{livestreams, parse_stored, profile, publications, Store, StoreError};

pub(crate) mod upgrade;

#[derive(sqlx::FromRow)]
pub(crate) struct JobRow {
    id: i64,
    account_id: i64,
    kind: String,
    target: i64,
    state: String,
    attempts: i64,
    next_try_at: i64,
    error_code: String,
    error_detail: String,
    created_at: i64,
    updated_at: i64,
}

/// A claimed job's row and its frozen request.
#[derive(sqlx::FromRow)]
struct ClaimedRow {
    #[sqlx(flatten)]
    job: JobRow,
    payload: String,
}

pub(crate) const JOB_COLUMNS: &str =
    "id, account_id, kind, target, state, attempts, next_try_at, error_code, error_detail, created_at, updated_at";

pub(crate) fn job_from_row(r: JobRow) -> Result<OutboxJob, StoreError> {
    let whose = || format!("outbox job {}", r.id);
    let problem = match r.error_detail.as_str() {
        "" => None,
        json => Some(
            serde_json::from_str::<JobProblem>(json)
                .map_err(|e| StoreError::Corrupt(format!("{} has an unreadable problem: {e}", whose())))?,
        ),
    };
    Ok(OutboxJob {
        id: r.id,
        account_id: r.account_id,
        kind: parse_stored(JobKind::parse, &r.kind, whose)?,
        target: r.target,
        state: parse_stored(JobState::parse, &r.state, whose)?,
        attempts: r.attempts.max(0) as u32,
        next_try_at: r.next_try_at,
        error_code: r.error_code,
        problem,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

fn problem_json(problem: Option<&JobProblem>) -> String {
    problem.map(|p| serde_json::to_string(p).expect("a problem is strings and numbers")).unwrap_or_default()
}

/// A job as the worker runs it: the row and its frozen request.
#[derive(Debug, Clone)]
pub struct DueJob {
    /// The job.
    pub job: OutboxJob,
    /// The request, as frozen when the job was made.
    pub payload: JobPayload,
}

/// How a job left the worker's hands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    /// A publish the platform accepted, with its content id.
    Published {
        /// The platform's id of the post.
        content_id: String,
    },
    /// An announcement the platform made, with its id.
    Announced {
        /// The platform's id of the announcement.
        advance_id: String,
    },
    /// A medium uploaded to the account (or found uploaded already).
    Uploaded {
        /// The medium.
        hash: ContentHash,
        /// What it went up as.
        purpose: UploadPurpose,
        /// The platform's file id (or, for a profile picture, its URL).
        file_id: String,
    },
    /// The platform took the menu, as sent (its icons named by URL).
    MenuPublished {
        /// The menu as it went out.
        menu: Box<studio_core::Menu>,
    },
    /// A message's content page was made (or changed).
    ContentMade {
        /// The platform's id of the content.
        content_id: String,
        /// Where its page is.
        content_url: String,
    },
    /// A message went to every follower.
    MessageSent {
        /// The platform's id of the message.
        message_id: String,
    },
    /// Any other job that finished.
    Done,
    /// Try again at `next_try_at` (nothing took effect, or it is safe to repeat).
    RetryAt {
        /// Unix ms.
        next_try_at: i64,
        /// One of [`code`].
        code: &'static str,
        /// What went wrong, if anything did.
        problem: Option<JobProblem>,
    },
    /// Sent, no usable answer: find out before sending again, from `next_try_at`.
    Unknown {
        /// Unix ms.
        next_try_at: i64,
        /// One of [`code`].
        code: &'static str,
        /// What went wrong.
        problem: Option<JobProblem>,
    },
    /// Stopped until the user retries or cancels.
    Failed {
        /// One of [`code`].
        code: &'static str,
        /// What went wrong.
        problem: Option<JobProblem>,
    },
}

impl Store {
    /// Marks jobs left `sending` by a worker that stopped mid-call as
    /// `unknown`: they may have reached the platform. Run when a worker starts.
    pub async fn recover_interrupted_jobs(&self, now: i64) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE outbox SET state = 'unknown', error_code = ?, error_detail = ?, updated_at = ? WHERE state = 'sending'",
        )
        .bind(code::OUTCOME_UNKNOWN)
        .bind(problem_json(Some(&JobProblem::Interrupted)))
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Claims up to `limit` jobs due at `now` (whose dependencies are done),
    /// marking each `sending` with one more attempt, in one transaction
    /// committed before anything is sent. Jobs found `unknown` are returned
    /// `unknown` (they are reconciled, not sent). A job whose frozen request
    /// cannot be read is not returned: it stops as failed, saying so.
    pub async fn claim_due_jobs(&self, now: i64, limit: u32) -> Result<Vec<DueJob>, StoreError> {
        self.claim_due_jobs_except(now, limit, &[]).await
    }

    /// Claims like [`Store::claim_due_jobs`], leaving out the jobs in
    /// `except`: those a round still out has claimed and not yet recorded
    /// (a lost publish keeps its `unknown` state while it is looked up).
    pub async fn claim_due_jobs_except(&self, now: i64, limit: u32, except: &[i64]) -> Result<Vec<DueJob>, StoreError> {
        let except = serde_json::to_string(except).expect("a list of ids serializes");
        let mut tx = self.begin_write().await?;
        // One statement claims the whole batch, in the order it is due.
        let mut rows: Vec<ClaimedRow> = sqlx::query_as(&format!(
            "UPDATE outbox SET state = CASE state WHEN 'pending' THEN 'sending' ELSE state END, \
             attempts = attempts + 1, updated_at = ?1 WHERE id IN ( \
               SELECT o.id FROM outbox o WHERE o.state IN ('pending', 'unknown') AND o.next_try_at <= ?1 \
               AND (o.depends_on IS NULL OR EXISTS (SELECT 1 FROM outbox d WHERE d.id = o.depends_on \
                                                    AND d.state IN ('done', 'cancelled'))) \
               AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = o.account_id AND a.problem IS NOT NULL) \
               AND o.id NOT IN (SELECT value FROM json_each(?3)) \
               ORDER BY o.next_try_at, o.id LIMIT ?2) \
             RETURNING {JOB_COLUMNS}, payload"
        ))
        .bind(now)
        .bind(limit)
        .bind(except)
        .fetch_all(&mut *tx)
        .await?;
        rows.sort_by_key(|r| (r.job.next_try_at, r.job.id));
        let mut due = Vec::with_capacity(rows.len());
        for ClaimedRow { job, payload } in rows {
            let job = job_from_row(job)?;
            match JobPayload::from_json(job.kind, &payload) {
                Ok(payload) => due.push(DueJob { job, payload }),
                Err(detail) => {
                    let outcome =
                        JobOutcome::Failed { code: code::BAD_JOB, problem: Some(JobProblem::Corrupt { detail }) };
                    record_outcome(&mut tx, &job, &outcome, now).await?;
                }
            }
        }
        tx.commit().await?;
        Ok(due)
    }

    /// Puts an `unknown` job back to `sending` before it is sent again
    /// (after reconciling found it did not take effect).
    pub async fn resend_unknown(&self, job_id: i64, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE outbox SET state = 'sending', updated_at = ? WHERE id = ? AND state = 'unknown'")
            .bind(now)
            .bind(job_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Records how jobs left the worker, with the state changes they
    /// bring, all in one transaction.
    pub async fn record_outcomes(&self, outcomes: &[(OutboxJob, JobOutcome)], now: i64) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        // Posts that went out, the bulk of a busy round, in two statements
        // whatever their number; the rest one by one.
        let (mut ids, mut posts, mut rest) = (Vec::new(), Vec::new(), Vec::new());
        for (job, outcome) in outcomes {
            match outcome {
                JobOutcome::Published { content_id } if job.kind == JobKind::Publish => {
                    ids.push(job.id);
                    posts.push(serde_json::json!([job.target, job.account_id, content_id]));
                }
                _ => rest.push((job, outcome)),
            }
        }
        if !ids.is_empty() {
            sqlx::query(
                "UPDATE outbox SET state = 'done', error_code = '', error_detail = '', updated_at = ?1 \
                 WHERE id IN (SELECT value FROM json_each(?2))",
            )
            .bind(now)
            .bind(serde_json::to_string(&ids).expect("numbers serialize"))
            .execute(&mut *tx)
            .await?;
            publications::published_many(&mut tx, &serde_json::Value::Array(posts).to_string(), now).await?;
        }
        for (job, outcome) in rest {
            record_outcome(&mut tx, job, outcome, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The outbox, newest first, at most `limit` jobs; finished jobs only when `all`.
    pub async fn outbox(&self, all: bool, limit: u32) -> Result<Vec<OutboxJob>, StoreError> {
        let filter = if all { "" } else { "WHERE state NOT IN ('done', 'cancelled')" };
        let rows: Vec<JobRow> =
            sqlx::query_as(&format!("SELECT {JOB_COLUMNS} FROM outbox {filter} ORDER BY id DESC LIMIT ?"))
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(job_from_row).collect()
    }

    /// The jobs that carried a livestream's announcement, changes and
    /// withdrawal to the platform, oldest first.
    pub async fn livestream_jobs(&self, live_id: i64) -> Result<Vec<OutboxJob>, StoreError> {
        let rows: Vec<JobRow> = sqlx::query_as(&format!(
            "SELECT {JOB_COLUMNS} FROM outbox WHERE target = ? \
             AND kind IN ('live_create', 'live_modify', 'live_delete') ORDER BY id"
        ))
        .bind(live_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(job_from_row).collect()
    }

    /// One job's frozen request, or why it cannot be read.
    pub async fn job_payload(&self, job: &OutboxJob) -> Result<Result<JobPayload, String>, StoreError> {
        let (payload,): (String,) =
            sqlx::query_as("SELECT payload FROM outbox WHERE id = ?").bind(job.id).fetch_one(&self.pool).await?;
        Ok(JobPayload::from_json(job.kind, &payload))
    }

    /// What each job acts on, in words: the draft's or livestream's title
    /// (empty for profile edits and their pictures, and for things since
    /// deleted for good).
    pub async fn job_labels(&self, jobs: &[OutboxJob]) -> Result<Vec<String>, StoreError> {
        let ids = |kinds: &[JobKind]| {
            let ids: Vec<i64> = jobs.iter().filter(|j| kinds.contains(&j.kind)).map(|j| j.target).collect();
            serde_json::to_string(&ids).expect("numbers serialize")
        };
        let titles =
            |table: &str| format!("SELECT id, title FROM {table} WHERE id IN (SELECT value FROM json_each(?))");
        let drafts: std::collections::HashMap<i64, String> = sqlx::query_as(&titles("drafts"))
            .bind(ids(&[JobKind::Publish, JobKind::DeleteContent, JobKind::UploadMedia]))
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .collect();
        let lives: std::collections::HashMap<i64, String> = sqlx::query_as(&titles("livestreams"))
            .bind(ids(&[JobKind::LiveCreate, JobKind::LiveModify, JobKind::LiveDelete]))
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .collect();
        let mut labels = Vec::with_capacity(jobs.len());
        for j in jobs {
            let from = match j.kind {
                // Uploads of profile pictures serve a profile edit, not a draft.
                JobKind::UploadMedia => match self.job_payload(j).await? {
                    Ok(JobPayload::UploadMedia { purpose, .. }) if !purpose.is_material() => &drafts,
                    _ => {
                        labels.push(String::new());
                        continue;
                    }
                },
                JobKind::Publish | JobKind::DeleteContent => &drafts,
                JobKind::LiveCreate | JobKind::LiveModify | JobKind::LiveDelete => &lives,
                JobKind::ProfileModify
                | JobKind::MenuPublish
                | JobKind::MessageContent
                | JobKind::MessageSend
                | JobKind::MessageRecall => {
                    labels.push(String::new());
                    continue;
                }
            };
            labels.push(from.get(&j.target).cloned().unwrap_or_default());
        }
        Ok(labels)
    }

    /// How many jobs wait to reach the platform.
    pub async fn waiting_jobs(&self) -> Result<u64, StoreError> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending', 'unknown')")
                .fetch_one(&self.pool)
                .await?;
        Ok(n as u64)
    }

    /// How many jobs stopped for the user.
    pub async fn failed_jobs(&self) -> Result<u64, StoreError> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE state = 'failed'").fetch_one(&self.pool).await?;
        Ok(n as u64)
    }

    /// The earliest `next_try_at` of a job that waits, if any.
    pub async fn next_job_time(&self) -> Result<Option<i64>, StoreError> {
        let (t,): (Option<i64>,) = sqlx::query_as(
            "SELECT MIN(next_try_at) FROM outbox o WHERE state IN ('pending', 'unknown') \
                 AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = o.account_id AND a.problem IS NOT NULL)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(t)
    }

    /// Sends a failed job again from scratch (its attempts start over); a
    /// job whose outcome was unknown is reconciled first. `false` when the
    /// job is not failed. One transaction.
    pub async fn retry_job(&self, id: i64, now: i64) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(job) = open_job_in(&mut tx, id).await?.filter(|j| j.state == JobState::Failed) else {
            return Ok(false);
        };
        // A message whose send went unanswered cannot be looked up: sending
        // it again is the user's call, made by asking for this retry.
        let look_first = job.error_code == code::OUTCOME_UNKNOWN && job.kind != JobKind::MessageSend;
        let state = if look_first { JobState::Unknown } else { JobState::Pending };
        sqlx::query("UPDATE outbox SET state = ?, attempts = 0, next_try_at = ?, updated_at = ? WHERE id = ?")
            .bind(state.as_str())
            .bind(now)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if job.kind == JobKind::Publish {
            publications::requeued(&mut tx, &job, now).await?;
        }
        if matches!(job.kind, JobKind::MessageContent | JobKind::MessageSend | JobKind::MessageRecall) {
            crate::messages::requeued(&mut tx, &job, now).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Cancels a job that has not reached the platform for sure (pending
    /// or failed). `false` when it cannot be cancelled.
    pub async fn cancel_job(&self, id: i64, now: i64) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(job) =
            open_job_in(&mut tx, id).await?.filter(|j| matches!(j.state, JobState::Pending | JobState::Failed))
        else {
            return Ok(false);
        };
        set_job_state(&mut tx, id, JobState::Cancelled, None, None, now).await?;
        if job.kind == JobKind::Publish {
            publications::cancelled(&mut tx, &job, now).await?;
        }
        if matches!(job.kind, JobKind::MessageContent | JobKind::MessageSend | JobKind::MessageRecall) {
            crate::messages::cancelled(&mut tx, &job, now).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// The account's jobs waiting on a passing failure (offline, busy, no
    /// answer, the library busy) whose next try is after `after`: when the
    /// account answers again they need not wait out their backoff.
    pub async fn jobs_waiting_out_failures(&self, account_id: AccountId, after: i64) -> Result<Vec<i64>, StoreError> {
        let codes = serde_json::to_string(&[code::UNREACHABLE, code::BUSY, code::OUTCOME_UNKNOWN, code::LOCAL])
            .expect("strings serialize");
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM outbox WHERE account_id = ? AND state IN ('pending', 'unknown') AND next_try_at > ? \
             AND error_code IN (SELECT value FROM json_each(?)) ORDER BY next_try_at, id",
        )
        .bind(account_id)
        .bind(after)
        .bind(codes)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Brings waiting jobs' next tries forward to the given times (never
    /// later than they were), in one transaction.
    pub async fn bring_forward(&self, times: &[(i64, i64)]) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        for (id, at) in times {
            sqlx::query(
                "UPDATE outbox SET next_try_at = MIN(next_try_at, ?) WHERE id = ? AND state IN ('pending', 'unknown')",
            )
            .bind(at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The platform's id of a medium uploaded to an account for a purpose.
    pub async fn remote_file(
        &self,
        account_id: AccountId,
        hash: &ContentHash,
        purpose: UploadPurpose,
    ) -> Result<Option<String>, StoreError> {
        remote_file_in(&mut *self.pool.acquire().await?, account_id, hash, purpose).await
    }
}

async fn open_job_in(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<Option<OutboxJob>, StoreError> {
    let row: Option<JobRow> = sqlx::query_as(&format!("SELECT {JOB_COLUMNS} FROM outbox WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(job_from_row).transpose()
}

async fn remote_file_in(
    conn: &mut sqlx::SqliteConnection,
    account_id: AccountId,
    hash: &ContentHash,
    purpose: UploadPurpose,
) -> Result<Option<String>, StoreError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT file_id FROM remote_files WHERE account_id = ? AND hash = ? AND purpose = ?")
            .bind(account_id)
            .bind(hash.as_str())
            .bind(purpose.to_string())
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|r| r.0))
}

/// Writes a new pending job carrying `payload` for `target` (a draft,
/// livestream or profile edit), due at once (a publish scheduled beyond
/// the platform's reach, once within it: `JobPayload::due_at`).
pub(crate) async fn insert_job(
    tx: &mut Transaction<'_, Sqlite>,
    account_id: AccountId,
    target: i64,
    payload: &JobPayload,
    now: i64,
) -> Result<OutboxJob, StoreError> {
    let row: JobRow = sqlx::query_as(&format!(
        "INSERT INTO outbox (account_id, kind, target, payload, state, next_try_at, created_at, updated_at) \
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?) RETURNING {JOB_COLUMNS}"
    ))
    .bind(account_id)
    .bind(payload.kind().as_str())
    .bind(target)
    .bind(payload.to_json())
    .bind(payload.due_at(now))
    .bind(now)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    job_from_row(row)
}

/// Replaces a job's frozen request and sends it again from scratch.
pub(crate) async fn rewrite_job(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    payload: &JobPayload,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE outbox SET payload = ?, state = 'pending', attempts = 0, next_try_at = ?, error_code = '', \
         error_detail = '', updated_at = ? WHERE id = ?",
    )
    .bind(payload.to_json())
    .bind(payload.due_at(now))
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn set_job_state(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    state: JobState,
    next_try_at: Option<i64>,
    error: Option<(&str, Option<&JobProblem>)>,
    now: i64,
) -> Result<(), StoreError> {
    let (code, problem) = error.unwrap_or(("", None));
    sqlx::query(
        "UPDATE outbox SET state = ?, next_try_at = COALESCE(?, next_try_at), error_code = ?, error_detail = ?, \
         updated_at = ? WHERE id = ?",
    )
    .bind(state.as_str())
    .bind(next_try_at)
    .bind(code)
    .bind(problem_json(problem))
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn set_depends_on(
    tx: &mut Transaction<'_, Sqlite>,
    job: i64,
    on: Option<i64>,
) -> Result<(), StoreError> {
    if let Some(on) = on {
        sqlx::query("UPDATE outbox SET depends_on = ? WHERE id = ?").bind(on).bind(job).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Queues `payload` on `target` after an upload job for each medium it
/// sends that the account does not have yet, in a chain: `previous` (when
/// given), then each upload, then the job itself.
/// The newest job of `kind` on the account not yet done or cancelled: a
/// new one of its kind goes after it, so they reach the platform in order.
pub(crate) async fn last_open_job(
    tx: &mut Transaction<'_, Sqlite>,
    account_id: AccountId,
    kind: JobKind,
) -> Result<Option<i64>, StoreError> {
    let (previous,): (Option<i64>,) = sqlx::query_as(
        "SELECT MAX(id) FROM outbox WHERE account_id = ? AND kind = ? AND state NOT IN ('done', 'cancelled')",
    )
    .bind(account_id)
    .bind(kind.as_str())
    .fetch_one(&mut **tx)
    .await?;
    Ok(previous)
}

pub(crate) async fn queue_after_uploads(
    tx: &mut Transaction<'_, Sqlite>,
    account_id: AccountId,
    target: i64,
    payload: &JobPayload,
    mut previous: Option<i64>,
    now: i64,
) -> Result<OutboxJob, StoreError> {
    let mut links: Vec<(i64, Option<i64>)> = Vec::new();
    let mut queued = std::collections::HashSet::new();
    for (hash, purpose) in payload.uploads() {
        if remote_file_in(tx, account_id, &hash, purpose).await?.is_some() || !queued.insert((hash.clone(), purpose)) {
            continue;
        }
        let upload = insert_job(tx, account_id, target, &JobPayload::UploadMedia { hash, purpose }, now).await?;
        links.push((upload.id, previous));
        previous = Some(upload.id);
    }
    let job = insert_job(tx, account_id, target, payload, now).await?;
    links.push((job.id, previous));
    for (id, depends_on) in links {
        set_depends_on(tx, id, depends_on).await?;
    }
    Ok(job)
}

/// Records one outcome: the job's state, and what it changes in the
/// aggregate it serves.
async fn record_outcome(
    tx: &mut Transaction<'_, Sqlite>,
    job: &OutboxJob,
    outcome: &JobOutcome,
    now: i64,
) -> Result<(), StoreError> {
    match outcome {
        JobOutcome::Published { content_id } => {
            set_job_state(tx, job.id, JobState::Done, None, None, now).await?;
            let post = serde_json::json!([[job.target, job.account_id, content_id]]);
            publications::published_many(tx, &post.to_string(), now).await?;
        }
        JobOutcome::Announced { advance_id } => {
            set_job_state(tx, job.id, JobState::Done, None, None, now).await?;
            livestreams::announced(tx, job.target, advance_id, now).await?;
        }
        JobOutcome::Done => {
            set_job_state(tx, job.id, JobState::Done, None, None, now).await?;
            match job.kind {
                JobKind::DeleteContent => publications::deleted(tx, job, now).await?,
                JobKind::LiveModify | JobKind::LiveDelete => livestreams::done(tx, job, now).await?,
                JobKind::ProfileModify => profile::submitted(tx, job.target, now).await?,
                JobKind::MessageRecall => crate::messages::recalled(tx, job, now).await?,
                JobKind::Publish
                | JobKind::LiveCreate
                | JobKind::UploadMedia
                | JobKind::MenuPublish
                | JobKind::MessageContent
                | JobKind::MessageSend => {}
            }
        }
        JobOutcome::ContentMade { content_id, content_url } => {
            set_job_state(tx, job.id, JobState::Done, None, None, now).await?;
            crate::messages::content_made(tx, job, content_id, content_url, now).await?;
        }
        JobOutcome::MessageSent { message_id } => {
            set_job_state(tx, job.id, JobState::Done, None, None, now).await?;
            crate::messages::sent(tx, job, message_id, now).await?;
        }
        JobOutcome::MenuPublished { menu } => {
            set_job_state(tx, job.id, JobState::Done, None, None, now).await?;
            crate::menu::published(tx, job, menu, now).await?;
        }
        JobOutcome::Uploaded { hash, purpose, file_id } => {
            set_job_state(tx, job.id, JobState::Done, None, None, now).await?;
            sqlx::query(
                "INSERT OR REPLACE INTO remote_files (account_id, hash, purpose, file_id, uploaded_at) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(job.account_id)
            .bind(hash.as_str())
            .bind(purpose.to_string())
            .bind(file_id)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        }
        JobOutcome::RetryAt { next_try_at, code, problem } => {
            set_job_state(tx, job.id, JobState::Pending, Some(*next_try_at), Some((code, problem.as_ref())), now)
                .await?;
        }
        JobOutcome::Unknown { next_try_at, code, problem } => {
            set_job_state(tx, job.id, JobState::Unknown, Some(*next_try_at), Some((code, problem.as_ref())), now)
                .await?;
        }
        JobOutcome::Failed { code, problem } => {
            set_job_state(tx, job.id, JobState::Failed, None, Some((code, problem.as_ref())), now).await?;
            match job.kind {
                JobKind::Publish => publications::failed(tx, job, problem.as_ref(), now).await?,
                JobKind::ProfileModify => profile::failed(tx, job, problem.as_ref(), now).await?,
                JobKind::MenuPublish => crate::menu::failed(tx, job, problem.as_ref(), now).await?,
                JobKind::MessageContent | JobKind::MessageSend | JobKind::MessageRecall => {
                    crate::messages::failed(tx, job, problem.as_ref(), now).await?
                }
                JobKind::LiveCreate | JobKind::LiveModify => livestreams::failed(tx, job.target, now).await?,
                JobKind::DeleteContent | JobKind::LiveDelete | JobKind::UploadMedia => {}
            }
        }
    }
    Ok(())
}
