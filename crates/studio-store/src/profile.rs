//! Profile edits of a life account and their audits. Edits go to the
//! platform in the order they were made, each after the uploads of its
//! pictures.

use sqlx::{Sqlite, Transaction};
use studio_core::{
    AccountId, JobKind, JobPayload, JobProblem, LiveProfile, OutboxJob, ProfileEdit, ProfileEditStatus, ProfileFields,
};

use crate::outbox::{last_open_job, queue_after_uploads};
use crate::{parse_stored, Store, StoreError};

type ProfileEditRow = (i64, i64, String, String, String);
const PROFILE_EDIT_COLUMNS: &str = "id, account_id, fields, status, audit_desc";

fn profile_edit_from_row(
    (id, account_id, fields, status, audit_desc): ProfileEditRow,
) -> Result<ProfileEdit, StoreError> {
    let fields = serde_json::from_str(&fields)
        .map_err(|e| StoreError::Corrupt(format!("profile edit {id} has unreadable fields: {e}")))?;
    Ok(ProfileEdit {
        id,
        account_id,
        fields,
        status: parse_stored(ProfileEditStatus::parse, &status, || format!("profile edit {id}"))?,
        audit_desc,
    })
}

impl Store {
    /// Records a profile edit and queues its submission after the uploads
    /// of the pictures the account does not have yet, in one transaction.
    pub async fn submit_profile_edit(
        &self,
        account_id: AccountId,
        fields: &ProfileFields,
        now: i64,
    ) -> Result<(ProfileEdit, OutboxJob), StoreError> {
        let mut tx = self.begin_write().await?;
        let row: ProfileEditRow = sqlx::query_as(&format!(
            "INSERT INTO profile_edits (account_id, fields, status, created_at, updated_at) \
             VALUES (?, ?, 'submitting', ?, ?) RETURNING {PROFILE_EDIT_COLUMNS}"
        ))
        .bind(account_id)
        .bind(serde_json::to_string(fields).expect("profile fields are strings"))
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let edit = profile_edit_from_row(row)?;
        // Edits go to the platform in the order they were made.
        let previous = last_open_job(&mut tx, account_id, JobKind::ProfileModify).await?;
        let payload = JobPayload::ProfileModify(fields.clone());
        let job = queue_after_uploads(&mut tx, account_id, edit.id, &payload, previous, now).await?;
        // The edit being written is the one submitted now.
        sqlx::query("DELETE FROM profile_drafts WHERE account_id = ?").bind(account_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok((edit, job))
    }

    /// Keeps a profile edit being written, as typed.
    pub async fn save_profile_draft(
        &self,
        account_id: AccountId,
        fields: &ProfileFields,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO profile_drafts (account_id, fields, updated_at) VALUES (?, ?, ?) \
             ON CONFLICT (account_id) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at",
        )
        .bind(account_id)
        .bind(serde_json::to_string(fields).expect("profile fields are strings"))
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The profile edit being written on an account, if any.
    pub async fn profile_draft(&self, account_id: AccountId) -> Result<Option<ProfileFields>, StoreError> {
        let row: Option<(String,)> = sqlx::query_as("SELECT fields FROM profile_drafts WHERE account_id = ?")
            .bind(account_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|(f,)| {
            serde_json::from_str(&f).map_err(|e| {
                StoreError::Corrupt(format!("the profile draft of account {account_id} is unreadable: {e}"))
            })
        })
        .transpose()
    }

    /// Keeps what the platform shows of an account's profile now.
    pub async fn set_live_profile(&self, live: &LiveProfile) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO live_profiles (account_id, app_name, introduction, public_greeting, logo_url, background_url, \
             fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET app_name = excluded.app_name, \
             introduction = excluded.introduction, public_greeting = excluded.public_greeting, \
             logo_url = excluded.logo_url, background_url = excluded.background_url, fetched_at = excluded.fetched_at",
        )
        .bind(live.account_id)
        .bind(&live.app_name)
        .bind(&live.introduction)
        .bind(&live.public_greeting)
        .bind(&live.logo_url)
        .bind(&live.background_url)
        .bind(live.fetched_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// What the platform showed of an account's profile when last read.
    pub async fn live_profile(&self, account_id: AccountId) -> Result<Option<LiveProfile>, StoreError> {
        let row: Option<(i64, String, String, String, String, String, i64)> = sqlx::query_as(
            "SELECT account_id, app_name, introduction, public_greeting, logo_url, background_url, fetched_at \
             FROM live_profiles WHERE account_id = ?",
        )
        .bind(account_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| LiveProfile {
            account_id: r.0,
            app_name: r.1,
            introduction: r.2,
            public_greeting: r.3,
            logo_url: r.4,
            background_url: r.5,
            fetched_at: r.6,
        }))
    }

    /// Every profile edit of an account, oldest first.
    pub async fn profile_edits(&self, account_id: AccountId) -> Result<Vec<ProfileEdit>, StoreError> {
        let rows: Vec<ProfileEditRow> = sqlx::query_as(&format!(
            "SELECT {PROFILE_EDIT_COLUMNS} FROM profile_edits WHERE account_id = ? ORDER BY id"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(profile_edit_from_row).collect()
    }

    /// Whether one of the account's edits is under audit.
    pub async fn profile_under_audit(&self, account_id: AccountId) -> Result<bool, StoreError> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM profile_edits WHERE account_id = ? AND status = 'auditing'")
                .bind(account_id)
                .fetch_one(&self.pool)
                .await?;
        Ok(n > 0)
    }

    /// Records the audit result of the account's edits under audit.
    pub async fn record_profile_audit(
        &self,
        account_id: AccountId,
        approved: bool,
        audit_desc: &str,
        now: i64,
    ) -> Result<u64, StoreError> {
        let status = if approved { ProfileEditStatus::Approved } else { ProfileEditStatus::Rejected };
        let done = sqlx::query(
            "UPDATE profile_edits SET status = ?, audit_desc = ?, updated_at = ? WHERE account_id = ? AND status = 'auditing'",
        )
        .bind(status.as_str())
        .bind(audit_desc)
        .bind(now)
        .bind(account_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}

/// The platform took the edit: its audit begins.
pub(crate) async fn submitted(tx: &mut Transaction<'_, Sqlite>, id: i64, now: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE profile_edits SET status = ?, updated_at = ? WHERE id = ?")
        .bind(ProfileEditStatus::Auditing.as_str())
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The edit could not be submitted; the platform's words, when it gave
/// any, are kept.
pub(crate) async fn failed(
    tx: &mut Transaction<'_, Sqlite>,
    job: &OutboxJob,
    problem: Option<&JobProblem>,
    now: i64,
) -> Result<(), StoreError> {
    let failed = ProfileEditStatus::Failed.as_str();
    crate::publications::stopped(tx, "profile_edits", "audit_desc", failed, job, problem, now).await
}
