//! The library's rows, table by table, to be written out as JSON and read
//! back into a new library (`docs/export-format.md` describes the format).
//!
//! Every table of the schema goes out except what the library rebuilds
//! from the rest: the search index and its marks, topics (read off the
//! drafts' bodies) and the record of migrations. So a table added by a
//! later migration is exported without anyone remembering to add it.

use std::borrow::Cow;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions, SqliteRow};
use sqlx::{Row, TypeInfo, ValueRef};

use crate::{Store, StoreError, DATABASE_FILE, MIGRATOR};

/// Tables the library rebuilds on its own and so never exports.
const DERIVED_TABLES: &[&str] = &["_sqlx_migrations", "draft_topics", "search_pending", "drafts_search"];
/// Settings rows that describe derived state.
const DERIVED_SETTINGS: &[&str] = &["search_index_version"];

/// One value of a row, as SQLite stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    /// NULL.
    Null,
    /// An INTEGER.
    Integer(i64),
    /// A REAL.
    Real(f64),
    /// TEXT.
    Text(String),
    /// A BLOB, as lowercase hex.
    Blob {
        /// The bytes in hex.
        hex: String,
    },
}

/// One table's rows, in primary-key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRows {
    /// The table.
    pub name: String,
    /// Its columns, in the order of each row's cells.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

fn is_exported(table: &str) -> bool {
    let derived = DERIVED_TABLES.iter().any(|d| table == *d || table.starts_with(&format!("{d}_")));
    !derived && (!table.starts_with("sqlite_") || table == "sqlite_sequence")
}

fn cell(row: &SqliteRow, i: usize) -> Result<Cell, StoreError> {
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        return Ok(Cell::Null);
    }
    let kind = raw.type_info().name().to_string();
    Ok(match kind.as_str() {
        "INTEGER" => Cell::Integer(row.try_get(i)?),
        "REAL" => Cell::Real(row.try_get(i)?),
        "BLOB" => Cell::Blob { hex: row.try_get::<Vec<u8>, _>(i)?.iter().map(|b| format!("{b:02x}")).collect() },
        _ => Cell::Text(row.try_get(i)?),
    })
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl Store {
    /// The schema version: the last migration applied.
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        let (version,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success")
            .fetch_one(&self.pool)
            .await?;
        Ok(version)
    }

    /// Every exported table's rows, read in one transaction so they agree.
    pub async fn export_tables(&self) -> Result<Vec<TableRows>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let names: Vec<(String,)> = sqlx::query_as("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .fetch_all(&mut *tx)
            .await?;
        let mut tables = Vec::new();
        for (name,) in names.into_iter().filter(|(n,)| is_exported(n)) {
            let columns: Vec<(String,)> = sqlx::query_as("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                .bind(&name)
                .fetch_all(&mut *tx)
                .await?;
            let columns: Vec<String> = columns.into_iter().map(|c| c.0).collect();
            let order = (1..=columns.len()).map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
            let list = columns.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(", ");
            let rows = sqlx::query(&format!("SELECT {list} FROM {} ORDER BY {order}", quoted(&name)))
                .fetch_all(&mut *tx)
                .await?;
            let mut cells = Vec::with_capacity(rows.len());
            for row in &rows {
                if name == "settings" {
                    let key: String = row.try_get("key")?;
                    if DERIVED_SETTINGS.contains(&key.as_str()) {
                        continue;
                    }
                }
                debug_assert_eq!(row.columns().len(), columns.len());
                cells.push((0..columns.len()).map(|i| cell(row, i)).collect::<Result<Vec<_>, _>>()?);
            }
            tables.push(TableRows { name, columns, rows: cells });
        }
        tx.commit().await?;
        Ok(tables)
    }

    /// Makes a new library in `data_dir` holding exactly `tables`, exported
    /// from a library at schema `version`: the schema is built up to that
    /// version, the rows go in, and [`Store::open`] then brings it up to
    /// date (and rebuilds the search index) like any older library.
    /// `data_dir` must not hold a library yet.
    pub async fn import_tables(data_dir: &Path, version: i64, tables: &[TableRows]) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::Folder { path: data_dir.to_owned(), source })?;
        let path = data_dir.join(DATABASE_FILE);
        let options = SqliteConnectOptions::new().filename(&path).create_if_missing(true).foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::open(&path, e))?;
        let at_version = Migrator {
            migrations: Cow::Owned(MIGRATOR.migrations.iter().filter(|m| m.version <= version).cloned().collect()),
            ..Migrator::DEFAULT
        };
        let filled = async {
            at_version.run(&pool).await?;
            let mut tx = pool.begin().await?;
            // Rows refer to each other in every direction (a job to the job
            // it waits for): check the references once all are in.
            sqlx::query("PRAGMA defer_foreign_keys = ON").execute(&mut *tx).await?;
            // The AUTOINCREMENT counters last, replacing those the rows
            // just moved: the next id is what it would have been at home.
            let (counters, rows): (Vec<&TableRows>, Vec<&TableRows>) =
                tables.iter().filter(|t| is_exported(&t.name)).partition(|t| t.name == "sqlite_sequence");
            for table in rows.into_iter().chain(counters) {
                if table.name == "sqlite_sequence" {
                    sqlx::query("DELETE FROM sqlite_sequence").execute(&mut *tx).await?;
                }
                let list = table.columns.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(", ");
                let marks = vec!["?"; table.columns.len()].join(", ");
                let sql = format!("INSERT INTO {} ({list}) VALUES ({marks})", quoted(&table.name));
                for row in &table.rows {
                    let mut insert = sqlx::query(&sql);
                    for cell in row {
                        insert = match cell {
                            Cell::Null => insert.bind(None::<i64>),
                            Cell::Integer(n) => insert.bind(*n),
                            Cell::Real(x) => insert.bind(*x),
                            Cell::Text(t) => insert.bind(t.as_str()),
                            Cell::Blob { hex } => insert.bind(from_hex(hex)?),
                        };
                    }
                    insert.execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
            Ok::<(), StoreError>(())
        }
        .await;
        pool.close().await;
        filled?;
        Store::open(data_dir).await
    }
}

fn from_hex(hex: &str) -> Result<Vec<u8>, StoreError> {
    let bad = || StoreError::Corrupt(format!("not hex: {hex:.40}"));
    if !hex.len().is_multiple_of(2) {
        return Err(bad());
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2).ok_or_else(bad)?, 16).map_err(|_| bad()))
        .collect()
}
