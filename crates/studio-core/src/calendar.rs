//! The calendar: scheduled and published posts, livestreams and posting
//! slots on one time line; how each can be moved (always through the
//! outbox) or why it cannot; the posting queue's slots; and the reminders
//! due before what is coming.

use std::collections::HashSet;

use jiff::civil::{Date, Time, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::rules::LIVESTREAM_DEFAULT_MINUTES;
use crate::time::{format_wall, instant_of, wall_time, ZoneName};
use crate::{
    AccountId, DraftId, FollowerMessage, JobState, Livestream, LivestreamStatus, MessageStatus, PublicationStatus,
};

crate::vocabulary! {
    /// What a calendar item is.
    pub enum CalendarKind {
        /// A post on an account.
        Post,
        /// A livestream.
        Livestream,
        /// A free posting slot of the queue.
        Slot,
        /// A message to a life account's followers.
        Message,
    }
}

crate::vocabulary! {
    /// Where a calendar item stands, as the calendar marks it.
    pub enum CalendarStatus {
        /// In the outbox, not on the platform yet (or a livestream planned).
        Waiting,
        /// On the platform, under review or held for its time.
        UnderReview,
        /// Out.
        Published,
        /// Refused in review.
        Refused,
        /// Could not be sent; Activity says why.
        Failed,
        /// A livestream announced on the platform.
        Announced,
        /// A livestream whose change waits to reach the platform.
        Changing,
        /// A livestream withdrawn (or being withdrawn).
        Withdrawn,
        /// A posting slot nothing fills yet.
        Free,
    }
}

crate::vocabulary! {
    /// How an item is moved to another time.
    pub enum MoveWay {
        /// A post not yet sent: its queued publish gets the new time.
        Reschedule,
        /// A post held by the platform for its time, which cannot change
        /// it: deleted there and published again at the new time, once the
        /// user confirms.
        Republish,
        /// A livestream: changed, on the platform too once announced.
        ChangeLivestream,
        /// It cannot be moved; `FixedReason` says why.
        Fixed,
    }
}

crate::vocabulary! {
    /// Why an item cannot be moved.
    pub enum FixedReason {
        /// Published posts stay where they went out.
        Published,
        /// Its time has passed.
        Past,
        /// It is on its way to the platform right now.
        Sending,
        /// Withdrawn.
        Withdrawn,
        /// Refused in review.
        Refused,
        /// It stopped in the outbox; retry or cancel it in Activity first.
        Failed,
        /// A post going out as soon as possible, not at a time.
        NotScheduled,
    }
}

/// One thing on the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarItem {
    /// Post, livestream or free slot.
    pub kind: CalendarKind,
    /// The draft, the livestream or the slot.
    #[ts(type = "number")]
    pub id: i64,
    /// The account.
    #[ts(type = "number")]
    pub account_id: AccountId,
    /// Its title (empty for a slot).
    pub title: String,
    /// Unix ms it starts (a post: when it goes or went out).
    #[ts(type = "number")]
    pub starts_at: i64,
    /// Unix ms it ends (a post or slot: its start).
    #[ts(type = "number")]
    pub ends_at: i64,
    /// Where it stands.
    pub status: CalendarStatus,
    /// How it moves.
    pub move_way: MoveWay,
    /// Why it cannot move, when it cannot.
    pub fixed: Option<FixedReason>,
    /// Its start as a wall time in the account's zone (`YYYY-MM-DD HH:MM`).
    pub account_time: String,
    /// The account's zone.
    pub account_zone: ZoneName,
    /// A livestream's cover (a library picture), shown beside its title.
    pub cover: Option<crate::media::ContentHash>,
}

/// A post as the library knows it, for the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPost {
    /// The draft.
    pub draft_id: DraftId,
    /// The account.
    pub account_id: AccountId,
    /// The draft's title.
    pub title: String,
    /// Its standing on the account.
    pub status: PublicationStatus,
    /// When the platform publishes it, if scheduled.
    pub scheduled_at: Option<i64>,
    /// When its standing last changed.
    pub updated_at: i64,
    /// The state of its open publish job, if one is open.
    pub job: Option<JobState>,
}

impl PlannedPost {
    /// When it goes (or went) out: its scheduled time, else when its
    /// standing last changed.
    pub fn at(&self) -> i64 {
        self.scheduled_at.unwrap_or(self.updated_at)
    }

    /// Whether the calendar shows it: not cancelled or deleted.
    pub fn shown(&self) -> bool {
        !matches!(self.status, PublicationStatus::Cancelled | PublicationStatus::Deleted)
    }

