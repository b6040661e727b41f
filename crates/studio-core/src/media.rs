//! What media the studio accepts and what it makes from it, as data: the
//! formats, the decode ceilings, and one table of named renditions the
//! platform wants (post images, 3:4 covers, the profile logo and background).
//! `studio-media` does the work; this module only says what is wanted.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::rules::ALIPAY;

crate::vocabulary! {
    /// Whether a file is a picture or a moving picture.
    pub enum MediaKind {
        /// A still image.
        Image,
        /// A video.
        Video,
    }
}

/// The SHA-256 of a file's bytes in lowercase hex: its name in the media
/// library. Made only by parsing (64 hex digits), so it is always ASCII
/// and safe to shorten.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(type = "string")]
pub struct ContentHash(String);

impl Serialize for ContentHash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ContentHash {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ContentHash, D::Error> {
        ContentHash::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// Why a text is not a content hash.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a file's SHA-256 (64 hexadecimal digits)")]
pub struct NotAHash {
    /// The text, as given.
    pub text: String,
}

impl ContentHash {
    /// Digits in a SHA-256 in hex.
    pub const LEN: usize = 64;

    /// Reads a hash (upper- or lowercase hex); anything else is refused.
    pub fn parse(text: &str) -> Result<ContentHash, NotAHash> {
        let text = text.trim();
        if text.len() == Self::LEN && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(ContentHash(text.to_ascii_lowercase()))
        } else {
            Err(NotAHash { text: text.to_string() })
        }
    }

    /// The hash in lowercase hex.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its first `n` digits, for file names and messages.
    pub fn short(&self, n: usize) -> &str {
        &self.0[..n.min(Self::LEN)]
    }
}

impl std::fmt::Display for ContentHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for ContentHash {
    type Err = NotAHash;
    fn from_str(text: &str) -> Result<ContentHash, NotAHash> {
        ContentHash::parse(text)
    }
}

crate::vocabulary! {
    /// What a medium is in a post.
    pub enum MediumRole {
        /// One of an image-text post's pictures, in order.
        Image,
        /// A video post's video.
        Video,
        /// The post's cover, cut 3:4 around its focal point.
        Cover,
    }
}

impl MediumRole {
    /// The kind of file this place in a post holds: a video's place a
    /// video, every other a picture.
    pub fn holds(self) -> MediaKind {
        match self {
            MediumRole::Video => MediaKind::Video,
            MediumRole::Image | MediumRole::Cover => MediaKind::Image,
        }
    }
}

/// A file format the studio reads, told by the file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MediaFormat {
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// WebP.
    Webp,
    /// GIF (the first frame is used).
    Gif,
    /// MPEG-4 (ISO base media file).
    Mp4,
    /// QuickTime movie.
    Mov,
}

impl MediaFormat {
    /// Image or video.
    pub fn kind(self) -> MediaKind {
        match self {
            MediaFormat::Jpeg | MediaFormat::Png | MediaFormat::Webp | MediaFormat::Gif => MediaKind::Image,
            MediaFormat::Mp4 | MediaFormat::Mov => MediaKind::Video,
        }
    }

    /// The format a file name's extension claims, if it is one we know.
    pub fn from_extension(ext: &str) -> Option<MediaFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" | "jpe" | "jfif" => Some(MediaFormat::Jpeg),
            "png" => Some(MediaFormat::Png),
            "webp" => Some(MediaFormat::Webp),
            "gif" => Some(MediaFormat::Gif),
            "mp4" | "m4v" => Some(MediaFormat::Mp4),
            "mov" | "qt" => Some(MediaFormat::Mov),
            _ => None,
        }
    }

    /// The usual name of the format, for messages.
    pub fn label(self) -> &'static str {
        match self {
            MediaFormat::Jpeg => "JPEG",
            MediaFormat::Png => "PNG",
            MediaFormat::Webp => "WebP",
            MediaFormat::Gif => "GIF",
            MediaFormat::Mp4 => "MP4",
            MediaFormat::Mov => "MOV",
        }
    }

    /// The MIME type, as uploads declare it.
    pub fn mime(self) -> &'static str {
        match self {
            MediaFormat::Jpeg => "image/jpeg",
            MediaFormat::Png => "image/png",
            MediaFormat::Webp => "image/webp",
            MediaFormat::Gif => "image/gif",
            MediaFormat::Mp4 => "video/mp4",
            MediaFormat::Mov => "video/quicktime",
        }
    }
}

