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

#[cfg(test)]
mod tests {
    fn round_trips<T: Copy + PartialEq + std::fmt::Debug + serde::Serialize>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        assert!(!all.is_empty());
        for &v in all {
            assert_eq!(parse(as_str(v)), Some(v), "{v:?}");
            assert_eq!(serde_json::to_value(v).unwrap(), as_str(v), "{v:?}: the stored name is the serde name");
        }
        let names: std::collections::HashSet<&str> = all.iter().map(|v| as_str(*v)).collect();
        assert_eq!(names.len(), all.len(), "names are distinct");
        assert_eq!(parse("no such name"), None);
    }

    #[test]
    fn every_vocabulary_names_each_value_once_and_reads_it_back() {
        use crate::*;
        round_trips(calendar::CalendarKind::ALL, calendar::CalendarKind::as_str, calendar::CalendarKind::parse);
        round_trips(calendar::CalendarStatus::ALL, calendar::CalendarStatus::as_str, calendar::CalendarStatus::parse);
        round_trips(calendar::FixedReason::ALL, calendar::FixedReason::as_str, calendar::FixedReason::parse);
        round_trips(calendar::MoveWay::ALL, calendar::MoveWay::as_str, calendar::MoveWay::parse);
        round_trips(AccountRole::ALL, AccountRole::as_str, AccountRole::parse);
        round_trips(DraftKind::ALL, DraftKind::as_str, DraftKind::parse);
        round_trips(JobKind::ALL, JobKind::as_str, JobKind::parse);
        round_trips(JobState::ALL, JobState::as_str, JobState::parse);
        round_trips(ListStatus::ALL, ListStatus::as_str, ListStatus::parse);
        round_trips(LivestreamStatus::ALL, LivestreamStatus::as_str, LivestreamStatus::parse);
        round_trips(media::MediaKind::ALL, media::MediaKind::as_str, media::MediaKind::parse);
        round_trips(media::MediaRuleName::ALL, media::MediaRuleName::as_str, media::MediaRuleName::parse);
        round_trips(menu::MenuAction::ALL, menu::MenuAction::as_str, menu::MenuAction::parse);
        round_trips(menu::MenuChangeKind::ALL, menu::MenuChangeKind::as_str, menu::MenuChangeKind::parse);
        round_trips(menu::MenuPublishStatus::ALL, menu::MenuPublishStatus::as_str, menu::MenuPublishStatus::parse);
        round_trips(message::MessageKind::ALL, message::MessageKind::as_str, message::MessageKind::parse);
        round_trips(message::MessageStatus::ALL, message::MessageStatus::as_str, message::MessageStatus::parse);
        round_trips(menu::MenuKind::ALL, menu::MenuKind::as_str, menu::MenuKind::parse);
        round_trips(MediumRole::ALL, MediumRole::as_str, MediumRole::parse);
        round_trips(OfferKind::ALL, OfferKind::as_str, OfferKind::parse);
        round_trips(ProfileEditStatus::ALL, ProfileEditStatus::as_str, ProfileEditStatus::parse);
        round_trips(PublicationStatus::ALL, PublicationStatus::as_str, PublicationStatus::parse);
        round_trips(RevisionReason::ALL, RevisionReason::as_str, RevisionReason::parse);
        round_trips(ThemePreference::ALL, ThemePreference::as_str, ThemePreference::parse);
        round_trips(Visibility::ALL, Visibility::as_str, Visibility::parse);
        assert_eq!(media::MediaRuleName::Cover3x4.as_str(), "cover_3x4", "a variant may name itself");
    }
}
