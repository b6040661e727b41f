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
    /// What it shows and how it runs (the studio's own).
    pub plan: LivePlan,
    /// The series it is an occurrence of, if it repeats.
    #[ts(type = "number | null")]
    pub series_id: Option<i64>,
    /// Its warm-up post, once written: the draft and how long before the
    /// start it is scheduled.
    pub warmup: Option<Warmup>,
}

/// A livestream's warm-up post (预告帖).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Warmup {
    /// The draft.
    #[ts(type = "number")]
    pub draft_id: crate::DraftId,
    /// Minutes before the livestream's start it is scheduled for.
    pub lead_minutes: u32,
}

pub use crate::rules::{
    LIVE_CHECKLIST_MAX, LIVE_DESCRIPTION_MAX, LIVE_NOTES_MAX, LIVE_PRODUCTS_MAX, LIVE_SEGMENTS_MAX, LIVE_SHORT_TEXT_MAX,
};

/// What a livestream will show, and how it will run: kept in the studio
/// (the platform's announcement is only the title and the start).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LivePlan {
    /// What the stream is about, for the host and the warm-up post.
    pub description: String,
    /// The cover, a picture of the media library (its hash); its 3:4
    /// rendition is shown on the card and in the calendar.
    pub cover: Option<crate::media::ContentHash>,
    /// The offers it shows, in order.
    pub products: Vec<LiveProduct>,
    /// The run sheet, in order; each starts where the one before ends.
    pub segments: Vec<RunSegment>,
    /// Preparation, ticked off.
    pub checklist: Vec<CheckItem>,
}

/// An offer a livestream shows: a mini-program page or a voucher, as posts link them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LiveProduct {
    /// The offer: its kind, the platform's id and its name.
    pub offer: crate::draft::Offer,
    /// A note for the host.
    #[serde(default)]
    pub note: String,
    /// The price as it will be said, e.g. "到手价 ¥59".
    #[serde(default)]
    pub price: String,
}

/// One segment of a run sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunSegment {
    /// What happens.
    pub title: String,
    /// How long, minutes.
    pub minutes: u32,
    /// Notes for the host.
    #[serde(default)]
    pub notes: String,
    /// The offers it shows, by their platform id.
    #[serde(default)]
    pub products: Vec<String>,
}

/// A preparation item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckItem {
    /// What to prepare.
    pub text: String,
    /// Whether it is done.
    #[serde(default)]
    pub done: bool,
}

/// Why a livestream's plan cannot be kept as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanProblem {
    /// The run sheet runs longer than the stream.
    SheetTooLong {
        /// Minutes of the run sheet.
        total: u32,
        /// Minutes planned.
        planned: u32,
    },
    /// More offers than [`LIVE_PRODUCTS_MAX`].
    TooManyProducts {
        /// The cap.
        max: usize,
    },
    /// More segments than [`LIVE_SEGMENTS_MAX`].
    TooManySegments {
        /// The cap.
        max: usize,
    },
    /// More checklist items than [`LIVE_CHECKLIST_MAX`].
    TooManyChecks {
        /// The cap.
        max: usize,
    },
    /// An offer without its id or its name.
    ProductIncomplete {
        /// Its place, from 1.
        position: usize,
    },
    /// Two offers with one id.
    ProductTwice {
        /// The id.
        id: String,
    },
    /// A segment without a title, or of no length.
    SegmentIncomplete {
        /// Its place, from 1.
        position: usize,
    },
    /// A segment shows an offer the plan does not list.
    SegmentUnknownProduct {
        /// Its place, from 1.
        position: usize,
        /// The offer's id.
        id: String,
    },
    /// A checklist item with no words.
    CheckEmpty {
        /// Its place, from 1.
        position: usize,
    },
    /// A text over its length.
    TooLong {
        /// Which: `description`, `product`, `segment`, `notes` or `check`.
        field: String,
        /// Characters allowed.
        max: usize,
    },
}

/// One row of a run sheet, with its times worked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunRow {
    /// Minutes from the start of the stream.
    pub from_minute: u32,
    /// Minutes from the start at which it ends.
    pub to_minute: u32,
    /// The segment.
    pub segment: RunSegment,
}

