//! `POST /gateway.do`: read, verify, dispatch, sign.

use std::collections::BTreeMap;
use std::sync::Arc;

use alipay_open::envelope::signed_body;
use alipay_open::methods::name;
use alipay_open::{response_key, sign_content, time, PrivateKey};
use axum::body::Body;
use std::net::SocketAddr;

use axum::extract::multipart::MultipartError;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequest, Multipart, Request, State as Shared};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use md5::{Digest, Md5};
use serde_json::{json, Value};

use crate::faults::{Fault, FaultDice, Faults};
use crate::ratelimit::RateLimiter;
use crate::state::State;

pub(crate) struct Gateway {
    pub(crate) state: State,
    /// The key answers are signed with; replaced when the platform rotates it.
    pub(crate) platform_key: std::sync::RwLock<PrivateKey>,
    /// How far the platform's clock is ahead of this machine's, ms.
    pub(crate) clock_offset_ms: i64,
    pub(crate) dice: std::sync::Mutex<FaultDice>,
    pub(crate) limiter: std::sync::Mutex<RateLimiter>,
    pub(crate) calls: std::sync::Mutex<CallLog>,
}

impl Gateway {
    pub(crate) fn set_faults(&self, faults: Faults) {
        *self.dice.lock().unwrap_or_else(|e| e.into_inner()) = FaultDice::new(faults);
    }

    fn roll(&self) -> (Fault, std::time::Duration) {
        self.dice.lock().unwrap_or_else(|e| e.into_inner()).roll()
    }
}

pub(crate) fn router(gw: Arc<Gateway>) -> Router {
    Router::new()
        // axum reads at most 2 MB of a multipart body by default, which
        // would refuse most videos the platform takes.
        .route("/gateway.do", post(handle).layer(DefaultBodyLimit::max(BODY_MAX)))
        .route("/admin/faults", get(get_faults).post(set_faults))
        .with_state(gw)
}

/// The admin endpoint answers only callers on this machine.
fn loopback_only(peer: SocketAddr) -> Result<(), StatusCode> {
    if peer.ip().is_loopback() {
        Ok(())
    } else {
        Err(StatusCode::FORBIDDEN)
    }
}

async fn get_faults(
    Shared(gw): Shared<Arc<Gateway>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Result<Json<Faults>, StatusCode> {
    loopback_only(peer)?;
    Ok(Json(gw.dice.lock().unwrap_or_else(|e| e.into_inner()).faults.clone()))
}

async fn set_faults(
    Shared(gw): Shared<Arc<Gateway>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(faults): Json<Faults>,
) -> Result<Json<Faults>, StatusCode> {
    loopback_only(peer)?;
    gw.set_faults(faults.clone());
    Ok(Json(faults))
}

/// A response whose body fails at once: the client sees the connection
/// close with no usable answer.
fn dropped_connection() -> axum::response::Response {
    let failing = futures_util::stream::once(async {
        Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other("connection dropped by fault injection"))
    });
    axum::response::Response::new(Body::from_stream(failing))
}

/// A refusal: gateway-level (`error_response`) or business (`40004` inside
/// the method's response).
pub(crate) struct Refusal {
    code: &'static str,
    msg: &'static str,
    sub_code: String,
    sub_msg: String,
}

pub(crate) fn business(sub_code: &str, sub_msg: impl Into<String>) -> Refusal {
    Refusal { code: "40004", msg: "Business Failed", sub_code: sub_code.into(), sub_msg: sub_msg.into() }
}

pub(crate) fn invalid(sub_code: &str, sub_msg: impl Into<String>) -> Refusal {
    Refusal { code: "40002", msg: "Invalid Arguments", sub_code: sub_code.into(), sub_msg: sub_msg.into() }
}

fn missing(sub_code: &str, sub_msg: impl Into<String>) -> Refusal {
    Refusal { code: "40001", msg: "Missing Required Arguments", sub_code: sub_code.into(), sub_msg: sub_msg.into() }
}

