mod common;

use common::*;
use image::{Rgb, RgbImage};
use studio_core::media::{media_rule, FocalPoint, MediaRuleName, RenditionSpec, Shape, MEDIA_RULES};
use studio_media::{render, render_many, thumbnail, MediaStore, Rendition};

fn library() -> (tempfile::TempDir, MediaStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = MediaStore::open(dir.path().join("library")).unwrap();
    (dir, store)
}

fn add(dir: &tempfile::TempDir, store: &MediaStore, name: &str, bytes: &[u8]) -> studio_core::media::ContentHash {
    import(store, &put(dir.path(), name, bytes)).unwrap().hash
}

const WHOLE: RenditionSpec = RenditionSpec {
    shape: Shape::Fit { max_width: 4000, max_height: 4000 },
    max_bytes: u64::MAX,
    quality_min: 95,
    quality_max: 95,
};

fn is_red(p: Rgb<u8>) -> bool {
    p.0[0] > 170 && p.0[1] < 80 && p.0[2] < 80
}

#[test]
fn all_eight_exif_orientations_are_applied() {
    let (dir, store) = library();
    let (w, h) = (300, 200);
    // Where the stored top-left marker must end up, for EXIF values 1..=8.
    let corners = ["tl", "tr", "br", "bl", "tl", "tr", "br", "bl"];
    for (value, corner) in (1u16..=8).zip(corners) {
        let hash = add(&dir, &store, &format!("o{value}.jpg"), &jpeg(&marked(w, h), Some(value), 95));
        let r = render(&store, &hash, &WHOLE, None).unwrap();
        let sideways = value >= 5;
        assert_eq!((r.width, r.height), if sideways { (h, w) } else { (w, h) }, "orientation {value}");
        let out = decode(&r.path);
        let (ow, oh) = out.dimensions();
        let at = |x: u32, y: u32| *out.get_pixel(x, y);
        let (tl, tr, bl, br) = (at(10, 10), at(ow - 11, 10), at(10, oh - 11), at(ow - 11, oh - 11));
        let expected = match corner {
            "tl" => tl,
            "tr" => tr,
            "bl" => bl,
            _ => br,
        };
        assert!(is_red(expected), "orientation {value}: marker not at {corner}");
        let red_corners = [tl, tr, bl, br].into_iter().filter(|&p| is_red(p)).count();
        assert_eq!(red_corners, 1, "orientation {value}");
    }
}

#[test]
fn renditions_carry_no_exif_gps_or_icc() {
    let (dir, store) = library();
    let original = jpeg(&photo_like(640, 480, 3), Some(6), 90);
    assert!(contains(&original, b"Exif") && contains(&original, &GPS_LATITUDE_ENTRY), "the test file has them");
    let hash = add(&dir, &store, "gps.jpg", &original);
    let p3 = add(&dir, &store, "p3.png", &png(&photo_like(64, 64, 4), Some(display_p3_icc())));
    let mut made = Vec::new();
    for rule in MEDIA_RULES {
        made.push(render(&store, &hash, &rule.spec, None).unwrap());
    }
    made.push(thumbnail(&store, &hash, 256).unwrap());
    made.push(render(&store, &p3, &WHOLE, None).unwrap());
    for r in made {
        let bytes = std::fs::read(&r.path).unwrap();
        assert!(!contains(&bytes, b"Exif"), "{}", r.path.display());
        assert!(!contains(&bytes, b"II\x2a\x00") && !contains(&bytes, b"MM\x00\x2a"), "no TIFF block");
        assert!(!contains(&bytes, &GPS_LATITUDE_ENTRY), "no GPS");
        assert!(!contains(&bytes, b"ICC_PROFILE") && !contains(&bytes, b"http://ns.adobe.com/xap"), "no ICC/XMP");
    }
}

#[test]
fn display_p3_colours_are_converted_to_srgb() {
    let (dir, store) = library();
    let colours = [[255u8, 0, 0], [200, 80, 60], [60, 180, 90], [128, 128, 128]];
    let picture = RgbImage::from_fn(400, 100, |x, _| Rgb(colours[(x / 100) as usize]));
    let hash = add(&dir, &store, "p3.png", &png(&picture, Some(display_p3_icc())));
    let out = decode(&render(&store, &hash, &WHOLE, None).unwrap().path);
    for (i, p3) in colours.iter().enumerate() {
        let got = out.get_pixel(i as u32 * 100 + 50, 50).0;
        let want = p3_to_srgb(*p3);
        for c in 0..3 {
            assert!((f64::from(got[c]) - want[c]).abs() <= 4.0, "P3 {p3:?}: got {got:?}, want {want:?}");
        }
    }
    // The saturated colours moved: the profile was not ignored.
    let moved = out.get_pixel(150, 50).0;
    assert!(moved[0] > 215 && moved[1] < 70, "P3 (200, 80, 60) is redder than sRGB can say: {moved:?}");
    let untouched =
        decode(&render(&store, &add(&dir, &store, "srgb.png", &png(&picture, None)), &WHOLE, None).unwrap().path);
    assert!(untouched.get_pixel(150, 50).0[0].abs_diff(200) <= 3, "without a profile pixels are sRGB already");
}