impl LivePlan {
    /// Minutes the run sheet adds up to.
    pub fn total_minutes(&self) -> u32 {
        self.segments.iter().fold(0u32, |sum, s| sum.saturating_add(s.minutes))
    }

    /// The run sheet's rows: each segment from where the one before ends.
    pub fn rows(&self) -> Vec<RunRow> {
        let mut at = 0u32;
        self.segments
            .iter()
            .map(|s| {
                let from = at;
                at = at.saturating_add(s.minutes);
                RunRow { from_minute: from, to_minute: at, segment: s.clone() }
            })
            .collect()
    }

    /// The minute each offer is first shown, by its place in `products`;
    /// `None` for one no segment shows.
    pub fn due_minutes(&self) -> Vec<Option<u32>> {
        let rows = self.rows();
        self.products
            .iter()
            .map(|p| rows.iter().find(|r| r.segment.products.contains(&p.offer.id)).map(|r| r.from_minute))
            .collect()
    }

    /// The plan with its texts trimmed and empty checklist rows dropped.
    pub fn tidied(mut self) -> LivePlan {
        self.description = self.description.trim().to_string();
        for p in &mut self.products {
            p.offer.id = p.offer.id.trim().to_string();
            p.offer.label = p.offer.label.trim().to_string();
            p.note = p.note.trim().to_string();
            p.price = p.price.trim().to_string();
        }
        for s in &mut self.segments {
            s.title = s.title.trim().to_string();
            s.notes = s.notes.trim().to_string();
        }
        for c in &mut self.checklist {
            c.text = c.text.trim().to_string();
        }
        self.checklist.retain(|c| !c.text.is_empty());
        self
    }

