//! Real media files made at test time: JPEGs with EXIF, a PNG with a
//! Display P3 profile, movies built box by box.
#![allow(dead_code)]

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ExtendedColorType, ImageEncoder, Rgb, RgbImage};
use studio_media::{Asset, ImportOptions, MediaError, MediaStore};

/// A grey picture with a red square in its stored top-left corner.
pub fn marked(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        if x < width / 5 && y < height / 5 {
            Rgb([220, 20, 20])
        } else {
            Rgb([128, 128, 128])
        }
    })
}

/// A picture that compresses like a photo: gradients plus seeded noise.
pub fn photo_like(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut state = seed | 1;
    RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let n = (state % 64) as i32 - 32;
        let r = (x * 255 / width) as i32 + n;
        let g = (y * 255 / height) as i32 - n / 2;
        let b = ((x + y) * 127 / (width + height)) as i32 + n;
        Rgb([r.clamp(0, 255) as u8, g.clamp(0, 255) as u8, b.clamp(0, 255) as u8])
    })
}

/// An EXIF block (TIFF, little-endian) with an orientation and a GPS
/// position (31° 14′ N).
pub fn exif(orientation: u16) -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"II\x2a\x00");
    t.extend_from_slice(&8u32.to_le_bytes());
    // IFD0: Orientation, GPS IFD pointer.
    t.extend_from_slice(&2u16.to_le_bytes());
    t.extend_from_slice(&0x0112u16.to_le_bytes());
    t.extend_from_slice(&3u16.to_le_bytes());
    t.extend_from_slice(&1u32.to_le_bytes());
    t.extend_from_slice(&orientation.to_le_bytes());
    t.extend_from_slice(&[0, 0]);
    t.extend_from_slice(&0x8825u16.to_le_bytes());
    t.extend_from_slice(&4u16.to_le_bytes());
    t.extend_from_slice(&1u32.to_le_bytes());
    t.extend_from_slice(&38u32.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(t.len(), 38);
    // GPS IFD: version, latitude ref, latitude.
    t.extend_from_slice(&3u16.to_le_bytes());
    t.extend_from_slice(&0x0000u16.to_le_bytes());
    t.extend_from_slice(&1u16.to_le_bytes());
    t.extend_from_slice(&4u32.to_le_bytes());
    t.extend_from_slice(&[2, 2, 0, 0]);
    t.extend_from_slice(&0x0001u16.to_le_bytes());
    t.extend_from_slice(&2u16.to_le_bytes());
    t.extend_from_slice(&2u32.to_le_bytes());
    t.extend_from_slice(b"N\0\0\0");
    t.extend_from_slice(&0x0002u16.to_le_bytes());
    t.extend_from_slice(&5u16.to_le_bytes());
    t.extend_from_slice(&3u32.to_le_bytes());
    t.extend_from_slice(&80u32.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(t.len(), 80);
    for (num, den) in [(31u32, 1u32), (14, 1), (0, 1)] {
        t.extend_from_slice(&num.to_le_bytes());
        t.extend_from_slice(&den.to_le_bytes());
    }
    t
}

/// The bytes by which GPS data would show: the GPS IFD's entries.
pub const GPS_LATITUDE_ENTRY: [u8; 8] = [0x02, 0x00, 0x05, 0x00, 0x03, 0x00, 0x00, 0x00];

/// A JPEG of `image`, with an EXIF block when `orientation` is given.
pub fn jpeg(image: &RgbImage, orientation: Option<u16>, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, quality);
    if let Some(o) = orientation {
        encoder.set_exif_metadata(exif(o)).unwrap();
    }
    encoder.write_image(image, image.width(), image.height(), ExtendedColorType::Rgb8).unwrap();
    out
}

/// A PNG of `image`, with an ICC profile when given.
pub fn png(image: &RgbImage, icc: Option<Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = PngEncoder::new(&mut out);
    if let Some(icc) = icc {
        encoder.set_icc_profile(icc).unwrap();
    }
    encoder.write_image(image, image.width(), image.height(), ExtendedColorType::Rgb8).unwrap();
    out
}

/// A lossless WebP.
pub fn webp(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .write_image(image, image.width(), image.height(), ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// An animated GIF whose frames are flat colours, first to last.
pub fn animated_gif(width: u32, height: u32, colours: &[[u8; 3]]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut out);
        encoder.set_repeat(image::codecs::gif::Repeat::Infinite).unwrap();
        let frames = colours.iter().map(|&[r, g, b]| {
            image::Frame::new(image::RgbaImage::from_pixel(width, height, image::Rgba([r, g, b, 255])))
        });
        encoder.encode_frames(frames).unwrap();
    }
    out
}

