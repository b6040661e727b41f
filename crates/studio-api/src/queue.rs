//! The posting queue: each account's slots (weekdays and wall times in its
//! zone); adding a draft schedules it into the next free slot.

use serde::{Deserialize, Serialize};
use studio_core::calendar::{next_free_slot, slot_times, CalendarItem};
use studio_core::time::format_wall;
use studio_core::{AccountId, DraftId, NewQueueSlot, QueueSlot};
use ts_rs::TS;

use crate::{now_ms, PublishAnswer, Studio, StudioError, StudioResult};

/// One coming time of a posting slot, with the post that fills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QueueEntry {
    /// The slot.
    pub slot: QueueSlot,
    /// Unix ms.
    #[ts(type = "number")]
    pub at: i64,
    /// The slot's time as a wall time in the account's zone.
    pub account_time: String,
    /// The post scheduled at that time, if one is.
    pub post: Option<CalendarItem>,
}

/// How many weeks the queue view shows.
const QUEUE_VIEW_WEEKS: i64 = 2;

impl Studio {
    /// An account's posting slots (the publishing account when none).
    pub async fn list_queue_slots(&self, account_id: Option<AccountId>) -> StudioResult<Vec<QueueSlot>> {
        let account = self.account_or_default(account_id).await?;
        Ok(self.store.queue_slots(account.id).await?)
    }

    /// Adds posting slots to an account's queue (the publishing account when none).
    pub async fn add_queue_slots(
        &self,
        account_id: Option<AccountId>,
        slots: Vec<NewQueueSlot>,
    ) -> StudioResult<Vec<QueueSlot>> {
        if slots.iter().any(|s| !s.is_valid()) {
            return Err(StudioError::QueueSlotInvalid);
        }
        let account = self.account_or_default(account_id).await?;
        Ok(self.store.add_queue_slots(account.id, &slots, now_ms()).await?)
    }

    /// Removes a posting slot; what is scheduled at its times stays.
    pub async fn remove_queue_slot(&self, id: i64) -> StudioResult<()> {
        if !self.store.remove_queue_slot(id).await? {
            return Err(StudioError::QueueSlotNotFound { id });
        }
        Ok(())
    }

    /// Schedules a draft into the account's next free slot (the
    /// publishing account when none): the first slot time the platform
    /// takes that no post of the account already has, weeks ahead if the
    /// coming ones are full.
    pub async fn add_to_queue(&self, draft_id: DraftId, account_id: Option<AccountId>) -> StudioResult<PublishAnswer> {
        let account = self.account_or_default(account_id).await?;
        let slots = self.store.queue_slots(account.id).await?;
        if slots.is_empty() {
            return Err(StudioError::QueueWithoutSlots { account: account.id });
        }
        let now = now_ms();
        let earliest = studio_core::rules::ALIPAY.schedule_window.map_or(now + 1, |w| w.earliest(now));
        let taken = self.store.scheduled_times(account.id, earliest).await?;
        let slot = next_free_slot(&slots, &account.time_zone, earliest, &taken)
            .ok_or(StudioError::QueueFull { account: account.id })?;
        self.publish_draft(draft_id, Some(account.id), Some(slot.at)).await
    }

    /// The account's coming slot times for two weeks (the publishing
    /// account when none), each with the post scheduled at it.
    pub async fn list_queue(&self, account_id: Option<AccountId>) -> StudioResult<Vec<QueueEntry>> {
        let account = self.account_or_default(account_id).await?;
        let slots = self.store.queue_slots(account.id).await?;
        let now = now_ms();
        let to = now + QUEUE_VIEW_WEEKS * 7 * 86_400_000;
        let posts = self.calendar(now, to, Some(account.id)).await?;
        Ok(slot_times(&slots, &account.time_zone, now, to)
            .into_iter()
            .map(|t| QueueEntry {
                slot: t.slot,
                at: t.at,
                account_time: format_wall(t.at, &account.time_zone),
                post: posts.iter().find(|p| p.kind == studio_core::CalendarKind::Post && p.starts_at == t.at).cloned(),
            })
            .collect())
    }

    /// Swaps the times of two of an account's scheduled posts, each moved
    /// its own way ([`Studio::move_post`]; `republish` when the user
    /// confirmed moving posts the platform holds).
    pub async fn swap_queued_posts(
        &self,
        account_id: AccountId,
        first: DraftId,
        second: DraftId,
        republish: bool,
    ) -> StudioResult<()> {
        let a = self.store.publication(first, account_id).await?.ok_or(StudioError::DraftNotFound { id: first })?;
        let b = self.store.publication(second, account_id).await?.ok_or(StudioError::DraftNotFound { id: second })?;
        let (Some(at_a), Some(at_b)) = (a.scheduled_at, b.scheduled_at) else {
            return Err(StudioError::NotMovable { reason: studio_core::FixedReason::NotScheduled });
        };
        self.move_post(first, account_id, at_b, republish).await?;
        if let Err(e) = self.move_post(second, account_id, at_a, republish).await {
            // Put the first back, so a refused swap changes nothing.
            self.move_post(first, account_id, at_a, republish).await?;
            return Err(e);
        }
        Ok(())
    }
}
