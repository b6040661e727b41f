//! The Alipay Open Platform gateway, emulated on loopback: a real HTTP
//! server (axum) with SQLite state that verifies every request's RSA2
//! signature against the registered app key, signs every response with
//! the platform key, and models review: content goes from under review to
//! published (or rejected, with a reason) after a delay; profile edits go
//! through audit. The app runs it in-process when no real account is set up,
//! and the tests run it on an ephemeral port.
//!
//! Architecture invariant: requests and responses are read and written
//! with `alipay-open`'s protocol code and nothing else, and every answer is
//! signed; the emulator never trusts a request it could not verify.

mod faults;
mod gateway;
mod ratelimit;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use alipay_open::{PrivateKey, PublicKey};

pub use faults::{Fault, Faults};
pub use gateway::Served;
pub use state::Review;

/// How an emulator is set up.
#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    /// Where to listen; port 0 picks a free one.
    pub listen: SocketAddr,
    /// Folder for its SQLite file; `None` keeps state in memory.
    pub data_dir: Option<PathBuf>,
    /// The platform's key, which signs responses.
    pub platform_key: PrivateKey,
    /// Registered apps: id and public key.
    pub apps: Vec<(String, PublicKey)>,
    /// How review decides.
    pub review: Review,
    /// Faults to inject.
    pub faults: Faults,
    /// Calls per second each app may make; `None` for no limit.
    pub rate_limit: Option<u32>,
    /// How far the platform's clock is ahead of this machine's (behind when
    /// negative), milliseconds: requests are judged by it.
    pub clock_offset_ms: i64,
}

impl EmulatorConfig {
    /// Loopback on a free port, in memory, a new platform key, no apps yet.
    pub fn ephemeral() -> EmulatorConfig {
        EmulatorConfig::with_key(PrivateKey::generate())
    }

    /// As [`EmulatorConfig::ephemeral`], signing with `platform_key` (a key
    /// kept from an earlier run: making one costs a good part of a second).
    pub fn with_key(platform_key: PrivateKey) -> EmulatorConfig {
        EmulatorConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: None,
            platform_key,
            apps: Vec::new(),
            review: Review::default(),
            faults: Faults::default(),
            rate_limit: None,
            clock_offset_ms: 0,
        }
    }
}

/// A running emulator.
pub struct Emulator {
    addr: SocketAddr,
    gateway: Arc<gateway::Gateway>,
    platform_public_key: std::sync::RwLock<PublicKey>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// Why the emulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The address is taken or not allowed.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The state file could not be opened.
    #[error("cannot open the emulator's state: {0}")]
    State(#[from] sqlx::Error),
    /// The data folder could not be made.
    #[error("cannot create the data folder: {0}")]
    Folder(std::io::Error),
}

impl Emulator {
    /// Starts serving `POST /gateway.do`.
    pub async fn start(config: EmulatorConfig) -> Result<Emulator, StartError> {
        let state = state::State::open(config.data_dir.as_deref(), config.review.clone()).await?;
        for (app_id, key) in &config.apps {
            state.register_app(app_id, key).await?;
        }
        let shared = Arc::new(gateway::Gateway {
            state,
            platform_key: std::sync::RwLock::new(config.platform_key.clone()),
            clock_offset_ms: config.clock_offset_ms,
            dice: std::sync::Mutex::new(faults::FaultDice::new(config.faults.clone())),
            limiter: std::sync::Mutex::new(ratelimit::RateLimiter::new(config.rate_limit)),
            calls: std::sync::Mutex::new(Default::default()),
        });
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|source| StartError::Listen { addr: config.listen, source })?;
        let addr = listener.local_addr().map_err(|source| StartError::Listen { addr: config.listen, source })?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app = gateway::router(shared.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Ok(Emulator {
            addr,
            gateway: shared,
            platform_public_key: std::sync::RwLock::new(config.platform_key.public_key()),
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The gateway URL to give a client.
    pub fn gateway_url(&self) -> String {
        format!("http://{}/gateway.do", self.addr)
    }

    /// Changes the faults at run time (what `POST /admin/faults` does).
    pub fn set_faults(&self, faults: Faults) {
        self.gateway.set_faults(faults);
    }

    /// Changes the per-app call rate limit at run time; `None` lifts it.
    pub fn set_rate_limit(&self, per_second: Option<u32>) {
        self.gateway.limiter.lock().unwrap_or_else(|e| e.into_inner()).set(per_second);
    }

    /// The latest verified calls (up to 200,000), oldest first; `clear`
    /// forgets them after reading.
    pub fn calls(&self, clear: bool) -> Vec<Served> {
        let mut log = self.gateway.calls.lock().unwrap_or_else(|e| e.into_inner());
        let all = log.all();
        if clear {
            log.clear();
        }
        all
    }

    /// The public key clients verify responses with.
    pub fn platform_public_key(&self) -> PublicKey {
        self.platform_public_key.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Signs answers with another key from now on, as when the platform's
    /// key is changed in the console: clients must take up its public key.
    pub fn rotate_platform_key(&self, key: PrivateKey) {
        *self.platform_public_key.write().unwrap_or_else(|e| e.into_inner()) = key.public_key();
        *self.gateway.platform_key.write().unwrap_or_else(|e| e.into_inner()) = key;
    }

    /// Stops serving and waits until it has.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
    }
}
