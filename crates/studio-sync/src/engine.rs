//! The engine of one library: its lock, its accounts' connections, its
//! jitter, and the loop that runs rounds until nothing is due.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use alipay_open::{AlipayClient, CallOptions, Config, PrivateKey, PublicKey};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use studio_core::{Account, AccountId, AccountProblem, JobProblem};
use studio_store::Store;

use crate::accounts::{account_problem, UNVERIFIED_IN_A_ROW};
use crate::pacer::{failed, Answered, Lane, Pacer};
use crate::round::InFlight;
use crate::secrets::{self, SecretError, Secrets};
use crate::{EngineOptions, LocalGateway, RoundReport, SyncError};

/// How often an account with a problem is asked whether it is over.
const PROBE_EVERY_MS: i64 = 5 * 60 * 1_000;

/// When an account answers again, its waiting jobs become due within this
/// many milliseconds (or longer when its budget needs it).
const RECOVERY_SPREAD_MS: i64 = 3_000;

/// An account ready to call: its client and call options.
#[derive(Clone)]
pub(crate) struct Connection {
    pub(crate) client: AlipayClient,
    pub(crate) opts: CallOptions,
}

/// The sync engine of one library.
pub struct Engine {
    pub(crate) store: Store,
    secrets: Mutex<Option<Arc<Secrets>>>,
    local: Option<LocalGateway>,
    pub(crate) options: EngineOptions,
    connections: Mutex<HashMap<AccountId, Connection>>,
    pub(crate) media: Option<studio_media::MediaStore>,
    rng: Mutex<StdRng>,
    /// Each account's pace.
    pacers: Mutex<HashMap<AccountId, Arc<Pacer>>>,
    /// When each account with a problem was last asked whether it is over.
    probed: Mutex<HashMap<AccountId, i64>>,
    /// What the rounds still out have claimed.
    in_flight: Mutex<InFlight>,
    _lock: std::fs::File,
}

