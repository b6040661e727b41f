//! The sync engine: runs the outbox against the platform so every post is
//! published exactly once, and brings the platform's word (review results,
//! deletions, content made elsewhere, profile audits) back into the library.
//!
//! Architecture invariant: nothing is sent that is not first recorded as
//! `sending` in the outbox (committed), and a send whose answer was lost is
//! never repeated before the account's contents have been searched for it.
//! One worker per library at a time (a lock file), running its phases in
//! order (find out what happened to lost sends, then send, then record), so
//! no two decisions about the same content can race.

mod emulator;
mod request;
pub mod secrets;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use alipay_open::methods::{
    ContentBatchQuery, ContentPublish, ContentState, LiveAdvanceCreate, LiveAdvanceDelete, LiveAdvanceModify,
};
use alipay_open::{AlipayClient, CallOptions, Config, PrivateKey, PublicKey, Retry};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use studio_core::sync::{RetryPolicy, RETRY, REVIEW_POLLING};
use studio_core::{Account, AccountId, JobKind, JobState, OutboxJob, Publication, PublicationStatus};
use studio_store::{DueJob, JobOutcome, RemoteContent, Store, StoreError};

pub use emulator::{LocalEmulator, DEMO_APP_ID};
pub use request::{content_request, live_change, live_request, medium_placeholder, publish_payload};
pub use secrets::{SecretError, Secrets};

pub use studio_core::sync::code;

/// The platform's refusal of a profile edit while another is under audit.
const PROFILE_AUDITING: &str = "isv.profile-auditing";

/// Why the engine could not run.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The library failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Another worker runs on this library.
    #[error("another sync worker is running on this library")]
    Busy,
    /// The lock file could not be made.
    #[error("cannot lock the library for syncing: {0}")]
    Lock(std::io::Error),
    /// An account cannot be used.
    #[error("account {account} cannot be used: {detail}")]
    Account {
        /// The account.
        account: AccountId,
        /// Why.
        detail: String,
    },
    /// The platform failed while pulling.
    #[error("the platform could not be read: {0}")]
    Platform(#[from] alipay_open::Error),
}

/// How the engine runs.
#[derive(Clone, Debug)]
pub struct EngineOptions {
    /// Jobs sent at the same time.
    pub concurrency: usize,
    /// Jobs claimed per round.
    pub batch: u32,
    /// Longest a gateway call may take.
    pub timeout: Duration,
    /// How failures are retried.
    pub retry: RetryPolicy,
    /// Seeds the jitter (reproducible runs in tests).
    pub seed: Option<u64>,
}

impl Default for EngineOptions {
    fn default() -> EngineOptions {
        EngineOptions { concurrency: 8, batch: 64, timeout: Duration::from_secs(15), retry: RETRY, seed: None }
    }
}

/// What one round did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RoundReport {
    /// Requests sent.
    pub sent: usize,
    /// Jobs finished.
    pub done: usize,
    /// Lost sends found to have taken effect (not sent again).
    pub reconciled: usize,
    /// Jobs that will be tried again.
    pub retried: usize,
    /// Jobs that stopped for the user.
    pub failed: usize,
    /// Sends that could not reach the platform at all (offline).
    pub unreachable: usize,
}

/// What a pull brought back.
#[derive(Debug, Default, Clone)]
pub struct PullReport {
    /// Publications whose status changed (review results, deletions).
    pub changed: Vec<Publication>,
    /// Contents made outside the studio, now in the library.
    pub adopted: usize,
    /// Profile edits whose audit finished.
    pub audits: u64,
}

/// An account ready to call: its client and call options.
#[derive(Clone)]
struct Connection {
    client: AlipayClient,
    opts: CallOptions,
}

/// The sync engine of one library.
pub struct Engine {
    store: Store,
    secrets: Mutex<Option<Arc<Secrets>>>,
    emulator: Option<Arc<LocalEmulator>>,
    options: EngineOptions,
    connections: Mutex<HashMap<AccountId, Connection>>,
    media: Option<studio_media::MediaStore>,
    rng: Mutex<StdRng>,
    /// When each thing under review is next asked about, and how many
    /// times it has been: (when, asked), by account and content id (or
    /// [`PROFILE_AUDIT`] for the profile).
    review_polls: Mutex<HashMap<(AccountId, String), (i64, u32)>>,
    _lock: std::fs::File,
}

