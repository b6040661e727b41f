//! The media library's metadata: assets by content hash, their tags, and
//! which drafts use them. The files themselves are `studio-media`'s.

use studio_core::media::{ContentHash, MediaAsset, MediaFormat, MediumRole};
use studio_core::DraftId;

use crate::{parse_stored, Store, StoreError};

type AssetRow = (String, String, i64, i64, i64, Option<i64>, Option<String>, String, i64, Option<String>);
const ASSET_COLUMNS: &str = "a.hash, a.format, a.bytes, a.width, a.height, a.duration_ms, a.codec, a.original_name, \
                             a.imported_at, (SELECT group_concat(tag, char(31)) FROM asset_tags t WHERE t.hash = a.hash)";

fn asset_from_row(r: AssetRow) -> Result<MediaAsset, StoreError> {
    let format = parse_stored(MediaFormat::from_extension, &r.1, || format!("asset {}", r.0))?;
    let mut tags: Vec<String> = r.9.map(|t| t.split('\u{1f}').map(str::to_string).collect()).unwrap_or_default();
    tags.sort();
    Ok(MediaAsset {
        hash: parse_stored(|h| ContentHash::parse(h).ok(), &r.0, || "an asset".to_string())?,
        kind: format.kind(),
        format,
        bytes: r.2.max(0) as u64,
        width: r.3.max(0) as u32,
        height: r.4.max(0) as u32,
        duration_ms: r.5.map(|d| d.max(0) as u64),
        codec: r.6,
        original_name: r.7,
        imported_at: r.8,
        tags,
    })
}

/// A profile edit still to be submitted that names the asset `?1` (a
/// SHA-256 in hex, which appears in the edit's fields only as a picture).
const PROFILE_EDIT_WAITS_FOR: &str = "status = 'submitting' AND instr(fields, ?1) > 0";

/// One asset, read on `conn`.
pub(crate) async fn asset_in(
    conn: &mut sqlx::SqliteConnection,
    hash: &ContentHash,
) -> Result<Option<MediaAsset>, StoreError> {
    let row: Option<AssetRow> = sqlx::query_as(&format!("SELECT {ASSET_COLUMNS} FROM assets a WHERE a.hash = ?"))
        .bind(hash.as_str())
        .fetch_optional(conn)
        .await?;
    row.map(asset_from_row).transpose()
}

/// A draft that uses an asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetUse {
    /// The draft.
    pub draft_id: DraftId,
    /// Its title.
    pub title: String,
}

impl Store {
    /// Records an imported asset; importing the same bytes again keeps the
    /// first record. Returns the asset as stored.
    pub async fn add_asset(&self, asset: &MediaAsset) -> Result<MediaAsset, StoreError> {
        sqlx::query(
            "INSERT OR IGNORE INTO assets (hash, format, bytes, width, height, duration_ms, codec, original_name, imported_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(asset.hash.as_str())
        .bind(asset.format.label().to_ascii_lowercase())
        .bind(asset.bytes as i64)
        .bind(i64::from(asset.width))
        .bind(i64::from(asset.height))
        .bind(asset.duration_ms.map(|d| d as i64))
        .bind(&asset.codec)
        .bind(&asset.original_name)
        .bind(asset.imported_at)
        .execute(&self.pool)
        .await?;
        self.asset(&asset.hash).await?.ok_or_else(|| StoreError::Corrupt(format!("asset {} vanished", asset.hash)))
    }

    /// One asset.
    pub async fn asset(&self, hash: &ContentHash) -> Result<Option<MediaAsset>, StoreError> {
        asset_in(&mut *self.pool.acquire().await?, hash).await
    }

    /// Assets whose name or a tag contains `query` (all when empty), newest first.
    pub async fn assets(&self, query: &str, limit: u32) -> Result<Vec<MediaAsset>, StoreError> {
        let pattern = format!("%{}%", query.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        let rows: Vec<AssetRow> = sqlx::query_as(&format!(
            "SELECT {ASSET_COLUMNS} FROM assets a WHERE ?1 = '%%' OR a.original_name LIKE ?1 ESCAPE '\\' \
             OR EXISTS (SELECT 1 FROM asset_tags t WHERE t.hash = a.hash AND t.tag LIKE ?1 ESCAPE '\\') \
             ORDER BY a.imported_at DESC, a.hash LIMIT ?2"
        ))
        .bind(pattern)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(asset_from_row).collect()
    }

    /// Replaces an asset's tags.
    pub async fn set_asset_tags(&self, hash: &ContentHash, tags: &[String]) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM asset_tags WHERE hash = ?").bind(hash.as_str()).execute(&mut *tx).await?;
        for tag in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
            sqlx::query("INSERT OR IGNORE INTO asset_tags (hash, tag) VALUES (?, ?)")
                .bind(hash.as_str())
                .bind(tag)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The drafts (trashed ones too: restoring brings their media back) that use an asset.
    pub async fn asset_uses(&self, hash: &ContentHash) -> Result<Vec<AssetUse>, StoreError> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT DISTINCT d.id, d.title FROM draft_media m JOIN drafts d ON d.id = m.draft_id WHERE m.hash = ? ORDER BY d.id",
        )
        .bind(hash.as_str())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(draft_id, title)| AssetUse { draft_id, title }).collect())
    }

    /// Whether a profile edit not yet submitted names an asset (its
    /// picture is still to be uploaded from the library).
    pub async fn asset_in_waiting_profile_edit(&self, hash: &ContentHash) -> Result<bool, StoreError> {
        let (n,): (i64,) =
            sqlx::query_as(&format!("SELECT COUNT(*) FROM profile_edits WHERE {PROFILE_EDIT_WAITS_FOR}"))
                .bind(hash.as_str())
                .fetch_one(&self.pool)
                .await?;
        Ok(n > 0)
    }

    /// Forgets an asset no draft uses and no waiting profile edit names;
    /// `false` (nothing changed) when one does.
    pub async fn remove_asset(&self, hash: &ContentHash) -> Result<bool, StoreError> {
        let done = sqlx::query(&format!(
            "DELETE FROM assets WHERE hash = ?1 AND NOT EXISTS (SELECT 1 FROM draft_media WHERE hash = ?1) \
             AND NOT EXISTS (SELECT 1 FROM profile_edits WHERE {PROFILE_EDIT_WAITS_FOR})"
        ))
        .bind(hash.as_str())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

/// One medium of a draft, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftMediumRow {
    /// The asset.
    pub hash: ContentHash,
    /// Picture, video or cover.
    pub role: MediumRole,
    /// Where a cover's 3:4 crop is centred, in thousandths (`None`: the middle).
    pub focal: Option<(u16, u16)>,
}

