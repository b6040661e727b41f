//! Each account's calls are paced under its budget: a token bucket shared
//! by publishing, review questions and reads, with publishing first (the
//! others leave it a reserve). When the platform says it is busy, or does
//! not answer, the pace halves and then comes back a step with each answer
//! (backoff for the account, not failure for the jobs).

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// Who is calling, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lane {
    /// Sending the outbox (and finding out what became of lost sends).
    Publish,
    /// Asking about posts under review and profile audits.
    Poll,
    /// Reading the account's contents.
    Pull,
}

/// The share of the bucket the other lanes leave to publishing.
const PUBLISH_RESERVE: f64 = 0.25;
/// The slowest pace a throttled account falls to, calls a second.
const FLOOR: f64 = 0.5;

/// How one call went, for the pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answered {
    /// The platform answered (whatever it said).
    Yes,
    /// It would not serve the call now: the platform's `20000`, or HTTP 429.
    Busy,
    /// No answer came, or none could be used (a 5xx, a lost connection).
    No,
}

/// The pace of one account.
#[derive(Debug)]
pub(crate) struct Pacer {
    /// The budget, calls a second (also the largest burst).
    budget: f64,
    state: Mutex<PaceState>,
}

#[derive(Debug)]
struct PaceState {
    tokens: f64,
    last: Instant,
    /// The pace now: the budget, or less after the platform was busy.
    rate: f64,
    /// Calls answered in a row.
    streak: u32,
    /// When the pace was last halved: many calls refused together halve it once.
    halved_at: Option<Instant>,
    /// Calls that went unanswered or busy since the account last recovered.
    failed: u32,
    /// Answers in a row whose signature did not verify.
    unverified: u32,
}

/// Answers in a row after which an account that was failing counts as
/// answering again (a storm with some answers in it is still a storm).
const RECOVERED_AFTER: u32 = 5;
/// Failures that make an account count as failing.
const FAILING_AFTER: u32 = 3;
/// The pace halves at most this often.
const HALVE_AT_MOST_EVERY: Duration = Duration::from_secs(1);

impl Pacer {
    /// A pacer of `budget` calls a second. It starts with one call in
    /// hand, not a full bucket: another process (an app just closed) may
    /// have spent the account's burst a moment ago.
    pub(crate) fn new(budget: f64) -> Pacer {
        let budget = budget.max(FLOOR);
        Pacer {
            budget,
            state: Mutex::new(PaceState {
                tokens: 1.0,
                last: Instant::now(),
                rate: budget,
                streak: 0,
                halved_at: None,
                failed: 0,
                unverified: 0,
            }),
        }
    }

    /// Waits for the turn of a call in `lane`.
    pub(crate) async fn turn(&self, lane: Lane) {
        if self.budget.is_infinite() {
            return;
        }
        loop {
            let wait = {
                let mut s = self.state.lock().await;
                let now = Instant::now();
                let capacity = s.rate.max(1.0);
                s.tokens = (s.tokens + now.duration_since(s.last).as_secs_f64() * s.rate).min(capacity);
                s.last = now;
                let keep = if lane == Lane::Publish { 0.0 } else { PUBLISH_RESERVE * capacity };
                if s.tokens >= 1.0 + keep {
                    s.tokens -= 1.0;
                    return;
                }
                Duration::from_secs_f64((1.0 + keep - s.tokens) / s.rate)
            };
            tokio::time::sleep(wait).await;
        }
    }

    /// Records whether an answer's signature verified; the count of
    /// answers in a row that did not.
    pub(crate) async fn verified(&self, verified: bool) -> u32 {
        let mut s = self.state.lock().await;
        s.unverified = if verified { 0 } else { s.unverified + 1 };
        s.unverified
    }

