//! The account's default service menu (服务菜单): created once, then
//! modified, with the limits of the SDK's `ButtonObject` and `SubButton`.

use serde_json::{json, Value};

use super::{business, invalid, Call, Refusal};
use crate::state::State;

const ACTIONS: [&str; 5] = ["out", "link", "tel", "map", "consumption"];
const TEXT_ENTRIES_MAX: usize = 4;
const ICON_ENTRIES_MAX: usize = 80;
const SUB_ENTRIES_MAX: usize = 5;
/// Names: 9 Chinese characters in a text menu, 5 in an icon menu, counted
/// as GBK bytes (2 a Chinese character, 1 an ASCII one).
const TEXT_NAME_BYTES: usize = 18;
const ICON_NAME_BYTES: usize = 10;
const PARAM_CHARS_MAX: usize = 255;
const ICON_BYTES_MAX: i64 = 5_000_000;

fn gbk_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn menu_key(kind: &str) -> &'static str {
    if kind == "icon" {
        "iconDefault"
    } else {
        "default"
    }
}

/// The menu of a create or modify request, checked: `(type, buttons)`.
/// An icon menu's sub-entries are dropped, as the platform ignores them.
async fn checked(state: &State, call: &Call) -> Result<(String, Value), Refusal> {
    let kind = match call.biz.get("type").and_then(Value::as_str).unwrap_or("") {
        "" | "text" => "text",
        "icon" => "icon",
        _ => return Err(invalid("isv.invalid-menu-type", "type 只能是 text 或 icon")),
    };
    let Some(Value::Array(buttons)) = call.biz.get("button") else {
        return Err(invalid("isv.missing-parameter", "缺少必选参数 button"));
    };
    let max = if kind == "icon" { ICON_ENTRIES_MAX } else { TEXT_ENTRIES_MAX };
    if buttons.is_empty() || buttons.len() > max {
        return Err(business("isv.menu-button-count", format!("一级菜单个数应为 1 到 {max} 个")));
    }
    let mut out = Vec::with_capacity(buttons.len());
    for b in buttons {
        let mut b = b.clone();
        if kind == "icon" {
            if let Some(o) = b.as_object_mut() {
                o.remove("sub_button");
            }
        }
        let subs: Vec<Value> = match b.get("sub_button") {
            None => Vec::new(),
            Some(Value::Array(s)) => s.clone(),
            Some(_) => return Err(invalid("isv.invalid-sub-button", "sub_button 应为菜单列表")),
        };
        if b.get("sub_button").is_some() && (subs.is_empty() || subs.len() > SUB_ENTRIES_MAX) {
            return Err(business("isv.menu-sub-button-count", format!("二级菜单个数应为 1 到 {SUB_ENTRIES_MAX} 个")));
        }
        check_entry(state, call, &b, kind, subs.is_empty()).await?;
        for s in &subs {
            if s.get("sub_button").is_some() {
                return Err(business("isv.menu-too-deep", "菜单最多两级"));
            }
            check_entry(state, call, s, kind, true).await?;
        }
        out.push(b);
    }
    Ok((kind.to_string(), Value::Array(out)))
}

