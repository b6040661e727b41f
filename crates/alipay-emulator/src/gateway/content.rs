//! Short image-text and video content, with review.

use serde_json::{json, Value};

use super::{business, invalid, required_field as required, text_field as text, Call, Refusal};
use crate::state::State;

/// 0 under review, 1 published, 2 rejected, 3 deleted — as of `now`.
fn status(now: i64, decided_at: i64, verdict: i64, deleted: bool) -> i64 {
    if deleted {
        3
    } else if now < decided_at {
        0
    } else {
        verdict
    }
}

pub(crate) async fn publish(state: &State, call: &Call) -> Result<Value, Refusal> {
    let biz = &call.biz;
    let source_type =
        biz.get("source_type").and_then(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok())));
    if !matches!(source_type, Some(1) | Some(2)) {
        return Err(invalid("isv.invalid-source-type", "source_type 只能为 1（图文）或 2（视频）"));
    }
    let body = required(biz, "source_content")?;
    let title = text(biz, "source_title").unwrap_or_default();
    let media = biz.get("source_media_infos").and_then(Value::as_array).cloned().unwrap_or_default();
    for m in &media {
        let id = m.get("media_id").and_then(Value::as_str).unwrap_or_default();
        let known: Option<(String,)> = sqlx::query_as("SELECT file_id FROM files WHERE file_id = ? AND app_id = ?")
            .bind(id)
            .bind(&call.app_id)
            .fetch_optional(&state.pool)
            .await?;
        if known.is_none() {
            return Err(business("isv.media-not-exist", format!("素材 {id} 不存在，请先上传")));
        }
        let kind = m.get("media_type").and_then(Value::as_str).unwrap_or_default();
        if !["image", "video", "cover_static"].contains(&kind) {
            return Err(invalid("isv.invalid-media-type", format!("不支持的 media_type: {kind}")));
        }
    }
    if source_type == Some(2) && !media.iter().any(|m| m.get("media_type") == Some(&json!("video"))) {
        return Err(business("isv.video-missing", "视频内容需要一个 media_type 为 video 的素材"));
    }
    let offers = biz.get("source_offers").and_then(Value::as_array).map_or(0, Vec::len);
    if offers > 1 {
        return Err(business("isv.too-many-offers", "最多关联一个商品"));
    }
    // Review finishes after the delay, and a scheduled post is out no
    // earlier than its publish date.
    let mut decided_at = call.now + state.review.delay.as_millis() as i64;
    if let Some(date) = text(biz, "source_publish_date").filter(|d| !d.is_empty()) {
        let at = alipay_open::time::parse(date)
            .ok_or_else(|| invalid("isv.invalid-publish-date", "source_publish_date 格式为 yyyy-MM-dd HH:mm:ss"))?;
        decided_at = decided_at.max(at.timestamp_millis());
    }
    let offending = state.review.offending(&format!("{title}\n{body}")).map(str::to_string);
    let (verdict, reason) = match offending {
        Some(word) => (2, format!("内容包含违禁词：{word}")),
        None => (1, String::new()),
    };
    // The id is made inside the INSERT: concurrent publishes never share one.
    let (content_id,): (String,) = sqlx::query_as(
        "INSERT INTO contents (content_id, app_id, public_id, request, title, body, submitted_at, decided_at, verdict, reject_reason) \
         VALUES ((SELECT printf('C%d%06d', ?, COALESCE(MAX(seq), 0) + 1) FROM contents), ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         RETURNING content_id",
    )
    .bind(call.now)
    .bind(&call.app_id)
    .bind(&call.account)
    .bind(biz.to_string())
    .bind(title)
    .bind(body)
    .bind(call.now)
    .bind(decided_at)
    .bind(verdict)
    .bind(reason)
    .fetch_one(&state.pool)
    .await?;
    Ok(json!({"content_id": content_id}))
}

type Row = (String, String, String, i64, i64, String, bool, String);
const COLUMNS: &str = "content_id, title, body, decided_at, verdict, reject_reason, deleted, request";

