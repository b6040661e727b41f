//! The media library: import files and folders, list and tag them, see
//! where they are used, and make the renditions the platform asks for.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use serde::{Deserialize, Serialize};
use studio_core::media::{media_rule, MediaAsset, MediaRuleName};
use studio_core::DraftId;
use studio_media::{MediaError, MediaStore};
use studio_store::DraftMediumRow;
use ts_rs::TS;

use crate::{now_ms, ApiError, ApiResult, Studio, StudioError};

/// The media folder inside the data folder.
pub const MEDIA_FOLDER: &str = "media";

/// A file that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportFailure {
    /// The file.
    pub path: String,
    /// Why, in the user's language.
    pub error: ApiError,
}

/// What an import did: every good file is in, every bad one named.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    /// The assets imported (or found already there: the same bytes are one asset).
    pub imported: Vec<MediaAsset>,
    /// The files refused.
    pub failed: Vec<ImportFailure>,
}

/// A rendition made for a platform rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RenditionInfo {
    /// Where the JPEG is.
    pub path: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The JPEG quality chosen to fit the rule's byte limit.
    pub quality: u8,
}

/// One medium of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftMedium {
    /// The asset's hash.
    pub hash: String,
    /// `image`, `video` or `cover`.
    pub role: String,
}

/// A draft that uses an asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetUse {
    /// The draft.
    #[ts(type = "number")]
    pub draft_id: DraftId,
    /// Its title.
    pub title: String,
}

/// The most assets listed at once.
const MEDIA_LIMIT: u32 = 1_000;

impl Studio {
    pub(crate) fn media_store(&self) -> Result<MediaStore, StudioError> {
        Ok(MediaStore::open(self.data_dir.join(MEDIA_FOLDER))?)
    }

    /// Imports files and the files inside folders. Bad files are named with
    /// the reason and the rest still come in; nothing is left half-imported.
    pub async fn import_media(&self, paths: Vec<String>) -> ApiResult<ImportReport> {
        let store = self.media_store().map_err(|e| self.fail(e))?;
        let lang = self.lang();
        let files = studio_media::collect_files(&paths.iter().map(PathBuf::from).collect::<Vec<_>>());
        // Hashing and probing is file work: off the async threads.
        let results = tokio::task::spawn_blocking(move || {
            let cancel = AtomicBool::new(false);
            files
                .into_iter()
                .map(|path| {
                    let imported = store.import(&path, &studio_media::ImportOptions::default(), &cancel, &mut |_| {});
                    (path, imported)
                })
                .collect::<Vec<_>>()
        })
        .await
        .map_err(|e| {
            self.fail(StudioError::Media(MediaError::io(PathBuf::new(), std::io::Error::other(e.to_string()))))
        })?;
        let mut report = ImportReport::default();
        for (path, result) in results {
            match result {
                Ok(asset) => {
                    let record = MediaAsset {
                        hash: asset.hash,
                        kind: asset.probe.kind,
                        format: asset.probe.format,
                        bytes: asset.bytes,
                        width: asset.probe.width,
                        height: asset.probe.height,
                        duration_ms: asset.probe.duration_ms,
                        codec: asset.probe.codec,
                        original_name: asset.original_name,
                        imported_at: now_ms(),
                        tags: Vec::new(),
                    };
                    report.imported.push(self.store.add_asset(&record).await.map_err(|e| self.fail(e))?);
                }
                Err(e) => report.failed.push(ImportFailure {
                    path: path.display().to_string(),
                    error: StudioError::Media(e).in_lang(lang),
                }),
            }
        }
        Ok(report)
    }

    /// Assets whose name or a tag contains `query` (all when empty), newest first.
    pub async fn list_media(&self, query: String) -> ApiResult<Vec<MediaAsset>> {
        self.store.assets(&query, MEDIA_LIMIT).await.map_err(|e| self.fail(e))
    }