/// `20000`: the platform did not serve the call; the client may try later.
fn unavailable(sub_msg: impl Into<String>) -> Refusal {
    Refusal {
        code: "20000",
        msg: "Service Currently Unavailable",
        sub_code: "isp.unknow-error".into(),
        sub_msg: sub_msg.into(),
    }
}

impl From<sqlx::Error> for Refusal {
    fn from(e: sqlx::Error) -> Refusal {
        unavailable(e.to_string())
    }
}

/// One request, as read off the wire.
pub(crate) struct Call {
    pub(crate) params: BTreeMap<String, String>,
    pub(crate) file: Option<(String, Vec<u8>)>,
    pub(crate) app_id: String,
    pub(crate) account: String,
    pub(crate) biz: Value,
    pub(crate) now: i64,
}

/// A multipart body that could not be read: past [`BODY_MAX`] it is a file
/// too large, answered as the size check answers one.
fn unreadable(e: MultipartError) -> Refusal {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(VIDEO_MAX)
    } else {
        invalid("isv.invalid-multipart", e.to_string())
    }
}

async fn read_request(req: Request) -> Result<(BTreeMap<String, String>, Option<(String, Vec<u8>)>), Refusal> {
    let mut params: BTreeMap<String, String> =
        form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes()).into_owned().collect();
    let multipart = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let mut file = None;
    if multipart {
        let mut form =
            Multipart::from_request(req, &()).await.map_err(|e| invalid("isv.invalid-multipart", e.to_string()))?;
        while let Some(field) = form.next_field().await.map_err(unreadable)? {
            let field_name = field.name().unwrap_or_default().to_string();
            if let Some(file_name) = field.file_name().map(str::to_string) {
                let bytes = field.bytes().await.map_err(unreadable)?;
                file = Some((file_name, bytes.to_vec()));
            } else {
                let text = field.text().await.map_err(unreadable)?;
                params.insert(field_name, text);
            }
        }
    } else {
        let body = axum::body::to_bytes(req.into_body(), 64 << 20)
            .await
            .map_err(|e| invalid("isv.invalid-body", e.to_string()))?;
        params.extend(form_urlencoded::parse(&body).into_owned());
    }
    Ok((params, file))
}

async fn handle(Shared(gw): Shared<Arc<Gateway>>, req: Request<Body>) -> axum::response::Response {
    let (fault, latency) = gw.roll();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match fault {
        Fault::ServerError => return (StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable").into_response(),
        Fault::TooManyRequests => {
            let secs = gw.dice.lock().unwrap_or_else(|e| e.into_inner()).faults.retry_after_secs.max(1);
            return (StatusCode::TOO_MANY_REQUESTS, [(RETRY_AFTER, secs.to_string())], "Too Many Requests")
                .into_response();
        }
        Fault::DropBefore => return dropped_connection(),
        _ => {}
    }
    let answer = answer(&gw, req).await;
    match fault {
        Fault::DropAfter => dropped_connection(),
        Fault::Malformed => (StatusCode::OK, "<html><body>502 Bad Gateway</body></html>").into_response(),
        Fault::BadSignature => {
            // Flip one character of the signature.
            let broken = match answer.rfind("\"sign\":\"") {
                Some(at) => {
                    let i = at + 8;
                    let c = if answer.as_bytes()[i] == b'A' { "B" } else { "A" };
                    format!("{}{c}{}", &answer[..i], &answer[i + 1..])
                }
                None => answer,
            };
            broken.into_response()
        }
        _ => answer.into_response(),
    }
}

/// Handles a request and returns the signed body.
async fn answer(gw: &Gateway, req: Request<Body>) -> String {
    let (params, file) = match read_request(req).await {
        Ok(read) => read,
        Err(refusal) => return gw.refuse("error_response", refusal),
    };
    let method = params.get("method").cloned().unwrap_or_default();
    // Like the platform, refusals of a named method come in its own
    // response key; only a request with no method gets error_response.
    let key = if method.is_empty() { "error_response".to_string() } else { response_key(&method) };
    let call = match gw.authenticate(params, file).await {
        Ok(call) => call,
        Err(refusal) => return gw.refuse(&key, refusal),
    };
    let admitted = gw.limiter.lock().unwrap_or_else(|e| e.into_inner()).admit(&call.app_id, std::time::Instant::now());
    gw.calls.lock().unwrap_or_else(|e| e.into_inner()).record(Served {
        at_ms: call.now,
        app_id: call.app_id.clone(),
        method: method.clone(),
        content_id: call.biz.get("content_id").and_then(Value::as_str).map(str::to_string),
        throttled: !admitted,
    });
    if !admitted {
        // Throttled calls are answered as unserved: see `ratelimit.rs` for why.
        return gw.refuse(&key, unavailable("服务暂不可用（调用频率超过限制），请稍后重试"));
    }
    match dispatch(&gw.state, &method, &call).await {
        Ok(mut value) => {
            if let Value::Object(map) = &mut value {
                map.insert("code".into(), json!("10000"));
                map.insert("msg".into(), json!("Success"));
            }
            signed_body(&key, &value, &gw.signing_key())
        }
        Err(refusal) => gw.refuse(&key, refusal),
    }
}

/// A call the gateway verified, as its log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// Unix ms it arrived.
    pub at_ms: i64,
    /// The calling app.
    pub app_id: String,
    /// The method.
    pub method: String,
    /// The content it named (`content_id`), if any.
    pub content_id: Option<String>,
    /// Whether it was refused for the app's rate limit.
    pub throttled: bool,
}

