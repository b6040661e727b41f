//! One round of the outbox: claim what is due, settle lost publishes, send
//! the rest at bounded concurrency, judge each result, and record every
//! outcome in one transaction. Rounds overlap when draining: the next one
//! claims while the sends of the one before are still out, so the sends
//! never wait for a round's bookkeeping.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use studio_core::sync::{code, UploadPurpose};
use studio_core::{Account, AccountId, ContentHash, JobKind, JobPayload, JobProblem, JobState, OutboxJob};
use studio_store::{DueJob, JobOutcome};
use tokio::sync::{oneshot, Semaphore};

use crate::engine::Engine;
use crate::judge::{judge, problem_of, SendError};
use crate::pacer::Lane;
use crate::reconcile::Reconciled;
use crate::send::send;
use crate::uploads::Files;
use crate::{RoundReport, SyncError};

/// A second upload of a medium already going up this round waits this long.
const SAME_UPLOAD_WAIT_MS: i64 = 200;

type UploadKey = (AccountId, ContentHash, UploadPurpose);

/// What rounds still out have claimed and not yet recorded: another round
/// leaves these jobs alone and does not send these media again.
#[derive(Default)]
pub(crate) struct InFlight {
    jobs: HashSet<i64>,
    uploads: HashSet<UploadKey>,
}

/// A round's share of [`InFlight`], given back when the round ends, however
/// it ends.
struct Claim<'a> {
    engine: &'a Engine,
    jobs: Vec<i64>,
    uploads: Vec<UploadKey>,
}

impl Claim<'_> {
    /// Takes the upload of a medium for this round, unless a round has it.
    fn upload(&mut self, key: UploadKey) -> bool {
        let fresh = self.engine.in_flight().uploads.insert(key.clone());
        if fresh {
            self.uploads.push(key);
        }
        fresh
    }
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        let mut in_flight = self.engine.in_flight();
        for id in &self.jobs {
            in_flight.jobs.remove(id);
        }
        for key in &self.uploads {
            in_flight.uploads.remove(key);
        }
    }
}

impl Engine {
    /// One round: claims due jobs; for publishes whose answer was lost,
    /// searches the account's contents and adopts a match instead of
    /// sending again; sends the rest; records every outcome in one
    /// transaction.
    pub async fn round(&self, now: i64) -> Result<RoundReport, SyncError> {
        let sends = Arc::new(Semaphore::new(self.options.concurrency.max(1)));
        self.round_sharing(now, &sends, None).await
    }

    /// Rounds until one finds nothing due, each claiming as soon as every
    /// send of the one before is out (at most two rounds at a time, their
    /// sends sharing the `concurrency` bound). `clock` gives the time.
    pub async fn drain(&self, clock: impl Fn() -> i64) -> Result<RoundReport, SyncError> {
        let sends = Arc::new(Semaphore::new(self.options.concurrency.max(1)));
        let mut total = RoundReport::default();
        let mut older = None;
        loop {
            let overlapped = older.is_some();
            let (out, mut all_out) = oneshot::channel();
            let mut newer = Box::pin(self.round_sharing(clock(), &sends, Some(out)));
            let mut newer_done = None;
            let mut newer_out = false;
            // The newer round claims and sends while the older one finishes.
            while older.is_some() || !(newer_out || newer_done.is_some()) {
                tokio::select! {
                    r = async { older.as_mut().expect("guarded").await }, if older.is_some() => {
                        older = None;
                        total.add(&r?);
                    }
                    r = &mut newer, if newer_done.is_none() => newer_done = Some(r),
                    _ = &mut all_out, if !newer_out => newer_out = true,
                }
            }
            match newer_done {
                Some(r) => {
                    let r = r?;
                    total.add(&r);
                    // An idle round claimed beside one still recording may
                    // have missed jobs that its outcomes made due.
                    if r.is_idle() && !overlapped {
                        return Ok(total);
                    }
                }
                None => older = Some(newer),
            }
        }
    }