/// The key of an account's profile audit among [`Engine`]'s review polls.
const PROFILE_AUDIT: &str = "profile audit";

impl Engine {
    /// The engine of the library in `data_dir`. Fails with `Busy` when
    /// another worker already runs on it.
    pub fn new(
        store: Store,
        data_dir: &Path,
        secrets: Option<Arc<Secrets>>,
        emulator: Option<Arc<LocalEmulator>>,
        options: EngineOptions,
    ) -> Result<Engine, SyncError> {
        let lock_path: PathBuf = data_dir.join("sync.lock");
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(SyncError::Lock)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(SyncError::Busy),
            Err(std::fs::TryLockError::Error(e)) => return Err(SyncError::Lock(e)),
        }
        let rng = match options.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_entropy(),
        };
        Ok(Engine {
            store,
            secrets: Mutex::new(secrets),
            emulator,
            options,
            connections: Mutex::new(HashMap::new()),
            media: None,
            rng: Mutex::new(rng),
            review_polls: Mutex::new(HashMap::new()),
            _lock: lock,
        })
    }

    /// Uses these secrets from now on (a passphrase was entered, or an
    /// account added since the engine started).
    pub fn use_secrets(&self, secrets: Arc<Secrets>) {
        *self.secrets.lock().unwrap_or_else(|e| e.into_inner()) = Some(secrets);
    }

    /// Takes post media from this library (uploads read it).
    pub fn with_media(mut self, media: studio_media::MediaStore) -> Engine {
        self.media = Some(media);
        self
    }

    fn unit(&self) -> f64 {
        self.rng.lock().unwrap_or_else(|e| e.into_inner()).gen()
    }

    fn connection(&self, account: &Account) -> Result<Connection, SyncError> {
        if let Some(c) = self.connections.lock().unwrap_or_else(|e| e.into_inner()).get(&account.id) {
            return Ok(c.clone());
        }
        let fail = |detail: String| SyncError::Account { account: account.id, detail };
        let secrets = self.secrets.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let (gateway_url, app_key, platform_key) = if account.is_emulator() {
            let emulator = self.emulator.as_ref().ok_or_else(|| fail("the built-in emulator is not running".into()))?;
            (emulator.gateway_url(), emulator.app_key().clone(), emulator.platform_public_key().clone())
        } else {
            let secrets = secrets.as_ref().ok_or_else(|| fail("the secrets are locked".into()))?;
            let key_text = secrets
                .get(&secrets::name::app_key(account.id))
                .map_err(|e| fail(e.to_string()))?
                .ok_or_else(|| fail("no app private key is kept for it".into()))?;
            let app_key = PrivateKey::parse(&key_text).map_err(|e| fail(e.to_string()))?;
            let platform_key = PublicKey::parse(&account.platform_key).map_err(|e| fail(e.to_string()))?;
            (account.gateway.clone(), app_key, platform_key)
        };
        let app_auth_token = if account.has_auth_token {
            let secrets = secrets.as_ref().ok_or_else(|| fail("the secrets are locked".into()))?;
            secrets.get(&secrets::name::auth_token(account.id)).map_err(|e| fail(e.to_string()))?
        } else {
            None
        };
        let client = AlipayClient::new(Config {
            gateway_url,
            app_id: account.app_id.clone(),
            app_key,
            alipay_public_key: platform_key,
            timeout: self.options.timeout,
        });
        let conn = Connection { client, opts: CallOptions { app_auth_token } };
        self.connections.lock().unwrap_or_else(|e| e.into_inner()).insert(account.id, conn.clone());
        Ok(conn)
    }

    /// The connection of a job's account, or why there is none.
    fn connection_for(&self, accounts: &HashMap<AccountId, Account>, id: AccountId) -> Result<Connection, String> {
        match accounts.get(&id) {
            Some(account) => self.connection(account).map_err(|e| e.to_string()),
            None => Err("the account no longer exists".to_string()),
        }
    }

    /// Marks sends cut off by a stopped worker as unknown. Call once before the first round.
    pub async fn recover(&self, now: i64) -> Result<u64, SyncError> {
        Ok(self.store.recover_interrupted_jobs(now).await?)
    }

    /// One round: claims due jobs; for publishes whose answer was lost,
    /// searches the account's contents and adopts a match instead of
    /// sending again; sends the rest; records every outcome in one
    /// transaction.
    pub async fn round(&self, now: i64) -> Result<RoundReport, SyncError> {
        let claimed = self.store.claim_due_jobs(now, self.options.batch).await?;
        let mut report = RoundReport::default();
        if claimed.is_empty() {
            return Ok(report);
        }
        let accounts: HashMap<AccountId, Account> =
            self.store.accounts().await?.into_iter().map(|a| (a.id, a)).collect();
        let mut outcomes: Vec<(OutboxJob, JobOutcome)> = Vec::new();
        let mut to_send: Vec<DueJob> = Vec::new();

        // Lost publishes first, account by account, before anything new goes out.
        let mut lost: HashMap<AccountId, Vec<DueJob>> = HashMap::new();
        for due in claimed {
            if due.job.state == JobState::Unknown && due.job.kind == JobKind::Publish {
                lost.entry(due.job.account_id).or_default().push(due);
            } else {
                to_send.push(due);
            }
        }
        for (account_id, jobs) in lost {
            let conn = match self.connection_for(&accounts, account_id) {
                Ok(conn) => conn,
                Err(why) => {
                    for due in jobs {
                        outcomes.push((due.job, failed(code::ACCOUNT_KEY, why.clone())));
                    }
                    continue;
                }
            };
            match self.reconcile(account_id, &conn, &jobs).await {
                Ok(found) => {
                    for (due, content_id) in jobs.into_iter().zip(found) {
                        match content_id {
                            Some(content_id) => {
                                report.reconciled += 1;
                                outcomes.push((due.job, JobOutcome::Published { content_id }));
                            }
                            None => {
                                self.store.resend_unknown(due.job.id, now).await?;
                                to_send.push(due);
                            }
                        }
                    }
                }
                Err(e) => {
                    // Could not look: stay unknown, look again later.
                    for due in jobs {
                        let next = now + self.options.retry.backoff_ms(due.job.attempts, self.unit());
                        outcomes.push((
                            due.job,
                            JobOutcome::Unknown {
                                next_try_at: next,
                                code: code::OUTCOME_UNKNOWN.into(),
                                detail: e.to_string(),
                            },
                        ));
                    }
                }
            }
        }

        // The same medium is sent once: a second upload of it waits a moment
        // and then finds the first one's file id.
        let mut uploading = HashSet::new();
        to_send.retain(|due| {
            if due.job.kind != JobKind::UploadMedia || uploading.insert((due.job.account_id, due.payload.clone())) {
                return true;
            }
            outcomes.push((
                due.job.clone(),
                JobOutcome::RetryAt {
                    next_try_at: now + 200,
                    code: code::WAITING_FOR_UPLOAD.into(),
                    detail: String::new(),
                },
            ));
            false
        });

        // Then the sends, at most `concurrency` at a time.
        let semaphore = Arc::new(tokio::sync::Semaphore::new(self.options.concurrency.max(1)));
        let mut tasks = tokio::task::JoinSet::new();
        for due in to_send {
            let conn = match self.connection_for(&accounts, due.job.account_id) {
                Ok(conn) => conn,
                Err(why) => {
                    outcomes.push((due.job, failed(code::ACCOUNT_KEY, why)));
                    continue;
                }
            };
            let permit = semaphore.clone().acquire_owned().await.expect("the semaphore is never closed");
            report.sent += 1;
            let files = Files { store: self.store.clone(), media: self.media.clone() };
            tasks.spawn(async move {
                let result = send(&conn, &files, &due).await;
                drop(permit);
                (due, result)
            });
        }
        while let Some(joined) = tasks.join_next().await {
            let (due, result) = joined.expect("a send task does not panic");
            let outcome = self.judge(&due.job, result, now);
            outcomes.push((due.job, outcome));
        }
        for (_, outcome) in &outcomes {
            match outcome {
                JobOutcome::Published { .. }
                | JobOutcome::Announced { .. }
                | JobOutcome::Uploaded { .. }
                | JobOutcome::Done => report.done += 1,
                JobOutcome::RetryAt { code: why, .. } => {
                    report.retried += 1;
                    if why == code::UNREACHABLE {
                        report.unreachable += 1;
                    }
                }
                JobOutcome::Unknown { .. } => report.retried += 1,
                JobOutcome::Failed { .. } => report.failed += 1,
            }
        }
        self.store.record_outcomes(&outcomes, now).await?;
        Ok(report)
    }

    /// For each lost publish, the content id of the account's content it
    /// became, if the platform has it: same title and text, not already
    /// known to the library, each content matched at most once.
    async fn reconcile(
        &self,
        account_id: AccountId,
        conn: &Connection,
        jobs: &[DueJob],
    ) -> Result<Vec<Option<String>>, SyncError> {
        let contents = all_contents(conn).await?;
        let mut taken: HashSet<String> = self.store.known_content_ids(account_id).await?.into_iter().collect();
        let files = Files { store: self.store.clone(), media: None };
        let mut found = Vec::with_capacity(jobs.len());
        for due in jobs {
            let mut sent: Option<ContentPublish> = serde_json::from_str(&due.payload).ok();
            // What was sent named the media by the file ids their uploads recorded.
            for info in sent.iter_mut().flat_map(|s| s.source_media_infos.iter_mut()) {
                if files.put_in_upload(account_id, &mut info.media_id).await.is_err() {
                    sent = None;
                    break;
                }
            }
            let hit = sent.and_then(|sent| {
                contents
                    .iter()
                    .rev() // oldest first: lost sends are older than later ones
                    .find(|c| !taken.contains(&c.content_id) && matches_sent(c, &sent))
                    .map(|c| c.content_id.clone())
            });
            if let Some(id) = &hit {
                taken.insert(id.clone());
            }
            found.push(hit);
        }
        Ok(found)
    }

    /// Decides what a send's result means for its job.
    fn judge(&self, job: &OutboxJob, result: Result<JobOutcome, SendError>, now: i64) -> JobOutcome {
        let error = match result {
            Ok(outcome) => return outcome,
            Err(SendError::BadJob(detail)) => return failed(code::BAD_JOB, detail),
            Err(SendError::Platform(e)) => e,
        };
        // Repeating these does no harm: the platform keys them or they are idempotent.
        let repeatable = job.kind != JobKind::Publish;
        if repeatable && job.attempts > 1 {
            if let alipay_open::Error::Platform { sub_code, .. } = &error {
                // A delete repeated after a lost answer finds nothing left to delete.
                if matches!(sub_code.as_str(), "isv.advance-not-exist") && job.kind == JobKind::LiveDelete {
                    return JobOutcome::Done;
                }
            }
        }
        let detail = error.to_string();
        let policy = self.options.retry;
        // The platform audits one profile edit at a time: the next waits,
        // however long the audit takes, without counting as a failure.
        if let alipay_open::Error::Platform { sub_code, .. } = &error {
            if job.kind == JobKind::ProfileModify && sub_code == PROFILE_AUDITING {
                let next_try_at = now + policy.backoff_ms(job.attempts.min(30), self.unit()).max(policy.base_ms);
                return JobOutcome::RetryAt { next_try_at, code: code::WAITING_FOR_AUDIT.into(), detail };
            }
        }
        let retry = error.retry();
        if retry == Retry::Never {
            return failed(code::REFUSED, platform_words(&error));
        }
        if job.attempts >= policy.max_attempts {
            let code =
                if retry == Retry::ReconcileFirst && !repeatable { code::OUTCOME_UNKNOWN } else { code::GAVE_UP };
            return failed(code, detail);
        }
        let unit = self.unit();
        match retry {
            Retry::Safe => JobOutcome::RetryAt {
                next_try_at: now + policy.backoff_ms(job.attempts, unit),
                code: code::UNREACHABLE.into(),
                detail,
            },
            Retry::After(d) => JobOutcome::RetryAt {
                next_try_at: now + policy.after_ms(d.as_millis() as i64, unit).min(policy.cap_ms),
                code: code::BUSY.into(),
                detail,
            },
            Retry::ReconcileFirst if repeatable => JobOutcome::RetryAt {
                next_try_at: now + policy.backoff_ms(job.attempts, unit),
                code: code::OUTCOME_UNKNOWN.into(),
                detail,
            },
            Retry::ReconcileFirst | Retry::Never => JobOutcome::Unknown {
                next_try_at: now + policy.backoff_ms(job.attempts, unit),
                code: code::OUTCOME_UNKNOWN.into(),
                detail,
            },
        }
    }

    /// Runs rounds until no job waits (each finished or stopped for the
    /// user) or `deadline` (Unix ms) passes; sleeps until the next try
    /// between rounds. `clock` gives the current time.
    pub async fn run_until_idle(&self, deadline: i64, clock: impl Fn() -> i64) -> Result<RoundReport, SyncError> {
        let mut total = RoundReport::default();
        self.recover(clock()).await?;
        loop {
            let now = clock();
            if now >= deadline {
                break;
            }
            let r = self.round(now).await?;
            total.sent += r.sent;
            total.done += r.done;
            total.reconciled += r.reconciled;
            total.retried += r.retried;
            total.failed += r.failed;
            total.unreachable += r.unreachable;
            if r.sent + r.done + r.reconciled + r.retried + r.failed > 0 {
                continue;
            }
            match self.store.next_job_time().await? {
                None => break,
                Some(at) => {
                    let wait = (at - clock()).clamp(1, 1_000).min((deadline - clock()).max(1));
                    tokio::time::sleep(Duration::from_millis(wait as u64)).await;
                }
            }
        }
        Ok(total)
    }

    /// Asks the platform about each of the account's posts under review, and
    /// its profile audit, whose turn has come (see
    /// [`studio_core::sync::REVIEW_POLLING`]): one call each, where a pull
    /// reads every content. A post the platform will not answer about is
    /// left to the next pull.
    pub async fn check_reviews(&self, account: &Account, now: i64) -> Result<PullReport, SyncError> {
        let in_review = self.store.publications_in_review(account.id).await?;
        let auditing = self.store.profile_edits(account.id).await?.iter().any(|e| e.status == "auditing");
        let due: Vec<String> = {
            let mut polls = self.review_polls.lock().unwrap_or_else(|e| e.into_inner());
            polls.retain(|(a, key), _| {
                *a != account.id
                    || (key == PROFILE_AUDIT && auditing)
                    || in_review.iter().any(|p| p.content_id.as_ref() == Some(key))
            });
            let mut due = Vec::new();
            let wanted = in_review
                .iter()
                .filter_map(|p| Some((p.content_id.clone()?, p.scheduled_at)))
                .chain(auditing.then(|| (PROFILE_AUDIT.to_string(), None)));
            for (key, scheduled_at) in wanted {
                let poll =
                    polls.entry((account.id, key.clone())).or_insert((REVIEW_POLLING.first_at(now, scheduled_at), 0));
                if poll.0 <= now {
                    // The next turn is set before asking, so a platform that
                    // does not answer is not asked again at once.
                    poll.1 += 1;
                    poll.0 = now + REVIEW_POLLING.wait_ms(poll.1);
                    due.push(key);
                }
            }
            due
        };
        let mut report = PullReport::default();
        if due.is_empty() {
            return Ok(report);
        }
        let conn = self.connection(account)?;
        for key in due {
            if key == PROFILE_AUDIT {
                let info = conn.client.public_info(&conn.opts).await?;
                report.audits += self.record_audit(account, &info, now).await?;
                continue;
            }
            let state = match conn.client.content(&key, &conn.opts).await {
                Ok(state) => state,
                Err(alipay_open::Error::Platform { .. }) => continue,
                Err(e) => return Err(e.into()),
            };
            let Some(status) = PublicationStatus::from_source_status(state.source_status) else { continue };
            if let Some(p) = self
                .store
                .record_content_status(account.id, &key, status, &state.reject_reason, &state.link, now)
                .await?
            {
                report.changed.push(p);
            }
            if status != PublicationStatus::UnderReview {
                self.review_polls.lock().unwrap_or_else(|e| e.into_inner()).remove(&(account.id, key));
            }
        }
        Ok(report)
    }

    /// When [`Engine::check_reviews`] next has something to ask, if anything
    /// it knows of is under review.
    pub fn next_review_check(&self) -> Option<i64> {
        self.review_polls.lock().unwrap_or_else(|e| e.into_inner()).values().map(|p| p.0).min()
    }

    async fn record_audit(
        &self,
        account: &Account,
        info: &alipay_open::methods::PublicInfo,
        now: i64,
    ) -> Result<u64, SyncError> {
        let approved = match info.audit_status.as_str() {
            "AUDIT_SUCCESS" => true,
            "AUDIT_FAILED" => false,
            _ => return Ok(0),
        };
        Ok(self.store.record_profile_audit(account.id, approved, &info.audit_desc, now).await?)
    }

    /// Brings the platform's word back for one account: review results and
    /// deletions of known contents, contents made elsewhere (adopted as
    /// drafts), and the audit of submitted profile edits.
    pub async fn pull(&self, account: &Account, now: i64) -> Result<PullReport, SyncError> {
        let conn = self.connection(account)?;
        let contents = all_contents(&conn).await?;
        let known: HashSet<String> = self.store.known_content_ids(account.id).await?.into_iter().collect();
        let unresolved: Vec<ContentPublish> = self
            .store
            .unresolved_publishes(account.id)
            .await?
            .into_iter()
            .filter_map(|u| serde_json::from_str(&u.payload).ok())
            .collect();
        let mut report = PullReport::default();
        for c in contents.iter().rev() {
            let Some(status) = PublicationStatus::from_source_status(c.source_status) else { continue };
            if known.contains(&c.content_id) {
                if let Some(p) = self
                    .store
                    .record_content_status(account.id, &c.content_id, status, &c.reject_reason, &c.link, now)
                    .await?
                {
                    report.changed.push(p);
                }
            } else if unresolved.iter().any(|sent| matches_sent(c, sent)) {
                // Possibly one of ours whose answer was lost: the outbox settles it.
            } else {
                let remote = RemoteContent {
                    content_id: &c.content_id,
                    title: &c.source_title,
                    body: &c.source_content,
                    status,
                    reason: &c.reject_reason,
                };
                self.store.adopt_remote_content(account.id, &remote, now).await?;
                report.adopted += 1;
            }
        }
        let edits = self.store.profile_edits(account.id).await?;
        if edits.iter().any(|e| e.status == "auditing") {
            let info = conn.client.public_info(&conn.opts).await?;
            report.audits += self.record_audit(account, &info, now).await?;
        }
        Ok(report)
    }
}

