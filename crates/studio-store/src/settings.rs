//! Preferences, kept as key/value rows.

use studio_core::{Lang, Screen, Settings, SettingsPatch, ThemePreference};

use crate::{Store, StoreError};

const LANGUAGE: &str = "language";
const THEME: &str = "theme";
const PUBLISH_ACCOUNT: &str = "publish_account";
const LAST_SCREEN: &str = "last_screen";
const LAST_DRAFT: &str = "last_draft";
const REMINDER_MINUTES: &str = "reminder_minutes";

impl Store {
    /// The stored preferences; unknown or missing values fall back to defaults.
    pub async fn settings(&self) -> Result<Settings, StoreError> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT key, value FROM settings").fetch_all(&self.pool).await?;
        let mut settings = Settings::default();
        for (key, value) in rows {
            match key.as_str() {
                LANGUAGE => settings.language = Lang::from_tag(&value).unwrap_or_default(),
                THEME => settings.theme = ThemePreference::parse(&value).unwrap_or_default(),
                PUBLISH_ACCOUNT => settings.publish_account = value.parse().ok(),
                LAST_SCREEN => settings.last_screen = Screen::parse(&value).unwrap_or_default(),
                LAST_DRAFT => settings.last_draft = value.parse().ok(),
                REMINDER_MINUTES => {
                    if let Ok(minutes) = serde_json::from_str(&value) {
                        settings.reminder_minutes = minutes;
                    }
                }
                _ => {}
            }
        }
        Ok(settings)
    }

    /// Stores the fields present in `patch` and returns the result.
    pub async fn update_settings(&self, patch: &SettingsPatch) -> Result<Settings, StoreError> {
        let mut tx = self.begin_write().await?;
        let pairs = [
            (LANGUAGE, patch.language.map(|l| l.tag().to_string())),
            (THEME, patch.theme.map(|t| t.as_str().to_string())),
            (PUBLISH_ACCOUNT, patch.publish_account.map(|a| a.to_string())),
            (LAST_SCREEN, patch.last_screen.map(|s| s.as_str().to_string())),
            (LAST_DRAFT, patch.last_draft.map(|d| d.to_string())),
            (
                REMINDER_MINUTES,
                patch.reminder_minutes.as_ref().map(|m| serde_json::to_string(m).expect("numbers serialize")),
            ),
        ];
        for (key, value) in pairs {
            if let Some(value) = value {
                sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                    .bind(key)
                    .bind(value)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        self.settings().await
    }
}
