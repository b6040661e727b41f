//! The gateway's response envelope: `{"<method>_response": {...}, "sign": "..."}`
//! (or `error_response`). The signature covers the raw text of the response
//! value exactly as it appears in the body, so the value is cut out of the
//! bytes, never re-serialized.

use crate::sign::SignError;
use crate::{PrivateKey, PublicKey};

/// Why a response body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    /// Not a JSON object of the expected shape.
    #[error("the response is not a gateway envelope: {0}")]
    Malformed(&'static str),
    /// Neither `<method>_response` nor `error_response` is present.
    #[error("the response holds no {0} or error_response")]
    Missing(String),
    /// No signature where one is required.
    #[error("the response is not signed")]
    Unsigned,
    /// The signature does not cover the bytes received.
    #[error("the response signature is invalid: {0}")]
    BadSignature(#[from] SignError),
}

/// `alipay.open.public.info.query` → `alipay_open_public_info_query_response`.
pub fn response_key(method: &str) -> String {
    format!("{}_response", method.replace('.', "_"))
}

/// The response value of one envelope, as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope<'a> {
    /// `<method>_response` or `error_response`.
    pub key: String,
    /// The value's raw JSON text, exactly as in the body.
    pub raw: &'a str,
    /// The top-level `sign`, if present.
    pub sign: Option<String>,
}

impl<'a> Envelope<'a> {
    /// Cuts the response for `method` (or else the error response) out of `body`.
    pub fn read(body: &'a str, method: &str) -> Result<Envelope<'a>, EnvelopeError> {
        let wanted = response_key(method);
        let mut response = None;
        let mut error = None;
        let mut sign = None;
        for (key, raw) in top_level_members(body)? {
            if key == wanted {
                response = Some(raw);
            } else if key == "error_response" {
                error = Some(raw);
            } else if key == "sign" {
                let text = serde_json::from_str::<String>(raw)
                    .map_err(|_| EnvelopeError::Malformed("sign is not a string"))?;
                sign = Some(text);
            }
        }
        match (response, error) {
            (Some(raw), _) => Ok(Envelope { key: wanted, raw, sign }),
            (None, Some(raw)) => Ok(Envelope { key: "error_response".into(), raw, sign }),
            (None, None) => Err(EnvelopeError::Missing(wanted)),
        }
    }

    /// True for `error_response` (the gateway refused before the method ran).
    pub fn is_error_response(&self) -> bool {
        self.key == "error_response"
    }

    /// Checks the signature over the raw value with the platform's key.
    pub fn verify(&self, platform: &PublicKey) -> Result<(), EnvelopeError> {
        let sign = self.sign.as_deref().ok_or(EnvelopeError::Unsigned)?;
        Ok(platform.verify(self.raw.as_bytes(), sign)?)
    }

    /// The value parsed.
    pub fn value(&self) -> Result<serde_json::Value, EnvelopeError> {
        serde_json::from_str(self.raw).map_err(|_| EnvelopeError::Malformed("the response value is not JSON"))
    }
}

/// Builds a signed envelope the way the platform lays it out: the value
/// serialized once, its bytes signed, and `sign` after it.
pub fn signed_body(key: &str, value: &serde_json::Value, platform: &PrivateKey) -> String {
    let raw = serde_json::to_string(value).expect("JSON values serialize");
    let sign = platform.sign(&raw);
    format!("{{\"{key}\":{raw},\"sign\":\"{sign}\"}}")
}

/// The members of the top-level JSON object: (key, raw value text).
fn top_level_members(body: &str) -> Result<Vec<(String, &str)>, EnvelopeError> {
    let bytes = body.as_bytes();
    let mut i = skip_ws(bytes, 0);
    if bytes.get(i) != Some(&b'{') {
        return Err(EnvelopeError::Malformed("the body is not a JSON object"));
    }
    i = skip_ws(bytes, i + 1);
    let mut members = Vec::new();
    if bytes.get(i) == Some(&b'}') {
        return Ok(members);
    }
    loop {
        if bytes.get(i) != Some(&b'"') {
            return Err(EnvelopeError::Malformed("expected a member name"));
        }
        let key_end = scan_string(bytes, i)?;
        let key: String =
            serde_json::from_str(&body[i..key_end]).map_err(|_| EnvelopeError::Malformed("bad member name"))?;
        i = skip_ws(bytes, key_end);
        if bytes.get(i) != Some(&b':') {
            return Err(EnvelopeError::Malformed("expected ':'"));
        }
        let start = skip_ws(bytes, i + 1);
        let end = scan_value(bytes, start)?;
        members.push((key, &body[start..end]));
        i = skip_ws(bytes, end);
        match bytes.get(i) {
            Some(b',') => i = skip_ws(bytes, i + 1),
            Some(b'}') => return Ok(members),
            _ => return Err(EnvelopeError::Malformed("expected ',' or '}'")),
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// End (exclusive) of the string starting at `i` (which is `"`).
fn scan_string(b: &[u8], i: usize) -> Result<usize, EnvelopeError> {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return Ok(j + 1),
            _ => j += 1,
        }
    }
    Err(EnvelopeError::Malformed("unterminated string"))
}

/// End (exclusive) of the value starting at `i`.
fn scan_value(b: &[u8], i: usize) -> Result<usize, EnvelopeError> {
    match b.get(i) {
        Some(b'"') => scan_string(b, i),
        Some(b'{') | Some(b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = scan_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Ok(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            Err(EnvelopeError::Malformed("unterminated object or array"))
        }
        Some(_) => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                j += 1;
            }
            if j == i {
                Err(EnvelopeError::Malformed("empty value"))
            } else {
                Ok(j)
            }
        }
        None => Err(EnvelopeError::Malformed("unexpected end of body")),
    }
}
