//! The platform requests made from local things, frozen into outbox jobs.

use alipay_open::methods::{ContentPublish, LiveAdvanceCreate, OfferInfo};
use chrono::{DateTime, Utc};
use studio_core::{Draft, DraftKind, Visibility};

fn gateway_time(ms: i64) -> String {
    alipay_open::time::format(DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default())
}

/// The publish request for `draft`, published at `scheduled_at` (Unix ms)
/// by the platform when given; `public_id` when acting for a creator.
pub fn content_request(draft: &Draft, public_id: Option<&str>, scheduled_at: Option<i64>) -> ContentPublish {
    ContentPublish {
        source_type: match draft.kind {
            DraftKind::ImageText => 1,
            DraftKind::Video => 2,
        },
        source_title: draft.title.clone(),
        source_content: draft.body.clone(),
        source_media_infos: Vec::new(),
        source_offers: draft
            .offer
            .iter()
            .map(|o| OfferInfo { offer_id: o.id.clone(), offer_type: o.kind.as_str().to_string() })
            .collect(),
        source_publish_date: scheduled_at.map(gateway_time),
        source_link: None,
        permission_status: Some(match draft.visibility {
            Visibility::Everyone => 1,
            Visibility::Restricted => 2,
        }),
        public_id: public_id.filter(|p| !p.is_empty()).map(str::to_string),
    }
}

/// [`content_request`] as the JSON frozen into a publish job.
pub fn publish_payload(draft: &Draft, public_id: Option<&str>, scheduled_at: Option<i64>) -> String {
    serde_json::to_string(&content_request(draft, public_id, scheduled_at))
        .expect("a publish request is strings and numbers, which always serialize")
}

/// The announcement request of a livestream.
pub fn live_request(public_id: &str, title: &str, starts_at: i64, out_advance_id: &str) -> LiveAdvanceCreate {
    LiveAdvanceCreate {
        alipay_public_id: public_id.to_string(),
        live_advance_time: gateway_time(starts_at),
        live_title: title.to_string(),
        out_advance_id: out_advance_id.to_string(),
    }
}
