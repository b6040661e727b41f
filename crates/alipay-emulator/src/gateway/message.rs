//! Messages to followers (群发): image-text contents, previewable by named
//! accounts; messages sent to every follower or previewed to admins; sent
//! messages queried by id and recalled. Fields and limits as the SDK's
//! models state them (`AlipayOpenPublicMessageContentCreateModel`,
//! `AlipayOpenPublicMessageTotalSendModel`, `PublicMessageBody`,
//! `AlipayOpenPublicMessagePreviewSendModel`, `AlipayOpenPublicLifeMsgRecallModel`).

use serde_json::{json, Value};

use super::profile::{uploaded_size, IMAGE_URL_PREFIX};
use super::{business, invalid, required_field as required, text_field as text, Call, Refusal};
use crate::state::State;

/// A content's cover: at most 3 MB (decimal, the stricter reading).
const COVER_BYTES_MAX: i64 = 3_000_000;
const BENEFIT_CHARS_MAX: usize = 10;
const TAGS_MAX: usize = 5;
const PREVIEWERS_MAX: usize = 10;
const PREVIEW_SEND_MAX: usize = 5;
/// Where a content's page is served.
const CONTENT_URL_PREFIX: &str = "https://emulator.invalid/message/";

fn list(field: &str) -> Vec<&str> {
    field.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
}

async fn picture(state: &State, call: &Call, url: &str, what: &str) -> Result<(), Refusal> {
    match uploaded_size(state, call, url.strip_prefix(IMAGE_URL_PREFIX)).await? {
        None => Err(business("isv.invalid-image-url", format!("{what}地址无效，请先上传图片"))),
        Some(n) if n > COVER_BYTES_MAX => Err(business("isv.image-size-exceeded", format!("{what}大小不能超过 3 MB"))),
        Some(_) => Ok(()),
    }
}

/// The content of a create or modify request, checked.
async fn content_fields(state: &State, call: &Call) -> Result<Value, Refusal> {
    let biz = &call.biz;
    let title = required(biz, "title")?;
    let cover = required(biz, "cover")?;
    let content = required(biz, "content")?;
    picture(state, call, cover, "封面").await?;
    let could_comment = text(biz, "could_comment").unwrap_or("F");
    if !["T", "F"].contains(&could_comment) {
        return Err(invalid("isv.invalid-could-comment", "could_comment 只能是 T 或 F"));
    }
    let ctype = text(biz, "ctype").unwrap_or("");
    if !["", "activity"].contains(&ctype) {
        return Err(invalid("isv.invalid-ctype", "ctype 为空（普通文章）或 activity（活动）"));
    }
    let benefit = text(biz, "benefit").unwrap_or("");
    if !benefit.is_empty() && ctype != "activity" {
        return Err(invalid("isv.invalid-benefit", "benefit 只用于活动（ctype=activity）"));
    }
    if benefit.chars().count() > BENEFIT_CHARS_MAX {
        return Err(business("isv.benefit-too-long", format!("benefit 不能超过 {BENEFIT_CHARS_MAX} 个字")));
    }
    let tags = list(text(biz, "ext_tags").unwrap_or(""));
    if tags.len() > TAGS_MAX {
        return Err(business("isv.ext-tags-too-many", format!("ext_tags 最多 {TAGS_MAX} 个")));
    }
    let previewers = list(text(biz, "login_ids").unwrap_or(""));
    if previewers.len() > PREVIEWERS_MAX {
        return Err(business("isv.login-ids-too-many", format!("login_ids 最多 {PREVIEWERS_MAX} 个")));
    }
    if let Some(word) = state.review.offending(&format!("{title}\n{content}\n{benefit}")) {
        return Err(business("isv.content-risk", format!("内容包含违禁词：{word}")));
    }
    Ok(json!({
        "title": title, "cover": cover, "content": content, "could_comment": could_comment,
        "ctype": ctype, "benefit": benefit, "ext_tags": tags, "login_ids": previewers,
    }))
}

pub(crate) async fn create_content(state: &State, call: &Call) -> Result<Value, Refusal> {
    let fields = content_fields(state, call).await?;
    let (id,): (String,) = sqlx::query_as(
        "INSERT INTO message_contents (content_id, account, fields, updated_at) \
         VALUES ((SELECT printf('MC%d%06d', ?1, COUNT(*) + 1) FROM message_contents), ?2, ?3, ?1) RETURNING content_id",
    )
    .bind(call.now)
    .bind(&call.account)
    .bind(fields.to_string())
    .fetch_one(&state.pool)
    .await?;
    Ok(json!({ "content_id": id, "content_url": format!("{CONTENT_URL_PREFIX}{id}") }))
}

pub(crate) async fn modify_content(state: &State, call: &Call) -> Result<Value, Refusal> {
    let id = required(&call.biz, "content_id")?.to_string();
    let fields = content_fields(state, call).await?;
    let done =
        sqlx::query("UPDATE message_contents SET fields = ?, updated_at = ? WHERE content_id = ? AND account = ?")
            .bind(fields.to_string())
            .bind(call.now)
            .bind(&id)
            .bind(&call.account)
            .execute(&state.pool)
            .await?;
    if done.rows_affected() == 0 {
        return Err(business("isv.content-not-exist", "内容不存在"));
    }
    Ok(json!({ "content_id": id, "content_url": format!("{CONTENT_URL_PREFIX}{id}") }))
}

