//! Renditions: the JPEGs the platform gets, made from an original with the
//! pixels right (EXIF orientation applied, colours converted to sRGB),
//! nothing of the original's metadata carried over, and the highest JPEG
//! quality that fits under the byte limit.
//!
//! Colour management uses `qcms`, Firefox's colour engine: pure Rust (no C
//! library to ship in the installer), fuzzed against hostile profiles, and
//! it handles the matrix/TRC profiles phones and cameras embed (Display P3,
//! Adobe RGB). `lcms2` would add a C build for features renditions don't need.

use std::fs;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, RgbImage};
use jpeg_encoder::{ColorType, Encoder, SamplingFactor};
use studio_core::media::{ContentHash, FocalPoint, MediaFormat, MediaKind, RenditionSpec, Shape, IMAGE_LIMITS};

use crate::probe::{image_decoder, image_error, sniff, turns_sideways};
use crate::store::sync_dir;
use crate::{MediaError, MediaStore};

/// A rendition on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendition {
    /// The JPEG file, under the library's `renditions/<hash>/`.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The JPEG quality it was encoded at.
    pub quality: u8,
}

/// Bumped whenever the same spec would give different pixels, so cached
/// renditions from older code are not reused.
const RENDER_VERSION: u32 = 1;

/// Quality of UI grid thumbnails: small files, no visible artefacts at
/// thumbnail size.
const THUMBNAIL_QUALITY: u8 = 80;

/// Makes (or reuses) the rendition of asset `hash` to `spec`, cropped around
/// `focal` (the middle when `None`).
pub fn render(
    store: &MediaStore,
    hash: &ContentHash,
    spec: &RenditionSpec,
    focal: Option<FocalPoint>,
) -> Result<Rendition, MediaError> {
    render_many(store, hash, &[(*spec, focal)]).map(|mut all| all.remove(0))
}

/// A small JPEG for the UI grid, longest edge at most `max_edge`.
pub fn thumbnail(store: &MediaStore, hash: &ContentHash, max_edge: u32) -> Result<Rendition, MediaError> {
    render(store, hash, &thumbnail_spec(max_edge), None)
}

/// The spec [`thumbnail`] renders to.
pub fn thumbnail_spec(max_edge: u32) -> RenditionSpec {
    RenditionSpec {
        shape: Shape::Fit { max_width: max_edge, max_height: max_edge },
        max_bytes: u64::MAX,
        quality_min: THUMBNAIL_QUALITY,
        quality_max: THUMBNAIL_QUALITY,
    }
}

/// Makes several renditions of one asset, decoding the original at most
/// once; those already cached are reused. In the order asked.
pub fn render_many(
    store: &MediaStore,
    hash: &ContentHash,
    wanted: &[(RenditionSpec, Option<FocalPoint>)],
) -> Result<Vec<Rendition>, MediaError> {
    let dir = store.rendition_dir(hash);
    let mut out = Vec::with_capacity(wanted.len());
    let mut source: Option<Source> = None;
    for (spec, focal) in wanted {
        let focal = focal.unwrap_or_default().per_mille();
        let path = dir.join(file_name(spec, focal));
        if let Some(cached) = cached(path.clone(), spec) {
            out.push(cached);
            continue;
        }
        if source.is_none() {
            source = Some(Source::load(store, hash)?);
        }
        let source = source.as_ref().expect("loaded above");
        let (jpeg, width, height, quality) = source.rendition(spec, focal)?;
        write_atomically(store, &dir, &path, &jpeg)?;
        out.push(Rendition { path, bytes: jpeg.len() as u64, width, height, quality });
    }
    Ok(out)
}

/// The cache file name: everything that changes the output is in it.
fn file_name(spec: &RenditionSpec, (fx, fy): (u16, u16)) -> String {
    let shape = match spec.shape {
        Shape::Fit { max_width, max_height } => format!("fit{max_width}x{max_height}"),
        Shape::Cover { width, height } => format!("cover{width}x{height}"),
        Shape::Aspect { width, height, max_edge } => format!("aspect{width}x{height}e{max_edge}"),
    };
    let bytes = if spec.max_bytes == u64::MAX { "any".to_string() } else { spec.max_bytes.to_string() };
    // A fit keeps the whole picture, so the focal point changes nothing.
    let focal = match spec.shape {
        Shape::Fit { .. } => "whole".to_string(),
        _ => format!("f{fx}x{fy}"),
    };
    format!("{shape}-b{bytes}-q{}-{}-v{RENDER_VERSION}-{focal}.jpg", spec.quality_min, spec.quality_max)
}