impl Engine {
    /// The engine of the library in `data_dir`; accounts on the built-in
    /// emulator go to `local`. Fails with `Busy` when another worker already
    /// runs on it.
    pub fn new(
        store: Store,
        data_dir: &Path,
        secrets: Option<Arc<Secrets>>,
        local: Option<LocalGateway>,
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
            local,
            options,
            connections: Mutex::new(HashMap::new()),
            media: None,
            rng: Mutex::new(rng),
            pacers: Mutex::new(HashMap::new()),
            probed: Mutex::new(HashMap::new()),
            in_flight: Mutex::new(InFlight::default()),
            _lock: lock,
        })
    }

    /// Uses these secrets from now on (a passphrase was entered, or an
    /// account added since the engine started).
    pub fn use_secrets(&self, secrets: Arc<Secrets>) {
        *self.secrets.lock().unwrap_or_else(|e| e.into_inner()) = Some(secrets);
        self.accounts_changed();
    }

    /// Takes post media from this library (uploads read it).
    pub fn with_media(mut self, media: studio_media::MediaStore) -> Engine {
        self.media = Some(media);
        self
    }

    /// A draw in `[0, 1)` for jitter.
    pub(crate) fn unit(&self) -> f64 {
        self.rng.lock().unwrap_or_else(|e| e.into_inner()).gen()
    }

    /// What the rounds still out have claimed.
    pub(crate) fn in_flight(&self) -> std::sync::MutexGuard<'_, InFlight> {
        self.in_flight.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The pace of an account's calls.
    pub(crate) fn pacer(&self, account: AccountId) -> Arc<Pacer> {
        let mut pacers = self.pacers.lock().unwrap_or_else(|e| e.into_inner());
        pacers.entry(account).or_insert_with(|| Arc::new(Pacer::new(self.options.calls_per_second))).clone()
    }

    /// Makes one gateway call of `account` in `lane`, in its turn, and
    /// records how it went for the account.
    pub(crate) async fn paced<T>(
        &self,
        account: AccountId,
        lane: Lane,
        call: impl std::future::Future<Output = Result<T, alipay_open::Error>>,
    ) -> Result<T, alipay_open::Error> {
        let pacer = self.pacer(account);
        pacer.turn(lane).await;
        let result = call.await;
        self.heard(account, &pacer, result.as_ref().map(|_| ())).await;
        result
    }

    /// Notes how a call of `account` went. Its pace follows the platform's
    /// answers; when it answers again after failing, its jobs waiting out
    /// their backoff become due within seconds (spread within its budget),
    /// so the end of an outage is not followed by the longest backoff. A
    /// refusal of the whole account (an unknown app, requests that do not
    /// verify, a clock off), or answers that keep failing their signature,
    /// set the account's problem: its jobs then wait for the fix.
    pub(crate) async fn heard(&self, account: AccountId, pacer: &Pacer, result: Result<(), &alipay_open::Error>) {
        let unverified = match result {
            Err(alipay_open::Error::BadSignature(_)) => pacer.verified(false).await,
            Ok(()) | Err(alipay_open::Error::Platform { .. }) => pacer.verified(true).await,
            Err(_) => 0,
        };
        let problem = match result {
            Err(e @ alipay_open::Error::Platform { .. }) => account_problem(e),
            Err(alipay_open::Error::BadSignature(_)) if unverified >= UNVERIFIED_IN_A_ROW => {
                Some(AccountProblem::PlatformKeyMismatch)
            }
            _ => None,
        };
        if let Some(problem) = problem {
            // A failure to record it leaves the jobs retrying: no harm done.
            let _ = self.store.set_account_problem(account, Some(&problem)).await;
            self.forget_connection(account);
        }
        let how = result.map_or_else(failed, |()| Answered::Yes);
        if !pacer.answered(how).await {
            return;
        }
        let now = crate::now_ms();
        let Ok(waiting) = self.store.jobs_waiting_out_failures(account, now + RECOVERY_SPREAD_MS).await else { return };
        if waiting.is_empty() {
            return;
        }
        let per_call_ms = if self.options.calls_per_second.is_finite() {
            1_000.0 / self.options.calls_per_second.max(0.001)
        } else {
            0.0
        };
        let spread = (RECOVERY_SPREAD_MS as f64).max(waiting.len() as f64 * per_call_ms);
        let times: Vec<(i64, i64)> = waiting.into_iter().map(|id| (id, now + (spread * self.unit()) as i64)).collect();
        // A failure to bring them forward leaves them on their backoff: no harm done.
        let _ = self.store.bring_forward(&times).await;
    }

    /// Forgets an account's connection, so the next call uses its keys as
    /// they are now.
    pub(crate) fn forget_connection(&self, account: AccountId) {
        self.connections.lock().unwrap_or_else(|e| e.into_inner()).remove(&account);
    }

    /// Takes up accounts as they are now: changed keys, gateways and
    /// public keys are used from the next call.
    pub fn accounts_changed(&self) {
        self.connections.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    pub(crate) fn connection(&self, account: &Account) -> Result<Connection, SyncError> {
        if let Some(c) = self.connections.lock().unwrap_or_else(|e| e.into_inner()).get(&account.id) {
            return Ok(c.clone());
        }
        let fail = |problem: JobProblem| SyncError::Account { account: account.id, problem };
        let secret_problem = |e: SecretError| match e {
            SecretError::NoKeychain(_) | SecretError::WrongPassphrase => JobProblem::SecretsLocked,
            other => JobProblem::KeyUnusable { detail: other.to_string() },
        };
        let secrets = self.secrets.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let (gateway_url, app_key, platform_key) = if account.is_emulator() {
            let local = self.local.as_ref().ok_or_else(|| fail(JobProblem::EmulatorStopped))?;
            (local.url.clone(), local.app_key.clone(), local.platform_key.clone())
        } else {
            let secrets = secrets.as_ref().ok_or_else(|| fail(JobProblem::SecretsLocked))?;
            let key_text = secrets
                .get(&secrets::name::app_key(account.id))
                .map_err(|e| fail(secret_problem(e)))?
                .ok_or_else(|| fail(JobProblem::AppKeyMissing))?;
            let unusable = |e: alipay_open::KeyError| fail(JobProblem::KeyUnusable { detail: e.to_string() });
            let app_key = PrivateKey::parse(&key_text).map_err(unusable)?;
            let platform_key = PublicKey::parse(&account.platform_key).map_err(unusable)?;
            (account.gateway.clone(), app_key, platform_key)
        };
        let app_auth_token = if account.has_auth_token {
            let secrets = secrets.as_ref().ok_or_else(|| fail(JobProblem::SecretsLocked))?;
            secrets.get(&secrets::name::auth_token(account.id)).map_err(|e| fail(secret_problem(e)))?
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

    /// The connection of a job's account, or what keeps it from being used.
    pub(crate) fn connection_for(
        &self,
        accounts: &HashMap<AccountId, Account>,
        id: AccountId,
    ) -> Result<Connection, JobProblem> {
        match accounts.get(&id) {
            Some(account) => self.connection(account).map_err(|e| match e {
                SyncError::Account { problem, .. } => problem,
                other => JobProblem::KeyUnusable { detail: other.to_string() },
            }),
            None => Err(JobProblem::AccountGone),
        }
    }

    /// Asks an account whose problem was noticed whether it is over (one
    /// signed call, at most every few minutes): a clock set right, a key
    /// changed back in the console. When it is, its waiting jobs go on.
    pub async fn probe(&self, account: &Account, now: i64) -> Result<bool, SyncError> {
        if account.problem.is_none() {
            return Ok(false);
        }
        {
            let mut probed = self.probed.lock().unwrap_or_else(|e| e.into_inner());
            let last = probed.entry(account.id).or_insert(i64::MIN);
            if now.saturating_sub(*last) < PROBE_EVERY_MS {
                return Ok(false);
            }
            *last = now;
        }
        self.forget_connection(account.id);
        let conn = self.connection(account)?;
        if self.paced(account.id, Lane::Poll, conn.client.public_info(&conn.opts)).await.is_err() {
            return Ok(false);
        }
        Ok(self.store.set_account_problem(account.id, None).await?)
    }

    /// Marks sends cut off by a stopped worker as unknown. Call once before the first round.
    pub async fn recover(&self, now: i64) -> Result<u64, SyncError> {
        Ok(self.store.recover_interrupted_jobs(now).await?)
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
            total.add(&self.drain(&clock).await?);
            match self.store.next_job_time().await? {
                // Nothing due before the deadline (a publish held until the
                // platform takes its time, a retry far off): done for now.
                None => break,
                Some(at) if at >= deadline => break,
                Some(at) => {
                    let wait = (at - clock()).clamp(1, 1_000).min((deadline - clock()).max(1));
                    tokio::time::sleep(Duration::from_millis(wait as u64)).await;
                }
            }
        }
        Ok(total)
    }
}
