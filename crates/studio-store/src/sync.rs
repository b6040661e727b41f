//! Accounts, publications, livestreams, profile edits and the outbox. Every
//! change that must reach the platform writes its outbox job in the same
//! transaction, so a change is never recorded without the job that carries
//! it, nor a job without its change.

use sqlx::{Sqlite, Transaction};
use studio_core::sync::{code, EMULATOR_GATEWAY};
use studio_core::{
    Account, AccountId, AccountRole, DraftId, JobKind, JobState, NewAccount, OutboxJob, Publication, PublicationStatus,
};

use crate::drafts::live_draft_in;
use crate::media::DraftMediumRow;
use crate::{Store, StoreError};

type AccountRow = (i64, String, String, String, String, String, String, bool, i64);
const ACCOUNT_COLUMNS: &str = "id, name, role, gateway, app_id, platform_key, public_id, has_auth_token, created_at";

fn account_from_row(r: AccountRow) -> Result<Account, StoreError> {
    let role =
        AccountRole::parse(&r.2).ok_or_else(|| StoreError::Corrupt(format!("account {} has role {:?}", r.0, r.2)))?;
    Ok(Account {
        id: r.0,
        name: r.1,
        role,
        gateway: r.3,
        app_id: r.4,
        platform_key: r.5,
        public_id: r.6,
        has_auth_token: r.7,
        created_at: r.8,
    })
}

#[derive(sqlx::FromRow)]
struct JobRow {
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
const JOB_COLUMNS: &str =
    "id, account_id, kind, target, state, attempts, next_try_at, error_code, error_detail, created_at, updated_at";

fn job_from_row(r: JobRow) -> Result<OutboxJob, StoreError> {
    let corrupt = |what: &str, v: &str| StoreError::Corrupt(format!("outbox job {} has {what} {v:?}", r.id));
    Ok(OutboxJob {
        id: r.id,
        account_id: r.account_id,
        kind: JobKind::parse(&r.kind).ok_or_else(|| corrupt("kind", &r.kind))?,
        target: r.target,
        state: JobState::parse(&r.state).ok_or_else(|| corrupt("state", &r.state))?,
        attempts: r.attempts.max(0) as u32,
        next_try_at: r.next_try_at,
        error_code: r.error_code,
        error_detail: r.error_detail,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

type PublicationRow = (i64, i64, String, Option<String>, Option<i64>, String, String, i64);
const PUBLICATION_COLUMNS: &str = "draft_id, account_id, status, content_id, scheduled_at, reason, link, updated_at";

fn publication_from_row(r: PublicationRow) -> Result<Publication, StoreError> {
    let status = PublicationStatus::parse(&r.2)
        .ok_or_else(|| StoreError::Corrupt(format!("publication of draft {} has status {:?}", r.0, r.2)))?;
    Ok(Publication {
        draft_id: r.0,
        account_id: r.1,
        status,
        content_id: r.3,
        scheduled_at: r.4,
        reason: r.5,
        link: r.6,
        updated_at: r.7,
    })
}

/// A job as the worker runs it: the row and its frozen request.
#[derive(Debug, Clone)]
pub struct DueJob {
    /// The job.
    pub job: OutboxJob,
    /// The request, as frozen when the job was made (JSON).
    pub payload: String,
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
}

/// What asking to withdraw a livestream's announcement did.
#[derive(Debug, Clone)]
pub enum LivestreamWithdrawal {
    /// It was announced: the platform's delete is queued.
    Queued(OutboxJob),
    /// Its announcement had not been sent: it was cancelled, nothing reaches the platform.
    Withdrawn,
    /// Its announcement is on its way and may have arrived: withdraw once it is announced.
    InFlight,
    /// Already withdrawn, or withdrawing.
    AlreadyWithdrawn,
    /// No such livestream.
    NotFound,
}

/// How a change to a livestream's title or time went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LivestreamChange {
    /// It was announced: the platform's modify is queued.
    Queued(OutboxJob),
    /// Its announcement had not gone out: it goes out as changed.
    Changed,
    /// Its announcement is on its way and may have arrived: change it once it is announced.
    InFlight,
    /// Withdrawn, or withdrawing.
    Withdrawn,
    /// No such livestream.
    NotFound,
}

/// A publish the platform may or may not have taken: what was sent, to
/// recognise it among the account's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnresolvedPublish {
    /// The job.
    pub job_id: i64,
    /// The draft.
    pub draft_id: DraftId,
    /// The request that was sent (JSON).
    pub payload: String,
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
}

/// A livestream the studio plans and announces.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Livestream {
    /// Local id.
    pub id: i64,
    /// The account.
    pub account_id: AccountId,
    /// The title.
    pub title: String,
    /// Unix milliseconds it starts at.
    pub starts_at: i64,
    /// Our own id for the announcement.
    pub out_advance_id: String,
    /// The platform's id, once announced.
    pub advance_id: Option<String>,
    /// `planned`, `announced`, `withdrawn` or `failed`.
    pub status: String,
}

type LivestreamRow = (i64, i64, String, i64, String, Option<String>, String);
const LIVESTREAM_COLUMNS: &str = "id, account_id, title, starts_at, out_advance_id, advance_id, status";

fn livestream_from_row(r: LivestreamRow) -> Livestream {
    Livestream {
        id: r.0,
        account_id: r.1,
        title: r.2,
        starts_at: r.3,
        out_advance_id: r.4,
        advance_id: r.5,
        status: r.6,
    }
}

/// A profile edit and its audit.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProfileEdit {
    /// Local id.
    pub id: i64,
    /// The account.
    pub account_id: AccountId,
    /// The edited fields (JSON, as the platform takes them).
    pub fields: String,
    /// `submitting`, `auditing`, `approved`, `rejected`, `failed` or `cancelled`.
    pub status: String,
    /// The audit's words.
    pub audit_desc: String,
}

