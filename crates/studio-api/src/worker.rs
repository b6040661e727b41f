//! The app's background sync: sends what waits in the outbox as soon as it
//! can, asks about each post under review on its own schedule (soon, then
//! less often), reads all the platform's changes every minute or when asked,
//! and tells the UI what changed.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use studio_core::{Account, DraftId, PublicationStatus};
use studio_store::Store;
use studio_sync::{Engine, EngineOptions, SyncError};
use tokio::sync::Notify;
use ts_rs::TS;

use crate::demo::LocalEmulator;
use crate::{now_ms, Studio, StudioError, StudioResult};

/// Where syncing stands, for the status bar.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncStatus {
    /// Whether the platform answered the last time it was asked.
    pub online: bool,
    /// Changes waiting to reach the platform.
    pub waiting: u32,
    /// Jobs stopped for the user to retry or cancel.
    pub failed: u32,
    /// Accounts whose calls cannot go through until they are fixed in
    /// Settings (their jobs wait).
    pub accounts_in_trouble: u32,
    /// Why syncing cannot run at all, in the user's language; empty when it runs.
    pub problem: String,
    /// Unix ms of the last time the platform's changes were read; 0 for never.
    #[ts(type = "number")]
    pub last_pull_at: i64,
}

/// A post whose review finished (or that was deleted on the platform).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewNews {
    /// The draft.
    #[ts(type = "number")]
    pub draft_id: DraftId,
    /// Its title.
    pub title: String,
    /// Published, rejected or deleted.
    pub status: PublicationStatus,
    /// Why it was rejected.
    pub reason: String,
}

/// A desktop notification, worded in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Notice {
    /// The headline.
    pub title: String,
    /// The detail.
    pub body: String,
}

impl ReviewNews {
    /// The notification for this news in `lang`.
    pub fn notice(&self, lang: studio_core::Lang) -> Notice {
        let zh = lang == studio_core::Lang::ZhCn;
        let name = if self.title.is_empty() {
            lang.pick("（无标题）", "(untitled)").to_string()
        } else {
            self.title.clone()
        };
        let (title, body) = match self.status {
            PublicationStatus::Published => (
                lang.pick("已发布", "Published"),
                if zh {
                    format!("《{name}》已通过审核并发布。")
                } else {
                    format!("“{name}” passed review and is live.")
                },
            ),
            PublicationStatus::Rejected => (
                lang.pick("未通过审核", "Rejected in review"),
                if zh {
                    format!("《{name}》未通过审核：{}", self.reason)
                } else {
                    format!("“{name}” was rejected: {}", self.reason)
                },
            ),
            _ => (
                lang.pick("已在平台删除", "Deleted on the platform"),
                if zh {
                    format!("《{name}》已在平台上删除。")
                } else {
                    format!("“{name}” was deleted on the platform.")
                },
            ),
        };
        Notice { title: title.to_string(), body }
    }
}

/// What the worker tells the UI after a cycle in which something changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncNews {
    /// Where syncing stands now.
    pub status: SyncStatus,
    /// Posts whose review finished since the last news.
    pub reviewed: Vec<ReviewNews>,
    /// Desktop notifications to show for them.
    pub notices: Vec<Notice>,
}

/// What the studio and its worker share.
#[derive(Debug, Default)]
pub(crate) struct WorkerShared {
    wake: Notify,
    /// Where syncing stands, but for its problem (kept apart, unworded).
    status: Mutex<SyncStatus>,
    /// Why syncing cannot run at all, worded only when shown, so it
    /// speaks the language of the moment.
    problem: Mutex<Option<Arc<StudioError>>>,
    /// The opened secrets, once a real account needed them.
    pub(crate) secrets: Mutex<Option<Arc<studio_sync::Secrets>>>,
    /// The built-in emulator the running worker started, for other calls
    /// of the demo account (the composer's moderation check).
    pub(crate) local: Mutex<Option<studio_sync::LocalGateway>>,
    /// Set when secrets were opened or an account added since the worker
    /// last looked, so it takes them up without a restart.
    accounts_changed: std::sync::atomic::AtomicBool,
    /// Set when the user asked for every account's contents to be read whole.
    sweep: std::sync::atomic::AtomicBool,
}

