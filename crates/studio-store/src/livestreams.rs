//! Livestreams and their announcements (直播预告). Moving or withdrawing one
//! never leaves the platform's copy behind: a change or withdrawal queued
//! while the announcement may still be arriving waits for it.

use sqlx::{Sqlite, Transaction};
use studio_core::sync::{code, LiveAnnouncement, LiveChange, LiveWithdrawal, LIVE_WITHDRAWAL_REASON};
use studio_core::{
    AccountId, JobKind, JobPayload, JobState, LivePlan, Livestream, LivestreamStatus, OutboxJob, Warmup,
};

use crate::outbox::{insert_job, rewrite_job, set_depends_on, set_job_state};
use crate::{parse_stored, Store, StoreError};

pub(crate) type LivestreamRow =
    (i64, i64, String, i64, i64, String, Option<String>, String, String, Option<i64>, Option<i64>, Option<i64>);

/// The columns of a livestream as stored.
const LIVESTREAM_COLUMNS: &str =
    "id, account_id, title, starts_at, minutes, out_advance_id, advance_id, status, plan, series_id, \
     warmup_draft_id, warmup_lead_minutes";

/// The columns of a livestream as shown: `changing` or `withdrawing` while
/// such a job is open.
pub(crate) const SHOWN_COLUMNS: &str =
    "l.id, l.account_id, l.title, l.starts_at, l.minutes, l.out_advance_id, l.advance_id, \
     CASE WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'live_delete' AND o.target = l.id \
                       AND o.state NOT IN ('done', 'cancelled')) THEN 'withdrawing' \
          WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'live_modify' AND o.target = l.id \
                       AND o.state IN ('pending', 'sending', 'unknown')) THEN 'changing' \
          ELSE l.status END, l.plan, l.series_id, l.warmup_draft_id, l.warmup_lead_minutes";

pub(crate) fn livestream_from_row(r: LivestreamRow) -> Result<Livestream, StoreError> {
    Ok(Livestream {
        id: r.0,
        account_id: r.1,
        title: r.2,
        starts_at: r.3,
        minutes: r.4.clamp(1, i64::from(u32::MAX)) as u32,
        out_advance_id: r.5,
        advance_id: r.6,
        status: parse_stored(LivestreamStatus::parse, &r.7, || format!("livestream {}", r.0))?,
        plan: parse_stored(|p| serde_json::from_str(p).ok(), &r.8, || format!("livestream {}'s plan", r.0))?,
        series_id: r.9,
        warmup: match (r.10, r.11) {
            (Some(draft_id), Some(lead)) => {
                Some(Warmup { draft_id, lead_minutes: lead.clamp(0, i64::from(u32::MAX)) as u32 })
            }
            _ => None,
        },
    })
}

/// A livestream to plan.
#[derive(Debug, Clone)]
pub struct NewLivestream<'a> {
    /// The account it is announced on.
    pub account_id: AccountId,
    /// That account's life account.
    pub public_id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Unix ms it starts at.
    pub starts_at: i64,
    /// Minutes it is planned to run.
    pub minutes: u32,
    /// Our own id for its announcement.
    pub out_advance_id: &'a str,
    /// What it shows and how it runs.
    pub plan: &'a LivePlan,
}

