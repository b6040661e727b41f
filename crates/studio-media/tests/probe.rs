mod common;

use common::*;
use studio_core::media::{MediaFormat, MediaKind};
use studio_core::Lang;
use studio_media::{probe, MediaError, Probe};

fn code(r: Result<Probe, MediaError>) -> &'static str {
    r.expect_err("should be refused").code()
}

#[test]
fn jpeg_size_is_reported_as_shown_after_exif_orientation() {
    let dir = tempfile::tempdir().unwrap();
    let upright = put(dir.path(), "a.jpg", &jpeg(&marked(300, 200), None, 90));
    let turned = put(dir.path(), "b.jpeg", &jpeg(&marked(300, 200), Some(6), 90));
    let p = probe(&upright).unwrap();
    assert_eq!((p.kind, p.format, p.width, p.height), (MediaKind::Image, MediaFormat::Jpeg, 300, 200));
    assert_eq!((p.duration_ms, p.codec), (None, None));
    let p = probe(&turned).unwrap();
    assert_eq!((p.width, p.height), (200, 300));
}

#[test]
fn png_webp_and_gif_are_told_by_their_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let picture = photo_like(64, 48, 1);
    for (name, bytes, format) in [
        ("p.png", png(&picture, None), MediaFormat::Png),
        ("w.webp", webp(&picture), MediaFormat::Webp),
        ("g.gif", animated_gif(64, 48, &[[255, 0, 0], [0, 0, 255]]), MediaFormat::Gif),
        // No extension: the bytes alone decide.
        ("noext", png(&picture, None), MediaFormat::Png),
    ] {
        let p = probe(&put(dir.path(), name, &bytes)).unwrap();
        assert_eq!((p.format, p.width, p.height), (format, 64, 48), "{name}");
    }
}

#[test]
fn mp4_and_mov_give_duration_size_and_codec_from_the_container() {
    let dir = tempfile::tempdir().unwrap();
    let mp4 = put(dir.path(), "clip.mp4", &movie(&MovieSpec::default()));
    let p = probe(&mp4).unwrap();
    assert_eq!(p.kind, MediaKind::Video);
    assert_eq!(p.format, MediaFormat::Mp4);
    assert_eq!((p.width, p.height), (1920, 1080));
    assert_eq!(p.duration_ms, Some(12_500));
    assert_eq!(p.codec.as_deref(), Some("avc1"));

    let mov = MovieSpec { brand: *b"qt  ", codec: *b"hvc1", rotated: true, ..MovieSpec::default() };
    let p = probe(&put(dir.path(), "phone.MOV", &movie(&mov))).unwrap();
    assert_eq!(p.format, MediaFormat::Mov);
    assert_eq!(p.codec.as_deref(), Some("hvc1"));
    assert_eq!((p.width, p.height), (1080, 1920), "a phone held upright shows portrait");
}

#[test]
fn a_movie_cut_short_or_without_video_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let whole = movie(&MovieSpec::default());
    assert_eq!(code(probe(&put(dir.path(), "cut.mp4", &whole[..whole.len() - 100]))), "media.truncated");
    // Only the ftyp and the start of moov: the index never got written.
    assert_eq!(code(probe(&put(dir.path(), "head.mp4", &whole[..40]))), "media.truncated");
    let audio = movie(&MovieSpec { handler: *b"soun", ..MovieSpec::default() });
    assert_eq!(code(probe(&put(dir.path(), "voice.m4v", &audio))), "media.unsupported");
}

#[test]
fn bad_files_get_their_own_error_codes() {
    let dir = tempfile::tempdir().unwrap();
    let picture = photo_like(200, 150, 2);
    let whole = jpeg(&picture, None, 90);
    let cases = [
        ("empty.jpg", Vec::new(), "media.empty"),
        ("cut.jpg", whole[..whole.len() * 2 / 3].to_vec(), "media.truncated"),
        ("really-a-png.jpg", png(&picture, None), "media.type_mismatch"),
        ("notes.png", b"shopping list: coffee beans, oat milk\n".to_vec(), "media.type_mismatch"),
        ("mystery.bin", b"\x00\x01\x02\x03 not a picture at all".to_vec(), "media.unsupported"),
        // An iPhone HEIC still shares the movie container but is no video.
        ("photo.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec(), "media.unsupported"),
    ];
    for (name, bytes, expected) in cases {
        let result = probe(&put(dir.path(), name, &bytes));
        let err = result.expect_err(name);
        assert_eq!(err.code(), expected, "{name}: {err}");
        // Every message names the file and says something in both languages.
        for lang in [Lang::ZhCn, Lang::En] {
            assert!(err.message(lang).contains(name), "{name}: {}", err.message(lang));
        }
    }
}

#[test]
fn a_type_mismatch_says_the_file_lies_about_its_type() {
    let dir = tempfile::tempdir().unwrap();
    let path = put(dir.path(), "really-a-png.jpg", &png(&photo_like(8, 8, 3), None));
    let err = probe(&path).unwrap_err();
    let en = err.message(Lang::En);
    assert!(en.contains("lies about its type") && en.contains("JPEG") && en.contains("PNG"), "{en}");
    assert!(err.message(Lang::ZhCn).contains("不符"));
}

/// A small JPEG whose frame header claims `width`×`height`.
fn claiming(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = jpeg(&photo_like(16, 16, 4), None, 90);
    let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).expect("baseline frame header");
    bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

#[test]
fn a_50_megapixel_phone_photo_is_within_limits() {
    let dir = tempfile::tempdir().unwrap();
    let p = probe(&put(dir.path(), "50mp.jpg", &claiming(8192, 6144))).unwrap();
    assert_eq!((p.width, p.height), (8192, 6144));
}

#[test]
fn a_header_claiming_200_megapixels_is_refused_before_decoding() {
    let dir = tempfile::tempdir().unwrap();
    // 16384 × 12288 = 201 MP.
    let err = probe(&put(dir.path(), "huge.jpg", &claiming(16384, 12288))).unwrap_err();
    assert_eq!(err.code(), "media.too_large_pixels");
    assert!(err.message(Lang::En).contains("16384×12288"), "{}", err.message(Lang::En));
}
