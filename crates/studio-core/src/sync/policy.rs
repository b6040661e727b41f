//! How the outbox waits: the retry policy of failed jobs, and how often a
//! post under review (or a profile edit under audit) is asked about.

/// How failed jobs are tried again: exponential backoff with full jitter
/// and a cap, and a limit after which a job stops and waits for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The first backoff ceiling, milliseconds.
    pub base_ms: i64,
    /// The largest backoff ceiling, milliseconds.
    pub cap_ms: i64,
    /// Tries after which a job is marked failed for the user to decide.
    pub max_attempts: u32,
}

/// The retry policy of every outbox job.
pub const RETRY: RetryPolicy = RetryPolicy { base_ms: 1_000, cap_ms: 5 * 60 * 1_000, max_attempts: 12 };

impl RetryPolicy {
    /// The wait before try `attempt + 1` (`attempt` ≥ 1 tries failed so far),
    /// drawn uniformly from `[0, min(cap, base·2^(attempt-1))]` by `unit` in `[0, 1)`:
    /// full jitter, so many clients failing together do not retry together.
    pub fn backoff_ms(&self, attempt: u32, unit: f64) -> i64 {
        let ceiling = self.base_ms.saturating_mul(1i64 << attempt.saturating_sub(1).min(40)).min(self.cap_ms);
        (ceiling as f64 * unit.clamp(0.0, 1.0)) as i64
    }

    /// The wait when the platform said how long (`Retry-After`), never less
    /// than it asked, still jittered upwards a little so clients spread out.
    pub fn after_ms(&self, asked_ms: i64, unit: f64) -> i64 {
        asked_ms + (asked_ms as f64 * 0.2 * unit.clamp(0.0, 1.0)) as i64
    }
}

/// How often the platform is asked about a post under review (or a
/// profile edit under audit): soon after it went out, then less and less
/// often, since reviews take seconds on a quiet day and hours on a busy one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewPolling {
    /// The wait before the first question, milliseconds.
    pub first_ms: i64,
    /// The longest wait between two questions, milliseconds.
    pub cap_ms: i64,
}

/// The review polling of every post and profile edit.
pub const REVIEW_POLLING: ReviewPolling = ReviewPolling { first_ms: 2_000, cap_ms: 5 * 60 * 1_000 };

impl ReviewPolling {
    /// The wait after `asked` questions so far: doubling from `first_ms` up to the cap.
    pub fn wait_ms(&self, asked: u32) -> i64 {
        self.first_ms.saturating_mul(1i64 << asked.min(40)).min(self.cap_ms)
    }

    /// When to ask first about a post that went out at `now`: never before
    /// the platform is to publish it (`scheduled_at`), when it was scheduled.
    pub fn first_at(&self, now: i64, scheduled_at: Option<i64>) -> i64 {
        (now + self.first_ms).max(scheduled_at.unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_to_the_cap_with_full_jitter() {
        let p = RETRY;
        assert_eq!(p.backoff_ms(1, 0.999_999), 999);
        assert_eq!(p.backoff_ms(3, 0.5), 2_000);
        assert_eq!(p.backoff_ms(30, 1.0), p.cap_ms, "capped");
        assert_eq!(p.backoff_ms(200, 1.0), p.cap_ms, "no overflow");
        assert_eq!(p.backoff_ms(5, 0.0), 0, "full jitter reaches zero");
        assert!(p.after_ms(3_000, 0.7) >= 3_000, "Retry-After is honoured");
    }

    #[test]
    fn review_polling_slows_down_to_its_cap_and_waits_for_a_scheduled_time() {
        let p = REVIEW_POLLING;
        assert_eq!((p.wait_ms(0), p.wait_ms(1), p.wait_ms(3)), (2_000, 4_000, 16_000));
        assert_eq!(p.wait_ms(100), p.cap_ms, "capped, no overflow");
        assert_eq!(p.first_at(1_000, None), 3_000);
        assert_eq!(p.first_at(1_000, Some(3_600_000)), 3_600_000, "nothing to see before the platform publishes it");
    }
}
