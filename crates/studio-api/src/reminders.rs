//! Reminders before livestreams and scheduled posts while the app runs,
//! the ones missed while it was closed (listed once on the next start),
//! and the next few things coming, for the tray.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use studio_core::calendar::{due_reminders, CalendarItem, CalendarKind, CalendarStatus, Reminder, Upcoming};

use studio_core::time::format_wall;
use studio_core::Lang;
use studio_store::Store;
use ts_rs::TS;

use crate::{now_ms, Notice, Studio, StudioResult};

/// Reminders may come at most this long before, minutes (a week).
const REMINDER_MINUTES_MAX: u32 = 7 * 24 * 60;
/// At most this many reminders per item.
const REMINDERS_PER_ITEM_MAX: usize = 5;
/// How often the clock looks, at the longest: also how fresh the tray is.
const TICK: Duration = Duration::from_secs(30);

/// What the reminder clock tells the app after a look.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderNews {
    /// Reminders that fell due just now.
    pub due: Vec<Reminder>,
    /// Desktop notifications for them, in the user's language.
    pub notices: Vec<Notice>,
    /// The next things coming, for the tray.
    pub next: Vec<NextItem>,
}

/// Something coming, as the tray lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NextItem {
    /// A post or a livestream.
    pub kind: CalendarKind,
    /// The draft or livestream.
    #[ts(type = "number")]
    pub id: i64,
    /// Unix ms it starts.
    #[ts(type = "number")]
    pub starts_at: i64,
    /// Its line in the tray's menu: when (in this computer's zone) and what.
    pub label: String,
    /// Its menu entry's id (`livestream-3`, `post-7`).
    pub menu_id: String,
}

/// The tray's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrayWords {
    /// Opens the window.
    pub open: &'static str,
    /// Ends the app.
    pub quit: &'static str,
    /// Shown when nothing is coming.
    pub nothing: &'static str,
    /// The icon's tooltip.
    pub tooltip: &'static str,
}

/// The tray's words in `lang`.
pub fn tray_words(lang: Lang) -> TrayWords {
    TrayWords {
        open: lang.pick("打开 Creator Studio", "Open Creator Studio"),
        quit: lang.pick("退出", "Quit"),
        nothing: lang.pick("接下来没有安排", "Nothing coming up"),
        tooltip: lang.pick("Creator Studio：接下来的安排", "Creator Studio: coming up"),
    }
}

/// How many coming things the tray lists.
pub const TRAY_ITEMS: usize = 3;

/// What the studio and its reminder clock share: the reminders missed
/// while the app was closed, until the window has listed them.
#[derive(Debug, Default)]
pub(crate) struct MissedReminders(Mutex<Option<Vec<Reminder>>>);

/// The app's reminder clock. Run it once, for the app's life.
pub struct ReminderClock {
    store: Store,
    lang: Arc<std::sync::RwLock<Lang>>,
    checked_at: i64,
    started: i64,
}

impl Studio {
    /// The reminder clock, made ready: reminders that fell due since the
    /// app last looked (while it was closed) are set aside for
    /// [`Studio::missed_reminders`]. A new library misses nothing.
    pub async fn reminder_clock(&self) -> StudioResult<ReminderClock> {
        let now = now_ms();
        let checked_at = self.store.reminders_checked_at().await?.unwrap_or(now);
        let minutes = self.store.settings().await?.reminder_minutes;
        let coming = self.upcoming(checked_at, now + i64::from(REMINDER_MINUTES_MAX) * 60_000).await?;
        let missed = due_reminders(&coming, &minutes, checked_at, now, now + 1);
        *self.missed.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(missed);
        self.store.set_reminders_checked_at(now).await?;
        Ok(ReminderClock { store: self.store.clone(), lang: self.lang.clone(), checked_at: now, started: now })
    }

    /// The reminders missed while the app was closed, once: a second call
    /// finds none.
    pub async fn missed_reminders(&self) -> StudioResult<Vec<Reminder>> {
        Ok(self.missed.0.lock().unwrap_or_else(|e| e.into_inner()).take().unwrap_or_default())
    }

    /// The next `count` livestreams and scheduled posts from now on.
    pub async fn next_items(&self, count: u32) -> StudioResult<Vec<NextItem>> {
        next_items(&self.store, now_ms(), count as usize, self.lang()).await
    }

    /// Livestreams, scheduled posts and scheduled messages starting from `from` to `to`.
    async fn upcoming(&self, from: i64, to: i64) -> StudioResult<Vec<Upcoming>> {
        upcoming(&self.store, from, to).await
    }
}

/// Whether an item is something coming a reminder is for: a livestream
/// still on, a post scheduled and not withdrawn or refused.
fn coming(item: &CalendarItem) -> bool {
    match item.kind {
        CalendarKind::Slot => false,
        _ => matches!(
            item.status,
            CalendarStatus::Waiting
                | CalendarStatus::UnderReview
                | CalendarStatus::Announced
                | CalendarStatus::Changing
        ),
    }
}

/// How far ahead the tray looks.
const NEXT_HORIZON_MS: i64 = 60 * 86_400_000;

