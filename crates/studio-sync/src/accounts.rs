//! Whether an account's keys work, told before anything is saved, and the
//! account-wide problems the engine notices while it sends (its jobs then
//! wait for the fix instead of piling up retries).

use std::time::Duration;

use alipay_open::{AlipayClient, CallOptions, Config, PrivateKey, PublicKey};
use studio_core::AccountProblem;

/// An account's keys and address, to check them.
pub struct AccountKeys {
    /// The gateway URL.
    pub gateway: String,
    /// The Alipay app id.
    pub app_id: String,
    /// The app private key.
    pub app_key: PrivateKey,
    /// The Alipay public key.
    pub platform_key: PublicKey,
    /// The `app_auth_token`, when acting for another account.
    pub app_auth_token: Option<String>,
}

/// How long a check may take.
const CHECK_TIMEOUT: Duration = Duration::from_secs(15);

/// Checks an account with one signed call (`alipay.open.public.info.query`):
/// the platform accepts the app key, and its answer verifies with the
/// Alipay public key given. The life account's name when it all works.
pub async fn check_account(keys: AccountKeys) -> Result<String, AccountProblem> {
    let client = AlipayClient::new(Config {
        gateway_url: keys.gateway,
        app_id: keys.app_id,
        app_key: keys.app_key,
        alipay_public_key: keys.platform_key,
        timeout: CHECK_TIMEOUT,
    });
    match client.public_info(&CallOptions { app_auth_token: keys.app_auth_token }).await {
        Ok(info) => Ok(info.app_name),
        Err(e) => Err(account_problem(&e).unwrap_or_else(|| match e {
            alipay_open::Error::Platform { code, msg, sub_code, sub_msg } => {
                AccountProblem::Refused { code, sub_code, message: if sub_msg.is_empty() { msg } else { sub_msg } }
            }
            other => AccountProblem::Unreachable { detail: other.to_string() },
        })),
    }
}

/// The problem of the whole account that a gateway failure shows, if it
/// shows one: the platform does not know the app, cannot verify its
/// requests, or finds the clock off. (Answers that do not verify show one
/// only when they keep coming: see [`UNVERIFIED_IN_A_ROW`].)
pub(crate) fn account_problem(e: &alipay_open::Error) -> Option<AccountProblem> {
    match e {
        alipay_open::Error::Platform { sub_code, .. } => match sub_code.as_str() {
            "isv.invalid-app-id" => Some(AccountProblem::WrongAppId),
            "isv.invalid-signature" => Some(AccountProblem::AppKeyNotRegistered),
            "isv.invalid-timestamp" => Some(AccountProblem::ClockSkew),
            _ => None,
        },
        alipay_open::Error::BadSignature(_) => Some(AccountProblem::PlatformKeyMismatch),
        alipay_open::Error::Unreachable(d) => Some(AccountProblem::Unreachable { detail: d.clone() }),
        _ => None,
    }
}

/// Answers in a row that do not verify after which the account's Alipay
/// public key is taken to be wrong (one now and then is a bad line, and is
/// handled as an answer lost).
pub(crate) const UNVERIFIED_IN_A_ROW: u32 = 5;
