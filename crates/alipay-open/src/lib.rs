//! The Alipay Open Platform v2 gateway protocol, as the official SDKs speak
//! it: keys in the forms the Alipay console hands out, RSA2 (SHA256withRSA)
//! signing over the sorted raw parameters, response envelopes verified over
//! their raw bytes, and timestamps in Beijing time.
//!
//! Architecture invariant: no hand-written cryptography (RustCrypto `rsa`
//! and `sha2`), and a response is never trusted before its signature over
//! the exact bytes received has been checked. Both the client and the
//! emulator use this crate, so they cannot drift apart from each other;
//! tests pin them to vectors made by OpenSSL so they cannot drift from the
//! platform either.

pub mod client;
pub mod envelope;
pub mod keys;
pub mod methods;
pub mod sign;
pub mod time;

pub use client::{AlipayClient, CallOptions, Config, Error, FilePart, Retry};
pub use envelope::{response_key, Envelope, EnvelopeError};
pub use keys::{KeyError, PrivateKey, PublicKey};
pub use sign::{sign_content, SignError};