    /// Replaces an asset's tags.
    pub async fn tag_media(&self, hash: String, tags: Vec<String>) -> ApiResult<MediaAsset> {
        self.store.set_asset_tags(&hash, &tags).await.map_err(|e| self.fail(e))?;
        self.store
            .asset(&hash)
            .await
            .map_err(|e| self.fail(e))?
            .ok_or_else(|| self.fail(StudioError::AssetNotFound { hash }))
    }

    /// The drafts using an asset.
    pub async fn media_uses(&self, hash: String) -> ApiResult<Vec<AssetUse>> {
        let uses = self.store.asset_uses(&hash).await.map_err(|e| self.fail(e))?;
        Ok(uses.into_iter().map(|u| AssetUse { draft_id: u.draft_id, title: u.title }).collect())
    }

    /// Deletes an asset no draft uses; one in use is refused, naming the drafts.
    pub async fn delete_media(&self, hash: String) -> ApiResult<()> {
        let uses = self.media_uses(hash.clone()).await?;
        if !uses.is_empty() {
            let titles = uses.into_iter().map(|u| u.title).collect();
            return Err(self.fail(StudioError::AssetInUse { hash, titles }));
        }
        if !self.store.remove_asset(&hash).await.map_err(|e| self.fail(e))? {
            return Err(self.fail(StudioError::AssetNotFound { hash }));
        }
        self.media_store().and_then(|m| Ok(m.remove(&hash)?)).map_err(|e| self.fail(e))
    }

    /// Makes (or reuses) the rendition of an asset for a platform rule, and
    /// copies it to `out` when given.
    pub async fn render_media(
        &self,
        hash: String,
        rule: MediaRuleName,
        out: Option<String>,
    ) -> ApiResult<RenditionInfo> {
        if self.store.asset(&hash).await.map_err(|e| self.fail(e))?.is_none() {
            return Err(self.fail(StudioError::AssetNotFound { hash }));
        }
        let store = self.media_store().map_err(|e| self.fail(e))?;
        let spec = media_rule(rule).spec;
        let rendition = tokio::task::spawn_blocking(move || studio_media::render(&store, &hash, &spec, None))
            .await
            .map_err(|e| {
                self.fail(StudioError::Media(MediaError::io(PathBuf::new(), std::io::Error::other(e.to_string()))))
            })?
            .map_err(|e| self.fail(e))?;
        let path = match out {
            Some(out) => {
                std::fs::copy(&rendition.path, &out)
                    .map_err(|e| self.fail(StudioError::Media(MediaError::io(Path::new(&out), e))))?;
                out
            }
            None => rendition.path.display().to_string(),
        };
        Ok(RenditionInfo {
            path,
            bytes: rendition.bytes,
            width: rendition.width,
            height: rendition.height,
            quality: rendition.quality,
        })
    }

    /// Sets the media a draft uses, in order.
    pub async fn set_draft_media(&self, draft_id: DraftId, media: Vec<DraftMedium>) -> ApiResult<Vec<DraftMedium>> {
        for m in &media {
            if self.store.asset(&m.hash).await.map_err(|e| self.fail(e))?.is_none() {
                return Err(self.fail(StudioError::AssetNotFound { hash: m.hash.clone() }));
            }
        }
        let rows: Vec<DraftMediumRow> =
            media.into_iter().map(|m| DraftMediumRow { hash: m.hash, role: m.role }).collect();
        if !self.store.set_draft_media(draft_id, &rows).await.map_err(|e| self.fail(e))? {
            return Err(self.fail(StudioError::DraftNotFound { id: draft_id }));
        }
        self.get_draft_media(draft_id).await
    }

    /// The media a draft uses, in order.
    pub async fn get_draft_media(&self, draft_id: DraftId) -> ApiResult<Vec<DraftMedium>> {
        let rows = self.store.draft_media(draft_id).await.map_err(|e| self.fail(e))?;
        Ok(rows.into_iter().map(|r| DraftMedium { hash: r.hash, role: r.role }).collect())
    }
}
