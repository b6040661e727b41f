mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

use common::*;
use sha2::{Digest, Sha256};
use studio_core::media::{MediaFormat, MediaKind};
use studio_media::{collect_files, ImportOptions, MediaStore};

#[test]
fn import_keeps_the_original_bytes_under_their_sha256() {
    let dir = tempfile::tempdir().unwrap();
    let store = MediaStore::open(dir.path().join("library")).unwrap();
    let bytes = jpeg(&marked(300, 200), Some(6), 90);
    let source = put(dir.path(), "IMG_0001.JPG", &bytes);
    let mut heard = Vec::new();
    let asset =
        store.import(&source, &ImportOptions::default(), &AtomicBool::new(false), &mut |n| heard.push(n)).unwrap();

    let expected: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(asset.hash.as_str(), expected);
    assert_eq!(asset.bytes, bytes.len() as u64);
    assert_eq!(asset.original_name, "IMG_0001.JPG");
    assert_eq!((asset.probe.kind, asset.probe.width, asset.probe.height), (MediaKind::Image, 200, 300));
    let stored = store.path_of(&asset.hash).unwrap();
    assert_eq!(stored, dir.path().join("library/objects").join(&expected[..2]).join(&expected));
    assert_eq!(std::fs::read(&stored).unwrap(), bytes, "the original is kept byte for byte, EXIF and all");
    assert_eq!(heard.last(), Some(&(bytes.len() as u64)));
    assert!(heard.windows(2).all(|w| w[0] <= w[1]), "progress only grows");
}

#[test]
fn the_same_bytes_imported_twice_are_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = MediaStore::open(dir.path().join("library")).unwrap();
    let bytes = png(&photo_like(120, 80, 7), None);
    let a = import(&store, &put(dir.path(), "a.png", &bytes)).unwrap();
    let b = import(&store, &put(dir.path(), "copy of a.png", &bytes)).unwrap();
    assert_eq!(a.hash, b.hash);
    assert_eq!(b.original_name, "copy of a.png");
    assert_eq!(files_under(&dir.path().join("library/objects")).len(), 1);
    assert!(files_under(&dir.path().join("library/tmp")).is_empty());
}

#[test]
fn cancelling_leaves_no_object_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = MediaStore::open(dir.path().join("library")).unwrap();
    // Noise barely compresses: several MB, so the copy takes several chunks.
    let big = png(&photo_like(1500, 1200, 9), None);
    assert!(big.len() > 3 << 20, "{}", big.len());
    let source = put(dir.path(), "big.png", &big);
    let cancel = AtomicBool::new(false);
    let mut calls = 0;
    let err = store
        .import(&source, &ImportOptions::default(), &cancel, &mut |done| {
            calls += 1;
            if done > 1 << 20 {
                cancel.store(true, Ordering::Relaxed);
            }
        })
        .unwrap_err();
    assert_eq!(err.code(), "media.cancelled");
    assert!(calls >= 2);
    assert!(files_under(&dir.path().join("library/objects")).is_empty());
    assert!(files_under(&dir.path().join("library/tmp")).is_empty());
    // The same file imports fine afterwards.
    assert!(import(&store, &source).is_ok());
}