impl WorkerShared {
    /// The status as shown in `lang`.
    fn status(&self, lang: studio_core::Lang) -> SyncStatus {
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let problem = self.problem.lock().unwrap_or_else(|e| e.into_inner());
        status.problem = problem.as_ref().map(|p| p.message(lang)).unwrap_or_default();
        status
    }

    /// Records why syncing cannot run (`None`: it runs).
    fn set_problem(&self, problem: Option<StudioError>) {
        *self.problem.lock().unwrap_or_else(|e| e.into_inner()) = problem.map(Arc::new);
    }

    /// Tells the worker that accounts or secrets changed, and wakes it.
    pub(crate) fn accounts_changed(&self) {
        self.accounts_changed.store(true, std::sync::atomic::Ordering::Relaxed);
        self.wake.notify_one();
    }
}

/// How often all the platform's changes are read (posts made or deleted
/// elsewhere); posts under review are asked about on their own schedule.
const PULL_IDLE: Duration = Duration::from_secs(60);
/// How often each account's live profile is read.
const PROFILE_EVERY: Duration = Duration::from_secs(5 * 60);
/// How long the built-in emulator takes to review a post in the app.
const APP_REVIEW_DELAY: Duration = Duration::from_secs(3);

/// What one cycle of the worker found.
struct Cycle {
    /// Whether the platform answered, when it was asked.
    online: Option<bool>,
    /// Whether every account's changes were read.
    pulled: bool,
    /// Posts whose review finished.
    reviewed: Vec<ReviewNews>,
    /// Profile edits whose audit finished.
    audits: u64,
}

/// The background worker of one studio. Run it once, for the app's life.
pub struct SyncWorker {
    store: Store,
    data_dir: std::path::PathBuf,
    secrets: Option<Arc<studio_sync::Secrets>>,
    shared: Arc<WorkerShared>,
    problem: Option<StudioError>,
    accounts: Vec<Account>,
    /// The studio's language, which the user may change while it runs.
    lang: Arc<std::sync::RwLock<studio_core::Lang>>,
}

impl Studio {
    /// The sync worker, made ready (the demo account exists, secrets are
    /// opened when a real account needs them).
    pub async fn sync_worker(&self) -> StudioResult<SyncWorker> {
        let accounts = self.list_accounts().await?;
        let (secrets, problem) = if accounts.iter().any(|a| !a.is_emulator()) {
            match self.secrets() {
                Ok(s) => (Some(s), None),
                Err(e) => (None, Some(e)),
            }
        } else {
            (None, None)
        };
        Ok(SyncWorker {
            store: self.store.clone(),
            data_dir: self.data_dir.clone(),
            secrets,
            shared: self.worker.clone(),
            problem,
            accounts,
            lang: self.lang.clone(),
        })
    }

    /// Where syncing stands.
    pub async fn sync_status(&self) -> StudioResult<SyncStatus> {
        let mut status = self.worker.status(self.lang());
        status.waiting = self.store.waiting_jobs().await? as u32;
        status.failed = self.store.failed_jobs().await? as u32;
        status.accounts_in_trouble = self.store.accounts().await?.iter().filter(|a| a.problem.is_some()).count() as u32;
        Ok(status)
    }

    /// Wakes the worker: something was queued.
    pub(crate) fn worker_wake(&self) {
        self.worker.wake.notify_one();
    }

    /// Asks the worker to send and read now instead of at its next turn.
    pub async fn sync_soon(&self) -> StudioResult<()> {
        self.worker.wake.notify_one();
        Ok(())
    }

    /// Asks the worker to send what waits and read every account's
    /// contents whole now (finding what was deleted elsewhere), not only
    /// the newest.
    pub async fn sync_everything(&self) -> StudioResult<()> {
        self.worker.sweep.store(true, std::sync::atomic::Ordering::Relaxed);
        self.worker.wake.notify_one();
        Ok(())
    }
}

