//! What a file is, told by its bytes and never by its name: the format, the
//! size in pixels (as shown, after EXIF orientation), and for videos the
//! duration and codec read from the container.

use std::fs::File;
use std::io::{self, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use image::metadata::Orientation;
use image::{ImageDecoder, ImageError, ImageFormat, ImageReader};
use studio_core::media::{MediaFormat, MediaKind, IMAGE_LIMITS};

use crate::MediaError;

/// A media file as probed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// Image or video.
    pub kind: MediaKind,
    /// The format, from the bytes.
    pub format: MediaFormat,
    /// Width as shown (after EXIF orientation or the track's rotation).
    pub width: u32,
    /// Height as shown.
    pub height: u32,
    /// Videos: the movie's duration in milliseconds.
    pub duration_ms: Option<u64>,
    /// Videos: the sample entry's codec, e.g. `avc1`, `hvc1`.
    pub codec: Option<String>,
}

/// Reads what the file at `path` is. Messages name the file by its own name.
pub fn probe(path: &Path) -> Result<Probe, MediaError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    probe_as(path, &name)
}

/// Probes `path`, judging the extension of `name` (which may differ from the
/// path, e.g. a temporary copy) and naming the file `name` in errors.
pub(crate) fn probe_as(path: &Path, name: &str) -> Result<Probe, MediaError> {
    let mut file = File::open(path).map_err(|e| MediaError::io(path, e))?;
    let len = file.metadata().map_err(|e| MediaError::io(path, e))?.len();
    if len == 0 {
        return Err(MediaError::Empty { file: name.to_string() });
    }
    let mut head = [0u8; 32];
    let got = read_up_to(&mut file, &mut head).map_err(|e| MediaError::io(path, e))?;
    let format = identify(&head[..got], name)?;
    match format.kind() {
        MediaKind::Image => {
            if len > IMAGE_LIMITS.max_file_bytes {
                return Err(MediaError::TooLargeBytes {
                    file: name.to_string(),
                    bytes: len,
                    max: IMAGE_LIMITS.max_file_bytes,
                });
            }
            let bytes = std::fs::read(path).map_err(|e| MediaError::io(path, e))?;
            let header = image_header(&bytes, format, name)?;
            let (width, height) = header.shown_size();
            Ok(Probe { kind: MediaKind::Image, format, width, height, duration_ms: None, codec: None })
        }
        MediaKind::Video => {
            file.seek(SeekFrom::Start(0)).map_err(|e| MediaError::io(path, e))?;
            let movie = read_movie(&mut file, len, format, name).map_err(|e| match e {
                MovieError::Io(e) => MediaError::io(path, e),
                MovieError::Media(e) => e,
            })?;
            Ok(Probe {
                kind: MediaKind::Video,
                format,
                width: movie.width,
                height: movie.height,
                duration_ms: movie.duration_ms,
                codec: Some(movie.codec),
            })
        }
    }
}

/// Fills `buf` as far as the file allows.
fn read_up_to(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

/// The format of the first bytes of a file, if it is one we read.
pub fn sniff(head: &[u8]) -> Option<MediaFormat> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(MediaFormat::Jpeg);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(MediaFormat::Png);
    }
    if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        return Some(MediaFormat::Gif);
    }
    if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return Some(MediaFormat::Webp);
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        return match &head[8..12] {
            b"qt  " => Some(MediaFormat::Mov),
            // HEIF and AVIF stills share the container but are not videos.
            b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1" | b"avif" | b"avis" => None,
            _ => Some(MediaFormat::Mp4),
        };
    }
    // Old QuickTime files open straight with an atom and no `ftyp`.
    if head.len() >= 8 && matches!(&head[4..8], b"moov" | b"mdat" | b"wide") {
        return Some(MediaFormat::Mov);
    }
    None
}

/// The format of `head`, refusing a name whose extension claims another.
pub(crate) fn identify(head: &[u8], name: &str) -> Result<MediaFormat, MediaError> {
    let found = sniff(head);
    let claimed = Path::new(name).extension().and_then(|e| e.to_str()).and_then(MediaFormat::from_extension);
    match (claimed, found) {
        // MP4 and MOV share one container and tools mix up their names freely.
        (Some(c), Some(f)) if c == f || (c.kind() == MediaKind::Video && f.kind() == MediaKind::Video) => Ok(f),
        (Some(claimed), found) => Err(MediaError::TypeMismatch { file: name.to_string(), claimed, found }),
        (None, Some(f)) => Ok(f),
        (None, None) => Err(MediaError::Unsupported { file: name.to_string() }),
    }
}

