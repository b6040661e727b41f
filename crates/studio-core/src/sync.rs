//! Accounts on the platform, the outbox of actions waiting to reach it, and
//! the retry policy: the shared vocabulary of the sync engine, the store,
//! the UI and the CLI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::media::{FocalPoint, MediaRuleName};
use crate::DraftId;

/// Identifies an account in the local library.
pub type AccountId = i64;

/// The `gateway` of an account served by the built-in emulator.
pub const EMULATOR_GATEWAY: &str = "emulator";

/// Who the account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccountRole {
    /// A creator's own life account.
    #[default]
    Creator,
    /// A merchant's store.
    Merchant,
    /// An agency acting for creators.
    Agency,
}

impl AccountRole {
    /// The stored and command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountRole::Creator => "creator",
            AccountRole::Merchant => "merchant",
            AccountRole::Agency => "agency",
        }
    }

    /// Parses a stored or command-line name.
    pub fn parse(s: &str) -> Option<AccountRole> {
        match s {
            "creator" => Some(AccountRole::Creator),
            "merchant" => Some(AccountRole::Merchant),
            "agency" => Some(AccountRole::Agency),
            _ => None,
        }
    }
}

/// A platform account. Its secrets are not here: they stay in the keychain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Account {
    /// Local id.
    #[ts(type = "number")]
    pub id: AccountId,
    /// A name the user chose.
    pub name: String,
    /// Creator, merchant or agency.
    pub role: AccountRole,
    /// The gateway URL, or `emulator` for the built-in one.
    pub gateway: String,
    /// The Alipay app id.
    pub app_id: String,
    /// The platform's public key (PEM), which verifies its answers.
    pub platform_key: String,
    /// The life account acted for (agencies); empty for one's own.
    pub public_id: String,
    /// Whether an `app_auth_token` is kept for it in the keychain.
    pub has_auth_token: bool,
    /// Unix milliseconds.
    #[ts(type = "number")]
    pub created_at: i64,
}

impl Account {
    /// Whether the built-in emulator serves it.
    pub fn is_emulator(&self) -> bool {
        self.gateway == EMULATOR_GATEWAY
    }
}

/// A new account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewAccount {
    /// A name for it.
    pub name: String,
    /// Creator, merchant or agency.
    pub role: AccountRole,
    /// The gateway URL, or `emulator`.
    pub gateway: String,
    /// The Alipay app id.
    pub app_id: String,
    /// The platform's public key.
    pub platform_key: String,
    /// The life account acted for, or empty.
    pub public_id: String,
}

/// What an outbox job does on the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    /// Publish (or schedule) a draft.
    Publish,
    /// Delete published content.
    DeleteContent,
    /// Announce a livestream.
    LiveCreate,
    /// Change an announced livestream's title or time.
    LiveModify,
    /// Withdraw an announced livestream.
    LiveDelete,
    /// Submit a profile edit for audit.
    ProfileModify,
    /// Upload a medium a post needs (once per account and purpose).
    UploadMedia,
}