async fn insert_job(
    tx: &mut Transaction<'_, Sqlite>,
    account_id: AccountId,
    kind: JobKind,
    target: i64,
    payload: &str,
    now: i64,
) -> Result<OutboxJob, StoreError> {
    let row: JobRow = sqlx::query_as(&format!(
        "INSERT INTO outbox (account_id, kind, target, payload, state, next_try_at, created_at, updated_at) \
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?) RETURNING {JOB_COLUMNS}"
    ))
    .bind(account_id)
    .bind(kind.as_str())
    .bind(target)
    .bind(payload)
    .bind(now)
    .bind(now)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    job_from_row(row)
}

async fn set_job_state(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    state: JobState,
    next_try_at: Option<i64>,
    error: Option<(&str, &str)>,
    now: i64,
) -> Result<(), StoreError> {
    let (code, detail) = error.unwrap_or(("", ""));
    sqlx::query(
        "UPDATE outbox SET state = ?, next_try_at = COALESCE(?, next_try_at), error_code = ?, error_detail = ?, \
         updated_at = ? WHERE id = ?",
    )
    .bind(state.as_str())
    .bind(next_try_at)
    .bind(code)
    .bind(detail)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// How a job left the worker's hands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    /// A publish the platform accepted, with its content id.
    Published { content_id: String },
    /// An announcement the platform made, with its id.
    Announced { advance_id: String },
    /// A medium uploaded to the account (or found uploaded already).
    Uploaded { hash: String, purpose: String, file_id: String },
    /// Any other job that finished.
    Done,
    /// Try again at `next_try_at` (nothing took effect, or it is safe to repeat).
    RetryAt { next_try_at: i64, code: String, detail: String },
    /// Sent, no usable answer: find out before sending again, from `next_try_at`.
    Unknown { next_try_at: i64, code: String, detail: String },
    /// Stopped until the user retries or cancels.
    Failed { code: String, detail: String },
}

impl Store {
    /// Adds an account.
    pub async fn add_account(&self, new: &NewAccount, now: i64) -> Result<Account, StoreError> {
        let row: AccountRow = sqlx::query_as(&format!(
            "INSERT INTO accounts (name, role, gateway, app_id, platform_key, public_id, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {ACCOUNT_COLUMNS}"
        ))
        .bind(&new.name)
        .bind(new.role.as_str())
        .bind(&new.gateway)
        .bind(&new.app_id)
        .bind(&new.platform_key)
        .bind(&new.public_id)
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        account_from_row(row)
    }