    /// Records how a call went; `true` when the account answers again
    /// (several answers in a row) after it was failing.
    pub(crate) async fn answered(&self, how: Answered) -> bool {
        let mut s = self.state.lock().await;
        match how {
            Answered::Yes => {
                // Back up a step at a time: a tenth of the budget per answer.
                s.rate = (s.rate + self.budget / 10.0).min(self.budget);
                s.streak += 1;
                if s.streak >= RECOVERED_AFTER && s.failed >= FAILING_AFTER {
                    s.failed = 0;
                    return true;
                }
                false
            }
            Answered::Busy | Answered::No => {
                let now = Instant::now();
                if how == Answered::Busy && s.halved_at.is_none_or(|at| now.duration_since(at) >= HALVE_AT_MOST_EVERY) {
                    s.rate = (s.rate / 2.0).max(FLOOR.min(self.budget));
                    s.halved_at = Some(now);
                }
                s.streak = 0;
                s.failed += 1;
                false
            }
        }
    }

    /// The pace now, calls a second.
    #[cfg(test)]
    async fn rate(&self) -> f64 {
        self.state.lock().await.rate
    }
}

/// How a failed gateway call bears on the pace.
pub(crate) fn failed(e: &alipay_open::Error) -> Answered {
    use alipay_open::Error;
    match e {
        Error::Http { status: 429, .. } => Answered::Busy,
        Error::Http { .. } => Answered::No,
        // `20000`: the one answer the platform documents for a call it did not serve.
        Error::Platform { code, .. } if code == "20000" => Answered::Busy,
        Error::Platform { .. } => Answered::Yes,
        Error::Unreachable(_) | Error::OutcomeUnknown(_) | Error::Malformed(_) | Error::BadSignature(_) => Answered::No,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn calls_keep_to_the_budget_and_publishing_keeps_its_reserve() {
        let pacer = Pacer::new(10.0);
        let start = tokio::time::Instant::now();
        for _ in 0..31 {
            pacer.turn(Lane::Publish).await;
        }
        // One at once, then 10 a second.
        let took = start.elapsed().as_secs_f64();
        assert!((2.9..=3.1).contains(&took), "{took}");
        // Once the bucket has filled, a burst of its size.
        tokio::time::sleep(Duration::from_secs(5)).await;
        let start = tokio::time::Instant::now();
        for _ in 0..10 {
            pacer.turn(Lane::Publish).await;
        }
        assert!(start.elapsed().as_millis() < 10);
        // Polls leave a quarter of the bucket to publishing.
        let pacer = Pacer::new(8.0);
        tokio::time::sleep(Duration::from_secs(5)).await;
        let start = tokio::time::Instant::now();
        for _ in 0..6 {
            pacer.turn(Lane::Poll).await;
        }
        assert!(start.elapsed().as_millis() < 10, "6 of 8, within the share");
        pacer.turn(Lane::Poll).await;
        assert!(start.elapsed().as_millis() >= 100, "the 7th waits while publishing keeps 2");
    }

    #[tokio::test(start_paused = true)]
    async fn a_busy_platform_halves_the_pace_and_answers_bring_it_back() {
        let pacer = Pacer::new(10.0);
        assert!(!pacer.answered(Answered::Busy).await);
        assert!(!pacer.answered(Answered::Busy).await);
        assert_eq!(pacer.rate().await, 5.0, "refusals together halve the pace once");
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(!pacer.answered(Answered::Busy).await);
        assert_eq!(pacer.rate().await, 2.5);
        assert!(!pacer.answered(Answered::No).await);
        // Answers here and there in a storm are not recovery.
        for _ in 0..4 {
            assert!(!pacer.answered(Answered::Yes).await);
        }
        assert!(!pacer.answered(Answered::No).await);
        for _ in 0..4 {
            assert!(!pacer.answered(Answered::Yes).await);
        }
        assert!(pacer.answered(Answered::Yes).await, "five in a row: it answers again");
        assert!(!pacer.answered(Answered::Yes).await, "once");
        assert_eq!(pacer.rate().await, 10.0);
        for _ in 0..20 {
            pacer.answered(Answered::Yes).await;
        }
        assert_eq!(pacer.rate().await, 10.0, "never past the budget");
        for _ in 0..50 {
            pacer.answered(Answered::Busy).await;
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        assert_eq!(pacer.rate().await, FLOOR, "never below the floor");
    }

    #[tokio::test(start_paused = true)]
    async fn no_budget_means_no_waiting() {
        let pacer = Pacer::new(f64::INFINITY);
        let start = tokio::time::Instant::now();
        for _ in 0..1_000 {
            pacer.turn(Lane::Pull).await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
}