    /// How it looks and moves at `now`.
    pub fn item(&self, zone: &ZoneName, now: i64) -> CalendarItem {
        let at = self.at();
        let future = self.scheduled_at.is_some_and(|t| t > now);
        let (status, fixed) = match self.status {
            PublicationStatus::Queued => match self.job {
                Some(j) if j.in_flight() => (CalendarStatus::Waiting, Some(FixedReason::Sending)),
                Some(JobState::Failed) => (CalendarStatus::Failed, Some(FixedReason::Failed)),
                _ if self.scheduled_at.is_none() => (CalendarStatus::Waiting, Some(FixedReason::NotScheduled)),
                _ if !future => (CalendarStatus::Waiting, Some(FixedReason::Past)),
                _ => (CalendarStatus::Waiting, None),
            },
            PublicationStatus::UnderReview if future => (CalendarStatus::UnderReview, None),
            PublicationStatus::UnderReview if self.scheduled_at.is_none() => {
                (CalendarStatus::UnderReview, Some(FixedReason::NotScheduled))
            }
            PublicationStatus::UnderReview => (CalendarStatus::UnderReview, Some(FixedReason::Past)),
            PublicationStatus::Published => (CalendarStatus::Published, Some(FixedReason::Published)),
            PublicationStatus::Rejected => (CalendarStatus::Refused, Some(FixedReason::Refused)),
            PublicationStatus::Failed | PublicationStatus::Deleted | PublicationStatus::Cancelled => {
                (CalendarStatus::Failed, Some(FixedReason::Failed))
            }
        };
        let move_way = match (fixed, status) {
            (Some(_), _) => MoveWay::Fixed,
            (None, CalendarStatus::UnderReview) => MoveWay::Republish,
            (None, _) => MoveWay::Reschedule,
        };
        CalendarItem {
            kind: CalendarKind::Post,
            id: self.draft_id,
            account_id: self.account_id,
            title: self.title.clone(),
            starts_at: at,
            ends_at: at,
            status,
            move_way,
            fixed,
            account_time: format_wall(at, zone),
            account_zone: zone.clone(),
            cover: None,
        }
    }
}

/// How a livestream looks and moves at `now`.
pub fn livestream_item(live: &Livestream, zone: &ZoneName, now: i64) -> CalendarItem {
    let (status, fixed) = match live.status {
        LivestreamStatus::Planned => (CalendarStatus::Waiting, None),
        LivestreamStatus::Announced => (CalendarStatus::Announced, None),
        LivestreamStatus::Changing => (CalendarStatus::Changing, None),
        LivestreamStatus::Withdrawing | LivestreamStatus::Withdrawn => {
            (CalendarStatus::Withdrawn, Some(FixedReason::Withdrawn))
        }
        LivestreamStatus::Failed => (CalendarStatus::Failed, None),
    };
    let fixed = fixed.or((live.starts_at <= now).then_some(FixedReason::Past));
    CalendarItem {
        kind: CalendarKind::Livestream,
        id: live.id,
        account_id: live.account_id,
        title: live.title.clone(),
        starts_at: live.starts_at,
        ends_at: live.starts_at + i64::from(live.minutes) * 60_000,
        status,
        move_way: if fixed.is_some() { MoveWay::Fixed } else { MoveWay::ChangeLivestream },
        fixed,
        account_time: format_wall(live.starts_at, zone),
        account_zone: zone.clone(),
        cover: live.plan.cover.clone(),
    }
}

/// A message to followers as the library knows it, for the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedMessage {
    /// The message.
    pub message: FollowerMessage,
    /// The state of its open send job, if one is open.
    pub job: Option<JobState>,
}

impl PlannedMessage {
    /// When it goes (or went) out: its time, else when it last changed.
    pub fn at(&self) -> i64 {
        self.message.scheduled_at.unwrap_or(self.message.updated_at)
    }