/// A v2 display profile with Display P3 primaries (adapted to D50, as
/// Apple's) and a 2.2 gamma curve, written tag by tag.
pub fn display_p3_icc() -> Vec<u8> {
    fn s15(v: f64) -> [u8; 4] {
        ((v * 65536.0).round() as i32).to_be_bytes()
    }
    fn xyz(x: f64, y: f64, z: f64) -> Vec<u8> {
        let mut t = b"XYZ \0\0\0\0".to_vec();
        for v in [x, y, z] {
            t.extend_from_slice(&s15(v));
        }
        t
    }
    let curve = {
        let mut t = b"curv\0\0\0\0".to_vec();
        t.extend_from_slice(&1u32.to_be_bytes());
        t.extend_from_slice(&[0x02, 0x33, 0, 0]); // 2.2 as u8Fixed8 (563/256), padded
        t
    };
    let desc = {
        let text = b"Test Display P3\0";
        let mut t = b"desc\0\0\0\0".to_vec();
        t.extend_from_slice(&(text.len() as u32).to_be_bytes());
        t.extend_from_slice(text);
        t.extend_from_slice(&[0; 4 + 4 + 2 + 1 + 67]);
        t
    };
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.5151, 0.2412, -0.0011)),
        (b"gXYZ", xyz(0.2920, 0.6922, 0.0419)),
        (b"bXYZ", xyz(0.1571, 0.0666, 0.7841)),
        (b"rTRC", curve.clone()),
        (b"gTRC", curve.clone()),
        (b"bTRC", curve),
    ];
    let mut table = Vec::new();
    let mut data = Vec::new();
    let data_start = 128 + 4 + 12 * tags.len();
    for (sig, body) in &tags {
        let offset = data_start + data.len();
        table.extend_from_slice(*sig);
        table.extend_from_slice(&(offset as u32).to_be_bytes());
        table.extend_from_slice(&(body.len() as u32).to_be_bytes());
        data.extend_from_slice(body);
        while data.len() % 4 != 0 {
            data.push(0);
        }
    }
    let size = data_start + data.len();
    let mut header = vec![0u8; 128];
    header[0..4].copy_from_slice(&(size as u32).to_be_bytes());
    header[8..12].copy_from_slice(&[0x02, 0x10, 0, 0]);
    header[12..16].copy_from_slice(b"mntr");
    header[16..20].copy_from_slice(b"RGB ");
    header[20..24].copy_from_slice(b"XYZ ");
    header[36..40].copy_from_slice(b"acsp");
    header[68..72].copy_from_slice(&s15(0.9642));
    header[72..76].copy_from_slice(&s15(1.0));
    header[76..80].copy_from_slice(&s15(0.8249));
    let mut icc = header;
    icc.extend_from_slice(&(tags.len() as u32).to_be_bytes());
    icc.extend_from_slice(&table);
    icc.extend_from_slice(&data);
    icc
}

/// What sRGB value a Display P3 colour (2.2 gamma, as the profile above)
/// should become, computed straight from the colour science.
pub fn p3_to_srgb(p3: [u8; 3]) -> [f64; 3] {
    let lin: Vec<f64> = p3.iter().map(|&v| (f64::from(v) / 255.0).powf(2.2)).collect();
    // Display P3 → sRGB, both D65, linear light.
    let m = [[1.2249, -0.2247, 0.0], [-0.0420, 1.0419, 0.0], [-0.0196, -0.0786, 1.0979]];
    let mut out = [0.0; 3];
    for (i, row) in m.iter().enumerate() {
        let v: f64 = (0..3).map(|j| row[j] * lin[j]).sum::<f64>().clamp(0.0, 1.0);
        out[i] = 255.0 * if v <= 0.0031308 { 12.92 * v } else { 1.055 * v.powf(1.0 / 2.4) - 0.055 };
    }
    out
}

fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = ((8 + body.len()) as u32).to_be_bytes().to_vec();
    b.extend_from_slice(kind);
    b.extend_from_slice(body);
    b
}

