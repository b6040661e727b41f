//! A livestream's warm-up post (预告帖): a draft written from the
//! livestream (its title, its time, its cover and first offer), scheduled a
//! chosen time before the start, and kept linked so it can follow the
//! livestream when that moves.

use studio_core::draft::{DraftKind, DraftPatch};
use studio_core::media::MediumRole;
use studio_core::time::wall_time;
use studio_core::{Draft, Lang, Livestream, NewDraft, Warmup};

use crate::calendar::PostMove;
use crate::media::DraftMedium;
use crate::{now_ms, Studio, StudioError, StudioResult};

/// Characters a warm-up post's title may have: the platform counts the
/// title and its #topics together, up to 30.
const TITLE_CHARS: usize = 30;

/// The warm-up post's title and body for `live`, in `lang`.
fn warmup_text(live: &Livestream, zone: &studio_core::ZoneName, lang: Lang) -> (String, String) {
    let t = wall_time(live.starts_at, zone);
    let weekday = t.weekday().to_monday_one_offset() as usize - 1;
    let (prefix, when) = match lang {
        Lang::ZhCn => {
            let day = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][weekday];
            ("直播预告｜", format!("{}月{}日 {day} {:02}:{:02} 开播", t.month(), t.day(), t.hour(), t.minute()))
        }
        Lang::En => {
            let day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][weekday];
            let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
                [t.month() as usize - 1];
            ("Live: ", format!("Live on {day} {month} {}, {:02}:{:02}", t.day(), t.hour(), t.minute()))
        }
    };
    let title: String = format!("{prefix}{}", live.title).chars().take(TITLE_CHARS).collect();
    let mut body = format!("{when}：{}", live.title);
    if lang == Lang::En {
        body = format!("{when}: {}", live.title);
    }
    if !live.plan.description.is_empty() {
        body.push_str("\n\n");
        body.push_str(&live.plan.description);
    }
    if let Some(first) = live.plan.products.first() {
        body.push_str("\n\n");
        let price = if first.price.is_empty() { String::new() } else { format!(" {}", first.price) };
        body.push_str(&match lang {
            Lang::ZhCn => format!("首发：{}{price}", first.offer.label),
            Lang::En => format!("First up: {}{price}", first.offer.label),
        });
    }
    body.push_str(lang.pick("\n\n关注生活号，开播提醒不错过。", "\n\nFollow us to be reminded when we go live."));
    (title, body)
}

impl Studio {
    /// Writes a livestream's warm-up post: a draft with its title, time,
    /// cover and first offer, scheduled `lead_minutes` before the start on
    /// the livestream's account, and linked to it. A time the platform
    /// cannot take (past, or sooner than its 15 minutes) is refused before
    /// anything is made.
    pub async fn write_warmup_post(&self, live_id: i64, lead_minutes: u32) -> StudioResult<Draft> {
        let live = self.find_livestream(live_id).await?;
        let at = live.starts_at - i64::from(lead_minutes) * 60_000;
        crate::sync::check_schedule(at, now_ms())?;
        let account = self.account_or_default(Some(live.account_id)).await?;
        let (title, body) = warmup_text(&live, &account.time_zone, self.lang());
        let draft = self.create_draft(NewDraft { kind: Some(DraftKind::ImageText), title, body }).await?;
        let made = async {
            if let Some(first) = live.plan.products.first() {
                let patch = DraftPatch { offer: Some(Some(first.offer.clone())), ..DraftPatch::default() };
                self.update_draft(draft.id, patch).await?;
            }
            if let Some(cover) = &live.plan.cover {
                let picture = DraftMedium { hash: cover.clone(), role: MediumRole::Image, focal: None };
                self.set_draft_media(draft.id, vec![picture]).await?;
            }
            self.publish_draft(draft.id, Some(account.id), Some(at)).await?;
            self.store.set_livestream_warmup(live.id, Warmup { draft_id: draft.id, lead_minutes }, now_ms()).await?;
            Ok::<(), StudioError>(())
        }
        .await;
        if let Err(e) = made {
            // Nothing half-made: the draft goes to the trash.
            let _ = self.delete_draft(draft.id).await;
            return Err(e);
        }
        self.get_draft(draft.id).await
    }

    /// Moves a livestream's warm-up post to its lead before the
    /// livestream's (new) start; a post the platform already holds for its
    /// time is deleted there and published again (the user has confirmed).
    pub async fn move_warmup_post(&self, live_id: i64) -> StudioResult<PostMove> {
        let live = self.find_livestream(live_id).await?;
        let warmup = live.warmup.ok_or(StudioError::NoWarmup { id: live_id })?;
        let at = live.starts_at - i64::from(warmup.lead_minutes) * 60_000;
        self.move_post(warmup.draft_id, live.account_id, at, true).await
    }
}
