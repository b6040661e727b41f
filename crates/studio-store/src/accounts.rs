//! Platform accounts (never their secrets, which stay in the keychain).

use studio_core::sync::EMULATOR_GATEWAY;
use studio_core::{Account, AccountId, AccountRole, NewAccount, ZoneName};

use crate::{parse_stored, Store, StoreError};

type AccountRow = (i64, String, String, String, String, String, String, bool, i64, String);
const ACCOUNT_COLUMNS: &str =
    "id, name, role, gateway, app_id, platform_key, public_id, has_auth_token, created_at, time_zone";

fn account_from_row(r: AccountRow) -> Result<Account, StoreError> {
    Ok(Account {
        id: r.0,
        name: r.1,
        role: parse_stored(AccountRole::parse, &r.2, || format!("account {}", r.0))?,
        gateway: r.3,
        app_id: r.4,
        platform_key: r.5,
        public_id: r.6,
        has_auth_token: r.7,
        created_at: r.8,
        time_zone: parse_stored(|z| ZoneName::parse(z).ok(), &r.9, || format!("account {}", r.0))?,
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
        let rows: Vec<AccountRow> = sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY id"))
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
        let row: Option<AccountRow> =
            sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE gateway = ? ORDER BY id LIMIT 1"))
                .bind(EMULATOR_GATEWAY)
                .fetch_optional(&self.pool)
                .await?;
        row.map(account_from_row).transpose()
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
    let row: Option<AccountRow> = sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.map(account_from_row).transpose()
}