fn failed(code: &str, detail: String) -> JobOutcome {
    JobOutcome::Failed { code: code.to_string(), detail }
}

/// The platform's own words for a refusal.
fn platform_words(e: &alipay_open::Error) -> String {
    match e {
        alipay_open::Error::Platform { code, sub_code, sub_msg, msg } => {
            format!("{code} {sub_code}: {}", if sub_msg.is_empty() { msg } else { sub_msg })
        }
        other => other.to_string(),
    }
}

/// Whether platform content `c` is what `sent` asked for: the same title
/// and text, and the same media when the platform lists them (and `sent`
/// names them by file id, not by placeholder), which tells apart two posts
/// of the same words.
fn matches_sent(c: &ContentState, sent: &ContentPublish) -> bool {
    let resolved = sent.source_media_infos.iter().all(|m| request::placeholder_medium(&m.media_id).is_none());
    c.source_title == sent.source_title
        && c.source_content == sent.source_content
        && (!resolved || c.source_media_infos.as_ref().is_none_or(|media| *media == sent.source_media_infos))
}

/// Tries of one read (a page of contents) before giving up for this round.
const READ_TRIES: u32 = 8;

/// Every content of the account, newest first (batchquery pages of 20).
/// Reads change nothing, so each page is simply asked again when it fails.
async fn all_contents(conn: &Connection) -> Result<Vec<ContentState>, alipay_open::Error> {
    let mut all = Vec::new();
    let mut page_num = 1;
    loop {
        let query = ContentBatchQuery { page_num, page_size: 20, need_detail: true, status: None };
        let mut tries = 0;
        let page = loop {
            tries += 1;
            match conn.client.content_page(&query, &conn.opts).await {
                Ok(page) => break page,
                Err(e) if tries < READ_TRIES && e.retry() != Retry::Never => {
                    let wait = match e.retry() {
                        Retry::After(d) => d.min(Duration::from_secs(2)),
                        _ => Duration::from_millis(20 * u64::from(tries)),
                    };
                    tokio::time::sleep(wait).await;
                }
                Err(e) => return Err(e),
            }
        };
        let n = page.contents.len();
        all.extend(page.contents);
        if n == 0 || all.len() as u64 >= page.total {
            break;
        }
        page_num += 1;
    }
    Ok(all)
}