/// What asking to withdraw a livestream's announcement did.
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl Store {
    /// Plans a livestream on `public_id` (the life account of `account_id`)
    /// and queues its announcement, in one transaction.
    pub async fn plan_livestream(
        &self,
        new: &NewLivestream<'_>,
        now: i64,
    ) -> Result<(Livestream, OutboxJob), StoreError> {
        let mut tx = self.begin_write().await?;
        let planned = insert_livestream(&mut tx, new, None, now).await?;
        tx.commit().await?;
        Ok(planned)
    }

    /// Withdraws a livestream's announcement on `public_id`: cancels it when
    /// it surely never reached the platform, else queues the platform's
    /// delete, after the announcement when that may still be arriving. One
    /// transaction.
    pub async fn withdraw_livestream(
        &self,
        id: i64,
        public_id: &str,
        now: i64,
    ) -> Result<LivestreamWithdrawal, StoreError> {
        let mut tx = self.begin_write().await?;
        let outcome = withdraw_in(&mut tx, id, public_id, now).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Changes a livestream's title and start. An announcement that surely
    /// never reached the platform goes out as changed; otherwise the
    /// platform's modify is queued after the announcement and any change
    /// before it. One transaction.
    pub async fn change_livestream(
        &self,
        id: i64,
        public_id: &str,
        title: &str,
        starts_at: i64,
        now: i64,
    ) -> Result<LivestreamChange, StoreError> {
        let mut tx = self.begin_write().await?;
        let outcome = change_in(&mut tx, id, public_id, title, starts_at, now).await?;
        if matches!(outcome, LivestreamChange::Queued(_) | LivestreamChange::Changed) {
            // An occurrence changed on its own no longer follows its series.
            sqlx::query("UPDATE livestreams SET detached = 1 WHERE id = ? AND series_id IS NOT NULL")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(outcome)
    }

    /// Links a livestream to its warm-up post, scheduled `lead_minutes`
    /// before the start.
    pub async fn set_livestream_warmup(&self, id: i64, warmup: Warmup, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE livestreams SET warmup_draft_id = ?, warmup_lead_minutes = ?, updated_at = ? WHERE id = ?")
            .bind(warmup.draft_id)
            .bind(i64::from(warmup.lead_minutes))
            .bind(now)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The platform's id of a livestream's announcement, once recorded.
    pub async fn livestream_advance_id(&self, id: i64) -> Result<Option<String>, StoreError> {
        let row: Option<(Option<String>,)> = sqlx::query_as("SELECT advance_id FROM livestreams WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.and_then(|r| r.0))
    }

    /// Keeps a livestream's plan and planned length (the studio's own: the
    /// platform's announcement carries neither). `None` when there is no
    /// such livestream.
    pub async fn set_livestream_plan(
        &self,
        id: i64,
        minutes: u32,
        plan: &LivePlan,
        now: i64,
    ) -> Result<Option<Livestream>, StoreError> {
        let done = sqlx::query("UPDATE livestreams SET minutes = ?, plan = ?, updated_at = ? WHERE id = ?")
            .bind(minutes.max(1))
            .bind(serde_json::to_string(plan).expect("plans serialize"))
            .bind(now)
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Ok(None);
        }
        self.livestream(id).await
    }

    /// One livestream as shown.
    pub async fn livestream(&self, id: i64) -> Result<Option<Livestream>, StoreError> {
        let row: Option<LivestreamRow> =
            sqlx::query_as(&format!("SELECT {SHOWN_COLUMNS} FROM livestreams l WHERE l.id = ?"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(livestream_from_row).transpose()
    }

    /// Every livestream of an account as shown, latest start first.
    pub async fn livestreams(&self, account_id: AccountId) -> Result<Vec<Livestream>, StoreError> {
        let rows: Vec<LivestreamRow> = sqlx::query_as(&format!(
            "SELECT {SHOWN_COLUMNS} FROM livestreams l WHERE l.account_id = ? ORDER BY l.starts_at DESC, l.id"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(livestream_from_row).collect()
    }
}

/// Inserts a livestream and queues its announcement, within a transaction;
/// `occurrence` names its series and the rule's start for it.
pub(crate) async fn insert_livestream(
    tx: &mut Transaction<'_, Sqlite>,
    new: &NewLivestream<'_>,
    occurrence: Option<(i64, i64)>,
    now: i64,
) -> Result<(Livestream, OutboxJob), StoreError> {
    let NewLivestream { account_id, public_id, title, starts_at, minutes, out_advance_id, plan } = *new;
    let row: LivestreamRow = sqlx::query_as(&format!(
        "INSERT INTO livestreams (account_id, title, starts_at, minutes, out_advance_id, status, plan, series_id, \
         occurrence_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'planned', ?, ?, ?, ?, ?) RETURNING {LIVESTREAM_COLUMNS}"
    ))
    .bind(account_id)
    .bind(title)
    .bind(starts_at)
    .bind(minutes.max(1))
    .bind(out_advance_id)
    .bind(serde_json::to_string(plan).expect("plans serialize"))
    .bind(occurrence.map(|o| o.0))
    .bind(occurrence.map(|o| o.1))
    .bind(now)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    let live = livestream_from_row(row)?;
    let announcement = JobPayload::LiveCreate(LiveAnnouncement {
        public_id: public_id.to_string(),
        title: live.title.clone(),
        starts_at: live.starts_at,
        out_advance_id: live.out_advance_id.clone(),
    });
    let job = insert_job(tx, account_id, live.id, &announcement, now).await?;
    Ok((live, job))
}

/// [`Store::withdraw_livestream`] within a transaction.
pub(crate) async fn withdraw_in(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    public_id: &str,
    now: i64,
) -> Result<LivestreamWithdrawal, StoreError> {
    let Some((live, open)) = live_with_open_jobs(tx, id).await? else {
        return Ok(LivestreamWithdrawal::NotFound);
    };
    if live.status == LivestreamStatus::Withdrawn || open.iter().any(|j| j.kind == JobKind::LiveDelete) {
        return Ok(LivestreamWithdrawal::AlreadyWithdrawn);
    }
    let create = open.iter().find(|j| j.kind == JobKind::LiveCreate);
    if create.is_some_and(OpenLiveJob::in_flight) {
        return Ok(LivestreamWithdrawal::InFlight);
    }
    if live.advance_id.is_none() && create.is_none_or(OpenLiveJob::surely_unsent) {
        // Nothing of it is on the platform.
        for job in &open {
            set_job_state(tx, job.id, JobState::Cancelled, None, None, now).await?;
        }
        set_status(tx, id, LivestreamStatus::Withdrawn, now).await?;
        return Ok(LivestreamWithdrawal::Withdrawn);
    }
    // Changes still waiting are moot; one on its way, or an
    // announcement that may have arrived, goes first.
    let mut first = create.map(|j| j.id);
    for job in open.iter().filter(|j| j.kind == JobKind::LiveModify) {
        if job.in_flight() {
            first = Some(job.id);
        } else {
            set_job_state(tx, job.id, JobState::Cancelled, None, None, now).await?;
        }
    }
    let withdrawal = JobPayload::LiveDelete(LiveWithdrawal {
        public_id: public_id.to_string(),
        advance_id: live.advance_id.clone(),
        reason: LIVE_WITHDRAWAL_REASON.to_string(),
    });
    let job = insert_job(tx, live.account_id, id, &withdrawal, now).await?;
    set_depends_on(tx, job.id, first).await?;
    Ok(LivestreamWithdrawal::Queued(job))
}

/// [`Store::change_livestream`] within a transaction.
pub(crate) async fn change_in(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    public_id: &str,
    title: &str,
    starts_at: i64,
    now: i64,
) -> Result<LivestreamChange, StoreError> {
    let Some((mut live, open)) = live_with_open_jobs(tx, id).await? else {
        return Ok(LivestreamChange::NotFound);
    };
    if live.status == LivestreamStatus::Withdrawn || open.iter().any(|j| j.kind == JobKind::LiveDelete) {
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
            let announcement = JobPayload::LiveCreate(LiveAnnouncement {
                public_id: public_id.to_string(),
                title: live.title.clone(),
                starts_at: live.starts_at,
                out_advance_id: live.out_advance_id.clone(),
            });
            rewrite_job(tx, job.id, &announcement, now).await?;
            live.status = LivestreamStatus::Planned;
            LivestreamChange::Changed
        }
        // Sent before without an answer: the platform may hold it as it
        // was. Or announced: the platform's copy is changed.
        Some(_) => LivestreamChange::Queued(queue_live_modify(tx, &live, public_id, &open, now).await?),
        None if live.advance_id.is_some() => {
            LivestreamChange::Queued(queue_live_modify(tx, &live, public_id, &open, now).await?)
        }
        // Its announcement was cancelled: nothing of it is on the platform.
        None => LivestreamChange::Changed,
    };
    sqlx::query("UPDATE livestreams SET title = ?, starts_at = ?, status = ?, updated_at = ? WHERE id = ?")
        .bind(&live.title)
        .bind(live.starts_at)
        .bind(live.status.as_str())
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(outcome)
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
        self.state.in_flight()
    }

    /// Never reached the platform: never sent, or refused by it.
    fn surely_unsent(&self) -> bool {
        !self.in_flight() && (self.attempts == 0 || self.error_code == code::REFUSED)
    }
}

/// A livestream as stored and its jobs still open, oldest first.
async fn live_with_open_jobs(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
) -> Result<Option<(Livestream, Vec<OpenLiveJob>)>, StoreError> {
    let row: Option<LivestreamRow> =
        sqlx::query_as(&format!("SELECT {LIVESTREAM_COLUMNS} FROM livestreams WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some(live) = row.map(livestream_from_row).transpose()? else { return Ok(None) };
    let rows: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
        "SELECT id, kind, state, attempts, error_code FROM outbox WHERE target = ? \
         AND kind IN ('live_create', 'live_modify', 'live_delete') AND state NOT IN ('done', 'cancelled') ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let open = rows
        .into_iter()
        .map(|(job, kind, state, attempts, error_code)| {
            let whose = || format!("outbox job {job}");
            Ok(OpenLiveJob {
                id: job,
                kind: parse_stored(JobKind::parse, &kind, whose)?,
                state: parse_stored(JobState::parse, &state, whose)?,
                attempts: attempts.max(0) as u32,
                error_code,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(Some((live, open)))
}

/// Queues the platform's change of a livestream to its current title and
/// time, after its open jobs (its announcement, earlier changes).
async fn queue_live_modify(
    tx: &mut Transaction<'_, Sqlite>,
    live: &Livestream,
    public_id: &str,
    open: &[OpenLiveJob],
    now: i64,
) -> Result<OutboxJob, StoreError> {
    let previous = open.iter().filter(|j| j.kind != JobKind::LiveDelete).map(|j| j.id).max();
    let change = JobPayload::LiveModify(LiveChange {
        public_id: public_id.to_string(),
        advance_id: live.advance_id.clone(),
        title: live.title.clone(),
        starts_at: live.starts_at,
    });
    let job = insert_job(tx, live.account_id, live.id, &change, now).await?;
    set_depends_on(tx, job.id, previous).await?;
    Ok(job)
}

async fn set_status(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    status: LivestreamStatus,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE livestreams SET status = ?, updated_at = ? WHERE id = ?")
        .bind(status.as_str())
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The platform announced it, under `advance_id`.
pub(crate) async fn announced(
    tx: &mut Transaction<'_, Sqlite>,
    id: i64,
    advance_id: &str,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE livestreams SET status = 'announced', advance_id = ?, updated_at = ? WHERE id = ?")
        .bind(advance_id)
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A change or withdrawal went through. A change the platform took after
/// an earlier one it refused makes it announced again.
pub(crate) async fn done(tx: &mut Transaction<'_, Sqlite>, job: &OutboxJob, now: i64) -> Result<(), StoreError> {
    let status = match job.kind {
        JobKind::LiveDelete => LivestreamStatus::Withdrawn,
        _ => LivestreamStatus::Announced,
    };
    set_status(tx, job.target, status, now).await
}

/// The platform refused its announcement or a change.
pub(crate) async fn failed(tx: &mut Transaction<'_, Sqlite>, id: i64, now: i64) -> Result<(), StoreError> {
    set_status(tx, id, LivestreamStatus::Failed, now).await
}
