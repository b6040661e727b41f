//! Accounts on the platform, the outbox of actions waiting to reach it, and
//! the retry policy: the shared vocabulary of the sync engine, the store,
//! the UI and the CLI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::DraftId;

mod payload;
mod policy;
mod problem;

pub use payload::{
    JobPayload, LiveAnnouncement, LiveChange, LiveWithdrawal, PostMedium, PostPayload, UploadPurpose,
    LIVE_WITHDRAWAL_REASON, MATERIAL_IMAGE_RULES,
};
pub use policy::{RetryPolicy, ReviewPolling, RETRY, REVIEW_POLLING};
pub use problem::{AccountProblem, JobProblem, NetworkProblem};

/// Identifies an account in the local library.
pub type AccountId = i64;

/// The `gateway` of an account served by the built-in emulator.
pub const EMULATOR_GATEWAY: &str = "emulator";

crate::vocabulary! {
    /// Who the account is.
    #[derive(Default)]
    pub enum AccountRole {
        /// A creator's own life account.
        #[default]
        Creator,
        /// A merchant's store.
        Merchant,
        /// An agency acting for creators.
        Agency,
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
    /// Why its calls cannot go through, when they cannot (its jobs wait
    /// until it is fixed in Settings).
    pub problem: Option<AccountProblem>,
    /// The zone its posting slots and wall times are in.
    pub time_zone: crate::time::ZoneName,
}

impl Account {
    /// Whether the built-in emulator serves it.
    pub fn is_emulator(&self) -> bool {
        self.gateway == EMULATOR_GATEWAY
    }

    /// The life account its livestreams are announced on: the one it acts
    /// for, or on the built-in emulator the demo account's own.
    pub fn live_public_id(&self) -> Option<String> {
        if !self.public_id.is_empty() {
            Some(self.public_id.clone())
        } else if self.is_emulator() {
            Some(format!("public-{}", self.app_id))
        } else {
            None
        }
    }
}

/// Changes to an account; absent fields stay as they are. Keys given here
/// go to the keychain, never into the library.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountPatch {
    /// A new name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    /// A new role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub role: Option<AccountRole>,
    /// A new gateway URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub gateway: Option<String>,
    /// A new Alipay public key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub platform_key: Option<String>,
    /// A new life account acted for (empty: one's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub public_id: Option<String>,
    /// A new app private key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub app_private_key: Option<String>,
    /// A new `app_auth_token` (empty: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub app_auth_token: Option<String>,
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

crate::vocabulary! {
    /// What an outbox job does on the platform.
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
        /// Upload a medium a post or profile edit needs (once per account and purpose).
        UploadMedia,
        /// Publish the service menu (create it, or replace the live one).
        MenuPublish,
        /// Make (or change) an image-text message's content page.
        MessageContent,
        /// Send a message to every follower; never repeated after a lost answer.
        MessageSend,
        /// Take back a message sent to followers.
        MessageRecall,
    }
}

crate::vocabulary! {
    /// Where a job is in its life.
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
}

impl JobState {
    /// Whether the job still has work to do (or waits for the user).
    pub fn is_open(self) -> bool {
        !matches!(self, JobState::Done | JobState::Cancelled)
    }

    /// Sent, and its answer not yet recorded: it may have reached the platform.
    pub fn in_flight(self) -> bool {
        matches!(self, JobState::Sending | JobState::Unknown)
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
    /// The last failure's code (one of [`code`]), or empty.
    pub error_code: String,
    /// What went wrong the last time, when something did.
    pub problem: Option<JobProblem>,
    /// Unix milliseconds.
    #[ts(type = "number")]
    pub created_at: i64,
    /// Unix milliseconds.
    #[ts(type = "number")]
    pub updated_at: i64,
}

crate::vocabulary! {
    /// Where a draft stands on the platform.
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
}

impl PublicationStatus {
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
    /// The job's frozen request could not be read (the library was damaged
    /// or changed by hand); trying again will not help.
    pub const BAD_JOB: &str = "sync.bad_job";
    /// The library could not be read or written during a send; it is
    /// tried again.
    pub const LOCAL: &str = "sync.local";
    /// The job lacks what it needs to be sent (a medium that was not
    /// uploaded, a file that cannot be read, an announcement without its
    /// id); it waits for the user.
    pub const BLOCKED: &str = "sync.blocked";
    /// A profile edit waits for the platform to finish auditing the previous one.
    pub const WAITING_FOR_AUDIT: &str = "sync.waiting_for_audit";
    /// An upload waits for the same file going up for another post.
    pub const WAITING_FOR_UPLOAD: &str = "sync.waiting_for_upload";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_are_the_serde_names_and_round_trip() {
        for &k in JobKind::ALL {
            assert_eq!(JobKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        for &s in JobState::ALL {
            assert_eq!(JobState::parse(s.as_str()), Some(s));
        }
        for &r in AccountRole::ALL {
            assert_eq!(AccountRole::parse(r.as_str()), Some(r));
        }
        assert_eq!(JobKind::DeleteContent.as_str(), "delete_content");
        assert_eq!(PublicationStatus::parse("under_review"), Some(PublicationStatus::UnderReview));
        assert_eq!(PublicationStatus::parse("Under_Review"), None, "names are exact");
        assert_eq!(PublicationStatus::from_source_status(2), Some(PublicationStatus::Rejected));
        assert_eq!(PublicationStatus::from_source_status(9), None);
    }
}
