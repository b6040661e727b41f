//! The gateway client: common parameters in the query string and business
//! parameters in the form body, as the official Node SDK sends them; every
//! response verified before it is read.

use std::time::Duration;

use md5::{Digest, Md5};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::envelope::{Envelope, EnvelopeError};
use crate::{sign_content, time, PrivateKey, PublicKey};

/// Where and as whom the client talks.
#[derive(Clone, Debug)]
pub struct Config {
    /// e.g. `https://openapi.alipay.com/gateway.do`, or the emulator's.
    pub gateway_url: String,
    /// The app's id.
    pub app_id: String,
    /// The app's private key.
    pub app_key: PrivateKey,
    /// Alipay's public key, to verify responses.
    pub alipay_public_key: PublicKey,
    /// How long one call may take.
    pub timeout: Duration,
}

/// Whether trying again can help, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// The request never reached the platform: retrying is safe.
    Safe,
    /// Try again, not before this long.
    After(Duration),
    /// The request may have taken effect: find out before retrying.
    ReconcileFirst,
    /// The same request will fail the same way.
    Never,
}

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Could not connect; nothing was sent.
    #[error("cannot reach the gateway: {0}")]
    Unreachable(String),
    /// Sent, but no answer came (timeout or connection lost).
    #[error("the gateway did not answer; the request may or may not have taken effect: {0}")]
    OutcomeUnknown(String),
    /// 429 or 5xx from the gateway.
    #[error("the gateway is busy or failing (HTTP {status})")]
    Http {
        /// The status.
        status: u16,
        /// `Retry-After`, when given.
        retry_after: Option<Duration>,
    },
    /// The platform answered with an error code.
    #[error("{code} {msg}: {sub_code} {sub_msg}")]
    Platform {
        /// e.g. `40004`.
        code: String,
        /// e.g. `Business Failed`.
        msg: String,
        /// e.g. `isv.invalid-signature`.
        sub_code: String,
        /// Details.
        sub_msg: String,
    },
    /// The response's signature does not match: it was not from the platform
    /// or was altered on the way; it was not used.
    #[error("the response failed signature verification and was discarded: {0}")]
    BadSignature(EnvelopeError),
    /// The response could not be read.
    #[error("the response could not be read: {0}")]
    Malformed(String),
}

impl Error {
    /// Whether trying again can help.
    pub fn retry(&self) -> Retry {
        match self {
            Error::Unreachable(_) => Retry::Safe,
            Error::OutcomeUnknown(_) => Retry::ReconcileFirst,
            Error::Http { retry_after: Some(d), .. } => Retry::After(*d),
            Error::Http { status, .. } if *status == 429 => Retry::After(Duration::from_secs(1)),
            // A 5xx may have come after the request took effect.
            Error::Http { .. } => Retry::ReconcileFirst,
            Error::Platform { code, .. } if code == "20000" => Retry::ReconcileFirst,
            Error::Platform { .. } => Retry::Never,
            // Tampered or garbled answers say nothing about the outcome.
            Error::BadSignature(_) | Error::Malformed(_) => Retry::ReconcileFirst,
        }
    }
}

/// The common fields of every successful response.
#[derive(Debug, Clone, Deserialize)]
struct Status {
    code: String,
    #[serde(default)]
    msg: String,
    #[serde(default)]
    sub_code: String,
    #[serde(default)]
    sub_msg: String,
}

/// A file sent in a multipart upload.
#[derive(Debug, Clone)]
pub struct FilePart {
    /// The form field, e.g. `file_content` or `image_content`.
    pub field: &'static str,
    /// The file name.
    pub name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Options of one call.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// Act for another account.
    pub app_auth_token: Option<String>,
}

/// An Alipay gateway client.
#[derive(Clone, Debug)]
pub struct AlipayClient {
    config: Config,
    http: reqwest::Client,
}

