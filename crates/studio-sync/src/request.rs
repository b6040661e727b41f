//! The platform requests made from local things, frozen into outbox jobs.

use alipay_open::methods::{ContentPublish, LiveAdvanceCreate, LiveAdvanceModify, MediaInfo, OfferInfo};
use chrono::{DateTime, Utc};
use studio_core::sync::upload_purpose;
use studio_core::{Draft, DraftKind, Visibility};
use studio_store::{DraftMediumRow, Livestream};

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

/// Where a medium's `media_id` goes in a frozen publish request: the
/// upload job that precedes the publish records the real `file_id`, and the
/// publish puts it in when it is sent.
const MEDIUM_PLACEHOLDER: &str = "medium:";

/// The placeholder a frozen request names a medium by: the upload of
/// `hash` for `purpose`, put in when the request is sent.
pub fn medium_placeholder(purpose: &str, hash: &str) -> String {
    format!("{MEDIUM_PLACEHOLDER}{purpose}:{hash}")
}

/// [`content_request`] with the draft's media, as the JSON frozen into a
/// publish job.
pub fn publish_payload(
    draft: &Draft,
    media: &[DraftMediumRow],
    public_id: Option<&str>,
    scheduled_at: Option<i64>,
) -> String {
    let mut request = content_request(draft, public_id, scheduled_at);
    request.source_media_infos = media
        .iter()
        .map(|m| MediaInfo {
            media_id: medium_placeholder(&upload_purpose(&m.role, m.focal), &m.hash),
            media_type: match m.role.as_str() {
                "video" => "video",
                "cover" => "cover_static",
                _ => "image",
            }
            .to_string(),
        })
        .collect();
    serde_json::to_string(&request).expect("a publish request is strings and numbers, which always serialize")
}

/// The (purpose, hash) a placeholder `media_id` stands for.
pub(crate) fn placeholder_medium(media_id: &str) -> Option<(&str, &str)> {
    media_id.strip_prefix(MEDIUM_PLACEHOLDER)?.split_once(':')
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

/// The change of an announced livestream to its current title and time.
pub fn live_change(public_id: &str, live: &Livestream) -> LiveAdvanceModify {
    LiveAdvanceModify {
        alipay_advance_id: live.advance_id.clone().unwrap_or_default(),
        alipay_public_id: public_id.to_string(),
        live_advance_time: Some(gateway_time(live.starts_at)),
        live_title: Some(live.title.clone()),
    }
}