/// The latest verified calls, for tests and benchmarks to count.
#[derive(Debug, Default)]
pub(crate) struct CallLog(std::collections::VecDeque<Served>);

/// Calls the log keeps; older ones are dropped.
const CALL_LOG_KEEPS: usize = 200_000;

impl CallLog {
    fn record(&mut self, call: Served) {
        if self.0.len() == CALL_LOG_KEEPS {
            self.0.pop_front();
        }
        self.0.push_back(call);
    }

    pub(crate) fn all(&self) -> Vec<Served> {
        self.0.iter().cloned().collect()
    }

    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }
}

impl Gateway {
    fn signing_key(&self) -> PrivateKey {
        self.platform_key.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn refuse(&self, key: &str, r: Refusal) -> String {
        let value = json!({"code": r.code, "msg": r.msg, "sub_code": r.sub_code, "sub_msg": r.sub_msg});
        signed_body(key, &value, &self.signing_key())
    }

    /// Checks the common parameters and the signature, as the platform does.
    async fn authenticate(
        &self,
        params: BTreeMap<String, String>,
        file: Option<(String, Vec<u8>)>,
    ) -> Result<Call, Refusal> {
        for (field, sub_code) in [
            ("method", "isv.missing-method"),
            ("app_id", "isv.missing-app-id"),
            ("sign", "isv.missing-signature"),
            ("sign_type", "isv.missing-signature-type"),
            ("timestamp", "isv.missing-timestamp"),
        ] {
            if params.get(field).is_none_or(|v| v.is_empty()) {
                return Err(missing(sub_code, format!("缺少必选参数 {field}")));
            }
        }
        if params["sign_type"] != "RSA2" {
            return Err(invalid("isv.invalid-signature-type", "sign_type 只支持 RSA2"));
        }
        let app_id = params["app_id"].clone();
        let Some(app_key) = self.state.app_key(&app_id).await? else {
            return Err(invalid("isv.invalid-app-id", format!("无效的 AppID 参数: {app_id}")));
        };
        let Some(at) = time::parse(&params["timestamp"]) else {
            return Err(invalid("isv.invalid-timestamp", "非法的时间戳参数，格式为 yyyy-MM-dd HH:mm:ss"));
        };
        let now = chrono::Utc::now() + chrono::Duration::milliseconds(self.clock_offset_ms);
        if (now - at).num_minutes().abs() > 15 {
            return Err(invalid("isv.invalid-timestamp", "时间戳与服务器时间相差超过 15 分钟"));
        }
        let content = sign_content(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        if app_key.verify(content.as_bytes(), &params["sign"]).is_err() {
            return Err(invalid(
                "isv.invalid-signature",
                format!("验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：{content}"),
            ));
        }
        let biz: Value = match params.get("biz_content") {
            Some(text) => serde_json::from_str(text)
                .map_err(|_| invalid("isv.invalid-biz-content", "biz_content 不是合法的 JSON"))?,
            // Uploads carry their parameters as plain fields.
            None => Value::Object(params.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect()),
        };
        let account = biz
            .get("public_id")
            .or_else(|| biz.get("alipay_public_id"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| params.get("app_auth_token").cloned())
            .unwrap_or_else(|| format!("public-{app_id}"));
        Ok(Call { params, file, app_id, account, biz, now: now.timestamp_millis() })
    }
}

pub(crate) fn text_field<'a>(biz: &'a Value, field: &str) -> Option<&'a str> {
    biz.get(field).and_then(Value::as_str)
}

pub(crate) fn required_field<'a>(biz: &'a Value, field: &str) -> Result<&'a str, Refusal> {
    text_field(biz, field)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| missing("isv.missing-parameter", format!("缺少必选参数 {field}")))
}

