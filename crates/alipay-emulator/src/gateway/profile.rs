//! The life-account profile: edits wait for audit.

use serde_json::{json, Map, Value};

use super::{business, Call, Refusal};
use crate::state::State;

const FIELDS: [&str; 6] = ["app_name", "logo_url", "background_url", "introduction", "public_greeting", "shop_pics"];

/// Where `alipay.offline.material.image.upload` says an uploaded picture is.
pub(crate) const IMAGE_URL_PREFIX: &str = "https://emulator.invalid/images/";

/// Profile pictures must be under 1 MB (decimal, the stricter reading).
const PROFILE_IMAGE_MAX: i64 = 1_000_000;

/// Every picture URL of an edit must be one of this app's uploads, under 1 MB.
async fn check_pictures(state: &State, call: &Call, edit: &Map<String, Value>) -> Result<(), Refusal> {
    let mut urls: Vec<&Value> = ["logo_url", "background_url"].iter().filter_map(|f| edit.get(*f)).collect();
    match edit.get("shop_pics") {
        None => {}
        Some(Value::Array(pics)) => urls.extend(pics),
        Some(_) => return Err(business("isv.invalid-shop-pics", "shop_pics 应为图片地址列表")),
    }
    for url in urls {
        let file_id = url.as_str().and_then(|u| u.strip_prefix(IMAGE_URL_PREFIX));
        match uploaded_size(state, call, file_id).await? {
            None => return Err(business("isv.invalid-image-url", "图片地址无效，请先上传图片")),
            Some(n) if n > PROFILE_IMAGE_MAX => {
                return Err(business("isv.image-size-exceeded", "生活号图片大小不能超过 1 MB"))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The size of one of this app's uploads, by its file id.
pub(crate) async fn uploaded_size(state: &State, call: &Call, file_id: Option<&str>) -> Result<Option<i64>, Refusal> {
    let Some(id) = file_id else { return Ok(None) };
    let size: Option<(i64,)> = sqlx::query_as("SELECT size FROM files WHERE file_id = ? AND app_id = ?")
        .bind(id)
        .bind(&call.app_id)
        .fetch_optional(&state.pool)
        .await?;
    Ok(size.map(|(n,)| n))
}

fn initial(account: &str) -> Value {
    json!({
        "app_name": "演示生活号",
        "logo_url": "",
        "background_url": "",
        "introduction": "Creator Studio 内置模拟器的演示账号",
        "public_greeting": "欢迎光临",
        "is_online": "T",
        "is_release": "T",
        "mcc_code_desc": "餐饮",
        "public_id": account,
    })
}

type Row = (String, Option<String>, Option<i64>, Option<String>, String);

/// The profile as of `now`, settling an audit whose time has come.
async fn settle(state: &State, call: &Call) -> Result<(Value, &'static str, String), Refusal> {
    let row: Option<Row> =
        sqlx::query_as("SELECT current, pending, decided_at, verdict, audit_desc FROM profiles WHERE public_id = ?")
            .bind(&call.account)
            .fetch_optional(&state.pool)
            .await?;
    let Some((current, pending, decided_at, verdict, desc)) = row else {
        return Ok((initial(&call.account), "AUDIT_NORMAL", String::new()));
    };
    let mut current: Value = serde_json::from_str(&current).unwrap_or_else(|_| initial(&call.account));
    let Some(pending) = pending else {
        let status = match verdict.as_deref() {
            Some("success") => "AUDIT_SUCCESS",
            Some("failed") => "AUDIT_FAILED",
            _ => "AUDIT_NORMAL",
        };
        return Ok((current, status, desc));
    };
    if call.now < decided_at.unwrap_or(0) {
        return Ok((current, "AUDITING", String::new()));
    }
    if verdict.as_deref() == Some("success") {
        let edit: Map<String, Value> = serde_json::from_str(&pending).unwrap_or_default();
        for (k, v) in edit {
            current[k] = v;
        }
    }
    sqlx::query("UPDATE profiles SET current = ?, pending = NULL WHERE public_id = ?")
        .bind(current.to_string())
        .bind(&call.account)
        .execute(&state.pool)
        .await?;
    let status = if verdict.as_deref() == Some("success") { "AUDIT_SUCCESS" } else { "AUDIT_FAILED" };
    Ok((current, status, desc))
}

pub(crate) async fn query(state: &State, call: &Call) -> Result<Value, Refusal> {
    let (mut profile, status, desc) = settle(state, call).await?;
    profile["audit_status"] = json!(status);
    profile["audit_desc"] = json!(desc);
    Ok(profile)
}

pub(crate) async fn modify(state: &State, call: &Call) -> Result<Value, Refusal> {
    let (current, status, _) = settle(state, call).await?;
    if status == "AUDITING" {
        return Err(business("isv.profile-auditing", "上一次修改正在审核中，请审核结束后再提交"));
    }
    let mut edit = Map::new();
    for field in FIELDS {
        if let Some(v) = call.biz.get(field) {
            edit.insert(field.to_string(), v.clone());
        }
    }
    if edit.is_empty() {
        return Err(business("isv.nothing-to-modify", "没有需要修改的字段"));
    }
    if let Some(name) = edit.get("app_name").and_then(Value::as_str) {
        let n = name.chars().count();
        if !(2..=20).contains(&n) {
            return Err(business("isv.invalid-app-name", "生活号名称为 2 到 20 个字符"));
        }
    }
    check_pictures(state, call, &edit).await?;
    let texts: String = edit
        .values()
        .map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))
        .collect::<Vec<_>>()
        .join("\n");
    let (verdict, desc) = match state.review.offending(&texts) {
        Some(word) => ("failed", format!("资料包含违禁词：{word}")),
        None => ("success", String::new()),
    };
    sqlx::query(
        "INSERT INTO profiles (public_id, current, pending, submitted_at, decided_at, verdict, audit_desc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
         ON CONFLICT(public_id) DO UPDATE SET pending = ?3, submitted_at = ?4, decided_at = ?5, verdict = ?6, audit_desc = ?7",
    )
    .bind(&call.account)
    .bind(current.to_string())
    .bind(Value::Object(edit).to_string())
    .bind(call.now)
    .bind(call.now + state.review.delay.as_millis() as i64)
    .bind(verdict)
    .bind(desc)
    .execute(&state.pool)
    .await?;
    Ok(json!({}))
}
