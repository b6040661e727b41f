//! Libraries made before the outbox had its own format froze each job's
//! request as the platform's request itself, and kept a failure's details
//! as English text. Opening such a library rewrites every job once into
//! [`JobPayload`] and [`JobProblem`], in one transaction; a job that cannot
//! be rewritten is left as it was and shows as damaged in Activity.

use serde_json::Value;
use studio_core::media::{ContentHash, MediumRole};
use studio_core::sync::{LiveAnnouncement, LiveChange, LiveWithdrawal, PostMedium, PostPayload, UploadPurpose};
use studio_core::{DraftKind, JobKind, JobPayload, JobProblem, Offer, OfferKind, ProfileFields, Visibility};

use crate::{Store, StoreError};

/// The outbox format this version writes; kept in `settings`.
const OUTBOX_FORMAT: &str = "2";
const OUTBOX_FORMAT_KEY: &str = "outbox_format";

/// Rewrites the outbox of a library made by an earlier version, once.
pub(crate) async fn upgrade_outbox(store: &Store) -> Result<(), StoreError> {
    let done: Option<(String,)> = sqlx::query_as("SELECT value FROM settings WHERE key = ?")
        .bind(OUTBOX_FORMAT_KEY)
        .fetch_optional(&store.pool)
        .await?;
    if done.is_some_and(|d| d.0 == OUTBOX_FORMAT) {
        return Ok(());
    }
    let mut tx = store.begin_write().await?;
    let rows: Vec<(i64, String, String, String)> =
        sqlx::query_as("SELECT id, kind, payload, error_detail FROM outbox").fetch_all(&mut *tx).await?;
    for (id, kind, payload, detail) in rows {
        let kind = JobKind::parse(&kind);
        let payload = match kind {
            Some(kind) if JobPayload::from_json(kind, &payload).is_err() => {
                legacy_payload(kind, &payload).map(|p| p.to_json()).unwrap_or(payload)
            }
            _ => payload,
        };
        let detail = match detail.as_str() {
            "" => detail,
            text if serde_json::from_str::<JobProblem>(text).is_ok() => detail,
            text => {
                serde_json::to_string(&JobProblem::Recorded { text: text.to_string() }).expect("a problem is strings")
            }
        };
        sqlx::query("UPDATE outbox SET payload = ?, error_detail = ? WHERE id = ?")
            .bind(payload)
            .bind(detail)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )
    .bind(OUTBOX_FORMAT_KEY)
    .bind(OUTBOX_FORMAT)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The payload of an earlier version's job, when it can be read.
fn legacy_payload(kind: JobKind, json: &str) -> Option<JobPayload> {
    let v: Value = serde_json::from_str(json).ok()?;
    let text = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let some_text = |key: &str| text(key).filter(|t| !t.is_empty());
    Some(match kind {
        JobKind::Publish => JobPayload::Publish(legacy_post(&v)?),
        JobKind::DeleteContent => JobPayload::DeleteContent { content_id: text("content_id")? },
        JobKind::UploadMedia => JobPayload::UploadMedia {
            hash: ContentHash::parse(&text("hash")?).ok()?,
            purpose: text("purpose")?.parse().ok()?,
        },
        JobKind::LiveCreate => JobPayload::LiveCreate(LiveAnnouncement {
            public_id: text("alipay_public_id")?,
            title: text("live_title")?,
            starts_at: beijing_ms(&text("live_advance_time")?)?,
            out_advance_id: text("out_advance_id")?,
        }),
        JobKind::LiveModify => JobPayload::LiveModify(LiveChange {
            public_id: text("alipay_public_id")?,
            advance_id: some_text("alipay_advance_id"),
            title: text("live_title")?,
            starts_at: beijing_ms(&text("live_advance_time")?)?,
        }),
        JobKind::LiveDelete => JobPayload::LiveDelete(LiveWithdrawal {
            public_id: text("alipay_public_id")?,
            advance_id: some_text("alipay_advance_id"),
            reason: text("reason").unwrap_or_default(),
        }),
        JobKind::ProfileModify => {
            let picture = |key: &str| -> Option<Option<ContentHash>> {
                match v.get(key) {
                    None | Some(Value::Null) => Some(None),
                    Some(url) => Some(Some(placeholder(url.as_str()?)?.1)),
                }
            };
            let shop_photos = match v.get("shop_pics") {
                None | Some(Value::Null) => None,
                Some(list) => Some(
                    list.as_array()?
                        .iter()
                        .map(|u| Some(placeholder(u.as_str()?)?.1))
                        .collect::<Option<Vec<ContentHash>>>()?,
                ),
            };
            JobPayload::ProfileModify(ProfileFields {
                app_name: text("app_name"),
                introduction: text("introduction"),
                public_greeting: text("public_greeting"),
                logo: picture("logo_url")?,
                background: picture("background_url")?,
                shop_photos,
            })
        }
        // Menus came after the outbox's format.
        JobKind::MenuPublish | JobKind::MessageContent | JobKind::MessageSend | JobKind::MessageRecall => return None,
    })
}

/// A frozen `standardcontent.publish` request as a post.
fn legacy_post(v: &Value) -> Option<PostPayload> {
    let kind = match v.get("source_type")?.as_i64()? {
        1 => DraftKind::ImageText,
        2 => DraftKind::Video,
        _ => return None,
    };
    let media = v
        .get("source_media_infos")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|m| {
            let role = match m.get("media_type")?.as_str()? {
                "image" => MediumRole::Image,
                "video" => MediumRole::Video,
                "cover_static" => MediumRole::Cover,
                _ => return None,
            };
            let (purpose, hash) = placeholder(m.get("media_id")?.as_str()?)?;
            Some(PostMedium { role, hash, purpose })
        })
        .collect::<Option<Vec<_>>>()?;
    let offer = match v.get("source_offers").and_then(Value::as_array).and_then(|o| o.first()) {
        None => None,
        Some(o) => Some(Offer {
            kind: OfferKind::parse(o.get("offer_type")?.as_str()?)?,
            id: o.get("offer_id")?.as_str()?.to_string(),
            label: String::new(),
        }),
    };
    let scheduled_at = match v.get("source_publish_date") {
        None | Some(Value::Null) => None,
        Some(t) => Some(beijing_ms(t.as_str()?)?),
    };
    Some(PostPayload {
        kind,
        title: v.get("source_title")?.as_str()?.to_string(),
        body: v.get("source_content")?.as_str()?.to_string(),
        media,
        offer,
        visibility: match v.get("permission_status").and_then(Value::as_i64) {
            Some(2) => Visibility::Restricted,
            _ => Visibility::Everyone,
        },
        scheduled_at,
        public_id: v.get("public_id").and_then(Value::as_str).filter(|p| !p.is_empty()).map(str::to_string),
    })
}