impl JobKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Publish => "publish",
            JobKind::DeleteContent => "delete_content",
            JobKind::LiveCreate => "live_create",
            JobKind::LiveModify => "live_modify",
            JobKind::LiveDelete => "live_delete",
            JobKind::ProfileModify => "profile_modify",
            JobKind::UploadMedia => "upload_media",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<JobKind> {
        [
            JobKind::Publish,
            JobKind::DeleteContent,
            JobKind::LiveCreate,
            JobKind::LiveModify,
            JobKind::LiveDelete,
            JobKind::ProfileModify,
            JobKind::UploadMedia,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for its turn (or for its next try).
    Pending,
    /// Sent; the answer has not been recorded yet.
    Sending,
    /// Sent, and no usable answer came: what happened must be found out
    /// before anything is sent again.
    Unknown,
    /// Finished.
    Done,
    /// Stopped: a permanent error, or too many failed tries. The user can
    /// retry or cancel it.
    Failed,
    /// Cancelled by the user.
    Cancelled,
}

impl JobState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Pending => "pending",
            JobState::Sending => "sending",
            JobState::Unknown => "unknown",
            JobState::Done => "done",
            JobState::Failed => "failed",
            JobState::Cancelled => "cancelled",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<JobState> {
        [JobState::Pending, JobState::Sending, JobState::Unknown, JobState::Done, JobState::Failed, JobState::Cancelled]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One platform action in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxJob {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// The account it acts on.
    #[ts(type = "number")]
    pub account_id: AccountId,
    /// What it does.
    pub kind: JobKind,
    /// The draft, livestream or profile edit it serves.
    #[ts(type = "number")]
    pub target: i64,
    /// Where it is.
    pub state: JobState,
    /// Tries so far.
    pub attempts: u32,
    /// Unix milliseconds of the next try.
    #[ts(type = "number")]
    pub next_try_at: i64,
    /// The last failure's code (an `ApiError` code), or empty.
    pub error_code: String,
    /// The platform's own words about the last failure, or empty.
    pub error_detail: String,
    /// Unix milliseconds.
    #[ts(type = "number")]
    pub created_at: i64,
    /// Unix milliseconds.
    #[ts(type = "number")]
    pub updated_at: i64,
}

/// Where a draft stands on the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PublicationStatus {
    /// In the outbox, not yet accepted by the platform.
    Queued,
    /// Accepted; the platform is reviewing it (or holding it for its time).
    UnderReview,
    /// Live.
    Published,
    /// Review refused it; `reason` says why.
    Rejected,
    /// Deleted on the platform.
    Deleted,
    /// Could not be published; the outbox job says why.
    Failed,
    /// The user cancelled it before it went out.
    Cancelled,
}

impl PublicationStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            PublicationStatus::Queued => "queued",
            PublicationStatus::UnderReview => "under_review",
            PublicationStatus::Published => "published",
            PublicationStatus::Rejected => "rejected",
            PublicationStatus::Deleted => "deleted",
            PublicationStatus::Failed => "failed",
            PublicationStatus::Cancelled => "cancelled",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<PublicationStatus> {
        use PublicationStatus::*;
        [Queued, UnderReview, Published, Rejected, Deleted, Failed, Cancelled].into_iter().find(|k| k.as_str() == s)
    }

    /// The status for the platform's `source_status` (0 under review,
    /// 1 published, 2 rejected, 3 deleted).
    pub fn from_source_status(source_status: i64) -> Option<PublicationStatus> {
        match source_status {
            0 => Some(PublicationStatus::UnderReview),
            1 => Some(PublicationStatus::Published),
            2 => Some(PublicationStatus::Rejected),
            3 => Some(PublicationStatus::Deleted),
            _ => None,
        }
    }
}

/// A draft's life on one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Publication {
    /// The draft.
    #[ts(type = "number")]
    pub draft_id: DraftId,
    /// The account.
    #[ts(type = "number")]
    pub account_id: AccountId,
    /// Where it stands.
    pub status: PublicationStatus,
    /// The platform's id, once it accepted the post.
    pub content_id: Option<String>,
    /// Unix milliseconds the platform publishes it at, when scheduled.
    #[ts(type = "number | null")]
    pub scheduled_at: Option<i64>,
    /// Why review rejected it, or why it failed.
    pub reason: String,
    /// The post's link on the platform, once published.
    pub link: String,
    /// Unix milliseconds.
    #[ts(type = "number")]
    pub updated_at: i64,
}

/// What a draft's medium is uploaded as, by its role in the post
/// (`image`, `video` or `cover`): the rendition rule it is made to, or the
/// original for a video. A cover cut around another point than the middle
/// names the point, so a new crop is a new upload.
pub fn upload_purpose(role: &str, focal: Option<(u16, u16)>) -> String {
    match (role, focal) {
        ("cover", Some((x, y))) if (x, y) != FocalPoint::CENTER.per_mille() => format!("{COVER_PURPOSE}@{x},{y}"),
        ("cover", _) => COVER_PURPOSE.to_string(),
        ("video", _) => "video".to_string(),
        _ => "post_image".to_string(),
    }
}

const COVER_PURPOSE: &str = "cover_3x4";

/// The profile's pictures, each uploaded as the rendition of its own rule.
pub const PROFILE_IMAGE_RULES: [MediaRuleName; 3] =
    [MediaRuleName::ProfileLogo, MediaRuleName::ProfileBackground, MediaRuleName::ProfileShopPhoto];

/// Whether a purpose is a profile picture: those go up through the
/// platform's material upload, whose answer is the picture's URL.
pub fn is_profile_purpose(purpose: &str) -> bool {
    PROFILE_IMAGE_RULES.iter().any(|r| r.as_str() == purpose)
}

