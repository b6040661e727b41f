//! The vocabulary's names. A state, a kind or a role is an enum whose
//! stored, command-line and TypeScript names are its serde names, written
//! once: [`vocabulary!`](crate::vocabulary) derives the rest (every value,
//! the name of one, the value of a name) from serde itself.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The serde name of a unit variant (`JobState::Pending` → `pending`).
///
/// # Panics
/// When `value` does not serialize to a string, which the macro's unit
/// enums always do (a test checks every one).
pub fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => panic!("a vocabulary value serializes to a string, not {other:?}"),
    }
}

/// The value whose serde name is `name`, if any.
pub fn from_serde_name<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

/// Declares a vocabulary enum of unit variants, with its serde names in
/// snake_case (a variant may rename itself), TypeScript, and:
/// `ALL` (every value, in order), `as_str` (its name) and `parse` (a name's
/// value; aliases declared with `#[serde(alias)]` are accepted too).
#[macro_export]
macro_rules! vocabulary {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $v:ident),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),* }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            /// The stored and command-line name.
            pub fn as_str(self) -> &'static str {
                static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
                let names = NAMES.get_or_init(|| $name::ALL.iter().map($crate::vocab::serde_name).collect());
                names[$name::ALL.iter().position(|v| *v == self).expect("every value is in ALL")].as_str()
            }

            /// The value of a stored or command-line name.
            pub fn parse(name: &str) -> Option<$name> {
                $crate::vocab::from_serde_name(name)
            }
        }
    };
}
