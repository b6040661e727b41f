//! RSA2 request and response signatures.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rsa::Pkcs1v15Sign;
use sha2::{Digest, Sha256};

use crate::{PrivateKey, PublicKey};

/// Why a signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// Not Base64.
    #[error("the signature is not Base64")]
    NotBase64,
    /// Does not match the content and key.
    #[error("the signature does not match")]
    Mismatch,
}

/// The text a request signature covers: every parameter but `sign`, empty
/// values dropped, sorted by key (byte order), as `k=v` joined by `&`, with
/// raw (not URL-encoded) values. `sign_type` is included.
pub fn sign_content<'a, I, K, V>(params: I) -> String
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str> + 'a,
    V: AsRef<str> + 'a,
{
    let mut pairs: Vec<(K, V)> =
        params.into_iter().filter(|(k, v)| k.as_ref() != "sign" && !v.as_ref().is_empty()).collect();
    pairs.sort_by(|a, b| a.0.as_ref().as_bytes().cmp(b.0.as_ref().as_bytes()));
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k.as_ref());
        out.push('=');
        out.push_str(v.as_ref());
    }
    out
}

impl PrivateKey {
    /// SHA256withRSA (PKCS#1 v1.5) over `content`, Base64.
    pub fn sign(&self, content: &str) -> String {
        if let Some(signer) = &self.signer {
            let mut sig = vec![0; signer.public().modulus_len()];
            // Only fails when the system's random source does (blinding).
            if signer
                .sign(
                    &ring::signature::RSA_PKCS1_SHA256,
                    &ring::rand::SystemRandom::new(),
                    content.as_bytes(),
                    &mut sig,
                )
                .is_ok()
            {
                return BASE64.encode(sig);
            }
        }
        let digest = Sha256::digest(content.as_bytes());
        let sig = self.key.sign(Pkcs1v15Sign::new::<Sha256>(), &digest).expect("signing with a valid RSA key");
        BASE64.encode(sig)
    }
}

impl PublicKey {
    /// Checks a Base64 SHA256withRSA signature over `content`.
    pub fn verify(&self, content: &[u8], signature: &str) -> Result<(), SignError> {
        let sig = BASE64.decode(signature.trim()).map_err(|_| SignError::NotBase64)?;
        ring::signature::UnparsedPublicKey::new(&ring::signature::RSA_PKCS1_2048_8192_SHA256, &self.pkcs1)
            .verify(content, &sig)
            .map_err(|_| SignError::Mismatch)
    }
}
