//! Livestreams: planned in the studio, announced on the platform (直播预告).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::AccountId;

crate::vocabulary! {
    /// Where a livestream's announcement stands. The library stores
    /// `planned`, `announced`, `withdrawn` and `failed`; `changing` and
    /// `withdrawing` are read from the jobs still open for it.
    pub enum LivestreamStatus {
        /// Planned; its announcement waits in the outbox.
        Planned,
        /// Announced on the platform.
        Announced,
        /// A change of its title or time waits to reach the platform.
        Changing,
        /// Its withdrawal waits in the outbox.
        Withdrawing,
        /// Withdrawn (or cancelled before it was sent).
        Withdrawn,
        /// The platform refused the announcement; Activity says why.
        Failed,
    }
}

/// A livestream the studio plans and announces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Livestream {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// The account it is announced on.
    #[ts(type = "number")]
    pub account_id: AccountId,
    /// Its title.
    pub title: String,
    /// Unix milliseconds it starts at.
    #[ts(type = "number")]
    pub starts_at: i64,
    /// How long it is planned to run, minutes (the studio's own: the
    /// platform's announcement has only a start).
    pub minutes: u32,
    /// Our own id for its announcement.
    pub out_advance_id: String,
    /// The platform's id of its announcement, once announced.
    pub advance_id: Option<String>,
    /// Where its announcement stands.
    pub status: LivestreamStatus,
}