    /// How it looks and moves at `now`: a send waiting for its time moves
    /// in the outbox like a post's; one on its way, sent, stopped or
    /// recalled stays.
    pub fn item(&self, zone: &ZoneName, now: i64) -> CalendarItem {
        let m = &self.message;
        let at = self.at();
        let (status, fixed) = match m.status {
            MessageStatus::Draft | MessageStatus::Sending => match self.job {
                Some(j) if j.in_flight() => (CalendarStatus::Waiting, Some(FixedReason::Sending)),
                Some(JobState::Failed) => (CalendarStatus::Failed, Some(FixedReason::Failed)),
                _ if m.scheduled_at.is_none() => (CalendarStatus::Waiting, Some(FixedReason::NotScheduled)),
                _ if at <= now => (CalendarStatus::Waiting, Some(FixedReason::Past)),
                _ => (CalendarStatus::Waiting, None),
            },
            MessageStatus::Sent => (CalendarStatus::Published, Some(FixedReason::Published)),
            MessageStatus::Failed => (CalendarStatus::Failed, Some(FixedReason::Failed)),
            MessageStatus::Recalling | MessageStatus::Recalled => {
                (CalendarStatus::Withdrawn, Some(FixedReason::Withdrawn))
            }
        };
        let title = if m.fields.title.trim().is_empty() {
            m.fields.body.chars().take(40).collect()
        } else {
            m.fields.title.clone()
        };
        CalendarItem {
            kind: CalendarKind::Message,
            id: m.id,
            account_id: m.account_id,
            title,
            starts_at: at,
            ends_at: at,
            status,
            move_way: if fixed.is_some() { MoveWay::Fixed } else { MoveWay::Reschedule },
            fixed,
            account_time: format_wall(at, zone),
            account_zone: zone.clone(),
            cover: m.fields.cover.clone(),
        }
    }
}

/// The length a livestream spans when none was planned, minutes.
pub const DEFAULT_LIVESTREAM_MINUTES: u32 = LIVESTREAM_DEFAULT_MINUTES;

/// A posting slot of an account's queue: a weekday and a wall time in the
/// account's zone (for example Monday 12:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct QueueSlot {
    /// Local id.
    #[ts(type = "number")]
    pub id: i64,
    /// The account.
    #[ts(type = "number")]
    pub account_id: AccountId,
    /// 1 Monday … 7 Sunday.
    pub weekday: u8,
    /// Minutes after midnight, wall time.
    pub minute: u16,
}

/// A slot to add to an account's queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewQueueSlot {
    /// 1 Monday … 7 Sunday.
    pub weekday: u8,
    /// Minutes after midnight, wall time.
    pub minute: u16,
}

impl NewQueueSlot {
    /// Whether it names a real weekday and time of day.
    pub fn is_valid(&self) -> bool {
        (1..=7).contains(&self.weekday) && self.minute < 24 * 60
    }
}

/// One coming time of a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotTime {
    /// The slot.
    pub slot: QueueSlot,
    /// Unix ms.
    pub at: i64,
}

/// Weeks ahead the queue looks for a free slot before it gives up.
pub const QUEUE_HORIZON_WEEKS: i64 = 52;

/// The times of `slots` (all of one account, in `zone`) from `from`
/// (inclusive) to `to` (exclusive), in order. A slot whose wall time the
/// clocks skip that day falls just after the gap; one whose wall time
/// happens twice falls on the first; two slots that fall on the same
/// instant count once.
pub fn slot_times(slots: &[QueueSlot], zone: &ZoneName, from: i64, to: i64) -> Vec<SlotTime> {
    let mut out = Vec::new();
    if slots.is_empty() || to <= from {
        return out;
    }
    let mut sorted = slots.to_vec();
    sorted.sort_by_key(|s| (s.minute, s.id));
    // A day before `from` in the zone, so a slot shifted past a gap or
    // falling on a fold near midnight is not missed.
    let mut day: Date = wall_time(from, zone).date().yesterday().unwrap_or(wall_time(from, zone).date());
    let mut seen = HashSet::new();
    loop {
        let weekday = day.weekday().to_monday_one_offset() as u8;
        let midnight = instant_of(day.to_datetime(Time::midnight()), zone);
        if midnight >= to {
            break;
        }
        for slot in sorted.iter().filter(|s| s.weekday == weekday) {
            let time = Time::new((slot.minute / 60) as i8, (slot.minute % 60) as i8, 0, 0).unwrap_or(Time::midnight());
            let at = instant_of(day.to_datetime(time), zone);
            if at >= from && at < to && seen.insert(at) {
                out.push(SlotTime { slot: *slot, at });
            }
        }
        day = match day.tomorrow() {
            Ok(d) => d,
            Err(_) => break,
        };
    }
    out.sort_by_key(|t| t.at);
    out
}