/// The largest image the studio decodes. Checked against the header before
/// any pixel memory is taken, so a decompression bomb costs nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImageLimits {
    /// Most pixels (width × height). 100 MP takes every 24–50 MP phone and
    /// 61 MP camera photo and refuses 200 MP modes and bombs.
    #[ts(type = "number")]
    pub max_pixels: u64,
    /// Longest edge, so panoramas pass but a 1×10⁹ strip does not.
    pub max_edge: u32,
    /// Most memory one decode may take: 100 MP × 4 channels × 16 bits fits.
    #[ts(type = "number")]
    pub max_decode_bytes: u64,
    /// Largest image file read into memory.
    #[ts(type = "number")]
    pub max_file_bytes: u64,
}

/// The decode ceilings in force.
pub const IMAGE_LIMITS: ImageLimits =
    ImageLimits { max_pixels: 100_000_000, max_edge: 32_768, max_decode_bytes: 1 << 30, max_file_bytes: 512 << 20 };

/// Where the eye should stay when a picture is cropped: `x` and `y` from 0
/// (left, top) to 1 (right, bottom).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct FocalPoint {
    /// From the left edge, 0..=1.
    pub x: f32,
    /// From the top edge, 0..=1.
    pub y: f32,
}

impl FocalPoint {
    /// The middle of the picture.
    pub const CENTER: FocalPoint = FocalPoint { x: 0.5, y: 0.5 };

    /// This point on a grid of thousandths, clamped into the picture (NaN
    /// counts as the middle). Renditions are cut at the grid point so that
    /// the cache key names the output exactly.
    pub fn per_mille(self) -> (u16, u16) {
        fn snap(v: f32) -> u16 {
            if v.is_nan() {
                500
            } else {
                (v.clamp(0.0, 1.0) * 1000.0).round() as u16
            }
        }
        (snap(self.x), snap(self.y))
    }
}

impl Default for FocalPoint {
    fn default() -> Self {
        FocalPoint::CENTER
    }
}

/// The shape of a rendition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Shape {
    /// The whole picture, shrunk (never enlarged) to fit the box.
    Fit {
        /// Widest.
        max_width: u32,
        /// Tallest.
        max_height: u32,
    },
    /// Exactly this size, cropped around the focal point to cover it.
    Cover {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
    },
    /// The largest `width`:`height` crop around the focal point, then shrunk
    /// so its longest edge is at most `max_edge`.
    Aspect {
        /// Width part of the ratio.
        width: u32,
        /// Height part of the ratio.
        height: u32,
        /// Longest edge of the output.
        max_edge: u32,
    },
}

/// What one rendition must be: its shape, its byte ceiling and the JPEG
/// quality range searched for the best quality under that ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct RenditionSpec {
    /// Shape and size.
    pub shape: Shape,
    /// The file must be at most this many bytes.
    #[ts(type = "number")]
    pub max_bytes: u64,
    /// Lowest JPEG quality accepted before the picture is shrunk instead.
    pub quality_min: u8,
    /// Highest JPEG quality tried.
    pub quality_max: u8,
}

crate::vocabulary! {
    /// The renditions the platform asks for.
    pub enum MediaRuleName {
        /// An image in an image-text post.
        PostImage,
        /// A post's 3:4 cover.
        #[serde(rename = "cover_3x4")]
        Cover3x4,
        /// The life account's logo.
        ProfileLogo,
        /// The life account's background.
        ProfileBackground,
        /// A photo of the merchant's shop on the profile.
        ProfileShopPhoto,
        /// An icon of the service menu.
        MenuIcon,
        /// The cover of a message to followers.
        MessageCover,
    }
}