#[test]
fn a_batch_imports_the_good_files_and_names_each_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let drop = dir.path().join("drop");
    std::fs::create_dir_all(drop.join("sub")).unwrap();
    let picture = photo_like(200, 150, 11);
    let whole = jpeg(&picture, None, 90);
    put(&drop, "01 photo.jpg", &jpeg(&marked(300, 200), Some(6), 90));
    put(&drop, "02 p3.png", &png(&picture, Some(display_p3_icc())));
    put(&drop, "03 anim.gif", &animated_gif(40, 30, &[[255, 0, 0], [0, 255, 0]]));
    put(&drop, "04 clip.mp4", &movie(&MovieSpec::default()));
    put(&drop, "05 clip.mov", &movie(&MovieSpec { brand: *b"qt  ", ..MovieSpec::default() }));
    put(&drop, "06 still.webp", &webp(&picture));
    put(&drop, "07 empty.jpg", b"");
    put(&drop, "08 cut.jpg", &whole[..whole.len() / 2]);
    put(&drop, "09 png-named.jpg", &png(&picture, None));
    put(&drop, "10 notes.png", b"not a picture\n");
    put(&drop, "11 mystery.bin", b"\x00\x01\x02 mystery");
    bomb_png(&drop.join("12 bomb.png"), 14_000, 14_000);
    put(&drop, ".DS_Store", b"hidden");
    put(&drop.join("sub"), "13 nested.jpg", &whole);

    let files = collect_files(&[&drop]);
    let names: Vec<String> = files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 13, "{names:?}");
    assert!(!names.contains(&".DS_Store".to_string()));
    assert_eq!(names.last().unwrap(), "13 nested.jpg", "sorted by path, folders in place");

    let store = MediaStore::open(dir.path().join("library")).unwrap();
    let outcome: BTreeMap<String, Result<MediaFormat, &'static str>> = files
        .iter()
        .zip(&names)
        .map(|(path, name)| (name.clone(), import(&store, path).map(|a| a.probe.format).map_err(|e| e.code())))
        .collect();
    let expected: BTreeMap<String, Result<MediaFormat, &'static str>> = [
        ("01 photo.jpg", Ok(MediaFormat::Jpeg)),
        ("02 p3.png", Ok(MediaFormat::Png)),
        ("03 anim.gif", Ok(MediaFormat::Gif)),
        ("04 clip.mp4", Ok(MediaFormat::Mp4)),
        ("05 clip.mov", Ok(MediaFormat::Mov)),
        ("06 still.webp", Ok(MediaFormat::Webp)),
        ("07 empty.jpg", Err("media.empty")),
        ("08 cut.jpg", Err("media.truncated")),
        ("09 png-named.jpg", Err("media.type_mismatch")),
        ("10 notes.png", Err("media.type_mismatch")),
        ("11 mystery.bin", Err("media.unsupported")),
        ("12 bomb.png", Err("media.too_large_pixels")),
        ("13 nested.jpg", Ok(MediaFormat::Jpeg)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(outcome, expected);
    assert_eq!(files_under(&dir.path().join("library/objects")).len(), 7);
    assert!(files_under(&dir.path().join("library/tmp")).is_empty(), "refused files leave no copy behind");
}

#[test]
fn import_options_refuse_kinds_and_sizes_not_wanted() {
    let dir = tempfile::tempdir().unwrap();
    let store = MediaStore::open(dir.path().join("library")).unwrap();
    let clip = put(dir.path(), "clip.mp4", &movie(&MovieSpec::default()));
    let images_only = ImportOptions { videos: false, ..ImportOptions::default() };
    let err = store.import(&clip, &images_only, &AtomicBool::new(false), &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "media.not_accepted");
    let small = ImportOptions { max_bytes: 1000, ..ImportOptions::default() };
    let err = store.import(&clip, &small, &AtomicBool::new(false), &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "media.too_large_bytes");
    assert!(files_under(&dir.path().join("library/objects")).is_empty());
}

#[test]
fn remove_deletes_the_object_and_its_renditions() {
    let dir = tempfile::tempdir().unwrap();
    let store = MediaStore::open(dir.path().join("library")).unwrap();
    let asset = import(&store, &put(dir.path(), "a.jpg", &jpeg(&photo_like(300, 200, 5), None, 90))).unwrap();
    let thumb = studio_media::thumbnail(&store, &asset.hash, 64).unwrap();
    assert!(thumb.path.is_file());
    store.remove(&asset.hash).unwrap();
    assert_eq!(store.path_of(&asset.hash).unwrap_err().code(), "media.not_found");
    assert!(!thumb.path.exists());
    store.remove(&asset.hash).unwrap();
    assert!(studio_core::media::ContentHash::parse("../../etc/passwd").is_err(), "a path can never stand for a medium");
}

#[cfg(unix)]
#[test]
fn folder_walks_skip_hidden_files_and_do_not_loop_on_links() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("photos");
    std::fs::create_dir_all(root.join("b/.cache")).unwrap();
    std::fs::create_dir_all(root.join("a")).unwrap();
    put(&root, "z.jpg", b"z");
    put(&root.join("a"), "2.jpg", b"2");
    put(&root.join("a"), "1.jpg", b"1");
    put(&root.join("b"), ".hidden.jpg", b"h");
    put(&root.join("b/.cache"), "c.jpg", b"c");
    std::os::unix::fs::symlink(&root, root.join("b/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("z.jpg"), root.join("b/link.jpg")).unwrap();
    let loose = put(dir.path(), "loose.jpg", b"l");

    let files = collect_files(&[root.clone(), loose.clone(), root.join("a/1.jpg")]);
    assert_eq!(
        files,
        vec![root.join("a/1.jpg"), root.join("a/2.jpg"), root.join("b/link.jpg"), root.join("z.jpg"), loose]
    );
}
