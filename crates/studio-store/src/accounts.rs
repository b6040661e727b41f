//! Platform accounts (never their secrets, which stay in the keychain).

use studio_core::sync::EMULATOR_GATEWAY;
use studio_core::{Account, AccountId, AccountProblem, AccountRole, NewAccount, ZoneName};

/// What asking to remove an account did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountRemoval {
    /// It is gone from the lists.
    Removed,
    /// Jobs still wait to reach it (`in_flight` of them may be arriving,
    /// and cannot be cancelled); nothing changed.
    JobsWaiting {
        /// Jobs not finished.
        waiting: u64,
        /// Of those, sent and not yet answered.
        in_flight: u64,
    },
    /// No such account.
    NotFound,
}

use crate::{parse_stored, Store, StoreError};

type AccountRow = (i64, String, String, String, String, String, String, bool, i64, Option<String>, String);
const ACCOUNT_COLUMNS: &str =
    "id, name, role, gateway, app_id, platform_key, public_id, has_auth_token, created_at, problem, time_zone";

fn account_from_row(r: AccountRow) -> Result<Account, StoreError> {
    let problem = match &r.9 {
        None => None,
        Some(json) => Some(
            serde_json::from_str(json)
                .map_err(|e| StoreError::Corrupt(format!("account {} has an unreadable problem: {e}", r.0)))?,
        ),
    };
    Ok(Account {
        problem,
        id: r.0,
        name: r.1,
        role: parse_stored(AccountRole::parse, &r.2, || format!("account {}", r.0))?,
        gateway: r.3,
        app_id: r.4,
        platform_key: r.5,
        public_id: r.6,
        has_auth_token: r.7,
        created_at: r.8,
        time_zone: parse_stored(|z| ZoneName::parse(z).ok(), &r.10, || format!("account {}", r.0))?,
    })
}

impl Store {
    /// Adds an account.
    pub async fn add_account(&self, new: &NewAccount, now: i64) -> Result<Account, StoreError> {
        let row: AccountRow = sqlx::query_as(&format!(
            "INSERT INTO accounts (name, role, gateway, app_id, platform_key, public_id, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {ACCOUNT_COLUMNS}"
        ))
        .bind(&new.name)
        .bind(new.role.as_str())
        .bind(&new.gateway)
        .bind(&new.app_id)
        .bind(&new.platform_key)
        .bind(&new.public_id)
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        account_from_row(row)
    }

    /// Every account, oldest first.
    pub async fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let rows: Vec<AccountRow> =
            sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE removed_at IS NULL ORDER BY id"))
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(account_from_row).collect()
    }

    /// One account.
    pub async fn account(&self, id: AccountId) -> Result<Option<Account>, StoreError> {
        account_in(&mut *self.pool.acquire().await?, id).await
    }

    /// The built-in emulator's account, if one was made.
    pub async fn emulator_account(&self) -> Result<Option<Account>, StoreError> {
        let row: Option<AccountRow> = sqlx::query_as(&format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE gateway = ? AND removed_at IS NULL ORDER BY id LIMIT 1"
        ))
        .bind(EMULATOR_GATEWAY)
        .fetch_optional(&self.pool)
        .await?;
        row.map(account_from_row).transpose()
    }

    /// When the account's contents were last read whole; 0 for never.
    pub async fn account_swept_at(&self, id: AccountId) -> Result<i64, StoreError> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT swept_at FROM accounts WHERE id = ?").bind(id).fetch_optional(&self.pool).await?;
        Ok(row.map_or(0, |r| r.0))
    }

    /// Records that the account's contents were read whole at `at`.
    pub async fn set_account_swept(&self, id: AccountId, at: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE accounts SET swept_at = ? WHERE id = ?").bind(at).bind(id).execute(&self.pool).await?;
        Ok(())
    }

    /// Records why the account's calls cannot go through (its jobs wait
    /// meanwhile), or that they can again (`None`). `true` when that changed.
    pub async fn set_account_problem(
        &self,
        id: AccountId,
        problem: Option<&AccountProblem>,
    ) -> Result<bool, StoreError> {
        let json = problem.map(|p| serde_json::to_string(p).expect("a problem is strings"));
        let done = sqlx::query("UPDATE accounts SET problem = ?1 WHERE id = ?2 AND problem IS NOT ?1")
            .bind(json)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Changes an account's name, role, gateway, platform key or life
    /// account (its secrets are not here), and clears its problem: the
    /// change is what was to fix it. `None` when there is no such account.
    pub async fn update_account(
        &self,
        id: AccountId,
        name: Option<&str>,
        role: Option<AccountRole>,
        gateway: Option<&str>,
        platform_key: Option<&str>,
        public_id: Option<&str>,
    ) -> Result<Option<Account>, StoreError> {
        let row: Option<AccountRow> = sqlx::query_as(&format!(
            "UPDATE accounts SET name = COALESCE(?, name), role = COALESCE(?, role), gateway = COALESCE(?, gateway), \
             platform_key = COALESCE(?, platform_key), public_id = COALESCE(?, public_id), problem = NULL \
             WHERE id = ? AND removed_at IS NULL RETURNING {ACCOUNT_COLUMNS}"
        ))
        .bind(name)
        .bind(role.map(AccountRole::as_str))
        .bind(gateway)
        .bind(platform_key)
        .bind(public_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(account_from_row).transpose()
    }

    /// Removes an account from the lists (its posts' history stays; when it
    /// was the chosen account, posts go to the demo account again). Jobs
    /// still waiting to reach it are cancelled when `cancel_jobs`, else it
    /// is refused while any wait: the answer is how many wait.
    pub async fn remove_account(
        &self,
        id: AccountId,
        cancel_jobs: bool,
        now: i64,
    ) -> Result<AccountRemoval, StoreError> {
        let mut tx = self.begin_write().await?;
        if account_in(&mut tx, id).await?.is_none() {
            return Ok(AccountRemoval::NotFound);
        }
        let (waiting,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM outbox WHERE account_id = ? AND state IN ('pending', 'sending', 'unknown', 'failed')",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let (in_flight,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE account_id = ? AND state IN ('sending', 'unknown')")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        if waiting > 0 && (!cancel_jobs || in_flight > 0) {
            return Ok(AccountRemoval::JobsWaiting { waiting: waiting as u64, in_flight: in_flight as u64 });
        }
        sqlx::query(
            "UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE account_id = ? AND state IN ('pending', 'failed')",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE publications SET status = 'cancelled', updated_at = ? WHERE account_id = ? AND status = 'queued'",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE accounts SET removed_at = ? WHERE id = ?").bind(now).bind(id).execute(&mut *tx).await?;
        // Posts go to the demo account again when this one was chosen.
        sqlx::query("DELETE FROM settings WHERE key = 'publish_account' AND value = ?")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(AccountRemoval::Removed)
    }

    /// Records whether an `app_auth_token` is kept for the account.
    pub async fn set_account_auth_token(&self, id: AccountId, present: bool) -> Result<(), StoreError> {
        sqlx::query("UPDATE accounts SET has_auth_token = ? WHERE id = ?")
            .bind(present)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// One account, read on `conn` (inside a transaction, say).
pub(crate) async fn account_in(
    conn: &mut sqlx::SqliteConnection,
    id: AccountId,
) -> Result<Option<Account>, StoreError> {
    let row: Option<AccountRow> =
        sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = ? AND removed_at IS NULL"))
            .bind(id)
            .fetch_optional(conn)
            .await?;
    row.map(account_from_row).transpose()
}
