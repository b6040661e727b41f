//! Accounts, publishing and the outbox: the use cases of syncing with the
//! platform.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use studio_core::media::MediaKind;
use studio_core::rules::ScheduleProblem;
use studio_core::sync::EMULATOR_GATEWAY;
use studio_core::{
    Account, AccountId, AccountRole, DraftId, DraftKind, MediumRole, NewAccount, OutboxJob, Publication,
};
use studio_store::PublishRequest;
use studio_sync::secrets::{self, Secrets};
use studio_sync::{Engine, EngineOptions, RoundReport};
use ts_rs::TS;

use crate::demo::{LocalEmulator, DEMO_APP_ID};
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

/// An account to add with its secrets (which go to the keychain, never to the library).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AccountSetup {
    /// The account's public settings.
    pub account: NewAccount,
    /// The app private key (PEM or the console's Base64).
    pub app_private_key: String,
    /// An `app_auth_token`, when acting for another account.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub app_auth_token: Option<String>,
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

/// The environment variable that, when set, makes the studio keep secrets
/// in the passphrase-encrypted file instead of the OS keychain.
pub const PASSPHRASE_ENV: &str = "STUDIO_SECRETS_PASSPHRASE";

/// How long the built-in emulator takes to review a post.
const EMULATOR_REVIEW: Duration = Duration::from_secs(3);

/// The demo account's name, in zh-CN and in English.
const DEMO_NAME: [&str; 2] = ["演示账号（内置模拟器）", "Demo account (built-in emulator)"];

impl Studio {
    pub(crate) fn secrets(&self) -> Result<Arc<Secrets>, StudioError> {
        let mut slot = self.worker.secrets.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = slot.as_ref() {
            return Ok(s.clone());
        }
        let opened = match std::env::var(PASSPHRASE_ENV) {
            Ok(passphrase) if !passphrase.is_empty() => Secrets::file(&self.data_dir, &passphrase)?,
            _ => Secrets::keychain()?,
        };
        let opened = Arc::new(opened);
        *slot = Some(opened.clone());
        Ok(opened)
    }

    /// Opens the encrypted secrets file with a passphrase (where no keychain exists).
    pub async fn unlock_secrets(&self, passphrase: String) -> StudioResult<()> {
        let opened = Secrets::file(&self.data_dir, &passphrase)?;
        *self.worker.secrets.lock().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(opened));
        self.worker.accounts_changed();
        Ok(())
    }

    /// Every account; the built-in emulator's demo account is made on first
    /// use, and its name follows the language (unless the user renamed it).
    pub async fn list_accounts(&self) -> StudioResult<Vec<Account>> {
        self.demo_account().await?;
        let mut accounts = self.store.accounts().await?;
        for a in accounts.iter_mut().filter(|a| a.is_emulator() && DEMO_NAME.contains(&a.name.as_str())) {
            a.name = self.lang().pick(DEMO_NAME[0], DEMO_NAME[1]).to_string();
        }
        Ok(accounts)
    }

    /// The built-in emulator's demo account, made if missing.
    async fn demo_account(&self) -> StudioResult<Account> {
        if let Some(a) = self.store.emulator_account().await? {
            return Ok(a);
        }
        let new = NewAccount {
            name: self.lang().pick(DEMO_NAME[0], DEMO_NAME[1]).to_string(),
            role: AccountRole::Creator,
            gateway: EMULATOR_GATEWAY.to_string(),
            app_id: DEMO_APP_ID.to_string(),
            // The emulator's key is made at each start; nothing to keep.
            platform_key: String::new(),
            public_id: String::new(),
        };
        Ok(self.store.add_account(&new, now_ms()).await?)
    }

    /// Adds an account; its key goes to the keychain (or the encrypted
    /// file), never into the library.
    pub async fn add_account(&self, setup: AccountSetup) -> StudioResult<Account> {
        let key = alipay_open::PrivateKey::parse(&setup.app_private_key)
            .map_err(|e| StudioError::AccountKey(e.to_string()))?;
        alipay_open::PublicKey::parse(&setup.account.platform_key)
            .map_err(|e| StudioError::AccountKey(e.to_string()))?;
        let secrets = self.secrets()?;
        let account = self.store.add_account(&setup.account, now_ms()).await?;
        secrets.set(&secrets::name::app_key(account.id), &key.to_pkcs8_pem())?;
        if let Some(token) = setup.app_auth_token.filter(|t| !t.is_empty()) {
            secrets.set(&secrets::name::auth_token(account.id), &token)?;
            self.store.set_account_auth_token(account.id, true).await?;
        }
        self.worker.accounts_changed();
        self.store.account(account.id).await?.ok_or(StudioError::AccountNotFound { id: account.id })
    }

    pub(crate) async fn account_or_default(&self, id: Option<AccountId>) -> StudioResult<Account> {
        match id {
            Some(id) => self.store.account(id).await?.ok_or(StudioError::AccountNotFound { id }),
            None => match self.store.settings().await?.publish_account {
                // An account removed since it was chosen falls back to the demo account.
                Some(id) => match self.store.account(id).await? {
                    Some(account) => Ok(account),
                    None => self.demo_account().await,
                },
                None => self.demo_account().await,
            },
        }
    }

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
        self.check_video_post(draft_id).await?;
        let request = self.store.request_publish(draft_id, account.id, at, replace, now).await?;
        let (job, already_queued) = match request {
            PublishRequest::Queued(job) => (job, false),
            PublishRequest::AlreadyQueued(job) => (job, true),
            PublishRequest::AlreadyOnPlatform(p) => {
                return Err(StudioError::AlreadyOnPlatform { draft_id, status: p.status })
            }
            PublishRequest::NotFound => return Err(StudioError::DraftNotFound { id: draft_id }),
        };
        let publication = self
            .store
            .publication(draft_id, account.id)
            .await?
            .ok_or_else(|| StudioError::DraftNotFound { id: draft_id })?;
        Ok(PublishAnswer { job, publication, already_queued })
    }

    /// A video post goes to the platform with its video and its cover
    /// (`video` and `cover_static`). One lacking either is refused here,
    /// before anything is queued, so the user is told what to add instead of
    /// finding a failed job later (or, when republishing, the old post
    /// already deleted). A picture in the video's place is no video, and a
    /// video in the cover's place is no cover.
    async fn check_video_post(&self, draft_id: DraftId) -> StudioResult<()> {
        let draft = self.store.draft(draft_id).await?;
        // A missing or trashed draft is left to `request_publish`, which says so.
        let Some(draft) = draft.filter(|d| d.kind == DraftKind::Video && d.deleted_at.is_none()) else {
            return Ok(());
        };
        let (mut video, mut cover) = (false, false);
        let max = studio_core::rules::ALIPAY.video_bytes_max;
        for medium in self.store.draft_media(draft.id).await? {
            let asset = self.store.asset(&medium.hash).await?;
            let kind = asset.as_ref().map(|a| a.kind);
            match medium.role {
                MediumRole::Video => video |= kind == Some(MediaKind::Video),
                MediumRole::Cover => cover |= kind == Some(MediaKind::Image),
                MediumRole::Image => {}
            }
            if let Some(a) = asset.filter(|a| medium.role == MediumRole::Video && a.bytes > max) {
                return Err(StudioError::VideoTooLarge { bytes: a.bytes, max });
            }
        }
        if !video {
            return Err(StudioError::VideoMissing { draft_id });
        }
        if !cover {
            return Err(StudioError::VideoCoverMissing { draft_id });
        }
        Ok(())
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
            match engine.pull(account, now_ms()).await {
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
