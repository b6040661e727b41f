//! The media use cases the window relies on, on a real library folder:
//! imports with progress and cancel, pasted bytes, the pictures the media
//! protocol serves, and covers that keep their crop.

mod common;

use std::path::Path;
use std::sync::{Arc, Mutex};

use common::photo_bytes;
use studio_api::{DraftMedium, FocalPoint, ImportProgress, Lang, MediumRole, NewDraft, Studio};

async fn studio() -> (tempfile::TempDir, Studio) {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::open(&dir.path().join("library"), Lang::ZhCn).await.unwrap();
    (dir, studio)
}

fn files_under(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| if e.path().is_dir() { files_under(&e.path()) } else { 1 }).sum())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_import_reports_progress_and_a_cancel_keeps_only_what_finished() {
    let (dir, studio) = studio().await;
    let studio = Arc::new(studio);
    let folder = dir.path().join("相册");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..4 {
        std::fs::write(folder.join(format!("{i}.jpg")), photo_bytes(1600, 1200, i + 1)).unwrap();
    }
    std::fs::write(folder.join("坏的.jpg"), b"not a jpeg").unwrap();

    // The whole folder, with progress: every file counted, the bad one named.
    let heard: Arc<Mutex<Vec<ImportProgress>>> = Arc::default();
    let log = heard.clone();
    let report = studio
        .import_media_watched(vec![folder.display().to_string()], "all".into(), move |p| log.lock().unwrap().push(p))
        .await
        .unwrap();
    assert_eq!((report.imported.len(), report.failed.len(), report.cancelled), (4, 1, false));
    assert!(report.failed[0].error.message.contains("坏的.jpg"), "{:?}", report.failed[0]);
    let heard = heard.lock().unwrap().clone();
    let last = heard.last().unwrap();
    assert_eq!((last.files_done, last.files_total), (5, 5));
    assert_eq!(last.bytes_done, last.bytes_total);
    assert!(heard.windows(2).all(|w| w[0].bytes_done <= w[1].bytes_done), "progress only goes forward");

    // A second import, cancelled once its first file is in: that one stays, nothing else comes in.
    let more = dir.path().join("更多");
    std::fs::create_dir(&more).unwrap();
    for i in 0..3 {
        std::fs::write(more.join(format!("{i}.jpg")), photo_bytes(800, 600, 100 + i)).unwrap();
    }
    let canceller = studio.clone();
    let report = studio
        .import_media_watched(vec![more.display().to_string()], "second".into(), move |p| {
            if p.files_done == 1 {
                // Called on the import's own thread, as the window's cancel button would be pressed meanwhile.
                tokio::runtime::Handle::current().block_on(canceller.cancel_import("second".into())).unwrap();
            }
        })
        .await
        .unwrap();
    assert!(report.cancelled);
    assert_eq!(report.imported.len(), 1);
    assert_eq!(studio.list_media(String::new()).await.unwrap().len(), 5);
    let media = dir.path().join("library/media");
    assert_eq!(files_under(&media.join("objects")), 5, "no file of the cancelled rest was kept");
    assert_eq!(files_under(&media.join("tmp")), 0, "nothing half-imported");
}

#[tokio::test]
async fn pasted_bytes_are_imported_under_their_name_only_and_bad_bytes_are_named() {
    let (_dir, studio) = studio().await;
    let report = studio.import_media_bytes("../../etc/截图.jpg".into(), photo_bytes(400, 300, 7)).await.unwrap();
    assert_eq!(report.imported.len(), 1);
    assert_eq!(report.imported[0].original_name, "截图.jpg", "no folder part comes through");
    assert_eq!((report.imported[0].width, report.imported[0].height), (400, 300));

    let report = studio.import_media_bytes("空.png".into(), Vec::new()).await.unwrap();
    assert!(report.imported.is_empty());
    assert!(report.failed[0].error.message.contains("空.png"), "{:?}", report.failed[0]);
    assert_eq!(studio_api::percent_decode("%E6%88%AA%E5%9B%BE.jpg"), "截图.jpg");
    assert_eq!(studio_api::percent_decode("100%.jpg"), "100%.jpg", "a broken escape stays as typed");
}

#[tokio::test]
async fn the_window_gets_thumbnails_and_covers_cut_where_the_user_placed_them() {
    let (_dir, studio) = studio().await;
    let report = studio.import_media_bytes("海边.jpg".into(), photo_bytes(3000, 2000, 3)).await.unwrap();
    let hash = report.imported[0].hash.clone();

    let thumb = studio.serve_media(format!("/thumb/{hash}")).await.unwrap();
    assert_eq!(thumb.mime, "image/jpeg");
    let thumb = image::load_from_memory(&thumb.bytes).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (320, 213));

    let warmth = |bytes: &[u8]| {
        let picture = image::load_from_memory(bytes).unwrap().to_rgb8();
        assert_eq!(picture.width() * 4, picture.height() * 3, "a cover is 3:4");
        let warm = picture.pixels().filter(|p| p[0] > p[2]).count();
        warm as f64 / (picture.width() * picture.height()) as f64
    };
    let left = studio.serve_media(format!("/cover/{hash}/0/500")).await.unwrap();
    let right = studio.serve_media(format!("/cover/{hash}/1000/500")).await.unwrap();
    assert!(warmth(&left.bytes) > 0.95, "cut at the left edge: the warm half");
    assert!(warmth(&right.bytes) < 0.05, "cut at the right edge: the cool half");

    for bad in [
        format!("/cover/{hash}/1001/0"),
        format!("/thumb/{hash}/x"),
        "/thumb/../../studio.sqlite3".into(),
        format!("/raw/{hash}"),
    ] {
        let err = studio.serve_media(bad.clone()).await.unwrap_err().in_lang(studio.lang());
        assert_eq!(err.code, "media.not_found", "{bad}");
    }
}

#[tokio::test]
async fn a_cover_keeps_its_crop_with_the_draft() {
    let (_dir, studio) = studio().await;
    let hash =
        studio.import_media_bytes("封面.jpg".into(), photo_bytes(1200, 900, 5)).await.unwrap().imported[0].hash.clone();
    let draft =
        studio.create_draft(NewDraft { kind: None, title: "带封面".into(), body: String::new() }).await.unwrap();
    let media = vec![
        DraftMedium { hash: hash.clone(), role: MediumRole::Image, focal: None },
        DraftMedium { hash: hash.clone(), role: MediumRole::Cover, focal: Some(FocalPoint { x: 0.25, y: 0.7 }) },
    ];
    studio.set_draft_media(draft.id, media.clone()).await.unwrap();
    assert_eq!(studio.get_draft_media(draft.id).await.unwrap(), media);
    assert_eq!(
        studio.get_media(vec![hash.to_string(), "0".repeat(64)]).await.unwrap().len(),
        1,
        "unknown hashes are left out"
    );

    // Deleting a used file is refused, naming the draft.
    let err = studio.delete_media(hash.to_string()).await.unwrap_err().in_lang(studio.lang());
    assert!(err.message.contains("带封面"), "{}", err.message);
}