/// An image's header: stored size and EXIF orientation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ImageHeader {
    pub width: u32,
    pub height: u32,
    pub orientation: Orientation,
}

impl ImageHeader {
    /// The size as shown, after the orientation turns it.
    pub fn shown_size(&self) -> (u32, u32) {
        if turns_sideways(self.orientation) {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// Whether the orientation swaps width and height.
pub(crate) fn turns_sideways(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    )
}

/// The `image` crate's name for a format.
pub(crate) fn image_format(format: MediaFormat) -> ImageFormat {
    match format {
        MediaFormat::Jpeg => ImageFormat::Jpeg,
        MediaFormat::Png => ImageFormat::Png,
        MediaFormat::Webp => ImageFormat::WebP,
        MediaFormat::Gif => ImageFormat::Gif,
        MediaFormat::Mp4 | MediaFormat::Mov => unreachable!("videos never reach the image decoder"),
    }
}

/// The decoder's memory ceiling, so that even a header that lies about its
/// size cannot make the decoder allocate past it.
pub(crate) fn decode_limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(IMAGE_LIMITS.max_edge);
    limits.max_image_height = Some(IMAGE_LIMITS.max_edge);
    limits.max_alloc = Some(IMAGE_LIMITS.max_decode_bytes);
    limits
}

/// A decoder over `bytes` with our limits, after checking the file reaches
/// its end and the header's size is within the ceilings.
pub(crate) fn image_decoder<'a>(
    bytes: &'a [u8],
    format: MediaFormat,
    name: &str,
) -> Result<(impl ImageDecoder + 'a, ImageHeader), MediaError> {
    check_complete(bytes, format).map_err(|e| e.into_error(name, format))?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format(format));
    reader.limits(decode_limits());
    let mut decoder = reader.into_decoder().map_err(|e| image_error(e, name, format, None))?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > IMAGE_LIMITS.max_pixels || width.max(height) > IMAGE_LIMITS.max_edge {
        return Err(MediaError::TooLargePixels {
            file: name.to_string(),
            width,
            height,
            max_pixels: IMAGE_LIMITS.max_pixels,
        });
    }
    if width == 0 || height == 0 {
        return Err(MediaError::Corrupt { file: name.to_string(), format, detail: "no pixels".into() });
    }
    // A broken EXIF block must not cost the picture: it is shown unturned.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    Ok((decoder, ImageHeader { width, height, orientation }))
}

/// The header of an image in memory.
pub(crate) fn image_header(bytes: &[u8], format: MediaFormat, name: &str) -> Result<ImageHeader, MediaError> {
    image_decoder(bytes, format, name).map(|(_, header)| header)
}

/// Sorts a decoder failure into our errors.
pub(crate) fn image_error(e: ImageError, name: &str, format: MediaFormat, size: Option<(u32, u32)>) -> MediaError {
    let file = name.to_string();
    match e {
        ImageError::Limits(_) => {
            let (width, height) = size.unwrap_or((0, 0));
            MediaError::TooLargePixels { file, width, height, max_pixels: IMAGE_LIMITS.max_pixels }
        }
        ImageError::IoError(e) if e.kind() == io::ErrorKind::UnexpectedEof => MediaError::Truncated { file, format },
        ImageError::Unsupported(_) => MediaError::Unsupported { file },
        other => MediaError::Corrupt { file, format, detail: other.to_string() },
    }
}

/// Why a file's structure does not hold.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Incomplete {
    /// It ends before its last part.
    Truncated,
    /// A part is malformed.
    Malformed(&'static str),
}

impl Incomplete {
    fn into_error(self, name: &str, format: MediaFormat) -> MediaError {
        match self {
            Incomplete::Truncated => MediaError::Truncated { file: name.to_string(), format },
            Incomplete::Malformed(detail) => {
                MediaError::Corrupt { file: name.to_string(), format, detail: detail.into() }
            }
        }
    }
}

/// Walks the file's own structure to its end marker. Decoders forgive a
/// missing tail (they fill grey), so a cut-off copy is caught here instead.
pub(crate) fn check_complete(bytes: &[u8], format: MediaFormat) -> Result<(), Incomplete> {
    match format {
        MediaFormat::Jpeg => check_jpeg(bytes),
        MediaFormat::Png => check_png(bytes),
        MediaFormat::Gif => check_gif(bytes),
        MediaFormat::Webp => check_webp(bytes),
        MediaFormat::Mp4 | MediaFormat::Mov => Ok(()),
    }
}