    /// Every account, oldest first.
    pub async fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let rows: Vec<AccountRow> = sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY id"))
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(account_from_row).collect()
    }

    /// One account.
    pub async fn account(&self, id: AccountId) -> Result<Option<Account>, StoreError> {
        let row: Option<AccountRow> = sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(account_from_row).transpose()
    }

    /// The built-in emulator's account, if one was made.
    pub async fn emulator_account(&self) -> Result<Option<Account>, StoreError> {
        let row: Option<AccountRow> =
            sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE gateway = ? ORDER BY id LIMIT 1"))
                .bind(EMULATOR_GATEWAY)
                .fetch_optional(&self.pool)
                .await?;
        row.map(account_from_row).transpose()
    }

    /// Records whether an `app_auth_token` is kept for the account.
    pub async fn set_account_auth_token(&self, id: AccountId, present: bool) -> Result<(), StoreError> {
        sqlx::query("UPDATE accounts SET has_auth_token = ? WHERE id = ?")
            .bind(present)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Queues a publish of a live draft on an account, with the request
    /// built from the draft by `build` and frozen in the job, in one
    /// transaction with the publication's state. Asking twice queues once.
    /// A post already on the platform is refused unless `replace`: then its
    /// content is deleted first (the platform has no edit) and the new
    /// publish waits for that.
    pub async fn request_publish(
        &self,
        draft_id: DraftId,
        account_id: AccountId,
        scheduled_at: Option<i64>,
        replace: bool,
        now: i64,
        build: impl FnOnce(&studio_core::Draft, &[DraftMediumRow]) -> String,
    ) -> Result<PublishRequest, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some(draft) = live_draft_in(&mut tx, draft_id).await? else { return Ok(PublishRequest::NotFound) };
        let (accounts,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM accounts WHERE id = ?").bind(account_id).fetch_one(&mut *tx).await?;
        if accounts == 0 {
            return Ok(PublishRequest::NotFound);
        }
        let existing: Option<PublicationRow> = sqlx::query_as(&format!(
            "SELECT {PUBLICATION_COLUMNS} FROM publications WHERE draft_id = ? AND account_id = ?"
        ))
        .bind(draft_id)
        .bind(account_id)
        .fetch_optional(&mut *tx)
        .await?;
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
                        let payload = serde_json::json!({ "content_id": content_id }).to_string();
                        replaced = Some(
                            insert_job(&mut tx, account_id, JobKind::DeleteContent, draft_id, &payload, now).await?,
                        );
                    }
                }
                PublicationStatus::Queued => {
                    let job: Option<JobRow> = sqlx::query_as(&format!(
                        "SELECT {JOB_COLUMNS} FROM outbox WHERE kind = 'publish' AND target = ? AND account_id = ? \
                         AND state NOT IN ('done', 'cancelled') ORDER BY id DESC LIMIT 1"
                    ))
                    .bind(draft_id)
                    .bind(account_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if let Some(job) = job {
                        return Ok(PublishRequest::AlreadyQueued(job_from_row(job)?));
                    }
                }
                _ => {}
            }
        }
        let media: Vec<DraftMediumRow> = sqlx::query_as::<_, crate::media::MediumRow>(&format!(
            "SELECT {} FROM draft_media WHERE draft_id = ? ORDER BY position",
            crate::media::MEDIUM_COLUMNS
        ))
        .bind(draft_id)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(DraftMediumRow::from)
        .filter(|m| draft.kind.uses_medium(&m.role))
        .collect();
        let payload = build(&draft, &media);
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
        let uploads: Vec<(String, String)> =
            media.iter().map(|m| (m.hash.clone(), studio_core::sync::upload_purpose(&m.role, m.focal))).collect();
        let previous = replaced.as_ref().map(|j| j.id);
        let job =
            queue_after_uploads(&mut tx, account_id, JobKind::Publish, draft_id, &payload, &uploads, previous, now)
                .await?;
        tx.commit().await?;
        Ok(PublishRequest::Queued(job))
    }

    /// Plans a livestream and queues its announcement, in one transaction.
    pub async fn plan_livestream(
        &self,
        account_id: AccountId,
        title: &str,
        starts_at: i64,
        out_advance_id: &str,
        payload: &str,
        now: i64,
    ) -> Result<(Livestream, OutboxJob), StoreError> {
        let mut tx = self.begin_write().await?;
        let row: LivestreamRow = sqlx::query_as(&format!(
            "INSERT INTO livestreams (account_id, title, starts_at, out_advance_id, status, created_at, updated_at) \
             VALUES (?, ?, ?, ?, 'planned', ?, ?) RETURNING {LIVESTREAM_COLUMNS}"
        ))
        .bind(account_id)
        .bind(title)
        .bind(starts_at)
        .bind(out_advance_id)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let live = livestream_from_row(row);
        let job = insert_job(&mut tx, account_id, JobKind::LiveCreate, live.id, payload, now).await?;
        tx.commit().await?;
        Ok((live, job))
    }

    /// Withdraws a livestream's announcement: cancels it when it surely never
    /// reached the platform, else queues the platform's delete (`build`
    /// makes its request), after the announcement when that may still be
    /// arriving. One transaction.
    pub async fn withdraw_livestream(
        &self,
        id: i64,
        build: impl FnOnce(&Livestream) -> String,
        now: i64,
    ) -> Result<LivestreamWithdrawal, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some((live, open)) = live_with_open_jobs(&mut tx, id).await? else {
            return Ok(LivestreamWithdrawal::NotFound);
        };
        if live.status == "withdrawn" || open.iter().any(|j| j.kind == JobKind::LiveDelete) {
            return Ok(LivestreamWithdrawal::AlreadyWithdrawn);
        }
        let create = open.iter().find(|j| j.kind == JobKind::LiveCreate);
        if create.is_some_and(OpenLiveJob::in_flight) {
            return Ok(LivestreamWithdrawal::InFlight);
        }
        if live.advance_id.is_none() && create.is_none_or(OpenLiveJob::surely_unsent) {
            // Nothing of it is on the platform.
            for job in &open {
                set_job_state(&mut tx, job.id, JobState::Cancelled, None, None, now).await?;
            }
            sqlx::query("UPDATE livestreams SET status = 'withdrawn', updated_at = ? WHERE id = ?")
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            return Ok(LivestreamWithdrawal::Withdrawn);
        }
        // Changes still waiting are moot; one on its way, or an
        // announcement that may have arrived, goes first.
        let mut first = create.map(|j| j.id);
        for job in open.iter().filter(|j| j.kind == JobKind::LiveModify) {
            if job.in_flight() {
                first = Some(job.id);
            } else {
                set_job_state(&mut tx, job.id, JobState::Cancelled, None, None, now).await?;
            }
        }
        let job = insert_job(&mut tx, live.account_id, JobKind::LiveDelete, id, &build(&live), now).await?;
        set_depends_on(&mut tx, job.id, first).await?;
        tx.commit().await?;
        Ok(LivestreamWithdrawal::Queued(job))
    }

    /// Changes a livestream's title and start. An announcement that surely
    /// never reached the platform goes out as changed (`create` rebuilds
    /// its request); otherwise the platform's modify (`modify` makes it) is
    /// queued after the announcement and any change before it. One
    /// transaction.
    pub async fn change_livestream(
        &self,
        id: i64,
        title: &str,
        starts_at: i64,
        create: impl FnOnce(&Livestream) -> String,
        modify: impl FnOnce(&Livestream) -> String,
        now: i64,
    ) -> Result<LivestreamChange, StoreError> {
        let mut tx = self.begin_write().await?;
        let Some((mut live, open)) = live_with_open_jobs(&mut tx, id).await? else {
            return Ok(LivestreamChange::NotFound);
        };
        if live.status == "withdrawn" || open.iter().any(|j| j.kind == JobKind::LiveDelete) {
            return Ok(LivestreamChange::Withdrawn);
        }
        let create_job = open.iter().find(|j| j.kind == JobKind::LiveCreate);
        if create_job.is_some_and(OpenLiveJob::in_flight) {
            return Ok(LivestreamChange::InFlight);
        }
        live.title = title.to_string();
        live.starts_at = starts_at;
        let outcome = match create_job {
            Some(job) if job.surely_unsent() => {
                // A refused announcement is tried again as changed.
                sqlx::query(
                    "UPDATE outbox SET payload = ?, state = 'pending', attempts = 0, next_try_at = ?, error_code = '', \
                     error_detail = '', updated_at = ? WHERE id = ?",
                )
                .bind(create(&live))
                .bind(now)
                .bind(now)
                .bind(job.id)
                .execute(&mut *tx)
                .await?;
                live.status = "planned".into();
                LivestreamChange::Changed
            }
            // Sent before without an answer: the platform may hold it as it was.
            Some(_) => LivestreamChange::Queued(queue_live_modify(&mut tx, &live, &open, modify(&live), now).await?),
            None if live.advance_id.is_some() => {
                LivestreamChange::Queued(queue_live_modify(&mut tx, &live, &open, modify(&live), now).await?)
            }
            // Its announcement was cancelled: nothing of it is on the platform.
            None => LivestreamChange::Changed,
        };
        sqlx::query("UPDATE livestreams SET title = ?, starts_at = ?, status = ?, updated_at = ? WHERE id = ?")
            .bind(&live.title)
            .bind(live.starts_at)
            .bind(&live.status)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// The platform's id of a livestream's announcement, once recorded.
    pub async fn livestream_advance_id(&self, id: i64) -> Result<Option<String>, StoreError> {
        let row: Option<(Option<String>,)> = sqlx::query_as("SELECT advance_id FROM livestreams WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.and_then(|r| r.0))
    }

    /// Whether a livestream's change is waiting to reach the platform.
    pub async fn livestream_changing(&self, id: i64) -> Result<bool, StoreError> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM outbox WHERE target = ? AND kind = 'live_modify' AND state IN ('pending', 'sending', 'unknown')",
        )
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }

    /// Whether a livestream's withdrawal is waiting to reach the platform.
    pub async fn livestream_withdrawing(&self, id: i64) -> Result<bool, StoreError> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM outbox WHERE target = ? AND kind = 'live_delete' AND state NOT IN ('done', 'cancelled')",
        )
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }

    /// Every livestream of an account.
    pub async fn livestreams(&self, account_id: AccountId) -> Result<Vec<Livestream>, StoreError> {
        let rows: Vec<LivestreamRow> =
            sqlx::query_as(&format!("SELECT {LIVESTREAM_COLUMNS} FROM livestreams WHERE account_id = ? ORDER BY id"))
                .bind(account_id)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(livestream_from_row).collect())
    }

    /// Records a profile edit (`fields`, as the window shows it) and queues
    /// its submission (`payload`, the frozen request), after the uploads of
    /// the pictures (hash, purpose) the account does not have yet, in one
    /// transaction.
    pub async fn submit_profile_edit(
        &self,
        account_id: AccountId,
        fields: &str,
        payload: &str,
        pictures: &[(String, String)],
        now: i64,
    ) -> Result<(ProfileEdit, OutboxJob), StoreError> {
        let mut tx = self.begin_write().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO profile_edits (account_id, fields, status, created_at, updated_at) \
             VALUES (?, ?, 'submitting', ?, ?) RETURNING id",
        )
        .bind(account_id)
        .bind(fields)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        // Edits go to the platform in the order they were made.
        let (previous,): (Option<i64>,) = sqlx::query_as(
            "SELECT MAX(id) FROM outbox WHERE account_id = ? AND kind = 'profile_modify' \
             AND state NOT IN ('done', 'cancelled')",
        )
        .bind(account_id)
        .fetch_one(&mut *tx)
        .await?;
        let job =
            queue_after_uploads(&mut tx, account_id, JobKind::ProfileModify, id, payload, pictures, previous, now)
                .await?;
        tx.commit().await?;
        let edit = ProfileEdit {
            id,
            account_id,
            fields: fields.to_string(),
            status: "submitting".into(),
            audit_desc: String::new(),
        };
        Ok((edit, job))
    }

    /// Every profile edit of an account, oldest first.
    pub async fn profile_edits(&self, account_id: AccountId) -> Result<Vec<ProfileEdit>, StoreError> {
        let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
            "SELECT id, account_id, fields, status, audit_desc FROM profile_edits WHERE account_id = ? ORDER BY id",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, account_id, fields, status, audit_desc)| ProfileEdit {
                id,
                account_id,
                fields,
                status,
                audit_desc,
            })
            .collect())
    }

    /// Records the audit result of the account's edits under audit.
    pub async fn record_profile_audit(
        &self,
        account_id: AccountId,
        approved: bool,
        audit_desc: &str,
        now: i64,
    ) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE profile_edits SET status = ?, audit_desc = ?, updated_at = ? WHERE account_id = ? AND status = 'auditing'",
        )
        .bind(if approved { "approved" } else { "rejected" })
        .bind(audit_desc)
        .bind(now)
        .bind(account_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Marks jobs left `sending` by a worker that stopped mid-call as
    /// `unknown`: they may have reached the platform. Run when a worker starts.
    pub async fn recover_interrupted_jobs(&self, now: i64) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE outbox SET state = 'unknown', error_code = ?, \
             error_detail = 'interrupted while sending', updated_at = ? WHERE state = 'sending'",
        )
        .bind(code::OUTCOME_UNKNOWN)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Claims up to `limit` jobs due at `now` (whose dependencies are done),
    /// marking each `sending` with one more attempt, in one transaction
    /// committed before anything is sent. Jobs found `unknown` are returned
    /// `unknown` (they are reconciled, not sent).
    pub async fn claim_due_jobs(&self, now: i64, limit: u32) -> Result<Vec<DueJob>, StoreError> {
        let mut tx = self.begin_write().await?;
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT o.id, o.payload FROM outbox o WHERE o.state IN ('pending', 'unknown') AND o.next_try_at <= ? \
             AND (o.depends_on IS NULL OR EXISTS (SELECT 1 FROM outbox d WHERE d.id = o.depends_on AND d.state IN ('done', 'cancelled'))) \
             ORDER BY o.next_try_at, o.id LIMIT ?",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        let mut due = Vec::with_capacity(rows.len());
        for (id, payload) in rows {
            let row: JobRow = sqlx::query_as(&format!(
                "UPDATE outbox SET state = CASE state WHEN 'pending' THEN 'sending' ELSE state END, \
                 attempts = attempts + 1, updated_at = ? WHERE id = ? RETURNING {JOB_COLUMNS}"
            ))
            .bind(now)
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            due.push(DueJob { job: job_from_row(row)?, payload });
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
        for (job, outcome) in outcomes {
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

    /// What each job acts on, in words: the draft's or livestream's title
    /// (empty for profile edits and for things since deleted for good).
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
        // Uploads of profile pictures serve a profile edit, not a draft.
        let profile_uploads: std::collections::HashSet<i64> = sqlx::query_as::<_, (i64, String)>(
            "SELECT id, json_extract(payload, '$.purpose') FROM outbox WHERE id IN (SELECT value FROM json_each(?))",
        )
        .bind(
            serde_json::to_string(
                &jobs.iter().filter(|j| j.kind == JobKind::UploadMedia).map(|j| j.id).collect::<Vec<_>>(),
            )
            .expect("numbers serialize"),
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .filter(|(_, purpose)| studio_core::sync::is_profile_purpose(purpose))
        .map(|(id, _)| id)
        .collect();
        Ok(jobs
            .iter()
            .map(|j| {
                let from = match j.kind {
                    JobKind::UploadMedia if profile_uploads.contains(&j.id) => return String::new(),
                    JobKind::Publish | JobKind::DeleteContent | JobKind::UploadMedia => &drafts,
                    JobKind::LiveCreate | JobKind::LiveModify | JobKind::LiveDelete => &lives,
                    JobKind::ProfileModify => return String::new(),
                };
                from.get(&j.target).cloned().unwrap_or_default()
            })
            .collect())
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

    /// The earliest `next_try_at` of a job that waits, if any.
    pub async fn next_job_time(&self) -> Result<Option<i64>, StoreError> {
        let (t,): (Option<i64>,) =
            sqlx::query_as("SELECT MIN(next_try_at) FROM outbox WHERE state IN ('pending', 'unknown')")
                .fetch_one(&self.pool)
                .await?;
        Ok(t)
    }

    /// Sends a failed job again from scratch (its attempts start over); a
    /// job whose outcome was unknown is reconciled first. `false` when the
    /// job is not failed.
    pub async fn retry_job(&self, id: i64, now: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE outbox SET state = CASE error_code WHEN ? THEN 'unknown' ELSE 'pending' END, \
             attempts = 0, next_try_at = ?, updated_at = ? WHERE id = ? AND state = 'failed'",
        )
        .bind(code::OUTCOME_UNKNOWN)
        .bind(now)
        .bind(now)
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 1 {
            sqlx::query(
                "UPDATE publications SET status = 'queued', reason = '', updated_at = ? \
                 WHERE (draft_id, account_id) IN (SELECT target, account_id FROM outbox WHERE id = ? AND kind = 'publish')",
            )
            .bind(now)
            .bind(id)
            .execute(&self.pool)
            .await?;
        }
        Ok(done.rows_affected() == 1)
    }

    /// Cancels a job that has not reached the platform for sure (pending
    /// or failed). `false` when it cannot be cancelled.
    pub async fn cancel_job(&self, id: i64, now: i64) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE id = ? AND state IN ('pending', 'failed')",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            sqlx::query(
                "UPDATE publications SET status = 'cancelled', updated_at = ? \
                 WHERE (draft_id, account_id) IN (SELECT target, account_id FROM outbox WHERE id = ? AND kind = 'publish')",
            )
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
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

    /// The account's publishes whose outcome is unknown, with what they sent.
    pub async fn unresolved_publishes(&self, account_id: AccountId) -> Result<Vec<UnresolvedPublish>, StoreError> {
        let rows: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT id, target, payload FROM outbox WHERE account_id = ? AND kind = 'publish' AND state = 'unknown' \
             ORDER BY id",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(job_id, draft_id, payload)| UnresolvedPublish { job_id, draft_id, payload })
            .collect())
    }

    /// The platform's id of a medium uploaded to an account for a purpose.
    pub async fn remote_file(
        &self,
        account_id: AccountId,
        hash: &str,
        purpose: &str,
    ) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT file_id FROM remote_files WHERE account_id = ? AND hash = ? AND purpose = ?")
                .bind(account_id)
                .bind(hash)
                .bind(purpose)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|r| r.0))
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
            "UPDATE publications SET status = ?, reason = ?, link = ?, updated_at = ? \
             WHERE account_id = ? AND content_id = ? AND (status != ? OR reason != ? OR link != ?) \
             RETURNING {PUBLICATION_COLUMNS}"
        ))
        .bind(status.as_str())
        .bind(reason)
        .bind(link)
        .bind(now)
        .bind(account_id)
        .bind(content_id)
        .bind(status.as_str())
        .bind(reason)
        .bind(link)
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
        let RemoteContent { content_id, title, body, status, reason } = *remote;
        let mut tx = self.begin_write().await?;
        let new = studio_core::NewDraft { kind: None, title: title.to_string(), body: body.to_string() };
        let draft = crate::drafts::insert_in(&mut tx, &new, now).await?;
        sqlx::query(
            "INSERT INTO publications (draft_id, account_id, status, content_id, reason, sent_title, sent_body, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(draft.id)
        .bind(account_id)
        .bind(status.as_str())
        .bind(content_id)
        .bind(reason)
        .bind(title)
        .bind(body)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(draft.id)
    }
}