pub(crate) async fn dispatch(state: &State, method: &str, call: &Call) -> Result<Value, Refusal> {
    match method {
        name::PUBLIC_INFO_QUERY => profile::query(state, call).await,
        name::PUBLIC_INFO_MODIFY => profile::modify(state, call).await,
        name::MATERIAL_IMAGE_UPLOAD | name::FILE_UPLOAD => upload(state, method, call).await,
        name::CONTENT_PUBLISH => content::publish(state, call).await,
        name::CONTENT_QUERY => content::query(state, call).await,
        name::CONTENT_BATCHQUERY => content::batchquery(state, call).await,
        name::CONTENT_DELETE => content::delete(state, call).await,
        name::LIVE_ADVANCE_CREATE | name::LIVE_ADVANCE_MODIFY | name::LIVE_ADVANCE_DELETE => {
            live::handle(state, method, call).await
        }
        name::MENU_CREATE => menu::create(state, call).await,
        name::MENU_MODIFY => menu::modify(state, call).await,
        name::MENU_BATCHQUERY => menu::batchquery(state, call).await,
        name::MENU_QUERY => menu::query(state, call).await,
        name::MESSAGE_CONTENT_CREATE => message::create_content(state, call).await,
        name::MESSAGE_CONTENT_MODIFY => message::modify_content(state, call).await,
        name::MESSAGE_TOTAL_SEND => message::send_to_all(state, call).await,
        name::MESSAGE_PREVIEW_SEND => message::preview(state, call).await,
        name::MESSAGE_QUERY => message::query(state, call).await,
        name::LIFE_MSG_RECALL => message::recall(state, call).await,
        name::CONTENT_DETECT => {
            let content = required_field(&call.biz, "content")?;
            // The same words review refuses for, every one the text holds.
            let words = state.review.all_offending(content);
            let action = if words.is_empty() { "PASSED" } else { "REJECTED" };
            Ok(json!({"action": action, "keywords": words, "unique_id": format!("D{}", call.now)}))
        }
        other => Err(invalid("isv.invalid-method", format!("不存在的方法名: {other}"))),
    }
}

const IMAGE_MAX: usize = 5 * 1024 * 1024;
const VIDEO_MAX: usize = 50 * 1024 * 1024;
/// The largest request body read: the largest upload with room for the
/// form's other fields.
const BODY_MAX: usize = VIDEO_MAX + 1024 * 1024;

fn too_large(max: usize) -> Refusal {
    business("isv.file-size-exceeded", format!("文件大小超过限制 {} MB", max / 1024 / 1024))
}

