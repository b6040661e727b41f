//! The media library: import files and folders, list and tag them, see
//! where they are used, and make the renditions the platform asks for.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use studio_core::media::{
    media_rule, ContentHash, FocalPoint, MediaAsset, MediaKind, MediaRuleName, MediumRole, RenditionSpec,
};
use studio_core::DraftId;
use studio_media::{MediaError, MediaStore};
use studio_store::{DraftMediumRow, MediaSet};
use ts_rs::TS;

use crate::{now_ms, ApiError, Studio, StudioError, StudioResult};

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
    /// The user stopped the import: the files before it are in, the one
    /// being copied and those after it are not.
    pub cancelled: bool,
}

/// How far an import has come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    /// Files finished (imported or refused).
    pub files_done: u32,
    /// Files in the import.
    pub files_total: u32,
    /// Bytes read so far.
    #[ts(type = "number")]
    pub bytes_done: u64,
    /// Bytes of all the files.
    #[ts(type = "number")]
    pub bytes_total: u64,
    /// The file being read.
    pub current: String,
}

/// A picture of the library to show in the window, as the media protocol serves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServedMedia {
    /// Its MIME type.
    pub mime: &'static str,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What the window may ask the media protocol for, by URL path.
#[derive(Debug, Clone, Copy, PartialEq)]
enum MediaView<'a> {
    /// A grid thumbnail: `/thumb/HASH`.
    Thumb(&'a str),
    /// A picture big enough to crop on screen: `/view/HASH`.
    View(&'a str),
    /// A post image as it will be uploaded: `/image/HASH`.
    Image(&'a str),
    /// The 3:4 cover cut around a point in thousandths: `/cover/HASH/X/Y`.
    Cover(&'a str, FocalPoint),
}

impl<'a> MediaView<'a> {
    fn parse(path: &'a str) -> Option<MediaView<'a>> {
        let mut parts = path.trim_start_matches('/').split('/');
        let view = parts.next()?;
        let hash = parts.next().filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))?;
        let mut thousandth = || parts.next()?.parse::<u16>().ok().filter(|v| *v <= 1000).map(|v| f32::from(v) / 1000.0);
        let parsed = match view {
            "thumb" => MediaView::Thumb(hash),
            "view" => MediaView::View(hash),
            "image" => MediaView::Image(hash),
            "cover" => MediaView::Cover(hash, FocalPoint { x: thousandth()?, y: thousandth()? }),
            _ => return None,
        };
        parts.next().is_none().then_some(parsed)
    }

    fn hash(&self) -> &'a str {
        match *self {
            MediaView::Thumb(h) | MediaView::View(h) | MediaView::Image(h) | MediaView::Cover(h, _) => h,
        }
    }

    fn spec(&self) -> (RenditionSpec, Option<FocalPoint>) {
        match *self {
            MediaView::Thumb(_) => (studio_media::thumbnail_spec(THUMB_EDGE), None),
            MediaView::View(_) => (studio_media::thumbnail_spec(VIEW_EDGE), None),
            MediaView::Image(_) => (media_rule(MediaRuleName::PostImage).spec, None),
            MediaView::Cover(_, focal) => (media_rule(MediaRuleName::Cover3x4).spec, Some(focal)),
        }
    }
}

/// Longest edge of a grid thumbnail, pixels (sharp on a 2× screen).
const THUMB_EDGE: u32 = 320;
/// Longest edge of the picture shown for cropping, pixels.
const VIEW_EDGE: u32 = 1280;

/// Pictures decoded at once for the window: a full-size photo takes
/// hundreds of MB while decoding, and a grid asks for many at a time.
pub(crate) const RENDERS_AT_ONCE: usize = 2;

/// How often an import reports its progress at most.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Imports running in the window, by the id the window gave them, so they
/// can be cancelled.
#[derive(Debug, Default)]
pub(crate) struct RunningImports(Mutex<HashMap<String, Arc<AtomicBool>>>);

impl RunningImports {
    fn start(&self, id: &str) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(id.to_string(), flag.clone());
        flag
    }

    fn finish(&self, id: &str) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
    }

    fn cancel(&self, id: &str) {
        if let Some(flag) = self.0.lock().unwrap_or_else(|e| e.into_inner()).get(id) {
            flag.store(true, Ordering::Relaxed);
        }
    }
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DraftMedium {
    /// The asset.
    pub hash: ContentHash,
    /// Picture, video or cover.
    pub role: MediumRole,
    /// Where a cover's 3:4 crop is centred (`None`: the middle).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub focal: Option<FocalPoint>,
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
    pub async fn import_media(&self, paths: Vec<String>) -> StudioResult<ImportReport> {
        self.import_media_watched(paths, String::new(), |_| {}).await
    }

    /// [`Studio::import_media`] telling `progress` how far it has come;
    /// [`Studio::cancel_import`] with the same `import_id` stops it.
    pub async fn import_media_watched(
        &self,
        paths: Vec<String>,
        import_id: String,
        progress: impl Fn(ImportProgress) + Send + 'static,
    ) -> StudioResult<ImportReport> {
        let store = self.media_store()?;
        let files = studio_media::collect_files(&paths.iter().map(PathBuf::from).collect::<Vec<_>>());
        let cancel = self.imports.start(&import_id);
        // Hashing and probing is file work: off the async threads.
        let results = tokio::task::spawn_blocking(move || import_files(&store, files, &cancel, &progress)).await;
        self.imports.finish(&import_id);
        let (results, cancelled) = results.map_err(joined)?;
        let mut report = self.record_imports(results).await?;
        report.cancelled = cancelled;
        Ok(report)
    }

    /// Stops a running import; what it finished stays, the file it was
    /// copying does not.
    pub async fn cancel_import(&self, import_id: String) -> StudioResult<()> {
        self.imports.cancel(&import_id);
        Ok(())
    }

    /// Imports one file given as bytes (pasted, or dropped on the window),
    /// named `name`.
    pub async fn import_media_bytes(&self, name: String, bytes: Vec<u8>) -> StudioResult<ImportReport> {
        let store = self.media_store()?;
        // The name only labels the file; no folder part may come through.
        let name = Path::new(&name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "pasted".to_string());
        let results = tokio::task::spawn_blocking(move || {
            let staged = tempfile::Builder::new()
                .prefix(".paste-")
                .tempdir_in(store.root().join("tmp"))
                .map_err(|e| MediaError::io(store.root(), e))
                .and_then(|dir| {
                    let path = dir.path().join(&name);
                    std::fs::write(&path, &bytes).map_err(|e| MediaError::io(&path, e))?;
                    Ok((dir, path))
                });
            let (_dir, path) = match staged {
                Ok(staged) => staged,
                Err(e) => return vec![(PathBuf::from(&name), Err(e))],
            };
            let cancel = AtomicBool::new(false);
            vec![(
                PathBuf::from(&name),
                store.import(&path, &studio_media::ImportOptions::default(), &cancel, &mut |_| {}),
            )]
        })
        .await
        .map_err(joined)?;
        self.record_imports(results).await
    }

    /// Writes what was imported into the library and words what was refused.
    async fn record_imports(
        &self,
        results: Vec<(PathBuf, Result<studio_media::Asset, MediaError>)>,
    ) -> StudioResult<ImportReport> {
        let lang = self.lang();
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
                    report.imported.push(self.store.add_asset(&record).await?);
                }
                Err(e) => report.failed.push(ImportFailure {
                    path: path.display().to_string(),
                    error: StudioError::Media(e).in_lang(lang),
                }),
            }
        }
        Ok(report)
    }

    /// A picture of the library for the window, by media-protocol path
    /// (`/thumb/HASH`, `/view/HASH`, `/image/HASH`, `/cover/HASH/X/Y`).
    pub async fn serve_media(&self, path: String) -> StudioResult<ServedMedia> {
        let view = MediaView::parse(&path).ok_or_else(|| StudioError::AssetNotFound { hash: path.clone() })?;
        let hash = ContentHash::parse(view.hash())?;
        let asset =
            self.store.asset(&hash).await?.ok_or_else(|| StudioError::AssetNotFound { hash: hash.to_string() })?;
        if asset.kind != MediaKind::Image {
            return Err(StudioError::Media(MediaError::NotAccepted {
                file: asset.original_name,
                format: asset.format,
            }));
        }
        let store = self.media_store()?;
        let (spec, focal) = view.spec();
        let _turn = self.renders.acquire().await.map_err(joined)?;
        let bytes = tokio::task::spawn_blocking(move || {
            let rendition = studio_media::render(&store, &hash, &spec, focal)?;
            std::fs::read(&rendition.path).map_err(|e| MediaError::io(&rendition.path, e))
        })
        .await
        .map_err(joined)??;
        Ok(ServedMedia { mime: "image/jpeg", bytes })
    }

    /// Assets whose name or a tag contains `query` (all when empty), newest first.
    pub async fn list_media(&self, query: String) -> StudioResult<Vec<MediaAsset>> {
        Ok(self.store.assets(&query, MEDIA_LIMIT).await?)
    }

    /// The assets with these hashes, in the order asked; unknown ones are left out.
    pub async fn get_media(&self, hashes: Vec<String>) -> StudioResult<Vec<MediaAsset>> {
        let mut found = Vec::with_capacity(hashes.len());
        // A name that is no hash names nothing in the library.
        for hash in hashes.iter().filter_map(|h| ContentHash::parse(h).ok()) {
            if let Some(asset) = self.store.asset(&hash).await? {
                found.push(asset);
            }
        }
        Ok(found)
    }

    /// Replaces an asset's tags.
    pub async fn tag_media(&self, hash: String, tags: Vec<String>) -> StudioResult<MediaAsset> {
        let hash = ContentHash::parse(&hash)?;
        self.store.set_asset_tags(&hash, &tags).await?;
        self.store.asset(&hash).await?.ok_or_else(|| StudioError::AssetNotFound { hash: hash.to_string() })
    }

    /// The drafts using an asset.
    pub async fn media_uses(&self, hash: String) -> StudioResult<Vec<AssetUse>> {
        let uses = self.store.asset_uses(&ContentHash::parse(&hash)?).await?;
        Ok(uses.into_iter().map(|u| AssetUse { draft_id: u.draft_id, title: u.title }).collect())
    }

    /// Deletes an asset no draft uses; one in use is refused, naming the drafts.
    pub async fn delete_media(&self, hash: String) -> StudioResult<()> {
        let hash = ContentHash::parse(&hash)?;
        let uses = self.media_uses(hash.to_string()).await?;
        let mut titles: Vec<String> = uses.into_iter().map(|u| u.title).collect();
        if self.store.asset_in_waiting_profile_edit(&hash).await? {
            titles.push(self.lang().pick("生活号资料修改", "a profile edit").to_string());
        }
        if !titles.is_empty() {
            return Err(StudioError::AssetInUse { hash: hash.to_string(), titles });
        }
        if !self.store.remove_asset(&hash).await? {
            return Err(StudioError::AssetNotFound { hash: hash.to_string() });
        }
        Ok(self.media_store()?.remove(&hash)?)
    }

    /// Makes (or reuses) the rendition of an asset for a platform rule, and
    /// copies it to `out` when given.
    pub async fn render_media(
        &self,
        hash: String,
        rule: MediaRuleName,
        out: Option<String>,
    ) -> StudioResult<RenditionInfo> {
        let hash = ContentHash::parse(&hash)?;
        if self.store.asset(&hash).await?.is_none() {
            return Err(StudioError::AssetNotFound { hash: hash.to_string() });
        }
        let store = self.media_store()?;
        let spec = media_rule(rule).spec;
        let rendition = tokio::task::spawn_blocking(move || studio_media::render(&store, &hash, &spec, None))
            .await
            .map_err(joined)??;
        let path = match out {
            Some(out) => {
                std::fs::copy(&rendition.path, &out)
                    .map_err(|e| StudioError::Media(MediaError::io(Path::new(&out), e)))?;
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
    pub async fn set_draft_media(&self, draft_id: DraftId, media: Vec<DraftMedium>) -> StudioResult<Vec<DraftMedium>> {
        for m in &media {
            if self.store.asset(&m.hash).await?.is_none() {
                return Err(StudioError::AssetNotFound { hash: m.hash.to_string() });
            }
        }
        let rows: Vec<DraftMediumRow> = media
            .into_iter()
            .map(|m| DraftMediumRow { hash: m.hash, role: m.role, focal: m.focal.map(FocalPoint::per_mille) })
            .collect();
        match self.store.set_draft_media(draft_id, &rows).await? {
            MediaSet::Set => {}
            MediaSet::DraftNotFound => return Err(StudioError::DraftNotFound { id: draft_id }),
            MediaSet::UnknownAsset(hash) => return Err(StudioError::AssetNotFound { hash: hash.to_string() }),
            MediaSet::WrongKind { hash, role } => {
                return Err(StudioError::WrongMediumKind { hash: hash.to_string(), role })
            }
        }
        self.get_draft_media(draft_id).await
    }

    /// The media a draft uses, in order.
    pub async fn get_draft_media(&self, draft_id: DraftId) -> StudioResult<Vec<DraftMedium>> {
        let rows = self.store.draft_media(draft_id).await?;
        Ok(rows
            .into_iter()
            .map(|r| DraftMedium {
                hash: r.hash,
                role: r.role,
                focal: r.focal.map(|(x, y)| FocalPoint { x: f32::from(x) / 1000.0, y: f32::from(y) / 1000.0 }),
            })
            .collect())
    }
}

/// Work off the async threads that could not finish (it panicked, or the
/// studio is closing), as a failure.
fn joined(e: impl std::fmt::Display) -> StudioError {
    StudioError::Media(MediaError::io(PathBuf::new(), std::io::Error::other(e.to_string())))
}

/// Imports `files` one by one, reporting progress at most every
/// [`PROGRESS_EVERY`]; stops when `cancel` is set. Returns each file's
/// outcome and whether the import was cancelled.
#[allow(clippy::type_complexity)]
fn import_files(
    store: &MediaStore,
    files: Vec<PathBuf>,
    cancel: &AtomicBool,
    progress: &dyn Fn(ImportProgress),
) -> (Vec<(PathBuf, Result<studio_media::Asset, MediaError>)>, bool) {
    let sizes: Vec<u64> = files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).collect();
    let mut state = ImportProgress {
        files_done: 0,
        files_total: files.len() as u32,
        bytes_done: 0,
        bytes_total: sizes.iter().sum(),
        current: String::new(),
    };
    let mut results = Vec::with_capacity(files.len());
    let mut told = Instant::now();
    progress(state.clone());
    for (path, size) in files.into_iter().zip(sizes) {
        if cancel.load(Ordering::Relaxed) {
            return (results, true);
        }
        state.current = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let before = state.bytes_done;
        let imported = store.import(&path, &studio_media::ImportOptions::default(), cancel, &mut |read| {
            if told.elapsed() >= PROGRESS_EVERY {
                told = Instant::now();
                progress(ImportProgress { bytes_done: before + read.min(size), ..state.clone() });
            }
        });
        if matches!(imported, Err(MediaError::Cancelled)) {
            return (results, true);
        }
        results.push((path, imported));
        state.files_done += 1;
        state.bytes_done = before + size;
        progress(state.clone());
        told = Instant::now();
    }
    (results, false)
}

/// Undoes percent-encoding (`encodeURIComponent`), as file names arrive
/// in headers; broken escapes are kept as they are.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
