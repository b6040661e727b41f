//! What a send's result means for its job: done, tried again (when and
//! why), found out first (a publish whose answer was lost), or stopped for
//! the user. A pure function of the job, the result and the policy.

use alipay_open::Retry;
use studio_core::sync::{code, RetryPolicy};
use studio_core::{JobKind, JobProblem};
use studio_store::JobOutcome;

/// Why a send did not finish its job.
#[derive(Debug)]
pub(crate) enum SendError {
    /// The job cannot be sent as it stands (a medium never uploaded, a file
    /// that cannot be read): it stops for the user.
    Blocked(JobProblem),
    /// The library failed at the time: it is tried again.
    Local(JobProblem),
    /// The gateway or the platform failed.
    Platform(alipay_open::Error),
}

impl From<alipay_open::Error> for SendError {
    fn from(e: alipay_open::Error) -> SendError {
        SendError::Platform(e)
    }
}

impl From<studio_store::StoreError> for SendError {
    fn from(e: studio_store::StoreError) -> SendError {
        SendError::Local(JobProblem::Library { detail: e.to_string() })
    }
}

/// The platform's refusal of a profile edit while another is under audit.
pub(crate) const PROFILE_AUDITING: &str = "isv.profile-auditing";
/// The platform's answer to a withdrawal of an announcement it does not have.
const ADVANCE_NOT_EXIST: &str = "isv.advance-not-exist";
/// What `life.msg.recall` says of a message taken back already.
const MESSAGE_RECALLED: &str = "isv.message-recalled";

/// The job's next state after try number `attempts` (counting this one)
/// gave `result`; `unit` in `[0, 1)` draws the jitter.
pub(crate) fn judge(
    kind: JobKind,
    attempts: u32,
    result: Result<JobOutcome, SendError>,
    policy: &RetryPolicy,
    now: i64,
    unit: f64,
) -> JobOutcome {
    let error = match result {
        Ok(outcome) => return outcome,
        Err(SendError::Blocked(problem)) => return JobOutcome::Failed { code: code::BLOCKED, problem: Some(problem) },
        Err(SendError::Local(problem)) if attempts >= policy.max_attempts => {
            return JobOutcome::Failed { code: code::GAVE_UP, problem: Some(problem) }
        }
        Err(SendError::Local(problem)) => {
            let next_try_at = now + policy.backoff_ms(attempts, unit).max(policy.base_ms);
            return JobOutcome::RetryAt { next_try_at, code: code::LOCAL, problem: Some(problem) };
        }
        Err(SendError::Platform(e)) => e,
    };
    let sub_code = match &error {
        alipay_open::Error::Platform { sub_code, .. } => sub_code.as_str(),
        _ => "",
    };
    // Repeating these does no harm: the platform keys them or they are idempotent.
    let repeatable = !matches!(kind, JobKind::Publish | JobKind::MessageSend);
    // A withdrawal repeated after a lost answer finds nothing left to withdraw.
    if kind == JobKind::LiveDelete && attempts > 1 && sub_code == ADVANCE_NOT_EXIST {
        return JobOutcome::Done;
    }
    // A recall repeated after a lost answer finds the message recalled.
    if kind == JobKind::MessageRecall && attempts > 1 && sub_code == MESSAGE_RECALLED {
        return JobOutcome::Done;
    }
    let problem = Some(problem_of(&error));
    // A refusal of the whole account (an unknown app, requests that do not
    // verify, a clock off): nothing took effect, and the job waits for the
    // account to be fixed (the engine marks the account, whose jobs are not
    // claimed meanwhile).
    if matches!(&error, alipay_open::Error::Platform { .. }) && crate::accounts::account_problem(&error).is_some() {
        return JobOutcome::RetryAt { next_try_at: now + policy.base_ms, code: code::ACCOUNT_KEY, problem };
    }
    // The platform audits one profile edit at a time: the next waits,
    // however long the audit takes, without counting as a failure.
    if kind == JobKind::ProfileModify && sub_code == PROFILE_AUDITING {
        let next_try_at = now + policy.backoff_ms(attempts.min(30), unit).max(policy.base_ms);
        return JobOutcome::RetryAt { next_try_at, code: code::WAITING_FOR_AUDIT, problem };
    }
    let retry = error.retry();
    if retry == Retry::Never {
        return JobOutcome::Failed { code: code::REFUSED, problem };
    }
    if attempts >= policy.max_attempts {
        let code = if retry == Retry::ReconcileFirst && !repeatable { code::OUTCOME_UNKNOWN } else { code::GAVE_UP };
        return JobOutcome::Failed { code, problem };
    }
    // A message to every follower has no key and cannot be looked up
    // without the id its lost answer carried: it stops for the user.
    if retry == Retry::ReconcileFirst && kind == JobKind::MessageSend {
        return JobOutcome::Failed { code: code::OUTCOME_UNKNOWN, problem };
    }
    let backoff = now + policy.backoff_ms(attempts, unit);
    match retry {
        Retry::Safe => JobOutcome::RetryAt { next_try_at: backoff, code: code::UNREACHABLE, problem },
        Retry::After(d) => JobOutcome::RetryAt {
            next_try_at: now + policy.after_ms(d.as_millis() as i64, unit).min(policy.cap_ms),
            code: code::BUSY,
            problem,
        },
        Retry::ReconcileFirst if repeatable => {
            JobOutcome::RetryAt { next_try_at: backoff, code: code::OUTCOME_UNKNOWN, problem }
        }
        Retry::ReconcileFirst | Retry::Never => {
            JobOutcome::Unknown { next_try_at: backoff, code: code::OUTCOME_UNKNOWN, problem }
        }
    }
}

