//! Signing pinned to vectors made by OpenSSL (tests/fixtures/make_vectors.sh),
//! plus properties of canonicalization and the envelope reader.

use alipay_open::envelope::signed_body;
use alipay_open::{sign_content, Envelope, EnvelopeError, KeyError, PrivateKey, PublicKey, SignError};
use proptest::prelude::*;

const PKCS1_B64: &str = include_str!("fixtures/test_only_app_key.pkcs1.b64");
const PKCS8_B64: &str = include_str!("fixtures/test_only_app_key.pkcs8.b64");
const PUBLIC_PEM: &str = include_str!("fixtures/test_app_key.pub.pem");
const CONTENT: &str = include_str!("fixtures/vector_content.txt");
const SIGNATURE: &str = include_str!("fixtures/vector_signature.b64");

fn pem(label: &str, b64: &str) -> String {
    let lines: Vec<String> = b64.as_bytes().chunks(64).map(|c| String::from_utf8(c.to_vec()).unwrap()).collect();
    format!("-----BEGIN {label}-----\n{}\n-----END {label}-----\n", lines.join("\n"))
}

fn key() -> PrivateKey {
    PrivateKey::parse(PKCS1_B64).unwrap()
}

fn vector_params() -> Vec<(&'static str, &'static str)> {
    vec![
        ("timestamp", "2026-11-24 08:00:00"),
        ("method", "alipay.social.base.contentlib.standardcontent.publish"),
        ("app_id", "2021000000000001"),
        ("sign", "must be left out"),
        ("notify_url", ""),
        ("biz_content", r#"{"source_title":"春日咖啡 ☕ & = + % 空格","source_content":"正文😀"}"#),
        ("charset", "utf-8"),
        ("version", "1.0"),
        ("format", "JSON"),
        ("sign_type", "RSA2"),
    ]
}

#[test]
fn canonical_string_matches_the_vector_byte_for_byte() {
    assert_eq!(sign_content(vector_params()), CONTENT);
}

#[test]
fn signature_equals_the_one_openssl_made() {
    // PKCS#1 v1.5 is deterministic: the same key and text give the same bytes.
    assert_eq!(key().sign(CONTENT), SIGNATURE.trim());
}

#[test]
fn every_private_key_form_reads_to_the_same_key() {
    let forms = [
        PKCS1_B64.to_string(),
        PKCS8_B64.to_string(),
        pem("RSA PRIVATE KEY", PKCS1_B64.trim()),
        pem("PRIVATE KEY", PKCS8_B64.trim()),
    ];
    let public = PublicKey::parse(PUBLIC_PEM).unwrap();
    for form in forms {
        let k = PrivateKey::parse(&form).unwrap();
        k.check_pair(&public).unwrap();
        assert_eq!(k.sign(CONTENT), SIGNATURE.trim());
    }
    // The public key in the console's bare Base64 form too.
    assert_eq!(PublicKey::parse(&public.to_base64()).unwrap(), public);
    public.verify(CONTENT.as_bytes(), SIGNATURE).unwrap();
}

#[test]
fn wrong_keys_get_clear_errors() {
    assert_eq!(PrivateKey::parse("not a key").unwrap_err(), KeyError::Unreadable);
    assert_eq!(PrivateKey::parse(PUBLIC_PEM).unwrap_err(), KeyError::PublicWherePrivateExpected);
    assert_eq!(PublicKey::parse(PKCS8_B64).unwrap_err(), KeyError::PrivateWherePublicExpected);
    let other = PrivateKey::parse(&other_key_b64()).unwrap();
    assert_eq!(other.check_pair(&key().public_key()).unwrap_err(), KeyError::Mismatch);
}

/// A second key, made at test time by OpenSSL.
fn other_key_b64() -> String {
    let out =
        std::process::Command::new("openssl").args(["genrsa", "-traditional", "2048"]).output().expect("openssl runs");
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().filter(|l| !l.starts_with("-----")).collect()
}

#[test]
fn a_short_key_is_refused() {
    let out = std::process::Command::new("openssl").args(["genrsa", "-traditional", "1024"]).output().unwrap();
    let err = PrivateKey::parse(&String::from_utf8(out.stdout).unwrap()).unwrap_err();
    assert_eq!(err, KeyError::TooShort { bits: 1024 });
}

#[test]
fn a_signed_envelope_verifies_over_its_raw_bytes_and_rejects_any_change() {
    let platform = key();
    let value =
        serde_json::json!({"code": "10000", "msg": "Success", "content_id": "C1", "title": "春日 \"咖啡\" & ☕"});
    let body = signed_body("alipay_social_base_contentlib_standardcontent_publish_response", &value, &platform);
    let env = Envelope::read(&body, "alipay.social.base.contentlib.standardcontent.publish").unwrap();
    env.verify(&platform.public_key()).unwrap();
    assert_eq!(env.value().unwrap(), value);

    // Change one byte inside the signed value: refused.
    let tampered = body.replacen("C1", "C2", 1);
    let env = Envelope::read(&tampered, "alipay.social.base.contentlib.standardcontent.publish").unwrap();
    assert_eq!(env.verify(&platform.public_key()), Err(EnvelopeError::BadSignature(SignError::Mismatch)));
}

#[test]
fn the_reader_takes_the_value_exactly_as_sent_whatever_the_layout() {
    let raw = r#"{ "code" : "10000", "nested": {"a": [1, {"b": "}\"]"}]}, "u": "\u6625" }"#;
    for body in [
        format!(r#"{{"x_y_response":{raw},"sign":"c2ln"}}"#),
        format!("{{ \"sign\" : \"c2ln\" ,\n \"x_y_response\" :  {raw} }}"),
    ] {
        let env = Envelope::read(&body, "x.y").unwrap();
        assert_eq!((env.raw, env.sign.as_deref()), (raw, Some("c2ln")));
    }
    let err = r#"{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-signature"},"sign":"c2ln"}"#;
    let env = Envelope::read(err, "x.y").unwrap();
    assert!(env.is_error_response());
    assert_eq!(Envelope::read("{\"other\":1}", "x.y").unwrap_err(), EnvelopeError::Missing("x_y_response".into()));
    assert!(matches!(Envelope::read("<html>502</html>", "x.y"), Err(EnvelopeError::Malformed(_))));
    assert!(matches!(Envelope::read(r#"{"x_y_response":{"a":"#, "x.y"), Err(EnvelopeError::Malformed(_))));
}

proptest! {
    #[test]
    fn canonicalization_ignores_order_and_keeps_values_raw(
        params in proptest::collection::btree_map("[a-z_]{1,12}", "\\PC{0,20}|[&=+% ]{0,5}", 0..12)
    ) {
        let forward: Vec<(String, String)> = params.clone().into_iter().collect();
        let mut backward = forward.clone();
        backward.reverse();
        let a = sign_content(forward.clone());
        prop_assert_eq!(&a, &sign_content(backward));
        // Every non-empty value appears verbatim, keyed, in key order.
        let expected: Vec<String> = forward.iter().filter(|(k, v)| k != "sign" && !v.is_empty()).map(|(k, v)| format!("{k}={v}")).collect();
        prop_assert_eq!(a, expected.join("&"));
    }

    #[test]
    fn any_unicode_signs_and_verifies_and_any_change_breaks_it(text in "\\PC{0,64}", flip in 0usize..64) {
        let k = key();
        let public = k.public_key();
        let sig = k.sign(&text);
        prop_assert!(public.verify(text.as_bytes(), &sig).is_ok());
        let mut bytes = text.clone().into_bytes();
        if !bytes.is_empty() {
            let i = flip % bytes.len();
            bytes[i] ^= 0x01;
            prop_assert!(public.verify(&bytes, &sig).is_err());
        }
    }
}