enum SendError {
    BadJob(String),
    Platform(alipay_open::Error),
}

impl From<alipay_open::Error> for SendError {
    fn from(e: alipay_open::Error) -> SendError {
        SendError::Platform(e)
    }
}

/// Where a send finds uploaded file ids and media bytes.
struct Files {
    store: Store,
    media: Option<studio_media::MediaStore>,
}

impl Files {
    /// Replaces a medium placeholder with what its upload recorded (a file
    /// id, or a picture's URL); leaves anything else as it is.
    async fn put_in_upload(&self, account: AccountId, value: &mut String) -> Result<(), SendError> {
        let Some((purpose, hash)) = request::placeholder_medium(value) else { return Ok(()) };
        let uploaded = self
            .store
            .remote_file(account, hash, purpose)
            .await
            .map_err(|e| SendError::BadJob(e.to_string()))?
            .ok_or_else(|| SendError::BadJob(format!("medium {hash} was not uploaded")))?;
        *value = uploaded;
        Ok(())
    }

    /// Fills in the platform's id of a livestream's announcement, which a
    /// change or withdrawal queued behind an unanswered announcement could
    /// not know yet.
    async fn put_in_advance_id(&self, livestream: i64, value: &mut String) -> Result<(), SendError> {
        if value.is_empty() {
            *value = self
                .store
                .livestream_advance_id(livestream)
                .await
                .map_err(|e| SendError::BadJob(e.to_string()))?
                .ok_or_else(|| SendError::BadJob(format!("livestream {livestream} was never announced")))?;
        }
        Ok(())
    }
}

