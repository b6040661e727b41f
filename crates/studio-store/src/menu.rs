//! The service menu of a life account: its draft, the menu the platform
//! shows, and its publishes. Publishes go to the platform in the order
//! made, each after the uploads of its icons.

use sqlx::{Sqlite, Transaction};
use studio_core::{
    AccountId, JobKind, JobPayload, JobProblem, LiveMenu, Menu, MenuPublish, MenuPublishStatus, OutboxJob,
};

use crate::outbox::{last_open_job, queue_after_uploads};
use crate::{parse_stored, Store, StoreError};

type PublishRow = (i64, i64, String, String, String, i64, i64);
const PUBLISH_COLUMNS: &str = "id, account_id, menu, status, words, created_at, updated_at";

fn read_menu(json: &str, what: impl FnOnce() -> String) -> Result<Menu, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("{} has an unreadable menu: {e}", what())))
}

fn write_menu(menu: &Menu) -> String {
    serde_json::to_string(menu).expect("a menu is strings and lists")
}

fn publish_from_row(
    (id, account_id, menu, status, words, created_at, updated_at): PublishRow,
) -> Result<MenuPublish, StoreError> {
    Ok(MenuPublish {
        id,
        account_id,
        menu: read_menu(&menu, || format!("menu publish {id}"))?,
        status: parse_stored(MenuPublishStatus::parse, &status, || format!("menu publish {id}"))?,
        words,
        created_at,
        updated_at,
    })
}

impl Store {
    /// Keeps the account's menu draft as it is now (autosave).
    pub async fn save_menu_draft(&self, account_id: AccountId, menu: &Menu, now: i64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO menu_drafts (account_id, menu, updated_at) VALUES (?, ?, ?) \
             ON CONFLICT (account_id) DO UPDATE SET menu = excluded.menu, updated_at = excluded.updated_at",
        )
        .bind(account_id)
        .bind(write_menu(menu))
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The account's menu draft and when it was last saved, if it has one.
    pub async fn menu_draft(&self, account_id: AccountId) -> Result<Option<(Menu, i64)>, StoreError> {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT menu, updated_at FROM menu_drafts WHERE account_id = ?")
                .bind(account_id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|(m, at)| Ok((read_menu(&m, || format!("the menu draft of account {account_id}"))?, at))).transpose()
    }

    /// Keeps the menu the platform shows for the account (`None`: it has none).
    pub async fn set_live_menu(&self, account_id: AccountId, menu: Option<&Menu>, now: i64) -> Result<(), StoreError> {
        set_live_menu_in(&self.pool, account_id, menu, now).await
    }

    /// The menu the platform showed for the account when last read.
    pub async fn live_menu(&self, account_id: AccountId) -> Result<Option<LiveMenu>, StoreError> {
        let row: Option<(Option<String>, i64)> =
            sqlx::query_as("SELECT menu, fetched_at FROM live_menus WHERE account_id = ?")
                .bind(account_id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|(menu, fetched_at)| {
            let menu = menu.map(|m| read_menu(&m, || format!("the live menu of account {account_id}"))).transpose()?;
            Ok(LiveMenu { account_id, menu, fetched_at })
        })
        .transpose()
    }

    /// Records a publish of `menu` and queues it after the uploads of the
    /// icons the account does not have yet, in one transaction.
    pub async fn publish_menu(
        &self,
        account_id: AccountId,
        menu: &Menu,
        now: i64,
    ) -> Result<(MenuPublish, OutboxJob), StoreError> {
        let mut tx = self.begin_write().await?;
        let row: PublishRow = sqlx::query_as(&format!(
            "INSERT INTO menu_publishes (account_id, menu, status, created_at, updated_at) \
             VALUES (?, ?, 'publishing', ?, ?) RETURNING {PUBLISH_COLUMNS}"
        ))
        .bind(account_id)
        .bind(write_menu(menu))
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let publish = publish_from_row(row)?;
        // Publishes go to the platform in the order they were made.
        let previous = last_open_job(&mut tx, account_id, JobKind::MenuPublish).await?;
        let payload = JobPayload::MenuPublish(menu.clone());
        let job = queue_after_uploads(&mut tx, account_id, publish.id, &payload, previous, now).await?;
        tx.commit().await?;
        Ok((publish, job))
    }

    /// Every publish of the account's menu, newest first.
    pub async fn menu_publishes(&self, account_id: AccountId) -> Result<Vec<MenuPublish>, StoreError> {
        let rows: Vec<PublishRow> = sqlx::query_as(&format!(
            "SELECT {PUBLISH_COLUMNS} FROM menu_publishes WHERE account_id = ? ORDER BY id DESC"
        ))
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(publish_from_row).collect()
    }

    /// The library picture an account's upload of `file_id` (a URL for a
    /// material picture) was made from, if it was made here.
    pub async fn uploaded_from(&self, account_id: AccountId, file_id: &str) -> Result<Option<String>, StoreError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT hash FROM remote_files WHERE account_id = ? AND file_id = ? LIMIT 1")
                .bind(account_id)
                .bind(file_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(h,)| h))
    }
}

async fn set_live_menu_in<'e, E: sqlx::Executor<'e, Database = Sqlite>>(
    db: E,
    account_id: AccountId,
    menu: Option<&Menu>,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO live_menus (account_id, menu, fetched_at) VALUES (?, ?, ?) \
         ON CONFLICT (account_id) DO UPDATE SET menu = excluded.menu, fetched_at = excluded.fetched_at",
    )
    .bind(account_id)
    .bind(menu.map(write_menu))
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// The platform took the menu (`sent`, its icons named by URL): it is the live menu now.
pub(crate) async fn published(
    tx: &mut Transaction<'_, Sqlite>,
    job: &OutboxJob,
    sent: &Menu,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE menu_publishes SET status = ?, updated_at = ? WHERE id = ? AND account_id = ?")
        .bind(MenuPublishStatus::Published.as_str())
        .bind(now)
        .bind(job.target)
        .bind(job.account_id)
        .execute(&mut **tx)
        .await?;
    set_live_menu_in(&mut **tx, job.account_id, Some(sent), now).await
}

/// The menu could not be published; the platform's words, when it gave
/// any, are kept.
pub(crate) async fn failed(
    tx: &mut Transaction<'_, Sqlite>,
    job: &OutboxJob,
    problem: Option<&JobProblem>,
    now: i64,
) -> Result<(), StoreError> {
    crate::publications::stopped(tx, "menu_publishes", "words", MenuPublishStatus::Failed.as_str(), job, problem, now)
        .await
}
