//! User preferences kept with the library.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::sync::AccountId;
use crate::Lang;

crate::vocabulary! {
    /// Light or dark appearance; `System` follows the OS.
    #[derive(Default)]
    pub enum ThemePreference {
        /// Follow the operating system.
        #[default]
        System,
        /// Always light.
        Light,
        /// Always dark.
        Dark,
    }
}

/// The user's preferences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    /// UI language; also the language of error messages.
    pub language: Lang,
    /// Appearance.
    pub theme: ThemePreference,
    /// The account posts are published to (the built-in demo account when none).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub publish_account: Option<AccountId>,
    /// Minutes before a livestream or a scheduled post that a reminder comes.
    #[serde(default = "default_reminders")]
    pub reminder_minutes: Vec<u32>,
}

fn default_reminders() -> Vec<u32> {
    crate::calendar::DEFAULT_REMINDER_MINUTES.to_vec()
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            language: Lang::default(),
            theme: ThemePreference::default(),
            publish_account: None,
            reminder_minutes: default_reminders(),
        }
    }
}

/// A change to some preferences; absent fields stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct SettingsPatch {
    /// New UI language.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
    /// New appearance.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<ThemePreference>,
    /// New account to publish to.
    #[ts(optional, type = "number")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish_account: Option<AccountId>,
    /// New reminder offsets, minutes before (none: no reminders).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder_minutes: Option<Vec<u32>>,
}

impl Settings {
    /// These settings with a patch applied.
    pub fn with(mut self, patch: &SettingsPatch) -> Settings {
        if let Some(language) = patch.language {
            self.language = language;
        }
        if let Some(theme) = patch.theme {
            self.theme = theme;
        }
        if let Some(account) = patch.publish_account {
            self.publish_account = Some(account);
        }
        if let Some(minutes) = &patch.reminder_minutes {
            self.reminder_minutes = minutes.clone();
        }
        self
    }
}
