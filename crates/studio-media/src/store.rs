//! The content-addressed media library on disk: `objects/ab/<sha-256>` holds
//! each original byte for byte, `renditions/<sha-256>/` what is made from
//! it, and `tmp/` the copies in flight, so nothing half-written is ever at
//! an object's name.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};
use studio_core::media::{ContentHash, MediaKind, IMAGE_LIMITS};
use studio_core::rules::DOUYIN;

use crate::probe::{identify, probe_as, Probe};
use crate::MediaError;

/// The media library folder.
#[derive(Debug, Clone)]
pub struct MediaStore {
    root: PathBuf,
}

/// A file in the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// SHA-256 of the bytes: the asset's name.
    pub hash: ContentHash,
    /// Size in bytes.
    pub bytes: u64,
    /// The name the file had when imported.
    pub original_name: String,
    /// What it is.
    pub probe: Probe,
}

/// What an import takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// Largest file accepted, bytes.
    pub max_bytes: u64,
    /// Whether still images are taken.
    pub images: bool,
    /// Whether videos are taken.
    pub videos: bool,
}

impl Default for ImportOptions {
    /// Images and videos up to the largest upload any platform takes.
    fn default() -> Self {
        ImportOptions { max_bytes: DOUYIN.video_bytes_max, images: true, videos: true }
    }
}

impl ImportOptions {
    fn accepts(&self, kind: MediaKind) -> bool {
        match kind {
            MediaKind::Image => self.images,
            MediaKind::Video => self.videos,
        }
    }
}

/// Copy chunk: big enough to stream at disk speed, small enough that
/// cancel and progress answer within milliseconds.
const CHUNK: usize = 1 << 20;

/// Temporary copies older than this are left over from a crash.
const STALE_TEMP: Duration = Duration::from_secs(24 * 60 * 60);

const TEMP_PREFIX: &str = ".import-";