type MediumRow = (String, String, Option<i64>, Option<i64>);
const MEDIUM_COLUMNS: &str = "hash, role, focal_x, focal_y";

fn medium_from_row(draft_id: DraftId, (hash, role, x, y): MediumRow) -> Result<DraftMediumRow, StoreError> {
    let whose = || format!("a medium of draft {draft_id}");
    let focal = x.zip(y).map(|(x, y)| (x.clamp(0, 1000) as u16, y.clamp(0, 1000) as u16));
    Ok(DraftMediumRow {
        hash: parse_stored(|h| ContentHash::parse(h).ok(), &hash, whose)?,
        role: parse_stored(MediumRole::parse, &role, whose)?,
        focal,
    })
}

/// The media a draft uses, in order, read on `conn`.
pub(crate) async fn draft_media_in(
    conn: &mut sqlx::SqliteConnection,
    draft_id: DraftId,
) -> Result<Vec<DraftMediumRow>, StoreError> {
    let rows: Vec<MediumRow> =
        sqlx::query_as(&format!("SELECT {MEDIUM_COLUMNS} FROM draft_media WHERE draft_id = ? ORDER BY position"))
            .bind(draft_id)
            .fetch_all(conn)
            .await?;
    rows.into_iter().map(|r| medium_from_row(draft_id, r)).collect()
}

/// What setting a draft's media did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaSet {
    /// The draft uses them now.
    Set,
    /// No such live draft; nothing changed.
    DraftNotFound,
    /// No such asset in the library; nothing changed.
    UnknownAsset(ContentHash),
    /// A file in a place that holds another kind (a picture as the video, a
    /// video as a picture or cover); nothing changed.
    WrongKind {
        /// The file.
        hash: ContentHash,
        /// The place it was put in.
        role: MediumRole,
    },
}

impl Store {
    /// Replaces the media a draft uses, in order, each in a place that holds
    /// its kind; in one transaction, so nothing changes when one is refused.
    pub async fn set_draft_media(&self, draft_id: DraftId, media: &[DraftMediumRow]) -> Result<MediaSet, StoreError> {
        let mut tx = self.begin_write().await?;
        if crate::drafts::live_draft_in(&mut tx, draft_id).await?.is_none() {
            return Ok(MediaSet::DraftNotFound);
        }
        sqlx::query("DELETE FROM draft_media WHERE draft_id = ?").bind(draft_id).execute(&mut *tx).await?;
        for (position, m) in media.iter().enumerate() {
            let Some(asset) = asset_in(&mut tx, &m.hash).await? else {
                return Ok(MediaSet::UnknownAsset(m.hash.clone()));
            };
            if asset.kind != m.role.holds() {
                return Ok(MediaSet::WrongKind { hash: m.hash.clone(), role: m.role });
            }
            let focal = m.focal.map(|(x, y)| (x.min(1000), y.min(1000)));
            sqlx::query(
                "INSERT INTO draft_media (draft_id, position, hash, role, focal_x, focal_y) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(draft_id)
            .bind(position as i64)
            .bind(m.hash.as_str())
            .bind(m.role.as_str())
            .bind(focal.map(|f| f.0))
            .bind(focal.map(|f| f.1))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(MediaSet::Set)
    }

    /// The media a draft uses, in order.
    pub async fn draft_media(&self, draft_id: DraftId) -> Result<Vec<DraftMediumRow>, StoreError> {
        draft_media_in(&mut *self.pool.acquire().await?, draft_id).await
    }
}
