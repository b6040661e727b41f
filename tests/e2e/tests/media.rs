//! Media in the real window: a photo dropped on the composer is imported
//! and added to the draft, its 3:4 cover crop is dragged into place and the
//! phone preview shows the cover as cut; the post goes out with it; the
//! library lists the photo, where it is used, and names a file it refused.

use studio_e2e::{open_app, photo, wait_saved, Driver, Session};

/// The `src` of the phone preview's cover once it has loaded, with its size.
fn preview_cover(s: &Session) -> Option<(String, u64, u64)> {
    let v = s.execute(
        "const img = document.querySelector('[data-testid=preview-cover]');
         return img && img.complete && img.naturalWidth > 0 ? [img.src, img.naturalWidth, img.naturalHeight] : null;",
        serde_json::json!([]),
    );
    let v = v.as_array()?;
    Some((v[0].as_str()?.to_string(), v[1].as_u64()?, v[2].as_u64()?))
}

/// The focal point (thousandths) a cover URL `.../cover/HASH/X/Y` was cut at.
fn focal_of(src: &str) -> (u32, u32) {
    let parts: Vec<&str> = src.rsplit('/').take(2).collect();
    (parts[1].parse().unwrap(), parts[0].parse().unwrap())
}

#[test]
fn a_dropped_photo_becomes_the_cropped_cover_in_the_phone_preview() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = open_app(&driver, data.path());

    s.click(&s.find("[data-testid=new-draft]"));
    wait_saved(&s);
    let title = s.find("[data-testid=title-input]");
    s.click(&title);
    s.type_text(&title, "海边的早晨");
    let body = s.find("[data-testid=body-input]");
    s.click(&body);
    s.type_text(&body, "潮水退去，沙滩上全是贝壳 #旅行");
    wait_saved(&s);

    // Drop a photo on the composer: it is imported and becomes the draft's picture.
    let jpeg = photo(3000, 2000);
    s.drop_files(&s.find("[data-testid=composer-drop]"), &[("海边.jpg", "image/jpeg", &jpeg)]);
    s.wait_for("the dropped photo in the draft, its thumbnail loaded", || {
        let loaded = s.execute(
            "const img = document.querySelector('[data-testid=draft-image] img');
             return !!img && img.complete && img.naturalWidth > 0;",
            serde_json::json!([]),
        );
        (loaded == serde_json::json!(true)).then_some(())
    });
    // Without a cover of its own, the preview shows the picture's centre cut.
    let (src, w, h) = s.wait_for("the preview to show the picture", || preview_cover(&s));
    assert_eq!(focal_of(&src), (500, 500));
    assert_eq!(w * 4, h * 3, "the cover is 3:4: {w}×{h}");

    // Make it the cover and drag the crop to the right-hand side.
    s.click(&s.find("[data-testid=make-cover]"));
    s.click(&s.find("[data-testid=crop-cover]"));
    let picture = s.find("[data-testid=cover-picture]");
    s.wait_for("the picture to show for cropping", || {
        let rect = s.execute(
            "return arguments[0].querySelector('img').naturalWidth > 0 ? arguments[0].getBoundingClientRect().width : 0",
            serde_json::json!([picture.as_arg()]),
        );
        (rect.as_f64().unwrap_or(0.0) > 100.0).then_some(())
    });
    let window = s.find("[data-testid=cover-window]");
    let left = || s.execute("return arguments[0].offsetLeft", serde_json::json!([window.as_arg()])).as_f64();
    let left_before = left().expect("the crop window is laid out");
    s.drag(&picture, (0, 0), (200, 0));
    s.wait_for("the crop window to move right", || left().filter(|l| *l > left_before).map(|_| ()));
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&std::path::Path::new(&dir).join("cover-zh.png"));
    }
    s.click(&s.find("[data-testid=save-cover]"));

    // The preview now shows the cover cut further right, as it will be uploaded.
    let (src, w, h) = s.wait_for("the preview to show the moved crop", || {
        preview_cover(&s).filter(|(src, _, _)| focal_of(src).0 > 500)
    });
    let (x, y) = focal_of(&src);
    assert!(x >= 700 && y == 500, "the crop moved right only: {x},{y}");
    assert_eq!(w * 4, h * 3, "the cover is 3:4: {w}×{h}");
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&std::path::Path::new(&dir).join("composer-media-zh.png"));
    }

    // The crop is kept: leaving the draft and coming back shows it again.
    s.click(&s.find("[data-testid=nav-trash]"));
    s.click(&s.find("[data-testid=nav-drafts]"));
    s.wait_for("the same cover after reopening", || preview_cover(&s).filter(|(again, _, _)| *again == src));

    // The post goes out with its picture and cover uploaded first.
    s.click(&s.find("[data-testid=publish-now]"));
    s.wait_for("the post to be published", || {
        let tags = s.find_all(".editor-bar [data-testid=publication-status]");
        (tags.first().and_then(|t| s.attribute(t, "data-status")).as_deref() == Some("published")).then_some(())
    });

    // The library lists the photo and the draft using it; a broken file is named with the reason.
    s.click(&s.find("[data-testid=nav-media]"));
    // The screen's file loads on first show and its list redraws as it fills: found again if replaced.
    s.click_on("[data-testid=media-tile][data-name='海边.jpg']");
    s.wait_for_text("[data-testid=media-uses] a", "海边的早晨");
    // The drawer redraws as its uses arrive: the button is found again if replaced.
    s.click_on(".ant-drawer-close");
    s.drop_files(&s.find("[data-testid=media-drop]"), &[("坏文件.jpg", "image/jpeg", b"not a picture")]);
    let report = s.find("[data-testid=import-report]");
    s.wait_for("the refusal to name the file", || s.text(&report).contains("坏文件.jpg").then_some(()));
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&std::path::Path::new(&dir).join("media-zh.png"));
        s.click(&s.find("[data-testid=nav-settings]"));
        s.click(&s.find("[data-testid=language-en]"));
        s.click(&s.find("[data-testid=nav-media]"));
        s.wait_for_text("[data-testid=nav-media]", "Media");
        s.find("[data-testid=media-tile]");
        s.screenshot(&std::path::Path::new(&dir).join("media-en.png"));
        s.click(&s.find("[data-testid=nav-drafts]"));
        s.wait_for("the cover in the preview", || preview_cover(&s));
        s.screenshot(&std::path::Path::new(&dir).join("composer-media-en.png"));
    }
    s.quit();
}