fn cat(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// How a movie test file is made.
pub struct MovieSpec {
    /// `ftyp` major brand: `isom` for MP4, `qt  ` for QuickTime.
    pub brand: [u8; 4],
    /// Sample entry type.
    pub codec: [u8; 4],
    /// Coded size.
    pub width: u16,
    /// Coded size.
    pub height: u16,
    /// Movie time units per second.
    pub timescale: u32,
    /// In timescale units.
    pub duration: u32,
    /// Shown turned a quarter (a phone held upright).
    pub rotated: bool,
    /// `vide`, or `soun` for an audio-only file.
    pub handler: [u8; 4],
}

impl Default for MovieSpec {
    fn default() -> Self {
        MovieSpec {
            brand: *b"isom",
            codec: *b"avc1",
            width: 1920,
            height: 1080,
            timescale: 600,
            duration: 600 * 12 + 300,
            rotated: false,
            handler: *b"vide",
        }
    }
}

/// A small, structurally valid ISO BMFF movie: ftyp, moov (mvhd, trak with
/// tkhd and mdia/mdhd/hdlr/minf/stbl/stsd), then some media data.
pub fn movie(spec: &MovieSpec) -> Vec<u8> {
    let u32b = |v: u32| v.to_be_bytes();
    let u16b = |v: u16| v.to_be_bytes();
    let identity: [u32; 9] = [0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000];
    let quarter: [u32; 9] = [0, 0x0001_0000, 0, 0xFFFF_0000, 0, 0, u32::from(spec.height) << 16, 0, 0x4000_0000];
    let matrix = |m: &[u32; 9]| m.iter().flat_map(|v| v.to_be_bytes()).collect::<Vec<u8>>();

    let ftyp = bx(b"ftyp", &cat(&[&spec.brand, &u32b(0), &spec.brand, b"isom"]));
    let mvhd = bx(
        b"mvhd",
        &cat(&[
            &[0, 0, 0, 0],
            &u32b(0),
            &u32b(0),
            &u32b(spec.timescale),
            &u32b(spec.duration),
            &u32b(0x0001_0000),
            &u16b(0x0100),
            &[0; 10],
            &matrix(&identity),
            &[0; 24],
            &u32b(2),
        ]),
    );
    let tkhd = bx(
        b"tkhd",
        &cat(&[
            &[0, 0, 0, 7],
            &u32b(0),
            &u32b(0),
            &u32b(1),
            &u32b(0),
            &u32b(spec.duration),
            &[0; 8],
            &[0; 8],
            &matrix(if spec.rotated { &quarter } else { &identity }),
            &u32b(u32::from(spec.width) << 16),
            &u32b(u32::from(spec.height) << 16),
        ]),
    );
    let mdhd = bx(
        b"mdhd",
        &cat(&[&[0, 0, 0, 0], &u32b(0), &u32b(0), &u32b(spec.timescale), &u32b(spec.duration), &u16b(0x55C4), &[0, 0]]),
    );
    let hdlr = bx(b"hdlr", &cat(&[&[0, 0, 0, 0], &u32b(0), &spec.handler, &[0; 12], b"Handler\0"]));
    let vmhd = bx(b"vmhd", &[0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    let dinf = bx(b"dinf", &bx(b"dref", &cat(&[&[0, 0, 0, 0], &u32b(1), &bx(b"url ", &[0, 0, 0, 1])])));
    let avcc = bx(b"avcC", &[1, 0x64, 0, 0x1F, 0xFF, 0xE0, 0x00]);
    let entry = bx(
        &spec.codec,
        &cat(&[
            &[0; 6],
            &u16b(1),
            &[0; 16],
            &u16b(spec.width),
            &u16b(spec.height),
            &u32b(0x0048_0000),
            &u32b(0x0048_0000),
            &u32b(0),
            &u16b(1),
            &[0; 32],
            &u16b(0x0018),
            &u16b(0xFFFF),
            &avcc,
        ]),
    );
    let stsd = bx(b"stsd", &cat(&[&[0, 0, 0, 0], &u32b(1), &entry]));
    let empty = |k: &[u8; 4]| bx(k, &cat(&[&[0, 0, 0, 0], &u32b(0)]));
    let stsz = bx(b"stsz", &cat(&[&[0, 0, 0, 0], &u32b(0), &u32b(0)]));
    let stbl = bx(b"stbl", &cat(&[&stsd, &empty(b"stts"), &empty(b"stsc"), &stsz, &empty(b"stco")]));
    let minf = bx(b"minf", &cat(&[&vmhd, &dinf, &stbl]));
    let mdia = bx(b"mdia", &cat(&[&mdhd, &hdlr, &minf]));
    let trak = bx(b"trak", &cat(&[&tkhd, &mdia]));
    let moov = bx(b"moov", &cat(&[&mvhd, &trak]));
    let mdat = bx(b"mdat", &[0x42; 4096]);
    cat(&[&ftyp, &moov, &mdat])
}

/// A 14000×14000 grey PNG written row by row: 196 MP that compresses to a
/// few hundred KB, made without holding the picture in memory.
pub fn bomb_png(path: &Path, width: u32, height: u32) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().unwrap();
    let mut stream = writer.stream_writer().unwrap();
    let row = vec![0u8; width as usize];
    for _ in 0..height {
        std::io::Write::write_all(&mut stream, &row).unwrap();
    }
    stream.finish().unwrap();
}

/// Writes `bytes` as `dir/name`.
pub fn put(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Imports with default options, no cancel, no progress.
pub fn import(store: &MediaStore, path: &Path) -> Result<Asset, MediaError> {
    store.import(path, &ImportOptions::default(), &AtomicBool::new(false), &mut |_| {})
}

/// Decodes a JPEG rendition.
pub fn decode(path: &Path) -> RgbImage {
    image::ImageReader::new(Cursor::new(std::fs::read(path).unwrap()))
        .with_guessed_format()
        .unwrap()
        .decode()
        .unwrap()
        .into_rgb8()
}

/// Whether `haystack` contains `needle`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The files under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}