#[test]
fn renditions_land_under_the_byte_limit_at_the_highest_quality_that_fits() {
    let (dir, store) = library();
    let hash = add(&dir, &store, "noise.png", &png(&photo_like(1200, 900, 21), None));
    let spec = RenditionSpec {
        shape: Shape::Fit { max_width: 1200, max_height: 1200 },
        max_bytes: 250_000,
        quality_min: 60,
        quality_max: 95,
    };
    let r = render(&store, &hash, &spec, None).unwrap();
    assert_eq!((r.width, r.height), (1200, 900), "fits by quality alone, no shrinking");
    assert!(r.bytes <= spec.max_bytes, "{} bytes", r.bytes);
    assert!((61..95).contains(&r.quality), "searched, not a bound: q{}", r.quality);
    assert_eq!(std::fs::metadata(&r.path).unwrap().len(), r.bytes);

    let at = |q: u8| {
        render(&store, &hash, &RenditionSpec { max_bytes: u64::MAX, quality_min: q, quality_max: q, ..spec }, None)
            .unwrap()
    };
    assert_eq!(at(r.quality).bytes, r.bytes, "same pixels, same quality, same file");
    assert!(at(r.quality + 1).bytes > spec.max_bytes, "one step up would not fit");
}

#[test]
fn when_even_the_lowest_quality_is_too_big_the_picture_is_shrunk() {
    let (dir, store) = library();
    let hash = add(&dir, &store, "noise.png", &png(&photo_like(1200, 900, 22), None));
    let spec = RenditionSpec {
        shape: Shape::Fit { max_width: 1200, max_height: 1200 },
        max_bytes: 40_000,
        quality_min: 60,
        quality_max: 95,
    };
    let r = render(&store, &hash, &spec, None).unwrap();
    assert!(r.bytes <= 40_000);
    assert!(r.width < 1200 && r.height < 900, "{}×{}", r.width, r.height);
    assert!((r.width as f64 / r.height as f64 - 4.0 / 3.0).abs() < 0.01, "the shape is kept");

    // An exact size cannot shrink: impossible is an error, not a wrong size.
    let logo = RenditionSpec { shape: Shape::Cover { width: 320, height: 320 }, max_bytes: 500, ..spec };
    assert_eq!(render(&store, &hash, &logo, None).unwrap_err().code(), "media.cannot_fit");
}

#[test]
fn platform_rules_give_their_sizes_under_their_limits() {
    let (dir, store) = library();
    let hash = add(&dir, &store, "big.jpg", &jpeg(&photo_like(2600, 1950, 8), None, 92));
    let made = render_many(&store, &hash, &MEDIA_RULES.map(|r| (r.spec, None))).unwrap();
    let sizes: Vec<(u32, u32)> = made.iter().map(|r| (r.width, r.height)).collect();
    assert_eq!(sizes, vec![(2560, 1920), (1080, 1440), (320, 320), (1600, 1000), (1600, 1200), (60, 60), (996, 450)]);
    for (r, rule) in made.iter().zip(MEDIA_RULES) {
        assert!(r.bytes <= rule.spec.max_bytes, "{:?}: {} bytes", rule.name, r.bytes);
        assert_eq!(image::image_dimensions(&r.path).unwrap(), (r.width, r.height));
    }
}

#[test]
fn cover_crops_follow_the_focal_point() {
    let (dir, store) = library();
    // A red square near the right edge, centred at (1050, 300).
    let picture = RgbImage::from_fn(1200, 600, |x, y| {
        if (1000..1100).contains(&x) && (250..350).contains(&y) {
            Rgb([230, 10, 10])
        } else {
            Rgb([120, 120, 120])
        }
    });
    let hash = add(&dir, &store, "wide.png", &png(&picture, None));
    let square = RenditionSpec { shape: Shape::Cover { width: 300, height: 300 }, ..WHOLE };

    let right = render(&store, &hash, &square, Some(FocalPoint { x: 0.875, y: 0.5 })).unwrap();
    let out = decode(&right.path);
    assert_eq!(out.dimensions(), (300, 300));
    // The window is x 600..1200 (clamped at the edge), halved: the square is at x 200..250.
    assert!(is_red(*out.get_pixel(225, 150)), "{:?}", out.get_pixel(225, 150));

    let middle = decode(&render(&store, &hash, &square, None).unwrap().path);
    assert!(!middle.pixels().any(|&p| is_red(p)), "a centred crop leaves the square out");

    // 3:4 cover: as many pixels as fit, cut around the focal point.
    let cover = media_rule(MediaRuleName::Cover3x4).spec;
    let r = render(&store, &hash, &cover, Some(FocalPoint { x: 0.9, y: 0.5 })).unwrap();
    assert_eq!((r.width, r.height), (450, 600));
    let out = decode(&r.path);
    // Window x 750..1200 at full size: the square sits at x 250..350.
    assert!(is_red(*out.get_pixel(300, 300)));
}

