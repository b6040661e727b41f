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
//!
//! Where to read: [`Engine`] (`engine.rs`), then a round (`round.rs`): what
//! is claimed, reconciled (`reconcile.rs`), sent (`send.rs`, with the
//! requests made from payloads in `request.rs` and the uploads' files from
//! `uploads.rs`) and judged (`judge.rs`). Reviews and pulls are in
//! `reviews.rs`.

mod accounts;
mod engine;
mod judge;
mod pacer;
mod reconcile;
mod request;
mod reviews;
mod round;
pub mod secrets;
mod send;
mod uploads;

use std::time::Duration;

use alipay_open::{PrivateKey, PublicKey};
use studio_core::sync::{RetryPolicy, RETRY};
use studio_core::{AccountId, Publication};
use studio_store::StoreError;

pub use accounts::{check_account, AccountKeys};
pub use engine::Engine;
pub use secrets::{SecretError, Secrets};
pub use studio_core::sync::code;

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
    #[error("account {account} cannot be used")]
    Account {
        /// The account.
        account: AccountId,
        /// Why.
        problem: studio_core::JobProblem,
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
    /// The most gateway calls a second per account (infinite: unpaced).
    pub calls_per_second: f64,
    /// How often each account's contents are read whole, to notice
    /// deletions made elsewhere; between sweeps only the newest pages are read.
    pub sweep_every: Duration,
}

/// The calls a second each account may make unless told otherwise. The
/// platform documents per-method limits only in each app's console, not
/// publicly; 10 a second is a conservative figure, well under what a
/// published app is granted, and the pace drops further when the platform
/// says it is busy.
pub const DEFAULT_CALLS_PER_SECOND: f64 = 10.0;

/// How often an account's contents are read whole unless told otherwise.
pub const DEFAULT_SWEEP_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

impl Default for EngineOptions {
    fn default() -> EngineOptions {
        EngineOptions {
            concurrency: 8,
            batch: 64,
            timeout: Duration::from_secs(15),
            retry: RETRY,
            seed: None,
            calls_per_second: DEFAULT_CALLS_PER_SECOND,
            sweep_every: DEFAULT_SWEEP_EVERY,
        }
    }
}

/// The time now, Unix milliseconds.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// A gateway on this machine whose keys are known: the built-in emulator,
/// which serves the accounts whose gateway is `emulator`.
#[derive(Clone)]
pub struct LocalGateway {
    /// Its URL.
    pub url: String,
    /// The demo app's private key.
    pub app_key: PrivateKey,
    /// The key its answers are signed with.
    pub platform_key: PublicKey,
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

impl RoundReport {
    /// Whether the round did anything at all.
    pub fn is_idle(&self) -> bool {
        self.sent + self.done + self.reconciled + self.retried + self.failed == 0
    }

    /// Adds another round's figures.
    pub fn add(&mut self, r: &RoundReport) {
        self.sent += r.sent;
        self.done += r.done;
        self.reconciled += r.reconciled;
        self.retried += r.retried;
        self.failed += r.failed;
        self.unreachable += r.unreachable;
    }
}

/// What a pull brought back.
#[derive(Debug, Default, Clone)]
pub struct PullReport {
    /// Pages of contents read.
    pub pages: usize,
    /// Whether every page was read (a sweep), not only the newest.
    pub swept: bool,
    /// Publications whose status changed (review results, deletions).
    pub changed: Vec<Publication>,
    /// Contents made outside the studio, now in the library.
    pub adopted: usize,
    /// Profile edits whose audit finished.
    pub audits: u64,
}