fn describe(
    now: i64,
    (content_id, title, body, decided_at, verdict, reason, deleted, request): Row,
    detail: bool,
) -> Value {
    let status = status(now, decided_at, verdict, deleted);
    let mut v = json!({
        "content_id": content_id,
        "source_status": status,
        "link": format!("https://emulator.invalid/content/{content_id}"),
        "special_tags": [],
    });
    if status == 2 {
        v["reject_reason"] = json!(reason);
    }
    if detail {
        v["source_title"] = json!(title);
        v["source_content"] = json!(body);
        let request: Value = serde_json::from_str(&request).unwrap_or(Value::Null);
        if let Some(date) = request.get("source_publish_date") {
            v["source_publish_date"] = date.clone();
        }
        v["source_media_infos"] = request.get("source_media_infos").cloned().unwrap_or_else(|| json!([]));
    }
    v
}

pub(crate) async fn query(state: &State, call: &Call) -> Result<Value, Refusal> {
    let id = required(&call.biz, "content_id")?;
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM contents WHERE content_id = ? AND app_id = ?"))
            .bind(id)
            .bind(&call.app_id)
            .fetch_optional(&state.pool)
            .await?;
    let row = row.ok_or_else(|| business("isv.content-not-exist", format!("内容 {id} 不存在")))?;
    Ok(describe(call.now, row, true))
}

pub(crate) const PAGE_SIZE_MAX: i64 = 20;

pub(crate) async fn batchquery(state: &State, call: &Call) -> Result<Value, Refusal> {
    let num = |f: &str| call.biz.get(f).and_then(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok())));
    let page_num = num("page_num").unwrap_or(1);
    let page_size = num("page_size").unwrap_or(10);
    if page_num < 1 || !(1..=PAGE_SIZE_MAX).contains(&page_size) {
        return Err(invalid("isv.invalid-page", format!("page_num 从 1 开始，page_size 为 1 到 {PAGE_SIZE_MAX}")));
    }
    let detail = call
        .biz
        .get("need_detail")
        .and_then(|v| v.as_bool().or_else(|| v.as_str().map(|s| s == "true")))
        .unwrap_or(false);
    let wanted = num("status");
    let (total, page): (usize, Vec<Value>) = match wanted {
        // Without a status filter a page is read as a page, however many there are.
        None => {
            let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM contents WHERE app_id = ? AND public_id = ?")
                .bind(&call.app_id)
                .bind(&call.account)
                .fetch_one(&state.pool)
                .await?;
            let rows: Vec<Row> = sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM contents WHERE app_id = ? AND public_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?"
            ))
            .bind(&call.app_id)
            .bind(&call.account)
            .bind(page_size)
            .bind((page_num - 1) * page_size)
            .fetch_all(&state.pool)
            .await?;
            (total as usize, rows.into_iter().map(|r| describe(call.now, r, detail)).collect())
        }
        // A status is known only once review has been decided at this moment.
        Some(_) => {
            let rows: Vec<Row> = sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM contents WHERE app_id = ? AND public_id = ? ORDER BY seq DESC"
            ))
            .bind(&call.app_id)
            .bind(&call.account)
            .fetch_all(&state.pool)
            .await?;
            let all: Vec<Value> = rows
                .into_iter()
                .map(|r| describe(call.now, r, detail))
                .filter(|v| wanted.is_none_or(|s| v["source_status"] == s))
                .collect();
            let total = all.len();
            (total, all.into_iter().skip(((page_num - 1) * page_size) as usize).take(page_size as usize).collect())
        }
    };
    Ok(json!({"total": total, "page_num": page_num, "page_size": page_size, "contents": page}))
}

pub(crate) async fn delete(state: &State, call: &Call) -> Result<Value, Refusal> {
    let id = required(&call.biz, "content_id")?;
    let done = sqlx::query("UPDATE contents SET deleted = 1 WHERE content_id = ? AND app_id = ?")
        .bind(id)
        .bind(&call.app_id)
        .execute(&state.pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(business("isv.content-not-exist", format!("内容 {id} 不存在")));
    }
    Ok(json!({}))
}
