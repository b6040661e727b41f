//! The engine of one library: its lock, its accounts' connections, its
//! jitter, and the loop that runs rounds until nothing is due.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use alipay_open::{AlipayClient, CallOptions, Config, PrivateKey, PublicKey};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use studio_core::{Account, AccountId, JobProblem};
use studio_store::Store;

use crate::secrets::{self, SecretError, Secrets};
use crate::{EngineOptions, LocalGateway, RoundReport, SyncError};

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
    /// When each thing under review is next asked about, and how many
    /// times it has been: (when, asked), by account and content id (or
    /// [`crate::reviews::PROFILE_AUDIT`] for the profile).
    pub(crate) review_polls: Mutex<HashMap<(AccountId, String), (i64, u32)>>,
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

    /// A draw in `[0, 1)` for jitter.
    pub(crate) fn unit(&self) -> f64 {
        self.rng.lock().unwrap_or_else(|e| e.into_inner()).gen()
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
            let r = self.round(now).await?;
            total.add(&r);
            if !r.is_idle() {
                continue;
            }
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
