//! What went wrong with an outbox job's last try, kept as data so that it is
//! worded in the user's language when shown, whatever the language was when
//! it happened.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::media::ContentHash;

/// Why a job's last try did not finish it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum JobProblem {
    /// The platform answered with an error, in its own code and words.
    Platform {
        /// e.g. `40004`.
        code: String,
        /// e.g. `isv.invalid-param`.
        sub_code: String,
        /// The platform's words (its `sub_msg`, else its `msg`).
        message: String,
    },
    /// The gateway could not be reached, or its answer could not be used.
    Network {
        /// What happened.
        problem: NetworkProblem,
        /// The system's own words, for diagnosis.
        detail: String,
    },
    /// The gateway answered with an HTTP error (busy or failing).
    Http {
        /// The HTTP status.
        status: u16,
    },
    /// The job's account was removed from the library.
    AccountGone,
    /// The keychain (or the secrets file) is locked.
    SecretsLocked,
    /// No app private key is kept for the account.
    AppKeyMissing,
    /// The account's keys are kept but cannot be used.
    KeyUnusable {
        /// Why, for diagnosis.
        detail: String,
    },
    /// The built-in emulator is not running.
    EmulatorStopped,
    /// A medium the job names has not been uploaded.
    NotUploaded {
        /// The medium.
        hash: ContentHash,
    },
    /// The livestream's announcement has no platform id yet.
    NeverAnnounced,
    /// The message's content page (or, for a recall, the message) is not on the platform.
    MessageNotMade,
    /// The app stopped while the job was being sent.
    Interrupted,
    /// The job's frozen request cannot be read: the library was damaged or
    /// changed by hand.
    Corrupt {
        /// What could not be read, for diagnosis.
        detail: String,
    },
    /// The library could not be read or written at the time.
    Library {
        /// The database's words, for diagnosis.
        detail: String,
    },
    /// A media file could not be read or made into its rendition.
    Media {
        /// Why, for diagnosis.
        detail: String,
    },
    /// Words an earlier version recorded, shown as they are.
    Recorded {
        /// The words.
        text: String,
    },
}

/// How a gateway call failed before the platform's answer could be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NetworkProblem {
    /// No connection: nothing was sent.
    Unreachable,
    /// Sent, and no answer came (a timeout or a lost connection).
    NoAnswer,
    /// The answer's signature did not match: it was discarded.
    BadSignature,
    /// The answer could not be read.
    Malformed,
}

/// Why an account's calls cannot go through: each says what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum AccountProblem {
    /// The platform knows no app of this id.
    WrongAppId,
    /// The platform cannot verify the requests: the app private key is not
    /// the one whose public key is registered for the app.
    AppKeyNotRegistered,
    /// The platform's answers do not verify with the Alipay public key
    /// given (a wrong key pasted, or the key changed in the console).
    PlatformKeyMismatch,
    /// The gateway could not be reached.
    Unreachable {
        /// The system's own words, for diagnosis.
        detail: String,
    },
    /// This computer's clock is too far from the platform's.
    ClockSkew,
    /// The platform refused for another reason, in its own words.
    Refused {
        /// e.g. `40006`.
        code: String,
        /// e.g. `isv.insufficient-isv-permissions`.
        sub_code: String,
        /// The platform's words.
        message: String,
    },
}

impl JobProblem {
    /// The technical words kept for diagnosis, if any.
    pub fn technical(&self) -> Option<&str> {
        match self {
            JobProblem::Network { detail, .. }
            | JobProblem::KeyUnusable { detail }
            | JobProblem::Corrupt { detail }
            | JobProblem::Library { detail }
            | JobProblem::Media { detail } => Some(detail.as_str()).filter(|d| !d.is_empty()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_stored_as_tagged_json() {
        let p = JobProblem::Platform { code: "40004".into(), sub_code: "isv.x".into(), message: "标题过长".into() };
        let json = serde_json::to_string(&p).unwrap();
        assert!(json.starts_with(r#"{"what":"platform""#), "{json}");
        assert_eq!(serde_json::from_str::<JobProblem>(&json).unwrap(), p);
        let n = JobProblem::Network { problem: NetworkProblem::NoAnswer, detail: "timed out".into() };
        assert_eq!(n.technical(), Some("timed out"));
        assert_eq!(JobProblem::Interrupted.technical(), None);
        assert!(serde_json::from_str::<JobProblem>(r#"{"what":"nonsense"}"#).is_err());
    }
}