    /// One round whose sends take turns in `sends`; `all_out` hears when
    /// every send has started (or the round is over).
    async fn round_sharing(
        &self,
        now: i64,
        sends: &Arc<Semaphore>,
        all_out: Option<oneshot::Sender<()>>,
    ) -> Result<RoundReport, SyncError> {
        let except: Vec<i64> = self.in_flight().jobs.iter().copied().collect();
        let claimed = self.store.claim_due_jobs_except(now, self.options.batch, &except).await?;
        let mut claim = Claim { engine: self, jobs: claimed.iter().map(|d| d.job.id).collect(), uploads: Vec::new() };
        self.in_flight().jobs.extend(claim.jobs.iter().copied());
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
            } else if due.job.state == JobState::Unknown && due.job.kind == JobKind::MessageSend {
                // A message sent with no answer (or cut off by a stop) may
                // have reached every follower, and the platform cannot be
                // asked without its id: it stops for the user, never sent again.
                let problem = JobProblem::Network {
                    problem: studio_core::sync::NetworkProblem::NoAnswer,
                    detail: "the send was not answered".into(),
                };
                outcomes.push((due.job, JobOutcome::Failed { code: code::OUTCOME_UNKNOWN, problem: Some(problem) }));
            } else {
                to_send.push(due);
            }
        }
        for (account_id, jobs) in lost {
            // Whatever keeps a lost publish from being looked up, it stays
            // unknown and waits: it is never sent again unlooked.
            let wait = |due: &DueJob, code: &'static str, problem: JobProblem| JobOutcome::Unknown {
                next_try_at: now + self.options.retry.backoff_ms(due.job.attempts, self.unit()).max(1),
                code,
                problem: Some(problem),
            };
            let conn = match self.connection_for(&accounts, account_id) {
                Ok(conn) => conn,
                Err(problem) => {
                    for due in jobs {
                        let outcome = match problem {
                            // Nowhere left to look: it stops for the user, and a
                            // retry looks first all the same.
                            JobProblem::AccountGone => {
                                JobOutcome::Failed { code: code::OUTCOME_UNKNOWN, problem: Some(problem.clone()) }
                            }
                            _ => wait(&due, code::ACCOUNT_KEY, problem.clone()),
                        };
                        outcomes.push((due.job, outcome));
                    }
                    continue;
                }
            };
            match self.reconcile(account_id, &conn, &jobs).await {
                Ok(found) => {
                    for (due, reconciled) in jobs.into_iter().zip(found) {
                        match reconciled {
                            Reconciled::Found(content_id) => {
                                report.reconciled += 1;
                                outcomes.push((due.job, JobOutcome::Published { content_id }));
                            }
                            Reconciled::Absent => {
                                self.store.resend_unknown(due.job.id, now).await?;
                                to_send.push(due);
                            }
                            Reconciled::CannotTell(problem) => {
                                outcomes.push((due.job.clone(), wait(&due, code::OUTCOME_UNKNOWN, problem)));
                            }
                        }
                    }
                }
                // Could not look: stay unknown, look again later.
                Err(e) => {
                    let problem = match &e {
                        SyncError::Platform(e) => problem_of(e),
                        other => JobProblem::Library { detail: other.to_string() },
                    };
                    for due in jobs {
                        outcomes.push((due.job.clone(), wait(&due, code::OUTCOME_UNKNOWN, problem.clone())));
                    }
                }
            }
        }

        // The same medium is sent once: a second upload of it waits a moment
        // and then finds the first one's file id.
        to_send.retain(|due| {
            let JobPayload::UploadMedia { hash, purpose } = &due.payload else { return true };
            if claim.upload((due.job.account_id, hash.clone(), *purpose)) {
                return true;
            }
            let outcome = JobOutcome::RetryAt {
                next_try_at: now + SAME_UPLOAD_WAIT_MS,
                code: code::WAITING_FOR_UPLOAD,
                problem: None,
            };
            outcomes.push((due.job.clone(), outcome));
            false
        });

        // Then the sends, at most `concurrency` at a time.
        let mut tasks = tokio::task::JoinSet::new();
        for due in to_send {
            let conn = match self.connection_for(&accounts, due.job.account_id) {
                Ok(conn) => conn,
                Err(problem) => {
                    outcomes.push((due.job, JobOutcome::Failed { code: code::ACCOUNT_KEY, problem: Some(problem) }));
                    continue;
                }
            };
            let permit = sends.clone().acquire_owned().await.expect("the semaphore is never closed");
            report.sent += 1;
            let files = Files { store: self.store.clone(), media: self.media.clone() };
            let pacer = self.pacer(due.job.account_id);
            tasks.spawn(async move {
                pacer.turn(Lane::Publish).await;
                let result = send(&conn, &files, &due).await;
                drop(permit);
                (due, result)
            });
        }
        drop(all_out);
        while let Some(joined) = tasks.join_next().await {
            let (due, result) = joined.expect("a send task does not panic");
            // Only sends that reached the gateway tell anything of the account.
            let heard = match &result {
                Ok(_) => Some(Ok(())),
                Err(SendError::Platform(e)) => Some(Err(e)),
                Err(SendError::Blocked(_) | SendError::Local(_)) => None,
            };
            if let Some(heard) = heard {
                self.heard(due.job.account_id, &self.pacer(due.job.account_id), heard).await;
            }
            let outcome = judge(due.job.kind, due.job.attempts, result, &self.options.retry, now, self.unit());
            outcomes.push((due.job, outcome));
        }
        for (_, outcome) in &outcomes {
            match outcome {
                JobOutcome::Published { .. }
                | JobOutcome::Announced { .. }
                | JobOutcome::Uploaded { .. }
                | JobOutcome::MenuPublished { .. }
                | JobOutcome::ContentMade { .. }
                | JobOutcome::MessageSent { .. }
                | JobOutcome::Done => report.done += 1,
                JobOutcome::RetryAt { code: why, .. } => {
                    report.retried += 1;
                    if *why == code::UNREACHABLE {
                        report.unreachable += 1;
                    }
                }
                JobOutcome::Unknown { .. } => report.retried += 1,
                JobOutcome::Failed { .. } => report.failed += 1,
            }
        }
        self.store.record_outcomes(&outcomes, now).await?;
        drop(claim);
        Ok(report)
    }
}
