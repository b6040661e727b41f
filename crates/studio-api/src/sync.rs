//! Publishing and syncing with the platform.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use studio_core::rules;
use studio_core::rules::ScheduleProblem;
use studio_core::{Account, AccountId, DraftId, MediumRole, OutboxJob, Publication};
use studio_store::PublishRequest;
use studio_sync::{Engine, EngineOptions, RoundReport};
use ts_rs::TS;

use crate::demo::LocalEmulator;
use crate::{now_ms, Studio, StudioError, StudioResult};

/// Where a publish request landed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublishAnswer {
    /// The outbox job carrying it.
    pub job: OutboxJob,
    /// The draft's standing on the account.
    pub publication: Publication,
    /// Whether a job for it was already waiting (nothing new was queued).
    pub already_queued: bool,
}

/// What a sync run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncReport {
    /// Requests sent.
    pub sent: u32,
    /// Jobs finished.
    pub done: u32,
    /// Sends whose answer was lost and that were found on the platform.
    pub reconciled: u32,
    /// Jobs waiting for another try.
    pub waiting: u32,
    /// Jobs stopped for the user.
    pub failed: u32,
    /// Posts whose review status changed.
    pub changed: u32,
    /// Posts made outside the studio, now in the library.
    pub adopted: u32,
    /// Accounts whose changes could not be read this time (tried again next sync).
    pub unreachable: u32,
}

/// Whether a scheduled publish at `at` can be asked for at `now`: in the
/// future, and further ahead than the platform's shortest lead.
pub(crate) fn check_schedule(at: i64, now: i64) -> StudioResult<()> {
    let Some(window) = studio_core::rules::ALIPAY.schedule_window else { return Ok(()) };
    match window.check(at, now) {
        Ok(()) => Ok(()),
        Err(ScheduleProblem::Past) => Err(StudioError::ScheduleInPast { at }),
        Err(ScheduleProblem::TooSoon { .. }) => {
            Err(StudioError::ScheduleTooSoon { at, min_lead_minutes: window.min_lead_minutes })
        }
    }
}

/// How long the built-in emulator takes to review a post.
const EMULATOR_REVIEW: Duration = Duration::from_secs(3);

impl Studio {
    /// Queues a draft for publishing on an account (the demo account when
    /// none is given), at `at` (Unix ms) when scheduled: the platform then
    /// publishes it by itself, even with this computer off. Asking twice
    /// queues once; a post already on the platform is refused (republishing
    /// means deleting it first).
    pub async fn publish_draft(
        &self,
        draft_id: DraftId,
        account_id: Option<AccountId>,
        at: Option<i64>,
    ) -> StudioResult<PublishAnswer> {
        self.queue_publish(draft_id, account_id, at, false).await
    }

    /// Publishes a draft that is already on the platform again: the
    /// platform cannot edit a post, so its post there is deleted first and
    /// the draft published anew (the user has confirmed this).
    pub async fn republish_draft(
        &self,
        draft_id: DraftId,
        account_id: Option<AccountId>,
        at: Option<i64>,
    ) -> StudioResult<PublishAnswer> {
        self.queue_publish(draft_id, account_id, at, true).await
    }

    async fn queue_publish(
        &self,
        draft_id: DraftId,
        account_id: Option<AccountId>,
        at: Option<i64>,
        replace: bool,
    ) -> StudioResult<PublishAnswer> {
        let account = self.account_or_default(account_id).await?;
        let now = now_ms();
        if let Some(at) = at {
            check_schedule(at, now)?;
        }
        // A video post goes with its video and its cover; one lacking either
        // is refused before anything is queued (or, republishing, before the
        // old post is deleted), judged inside the transaction that queues it.
        let check = |draft: &studio_core::Draft, media: &[(MediumRole, &studio_core::media::MediaAsset)]| {
            rules::check_post_media(draft.kind, media, &rules::ALIPAY)
        };
        let request = self.store.request_publish(draft_id, account.id, at, replace, now, check).await?;
        let (job, already_queued) = match request {
            PublishRequest::Queued(job) => (job, false),
            PublishRequest::AlreadyQueued(job) => (job, true),
            PublishRequest::AlreadyOnPlatform(p) => {
                return Err(StudioError::AlreadyOnPlatform { draft_id, status: p.status })
            }
            PublishRequest::NotFound => return Err(StudioError::DraftNotFound { id: draft_id }),
            PublishRequest::Refused(problem) => return Err(StudioError::PostMedia { draft_id, problem }),
        };
        let publication = self
            .store
            .publication(draft_id, account.id)
            .await?
            .ok_or_else(|| StudioError::DraftNotFound { id: draft_id })?;
        Ok(PublishAnswer { job, publication, already_queued })
    }

    /// A draft's standing on every account it went to.
    pub async fn list_publications(&self, account_id: Option<AccountId>) -> StudioResult<Vec<Publication>> {
        let account = self.account_or_default(account_id).await?;
        Ok(self.store.publications(account.id).await?)
    }

    /// Runs the outbox until nothing waits (or `timeout` passes), then
    /// pulls every account. Starts the built-in emulator for its accounts.
    pub async fn sync_now(&self, timeout: Duration, options: EngineOptions) -> StudioResult<SyncReport> {
        let accounts = self.list_accounts().await?;
        let emulator = if accounts.iter().any(Account::is_emulator) {
            let started = LocalEmulator::start(&self.data_dir, EMULATOR_REVIEW)
                .await
                .map_err(|e| StudioError::Emulator(e.to_string()))?;
            Some(started)
        } else {
            None
        };
        // Accounts on the emulator need no secrets; the others do.
        let secrets = if accounts.iter().any(|a| !a.is_emulator()) { Some(self.secrets()?) } else { None };
        let local = emulator.as_ref().map(LocalEmulator::gateway);
        let engine =
            Engine::new(self.store.clone(), &self.data_dir, secrets, local, options)?.with_media(self.media_store()?);
        let deadline = now_ms() + timeout.as_millis() as i64;
        let pushed: RoundReport = engine.run_until_idle(deadline, now_ms).await?;
        let mut report = SyncReport {
            sent: pushed.sent as u32,
            done: pushed.done as u32,
            reconciled: pushed.reconciled as u32,
            failed: pushed.failed as u32,
            ..SyncReport::default()
        };
        for account in &accounts {
            let pulled = match engine.pull(account, now_ms()).await {
                Ok(pulled) => engine.read_storefront(account, now_ms()).await.map(|_| pulled),
                Err(e) => Err(e),
            };
            match pulled {
                Ok(pulled) => {
                    report.changed += pulled.changed.len() as u32;
                    report.adopted += pulled.adopted as u32;
                }
                // Offline or failing platform: local work goes on; the next sync reads again.
                Err(studio_sync::SyncError::Platform(_) | studio_sync::SyncError::Account { .. }) => {
                    report.unreachable += 1
                }
                Err(e) => return Err(e.into()),
            }
        }
        report.waiting = self.store.waiting_jobs().await? as u32;
        drop(engine);
        if let Some(emulator) = emulator {
            emulator.stop().await;
        }
        Ok(report)
    }
}
