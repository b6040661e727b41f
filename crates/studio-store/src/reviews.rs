//! When each post under review, and each account's profile audit, is next
//! asked about: kept in the library, so a restart resumes the backoff
//! instead of asking about everything at once.

use studio_core::AccountId;

use crate::{Store, StoreError};

/// The subject of an account's profile audit among its review checks (no
/// content id looks like it).
pub const PROFILE_AUDIT: &str = "profile:audit";

/// One thing under review and its turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewCheck {
    /// A content id, or [`PROFILE_AUDIT`].
    pub subject: String,
    /// Unix ms the platform publishes it at, when it was scheduled.
    pub scheduled_at: Option<i64>,
    /// When it is next asked about; `None` before its first turn was set.
    pub next_at: Option<i64>,
    /// How many times it has been asked about.
    pub asked: u32,
}

impl Store {
    /// The account's posts under review and its profile audit (when an edit
    /// is under audit), each with its turn; turns of what is no longer
    /// under review are forgotten. Posts come newest first (by when the
    /// library learned their content id), as the platform lists contents;
    /// the profile audit last. One transaction.
    pub async fn review_schedule(&self, account_id: AccountId) -> Result<Vec<ReviewCheck>, StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "DELETE FROM review_checks WHERE account_id = ?1 AND subject NOT IN ( \
               SELECT content_id FROM publications WHERE account_id = ?1 AND status = 'under_review' \
                 AND content_id IS NOT NULL \
               UNION SELECT ?2 FROM profile_edits WHERE account_id = ?1 AND status = 'auditing')",
        )
        .bind(account_id)
        .bind(PROFILE_AUDIT)
        .execute(&mut *tx)
        .await?;
        let rows: Vec<(String, Option<i64>, Option<i64>, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT p.content_id, p.scheduled_at, r.next_at, r.asked, p.recorded_at FROM publications p \
               LEFT JOIN review_checks r ON r.account_id = p.account_id AND r.subject = p.content_id \
             WHERE p.account_id = ?1 AND p.status = 'under_review' AND p.content_id IS NOT NULL \
             UNION ALL SELECT ?2, NULL, r.next_at, r.asked, NULL FROM (SELECT 1 FROM profile_edits \
               WHERE account_id = ?1 AND status = 'auditing' LIMIT 1) \
               LEFT JOIN review_checks r ON r.account_id = ?1 AND r.subject = ?2 \
             ORDER BY 5 DESC, 1 DESC",
        )
        .bind(account_id)
        .bind(PROFILE_AUDIT)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(rows
            .into_iter()
            .map(|(subject, scheduled_at, next_at, asked, _)| ReviewCheck {
                subject,
                scheduled_at,
                next_at,
                asked: asked.unwrap_or(0).max(0) as u32,
            })
            .collect())
    }

    /// Sets the turns of some of an account's subjects: (subject, next
    /// ask, asked so far). One transaction.
    pub async fn set_review_checks(&self, account_id: AccountId, turns: &[(&str, i64, u32)]) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        for (subject, next_at, asked) in turns {
            sqlx::query(
                "INSERT INTO review_checks (account_id, subject, next_at, asked) VALUES (?, ?, ?, ?) \
                 ON CONFLICT (account_id, subject) DO UPDATE SET next_at = excluded.next_at, asked = excluded.asked",
            )
            .bind(account_id)
            .bind(subject)
            .bind(next_at)
            .bind(i64::from(*asked))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Forgets the turn of a subject whose review is over.
    pub async fn forget_review_check(&self, account_id: AccountId, subject: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM review_checks WHERE account_id = ? AND subject = ?")
            .bind(account_id)
            .bind(subject)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The soonest turn of anything under review, on any account.
    pub async fn next_review_check(&self) -> Result<Option<i64>, StoreError> {
        let (at,): (Option<i64>,) =
            sqlx::query_as("SELECT MIN(next_at) FROM review_checks").fetch_one(&self.pool).await?;
        Ok(at)
    }
}