/// A message body (`msg_type` with its `text` or `articles`), checked.
async fn body(state: &State, call: &Call, body: &Value) -> Result<Value, Refusal> {
    let msg_type = body.get("msg_type").and_then(Value::as_str).unwrap_or("");
    let words = match msg_type {
        "text" => {
            let content = body.pointer("/text/content").and_then(Value::as_str).unwrap_or("");
            if content.trim().is_empty() {
                return Err(invalid("isv.missing-parameter", "文本消息缺少 text.content"));
            }
            format!("{}\n{content}", body.pointer("/text/title").and_then(Value::as_str).unwrap_or(""))
        }
        "image-text" => {
            let Some(articles) = body.get("articles").and_then(Value::as_array).filter(|a| !a.is_empty()) else {
                return Err(invalid("isv.missing-parameter", "图文消息缺少 articles"));
            };
            let mut words = String::new();
            for (i, a) in articles.iter().enumerate() {
                let image = a.get("image_url").and_then(Value::as_str).unwrap_or("");
                if i == 0 && image.is_empty() {
                    return Err(invalid("isv.missing-parameter", "第一篇图文需要 image_url"));
                }
                if !image.is_empty() {
                    picture(state, call, image, "图片").await?;
                }
                for f in ["title", "desc"] {
                    words.push_str(a.get(f).and_then(Value::as_str).unwrap_or(""));
                    words.push('\n');
                }
            }
            words
        }
        _ => return Err(invalid("isv.invalid-msg-type", "msg_type 只能是 text 或 image-text")),
    };
    if let Some(word) = state.review.offending(&words) {
        return Err(business("isv.content-risk", format!("消息包含违禁词：{word}")));
    }
    Ok(json!({ "msg_type": msg_type, "text": body.get("text"), "articles": body.get("articles") }))
}

pub(crate) async fn send_to_all(state: &State, call: &Call) -> Result<Value, Refusal> {
    let checked = body(state, call, &call.biz).await?;
    let (id,): (String,) = sqlx::query_as(
        "INSERT INTO messages (message_id, account, body, sent_at) \
         VALUES ((SELECT printf('M%d%06d', ?1, COUNT(*) + 1) FROM messages), ?2, ?3, ?1) RETURNING message_id",
    )
    .bind(call.now)
    .bind(&call.account)
    .bind(checked.to_string())
    .fetch_one(&state.pool)
    .await?;
    Ok(json!({ "message_id": id }))
}

pub(crate) async fn preview(state: &State, call: &Call) -> Result<Value, Refusal> {
    let ids: Vec<String> = match call.biz.get("logon_ids") {
        Some(Value::Array(ids)) => ids.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(ids)) => list(ids).into_iter().map(str::to_string).collect(),
        _ => Vec::new(),
    };
    if ids.is_empty() || ids.len() > PREVIEW_SEND_MAX {
        return Err(business("isv.logon-ids-count", format!("logon_ids 为 1 到 {PREVIEW_SEND_MAX} 个")));
    }
    let msg = call.biz.get("msg_body").cloned().unwrap_or(Value::Null);
    let checked = body(state, call, &msg).await?;
    for id in &ids {
        sqlx::query("INSERT INTO message_previews (account, logon_id, body, sent_at) VALUES (?, ?, ?, ?)")
            .bind(&call.account)
            .bind(id)
            .bind(checked.to_string())
            .bind(call.now)
            .execute(&state.pool)
            .await?;
    }
    Ok(json!({ "error_datas": [] }))
}

pub(crate) async fn query(state: &State, call: &Call) -> Result<Value, Refusal> {
    let Some(Value::Array(ids)) = call.biz.get("message_ids") else {
        return Err(invalid("isv.missing-parameter", "缺少必选参数 message_ids"));
    };
    let mut out = Vec::new();
    for id in ids.iter().filter_map(Value::as_str) {
        let row: Option<(String, i64, Option<i64>)> =
            sqlx::query_as("SELECT body, sent_at, recalled_at FROM messages WHERE message_id = ? AND account = ?")
                .bind(id)
                .bind(&call.account)
                .fetch_optional(&state.pool)
                .await?;
        if let Some((body, sent_at, recalled)) = row {
            let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            let sent = chrono::DateTime::from_timestamp_millis(sent_at).unwrap_or_default();
            let (status, desc) = if recalled.is_some() { ("RECALLED", "已撤回") } else { ("SENT", "已发送") };
            out.push(json!({
                "message_id": id, "send_time": alipay_open::time::format(sent), "status": status,
                "status_desc": desc, "articles": body.get("articles").cloned().unwrap_or(json!([])),
            }));
        }
    }
    Ok(json!({ "list": out }))
}

pub(crate) async fn recall(state: &State, call: &Call) -> Result<Value, Refusal> {
    let id = required(&call.biz, "message_id")?;
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT recalled_at FROM messages WHERE message_id = ? AND account = ?")
            .bind(id)
            .bind(&call.account)
            .fetch_optional(&state.pool)
            .await?;
    match row {
        None => Err(business("isv.message-not-exist", "消息不存在")),
        Some((Some(_),)) => Err(business("isv.message-recalled", "消息已撤回")),
        Some((None,)) => {
            sqlx::query("UPDATE messages SET recalled_at = ? WHERE message_id = ?")
                .bind(call.now)
                .bind(id)
                .execute(&state.pool)
                .await?;
            Ok(json!({}))
        }
    }
}
