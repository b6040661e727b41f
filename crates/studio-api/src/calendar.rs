//! The calendar: every account's posts and livestreams on one time line,
//! moved only through the outbox; accounts' time zones; calendar files.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use studio_core::calendar::{livestream_item, slot_times, CalendarItem, CalendarKind, CalendarStatus, MoveWay};
use studio_core::ics::{calendar_file, IcsEvent, IcsTimes};
use studio_core::time::{format_wall, zone_names, ZoneName};
use studio_core::{Account, AccountId, DraftId, FixedReason, FollowerMessage, Livestream, PublicationStatus};
use studio_store::Reschedule;
use ts_rs::TS;

use crate::sync::check_schedule;
use crate::{now_ms, PublishAnswer, Studio, StudioError, StudioResult};

/// Where a moved post now stands: how to put it back is to move it again
/// to `from`, the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PostMove {
    /// The draft.
    #[ts(type = "number")]
    pub draft_id: DraftId,
    /// The account.
    #[ts(type = "number")]
    pub account_id: AccountId,
    /// Unix ms it was at.
    #[ts(type = "number")]
    pub from: i64,
    /// Unix ms it is at now.
    #[ts(type = "number")]
    pub to: i64,
    /// Whether it went the republish way (deleted on the platform, published again).
    pub republished: bool,
}

/// The furthest apart the calendar reads in one call: a month view with
/// the weeks around it, or a long agenda.
const RANGE_MAX_MS: i64 = 400 * 86_400_000;

impl Studio {
    /// Everything on the calendar from `from` to `to` (Unix ms): posts (at
    /// the time they go or went out), livestreams (their whole length) and
    /// the queue's free slots, of one account or all, in time order.
    pub async fn calendar(&self, from: i64, to: i64, account_id: Option<AccountId>) -> StudioResult<Vec<CalendarItem>> {
        let to = to.min(from.saturating_add(RANGE_MAX_MS));
        let now = now_ms();
        let accounts = self.accounts_by_id().await?;
        let mut items = self.planned_items(&accounts, from, to, account_id).await?;
        for account in accounts.values().filter(|a| account_id.is_none_or(|id| id == a.id)) {
            let slots = self.store.queue_slots(account.id).await?;
            if slots.is_empty() {
                continue;
            }
            let taken = self.store.scheduled_times(account.id, from.max(now)).await?;
            for t in
                slot_times(&slots, &account.time_zone, from.max(now), to).into_iter().filter(|t| !taken.contains(&t.at))
            {
                items.push(CalendarItem {
                    kind: CalendarKind::Slot,
                    id: t.slot.id,
                    account_id: account.id,
                    title: String::new(),
                    starts_at: t.at,
                    ends_at: t.at,
                    status: CalendarStatus::Free,
                    move_way: MoveWay::Fixed,
                    fixed: None,
                    account_time: format_wall(t.at, &account.time_zone),
                    account_zone: account.time_zone.clone(),
                    cover: None,
                });
            }
        }
        items.sort_by_key(|i| (i.starts_at, i.kind.as_str(), i.id));
        Ok(items)
    }

    /// Moves a post to `at` through the outbox: a publish that has not
    /// gone out gets the new time; a post the platform holds for its time
    /// (which it cannot change) is deleted there and published again, only
    /// when `republish` says the user confirmed; a published or past post
    /// does not move.
    pub async fn move_post(
        &self,
        draft_id: DraftId,
        account_id: AccountId,
        at: i64,
        republish: bool,
    ) -> StudioResult<PostMove> {
        let now = now_ms();
        let publication =
            self.store.publication(draft_id, account_id).await?.ok_or(StudioError::DraftNotFound { id: draft_id })?;
        let from = publication.scheduled_at.unwrap_or(publication.updated_at);
        if let Some(reason) = self.post_item(draft_id, account_id, from, now).await?.fixed {
            return Err(StudioError::NotMovable { reason });
        }
        check_schedule(at, now)?;
        let moved = PostMove { draft_id, account_id, from, to: at, republished: false };
        match self.store.reschedule_publish(draft_id, account_id, at, now).await? {
            Reschedule::Moved(_) => {
                self.worker_wake();
                Ok(moved)
            }
            Reschedule::OnPlatform if publication.status == PublicationStatus::Published => {
                Err(StudioError::NotMovable { reason: FixedReason::Published })
            }
            Reschedule::OnPlatform if !republish => Err(StudioError::MoveNeedsRepublish { draft_id }),
            Reschedule::OnPlatform => {
                let _: PublishAnswer = self.republish_draft(draft_id, Some(account_id), Some(at)).await?;
                self.worker_wake();
                Ok(PostMove { republished: true, ..moved })
            }
            Reschedule::InFlight => Err(StudioError::NotMovable { reason: FixedReason::Sending }),
            Reschedule::NotWaiting => Err(StudioError::NotMovable { reason: FixedReason::Failed }),
        }
    }