/// One named rendition rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MediaRule {
    /// Which one.
    pub name: MediaRuleName,
    /// What it must be.
    pub spec: RenditionSpec,
}

/// Profile images: the platform says "under 1 MB"; counted in decimal
/// megabytes, which is the stricter reading.
pub const PROFILE_IMAGE_BYTES_MAX: u64 = 1_000_000;

/// Menu icons: "at most 5 MB" (decimal, the stricter reading).
pub const MENU_ICON_BYTES_MAX: u64 = 5_000_000;

/// Message covers: "at most 3 MB" (decimal).
pub const MESSAGE_COVER_BYTES_MAX: u64 = 3_000_000;

/// Quality range searched for every rule: below 60 JPEG artefacts show on
/// faces and text, and above 95 bytes grow with no visible gain.
const QUALITY_MIN: u8 = 60;
const QUALITY_MAX: u8 = 95;

/// Every rendition rule, one row each.
pub const MEDIA_RULES: [MediaRule; 7] = [
    MediaRule {
        name: MediaRuleName::PostImage,
        spec: RenditionSpec {
            // The platform publishes no pixel cap; 2560 is sharp on any phone
            // and keeps uploads quick.
            shape: Shape::Fit { max_width: 2560, max_height: 2560 },
            max_bytes: ALIPAY.image_bytes_max,
            quality_min: QUALITY_MIN,
            quality_max: QUALITY_MAX,
        },
    },
    MediaRule {
        name: MediaRuleName::Cover3x4,
        spec: RenditionSpec {
            shape: Shape::Aspect { width: 3, height: 4, max_edge: 1440 },
            max_bytes: ALIPAY.image_bytes_max,
            quality_min: QUALITY_MIN,
            quality_max: QUALITY_MAX,
        },
    },
    MediaRule {
        name: MediaRuleName::ProfileLogo,
        spec: RenditionSpec {
            shape: Shape::Cover { width: 320, height: 320 },
            max_bytes: PROFILE_IMAGE_BYTES_MAX,
            quality_min: QUALITY_MIN,
            quality_max: QUALITY_MAX,
        },
    },
    MediaRule {
        name: MediaRuleName::ProfileBackground,
        spec: RenditionSpec {
            shape: Shape::Cover { width: 1600, height: 1000 },
            max_bytes: PROFILE_IMAGE_BYTES_MAX,
            quality_min: QUALITY_MIN,
            quality_max: QUALITY_MAX,
        },
    },
    MediaRule {
        name: MediaRuleName::ProfileShopPhoto,
        spec: RenditionSpec {
            // Shown whole (not cropped): the platform names no size, and
            // 1600 px matches the background's width.
            shape: Shape::Fit { max_width: 1600, max_height: 1600 },
            max_bytes: PROFILE_IMAGE_BYTES_MAX,
            quality_min: QUALITY_MIN,
            quality_max: QUALITY_MAX,
        },
    },
    MediaRule {
        name: MediaRuleName::MenuIcon,
        spec: RenditionSpec {
            // `ButtonObject.icon`: 60×60, at most 5 MB.
            shape: Shape::Cover { width: 60, height: 60 },
            max_bytes: MENU_ICON_BYTES_MAX,
            quality_min: QUALITY_MIN,
            quality_max: QUALITY_MAX,
        },
    },
    MediaRule {
        name: MediaRuleName::MessageCover,
        spec: RenditionSpec {
            // `message.content.create`'s `cover`: 996×450, at most 3 MB.
            shape: Shape::Cover { width: 996, height: 450 },
            max_bytes: MESSAGE_COVER_BYTES_MAX,
            quality_min: QUALITY_MIN,
            quality_max: QUALITY_MAX,
        },
    },
];