impl AlipayClient {
    /// A client for `config`.
    pub fn new(config: Config) -> AlipayClient {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .build()
            .expect("an HTTP client with rustls builds");
        AlipayClient { config, http }
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    fn common_params(&self, method: &str, opts: &CallOptions) -> Vec<(String, String)> {
        let mut params = vec![
            ("app_id".to_string(), self.config.app_id.clone()),
            ("method".to_string(), method.to_string()),
            ("format".to_string(), "JSON".to_string()),
            ("charset".to_string(), "utf-8".to_string()),
            ("sign_type".to_string(), "RSA2".to_string()),
            ("timestamp".to_string(), time::format(chrono::Utc::now())),
            ("version".to_string(), "1.0".to_string()),
        ];
        if let Some(token) = &opts.app_auth_token {
            params.push(("app_auth_token".to_string(), token.clone()));
        }
        params
    }

    /// Calls `method` with `biz` as `biz_content` (or, for uploads, as plain
    /// form fields beside the file) and returns the verified response.
    ///
    /// Each call is logged by method, app and outcome; never with its
    /// parameters, signature or token (a platform error's `sub_msg` may
    /// quote the signed parameters, so only its codes are logged).
    pub async fn call<B: Serialize, R: DeserializeOwned>(
        &self,
        method: &str,
        biz: &B,
        file: Option<FilePart>,
        opts: &CallOptions,
    ) -> Result<R, Error> {
        let started = std::time::Instant::now();
        let result = self.send(method, biz, file, opts).await;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        let app_id = self.config.app_id.as_str();
        match &result {
            Ok(_) => tracing::info!(method, app_id, elapsed_ms, "gateway call answered"),
            Err(Error::Platform { code, sub_code, .. }) => {
                tracing::warn!(method, app_id, elapsed_ms, code, sub_code, "gateway call refused")
            }
            Err(e) => tracing::warn!(method, app_id, elapsed_ms, error = %e, "gateway call failed"),
        }
        result
    }

    async fn send<B: Serialize, R: DeserializeOwned>(
        &self,
        method: &str,
        biz: &B,
        file: Option<FilePart>,
        opts: &CallOptions,
    ) -> Result<R, Error> {
        let mut query = self.common_params(method, opts);
        let biz_json = serde_json::to_value(biz).map_err(|e| Error::Malformed(e.to_string()))?;
        // Uploads send their parameters as form fields; others as biz_content.
        let mut fields: Vec<(String, String)> = Vec::new();
        match &file {
            Some(f) => {
                if let serde_json::Value::Object(map) = &biz_json {
                    for (k, v) in map {
                        let text = match v {
                            serde_json::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        fields.push((k.clone(), text));
                    }
                }
                if f.field == "file_content" && !fields.iter().any(|(k, _)| k == "md5") {
                    fields.push(("md5".to_string(), format!("{:x}", Md5::digest(&f.bytes))));
                }
            }
            None => fields.push(("biz_content".to_string(), biz_json.to_string())),
        }
        let content = sign_content(query.iter().chain(fields.iter()).map(|(k, v)| (k.as_str(), v.as_str())));
        query.push(("sign".to_string(), self.config.app_key.sign(&content)));

        let request = self.http.post(&self.config.gateway_url).query(&query);
        let request = match file {
            Some(f) => {
                let mut form = reqwest::multipart::Form::new();
                for (k, v) in fields {
                    form = form.text(k, v);
                }
                form = form.part(f.field, reqwest::multipart::Part::bytes(f.bytes).file_name(f.name));
                request.multipart(form)
            }
            None => request.form(&fields),
        };
        let response = request.send().await.map_err(|e| {
            // The URL carries the signature and any app_auth_token: an
            // error message (kept in the outbox, logged) must not.
            let e = e.without_url();
            if e.is_connect() {
                Error::Unreachable(e.to_string())
            } else {
                Error::OutcomeUnknown(e.to_string())
            }
        })?;
        let status = response.status();
        if status.as_u16() == 429 || status.is_server_error() {
            let retry_after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            return Err(Error::Http { status: status.as_u16(), retry_after });
        }
        let body = response.text().await.map_err(|e| Error::OutcomeUnknown(e.without_url().to_string()))?;
        read_response(&body, method, &self.config.alipay_public_key)
    }
}

/// Verifies and reads a gateway response body.
pub fn read_response<R: DeserializeOwned>(body: &str, method: &str, platform: &PublicKey) -> Result<R, Error> {
    let envelope = Envelope::read(body, method).map_err(|e| Error::Malformed(e.to_string()))?;
    // An unsigned error_response is how the gateway answers some malformed
    // requests; it is read (never trusted as success) so the user learns why.
    if !(envelope.is_error_response() && envelope.sign.is_none()) {
        envelope.verify(platform).map_err(Error::BadSignature)?;
    }
    let status: Status = serde_json::from_str(envelope.raw).map_err(|e| Error::Malformed(e.to_string()))?;
    if status.code != "10000" || envelope.is_error_response() {
        return Err(Error::Platform {
            code: status.code,
            msg: status.msg,
            sub_code: status.sub_code,
            sub_msg: status.sub_msg,
        });
    }
    serde_json::from_str(envelope.raw).map_err(|e| Error::Malformed(e.to_string()))
}