#[test]
fn renditions_are_reused_and_any_change_makes_a_new_file() {
    let (dir, store) = library();
    let hash = add(&dir, &store, "a.jpg", &jpeg(&photo_like(800, 600, 30), None, 90));
    let other = add(&dir, &store, "b.jpg", &jpeg(&photo_like(800, 600, 32), None, 90));
    let spec = media_rule(MediaRuleName::ProfileLogo).spec;

    let first = render(&store, &hash, &spec, None).unwrap();
    let modified = std::fs::metadata(&first.path).unwrap().modified().unwrap();
    let again = render(&store, &hash, &spec, None).unwrap();
    assert_eq!(again, first, "same path, size and quality, read back from the file");
    assert_eq!(std::fs::metadata(&again.path).unwrap().modified().unwrap(), modified, "not written again");
    assert!(first.path.starts_with(dir.path().join("library/renditions").join(hash.as_str())));

    let paths = |r: Rendition| r.path;
    let moved = paths(render(&store, &hash, &spec, Some(FocalPoint { x: 0.2, y: 0.5 })).unwrap());
    let bigger = paths(
        render(&store, &hash, &RenditionSpec { shape: Shape::Cover { width: 400, height: 400 }, ..spec }, None)
            .unwrap(),
    );
    let stricter = paths(render(&store, &hash, &RenditionSpec { max_bytes: 900_000, ..spec }, None).unwrap());
    let source = paths(render(&store, &other, &spec, None).unwrap());
    let all = [first.path.clone(), moved, bigger, stricter, source];
    for (i, a) in all.iter().enumerate() {
        assert!(a.is_file());
        for b in &all[i + 1..] {
            assert_ne!(a, b);
        }
    }

    // A damaged cache file is made again rather than served.
    std::fs::write(&first.path, b"garbage").unwrap();
    let remade = render(&store, &hash, &spec, None).unwrap();
    assert_eq!(remade, first);
    assert!(files_under(&dir.path().join("library/tmp")).is_empty());
}

#[test]
fn thumbnails_are_small_and_cached() {
    let (dir, store) = library();
    let hash = add(&dir, &store, "t.jpg", &jpeg(&marked(1200, 800), Some(8), 90));
    let t = thumbnail(&store, &hash, 256).unwrap();
    assert_eq!((t.width, t.height), (171, 256), "turned, then fitted");
    assert_eq!(thumbnail(&store, &hash, 256).unwrap(), t);
    assert_eq!(thumbnail(&store, &hash, 128).unwrap().height, 128);
}

#[test]
fn a_gif_gives_its_first_frame_and_transparency_lies_on_white() {
    let (dir, store) = library();
    let gif = add(&dir, &store, "anim.gif", &animated_gif(60, 40, &[[0, 0, 255], [255, 0, 0], [0, 255, 0]]));
    let out = decode(&render(&store, &gif, &WHOLE, None).unwrap().path);
    let p = out.get_pixel(30, 20).0;
    assert!(p[2] > 200 && p[0] < 50 && p[1] < 50, "first frame is blue: {p:?}");

    let clear = image::RgbaImage::from_pixel(50, 50, image::Rgba([0, 0, 0, 0]));
    let mut bytes = Vec::new();
    clear.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    let out = decode(&render(&store, &add(&dir, &store, "clear.png", &bytes), &WHOLE, None).unwrap().path);
    assert!(out.get_pixel(25, 25).0.iter().all(|&c| c > 245));
}

#[test]
fn videos_and_unknown_hashes_have_no_picture_renditions() {
    let (dir, store) = library();
    let clip = add(&dir, &store, "clip.mp4", &movie(&MovieSpec::default()));
    assert_eq!(render(&store, &clip, &WHOLE, None).unwrap_err().code(), "media.not_an_image");
    let unknown = studio_core::media::ContentHash::parse(&"0".repeat(64)).unwrap();
    assert_eq!(thumbnail(&store, &unknown, 64).unwrap_err().code(), "media.not_found");
}
