//! The client against a small signing gateway on loopback: requests are
//! checked the way the platform checks them, answers signed the way it
//! signs them, and faults are answered the way it answers them.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use alipay_open::envelope::signed_body;
use alipay_open::methods::{ContentPublish, MediaInfo};
use alipay_open::{response_key, sign_content, AlipayClient, CallOptions, Config, Error, PrivateKey, PublicKey, Retry};
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

const APP_KEY: &str = include_str!("fixtures/test_only_app_key.pkcs8.b64");

/// What the gateway does with the next request.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Answer,
    TamperAnswer,
    TooMany,
    Hang,
}

struct Gateway {
    app_public: PublicKey,
    platform: PrivateKey,
    mode: Mutex<Mode>,
    seen: Mutex<Vec<HashMap<String, String>>>,
}

async fn gateway(
    State(gw): State<Arc<Gateway>>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    req: Request,
) -> Response {
    let mode = *gw.mode.lock().unwrap();
    if mode == Mode::Hang {
        tokio::time::sleep(Duration::from_secs(30)).await;
    }
    if mode == Mode::TooMany {
        return (StatusCode::TOO_MANY_REQUESTS, [("retry-after", "7")], "").into_response();
    }
    let mut params = query;
    let is_multipart =
        headers.get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("multipart/"));
    let mut file_md5 = None;
    if is_multipart {
        let mut form = Multipart::from_request(req, &()).await.unwrap();
        while let Some(field) = form.next_field().await.unwrap() {
            let name = field.name().unwrap().to_string();
            if field.file_name().is_some() {
                let bytes = field.bytes().await.unwrap();
                file_md5 = Some(format!("{:x}", md5_of(&bytes)));
            } else {
                params.insert(name, field.text().await.unwrap());
            }
        }
    } else {
        let body: Bytes = axum::body::to_bytes(req.into_body(), 1 << 20).await.unwrap();
        for (k, v) in url_decode_pairs(&body) {
            params.insert(k, v);
        }
    }
    gw.seen.lock().unwrap().push(params.clone());
    let method = params.get("method").cloned().unwrap_or_default();
    let content = sign_content(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let sign = params.get("sign").cloned().unwrap_or_default();
    let value = if gw.app_public.verify(content.as_bytes(), &sign).is_err() {
        let v = serde_json::json!({"code": "40002", "msg": "Invalid Arguments", "sub_code": "isv.invalid-signature", "sub_msg": format!("验签出错, 验签字符串为: {content}")});
        return signed_body("error_response", &v, &gw.platform).into_response();
    } else if let Some(md5) = params.get("md5") {
        assert_eq!(Some(md5), file_md5.as_ref(), "md5 of the file as sent");
        serde_json::json!({"code": "10000", "msg": "Success", "file_id": "F-1"})
    } else {
        let biz: serde_json::Value = serde_json::from_str(params.get("biz_content").unwrap()).unwrap();
        serde_json::json!({"code": "10000", "msg": "Success", "content_id": "C-1", "echo": biz})
    };
    let mut body = signed_body(&response_key(&method), &value, &gw.platform);
    if mode == Mode::TamperAnswer {
        body = body.replacen("C-1", "C-2", 1);
    }
    body.into_response()
}

fn md5_of(bytes: &[u8]) -> impl std::fmt::LowerHex {
    use md5::{Digest, Md5};
    Md5::digest(bytes)
}

fn url_decode_pairs(body: &[u8]) -> Vec<(String, String)> {
    let text = std::str::from_utf8(body).unwrap();
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                out.push(u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap(), 16).unwrap());
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