/// A cached rendition, if it is there and whole.
fn cached(path: PathBuf, spec: &RenditionSpec) -> Option<Rendition> {
    let jpeg = fs::read(&path).ok()?;
    let (width, height) =
        image::ImageReader::with_format(Cursor::new(&jpeg), image::ImageFormat::Jpeg).into_dimensions().ok()?;
    let quality = quality_of(&jpeg, spec)?;
    Some(Rendition { path, bytes: jpeg.len() as u64, width, height, quality })
}

/// The quality a JPEG of ours was encoded at, told by its quantisation
/// tables: the file itself is the record, so no side file can disagree.
fn quality_of(jpeg: &[u8], spec: &RenditionSpec) -> Option<u8> {
    let tables = dqt(jpeg)?;
    let probe = [128u8; 16 * 16 * 3];
    (spec.quality_min..=spec.quality_max)
        .rev()
        .find(|&q| encode(&probe, 16, 16, q).ok().and_then(|made| dqt(&made).map(|t| t == tables)).unwrap_or(false))
}

/// The payloads of the DQT segments before the first scan.
fn dqt(jpeg: &[u8]) -> Option<Vec<&[u8]>> {
    let mut tables = Vec::new();
    let mut pos = 2;
    while pos + 4 <= jpeg.len() && jpeg[pos] == 0xFF {
        let marker = jpeg[pos + 1];
        let len = usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
        let body = jpeg.get(pos + 4..pos + 2 + len)?;
        match marker {
            0xDB => tables.push(body),
            0xDA => break,
            _ => {}
        }
        pos += 2 + len;
    }
    (!tables.is_empty()).then_some(tables)
}

/// Writes through a temporary file and a rename, so a crash or a second
/// renderer never leaves a half-written JPEG under the cache name.
fn write_atomically(store: &MediaStore, dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), MediaError> {
    if !dir.is_dir() {
        fs::create_dir_all(dir).map_err(|e| MediaError::io(dir, e))?;
    }
    let tmp_dir = store.tmp_dir();
    let mut temp = tempfile::Builder::new()
        .prefix(".rendition-")
        .tempfile_in(&tmp_dir)
        .map_err(|e| MediaError::io(&tmp_dir, e))?;
    temp.write_all(bytes).map_err(|e| MediaError::io(temp.path(), e))?;
    temp.as_file().sync_all().map_err(|e| MediaError::io(temp.path(), e))?;
    temp.persist(path).map_err(|e| MediaError::io(path, e.error))?;
    sync_dir(dir)
}

/// An original decoded once: RGB in the file's stored orientation and
/// colour space. Orientation and colour are applied to each small output
/// rather than to the big original: the same result (the resampling kernel
/// is symmetric, colour conversion is per pixel) at a fraction of the work.
pub(crate) struct Source {
    /// Named in errors.
    name: String,
    format: MediaFormat,
    rgb: Vec<u8>,
    width: u32,
    height: u32,
    orientation: Orientation,
    colour: Option<Colour>,
}

/// How stored colours become sRGB.
struct Colour {
    transform: qcms::Transform,
    /// A grey profile maps one channel to three.
    grey: bool,
}

impl Source {
    fn load(store: &MediaStore, hash: &ContentHash) -> Result<Source, MediaError> {
        let path = store.path_of(hash)?;
        let bytes = fs::read(&path).map_err(|e| MediaError::io(&path, e))?;
        Source::decode(&bytes, hash.as_str())
    }

    /// Decodes an image held in memory; `name` is used in errors.
    pub(crate) fn decode(bytes: &[u8], name: &str) -> Result<Source, MediaError> {
        let format = sniff(bytes).ok_or_else(|| MediaError::Unsupported { file: name.to_string() })?;
        if format.kind() == MediaKind::Video {
            return Err(MediaError::NotAnImage { hash: name.to_string() });
        }
        if bytes.len() as u64 > IMAGE_LIMITS.max_file_bytes {
            return Err(MediaError::TooLargeBytes {
                file: name.to_string(),
                bytes: bytes.len() as u64,
                max: IMAGE_LIMITS.max_file_bytes,
            });
        }
        let (mut decoder, header) = image_decoder(bytes, format, name)?;
        // A profile that cannot be read is treated as sRGB, as browsers do.
        let icc = decoder.icc_profile().ok().flatten();
        let size = Some((header.width, header.height));
        let image = DynamicImage::from_decoder(decoder).map_err(|e| image_error(e, name, format, size))?;
        let grey_pixels = !image.color().has_color();
        let colour = icc.and_then(|icc| colour_to_srgb(&icc, grey_pixels));
        let rgb = flatten(image);
        Ok(Source {
            name: name.to_string(),
            format,
            width: rgb.width(),
            height: rgb.height(),
            rgb: rgb.into_raw(),
            orientation: header.orientation,
            colour,
        })
    }

