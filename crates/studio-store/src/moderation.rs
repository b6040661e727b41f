//! The platform's moderation checks, kept by the hash of the text checked.

use studio_core::moderation::PlatformCheck;

use crate::{Store, StoreError};

impl Store {
    /// Keeps a check of the text named `text_hash` (replacing an older one).
    pub async fn record_platform_check(&self, text_hash: &str, check: &PlatformCheck) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO platform_checks (text_hash, result, checked_at) VALUES (?, ?, ?) \
             ON CONFLICT (text_hash) DO UPDATE SET result = excluded.result, checked_at = excluded.checked_at",
        )
        .bind(text_hash)
        .bind(serde_json::to_string(check).expect("a check is strings"))
        .bind(check.checked_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The check of the text named `text_hash`, if one was made.
    pub async fn platform_check(&self, text_hash: &str) -> Result<Option<PlatformCheck>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as("SELECT result FROM platform_checks WHERE text_hash = ?")
            .bind(text_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|(json,)| {
            serde_json::from_str(&json)
                .map_err(|e| StoreError::Corrupt(format!("the check of {text_hash} cannot be read: {e}")))
        })
        .transpose()
    }
}
