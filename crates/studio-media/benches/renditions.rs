//! Import of a 24 MP JPEG to every rendition, against `vipsthumbnail`
//! (libvips) making the same outputs in the same run. Prints a table and
//! writes it to `$CARGO_TARGET_DIR/bench/renditions.md`.
//!
//! Run: `cargo bench -p studio-media --bench renditions`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use image::{ExtendedColorType, ImageEncoder, Rgb, RgbImage};
use studio_core::media::{RenditionSpec, Shape, MEDIA_RULES};
use studio_media::{render_many, thumbnail_spec, ImportOptions, MediaStore};

const WIDTH: u32 = 6000;
const HEIGHT: u32 = 4000;
const THUMBNAIL_EDGE: u32 = 256;
const RUNS: usize = 5;

/// A photo-like picture: smooth gradients, a few soft shapes and seeded
/// grain, so it compresses as a camera JPEG does (not as flat colour, not as
/// pure noise).
fn photo(seed: u64) -> RgbImage {
    let mut state = seed | 1;
    let mut grain = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % 25) as f32 - 12.0
    };
    RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let (u, v) = (x as f32 / WIDTH as f32, y as f32 / HEIGHT as f32);
        let sky = 1.0 - v;
        let sun = (-((u - 0.7).powi(2) + (v - 0.3).powi(2)) * 40.0).exp();
        let hills = ((u * 18.0).sin() * 0.05 + 0.6 - v).clamp(-0.05, 0.05) * 10.0 + 0.5;
        let texture = ((u * 900.0).sin() * (v * 700.0).cos()) * 10.0;
        let n = grain();
        let r = 60.0 + 120.0 * sky + 150.0 * sun + 30.0 * hills + texture + n;
        let g = 80.0 + 100.0 * sky + 120.0 * sun + 60.0 * hills + texture * 0.8 + n;
        let b = 90.0 + 150.0 * sky + 40.0 * sun - 20.0 * hills + texture * 0.5 + n;
        Rgb([r.clamp(0.0, 255.0) as u8, g.clamp(0.0, 255.0) as u8, b.clamp(0.0, 255.0) as u8])
    })
}

/// The target folder: `$CARGO_TARGET_DIR`, else the one this binary runs from.
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().expect("own path");
    // target/<profile>/deps/renditions-<hash>
    exe.ancestors().nth(3).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("target"))
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// The `vipsthumbnail` arguments that make the same output as `spec`.
fn vips_args(spec: &RenditionSpec) -> Vec<String> {
    let quality = spec.quality_max;
    let (size, crop) = match spec.shape {
        Shape::Fit { max_width, max_height } => (format!("{max_width}x{max_height}>"), false),
        Shape::Cover { width, height } => (format!("{width}x{height}"), true),
        // A centred 3:4 crop of a 3:2 picture, long edge capped.
        Shape::Aspect { width, height, max_edge } => {
            let unit = max_edge / width.max(height);
            (format!("{}x{}", unit * width, unit * height), true)
        }
    };
    let mut args = vec!["-s".to_string(), size];
    if crop {
        args.extend(["--smartcrop".to_string(), "centre".to_string()]);
    }
    args.push("-o".to_string());
    args.push(format!("%s-{}.jpg[Q={quality},strip]", args.len()));
    args
}

fn main() {
    let bench = target_dir().join("bench");
    let work = bench.join("renditions-work");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("bench folder");

    let source = work.join("photo-24mp.jpg");
    let made = Instant::now();
    let picture = photo(0x5EED);
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92)
        .write_image(&picture, WIDTH, HEIGHT, ExtendedColorType::Rgb8)
        .expect("encode source");
    std::fs::write(&source, &bytes).expect("write source");
    drop(picture);
    println!("source: {WIDTH}×{HEIGHT} JPEG, {:.1} MB (made in {})", bytes.len() as f64 / 1e6, ms(made.elapsed()));

    let mut wanted: Vec<(RenditionSpec, Option<_>)> = MEDIA_RULES.iter().map(|r| (r.spec, None)).collect();
    wanted.push((thumbnail_spec(THUMBNAIL_EDGE), None));

    let (mut imports, mut renders) = (Vec::new(), Vec::new());
    let mut outputs = Vec::new();
    for run in 0..RUNS {
        let store = MediaStore::open(work.join(format!("library-{run}"))).expect("library");
        let started = Instant::now();
        let asset =
            store.import(&source, &ImportOptions::default(), &AtomicBool::new(false), &mut |_| {}).expect("import");
        imports.push(started.elapsed());
        let started = Instant::now();
        outputs = render_many(&store, &asset.hash, &wanted).expect("renditions");
        renders.push(started.elapsed());
    }
    let (import, render) = (median(imports), median(renders));
    let ours = import + render;

    let vips = Command::new("vipsthumbnail").arg("--vips-version").output().ok().filter(|o| o.status.success());
    let baseline = vips.map(|version| {
        let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
        let mut runs = Vec::new();
        for _ in 0..RUNS {
            let started = Instant::now();
            for (spec, _) in &wanted {
                let status = Command::new("vipsthumbnail")
                    .arg(&source)
                    .args(vips_args(spec))
                    .status()
                    .expect("run vipsthumbnail");
                assert!(status.success(), "vipsthumbnail failed");
            }
            runs.push(started.elapsed());
        }
        (version, median(runs))
    });

    let mut table = String::new();
    table.push_str(&format!(
        "Import of a {WIDTH}×{HEIGHT} JPEG ({:.1} MB) to {} renditions, median of {RUNS} runs.\n\n",
        bytes.len() as f64 / 1e6,
        wanted.len()
    ));
    table.push_str("| step | studio-media | vipsthumbnail |\n|---|---:|---:|\n");
    table.push_str(&format!("| import (copy, SHA-256, probe) | {} | — |\n", ms(import)));
    table.push_str(&format!("| decode once + all renditions | {} | — |\n", ms(render)));
    match &baseline {
        Some((version, vips)) => {
            table.push_str(&format!("| **total** | **{}** | **{}** |\n", ms(ours), ms(*vips)));
            table.push_str(&format!(
                "\nRatio studio-media / vipsthumbnail: **{:.2}×** (target ≤ 1.2×). Baseline: {version}, one \
                 `vipsthumbnail` process per output (it decodes with shrink-on-load each time).\n",
                ours.as_secs_f64() / vips.as_secs_f64()
            ));
        }
        None => {
            table.push_str(&format!("| **total** | **{}** | skipped |\n", ms(ours)));
            table.push_str("\nBaseline skipped: `vipsthumbnail` is not on PATH (install `libvips-tools`).\n");
        }
    }
    table.push_str("\n| rendition | size | bytes | quality |\n|---|---|---:|---:|\n");
    for ((spec, _), r) in wanted.iter().zip(&outputs) {
        let name = MEDIA_RULES
            .iter()
            .find(|rule| rule.spec == *spec)
            .map_or_else(|| format!("thumbnail {THUMBNAIL_EDGE}"), |rule| rule.name.as_str().to_string());
        table.push_str(&format!("| {name} | {}×{} | {} | {} |\n", r.width, r.height, r.bytes, r.quality));
    }

    println!("\n{table}");
    let report = bench.join("renditions.md");
    std::fs::write(&report, format!("# Renditions benchmark\n\n{table}")).expect("write report");
    println!("written to {}", report.display());
    let _ = std::fs::remove_dir_all(&work);
}