impl SyncWorker {
    /// The language of the moment.
    fn lang(&self) -> studio_core::Lang {
        *self.lang.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs until the process ends, calling `on_news` after every cycle in
    /// which something changed.
    pub async fn run(mut self, on_news: impl Fn(SyncNews) + Send + Sync + 'static) {
        let initial_problem = self.problem.take();
        let shared = self.shared.clone();
        let tell = |problem: Option<StudioError>| {
            shared.set_problem(problem);
            on_news(SyncNews { status: shared.status(self.lang()), ..SyncNews::default() });
        };
        let emulator = if self.accounts.iter().any(Account::is_emulator) {
            match LocalEmulator::start(&self.data_dir, APP_REVIEW_DELAY).await {
                Ok(e) => {
                    *shared.local.lock().unwrap_or_else(|e| e.into_inner()) = Some(e.gateway());
                    Some(e)
                }
                Err(e) => {
                    tell(Some(StudioError::Emulator(e.to_string())));
                    None
                }
            }
        } else {
            None
        };
        // Another window or `studio sync` may hold the library: wait for it.
        let engine = loop {
            let local = emulator.as_ref().map(LocalEmulator::gateway);
            match Engine::new(self.store.clone(), &self.data_dir, self.secrets.clone(), local, EngineOptions::default())
            {
                Ok(engine) => match studio_media::MediaStore::open(self.data_dir.join(crate::MEDIA_FOLDER)) {
                    Ok(media) => break engine.with_media(media),
                    // Without the media folder, posts without media still go out.
                    Err(_) => break engine,
                },
                Err(e) => {
                    tell(Some(e.into()));
                    tokio::time::sleep(Duration::from_secs(10)).await;
                }
            }
        };
        tell(initial_problem);
        if let Err(e) = engine.recover(now_ms()).await {
            tell(Some(e.into()));
        }
        let mut next_pull = 0i64;
        let mut lang = self.lang();
        loop {
            if shared.accounts_changed.swap(false, std::sync::atomic::Ordering::Relaxed) {
                let secrets = shared.secrets.lock().unwrap_or_else(|e| e.into_inner()).clone();
                engine.accounts_changed();
                if let Some(secrets) = secrets {
                    engine.use_secrets(secrets);
                    // Whatever kept the secrets shut is over.
                    tell(None);
                }
                // A new account's posts and contents are read at once.
                next_pull = 0;
            }
            let cycle = self.cycle(&engine, &mut next_pull).await;
            let before = shared.status(lang);
            let mut status = shared.status.lock().unwrap_or_else(|e| e.into_inner()).clone();
            let (reviewed, audits) = match cycle {
                Ok(cycle) => {
                    if let Some(online) = cycle.online {
                        status.online = online;
                    }
                    if cycle.pulled {
                        status.last_pull_at = now_ms();
                    }
                    (cycle.reviewed, cycle.audits)
                }
                Err(e) => {
                    shared.set_problem(Some(e.into()));
                    (Vec::new(), 0)
                }
            };
            status.waiting = self.store.waiting_jobs().await.unwrap_or(u64::from(status.waiting)) as u32;
            status.failed = self.store.failed_jobs().await.unwrap_or(u64::from(status.failed)) as u32;
            if let Ok(accounts) = self.store.accounts().await {
                status.accounts_in_trouble = accounts.iter().filter(|a| a.problem.is_some()).count() as u32;
            }
            *shared.status.lock().unwrap_or_else(|e| e.into_inner()) = status;
            lang = self.lang();
            let status = shared.status(lang);
            if status != before || !reviewed.is_empty() || audits > 0 {
                let notices = reviewed.iter().map(|r| r.notice(lang)).collect();
                on_news(SyncNews { status, reviewed, notices });
            }
            let next_job = self.store.next_job_time().await.ok().flatten().unwrap_or(i64::MAX);
            let next_check = engine.next_review_check().await.ok().flatten().unwrap_or(i64::MAX);
            let wait = (next_job.min(next_pull).min(next_check) - now_ms()).clamp(50, PULL_IDLE.as_millis() as i64);
            tokio::select! {
                _ = shared.wake.notified() => next_pull = 0,
                _ = tokio::time::sleep(Duration::from_millis(wait as u64)) => {}
            }
        }
    }

    /// One cycle: rounds until nothing is due, then a pull when its time has
    /// come, then the questions about reviews whose turn has come.
    async fn cycle(&self, engine: &Engine, next_pull: &mut i64) -> Result<Cycle, SyncError> {
        let sent = engine.drain(now_ms).await?;
        let online = (sent.sent > 0).then_some(sent.unreachable < sent.sent);
        let mut reviewed = Vec::new();
        let sweep = self.shared.sweep.swap(false, std::sync::atomic::Ordering::Relaxed);
        let pull = sweep || now_ms() >= *next_pull;
        let accounts = self.store.accounts().await?;
        let mut all_answered = true;
        let mut asked = false;
        let mut audits = 0;
        for account in &accounts {
            // An account with a problem is asked now and then whether it is over.
            if engine.probe(account, now_ms()).await.unwrap_or(false) {
                asked = true;
            }
            let mut changed = Vec::new();
            let mut outcome = |result: Result<studio_sync::PullReport, SyncError>| match result {
                Ok(report) => {
                    changed.extend(report.changed);
                    audits += report.audits;
                    Ok(())
                }
                Err(SyncError::Platform(_) | SyncError::Account { .. }) => {
                    all_answered = false;
                    Ok(())
                }
                Err(e) => Err(e),
            };
            if sweep {
                outcome(engine.sweep(account, now_ms()).await)?;
            } else if pull {
                outcome(engine.pull(account, now_ms()).await)?;
            }
            let checked = engine.check_reviews(account, now_ms()).await;
            asked |= checked.as_ref().is_ok_and(|r| !r.changed.is_empty() || r.audits > 0);
            outcome(checked)?;
            for p in changed {
                if !matches!(
                    p.status,
                    PublicationStatus::Published | PublicationStatus::Rejected | PublicationStatus::Deleted
                ) {
                    continue;
                }
                let title = self.store.draft(p.draft_id).await?.map(|d| d.title).unwrap_or_default();
                reviewed.push(ReviewNews { draft_id: p.draft_id, title, status: p.status, reason: p.reason });
            }
            // The live profile and menu, every few minutes and when asked; looked
            // up only when the minute's pull comes, not at every wake.
            let due = pull
                && (sweep
                    || self
                        .store
                        .live_profile(account.id)
                        .await?
                        .is_none_or(|p| now_ms() - p.fetched_at >= PROFILE_EVERY.as_millis() as i64));
            if due {
                match engine.read_storefront(account, now_ms()).await {
                    Ok(_) => {}
                    Err(SyncError::Platform(_) | SyncError::Account { .. }) => all_answered = false,
                    Err(e) => return Err(e),
                }
            }
        }
        if pull {
            *next_pull = now_ms() + PULL_IDLE.as_millis() as i64;
            // Repeating livestreams: occurrences that came within the
            // horizon are planned, their announcements sent next cycle.
            if crate::series::extend_all(&self.store, now_ms(), now_ms()).await.map_err(SyncError::Store)? > 0 {
                self.shared.wake.notify_one();
            }
        }
        let online = if pull || asked || !all_answered { Some(online.unwrap_or(true) && all_answered) } else { online };
        Ok(Cycle { online, pulled: pull && all_answered, reviewed, audits })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn why_syncing_stopped_is_worded_when_shown_in_the_language_of_the_moment() {
        let shared = WorkerShared::default();
        assert_eq!(shared.status(studio_core::Lang::ZhCn).problem, "", "nothing wrong");
        shared.set_problem(Some(StudioError::Sync(studio_sync::SyncError::Busy)));
        let zh = shared.status(studio_core::Lang::ZhCn).problem;
        let en = shared.status(studio_core::Lang::En).problem;
        assert!(zh.contains("另一个"), "{zh}");
        assert!(en.starts_with("Another"), "{en}");
        shared.set_problem(None);
        assert_eq!(shared.status(studio_core::Lang::En).problem, "");
    }
}