    /// How a post stands on the calendar now.
    async fn post_item(
        &self,
        draft_id: DraftId,
        account_id: AccountId,
        at: i64,
        now: i64,
    ) -> StudioResult<CalendarItem> {
        let posts = self.store.planned_posts(at, at + 1, Some(account_id)).await?;
        let post =
            posts.into_iter().find(|p| p.draft_id == draft_id).ok_or(StudioError::DraftNotFound { id: draft_id })?;
        Ok(post.item(&ZoneName::default(), now))
    }

    /// Moves a livestream to start at `at`, keeping its title and length:
    /// changed on the platform too once announced (`live.advance.modify`).
    pub async fn move_livestream(&self, id: i64, at: i64) -> StudioResult<Livestream> {
        let live = self.find_livestream(id).await?;
        let zone = ZoneName::default();
        if let Some(reason) = livestream_item(&live, &zone, now_ms()).fixed {
            return Err(StudioError::NotMovable { reason });
        }
        self.change_livestream(id, live.title, at).await
    }

    /// Moves a message to followers whose send waits for its time to `at`,
    /// in the outbox; one on its way, sent or stopped stays. Undo is the
    /// same move back.
    pub async fn move_message(&self, id: i64, at: i64) -> StudioResult<FollowerMessage> {
        let now = now_ms();
        let message = self.store.message(id).await?.ok_or(StudioError::MessageNotFound { id })?;
        let from = message.scheduled_at.unwrap_or(message.updated_at);
        let planned = self.store.planned_messages(from, from + 1, Some(message.account_id)).await?;
        let item = planned
            .iter()
            .find(|p| p.message.id == id)
            .map(|p| p.item(&ZoneName::default(), now))
            .ok_or(StudioError::MessageNot { id, status: message.status })?;
        if let Some(reason) = item.fixed {
            return Err(StudioError::NotMovable { reason });
        }
        if at <= now {
            return Err(StudioError::ScheduleInPast { at });
        }
        match self.store.reschedule_message(id, at, now).await? {
            Reschedule::Moved(_) => {
                self.worker_wake();
                self.store.message(id).await?.ok_or(StudioError::MessageNotFound { id })
            }
            Reschedule::OnPlatform => Err(StudioError::NotMovable { reason: FixedReason::Published }),
            Reschedule::InFlight => Err(StudioError::NotMovable { reason: FixedReason::Sending }),
            Reschedule::NotWaiting => Err(StudioError::NotMovable { reason: FixedReason::Failed }),
        }
    }

    /// Every time zone name the studio knows.
    pub async fn list_time_zones(&self) -> StudioResult<Vec<String>> {
        Ok(zone_names())
    }

    /// Sets the zone an account's posting slots and wall times are in.
    pub async fn set_account_time_zone(&self, account_id: AccountId, zone: String) -> StudioResult<Account> {
        let zone = ZoneName::parse(&zone)?;
        if !self.store.set_account_time_zone(account_id, &zone).await? {
            return Err(StudioError::AccountNotFound { id: account_id });
        }
        self.list_accounts()
            .await?
            .into_iter()
            .find(|a| a.id == account_id)
            .ok_or(StudioError::AccountNotFound { id: account_id })
    }