async fn next_items(store: &Store, now: i64, count: usize, lang: Lang) -> StudioResult<Vec<NextItem>> {
    let mut coming_items = upcoming(store, now, now + NEXT_HORIZON_MS).await?;
    coming_items.sort_by_key(|u| (u.starts_at, u.id));
    let zone = user_zone();
    Ok(coming_items
        .into_iter()
        .take(count)
        .map(|u| {
            let when = format_wall(u.starts_at, &zone);
            let what = match u.kind {
                CalendarKind::Livestream => lang.pick("直播", "Live"),
                CalendarKind::Message => lang.pick("群发", "Message"),
                _ => lang.pick("发布", "Post"),
            };
            let title: String = u.title.chars().take(24).collect();
            NextItem {
                kind: u.kind,
                id: u.id,
                starts_at: u.starts_at,
                label: format!("{} {what} · {title}", &when[5..]),
                menu_id: format!("{}-{}", u.kind.as_str(), u.id),
            }
        })
        .collect())
}

/// This computer's time zone (Asia/Shanghai when it cannot be told).
pub fn user_zone() -> studio_core::ZoneName {
    jiff::tz::TimeZone::system()
        .iana_name()
        .and_then(|name| studio_core::ZoneName::parse(name).ok())
        .unwrap_or_default()
}

async fn upcoming(store: &Store, from: i64, to: i64) -> StudioResult<Vec<Upcoming>> {
    let mut out = Vec::new();
    let zone = studio_core::ZoneName::default();
    let now = now_ms();
    for post in store.planned_posts(from, to, None).await? {
        let item = post.item(&zone, now);
        if post.scheduled_at.is_some() && coming(&item) {
            out.push(Upcoming {
                kind: CalendarKind::Post,
                id: post.draft_id,
                title: post.title,
                starts_at: item.starts_at,
            });
        }
    }
    for live in store.livestreams_between(from, to, None).await? {
        let item = studio_core::calendar::livestream_item(&live, &zone, now);
        if live.starts_at >= from && coming(&item) {
            out.push(Upcoming {
                kind: CalendarKind::Livestream,
                id: live.id,
                title: live.title,
                starts_at: live.starts_at,
            });
        }
    }
    for message in store.planned_messages(from, to, None).await? {
        let item = message.item(&zone, now);
        if message.message.scheduled_at.is_some() && coming(&item) {
            out.push(Upcoming {
                kind: CalendarKind::Message,
                id: item.id,
                title: item.title,
                starts_at: item.starts_at,
            });
        }
    }
    Ok(out)
}

impl ReminderClock {
    fn lang(&self) -> Lang {
        *self.lang.read().unwrap_or_else(|e| e.into_inner())
    }

    /// One look: the reminders that fell due since the last one, and what
    /// comes next.
    pub async fn look(&mut self, now: i64) -> StudioResult<ReminderNews> {
        let minutes = self.store.settings().await?.reminder_minutes;
        let horizon = now + i64::from(REMINDER_MINUTES_MAX) * 60_000;
        let coming_items = upcoming(&self.store, self.checked_at, horizon).await?;
        let due = due_reminders(&coming_items, &minutes, self.checked_at, now, self.started);
        self.checked_at = now;
        self.store.set_reminders_checked_at(now).await?;
        let lang = self.lang();
        let notices = due.iter().map(|r| reminder_notice(r, lang)).collect();
        let next = next_items(&self.store, now, TRAY_ITEMS, lang).await?;
        Ok(ReminderNews { due, notices, next })
    }

    /// Runs until the process ends: looks every half minute (or when a
    /// reminder falls due sooner) and calls `on_news` after every look.
    pub async fn run(mut self, on_news: impl Fn(ReminderNews) + Send + Sync + 'static) {
        loop {
            if let Ok(news) = self.look(now_ms()).await {
                on_news(news);
            }
            tokio::time::sleep(TICK).await;
        }
    }
}

/// The notification for a reminder in `lang`.
pub fn reminder_notice(r: &Reminder, lang: Lang) -> Notice {
    let zh = lang == Lang::ZhCn;
    let name =
        if r.title.is_empty() { lang.pick("（无标题）", "(untitled)").to_string() } else { r.title.clone() };
    let title = match r.kind {
        CalendarKind::Livestream => lang.pick("直播提醒", "Livestream reminder"),
        CalendarKind::Message => lang.pick("群发提醒", "Message reminder"),
        _ => lang.pick("定时发布提醒", "Scheduled post reminder"),
    };
    let when = match r.minutes_before {
        m if m % 60 == 0 && m >= 60 => {
            if zh {
                format!("{} 小时后", m / 60)
            } else {
                format!("in {} h", m / 60)
            }
        }
        m => {
            if zh {
                format!("{m} 分钟后")
            } else {
                format!("in {m} min")
            }
        }
    };
    let body = match (r.kind, zh) {
        (CalendarKind::Livestream, true) => format!("《{name}》{when}开播。"),
        (CalendarKind::Livestream, false) => format!("“{name}” goes live {when}."),
        (CalendarKind::Message, true) => format!("《{name}》{when}发给全部关注者。"),
        (CalendarKind::Message, false) => format!("“{name}” goes to every follower {when}."),
        (_, true) => format!("《{name}》{when}发布。"),
        (_, false) => format!("“{name}” is published {when}."),
    };
    Notice { title: title.to_string(), body }
}

impl Studio {
    /// Checks reminder offsets: 1 minute to a week before, a few at most.
    pub(crate) fn check_reminder_minutes(minutes: &[u32]) -> StudioResult<()> {
        if minutes.len() > REMINDERS_PER_ITEM_MAX || minutes.iter().any(|m| !(1..=REMINDER_MINUTES_MAX).contains(m)) {
            return Err(crate::StudioError::ReminderMinutes { max: REMINDERS_PER_ITEM_MAX });
        }
        Ok(())
    }
}
