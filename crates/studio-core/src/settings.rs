//! User preferences kept with the library.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::sync::AccountId;
use crate::{DraftId, Lang};

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

crate::vocabulary! {
    /// A screen of the window; the last one open is opened again at start.
    #[derive(Default)]
    pub enum Screen {
        /// The drafts list and the composer.
        #[default]
        Drafts,
        /// The calendar and the queue.
        Calendar,
        /// The media library.
        Media,
        /// Livestreams.
        Live,
        /// The life account profile.
        Profile,
        /// The trash.
        Trash,
        /// The outbox's jobs.
        Activity,
        /// Settings.
        Settings,
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
    /// The screen open when the window was last used.
    #[serde(default)]
    pub last_screen: Screen,
    /// The draft open when the window was last used.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub last_draft: Option<DraftId>,
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
            last_screen: Screen::default(),
            last_draft: None,
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
    /// The screen now open.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_screen: Option<Screen>,
    /// The draft now open.
    #[ts(optional, type = "number")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_draft: Option<DraftId>,
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
        if let Some(screen) = patch.last_screen {
            self.last_screen = screen;
        }
        if let Some(draft) = patch.last_draft {
            self.last_draft = Some(draft);
        }
        if let Some(minutes) = &patch.reminder_minutes {
            self.reminder_minutes = minutes.clone();
        }
        self
    }
}
