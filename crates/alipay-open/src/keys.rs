//! RSA keys in every form Alipay's console and SDKs use.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use std::sync::Arc;

/// The smallest modulus the platform accepts for RSA2.
pub const MIN_BITS: usize = 2048;

/// Why a key could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// Not a key in any known form.
    #[error("not an RSA key in PKCS#1 PEM, PKCS#8 PEM or the Alipay console's Base64 form")]
    Unreadable,
    /// A public key given where the private key belongs.
    #[error("this is a public key; the app private key is needed here")]
    PublicWherePrivateExpected,
    /// A private key given where a public key belongs.
    #[error("this is a private key; a public key is needed here (never share the private key)")]
    PrivateWherePublicExpected,
    /// Too short for RSA2.
    #[error("the key has {bits} bits; RSA2 needs at least {MIN_BITS}")]
    TooShort {
        /// Its modulus size.
        bits: usize,
    },
    /// The private and public keys are not a pair.
    #[error("the private key and the public key do not belong together")]
    Mismatch,
}

/// The body of a PEM block, or the text itself when it has no armour.
fn der_bytes(text: &str) -> Option<(Option<String>, Vec<u8>)> {
    let text = text.trim();
    let (label, body) = match text.strip_prefix("-----BEGIN ") {
        Some(rest) => {
            let (label, rest) = rest.split_once("-----")?;
            let end = rest.find("-----END ")?;
            (Some(label.to_string()), &rest[..end])
        }
        None => (None, text),
    };
    let b64: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    BASE64.decode(b64).ok().map(|der| (label, der))
}

/// An app's private key, used to sign requests (or, in the emulator, the
/// platform's key used to sign responses).
///
/// Signing goes through `ring`, whose assembly signs several times faster
/// than the portable `rsa` crate (signing is most of a gateway call's CPU);
/// `rsa` reads and writes the key forms and signs any key `ring` refuses.
#[derive(Clone)]
pub struct PrivateKey {
    pub(crate) key: RsaPrivateKey,
    pub(crate) signer: Option<Arc<ring::signature::RsaKeyPair>>,
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PrivateKey({} bits, redacted)", self.key.size() * 8)
    }
}

impl PrivateKey {
    /// Reads a PKCS#8 or PKCS#1 PEM private key, or the bare Base64 the
    /// Alipay console shows.
    pub fn parse(text: &str) -> Result<PrivateKey, KeyError> {
        let (label, der) = der_bytes(text).ok_or(KeyError::Unreadable)?;
        if label.as_deref().is_some_and(|l| l.contains("PUBLIC")) || PublicKey::from_der(&der).is_some() {
            return Err(KeyError::PublicWherePrivateExpected);
        }
        let key = RsaPrivateKey::from_pkcs8_der(&der)
            .or_else(|_| RsaPrivateKey::from_pkcs1_der(&der))
            .map_err(|_| KeyError::Unreadable)?;
        let bits = key.size() * 8;
        if bits < MIN_BITS {
            return Err(KeyError::TooShort { bits });
        }
        Ok(PrivateKey::from_key(key))
    }

    fn from_key(key: RsaPrivateKey) -> PrivateKey {
        use rsa::pkcs1::EncodeRsaPrivateKey;
        let signer = key
            .to_pkcs1_der()
            .ok()
            .and_then(|der| ring::signature::RsaKeyPair::from_der(der.as_bytes()).ok())
            .map(Arc::new);
        PrivateKey { key, signer }
    }

    /// A new random 2048-bit key (the emulator's platform key, test apps).
    pub fn generate() -> PrivateKey {
        PrivateKey::from_key(RsaPrivateKey::new(&mut rand_core::OsRng, MIN_BITS).expect("RSA key generation"))
    }

    /// The key as PKCS#8 PEM, to hand to a program that needs it.
    pub fn to_pkcs8_pem(&self) -> String {
        use rsa::pkcs8::EncodePrivateKey;
        self.key.to_pkcs8_pem(rsa::pkcs8::LineEnding::LF).expect("an RSA key encodes").to_string()
    }

    /// The key as the bare Base64 PKCS#1 body, as some SDKs take it.
    pub fn to_pkcs1_base64(&self) -> String {
        use rsa::pkcs1::EncodeRsaPrivateKey;
        BASE64.encode(self.key.to_pkcs1_der().expect("an RSA key encodes").as_bytes())
    }

    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey::from_key(self.key.to_public_key())
    }

    /// Checks that `public` is this key's public half.
    pub fn check_pair(&self, public: &PublicKey) -> Result<(), KeyError> {
        if self.key.to_public_key() == public.key {
            Ok(())
        } else {
            Err(KeyError::Mismatch)
        }
    }
}

/// A public key: Alipay's, to verify responses (or, in the emulator, an
/// app's, to verify requests). Verified through `ring`, with its PKCS#1
/// form kept ready.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    pub(crate) key: RsaPublicKey,
    pub(crate) pkcs1: Arc<[u8]>,
}

impl PublicKey {
    fn from_key(key: RsaPublicKey) -> PublicKey {
        use rsa::pkcs1::EncodeRsaPublicKey;
        let pkcs1 = key.to_pkcs1_der().expect("an RSA public key encodes").as_bytes().into();
        PublicKey { key, pkcs1 }
    }

    fn from_der(der: &[u8]) -> Option<RsaPublicKey> {
        RsaPublicKey::from_public_key_der(der).or_else(|_| RsaPublicKey::from_pkcs1_der(der)).ok()
    }

    /// Reads SPKI PEM (`BEGIN PUBLIC KEY`), PKCS#1 PEM (`BEGIN RSA PUBLIC
    /// KEY`) or the bare Base64 the Alipay console shows.
    pub fn parse(text: &str) -> Result<PublicKey, KeyError> {
        let (label, der) = der_bytes(text).ok_or(KeyError::Unreadable)?;
        if label.as_deref().is_some_and(|l| l.contains("PRIVATE"))
            || RsaPrivateKey::from_pkcs8_der(&der).is_ok()
            || RsaPrivateKey::from_pkcs1_der(&der).is_ok()
        {
            return Err(KeyError::PrivateWherePublicExpected);
        }
        let key = PublicKey::from_der(&der).ok_or(KeyError::Unreadable)?;
        let bits = key.size() * 8;
        if bits < MIN_BITS {
            return Err(KeyError::TooShort { bits });
        }
        Ok(PublicKey::from_key(key))
    }

    /// The key as SPKI PEM (`BEGIN PUBLIC KEY`).
    pub fn to_pem(&self) -> String {
        use rsa::pkcs8::EncodePublicKey;
        self.key.to_public_key_pem(rsa::pkcs8::LineEnding::LF).expect("an RSA public key encodes")
    }

    /// The key as the bare Base64 SPKI the Alipay console shows.
    pub fn to_base64(&self) -> String {
        use rsa::pkcs8::EncodePublicKey;
        BASE64.encode(self.key.to_public_key_der().expect("an RSA public key encodes").as_bytes())
    }
}