    /// Whether the plan can be kept for a stream of `planned` minutes.
    pub fn check(&self, planned: u32) -> Result<(), PlanProblem> {
        let too_long = |field: &str, text: &str, max: usize| {
            if text.chars().count() > max {
                Err(PlanProblem::TooLong { field: field.to_string(), max })
            } else {
                Ok(())
            }
        };
        too_long("description", &self.description, LIVE_DESCRIPTION_MAX)?;
        if self.products.len() > LIVE_PRODUCTS_MAX {
            return Err(PlanProblem::TooManyProducts { max: LIVE_PRODUCTS_MAX });
        }
        if self.segments.len() > LIVE_SEGMENTS_MAX {
            return Err(PlanProblem::TooManySegments { max: LIVE_SEGMENTS_MAX });
        }
        if self.checklist.len() > LIVE_CHECKLIST_MAX {
            return Err(PlanProblem::TooManyChecks { max: LIVE_CHECKLIST_MAX });
        }
        let mut ids = std::collections::HashSet::new();
        for (i, p) in self.products.iter().enumerate() {
            if p.offer.id.trim().is_empty() || p.offer.label.trim().is_empty() {
                return Err(PlanProblem::ProductIncomplete { position: i + 1 });
            }
            for text in [&p.offer.id, &p.offer.label, &p.note, &p.price] {
                too_long("product", text, LIVE_SHORT_TEXT_MAX)?;
            }
            if !ids.insert(p.offer.id.as_str()) {
                return Err(PlanProblem::ProductTwice { id: p.offer.id.clone() });
            }
        }
        for (i, s) in self.segments.iter().enumerate() {
            if s.title.trim().is_empty() || s.minutes == 0 {
                return Err(PlanProblem::SegmentIncomplete { position: i + 1 });
            }
            too_long("segment", &s.title, LIVE_SHORT_TEXT_MAX)?;
            too_long("notes", &s.notes, LIVE_NOTES_MAX)?;
            if let Some(id) = s.products.iter().find(|id| !ids.contains(id.as_str())) {
                return Err(PlanProblem::SegmentUnknownProduct { position: i + 1, id: id.clone() });
            }
        }
        for (i, c) in self.checklist.iter().enumerate() {
            if c.text.trim().is_empty() {
                return Err(PlanProblem::CheckEmpty { position: i + 1 });
            }
            too_long("check", &c.text, LIVE_SHORT_TEXT_MAX)?;
        }
        let total = self.total_minutes();
        if total > planned {
            return Err(PlanProblem::SheetTooLong { total, planned });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{Offer, OfferKind};

    fn product(id: &str) -> LiveProduct {
        LiveProduct {
            offer: Offer { kind: OfferKind::Voucher, id: id.into(), label: format!("券 {id}") },
            note: String::new(),
            price: "¥9.9".into(),
        }
    }

    fn segment(title: &str, minutes: u32, products: &[&str]) -> RunSegment {
        RunSegment {
            title: title.into(),
            minutes,
            notes: String::new(),
            products: products.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn a_run_sheet_adds_up_and_each_offer_is_due_at_its_first_segment() {
        let plan = LivePlan {
            products: vec![product("a"), product("b"), product("c")],
            segments: vec![segment("开场", 10, &[]), segment("主推", 45, &["b", "a"]), segment("返场", 20, &["a"])],
            ..LivePlan::default()
        };
        assert_eq!(plan.total_minutes(), 75);
        let rows: Vec<(u32, u32)> = plan.rows().iter().map(|r| (r.from_minute, r.to_minute)).collect();
        assert_eq!(rows, [(0, 10), (10, 55), (55, 75)]);
        assert_eq!(plan.due_minutes(), [Some(10), Some(10), None]);
        assert_eq!(plan.check(75), Ok(()));
        assert_eq!(plan.check(74), Err(PlanProblem::SheetTooLong { total: 75, planned: 74 }));
    }

    #[test]
    fn a_plan_with_bad_parts_is_refused_by_name() {
        let mut plan = LivePlan { products: vec![product("a"), product("a")], ..LivePlan::default() };
        assert_eq!(plan.check(60), Err(PlanProblem::ProductTwice { id: "a".into() }));
        plan.products = vec![product("a")];
        plan.segments = vec![segment("讲解", 5, &["z"])];
        assert_eq!(plan.check(60), Err(PlanProblem::SegmentUnknownProduct { position: 1, id: "z".into() }));
        plan.segments = vec![segment(" ", 5, &[])];
        assert_eq!(plan.check(60), Err(PlanProblem::SegmentIncomplete { position: 1 }));
        plan.segments = vec![segment("讲解", 0, &[])];
        assert_eq!(plan.check(60), Err(PlanProblem::SegmentIncomplete { position: 1 }));
        plan.segments.clear();
        plan.products = (0..=LIVE_PRODUCTS_MAX).map(|i| product(&i.to_string())).collect();
        assert_eq!(plan.check(60), Err(PlanProblem::TooManyProducts { max: LIVE_PRODUCTS_MAX }));
        plan.products = vec![LiveProduct {
            offer: Offer { kind: OfferKind::MiniApp, id: "x".into(), label: "".into() },
            ..product("x")
        }];
        assert_eq!(plan.check(60), Err(PlanProblem::ProductIncomplete { position: 1 }));
        plan.products.clear();
        plan.description = "长".repeat(LIVE_DESCRIPTION_MAX + 1);
        assert_eq!(
            plan.check(60),
            Err(PlanProblem::TooLong { field: "description".into(), max: LIVE_DESCRIPTION_MAX })
        );
    }

    #[test]
    fn tidying_trims_and_drops_empty_checks() {
        let plan = LivePlan {
            description: "  说明 ".into(),
            checklist: vec![
                CheckItem { text: " 灯光 ".into(), done: true },
                CheckItem { text: "  ".into(), done: false },
            ],
            ..LivePlan::default()
        }
        .tidied();
        assert_eq!(plan.description, "说明");
        assert_eq!(plan.checklist, [CheckItem { text: "灯光".into(), done: true }]);
    }

    #[test]
    fn a_stored_plan_missing_parts_reads_as_empty_parts() {
        let plan: LivePlan = serde_json::from_str("{}").unwrap();
        assert_eq!(plan, LivePlan::default());
    }
}