/// The rule of that name.
pub fn media_rule(name: MediaRuleName) -> &'static MediaRule {
    match name {
        MediaRuleName::PostImage => &MEDIA_RULES[0],
        MediaRuleName::Cover3x4 => &MEDIA_RULES[1],
        MediaRuleName::ProfileLogo => &MEDIA_RULES[2],
        MediaRuleName::ProfileBackground => &MEDIA_RULES[3],
        MediaRuleName::ProfileShopPhoto => &MEDIA_RULES[4],
        MediaRuleName::MenuIcon => &MEDIA_RULES[5],
        MediaRuleName::MessageCover => &MEDIA_RULES[6],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_name_has_exactly_one_row() {
        for &name in MediaRuleName::ALL {
            assert_eq!(MEDIA_RULES.iter().filter(|r| r.name == name).count(), 1, "{name:?}");
            assert_eq!(media_rule(name).name, name);
            assert_eq!(serde_json::to_value(name).unwrap(), name.as_str());
        }
    }

    #[test]
    fn rules_are_sane() {
        for rule in MEDIA_RULES {
            let spec = rule.spec;
            assert!(spec.quality_min <= spec.quality_max && spec.quality_max <= 100, "{:?}", rule.name);
            assert!(spec.max_bytes > 0);
        }
        assert_eq!(media_rule(MediaRuleName::ProfileLogo).spec.shape, Shape::Cover { width: 320, height: 320 });
        assert_eq!(media_rule(MediaRuleName::ProfileBackground).spec.shape, Shape::Cover { width: 1600, height: 1000 });
    }

    #[test]
    fn extensions_are_read_case_blind() {
        assert_eq!(MediaFormat::from_extension("JPG"), Some(MediaFormat::Jpeg));
        assert_eq!(MediaFormat::from_extension("mov"), Some(MediaFormat::Mov));
        assert_eq!(MediaFormat::from_extension("heic"), None);
        assert_eq!(MediaFormat::Mov.kind(), MediaKind::Video);
    }

    #[test]
    fn a_hash_is_64_hex_digits_and_nothing_else() {
        let hex = "AB".repeat(32);
        let hash = ContentHash::parse(&hex).unwrap();
        assert_eq!(hash.as_str(), "ab".repeat(32), "kept lowercase");
        assert_eq!(hash.short(8), "abababab");
        assert_eq!(hash.short(1000).len(), 64);
        for bad in ["", "abc", &"g".repeat(64), &"a".repeat(65), &"咖".repeat(22), "../../etc/passwd"] {
            assert!(ContentHash::parse(bad).is_err(), "{bad:?}");
        }
        let json = serde_json::to_string(&hash).unwrap();
        assert_eq!(serde_json::from_str::<ContentHash>(&json).unwrap(), hash);
        assert!(serde_json::from_str::<ContentHash>("\"咖啡\"").is_err(), "refused when read too");
    }

    #[test]
    fn focal_points_snap_to_thousandths_inside_the_picture() {
        assert_eq!(FocalPoint { x: 0.25, y: 2.0 }.per_mille(), (250, 1000));
        assert_eq!(FocalPoint { x: f32::NAN, y: -1.0 }.per_mille(), (500, 0));
    }
}

/// A file in the media library, as the studio lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MediaAsset {
    /// SHA-256 of the bytes: the asset's name.
    pub hash: ContentHash,
    /// Image or video.
    pub kind: MediaKind,
    /// The format, told by the bytes.
    pub format: MediaFormat,
    /// Size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
    /// Width as shown.
    pub width: u32,
    /// Height as shown.
    pub height: u32,
    /// Videos: duration in milliseconds.
    #[ts(type = "number | null")]
    pub duration_ms: Option<u64>,
    /// Videos: the codec, e.g. `avc1`.
    pub codec: Option<String>,
    /// The file's name when it was imported.
    pub original_name: String,
    /// Unix milliseconds.
    #[ts(type = "number")]
    pub imported_at: i64,
    /// The user's tags.
    pub tags: Vec<String>,
}