/// Sends one job's frozen request.
async fn send(conn: &Connection, files: &Files, due: &DueJob) -> Result<JobOutcome, SendError> {
    let bad = |e: serde_json::Error| SendError::BadJob(e.to_string());
    let account = due.job.account_id;
    match due.job.kind {
        JobKind::Publish => {
            let mut request: ContentPublish = serde_json::from_str(&due.payload).map_err(bad)?;
            // The uploads before this job recorded the media's file ids.
            for info in &mut request.source_media_infos {
                files.put_in_upload(account, &mut info.media_id).await?;
            }
            let published = conn.client.publish_content(&request, &conn.opts).await?;
            Ok(JobOutcome::Published { content_id: published.content_id })
        }
        JobKind::DeleteContent => {
            #[derive(serde::Deserialize)]
            struct Delete {
                content_id: String,
            }
            let request: Delete = serde_json::from_str(&due.payload).map_err(bad)?;
            conn.client.delete_content(&request.content_id, &conn.opts).await?;
            Ok(JobOutcome::Done)
        }
        JobKind::LiveCreate => {
            let request: LiveAdvanceCreate = serde_json::from_str(&due.payload).map_err(bad)?;
            let created = conn.client.create_live_advance(&request, &conn.opts).await?;
            Ok(JobOutcome::Announced { advance_id: created.alipay_advance_id })
        }
        JobKind::LiveModify => {
            let mut request: LiveAdvanceModify = serde_json::from_str(&due.payload).map_err(bad)?;
            files.put_in_advance_id(due.job.target, &mut request.alipay_advance_id).await?;
            conn.client.modify_live_advance(&request, &conn.opts).await?;
            Ok(JobOutcome::Done)
        }
        JobKind::LiveDelete => {
            let mut request: LiveAdvanceDelete = serde_json::from_str(&due.payload).map_err(bad)?;
            files.put_in_advance_id(due.job.target, &mut request.alipay_advance_id).await?;
            conn.client.delete_live_advance(&request, &conn.opts).await?;
            Ok(JobOutcome::Done)
        }
        JobKind::ProfileModify => {
            let mut request: alipay_open::methods::PublicInfoModify =
                serde_json::from_str(&due.payload).map_err(bad)?;
            // The pictures went up before this job; their URLs go in.
            for url in request.logo_url.iter_mut().chain(&mut request.background_url) {
                files.put_in_upload(account, url).await?;
            }
            for url in request.shop_pics.iter_mut().flatten() {
                files.put_in_upload(account, url).await?;
            }
            conn.client.modify_public_info(&request, &conn.opts).await?;
            Ok(JobOutcome::Done)
        }
        JobKind::UploadMedia => {
            #[derive(serde::Deserialize)]
            struct Upload {
                hash: String,
                purpose: String,
            }
            let Upload { hash, purpose } = serde_json::from_str(&due.payload).map_err(bad)?;
            // Once per account and purpose: another draft may have sent it already.
            if let Some(file_id) =
                files.store.remote_file(account, &hash, &purpose).await.map_err(|e| SendError::BadJob(e.to_string()))?
            {
                return Ok(JobOutcome::Uploaded { hash, purpose, file_id });
            }
            let media = files.media.clone().ok_or_else(|| SendError::BadJob("no media library".into()))?;
            let (name, bytes) = upload_bytes(media, &hash, &purpose).await.map_err(SendError::BadJob)?;
            if studio_core::sync::is_profile_purpose(&purpose) {
                // Profile pictures are named by URL in the profile edit.
                let uploaded = conn.client.upload_material_image("jpg", &name, bytes, &conn.opts).await?;
                let url = if uploaded.image_url.is_empty() { uploaded.image_id } else { uploaded.image_url };
                return Ok(JobOutcome::Uploaded { hash, purpose, file_id: url });
            }
            let uploaded = conn.client.upload_file(&name, bytes, &conn.opts).await?;
            Ok(JobOutcome::Uploaded { hash, purpose, file_id: uploaded.file_id })
        }
    }
}