async fn start(mode: Mode) -> (Arc<Gateway>, AlipayClient) {
    let app_key = PrivateKey::parse(APP_KEY).unwrap();
    let platform = PrivateKey::parse(APP_KEY).unwrap(); // one key is enough here; the emulator has its own
    let gw = Arc::new(Gateway {
        app_public: app_key.public_key(),
        platform: platform.clone(),
        mode: Mutex::new(mode),
        seen: Mutex::new(Vec::new()),
    });
    let app = Router::new().route("/gateway.do", post(gateway)).with_state(gw.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = AlipayClient::new(Config {
        gateway_url: format!("http://{addr}/gateway.do"),
        app_id: "2021000000000001".into(),
        app_key,
        alipay_public_key: platform.public_key(),
        timeout: Duration::from_millis(1500),
    });
    (gw, client)
}

fn post_with(title: &str) -> ContentPublish {
    ContentPublish {
        source_type: 1,
        source_title: title.into(),
        source_content: "正文 😀 & = + % 100%".into(),
        source_media_infos: vec![MediaInfo { media_id: "F-1".into(), media_type: "image".into() }],
        ..Default::default()
    }
}

#[tokio::test]
async fn a_publish_is_signed_as_the_gateway_checks_and_chinese_round_trips_byte_for_byte() {
    let (gw, client) = start(Mode::Answer).await;
    let title = "春日咖啡 ☕ & = + % 空格";
    let echoed: serde_json::Value = client
        .call(
            "alipay.social.base.contentlib.standardcontent.publish",
            &post_with(title),
            None,
            &CallOptions { app_auth_token: Some("TOKEN-1".into()) },
        )
        .await
        .unwrap();
    assert_eq!(echoed["echo"]["source_title"], title);
    assert_eq!(echoed["echo"]["source_content"], "正文 😀 & = + % 100%");
    let seen = gw.seen.lock().unwrap()[0].clone();
    assert_eq!(
        (seen["sign_type"].as_str(), seen["version"].as_str(), seen["app_auth_token"].as_str()),
        ("RSA2", "1.0", "TOKEN-1")
    );
    assert!(alipay_open::time::parse(&seen["timestamp"]).is_some(), "Beijing-time timestamp: {}", seen["timestamp"]);
    let published = client.publish_content(&post_with("t"), &CallOptions::default()).await.unwrap();
    assert_eq!(published.content_id, "C-1");
}

#[tokio::test]
async fn an_upload_sends_the_file_md5_inside_the_signature() {
    let (_gw, client) = start(Mode::Answer).await;
    let uploaded = client.upload_file("封面.jpg", vec![0xFF, 0xD8, 1, 2, 3], &CallOptions::default()).await.unwrap();
    assert_eq!(uploaded.file_id, "F-1");
}

#[tokio::test]
async fn a_response_altered_on_the_way_is_rejected_and_not_used() {
    let (_gw, client) = start(Mode::TamperAnswer).await;
    let err = client.publish_content(&post_with("t"), &CallOptions::default()).await.unwrap_err();
    assert!(matches!(err, Error::BadSignature(_)), "{err:?}");
    assert_eq!(err.retry(), Retry::ReconcileFirst);
}

#[tokio::test]
async fn a_wrong_app_key_gets_the_platforms_invalid_signature_error_and_no_retry() {
    let (_gw, mut client) = start(Mode::Answer).await;
    let out = std::process::Command::new("openssl").args(["genrsa", "-traditional", "2048"]).output().unwrap();
    let other = PrivateKey::parse(&String::from_utf8(out.stdout).unwrap()).unwrap();
    client = AlipayClient::new(Config { app_key: other, ..client_config(&client) });
    let err = client.publish_content(&post_with("t"), &CallOptions::default()).await.unwrap_err();
    match &err {
        Error::Platform { code, sub_code, sub_msg, .. } => {
            assert_eq!((code.as_str(), sub_code.as_str()), ("40002", "isv.invalid-signature"));
            assert!(sub_msg.contains("method=alipay.social.base.contentlib.standardcontent.publish"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.retry(), Retry::Never);
}

fn client_config(client: &AlipayClient) -> Config {
    client.config().clone()
}

#[tokio::test]
async fn too_many_requests_says_when_to_come_back() {
    let (_gw, client) = start(Mode::TooMany).await;
    let err = client.content("C-1", &CallOptions::default()).await.unwrap_err();
    assert_eq!(err.retry(), Retry::After(Duration::from_secs(7)));
}

#[tokio::test]
async fn no_answer_is_an_unknown_outcome_and_no_listener_is_safe_to_retry() {
    let (_gw, client) = start(Mode::Hang).await;
    let err = client.publish_content(&post_with("t"), &CallOptions::default()).await.unwrap_err();
    assert!(matches!(err, Error::OutcomeUnknown(_)), "{err:?}");
    assert_eq!(err.retry(), Retry::ReconcileFirst);

    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = closed.local_addr().unwrap();
    drop(closed);
    let client =
        AlipayClient::new(Config { gateway_url: format!("http://{addr}/gateway.do"), ..client_config(&client) });
    let err = client.publish_content(&post_with("t"), &CallOptions::default()).await.unwrap_err();
    assert!(matches!(err, Error::Unreachable(_)), "{err:?}");
    assert_eq!(err.retry(), Retry::Safe);
}