async fn check_entry(state: &State, call: &Call, b: &Value, kind: &str, acts: bool) -> Result<(), Refusal> {
    let text = |f: &str| b.get(f).and_then(Value::as_str).unwrap_or("").to_string();
    let name = text("name");
    let width = if kind == "icon" { ICON_NAME_BYTES } else { TEXT_NAME_BYTES };
    if name.trim().is_empty() {
        return Err(invalid("isv.missing-parameter", "缺少必选参数 name"));
    }
    if gbk_width(&name) > width {
        return Err(business("isv.menu-name-too-long", format!("菜单名称「{name}」超过 {} 个汉字", width / 2)));
    }
    if kind == "icon" {
        let icon = text("icon");
        let file = icon.strip_prefix(super::profile::IMAGE_URL_PREFIX);
        match super::profile::uploaded_size(state, call, file).await? {
            None => return Err(business("isv.invalid-icon", format!("菜单「{name}」的图标无效，请先上传图片"))),
            Some(n) if n > ICON_BYTES_MAX => {
                return Err(business("isv.image-size-exceeded", "菜单图标大小不能超过 5 MB"))
            }
            Some(_) => {}
        }
    }
    if !acts {
        return Ok(());
    }
    let (action, param) = (text("action_type"), text("action_param"));
    if !ACTIONS.contains(&action.as_str()) {
        return Err(invalid("isv.invalid-action-type", format!("菜单「{name}」的 action_type 无效：{action}")));
    }
    if param.is_empty() && action != "consumption" {
        return Err(invalid("isv.missing-parameter", format!("菜单「{name}」缺少 action_param")));
    }
    if param.chars().count() > PARAM_CHARS_MAX {
        return Err(business("isv.action-param-too-long", format!("action_param 不能超过 {PARAM_CHARS_MAX} 个字符")));
    }
    let bad = match action.as_str() {
        "link" => !["https://", "http://", "alipays://"].iter().any(|s| param.to_ascii_lowercase().starts_with(s)),
        "tel" => {
            let n = param.strip_prefix('+').unwrap_or(&param);
            n.is_empty() || n.starts_with('-') || !n.chars().all(|c| c.is_ascii_digit() || c == '-')
        }
        "out" => param.contains(':'),
        _ => false,
    };
    if bad {
        return Err(business("isv.invalid-action-param", format!("菜单「{name}」的 action_param 无效：{param}")));
    }
    Ok(())
}

async fn current(state: &State, call: &Call) -> Result<Option<(String, String)>, Refusal> {
    Ok(sqlx::query_as("SELECT kind, button FROM menus WHERE account = ?")
        .bind(&call.account)
        .fetch_optional(&state.pool)
        .await?)
}

pub(crate) async fn create(state: &State, call: &Call) -> Result<Value, Refusal> {
    let (kind, button) = checked(state, call).await?;
    let made = sqlx::query(
        "INSERT INTO menus (account, kind, button, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (account) DO NOTHING",
    )
    .bind(&call.account)
    .bind(&kind)
    .bind(button.to_string())
    .bind(call.now)
    .execute(&state.pool)
    .await?;
    if made.rows_affected() == 0 {
        return Err(business("isv.menu-exist", "默认菜单已存在，请调用 alipay.open.public.menu.modify 修改"));
    }
    Ok(json!({ "menu_key": menu_key(&kind) }))
}

pub(crate) async fn modify(state: &State, call: &Call) -> Result<Value, Refusal> {
    let (kind, button) = checked(state, call).await?;
    let done = sqlx::query("UPDATE menus SET kind = ?, button = ?, updated_at = ? WHERE account = ?")
        .bind(&kind)
        .bind(button.to_string())
        .bind(call.now)
        .bind(&call.account)
        .execute(&state.pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(business("isv.menu-not-exist", "默认菜单不存在，请先调用 alipay.open.public.menu.create 创建"));
    }
    Ok(json!({}))
}

pub(crate) async fn batchquery(state: &State, call: &Call) -> Result<Value, Refusal> {
    let menus: Vec<Value> = current(state, call)
        .await?
        .into_iter()
        .map(|(kind, button)| {
            let button: Value = serde_json::from_str(&button).unwrap_or(Value::Array(Vec::new()));
            json!({ "menu_key": menu_key(&kind), "type": kind, "button": button })
        })
        .collect();
    Ok(json!({ "count": menus.len().to_string(), "menus": menus }))
}

pub(crate) async fn query(state: &State, call: &Call) -> Result<Value, Refusal> {
    match current(state, call).await? {
        Some((_, button)) => Ok(json!({ "menu_content": button })),
        None => Err(business("isv.menu-not-exist", "默认菜单不存在")),
    }
}