/// The bytes uploaded for a medium: a video as it is, a picture as the
/// rendition its purpose names (within the platform's limits, no personal
/// metadata). File work runs off the async threads.
async fn upload_bytes(media: studio_media::MediaStore, hash: &str, purpose: &str) -> Result<(String, Vec<u8>), String> {
    let hash = hash.to_string();
    let purpose = purpose.to_string();
    tokio::task::spawn_blocking(move || {
        let short = &hash[..hash.len().min(16)];
        let Some((rule, focal)) = studio_core::sync::purpose_rendition(&purpose) else {
            let path = media.path_of(&hash).map_err(|e| e.to_string())?;
            let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
            // Named by what the bytes are: a QuickTime movie is not an MP4.
            let ext = match studio_media::sniff(&bytes) {
                Some(studio_core::media::MediaFormat::Mov) => "mov",
                _ => "mp4",
            };
            return Ok((format!("{short}.{ext}"), bytes));
        };
        let spec = studio_core::media::media_rule(rule).spec;
        let rendition = studio_media::render(&media, &hash, &spec, Some(focal)).map_err(|e| e.to_string())?;
        let bytes = std::fs::read(&rendition.path).map_err(|e| e.to_string())?;
        Ok((format!("{short}.jpg"), bytes))
    })
    .await
    .map_err(|e| e.to_string())?
}