    /// Writes every post, livestream and message of one account (or all) to an
    /// iCalendar file at `path`: times in UTC when `utc`, else as wall
    /// times in each account's zone with its `VTIMEZONE`. Returns how many
    /// events it holds.
    pub async fn export_calendar(&self, path: String, account_id: Option<AccountId>, utc: bool) -> StudioResult<u32> {
        let text = self.calendar_text(account_id, utc).await?;
        let events = text.matches("BEGIN:VEVENT").count() as u32;
        write_file(&path, text.as_bytes()).map_err(|source| StudioError::CalendarFile { path, source })?;
        Ok(events)
    }

    /// The iCalendar text of [`Studio::export_calendar`].
    pub async fn calendar_text(&self, account_id: Option<AccountId>, utc: bool) -> StudioResult<String> {
        let accounts = self.accounts_by_id().await?;
        let items = self.calendar_items_ever(account_id).await?;
        let events: Vec<IcsEvent> = items
            .iter()
            .filter(|i| i.kind != CalendarKind::Slot)
            .map(|i| {
                let account = accounts.get(&i.account_id);
                IcsEvent {
                    uid: match i.kind {
                        CalendarKind::Livestream => format!("livestream-{}@creator-studio", i.id),
                        CalendarKind::Message => format!("message-{}@creator-studio", i.id),
                        _ => format!("post-{}-{}@creator-studio", i.id, i.account_id),
                    },
                    summary: match i.kind {
                        CalendarKind::Livestream => self.lang().pick("直播：", "Livestream: ").to_string() + &i.title,
                        CalendarKind::Message => self.lang().pick("群发：", "Message: ").to_string() + &i.title,
                        _ => i.title.clone(),
                    },
                    description: account.map(|a| a.name.clone()).unwrap_or_default(),
                    starts_at: i.starts_at,
                    ends_at: i.ends_at,
                    zone: i.account_zone.clone(),
                    cancelled: matches!(i.status, CalendarStatus::Withdrawn | CalendarStatus::Refused),
                }
            })
            .collect();
        Ok(calendar_file(&events, if utc { IcsTimes::Utc } else { IcsTimes::Zoned }, now_ms()))
    }

    /// Every post, livestream and message ever planned, of one account or all.
    async fn calendar_items_ever(&self, account_id: Option<AccountId>) -> StudioResult<Vec<CalendarItem>> {
        let accounts = self.accounts_by_id().await?;
        self.planned_items(&accounts, i64::MIN / 4, i64::MAX / 4, account_id).await
    }

    /// The posts, livestreams and messages from `from` to `to`, each in its account's zone, in time order.
    async fn planned_items(
        &self,
        accounts: &HashMap<AccountId, Account>,
        from: i64,
        to: i64,
        account_id: Option<AccountId>,
    ) -> StudioResult<Vec<CalendarItem>> {
        let zone = |id: AccountId| accounts.get(&id).map(|a| a.time_zone.clone()).unwrap_or_default();
        let now = now_ms();
        let mut items: Vec<CalendarItem> = Vec::new();
        for post in self.store.planned_posts(from, to, account_id).await? {
            items.push(post.item(&zone(post.account_id), now));
        }
        for live in self.store.livestreams_between(from, to, account_id).await? {
            items.push(livestream_item(&live, &zone(live.account_id), now));
        }
        for message in self.store.planned_messages(from, to, account_id).await? {
            items.push(message.item(&zone(message.message.account_id), now));
        }
        items.sort_by_key(|i| (i.starts_at, i.id));
        Ok(items)
    }

    pub(crate) async fn accounts_by_id(&self) -> StudioResult<HashMap<AccountId, Account>> {
        Ok(self.list_accounts().await?.into_iter().map(|a| (a.id, a)).collect())
    }
}

/// Writes `bytes` to `path` through a temporary file beside it, so a
/// failed export never leaves half a calendar.
pub(crate) fn write_file(path: &str, bytes: &[u8]) -> std::io::Result<()> {
    let path = std::path::Path::new(path);
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut file, bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