/// The first slot time from `earliest` that no post of the account takes,
/// looking [`QUEUE_HORIZON_WEEKS`] ahead: a full week goes on to the next.
pub fn next_free_slot(slots: &[QueueSlot], zone: &ZoneName, earliest: i64, taken: &HashSet<i64>) -> Option<SlotTime> {
    const WEEK: i64 = 7 * 86_400_000;
    (0..QUEUE_HORIZON_WEEKS).find_map(|week| {
        let from = earliest + week * WEEK;
        slot_times(slots, zone, from, from + WEEK).into_iter().find(|t| !taken.contains(&t.at))
    })
}

/// A weekday by its number (1 Monday … 7 Sunday).
pub fn weekday(n: u8) -> Option<Weekday> {
    Weekday::from_monday_one_offset(n as i8).ok()
}

/// Something coming that reminders are due for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    /// A post or a livestream.
    pub kind: CalendarKind,
    /// The draft or livestream.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Unix ms.
    pub starts_at: i64,
}

/// A reminder before something coming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Reminder {
    /// A post or a livestream.
    pub kind: CalendarKind,
    /// The draft or livestream.
    #[ts(type = "number")]
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Unix ms it starts.
    #[ts(type = "number")]
    pub starts_at: i64,
    /// How long before it the reminder is for, minutes.
    pub minutes_before: u32,
    /// Whether it fell due while the app was closed.
    pub missed: bool,
}

impl Reminder {
    /// When it falls due.
    pub fn due_at(&self) -> i64 {
        self.starts_at - i64::from(self.minutes_before) * 60_000
    }
}

/// The minutes before a livestream or scheduled post the user is reminded
/// when nothing else was chosen.
pub const DEFAULT_REMINDER_MINUTES: [u32; 2] = [30, 5];

/// The reminders of `coming` that fall due after `after` and by `now`, in
/// the order they fall due; those due before `started` (when this run of
/// the app began) were missed while it was closed.
pub fn due_reminders(coming: &[Upcoming], minutes: &[u32], after: i64, now: i64, started: i64) -> Vec<Reminder> {
    let mut out: Vec<Reminder> = coming
        .iter()
        .flat_map(|c| {
            minutes.iter().map(move |&m| Reminder {
                kind: c.kind,
                id: c.id,
                title: c.title.clone(),
                starts_at: c.starts_at,
                minutes_before: m,
                missed: false,
            })
        })
        .filter(|r| r.due_at() > after && r.due_at() <= now)
        .map(|mut r| {
            r.missed = r.due_at() < started;
            r
        })
        .collect();
    out.sort_by_key(|r| (r.due_at(), r.kind.as_str(), r.id));
    out
}

#[cfg(test)]
mod tests {
    use jiff::civil::datetime;

    use super::*;

    fn zone(name: &str) -> ZoneName {
        ZoneName::parse(name).unwrap()
    }

    fn slot(id: i64, weekday: u8, h: u16, m: u16) -> QueueSlot {
        QueueSlot { id, account_id: 1, weekday, minute: h * 60 + m }
    }

    fn weekdays_at(hours: &[u16]) -> Vec<QueueSlot> {
        let mut id = 0;
        let mut out = Vec::new();
        for d in 1..=5 {
            for &h in hours {
                id += 1;
                out.push(slot(id, d, h, 0));
            }
        }
        out
    }

    #[test]
    fn the_next_free_slot_skips_taken_and_past_ones_and_goes_on_to_the_next_week() {
        let sh = zone("Asia/Shanghai");
        let slots = weekdays_at(&[12, 20]);
        // Wednesday 2026-12-02 13:00 in Shanghai: 12:00 has passed.
        let now = instant_of(datetime(2026, 12, 2, 13, 0, 0, 0), &sh);
        let first = next_free_slot(&slots, &sh, now, &HashSet::new()).unwrap();
        assert_eq!(format_wall(first.at, &sh), "2026-12-02 20:00");
        // Wednesday evening to Friday evening taken: Monday noon is next.
        let taken: HashSet<i64> = slot_times(&slots, &sh, now, instant_of(datetime(2026, 12, 5, 0, 0, 0, 0), &sh))
            .iter()
            .map(|t| t.at)
            .collect();
        assert_eq!(taken.len(), 5);
        let next = next_free_slot(&slots, &sh, now, &taken).unwrap();
        assert_eq!(format_wall(next.at, &sh), "2026-12-07 12:00");
        // A week ahead completely full: the week after.
        let full: HashSet<i64> = slot_times(&slots, &sh, now, now + 8 * 86_400_000).iter().map(|t| t.at).collect();
        let after = next_free_slot(&slots, &sh, now, &full).unwrap();
        assert!(after.at >= now + 8 * 86_400_000, "{}", format_wall(after.at, &sh));
        assert_eq!(next_free_slot(&[], &sh, now, &HashSet::new()), None, "no slots, no place");
    }