impl MediaStore {
    /// Opens (creating if needed) the library at `root`, and clears copies
    /// a crash left in `tmp/`.
    pub fn open(root: impl Into<PathBuf>) -> Result<MediaStore, MediaError> {
        let store = MediaStore { root: root.into() };
        for dir in [store.root.join("objects"), store.root.join("renditions"), store.tmp_dir()] {
            fs::create_dir_all(&dir).map_err(|e| MediaError::io(&dir, e))?;
        }
        // Only old leftovers go: another process may be importing right now.
        if let Ok(entries) = fs::read_dir(store.tmp_dir()) {
            for entry in entries.flatten() {
                let old = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| SystemTime::now().duration_since(t).ok())
                    .is_some_and(|age| age > STALE_TEMP);
                if old {
                    // Pasted files are staged in folders of their own.
                    let path = entry.path();
                    let _ = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
                }
            }
        }
        Ok(store)
    }

    /// The library folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// The folder of an asset's renditions.
    pub(crate) fn rendition_dir(&self, hash: &ContentHash) -> PathBuf {
        self.root.join("renditions").join(hash.as_str())
    }

    fn object_path(&self, hash: &ContentHash) -> PathBuf {
        self.root.join("objects").join(hash.short(2)).join(hash.as_str())
    }

    /// Copies the file at `path` into the library, hashing as it goes, and
    /// returns what it is. The same bytes imported twice are one file.
    /// `progress` hears the bytes copied so far; setting `cancel` stops the
    /// copy and leaves nothing behind.
    pub fn import(
        &self,
        path: &Path,
        options: &ImportOptions,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Asset, MediaError> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut source = File::open(path).map_err(|e| MediaError::io(path, e))?;
        let meta = source.metadata().map_err(|e| MediaError::io(path, e))?;
        if !meta.is_file() {
            return Err(MediaError::Unsupported { file: name });
        }
        let len = meta.len();
        if len == 0 {
            return Err(MediaError::Empty { file: name });
        }
        if len > options.max_bytes {
            return Err(MediaError::TooLargeBytes { file: name, bytes: len, max: options.max_bytes });
        }
        // Refuse what can never be imported before copying a byte of it.
        let mut buf = vec![0u8; CHUNK];
        let head = read_full(&mut source, &mut buf[..32]).map_err(|e| MediaError::io(path, e))?;
        let format = identify(&buf[..head], &name)?;
        if !options.accepts(format.kind()) {
            return Err(MediaError::NotAccepted { file: name, format });
        }
        if format.kind() == MediaKind::Image && len > IMAGE_LIMITS.max_file_bytes {
            return Err(MediaError::TooLargeBytes { file: name, bytes: len, max: IMAGE_LIMITS.max_file_bytes });
        }

        let tmp_dir = self.tmp_dir();
        let mut temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(&tmp_dir)
            .map_err(|e| MediaError::io(&tmp_dir, e))?;
        let mut hasher = Sha256::new();
        let mut done = 0u64;
        hasher.update(&buf[..head]);
        temp.write_all(&buf[..head]).map_err(|e| MediaError::io(temp.path(), e))?;
        done += head as u64;
        progress(done);
        loop {
            if cancel.load(Ordering::Relaxed) {
                return Err(MediaError::Cancelled);
            }
            let n = read_full(&mut source, &mut buf).map_err(|e| MediaError::io(path, e))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            temp.write_all(&buf[..n]).map_err(|e| MediaError::io(temp.path(), e))?;
            done += n as u64;
            progress(done);
        }
        temp.as_file().sync_all().map_err(|e| MediaError::io(temp.path(), e))?;
        // The copy is probed, not the source: it is the bytes we keep, even if
        // the source changed under us.
        let probe = probe_as(temp.path(), &name)?;
        let hex: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
        let hash = ContentHash::parse(&hex).expect("a SHA-256 in hex is a content hash");
        if cancel.load(Ordering::Relaxed) {
            return Err(MediaError::Cancelled);
        }

        let dest = self.object_path(&hash);
        let asset = Asset { hash, bytes: done, original_name: name, probe };
        if dest.is_file() {
            return Ok(asset);
        }
        let dir = dest.parent().expect("objects/ab");
        if !dir.is_dir() {
            fs::create_dir_all(dir).map_err(|e| MediaError::io(dir, e))?;
            sync_dir(&self.root.join("objects"))?;
        }
        // Originals are never edited: read-only guards against a slip.
        let mut perms = temp.as_file().metadata().map_err(|e| MediaError::io(temp.path(), e))?.permissions();
        perms.set_readonly(true);
        temp.as_file().set_permissions(perms).map_err(|e| MediaError::io(temp.path(), e))?;
        match temp.persist_noclobber(&dest) {
            Ok(_) => {}
            // Another import of the same bytes won the race: same content.
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(MediaError::io(&dest, e.error)),
        }
        sync_dir(dir)?;
        Ok(asset)
    }

    /// Where the original of `hash` is on disk.
    pub fn path_of(&self, hash: &ContentHash) -> Result<PathBuf, MediaError> {
        let path = self.object_path(hash);
        if path.is_file() {
            Ok(path)
        } else {
            Err(MediaError::NotFound { hash: hash.to_string() })
        }
    }

    /// Deletes an asset and its renditions; deleting what is gone is no error.
    pub fn remove(&self, hash: &ContentHash) -> Result<(), MediaError> {
        let renditions = self.rendition_dir(hash);
        match fs::remove_dir_all(&renditions) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(MediaError::io(&renditions, e)),
        }
        let path = self.object_path(hash);
        if let Ok(meta) = fs::metadata(&path) {
            // Windows refuses to delete a read-only file.
            let mut perms = meta.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            let _ = fs::set_permissions(&path, perms);
        }
        match fs::remove_file(&path) {
            Ok(()) => sync_dir(path.parent().expect("objects/ab")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(MediaError::io(&path, e)),
        }
    }
}

fn read_full(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// Makes a rename or creation in `dir` survive a power cut.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), MediaError> {
    #[cfg(unix)]
    {
        File::open(dir).and_then(|d| d.sync_all()).map_err(|e| MediaError::io(dir, e))?;
    }
    // Windows cannot open a folder as a file; NTFS journals the rename.
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The files to import from what the user dropped: files as given, folders
/// walked in name order. Hidden files and folders are skipped, symbolic
/// links to folders are not followed (so no loops), and each file appears
/// once.
pub fn collect_files<P: AsRef<Path>>(paths: &[P]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut visited = HashSet::new();
    for path in paths {
        let path = path.as_ref();
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut visited, &mut seen, &mut out),
            // A file the user named is kept even if it will fail, so the
            // import reports it rather than dropping it silently.
            _ => {
                if seen.insert(path.to_path_buf()) {
                    out.push(path.to_path_buf());
                }
            }
        }
    }
    out
}

fn walk(dir: &Path, visited: &mut HashSet<PathBuf>, seen: &mut HashSet<PathBuf>, out: &mut Vec<PathBuf>) {
    let Ok(canonical) = fs::canonicalize(dir) else { return };
    if !visited.insert(canonical) {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().filter(|e| !is_hidden(e)).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            walk(&path, visited, seen, out);
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file())) && seen.insert(path.clone()) {
            out.push(path);
        }
    }
}

fn is_hidden(entry: &fs::DirEntry) -> bool {
    if entry.file_name().to_string_lossy().starts_with('.') {
        return true;
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::MetadataExt;
        const FILE_ATTRIBUTE_HIDDEN: u32 = 0x2;
        if entry.metadata().is_ok_and(|m| m.file_attributes() & FILE_ATTRIBUTE_HIDDEN != 0) {
            return true;
        }
    }
    false
}
