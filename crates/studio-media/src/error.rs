//! Failures of import, probing and rendering, with words for the user.

use std::io;
use std::path::PathBuf;

use studio_core::media::MediaFormat;
use studio_core::Lang;

/// Everything that can go wrong with a media file.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    /// The file has no bytes.
    #[error("{file}: the file is empty")]
    Empty {
        /// The file's name.
        file: String,
    },
    /// The bytes are no format the studio reads.
    #[error("{file}: not an image or video format the studio reads")]
    Unsupported {
        /// The file's name.
        file: String,
    },
    /// The name says one format, the bytes another (or none).
    #[error("{file}: file lies about its type: named {claimed:?}, content {found:?}")]
    TypeMismatch {
        /// The file's name.
        file: String,
        /// What the extension claims.
        claimed: MediaFormat,
        /// What the bytes are, if anything we know.
        found: Option<MediaFormat>,
    },
    /// The file stops before its end: an interrupted copy or download.
    #[error("{file}: the {format:?} file is cut short")]
    Truncated {
        /// The file's name.
        file: String,
        /// Its format.
        format: MediaFormat,
    },
    /// The file is complete but its content cannot be decoded.
    #[error("{file}: damaged {format:?} data: {detail}")]
    Corrupt {
        /// The file's name.
        file: String,
        /// Its format.
        format: MediaFormat,
        /// What the decoder said.
        detail: String,
    },
    /// More pixels than the studio decodes.
    #[error("{file}: {width}×{height} is more than {max_pixels} pixels")]
    TooLargePixels {
        /// The file's name.
        file: String,
        /// Width from the header (0 when the decoder refused before saying).
        width: u32,
        /// Height from the header (0 likewise).
        height: u32,
        /// The ceiling.
        max_pixels: u64,
    },
    /// More bytes than accepted.
    #[error("{file}: {bytes} bytes, more than {max}")]
    TooLargeBytes {
        /// The file's name.
        file: String,
        /// Its size.
        bytes: u64,
        /// The ceiling.
        max: u64,
    },
    /// A kind of media this import does not take (a video where only images go).
    #[error("{file}: {format:?} is not accepted here")]
    NotAccepted {
        /// The file's name.
        file: String,
        /// Its format.
        format: MediaFormat,
    },
    /// A still picture was asked of a video.
    #[error("{hash}: renditions are made of images, not videos")]
    NotAnImage {
        /// The asset.
        hash: String,
    },
    /// No stored file has this hash.
    #[error("no media file {hash} in the library")]
    NotFound {
        /// The hash asked for.
        hash: String,
    },
    /// Even the lowest quality at the smallest size stays over the byte limit.
    #[error("cannot make a rendition under {max_bytes} bytes")]
    CannotFit {
        /// The byte limit.
        max_bytes: u64,
    },
    /// The user cancelled.
    #[error("cancelled")]
    Cancelled,
    /// The disk is full.
    #[error("disk full at {path}")]
    DiskFull {
        /// Where the write failed.
        path: PathBuf,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

impl MediaError {
    /// Sorts an I/O failure at `path`: a full disk gets its own words.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> MediaError {
        let path = path.into();
        if source.kind() == io::ErrorKind::StorageFull {
            MediaError::DiskFull { path }
        } else {
            MediaError::Io { path, source }
        }
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            MediaError::Empty { .. } => "media.empty",
            MediaError::Unsupported { .. } => "media.unsupported",
            MediaError::TypeMismatch { .. } => "media.type_mismatch",
            MediaError::Truncated { .. } => "media.truncated",
            MediaError::Corrupt { .. } => "media.corrupt",
            MediaError::TooLargePixels { .. } => "media.too_large_pixels",
            MediaError::TooLargeBytes { .. } => "media.too_large_bytes",
            MediaError::NotAccepted { .. } => "media.not_accepted",
            MediaError::NotAnImage { .. } => "media.not_an_image",
            MediaError::NotFound { .. } => "media.not_found",
            MediaError::CannotFit { .. } => "media.cannot_fit",
            MediaError::Cancelled => "media.cancelled",
            MediaError::DiskFull { .. } => "media.disk_full",
            MediaError::Io { .. } => "media.io",
        }
    }

    /// The message in `lang`, saying what to do.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            MediaError::Empty { file } => {
                if zh {
                    format!("“{file}”是空文件（0 字节），可能没有复制完整。请重新导出或复制后再导入。")
                } else {
                    format!("“{file}” is empty (0 bytes); it may not have been copied fully. Export or copy it again, then import it.")
                }
            }
            MediaError::Unsupported { file } => {
                if zh {
                    format!("“{file}”不是可用的图片或视频。支持 JPEG、PNG、WebP、GIF 图片和 MP4、MOV 视频。")
                } else {
                    format!("“{file}” is not an image or video the studio can use. JPEG, PNG, WebP and GIF images and MP4 and MOV videos work.")
                }
            }
            MediaError::TypeMismatch { file, claimed, found: Some(found) } => {
                let (claimed, found) = (claimed.label(), found.label());
                if zh {
                    format!("“{file}”的扩展名是 {claimed}，内容却是 {found}，文件类型与名称不符。请把扩展名改为正确的类型，或从原应用重新导出。")
                } else {
                    format!("“{file}” lies about its type: it is named as {claimed} but its content is {found}. Rename it with the right extension or export it again from its app.")
                }
            }
            MediaError::TypeMismatch { file, claimed, found: None } => {
                let claimed = claimed.label();
                if zh {
                    format!("“{file}”名为 {claimed} 文件，内容却不是图片或视频，文件类型与名称不符。请确认选对了文件。")
                } else {
                    format!("“{file}” lies about its type: it is named as {claimed} but its content is not an image or video. Check that you picked the right file.")
                }
            }
            MediaError::Truncated { file, format } => {
                let format = format.label();
                if zh {
                    format!("“{file}”这个 {format} 文件不完整，可能下载或复制时中断了。请重新下载或复制后再导入。")
                } else {
                    format!("“{file}” is an incomplete {format} file; a download or copy was probably interrupted. Download or copy it again, then import it.")
                }
            }
            MediaError::Corrupt { file, format, detail } => {
                let format = format.label();
                if zh {
                    format!("“{file}”这个 {format} 文件已损坏，无法读取（{detail}）。请用原文件重新导出。")
                } else {
                    format!("“{file}” is a damaged {format} file and cannot be read ({detail}). Export it again from the original.")
                }
            }
            MediaError::TooLargePixels { file, width: 0, height: 0, max_pixels } => {
                let mp = max_pixels / 1_000_000;
                if zh {
                    format!("“{file}”的像素超过上限 {mp} 百万像素。请先把它缩小后再导入。")
                } else {
                    format!("“{file}” has more pixels than the {mp}-megapixel limit. Scale it down first, then import it.")
                }
            }
            MediaError::TooLargePixels { file, width, height, max_pixels } => {
                let mp = max_pixels / 1_000_000;
                if zh {
                    format!("“{file}”有 {width}×{height} 像素，超过上限 {mp} 百万像素。请先把它缩小后再导入。")
                } else {
                    format!("“{file}” is {width}×{height} pixels, more than the {mp}-megapixel limit. Scale it down first, then import it.")
                }
            }
            MediaError::TooLargeBytes { file, bytes, max } => {
                let (size, max) = (megabytes(*bytes), megabytes(*max));
                if zh {
                    format!("“{file}”有 {size}，超过上限 {max}。请压缩或剪短后再导入。")
                } else {
                    format!("“{file}” is {size}, more than the {max} limit. Compress or trim it, then import it.")
                }
            }
            MediaError::NotAccepted { file, format } => {
                let format = format.label();
                if zh {
                    format!("这里不能使用“{file}”（{format}）。请选择其他类型的文件。")
                } else {
                    format!("“{file}” ({format}) cannot be used here. Pick a file of another kind.")
                }
            }
            MediaError::NotAnImage { .. } => lang
                .pick(
                    "视频不能直接用作图片。请另选一张图片作为封面。",
                    "A video cannot be used as a picture here. Pick an image for the cover instead.",
                )
                .to_string(),
            MediaError::NotFound { .. } => lang
                .pick(
                    "媒体库中找不到这个文件，它可能已被删除。请重新导入。",
                    "This file is no longer in the media library; it may have been removed. Import it again.",
                )
                .to_string(),
            MediaError::CannotFit { max_bytes } => {
                let max = megabytes(*max_bytes);
                if zh {
                    format!("即使降低画质和尺寸，这张图片也无法压缩到 {max} 以内。请换一张细节少一些的图片。")
                } else {
                    format!("Even at lower quality and size this picture cannot be made smaller than {max}. Pick a picture with less fine detail.")
                }
            }
            MediaError::Cancelled => lang.pick("已取消，没有保存任何半成品。", "Cancelled; nothing half-done was kept.").to_string(),
            MediaError::DiskFull { .. } => lang
                .pick(
                    "磁盘已满，文件未保存，已有的媒体完好。请释放磁盘空间后重试。",
                    "The disk is full. The file was not saved; the media already in the library is intact. Free some space and try again.",
                )
                .to_string(),
            MediaError::Io { path, source } => {
                if zh {
                    format!("无法读写 {}：{source}。请检查文件是否存在以及权限。", path.display())
                } else {
                    format!("Cannot read or write {}: {source}. Check that the file exists and that you may access it.", path.display())
                }
            }
        }
    }
}

/// A byte count in the unit people read. Limits are stated round (5 MB
/// meaning 5 MiB, 1 MB meaning 1,000,000 bytes), so round counts stay round.
fn megabytes(bytes: u64) -> String {
    const MIB: u64 = 1 << 20;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MB", bytes / MIB)
    } else if bytes >= 1_000_000 && bytes.is_multiple_of(1_000_000) {
        format!("{} MB", bytes / 1_000_000)
    } else if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / MIB as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}
