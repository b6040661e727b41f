//! Preferences, kept as key/value rows.

use studio_core::{Lang, Settings, SettingsPatch, ThemePreference};

use crate::{Store, StoreError};

const LANGUAGE: &str = "language";
const THEME: &str = "theme";

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
                _ => {}
            }
        }
        Ok(settings)
    }

    /// Stores the fields present in `patch` and returns the result.
    pub async fn update_settings(&self, patch: &SettingsPatch) -> Result<Settings, StoreError> {
        let mut tx = self.pool.begin().await?;
        let pairs = [(LANGUAGE, patch.language.map(Lang::tag)), (THEME, patch.theme.map(ThemePreference::as_str))];
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
