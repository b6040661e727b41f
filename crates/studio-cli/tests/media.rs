//! `studio media` on real image files: import (deduplicated, bad files
//! named and the rest kept), list by tag, renditions under the rule's
//! limits, delete.

mod common;

use std::path::Path;
use std::process::Output;

use common::json;

use image::{ImageBuffer, Rgb};

fn studio(dir: &Path, args: &[&str]) -> Output {
    common::studio_with(dir, args, &[("LANG", "zh_CN.UTF-8")])
}

/// A photo-like picture: gradients and grain, so it compresses like one.
fn photo(path: &Path, w: u32, h: u32) {
    let mut seed = 7u32;
    let img = ImageBuffer::from_fn(w, h, |x, y| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let grain = (seed >> 27) as u8;
        Rgb([(x * 255 / w) as u8 ^ grain, (y * 255 / h) as u8, 128u8.wrapping_add(grain)])
    });
    img.save(path).unwrap();
}

#[test]
fn import_list_render_and_delete_through_the_cli() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    photo(&files.path().join("咖啡.jpg"), 1200, 900);
    photo(&files.path().join("门店.png"), 800, 600);
    std::fs::write(files.path().join("不是图片.png"), "这只是一段文字").unwrap();

    let report = json(&studio(data.path(), &["media", "import", files.path().to_str().unwrap(), "--json"]));
    let imported = report["imported"].as_array().unwrap();
    assert_eq!(imported.len(), 2, "{report}");
    let failed = report["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1);
    assert!(failed[0]["path"].as_str().unwrap().ends_with("不是图片.png"));
    assert!(failed[0]["error"]["code"].as_str().unwrap().starts_with("media."), "{}", failed[0]);
    let jpeg = imported.iter().find(|a| a["original_name"] == "咖啡.jpg").unwrap();
    assert_eq!(
        (jpeg["format"].as_str(), jpeg["width"].as_u64(), jpeg["height"].as_u64()),
        (Some("jpeg"), Some(1200), Some(900))
    );
    let hash = jpeg["hash"].as_str().unwrap();

    // The same bytes again are the same asset.
    let again =
        json(&studio(data.path(), &["media", "import", files.path().join("咖啡.jpg").to_str().unwrap(), "--json"]));
    assert_eq!(again["imported"][0]["hash"].as_str(), Some(hash));
    assert_eq!(json(&studio(data.path(), &["media", "list", "--json"])).as_array().unwrap().len(), 2);

    json(&studio(data.path(), &["media", "tag", hash, "探店", "咖啡", "--json"]));
    let found = json(&studio(data.path(), &["media", "list", "探店", "--json"]));
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["tags"], serde_json::json!(["咖啡", "探店"]));

    let out = files.path().join("logo.jpg");
    let rendition = json(&studio(
        data.path(),
        &["media", "rendition", hash, "--rule", "profile_logo", "--out", out.to_str().unwrap(), "--json"],
    ));
    assert_eq!((rendition["width"].as_u64(), rendition["height"].as_u64()), (Some(320), Some(320)));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.len() < 1_000_000 && bytes.len() as u64 == rendition["bytes"].as_u64().unwrap());
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (320, 320));

    // A file a draft uses is not deleted; the refusal names the draft.
    let draft = json(&studio(data.path(), &["drafts", "create", "--title", "探店笔记", "--json"]));
    let id = draft["id"].to_string();
    json(&studio(data.path(), &["drafts", "edit", &id, "--image", hash, "--json"]));
    let refused = studio(data.path(), &["media", "delete", hash, "--json"]);
    assert!(!refused.status.success());
    let err: serde_json::Value = serde_json::from_slice(&refused.stderr).unwrap();
    assert_eq!(err["error"]["code"], "media.in_use");
    assert!(err["error"]["message"].as_str().unwrap().contains("探店笔记"), "{err}");
    json(&studio(data.path(), &["drafts", "delete", &id, "--json"]));
    json(&studio(data.path(), &["drafts", "empty-trash", "--yes", "--json"]));

    json(&studio(data.path(), &["media", "delete", hash, "--json"]));
    assert_eq!(json(&studio(data.path(), &["media", "list", "--json"])).as_array().unwrap().len(), 1);
    let gone = studio(data.path(), &["media", "rendition", hash, "--rule", "post_image", "--json"]);
    assert!(!gone.status.success());
    let err: serde_json::Value = serde_json::from_slice(&gone.stderr).unwrap();
    assert_eq!(err["error"]["code"], "media.not_found");
    assert!(err["error"]["message"].as_str().unwrap().contains("媒体库"), "{err}");
}

#[test]
fn a_name_that_is_no_hash_is_refused_in_words_not_with_a_crash() {
    let data = tempfile::tempdir().unwrap();
    photo(&data.path().join("shop.jpg"), 640, 480);
    let imported =
        json(&studio(data.path(), &["media", "import", data.path().join("shop.jpg").to_str().unwrap(), "--json"]));
    let hash = imported["imported"][0]["hash"].as_str().unwrap().to_string();
    // Chinese, emoji and a path: each cut inside a character would have panicked.
    for bad in
        ["咖啡咖啡咖啡咖啡咖啡咖啡咖啡", "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", "../../etc/passwd", "abc", &hash[..63]]
    {
        for args in [
            vec!["media", "delete", bad],
            vec!["media", "tag", bad, "t"],
            vec!["media", "rendition", bad, "--rule", "post_image"],
        ] {
            let out = studio(data.path(), &args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
            assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
            assert!(stderr.contains("不是素材库里文件的编号"), "{args:?} is worded: {stderr}");
        }
        let out = studio(data.path(), &["media", "delete", bad, "--json"]);
        let error: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(error["error"]["code"], "media.bad_hash", "{bad}");
    }
    // `drafts edit --image` takes a name the same way.
    let made = json(&studio(data.path(), &["drafts", "create", "--title", "配图", "--json"]));
    let id = made["id"].to_string();
    let out = studio(data.path(), &["drafts", "edit", &id, "--image", "咖啡咖啡咖啡咖啡"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是素材库里文件的编号"));
    // Every rendition rule is accepted by name, the shop photo included.
    for rule in [
        "post_image",
        "cover_3x4",
        "profile_logo",
        "profile_background",
        "profile_shop_photo",
        "menu_icon",
        "message_cover",
    ] {
        let made = json(&studio(data.path(), &["media", "rendition", &hash, "--rule", rule, "--json"]));
        assert!(made["bytes"].as_u64().unwrap() > 0, "{rule}");
    }
}