/// Queues `kind` on `target` after an upload job for each medium (hash,
/// purpose) the account does not have yet, in a chain: `previous` (when
/// given), then each upload, then the job itself.
#[allow(clippy::too_many_arguments)]
async fn queue_after_uploads(
    tx: &mut Transaction<'_, Sqlite>,
    account_id: AccountId,
    kind: JobKind,
    target: i64,
    payload: &str,
    media: &[(String, String)],
    mut previous: Option<i64>,
    now: i64,
) -> Result<OutboxJob, StoreError> {
    let mut links: Vec<(i64, Option<i64>)> = Vec::new();
    let mut queued = std::collections::HashSet::new();
    for (hash, purpose) in media {
        let uploaded: Option<(String,)> =
            sqlx::query_as("SELECT file_id FROM remote_files WHERE account_id = ? AND hash = ? AND purpose = ?")
                .bind(account_id)
                .bind(hash)
                .bind(purpose)
                .fetch_optional(&mut **tx)
                .await?;
        if uploaded.is_some() || !queued.insert((hash, purpose)) {
            continue;
        }
        let payload = serde_json::json!({ "hash": hash, "purpose": purpose }).to_string();
        let upload = insert_job(tx, account_id, JobKind::UploadMedia, target, &payload, now).await?;
        links.push((upload.id, previous));
        previous = Some(upload.id);
    }
    let job = insert_job(tx, account_id, kind, target, payload, now).await?;
    links.push((job.id, previous));
    for (id, depends_on) in links {
        set_depends_on(tx, id, depends_on).await?;
    }
    Ok(job)
}

