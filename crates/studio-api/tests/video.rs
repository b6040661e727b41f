//! Video posts as the window makes them: a real H.264 MP4 imported into the
//! library, a picture for its cover, published through the outbox to the
//! built-in emulator and checked on the emulator's side; and video posts
//! missing either part refused before anything is queued.
//!
//! `tests/fixtures/clip.mp4` is checked in (the README beside it has the
//! ffmpeg command that made it), so these tests need no ffmpeg.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::photo_bytes;
use md5::{Digest, Md5};
use studio_api::{
    DraftKind, DraftMedium, EngineOptions, Lang, MediaAsset, MediaFormat, MediaKind, MediumRole, NewDraft,
    PublicationStatus, SettingsPatch, Studio,
};

/// Two seconds of 320×240 H.264 with AAC sound.
const CLIP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/clip.mp4");

fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

async fn studio(dir: &Path) -> Studio {
    Studio::open(dir, Lang::ZhCn).await.unwrap()
}

/// Imports a file from disk, as the window's file picker does.
async fn import_path(studio: &Studio, path: &str) -> MediaAsset {
    let report = studio.import_media(vec![path.to_string()]).await.unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    report.imported.into_iter().next().unwrap()
}

async fn import_bytes(studio: &Studio, name: &str, bytes: Vec<u8>) -> MediaAsset {
    let report = studio.import_media_bytes(name.into(), bytes).await.unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    report.imported.into_iter().next().unwrap()
}

async fn video_draft(studio: &Studio, title: &str) -> i64 {
    let new = NewDraft { kind: Some(DraftKind::Video), title: title.into(), body: "两秒的测试片 #测试".into() };
    studio.create_draft(new).await.unwrap().id
}

fn medium(asset: &MediaAsset, role: MediumRole) -> DraftMedium {
    DraftMedium { hash: asset.hash.clone(), role, focal: None }
}

async fn sync(studio: &Studio) -> studio_api::SyncReport {
    studio.sync_now(Duration::from_secs(60), EngineOptions::default()).await.unwrap()
}

/// The built-in emulator's own record of what it received.
async fn emulator_db(data_dir: &Path) -> sqlx::SqlitePool {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(data_dir.join("emulator").join("emulator.sqlite3"))
        .read_only(true);
    sqlx::SqlitePool::connect_with(options).await.unwrap()
}

/// What the emulator holds of the one content published: its id, source
/// type, and per medium its `media_type` with the uploaded file's md5,
/// size and name.
async fn the_one_content(data_dir: &Path) -> (String, i64, Vec<(String, String, i64, String)>) {
    let db = emulator_db(data_dir).await;
    let contents: Vec<(String, String)> =
        sqlx::query_as("SELECT content_id, request FROM contents").fetch_all(&db).await.unwrap();
    assert_eq!(contents.len(), 1, "exactly one content on the platform");
    let (content_id, request) = contents.into_iter().next().unwrap();
    let request: serde_json::Value = serde_json::from_str(&request).unwrap();
    let mut media = Vec::new();
    for info in request["source_media_infos"].as_array().unwrap() {
        let (md5, size, name): (String, i64, String) =
            sqlx::query_as("SELECT md5, size, name FROM files WHERE file_id = ?")
                .bind(info["media_id"].as_str().unwrap())
                .fetch_one(&db)
                .await
                .unwrap();
        media.push((info["media_type"].as_str().unwrap().to_string(), md5, size, name));
    }
    db.close().await;
    (content_id, request["source_type"].as_i64().unwrap(), media)
}