/// A gateway failure as the job keeps it.
pub(crate) fn problem_of(e: &alipay_open::Error) -> JobProblem {
    use studio_core::sync::NetworkProblem;
    let network = |problem, detail: &str| JobProblem::Network { problem, detail: detail.to_string() };
    match e {
        alipay_open::Error::Unreachable(d) => network(NetworkProblem::Unreachable, d),
        alipay_open::Error::OutcomeUnknown(d) => network(NetworkProblem::NoAnswer, d),
        alipay_open::Error::Http { status, .. } => JobProblem::Http { status: *status },
        alipay_open::Error::Platform { code, msg, sub_code, sub_msg } => JobProblem::Platform {
            code: code.clone(),
            sub_code: sub_code.clone(),
            message: if sub_msg.is_empty() { msg.clone() } else { sub_msg.clone() },
        },
        alipay_open::Error::BadSignature(d) => network(NetworkProblem::BadSignature, &d.to_string()),
        alipay_open::Error::Malformed(d) => network(NetworkProblem::Malformed, d),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    const POLICY: RetryPolicy = RetryPolicy { base_ms: 1_000, cap_ms: 60_000, max_attempts: 5 };
    const NOW: i64 = 1_000_000;

    fn platform(code: &str, sub_code: &str) -> SendError {
        SendError::Platform(alipay_open::Error::Platform {
            code: code.into(),
            msg: "Business Failed".into(),
            sub_code: sub_code.into(),
            sub_msg: "原因".into(),
        })
    }

    fn lost() -> SendError {
        SendError::Platform(alipay_open::Error::OutcomeUnknown("timed out".into()))
    }

    fn offline() -> SendError {
        SendError::Platform(alipay_open::Error::Unreachable("connection refused".into()))
    }

    fn throttled(secs: u64) -> SendError {
        SendError::Platform(alipay_open::Error::Http { status: 429, retry_after: Some(Duration::from_secs(secs)) })
    }

    /// The outcome's state, code and wait, for the table.
    fn shape(o: &JobOutcome) -> (&'static str, &'static str, Option<i64>) {
        match o {
            JobOutcome::Done => ("done", "", None),
            JobOutcome::RetryAt { next_try_at, code, .. } => ("retry", code, Some(next_try_at - NOW)),
            JobOutcome::Unknown { next_try_at, code, .. } => ("unknown", code, Some(next_try_at - NOW)),
            JobOutcome::Failed { code, .. } => ("failed", code, None),
            other => panic!("not a judgement: {other:?}"),
        }
    }

    #[test]
    fn each_failure_of_each_job_gets_its_next_state() {
        use JobKind::*;
        // (kind, attempts, error, state, code, wait with the jitter at its ceiling)
        let table: Vec<(JobKind, u32, SendError, &str, &str, Option<i64>)> = vec![
            // Offline: nothing was sent; try again with backoff.
            (Publish, 1, offline(), "retry", code::UNREACHABLE, Some(1_000)),
            (Publish, 3, offline(), "retry", code::UNREACHABLE, Some(4_000)),
            (Publish, 5, offline(), "failed", code::GAVE_UP, None),
            // A lost publish is found out before anything is sent again.
            (Publish, 1, lost(), "unknown", code::OUTCOME_UNKNOWN, Some(1_000)),
            (Publish, 5, lost(), "failed", code::OUTCOME_UNKNOWN, None),
            // Other jobs are keyed or idempotent: simply repeated.
            (LiveCreate, 1, lost(), "retry", code::OUTCOME_UNKNOWN, Some(1_000)),
            (DeleteContent, 2, lost(), "retry", code::OUTCOME_UNKNOWN, Some(2_000)),
            (UploadMedia, 5, lost(), "failed", code::GAVE_UP, None),
            // The platform said when to come back: never sooner.
            (Publish, 1, throttled(3), "retry", code::BUSY, Some(3_600)),
            (Publish, 2, throttled(600), "retry", code::BUSY, Some(60_000)),
            // A refusal is final.
            (Publish, 1, platform("40004", "isv.invalid-param"), "failed", code::REFUSED, None),
            (LiveDelete, 1, platform("40004", "isv.advance-not-exist"), "failed", code::REFUSED, None),
            // ... but a withdrawal repeated after a lost answer found its work done.
            (LiveDelete, 2, platform("40004", "isv.advance-not-exist"), "done", "", None),
            // A profile edit waits for the audit of the one before it.
            (ProfileModify, 1, platform("40004", PROFILE_AUDITING), "retry", code::WAITING_FOR_AUDIT, Some(1_000)),
            (MessageSend, 1, lost(), "failed", code::OUTCOME_UNKNOWN, None),
            (MessageSend, 1, offline(), "retry", code::UNREACHABLE, Some(1_000)),
            (MessageContent, 1, lost(), "retry", code::OUTCOME_UNKNOWN, Some(1_000)),
            (MessageRecall, 2, platform("40004", MESSAGE_RECALLED), "done", "", None),
            (MessageRecall, 1, platform("40004", MESSAGE_RECALLED), "failed", code::REFUSED, None),
            (ProfileModify, 40, platform("40004", PROFILE_AUDITING), "retry", code::WAITING_FOR_AUDIT, Some(60_000)),
            // The platform's own failure may have come after the write.
            (Publish, 1, platform("20000", "isp.unknow-error"), "unknown", code::OUTCOME_UNKNOWN, Some(1_000)),
            // The library failing during a send is tried again, then given up.
            (
                Publish,
                1,
                SendError::Local(JobProblem::Library { detail: "busy".into() }),
                "retry",
                code::LOCAL,
                Some(1_000),
            ),
            (
                Publish,
                5,
                SendError::Local(JobProblem::Library { detail: "busy".into() }),
                "failed",
                code::GAVE_UP,
                None,
            ),
            // A refusal of the whole account waits for the account's fix.
            (Publish, 1, platform("40002", "isv.invalid-signature"), "retry", code::ACCOUNT_KEY, Some(1_000)),
            (LiveCreate, 3, platform("40002", "isv.invalid-app-id"), "retry", code::ACCOUNT_KEY, Some(1_000)),
            (ProfileModify, 12, platform("40002", "isv.invalid-timestamp"), "retry", code::ACCOUNT_KEY, Some(1_000)),
            // A job that lacks what it needs stops at once.
            (Publish, 1, SendError::Blocked(JobProblem::NeverAnnounced), "failed", code::BLOCKED, None),
        ];
        for (kind, attempts, error, state, code, wait) in table {
            let what = format!("{kind:?} try {attempts}: {error:?}");
            let outcome = judge(kind, attempts, Err(error), &POLICY, NOW, 0.999_999_9);
            let (s, c, w) = shape(&outcome);
            assert_eq!((s, c), (state, code), "{what}");
            if let (Some(w), Some(wait)) = (w, wait) {
                assert!((w - wait).abs() <= 1, "{what}: waits {w}, not {wait}");
            }
        }
    }

    #[test]
    fn a_success_is_what_the_send_said_and_a_refusal_keeps_the_platforms_words() {
        let done = judge(JobKind::Publish, 1, Ok(JobOutcome::Published { content_id: "c1".into() }), &POLICY, NOW, 0.5);
        assert_eq!(done, JobOutcome::Published { content_id: "c1".into() });
        let refused = judge(JobKind::Publish, 1, Err(platform("40004", "isv.title-too-long")), &POLICY, NOW, 0.5);
        let JobOutcome::Failed { problem: Some(JobProblem::Platform { sub_code, message, .. }), .. } = refused else {
            panic!("{refused:?}")
        };
        assert_eq!((sub_code.as_str(), message.as_str()), ("isv.title-too-long", "原因"));
    }

    #[test]
    fn jitter_never_waits_longer_than_the_ceiling() {
        for unit in [0.0, 0.3, 0.999] {
            let (_, _, wait) = shape(&judge(JobKind::Publish, 4, Err(offline()), &POLICY, NOW, unit));
            assert!((0..=8_000).contains(&wait.unwrap()), "{unit}: {wait:?}");
        }
    }
}