/// A livestream's job not yet finished.
struct OpenLiveJob {
    id: i64,
    kind: JobKind,
    state: JobState,
    attempts: u32,
    error_code: String,
}

impl OpenLiveJob {
    /// Sent, and its answer not yet recorded.
    fn in_flight(&self) -> bool {
        matches!(self.state, JobState::Sending | JobState::Unknown)
    }

    /// Never reached the platform: never sent, or refused by it.
    fn surely_unsent(&self) -> bool {
        !self.in_flight() && (self.attempts == 0 || self.error_code == code::REFUSED)
    }
}

/// A livestream and its jobs still open, oldest first.
async fn live_with_open_jobs(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
) -> Result<Option<(Livestream, Vec<OpenLiveJob>)>, StoreError> {
    let row: Option<LivestreamRow> =
        sqlx::query_as(&format!("SELECT {LIVESTREAM_COLUMNS} FROM livestreams WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some(live) = row.map(livestream_from_row) else { return Ok(None) };
    Ok(Some((live, open_live_jobs(tx, id).await?)))
}

/// A livestream's jobs still open, oldest first.
async fn open_live_jobs(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<Vec<OpenLiveJob>, StoreError> {
    let rows: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
        "SELECT id, kind, state, attempts, error_code FROM outbox WHERE target = ? \
         AND kind IN ('live_create', 'live_modify', 'live_delete') AND state NOT IN ('done', 'cancelled') ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    rows.into_iter()
        .map(|(id, kind, state, attempts, error_code)| {
            Ok(OpenLiveJob {
                id,
                kind: JobKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("job kind {kind}")))?,
                state: JobState::parse(&state).ok_or_else(|| StoreError::Corrupt(format!("job state {state}")))?,
                attempts: attempts.max(0) as u32,
                error_code,
            })
        })
        .collect()
}

/// Queues the platform's change of a livestream after its open jobs
/// (its announcement, earlier changes).
async fn queue_live_modify(
    tx: &mut Transaction<'_, Sqlite>,
    live: &Livestream,
    open: &[OpenLiveJob],
    payload: String,
    now: i64,
) -> Result<OutboxJob, StoreError> {
    let previous = open.iter().filter(|j| j.kind != JobKind::LiveDelete).map(|j| j.id).max();
    let job = insert_job(tx, live.account_id, JobKind::LiveModify, live.id, &payload, now).await?;
    set_depends_on(tx, job.id, previous).await?;
    Ok(job)
}

async fn set_depends_on(tx: &mut Transaction<'_, Sqlite>, job: i64, on: Option<i64>) -> Result<(), StoreError> {
    if let Some(on) = on {
        sqlx::query("UPDATE outbox SET depends_on = ? WHERE id = ?").bind(on).bind(job).execute(&mut **tx).await?;
    }
    Ok(())
}

async fn record_outcome(
    tx: &mut Transaction<'_, Sqlite>,
    job: &OutboxJob,
    outcome: &JobOutcome,
    now: i64,
) -> Result<(), StoreError> {
    match outcome {
        JobOutcome::Published { content_id } => {
            set_job_state(tx, job.id, JobState::Done, None, None, now).await?;
            sqlx::query(
                "UPDATE publications SET status = 'under_review', content_id = ?, reason = '', updated_at = ? \
                 WHERE draft_id = ? AND account_id = ?",
            )
            .bind(content_id)
            .bind(now)
            .bind(job.target)
            .bind(job.account_id)
            .execute(&mut **tx)
            .await?;
        }
        JobOutcome::Announced { advance_id } => {
            set_job_state(tx, job.id, JobState::Done, None, None, now).await?;
            sqlx::query("UPDATE livestreams SET status = 'announced', advance_id = ?, updated_at = ? WHERE id = ?")
                .bind(advance_id)
                .bind(now)
                .bind(job.target)
                .execute(&mut **tx)
                .await?;
        }
        JobOutcome::Done => {
            set_job_state(tx, job.id, JobState::Done, None, None, now).await?;
            match job.kind {
                JobKind::DeleteContent => {
                    // A post being replaced is already queued again: left as it is.
                    sqlx::query(
                        "UPDATE publications SET status = 'deleted', updated_at = ? WHERE draft_id = ? AND account_id = ? \
                         AND status IN ('under_review', 'published')",
                    )
                    .bind(now)
                    .bind(job.target)
                    .bind(job.account_id)
                    .execute(&mut **tx)
                    .await?;
                }
                JobKind::LiveModify => {
                    // A change the platform took after an earlier one it refused.
                    sqlx::query("UPDATE livestreams SET status = 'announced', updated_at = ? WHERE id = ?")
                        .bind(now)
                        .bind(job.target)
                        .execute(&mut **tx)
                        .await?;
                }
                JobKind::LiveDelete => {
                    sqlx::query("UPDATE livestreams SET status = 'withdrawn', updated_at = ? WHERE id = ?")
                        .bind(now)
                        .bind(job.target)
                        .execute(&mut **tx)
                        .await?;
                }
                JobKind::ProfileModify => {
                    sqlx::query("UPDATE profile_edits SET status = 'auditing', updated_at = ? WHERE id = ?")
                        .bind(now)
                        .bind(job.target)
                        .execute(&mut **tx)
                        .await?;
                }
                JobKind::Publish | JobKind::LiveCreate | JobKind::UploadMedia => {}
            }
        }
        JobOutcome::Uploaded { hash, purpose, file_id } => {
            set_job_state(tx, job.id, JobState::Done, None, None, now).await?;
            sqlx::query(
                "INSERT OR REPLACE INTO remote_files (account_id, hash, purpose, file_id, uploaded_at) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(job.account_id)
            .bind(hash)
            .bind(purpose)
            .bind(file_id)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        }
        JobOutcome::RetryAt { next_try_at, code, detail } => {
            set_job_state(tx, job.id, JobState::Pending, Some(*next_try_at), Some((code, detail)), now).await?;
        }
        JobOutcome::Unknown { next_try_at, code, detail } => {
            set_job_state(tx, job.id, JobState::Unknown, Some(*next_try_at), Some((code, detail)), now).await?;
        }
        JobOutcome::Failed { code, detail } => {
            set_job_state(tx, job.id, JobState::Failed, None, Some((code, detail)), now).await?;
            // A failed publish or profile edit keeps the platform's words for the user.
            let sql = match job.kind {
                JobKind::Publish => {
                    "UPDATE publications SET status = 'failed', reason = ?, updated_at = ? WHERE draft_id = ? AND account_id = ?"
                }
                JobKind::ProfileModify => {
                    "UPDATE profile_edits SET status = 'failed', audit_desc = ?, updated_at = ? WHERE id = ? AND account_id = ?"
                }
                JobKind::LiveCreate | JobKind::LiveModify => {
                    sqlx::query("UPDATE livestreams SET status = 'failed', updated_at = ? WHERE id = ?")
                        .bind(now)
                        .bind(job.target)
                        .execute(&mut **tx)
                        .await?;
                    return Ok(());
                }
                JobKind::DeleteContent | JobKind::LiveDelete | JobKind::UploadMedia => return Ok(()),
            };
            sqlx::query(sql).bind(detail).bind(now).bind(job.target).bind(job.account_id).execute(&mut **tx).await?;
        }
    }
    Ok(())
}