    #[test]
    fn a_removed_slot_is_simply_not_offered_again() {
        let sh = zone("Asia/Shanghai");
        let mut slots = weekdays_at(&[12, 20]);
        let now = instant_of(datetime(2026, 12, 2, 13, 0, 0, 0), &sh);
        slots.retain(|s| s.minute != 20 * 60);
        let next = next_free_slot(&slots, &sh, now, &HashSet::new()).unwrap();
        assert_eq!(format_wall(next.at, &sh), "2026-12-03 12:00");
    }

    #[test]
    fn a_slot_in_the_spring_gap_falls_after_it_and_one_in_the_autumn_fold_falls_once() {
        let berlin = zone("Europe/Berlin");
        // Sundays 02:30 and 03:30 in Berlin.
        let slots = [slot(1, 7, 2, 30), slot(2, 7, 3, 30)];
        let from = instant_of(datetime(2026, 3, 28, 0, 0, 0, 0), &berlin);
        let times = slot_times(&slots, &berlin, from, from + 2 * 86_400_000);
        let walls: Vec<String> = times.iter().map(|t| format_wall(t.at, &berlin)).collect();
        assert_eq!(walls, ["2026-03-29 03:30"], "02:30 does not exist; it and 03:30 are one instant");
        let from = instant_of(datetime(2026, 10, 24, 0, 0, 0, 0), &berlin);
        let times = slot_times(&slots, &berlin, from, from + 2 * 86_400_000);
        assert_eq!(times.len(), 2, "02:30 (the first) and 03:30");
        assert_eq!(times[1].at - times[0].at, 2 * 3_600_000, "02:30 CEST to 03:30 CET is two hours");
    }

    #[test]
    fn shanghai_slots_keep_their_wall_time_for_a_berlin_user_across_the_switch() {
        let (sh, berlin) = (zone("Asia/Shanghai"), zone("Europe/Berlin"));
        let slots = [slot(1, 6, 20, 0), slot(2, 1, 20, 0)];
        let from = instant_of(datetime(2026, 3, 28, 0, 0, 0, 0), &sh);
        let times = slot_times(&slots, &sh, from, from + 3 * 86_400_000);
        let berlin_walls: Vec<String> = times.iter().map(|t| format_wall(t.at, &berlin)).collect();
        assert_eq!(berlin_walls, ["2026-03-28 13:00", "2026-03-30 14:00"]);
    }

    fn post(status: PublicationStatus, scheduled_at: Option<i64>, job: Option<JobState>) -> PlannedPost {
        PlannedPost { draft_id: 1, account_id: 1, title: "t".into(), status, scheduled_at, updated_at: 5, job }
    }

    #[test]
    fn each_post_moves_its_own_way_or_says_why_not() {
        let z = ZoneName::default();
        let now = 1_000;
        let way = |p: PlannedPost| {
            let i = p.item(&z, now);
            (i.status, i.move_way, i.fixed)
        };
        use CalendarStatus as S;
        use FixedReason as F;
        assert_eq!(
            way(post(PublicationStatus::Queued, Some(9_000), Some(JobState::Pending))),
            (S::Waiting, MoveWay::Reschedule, None)
        );
        assert_eq!(
            way(post(PublicationStatus::Queued, Some(9_000), Some(JobState::Sending))),
            (S::Waiting, MoveWay::Fixed, Some(F::Sending))
        );
        assert_eq!(
            way(post(PublicationStatus::UnderReview, Some(9_000), None)),
            (S::UnderReview, MoveWay::Republish, None)
        );
        assert_eq!(
            way(post(PublicationStatus::Published, Some(900), None)),
            (S::Published, MoveWay::Fixed, Some(F::Published))
        );
        assert_eq!(
            way(post(PublicationStatus::Queued, Some(900), Some(JobState::Pending))),
            (S::Waiting, MoveWay::Fixed, Some(F::Past))
        );
        assert_eq!(
            way(post(PublicationStatus::Queued, None, Some(JobState::Pending))),
            (S::Waiting, MoveWay::Fixed, Some(F::NotScheduled))
        );
        assert_eq!(way(post(PublicationStatus::Rejected, None, None)).2, Some(F::Refused));
        let published_now = post(PublicationStatus::Published, None, None).item(&z, now);
        assert_eq!(published_now.starts_at, 5, "a post published at once shows when it went out");
    }