fn check_jpeg(b: &[u8]) -> Result<(), Incomplete> {
    let mut pos = 2;
    loop {
        // Skip to the next marker; stray bytes between segments are tolerated
        // as libjpeg does.
        while pos < b.len() && b[pos] != 0xFF {
            pos += 1;
        }
        while pos < b.len() && b[pos] == 0xFF {
            pos += 1;
        }
        let Some(&marker) = b.get(pos) else { return Err(Incomplete::Truncated) };
        pos += 1;
        match marker {
            0xD9 => return Ok(()),
            0xD0..=0xD7 | 0x01 | 0x00 => continue,
            _ => {}
        }
        let Some(len) = b.get(pos..pos + 2) else { return Err(Incomplete::Truncated) };
        let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
        if len < 2 {
            return Err(Incomplete::Malformed("segment length below 2"));
        }
        pos += len;
        if pos > b.len() {
            return Err(Incomplete::Truncated);
        }
        if marker == 0xDA {
            // Entropy-coded data runs to the first marker that is neither a
            // stuffed zero nor a restart.
            loop {
                let Some(at) = b[pos..].iter().position(|&x| x == 0xFF) else { return Err(Incomplete::Truncated) };
                let i = pos + at;
                match b.get(i + 1) {
                    None => return Err(Incomplete::Truncated),
                    Some(0x00 | 0xD0..=0xD7 | 0xFF) => pos = i + 1,
                    Some(_) => {
                        pos = i;
                        break;
                    }
                }
            }
        }
    }
}

fn check_png(b: &[u8]) -> Result<(), Incomplete> {
    let mut pos = 8usize;
    loop {
        let Some(head) = b.get(pos..pos + 8) else { return Err(Incomplete::Truncated) };
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        if len > 0x7FFF_FFFF {
            return Err(Incomplete::Malformed("chunk length over 2³¹"));
        }
        let end = pos + 12 + len as usize;
        if end > b.len() {
            return Err(Incomplete::Truncated);
        }
        if &head[4..8] == b"IEND" {
            return Ok(());
        }
        pos = end;
    }
}

fn check_gif(b: &[u8]) -> Result<(), Incomplete> {
    fn skip_sub_blocks(b: &[u8], mut pos: usize) -> Result<usize, Incomplete> {
        loop {
            let n = *b.get(pos).ok_or(Incomplete::Truncated)? as usize;
            pos += 1 + n;
            if n == 0 {
                return Ok(pos);
            }
            if pos > b.len() {
                return Err(Incomplete::Truncated);
            }
        }
    }
    let flags = *b.get(10).ok_or(Incomplete::Truncated)?;
    let mut pos = 13 + if flags & 0x80 != 0 { 3 << ((flags & 7) + 1) } else { 0 };
    let mut images = 0;
    loop {
        match b.get(pos) {
            Some(0x3B) => return Ok(()),
            // Many encoders drop the trailer; a file that ends between blocks
            // after a whole frame has everything the studio uses.
            None if images > 0 && pos == b.len() => return Ok(()),
            None => return Err(Incomplete::Truncated),
            Some(0x21) => pos = skip_sub_blocks(b, pos + 2)?,
            Some(0x2C) => {
                let flags = *b.get(pos + 9).ok_or(Incomplete::Truncated)?;
                pos += 10 + if flags & 0x80 != 0 { 3 << ((flags & 7) + 1) } else { 0 };
                pos = skip_sub_blocks(b, pos + 1)?;
                images += 1;
            }
            Some(_) => return Err(Incomplete::Malformed("unknown GIF block")),
        }
    }
}

fn check_webp(b: &[u8]) -> Result<(), Incomplete> {
    let size = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
    if 8 + size > b.len() {
        return Err(Incomplete::Truncated);
    }
    let mut pos = 12;
    while pos + 8 <= 8 + size {
        let len = u32::from_le_bytes([b[pos + 4], b[pos + 5], b[pos + 6], b[pos + 7]]) as usize;
        pos += 8 + len + (len & 1);
    }
    if pos > 8 + size + 1 {
        return Err(Incomplete::Truncated);
    }
    Ok(())
}

/// What a movie's boxes say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Movie {
    pub width: u32,
    pub height: u32,
    pub duration_ms: Option<u64>,
    pub codec: String,
}

enum MovieError {
    Io(io::Error),
    Media(MediaError),
}