/// Syncs until the draft's post is published (review takes the emulator a few seconds).
async fn published(studio: &Studio, draft_id: i64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        sync(studio).await;
        let publication = studio.list_publications(None).await.unwrap().into_iter().find(|p| p.draft_id == draft_id);
        let status = publication.map(|p| p.status);
        if status == Some(PublicationStatus::Published) {
            return;
        }
        assert!(Instant::now() < deadline, "the post stayed {status:?}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_video_post_uploads_the_mp4_unchanged_and_publishes_it() {
    let dir = tempfile::tempdir().unwrap();
    let studio = studio(dir.path()).await;
    let clip = std::fs::read(CLIP).unwrap();

    // The probe reads the movie from its container.
    let video = import_path(&studio, CLIP).await;
    assert_eq!((video.kind, video.format), (MediaKind::Video, MediaFormat::Mp4));
    assert_eq!((video.width, video.height), (320, 240));
    let duration = video.duration_ms.unwrap();
    assert!((1_900..=2_100).contains(&duration), "about 2 s, read {duration} ms");
    assert_eq!(video.codec.as_deref(), Some("avc1"));
    assert_eq!(video.bytes, clip.len() as u64);
    let cover = import_bytes(&studio, "封面.jpg", photo_bytes(1200, 900, 11)).await;
    assert_eq!(cover.kind, MediaKind::Image);

    let draft = video_draft(&studio, "两秒测试片").await;
    studio
        .set_draft_media(draft, vec![medium(&video, MediumRole::Video), medium(&cover, MediumRole::Cover)])
        .await
        .unwrap();
    let answer = studio.publish_draft(draft, None, None).await.unwrap();
    assert_eq!(answer.publication.status, PublicationStatus::Queued);

    let report = sync(&studio).await;
    assert_eq!((report.failed, report.waiting), (0, 0), "{report:?}");
    let (content_id, source_type, media) = the_one_content(dir.path()).await;
    assert_eq!(source_type, 2, "a video post");
    let types: Vec<&str> = media.iter().map(|(t, ..)| t.as_str()).collect();
    assert_eq!(types, ["video", "cover_static"]);
    let (_, md5, size, name) = &media[0];
    assert_eq!((md5.as_str(), *size), (md5_hex(&clip).as_str(), clip.len() as i64), "the MP4 went up unchanged");
    assert!(name.ends_with(".mp4"), "{name}");
    let (_, cover_md5, _, cover_name) = &media[1];
    assert_ne!(cover_md5, md5);
    assert!(cover_name.ends_with(".jpg"), "the cover goes up as its JPEG rendition: {cover_name}");

    // Locally the post is on the platform, under that content id, and comes out of review.
    let publications = studio.list_publications(None).await.unwrap();
    assert_eq!(publications.len(), 1);
    assert_eq!(publications[0].content_id.as_deref(), Some(content_id.as_str()));
    assert!(
        matches!(publications[0].status, PublicationStatus::UnderReview | PublicationStatus::Published),
        "{:?}",
        publications[0].status
    );
    published(&studio, draft).await;
}

/// The clip padded with a `free` box of `padding` bytes, which players
/// skip: still a valid MP4 of two seconds.
fn padded_clip(padding: usize) -> Vec<u8> {
    let mut big = std::fs::read(CLIP).unwrap();
    big.extend_from_slice(&(padding as u32 + 8).to_be_bytes());
    big.extend_from_slice(b"free");
    big.resize(big.len() + padding, 0);
    big
}

#[tokio::test(flavor = "multi_thread")]
async fn a_video_larger_than_a_picture_may_be_still_goes_up_whole() {
    // Real videos are megabytes: past the 5 MB the platform allows a picture
    // (and the 2 MB a web server reads by default).
    let big = padded_clip(6 * 1024 * 1024);

    let dir = tempfile::tempdir().unwrap();
    let studio = studio(dir.path()).await;
    let video = import_bytes(&studio, "长视频.mp4", big.clone()).await;
    assert_eq!((video.kind, video.width, video.height), (MediaKind::Video, 320, 240));
    let cover = import_bytes(&studio, "封面.jpg", photo_bytes(800, 600, 12)).await;
    let draft = video_draft(&studio, "大一点的视频").await;
    studio
        .set_draft_media(draft, vec![medium(&video, MediumRole::Video), medium(&cover, MediumRole::Cover)])
        .await
        .unwrap();
    studio.publish_draft(draft, None, None).await.unwrap();

    let report = sync(&studio).await;
    assert_eq!((report.failed, report.waiting), (0, 0), "{report:?}");
    let (_, _, media) = the_one_content(dir.path()).await;
    let (kind, md5, size, _) = &media[0];
    assert_eq!(kind, "video");
    assert_eq!((md5.as_str(), *size), (md5_hex(&big).as_str(), big.len() as i64));
}

#[tokio::test]
async fn a_video_post_without_its_video_is_refused_before_it_is_queued() {
    let dir = tempfile::tempdir().unwrap();
    let studio = studio(dir.path()).await;
    let video = import_path(&studio, CLIP).await;
    let cover = import_bytes(&studio, "封面.jpg", photo_bytes(600, 450, 13)).await;
    let draft = video_draft(&studio, "还没有视频").await;

    // A picture cannot even be put where the video belongs.
    let wrong = studio
        .set_draft_media(draft, vec![medium(&cover, MediumRole::Video), medium(&cover, MediumRole::Cover)])
        .await
        .unwrap_err()
        .in_lang(studio.lang());
    assert_eq!(wrong.code, "media.wrong_kind");
    assert_eq!(wrong.message, "视频的位置只能放视频文件。请从素材库选一个视频。");
    assert!(studio.get_draft_media(draft).await.unwrap().is_empty(), "nothing changed");
    // Nothing at all, or only a cover.
    for media in [vec![], vec![medium(&cover, MediumRole::Cover)]] {
        studio.set_draft_media(draft, media.clone()).await.unwrap();
        let refused = studio.publish_draft(draft, None, None).await.unwrap_err().in_lang(studio.lang());
        assert_eq!(refused.code, "video_missing", "{media:?}");
        assert_eq!(refused.message, "这条视频还没有视频文件：请先添加视频，再发布。");
    }
    studio.update_settings(SettingsPatch { language: Some(Lang::En), ..Default::default() }).await.unwrap();
    let refused = studio.republish_draft(draft, None, None).await.unwrap_err().in_lang(studio.lang());
    assert_eq!(refused.message, "This video post has no video yet: add one before publishing.");
    assert!(studio.list_outbox(true).await.unwrap().is_empty(), "nothing was queued");
    assert!(studio.list_publications(None).await.unwrap().is_empty());

    // With its video added, the same draft is queued.
    studio
        .set_draft_media(draft, vec![medium(&video, MediumRole::Video), medium(&cover, MediumRole::Cover)])
        .await
        .unwrap();
    let answer = studio.publish_draft(draft, None, None).await.unwrap();
    assert_eq!(answer.publication.status, PublicationStatus::Queued);
}

#[tokio::test]
async fn a_video_post_without_a_cover_is_refused_before_it_is_queued() {
    let dir = tempfile::tempdir().unwrap();
    let studio = studio(dir.path()).await;
    let video = import_path(&studio, CLIP).await;
    let picture = import_bytes(&studio, "配图.jpg", photo_bytes(600, 450, 14)).await;
    let draft = video_draft(&studio, "还没有封面").await;

    // The video itself cannot be its cover.
    let wrong = studio
        .set_draft_media(draft, vec![medium(&video, MediumRole::Video), medium(&video, MediumRole::Cover)])
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), "media.wrong_kind");
    // Only the video, or a picture meant for a picture post.
    for media in [
        vec![medium(&video, MediumRole::Video)],
        vec![medium(&video, MediumRole::Video), medium(&picture, MediumRole::Image)],
    ] {
        studio.set_draft_media(draft, media.clone()).await.unwrap();
        let refused = studio.publish_draft(draft, None, None).await.unwrap_err().in_lang(studio.lang());
        assert_eq!(refused.code, "video_cover_missing", "{media:?}");
        assert_eq!(refused.message, "这条视频还没有封面：请先添加一张图片作为封面，再发布。");
    }
    studio.update_settings(SettingsPatch { language: Some(Lang::En), ..Default::default() }).await.unwrap();
    // A scheduled publish is checked the same way.
    let in_an_hour =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64 + 3_600_000;
    let refused = studio.publish_draft(draft, None, Some(in_an_hour)).await.unwrap_err().in_lang(studio.lang());
    assert_eq!(refused.message, "This video post has no cover yet: add a picture as its cover before publishing.");
    assert!(studio.list_outbox(true).await.unwrap().is_empty(), "nothing was queued");
    assert!(studio.list_publications(None).await.unwrap().is_empty());

    studio
        .set_draft_media(draft, vec![medium(&video, MediumRole::Video), medium(&picture, MediumRole::Cover)])
        .await
        .unwrap();
    let answer = studio.publish_draft(draft, None, None).await.unwrap();
    assert_eq!(answer.publication.status, PublicationStatus::Queued);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_video_over_the_platforms_limit_is_refused_before_it_is_queued() {
    let dir = tempfile::tempdir().unwrap();
    let studio = studio(dir.path()).await;
    let huge = import_bytes(&studio, "太长了.mp4", padded_clip(51 * 1024 * 1024)).await;
    let cover = import_bytes(&studio, "封面.jpg", photo_bytes(600, 450, 15)).await;
    let draft = video_draft(&studio, "超过 50 MB").await;
    studio
        .set_draft_media(draft, vec![medium(&huge, MediumRole::Video), medium(&cover, MediumRole::Cover)])
        .await
        .unwrap();
    let refused = studio.publish_draft(draft, None, None).await.unwrap_err().in_lang(studio.lang());
    assert_eq!(refused.code, "video_too_large");
    assert_eq!(refused.message, "视频有 51 MB，平台最多接受 50 MB。请先压缩或剪短再发布。");
    assert!(studio.list_outbox(true).await.unwrap().is_empty(), "nothing was queued");
}