/// The rendition an upload purpose stands for: its rule and focal point.
/// `None` for a video, which is uploaded as it is.
pub fn purpose_rendition(purpose: &str) -> Option<(MediaRuleName, FocalPoint)> {
    let (name, point) = purpose.split_once('@').unwrap_or((purpose, ""));
    let focal = point
        .split_once(',')
        .and_then(|(x, y)| Some(FocalPoint { x: x.parse::<f32>().ok()? / 1000.0, y: y.parse::<f32>().ok()? / 1000.0 }))
        .unwrap_or_default();
    if let Some(rule) = PROFILE_IMAGE_RULES.iter().find(|r| r.as_str() == name) {
        return Some((*rule, focal));
    }
    match name {
        "video" => None,
        COVER_PURPOSE => Some((MediaRuleName::Cover3x4, focal)),
        _ => Some((MediaRuleName::PostImage, focal)),
    }
}

/// Stable codes of sync failures, kept on the job for the UI to word.
pub mod code {
    /// The gateway could not be reached (offline, or the platform is down).
    pub const UNREACHABLE: &str = "sync.unreachable";
    /// The platform is busy or failing; it asked to come back later.
    pub const BUSY: &str = "sync.busy";
    /// Sent, no usable answer: it is being found out.
    pub const OUTCOME_UNKNOWN: &str = "sync.outcome_unknown";
    /// The platform refused the request; sending it again will not help.
    pub const REFUSED: &str = "sync.refused";
    /// The account's key is missing or unusable.
    pub const ACCOUNT_KEY: &str = "sync.account_key";
    /// Tried the most times allowed; waiting for the user.
    pub const GAVE_UP: &str = "sync.gave_up";
    /// The job's frozen request could not be read.
    pub const BAD_JOB: &str = "sync.bad_job";
    /// A profile edit waits for the platform to finish auditing the previous one.
    pub const WAITING_FOR_AUDIT: &str = "sync.waiting_for_audit";
    /// An upload waits for the same file going up for another post.
    pub const WAITING_FOR_UPLOAD: &str = "sync.waiting_for_upload";
}

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

    #[test]
    fn a_cover_crop_is_its_own_upload_and_reads_back() {
        assert_eq!(upload_purpose("image", Some((100, 100))), "post_image");
        assert_eq!(upload_purpose("cover", None), "cover_3x4");
        assert_eq!(upload_purpose("cover", Some((500, 500))), "cover_3x4", "the middle is the default crop");
        let moved = upload_purpose("cover", Some((250, 800)));
        assert_eq!(moved, "cover_3x4@250,800");
        assert!(!moved.contains(':'), "purposes sit inside medium:purpose:hash placeholders");
        let (rule, focal) = purpose_rendition(&moved).unwrap();
        assert_eq!(rule, MediaRuleName::Cover3x4);
        assert_eq!(focal.per_mille(), (250, 800));
        assert_eq!(purpose_rendition("post_image").unwrap().0, MediaRuleName::PostImage);
        assert!(purpose_rendition("video").is_none(), "videos go up as they are");
        for rule in PROFILE_IMAGE_RULES {
            assert!(is_profile_purpose(rule.as_str()));
            assert_eq!(purpose_rendition(rule.as_str()).unwrap().0, rule);
        }
        assert!(!is_profile_purpose("post_image") && !is_profile_purpose("cover_3x4"));
    }

    #[test]
    fn stored_names_round_trip() {
        for k in
            [JobKind::Publish, JobKind::DeleteContent, JobKind::LiveCreate, JobKind::LiveModify, JobKind::LiveDelete]
        {
            assert_eq!(JobKind::parse(k.as_str()), Some(k));
        }
        for s in [JobState::Pending, JobState::Sending, JobState::Unknown, JobState::Failed] {
            assert_eq!(JobState::parse(s.as_str()), Some(s));
        }
        for r in [AccountRole::Creator, AccountRole::Merchant, AccountRole::Agency] {
            assert_eq!(AccountRole::parse(r.as_str()), Some(r));
        }
        assert_eq!(PublicationStatus::from_source_status(2), Some(PublicationStatus::Rejected));
        assert_eq!(PublicationStatus::parse("under_review"), Some(PublicationStatus::UnderReview));
    }
}