impl From<io::Error> for MovieError {
    fn from(e: io::Error) -> Self {
        MovieError::Io(e)
    }
}

/// A `moov` bigger than this is no real movie header (a two-hour film's is
/// a few MB); refusing it keeps memory bounded.
const MOOV_MAX: u64 = 64 << 20;

/// Walks the top-level boxes (seeking over the media data), then reads
/// `moov`: `mvhd` for the duration, and each `trak` for the first video
/// track's size, rotation and sample entry.
fn read_movie(file: &mut File, len: u64, format: MediaFormat, name: &str) -> Result<Movie, MovieError> {
    let corrupt = |detail: &str| {
        MovieError::Media(MediaError::Corrupt { file: name.to_string(), format, detail: detail.to_string() })
    };
    let truncated = || MovieError::Media(MediaError::Truncated { file: name.to_string(), format });
    let mut pos = 0u64;
    let mut moov = None;
    while pos < len {
        if len - pos < 8 {
            return Err(truncated());
        }
        file.seek(SeekFrom::Start(pos))?;
        let mut head = [0u8; 16];
        file.read_exact(&mut head[..8])?;
        let mut size = u64::from(u32::from_be_bytes([head[0], head[1], head[2], head[3]]));
        let mut header_len = 8;
        if size == 1 {
            if len - pos < 16 {
                return Err(truncated());
            }
            file.read_exact(&mut head[8..16])?;
            size = u64::from_be_bytes(head[8..16].try_into().expect("8 bytes"));
            header_len = 16;
        } else if size == 0 {
            size = len - pos;
        }
        if size < header_len {
            return Err(corrupt("box smaller than its header"));
        }
        if size > len - pos {
            return Err(truncated());
        }
        if &head[4..8] == b"moov" {
            moov = Some((pos + header_len, size - header_len));
        }
        pos += size;
    }
    // A recording that stopped before writing its index has no `moov`.
    let Some((start, size)) = moov else { return Err(truncated()) };
    if size > MOOV_MAX {
        return Err(corrupt("movie header too large"));
    }
    let mut body = vec![0u8; size as usize];
    file.seek(SeekFrom::Start(start))?;
    file.read_exact(&mut body)?;
    parse_moov(&body).map_err(|detail| {
        if detail == NO_VIDEO {
            MovieError::Media(MediaError::Unsupported { file: name.to_string() })
        } else {
            corrupt(detail)
        }
    })
}

const NO_VIDEO: &str = "no video track";

/// The boxes directly inside `data`, as (type, payload).
fn boxes(data: &[u8]) -> impl Iterator<Item = Result<([u8; 4], &[u8]), &'static str>> {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        if pos >= data.len() {
            return None;
        }
        let rest = &data[pos..];
        if rest.len() < 8 {
            pos = data.len();
            return Some(Err("box header cut short"));
        }
        let kind: [u8; 4] = rest[4..8].try_into().expect("4 bytes");
        let (size, header) = match u32::from_be_bytes(rest[..4].try_into().expect("4 bytes")) {
            0 => (rest.len() as u64, 8),
            1 if rest.len() >= 16 => (u64::from_be_bytes(rest[8..16].try_into().expect("8 bytes")), 16),
            1 => (u64::MAX, 16),
            n => (u64::from(n), 8),
        };
        if size < header as u64 || size > rest.len() as u64 {
            pos = data.len();
            return Some(Err("box size out of range"));
        }
        pos += size as usize;
        Some(Ok((kind, &rest[header..size as usize])))
    })
}

/// The payload of the first child of type `kind`.
fn child<'a>(data: &'a [u8], kind: &[u8; 4]) -> Result<Option<&'a [u8]>, &'static str> {
    for b in boxes(data) {
        let (k, payload) = b?;
        if &k == kind {
            return Ok(Some(payload));
        }
    }
    Ok(None)
}

fn be_u32(d: &[u8], at: usize) -> Result<u32, &'static str> {
    d.get(at..at + 4).map(|s| u32::from_be_bytes(s.try_into().expect("4 bytes"))).ok_or("box payload cut short")
}

fn be_u64(d: &[u8], at: usize) -> Result<u64, &'static str> {
    d.get(at..at + 8).map(|s| u64::from_be_bytes(s.try_into().expect("8 bytes"))).ok_or("box payload cut short")
}