async fn upload(state: &State, method: &str, call: &Call) -> Result<Value, Refusal> {
    let Some((file_name, bytes)) = &call.file else {
        return Err(missing("isv.missing-file", "缺少上传的文件"));
    };
    let digest = format!("{:x}", Md5::digest(bytes));
    let is_video = [".mp4", ".mov"].iter().any(|ext| file_name.to_lowercase().ends_with(ext));
    let max = if is_video { VIDEO_MAX } else { IMAGE_MAX };
    if bytes.len() > max {
        return Err(too_large(max));
    }
    if method == name::FILE_UPLOAD {
        if call.params.get("md5").is_some_and(|m| !m.eq_ignore_ascii_case(&digest)) {
            return Err(business("isv.file-md5-mismatch", "文件 md5 与参数 md5 不一致"));
        }
        if call.params.get("biz_code").map(String::as_str) != Some("content_creation") {
            return Err(invalid("isv.invalid-biz-code", "biz_code 只支持 content_creation"));
        }
    } else {
        let image_name = call.params.get("image_name").cloned().unwrap_or_default();
        if image_name.chars().count() > 128 {
            return Err(invalid("isv.invalid-image-name", "image_name 最长 128 个字符"));
        }
    }
    let file_id = format!("F{}{:08}", call.now, digest_seq(&digest));
    sqlx::query("INSERT OR IGNORE INTO files (file_id, app_id, md5, size, name) VALUES (?, ?, ?, ?, ?)")
        .bind(&file_id)
        .bind(&call.app_id)
        .bind(&digest)
        .bind(bytes.len() as i64)
        .bind(file_name)
        .execute(&state.pool)
        .await?;
    Ok(if method == name::FILE_UPLOAD {
        json!({"file_id": file_id})
    } else {
        json!({"image_id": file_id, "image_url": format!("https://emulator.invalid/images/{file_id}")})
    })
}

fn digest_seq(md5_hex: &str) -> u32 {
    u32::from_str_radix(&md5_hex[..7], 16).unwrap_or(0)
}

pub(crate) mod content;
pub(crate) mod live;
pub(crate) mod menu;
pub(crate) mod message;
pub(crate) mod profile;

#[cfg(test)]
mod upload_tests {
    //! Upload sizes over loopback, as a client sends them.

    use std::time::Duration;

    use alipay_open::{AlipayClient, CallOptions, Config, Error, PrivateKey};

    use super::{IMAGE_MAX, VIDEO_MAX};
    use crate::{Emulator, EmulatorConfig};

    #[tokio::test]
    async fn a_video_up_to_its_limit_goes_up_and_a_larger_file_is_refused_as_too_large() {
        let app_key = PrivateKey::generate();
        let app = ("2021000000000001".to_string(), app_key.public_key());
        let emulator =
            Emulator::start(EmulatorConfig { apps: vec![app.clone()], ..EmulatorConfig::ephemeral() }).await.unwrap();
        let client = AlipayClient::new(Config {
            gateway_url: emulator.gateway_url(),
            app_id: app.0,
            app_key,
            alipay_public_key: emulator.platform_public_key().clone(),
            timeout: Duration::from_secs(60),
        });
        let none = CallOptions::default();
        let upload = |name: &'static str, len: usize| client.upload_file(name, vec![7; len], &none);
        let refused_as_too_large = |answer: Result<_, Error>| matches!(&answer, Err(Error::Platform { sub_code, .. }) if sub_code == "isv.file-size-exceeded");

        // Past the 2 MB a web server reads by default and the 5 MB a picture may be.
        upload("clip.mp4", IMAGE_MAX + 1024 * 1024).await.unwrap();
        assert!(refused_as_too_large(upload("photo.jpg", IMAGE_MAX + 1).await));
        // Past all a request may carry: the size refusal, not a broken form.
        assert!(refused_as_too_large(upload("clip.mp4", VIDEO_MAX + 2 * 1024 * 1024).await));
        emulator.stop().await;
    }
}