    #[test]
    fn a_message_waiting_for_its_time_moves_and_one_sent_or_stopped_stays() {
        let z = ZoneName::default();
        let message = |status, scheduled_at| FollowerMessage {
            id: 7,
            account_id: 1,
            fields: crate::MessageFields { body: "今晚八点上新".into(), ..Default::default() },
            status,
            scheduled_at,
            content_url: None,
            message_id: None,
            words: String::new(),
            error_code: None,
            updated_at: 5,
        };
        let way = |status, scheduled_at, job| {
            let i = PlannedMessage { message: message(status, scheduled_at), job }.item(&z, 1_000);
            (i.kind, i.status, i.move_way, i.fixed, i.starts_at)
        };
        use CalendarStatus as S;
        use FixedReason as F;
        use MessageStatus as M;
        let k = CalendarKind::Message;
        assert_eq!(
            way(M::Sending, Some(9_000), Some(JobState::Pending)),
            (k, S::Waiting, MoveWay::Reschedule, None, 9_000)
        );
        assert_eq!(way(M::Sending, Some(9_000), Some(JobState::Sending)).3, Some(F::Sending));
        assert_eq!(way(M::Sending, None, Some(JobState::Pending)).3, Some(F::NotScheduled));
        assert_eq!(way(M::Sending, Some(900), Some(JobState::Pending)).3, Some(F::Past));
        assert_eq!(way(M::Sent, Some(900), None), (k, S::Published, MoveWay::Fixed, Some(F::Published), 900));
        assert_eq!(way(M::Failed, None, Some(JobState::Failed)), (k, S::Failed, MoveWay::Fixed, Some(F::Failed), 5));
        assert_eq!(way(M::Recalled, Some(900), None).1, S::Withdrawn);
        let untitled = PlannedMessage { message: message(M::Sent, Some(900)), job: None }.item(&z, 1_000);
        assert_eq!(untitled.title, "今晚八点上新", "a text message shows its words");
    }

    #[test]
    fn livestreams_span_their_length_and_past_or_withdrawn_ones_stay() {
        let z = ZoneName::default();
        let mut live = Livestream {
            id: 3,
            account_id: 1,
            title: "直播".into(),
            starts_at: 10_000_000,
            minutes: 90,
            out_advance_id: "x".into(),
            advance_id: None,
            status: LivestreamStatus::Announced,
            plan: Default::default(),
            series_id: None,
            warmup: None,
        };
        let item = livestream_item(&live, &z, 0);
        assert_eq!((item.ends_at - item.starts_at, item.move_way), (90 * 60_000, MoveWay::ChangeLivestream));
        assert_eq!(livestream_item(&live, &z, 20_000_000).fixed, Some(FixedReason::Past));
        assert_eq!(item.cover, None);
        live.plan.cover = Some(crate::media::ContentHash::parse(&"a".repeat(64)).unwrap());
        assert_eq!(livestream_item(&live, &z, 0).cover, live.plan.cover, "the cover shows on the calendar");
        live.status = LivestreamStatus::Withdrawn;
        assert_eq!(livestream_item(&live, &z, 0).fixed, Some(FixedReason::Withdrawn));
    }

    #[test]
    fn reminders_fall_due_once_each_and_those_due_while_closed_are_marked_missed() {
        let coming = [
            Upcoming { kind: CalendarKind::Livestream, id: 1, title: "直播".into(), starts_at: 60 * 60_000 },
            Upcoming { kind: CalendarKind::Post, id: 2, title: "帖子".into(), starts_at: 40 * 60_000 },
        ];
        let minutes = DEFAULT_REMINDER_MINUTES;
        // The app ran until minute 5, was closed, and started again at minute 36.
        let at_start = due_reminders(&coming, &minutes, 5 * 60_000, 36 * 60_000, 36 * 60_000);
        let got: Vec<(i64, u32, bool)> = at_start.iter().map(|r| (r.id, r.minutes_before, r.missed)).collect();
        assert_eq!(got, [(2, 30, true), (1, 30, true), (2, 5, true)]);
        // Later ticks bring only what fell due since the last one.
        let later = due_reminders(&coming, &minutes, 36 * 60_000, 56 * 60_000, 36 * 60_000);
        assert_eq!(later.iter().map(|r| (r.id, r.minutes_before, r.missed)).collect::<Vec<_>>(), [(1, 5, false)]);
    }
}