/// Duration in ms from a full box laid out as `mvhd`/`mdhd` (version 0 or 1).
fn header_duration(d: &[u8]) -> Result<Option<u64>, &'static str> {
    let version = *d.first().ok_or("box payload cut short")?;
    let (timescale, duration) = if version == 1 {
        (be_u32(d, 20)?, be_u64(d, 24)?)
    } else {
        let duration = be_u32(d, 16)?;
        (be_u32(d, 12)?, if duration == u32::MAX { u64::MAX } else { u64::from(duration) })
    };
    // All ones means "unknown" in both versions.
    if timescale == 0 || duration == u64::MAX {
        return Ok(None);
    }
    Ok(Some((u128::from(duration) * 1000 / u128::from(timescale)) as u64))
}

pub(crate) fn parse_moov(moov: &[u8]) -> Result<Movie, &'static str> {
    let movie_duration = match child(moov, b"mvhd")? {
        Some(mvhd) => header_duration(mvhd)?,
        None => return Err("no movie header (mvhd)"),
    };
    for b in boxes(moov) {
        let (kind, trak) = b?;
        if &kind != b"trak" {
            continue;
        }
        let Some(mdia) = child(trak, b"mdia")? else { continue };
        let Some(hdlr) = child(mdia, b"hdlr")? else { continue };
        if hdlr.get(8..12) != Some(b"vide") {
            continue;
        }
        let track_duration = child(mdia, b"mdhd")?.map(header_duration).transpose()?.flatten();
        let stsd = child(mdia, b"minf")?
            .map(|minf| child(minf, b"stbl"))
            .transpose()?
            .flatten()
            .map(|stbl| child(stbl, b"stsd"))
            .transpose()?
            .flatten()
            .ok_or("video track without sample description (stsd)")?;
        // stsd: version+flags, entry count, then sample entries.
        let entry = stsd.get(8..).ok_or("box payload cut short")?;
        let (codec, entry) = boxes(entry).next().ok_or("empty sample description")??;
        let coded = match (entry.get(24..26), entry.get(26..28)) {
            (Some(w), Some(h)) => {
                (u32::from(u16::from_be_bytes([w[0], w[1]])), u32::from(u16::from_be_bytes([h[0], h[1]])))
            }
            _ => (0, 0),
        };
        let (mut width, mut height, sideways) = match child(trak, b"tkhd")? {
            Some(tkhd) => {
                let base = if tkhd.first() == Some(&1) { 52 } else { 40 };
                let m = |i: usize| be_u32(tkhd, base + 4 * i).map(|v| v as i32);
                let sideways = m(0)? == 0 && m(4)? == 0 && m(1)? != 0 && m(3)? != 0;
                (be_u32(tkhd, base + 36)? >> 16, be_u32(tkhd, base + 40)? >> 16, sideways)
            }
            None => (0, 0, false),
        };
        if width == 0 || height == 0 {
            (width, height) = coded;
        }
        if sideways {
            (width, height) = (height, width);
        }
        let codec = if codec.iter().all(|c| c.is_ascii_graphic() || *c == b' ') {
            String::from_utf8_lossy(&codec).trim_end().to_string()
        } else {
            codec.iter().map(|c| format!("{c:02x}")).collect()
        };
        return Ok(Movie { width, height, duration_ms: movie_duration.or(track_duration), codec });
    }
    Err(NO_VIDEO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_reads_magic_bytes_not_names() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Some(MediaFormat::Jpeg));
        assert_eq!(sniff(b"\0\0\0\x18ftypqt  \0\0\0\0"), Some(MediaFormat::Mov));
        assert_eq!(sniff(b"\0\0\0\x18ftypisom\0\0\0\0"), Some(MediaFormat::Mp4));
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), None);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(MediaFormat::Webp));
        assert_eq!(sniff(b"hello"), None);
    }

    #[test]
    fn a_jpeg_must_reach_its_end_marker() {
        let whole = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD9];
        assert_eq!(check_jpeg(&whole), Ok(()));
        for cut in 3..whole.len() - 1 {
            assert_eq!(check_jpeg(&whole[..cut]), Err(Incomplete::Truncated), "cut at {cut}");
        }
    }

    #[test]
    fn gif_sub_blocks_are_walked() {
        let mut gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00".to_vec();
        gif.extend_from_slice(&[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0, 0x3B]);
        assert_eq!(check_gif(&gif), Ok(()));
        assert_eq!(check_gif(&gif[..gif.len() - 1]), Ok(()));
        assert_eq!(check_gif(&gif[..gif.len() - 3]), Err(Incomplete::Truncated));
    }
}