/// The (purpose, medium) an earlier version's `medium:PURPOSE:HASH` names.
fn placeholder(text: &str) -> Option<(UploadPurpose, ContentHash)> {
    let (purpose, hash) = text.strip_prefix("medium:")?.split_once(':')?;
    Some((purpose.parse().ok()?, ContentHash::parse(hash).ok()?))
}

/// Unix ms of a gateway time (`yyyy-MM-dd HH:mm:ss`, Beijing time, UTC+8).
fn beijing_ms(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |from: usize, to: usize| text.get(from..to)?.parse::<i64>().ok();
    let (y, m, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (h, min, s) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 23 || min > 59 || s > 59 {
        return None;
    }
    // Days since 1970-01-01 of a proleptic Gregorian date.
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400 + h * 3_600 + min * 60 + s) - 8 * 3_600) * 1_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_times_read_as_beijing_time() {
        assert_eq!(beijing_ms("1970-01-01 08:00:00"), Some(0));
        assert_eq!(beijing_ms("2026-12-01 20:00:00"), Some(1_796_126_400_000));
        assert_eq!(beijing_ms("2024-02-29 00:00:01"), Some(1_709_136_001_000));
        for bad in ["", "2026-13-01 20:00:00", "2026-12-01T20:00:00", "2026-12-01 20:00", "二〇二六-12-01 20:00:00"]
        {
            assert_eq!(beijing_ms(bad), None, "{bad:?}");
        }
    }
}
