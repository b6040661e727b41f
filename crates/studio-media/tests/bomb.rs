//! Alone in its own test binary so the process's peak memory is this
//! test's own.

mod common;

use std::time::{Duration, Instant};

use common::*;
use studio_core::Lang;
use studio_media::{probe, MediaStore};

/// The process's peak resident memory, from the kernel.
#[cfg(target_os = "linux")]
fn peak_rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() * 1024
}

#[test]
fn a_decompression_bomb_is_refused_quickly_with_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.png");
    bomb_png(&bomb, 14_000, 14_000);
    let size = std::fs::metadata(&bomb).unwrap().len();
    assert!(size < 2 << 20, "the bomb is small on disk: {size} bytes");

    let started = Instant::now();
    let err = probe(&bomb).unwrap_err();
    assert_eq!(err.code(), "media.too_large_pixels");
    assert!(err.message(Lang::En).contains("14000×14000"), "{}", err.message(Lang::En));
    let store = MediaStore::open(dir.path().join("library")).unwrap();
    assert_eq!(import(&store, &bomb).unwrap_err().code(), "media.too_large_pixels");
    // Decoding it would take seconds; the header check takes milliseconds.
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());

    // Decoded it would need 196 MB of pixels at the very least.
    #[cfg(target_os = "linux")]
    assert!(peak_rss_bytes() < 100 << 20, "peak {} MB", peak_rss_bytes() >> 20);
}