    /// The size as shown.
    fn shown(&self) -> (u32, u32) {
        if turns_sideways(self.orientation) {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }

    /// Encodes the rendition: JPEG bytes, width, height, quality.
    fn rendition(&self, spec: &RenditionSpec, focal: (u16, u16)) -> Result<(Vec<u8>, u32, u32, u8), MediaError> {
        let (crop, mut out) = plan(spec.shape, self.shown(), focal);
        let shrinkable = !matches!(spec.shape, Shape::Cover { .. });
        // Baseline JPEG stores each edge in 16 bits.
        if out.0 > u32::from(u16::MAX) || out.1 > u32::from(u16::MAX) {
            return Err(MediaError::CannotFit { max_bytes: spec.max_bytes });
        }
        for _ in 0..12 {
            let pixels = self.cut(crop, out)?;
            match best_quality(&pixels, out, spec)? {
                Fit::Fits(jpeg, q) => return Ok((jpeg, out.0, out.1, q)),
                Fit::TooBig(floor_len) if shrinkable => {
                    // File size grows about with the pixel count; aim a little
                    // under so one more round usually suffices.
                    let ratio = (spec.max_bytes as f64 / floor_len as f64).sqrt() * 0.95;
                    let next = shrink(spec.shape, out, ratio.min(0.9));
                    if next.0 < 16 || next.1 < 16 {
                        break;
                    }
                    out = next;
                }
                Fit::TooBig(_) => break,
            }
        }
        Err(MediaError::CannotFit { max_bytes: spec.max_bytes })
    }

    /// Resamples the shown-space `crop` to `out` (shown size), turned and in sRGB.
    fn cut(&self, crop: Rect, out: (u32, u32)) -> Result<RgbImage, MediaError> {
        let stored = crop.to_stored(self.orientation, self.shown());
        let sideways = turns_sideways(self.orientation);
        let (w, h) = if sideways { (out.1, out.0) } else { out };
        let resize_failed = |e: &dyn std::fmt::Display| MediaError::Corrupt {
            file: self.name.clone(),
            format: self.format,
            detail: format!("resampling failed: {e}"),
        };
        let src = ImageRef::new(self.width, self.height, &self.rgb, PixelType::U8x3).map_err(|e| resize_failed(&e))?;
        let mut dst = Image::new(w, h, PixelType::U8x3);
        let options = ResizeOptions::new()
            .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
            .crop(stored.x, stored.y, stored.w, stored.h);
        Resizer::new().resize(&src, &mut dst, &options).map_err(|e| resize_failed(&e))?;
        let mut image = DynamicImage::ImageRgb8(RgbImage::from_raw(w, h, dst.into_vec()).expect("sized by resizer"));
        image.apply_orientation(self.orientation);
        let mut rgb = image.into_rgb8();
        if let Some(colour) = &self.colour {
            if colour.grey {
                let grey: Vec<u8> = rgb.pixels().map(|p| p.0[0]).collect();
                colour.transform.convert(&grey, &mut rgb);
            } else {
                colour.transform.apply(&mut rgb);
            }
        }
        Ok(rgb)
    }
}

/// A transform from the embedded profile to sRGB; none when the profile is
/// sRGB already or cannot be used (then the pixels are taken as sRGB).
fn colour_to_srgb(icc: &[u8], grey_pixels: bool) -> Option<Colour> {
    // The pixels are RGB by now (grey ones have three equal channels), so
    // only an RGB profile, or a grey one over grey pixels, applies. A CMYK
    // profile cannot: the decoder has already turned CMYK into RGB.
    let grey = match icc.get(16..20)? {
        b"RGB " => false,
        b"GRAY" if grey_pixels => true,
        _ => return None,
    };
    let input = qcms::Profile::new_from_slice(icc, false)?;
    if input.is_sRGB() {
        return None;
    }
    let mut srgb = qcms::Profile::new_sRGB();
    srgb.precache_output_transform();
    let intent = qcms::Intent::default();
    let transform = if grey {
        qcms::Transform::new_to(&input, &srgb, qcms::DataType::Gray8, qcms::DataType::RGB8, intent)
    } else {
        qcms::Transform::new(&input, &srgb, qcms::DataType::RGB8, intent)
    }?;
    Some(Colour { transform, grey })
}

/// Any decoded image as 8-bit RGB; transparency is laid on white, as the
/// platform shows pictures on a white page.
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (w, h) = rgba.dimensions();
    let mut rgb = Vec::with_capacity(w as usize * h as usize * 3);
    for p in rgba.pixels() {
        let [r, g, b, a] = p.0;
        let a = u32::from(a);
        for c in [r, g, b] {
            rgb.push(((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    RgbImage::from_raw(w, h, rgb).expect("sized above")
}

/// A rectangle in pixels, fractional so crops land exactly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// The same rectangle in the stored picture, given the orientation
    /// that turns stored into shown (shown size `(sw, sh)`).
    pub(crate) fn to_stored(self, o: Orientation, (sw, sh): (u32, u32)) -> Rect {
        let (sw, sh) = (f64::from(sw), f64::from(sh));
        // Where a shown point (u, v) sits in the stored picture.
        let map = |u: f64, v: f64| match o {
            Orientation::NoTransforms => (u, v),
            Orientation::FlipHorizontal => (sw - u, v),
            Orientation::FlipVertical => (u, sh - v),
            Orientation::Rotate180 => (sw - u, sh - v),
            Orientation::Rotate90 => (v, sw - u),
            Orientation::Rotate270 => (sh - v, u),
            Orientation::Rotate90FlipH => (v, u),
            Orientation::Rotate270FlipH => (sh - v, sw - u),
        };
        let (x0, y0) = map(self.x, self.y);
        let (x1, y1) = map(self.x + self.w, self.y + self.h);
        Rect { x: x0.min(x1), y: y0.min(y1), w: (x1 - x0).abs(), h: (y1 - y0).abs() }
    }
}

/// What to cut from the shown picture `(w, h)` and the output size.
pub(crate) fn plan(shape: Shape, (w, h): (u32, u32), (fx, fy): (u16, u16)) -> (Rect, (u32, u32)) {
    let (wf, hf) = (f64::from(w), f64::from(h));
    let whole = Rect { x: 0.0, y: 0.0, w: wf, h: hf };
    // The largest rw:rh window, centred on the focal point as far as the
    // edges allow.
    let window = |rw: u32, rh: u32| {
        let ratio = f64::from(rw) / f64::from(rh);
        let (cw, ch) = if wf / hf > ratio { (hf * ratio, hf) } else { (wf, wf / ratio) };
        let x = (f64::from(fx) / 1000.0 * wf - cw / 2.0).clamp(0.0, wf - cw);
        let y = (f64::from(fy) / 1000.0 * hf - ch / 2.0).clamp(0.0, hf - ch);
        Rect { x, y, w: cw, h: ch }
    };
    match shape {
        Shape::Fit { max_width, max_height } => {
            let scale = (f64::from(max_width.max(1)) / wf).min(f64::from(max_height.max(1)) / hf).min(1.0);
            (whole, (((wf * scale).round() as u32).max(1), ((hf * scale).round() as u32).max(1)))
        }
        Shape::Cover { width, height } => (window(width.max(1), height.max(1)), (width.max(1), height.max(1))),
        Shape::Aspect { width, height, max_edge } => {
            let (rw, rh) = (width.max(1), height.max(1));
            let crop = window(rw, rh);
            // Whole ratio units, so the output is exactly rw:rh.
            let units =
                (crop.w / f64::from(rw)).min(f64::from(max_edge) / f64::from(rw.max(rh))).floor().max(1.0) as u32;
            (crop, (units * rw, units * rh))
        }
    }
}

/// A smaller output of the same shape, about `ratio` times each edge.
fn shrink(shape: Shape, (w, h): (u32, u32), ratio: f64) -> (u32, u32) {
    match shape {
        Shape::Aspect { width, height, .. } => {
            let units = ((f64::from(w / width.max(1)) * ratio).floor() as u32).max(1);
            (units * width.max(1), units * height.max(1))
        }
        _ => (((f64::from(w) * ratio).round() as u32).max(1), ((f64::from(h) * ratio).round() as u32).max(1)),
    }
}

enum Fit {
    /// The JPEG at the highest quality within the limit, and that quality.
    Fits(Vec<u8>, u8),
    /// Even the lowest quality is too big; its size.
    TooBig(u64),
}

/// Binary search on quality for the highest that fits: sizes grow with
/// quality, so the answer is the `q` that fits where `q + 1` does not.
fn best_quality(pixels: &RgbImage, (w, h): (u32, u32), spec: &RenditionSpec) -> Result<Fit, MediaError> {
    let (lo_q, hi_q) = (spec.quality_min.clamp(1, 100), spec.quality_max.clamp(1, 100));
    let (lo_q, hi_q) = (lo_q.min(hi_q), hi_q.max(lo_q));
    let fits = |jpeg: &Vec<u8>| jpeg.len() as u64 <= spec.max_bytes;
    // Most renditions fit at the top quality: one encode.
    let top = encode(pixels, w, h, hi_q)?;
    if fits(&top) {
        return Ok(Fit::Fits(top, hi_q));
    }
    let bottom = encode(pixels, w, h, lo_q)?;
    if !fits(&bottom) {
        return Ok(Fit::TooBig(bottom.len() as u64));
    }
    let (mut lo, mut hi, mut best) = (lo_q, hi_q, bottom);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        let jpeg = encode(pixels, w, h, mid)?;
        if fits(&jpeg) {
            (lo, best) = (mid, jpeg);
        } else {
            hi = mid;
        }
    }
    Ok(Fit::Fits(best, lo))
}

/// A baseline JPEG with nothing but pixels: no EXIF, XMP or ICC (sRGB is
/// what a JPEG without a profile means). 4:2:0 at every quality so the size
/// grows steadily with quality, which the binary search relies on. Huffman
/// tables stay the standard ones: jpeg-encoder 0.7.1 writes a stream that
/// decodes to wrong colours when optimised tables meet 4:2:0 (a test pins
/// the colours).
pub(crate) fn encode(pixels: &[u8], w: u32, h: u32, quality: u8) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::new();
    let mut encoder = Encoder::new(&mut out, quality);
    encoder.set_sampling_factor(SamplingFactor::F_2_2);
    // Sizes were checked against 16 bits when the output was planned.
    let (w, h) = (u16::try_from(w).unwrap_or(u16::MAX), u16::try_from(h).unwrap_or(u16::MAX));
    encoder.encode(pixels, w, h, ColorType::Rgb).map_err(|e| MediaError::Corrupt {
        file: String::new(),
        format: MediaFormat::Jpeg,
        detail: format!("encoding failed: {e}"),
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Orientation; 8] = [
        Orientation::NoTransforms,
        Orientation::FlipHorizontal,
        Orientation::Rotate180,
        Orientation::FlipVertical,
        Orientation::Rotate90FlipH,
        Orientation::Rotate90,
        Orientation::Rotate270FlipH,
        Orientation::Rotate270,
    ];

    /// Cutting the stored picture at the mapped rectangle and then turning
    /// it must give what turning first and cutting after gives.
    #[test]
    fn crops_map_into_the_stored_picture_for_all_eight_orientations() {
        let (w, h) = (6u32, 4u32);
        let stored = RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 0]));
        for o in ALL {
            let mut shown = DynamicImage::ImageRgb8(stored.clone());
            shown.apply_orientation(o);
            let shown = shown.into_rgb8();
            let crop = Rect { x: 1.0, y: 1.0, w: 2.0, h: 1.0 };
            let s = crop.to_stored(o, shown.dimensions());
            let cut = image::imageops::crop_imm(&stored, s.x as u32, s.y as u32, s.w as u32, s.h as u32).to_image();
            let mut cut = DynamicImage::ImageRgb8(cut);
            cut.apply_orientation(o);
            let expected = image::imageops::crop_imm(&shown, 1, 1, 2, 1).to_image();
            assert_eq!(cut.into_rgb8(), expected, "{o:?}");
        }
    }

    #[test]
    fn aspect_crops_keep_the_exact_ratio_and_as_many_pixels_as_fit() {
        let (crop, out) = plan(Shape::Aspect { width: 3, height: 4, max_edge: 100_000 }, (4000, 3000), (500, 500));
        assert_eq!(out, (2250, 3000));
        assert_eq!((crop.w, crop.h), (2250.0, 3000.0));
        assert_eq!(crop.x, (4000.0 - 2250.0) / 2.0);
        let (_, out) = plan(Shape::Aspect { width: 3, height: 4, max_edge: 1440 }, (4000, 3000), (500, 500));
        assert_eq!(out, (1080, 1440));
    }

    #[test]
    fn fits_never_enlarge() {
        assert_eq!(plan(Shape::Fit { max_width: 2560, max_height: 2560 }, (800, 600), (0, 0)).1, (800, 600));
        assert_eq!(plan(Shape::Fit { max_width: 2560, max_height: 2560 }, (6000, 4000), (0, 0)).1, (2560, 1707));
    }
}
