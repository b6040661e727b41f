//! 24 MP JPEGs to every rendition, against `vipsthumbnail` (libvips) making
//! the same output sizes in the same run:
//!
//! - one photo: import, then decode once and make all renditions (median of
//!   5 runs);
//! - a batch: N distinct photos (`BENCH_PHOTOS`, 200 by default) imported
//!   into a fresh library and all made into every rendition, and N/10 of
//!   them on their own, to show that peak memory does not grow with N. Each
//!   side runs in a process of its own, so wall time and peak RSS are that
//!   side's alone.
//!
//! Run: `BENCH_DIR=/var/tmp cargo bench -p studio-media --bench renditions`.
//! `BENCH_DIR` picks the disk (the system temp folder by default). The
//! generated photos are kept in `$BENCH_DIR/studio-media-photos-v1/` and
//! reused, since making 200 takes minutes. Prints a table and writes it to
//! `$CARGO_TARGET_DIR/bench/renditions.md`.

use std::ffi::{OsStr, OsString};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use image::{ExtendedColorType, ImageEncoder, Rgb, RgbImage};
use studio_core::media::{RenditionSpec, Shape, MEDIA_RULES};
use studio_media::{render_many, thumbnail_spec, ImportOptions, MediaStore, Rendition};

const WIDTH: u32 = 6000;
const HEIGHT: u32 = 4000;
/// The grid thumbnail edge the window asks for (`THUMB_EDGE` in studio-api).
const THUMBNAIL_EDGE: u32 = 320;
const RUNS: usize = 5;
const PHOTOS: usize = 200;

/// Bumped whenever [`photo`] or its encoding changes, so kept photos from
/// older code are not measured as if they were the new ones.
const PHOTO_SET: &str = "studio-media-photos-v1";

/// First argument when this binary starts itself to run and measure a
/// command: `--measure-child PROGRAM ARGS…`.
const MEASURE: &str = "--measure-child";
/// First argument when it starts itself as our side of the batch:
/// `--import-batch LIBRARY PHOTOS…`.
const IMPORT: &str = "--import-batch";

/// Peak memory may wobble with which photos happen to be in flight together;
/// growth beyond this from N/10 to N photos means it follows N.
const MEMORY_GROWTH_ALLOWED: f64 = 1.25;

/// A photo-like picture: smooth gradients, a few soft shapes and seeded
/// grain, so it compresses as a camera JPEG does (not as flat colour, not as
/// pure noise).
fn photo(seed: u64) -> RgbImage {
    // Mixed first: neighbouring seeds would otherwise start the xorshift in
    // the same state.
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut unit = || (next() >> 11) as f32 / (1u64 << 53) as f32;
    // The scene moves with the seed as well, so photos differ in content
    // and not only in grain.
    let (sun_u, sun_v, phase) = (0.2 + 0.6 * unit(), 0.15 + 0.3 * unit(), unit() * std::f32::consts::TAU);
    RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let (u, v) = (x as f32 / WIDTH as f32, y as f32 / HEIGHT as f32);
        let sky = 1.0 - v;
        let sun = (-((u - sun_u).powi(2) + (v - sun_v).powi(2)) * 40.0).exp();
        let hills = ((u * 18.0 + phase).sin() * 0.05 + 0.6 - v).clamp(-0.05, 0.05) * 10.0 + 0.5;
        let texture = ((u * 900.0).sin() * (v * 700.0).cos()) * 10.0;
        let n = (next() % 25) as f32 - 12.0;
        let r = 60.0 + 120.0 * sky + 150.0 * sun + 30.0 * hills + texture + n;
        let g = 80.0 + 100.0 * sky + 120.0 * sun + 60.0 * hills + texture * 0.8 + n;
        let b = 90.0 + 150.0 * sky + 40.0 * sun - 20.0 * hills + texture * 0.5 + n;
        Rgb([r.clamp(0.0, 255.0) as u8, g.clamp(0.0, 255.0) as u8, b.clamp(0.0, 255.0) as u8])
    })
}

fn photo_jpeg(seed: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 92)
        .write_image(&photo(seed), WIDTH, HEIGHT, ExtendedColorType::Rgb8)
        .expect("encode photo");
    bytes
}

/// Photos `0..n` in `dir`, made where missing. Each has a seed of its own:
/// the library keeps equal bytes once, and a repeat would skip the work.
fn photos(dir: &Path, n: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("photo folder");
    let paths: Vec<PathBuf> = (0..n).map(|i| dir.join(format!("photo-{i:04}.jpg"))).collect();
    let missing: Vec<usize> = (0..n).filter(|&i| !paths[i].is_file()).collect();
    if missing.is_empty() {
        return paths;
    }
    println!("making {} of {n} photos in {} (kept for later runs)", missing.len(), dir.display());
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..workers() {
            s.spawn(|| {
                while let Some(&i) = missing.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let path = &paths[i];
                    let jpeg = photo_jpeg(0x5EED + i as u64);
                    // Under another name until whole, so a run stopped
                    // midway leaves no cut-off photo to be reused.
                    let part = path.with_extension("jpg.part");
                    std::fs::write(&part, jpeg).expect("write photo");
                    std::fs::rename(&part, path).expect("keep photo");
                }
            });
        }
    });
    println!("made in {}", secs(started.elapsed()));
    paths
}

/// Threads our side uses: one photo each, as each render is single-threaded.
/// The window caps renders at 2 (`RENDERS_AT_ONCE` in studio-api); a batch
/// import may use every core as long as memory stays bounded, which the
/// batch table checks.
fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
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

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

/// Every rendition the platform rules ask for, and the grid thumbnail.
fn wanted() -> Vec<(RenditionSpec, Option<studio_core::media::FocalPoint>)> {
    let mut wanted: Vec<_> = MEDIA_RULES.iter().map(|r| (r.spec, None)).collect();
    wanted.push((thumbnail_spec(THUMBNAIL_EDGE), None));
    wanted
}

fn spec_name(spec: &RenditionSpec) -> String {
    MEDIA_RULES
        .iter()
        .find(|rule| rule.spec == *spec)
        .map_or_else(|| format!("thumbnail {THUMBNAIL_EDGE}"), |rule| rule.name.as_str().to_string())
}

/// The `vipsthumbnail` arguments that make the same output size as `spec`,
/// written to `output` (`%s` is the input's name without extension).
fn vips_args(spec: &RenditionSpec, output: &Path) -> Vec<String> {
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
    args.push(format!("{}[Q={quality},strip]", output.display()));
    args
}

/// Where `vipsthumbnail` writes output `k` of each input.
fn vips_output(dir: &Path, k: usize) -> PathBuf {
    dir.join(format!("%s-{k}.jpg"))
}

/// A child process's wall time and peak resident memory.
#[derive(Debug, Clone, Copy, Default)]
struct Measured {
    wall: Duration,
    peak_rss: u64,
}

/// Runs `program args` to its end, started by a fresh copy of this binary
/// in the [`MEASURE`] role. Linux carries the spawning process's memory
/// high-water mark over `exec` into the child's peak RSS, so the bench
/// itself, having held decoded photos by then, must not be the spawner: the
/// copy is a few MB.
#[cfg(unix)]
fn measure(program: impl AsRef<OsStr>, args: impl IntoIterator<Item = impl AsRef<OsStr>>) -> Measured {
    let program = program.as_ref();
    let output = Command::new(std::env::current_exe().expect("own path"))
        .arg(MEASURE)
        .arg(program)
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .unwrap_or_else(|e| panic!("start {program:?}: {e}"));
    assert!(output.status.success(), "{program:?} failed");
    let report = String::from_utf8_lossy(&output.stdout);
    let mut figures = report.lines().last().unwrap_or_default().split(' ').map(|f| f.parse::<u64>().ok());
    let (Some(Some(wall)), Some(Some(peak_rss))) = (figures.next(), figures.next()) else {
        panic!("no measurement from {program:?}: {report}");
    };
    Measured { wall: Duration::from_nanos(wall), peak_rss }
}

/// The [`MEASURE`] role: runs the command and prints its wall time (ns) and
/// peak RSS (bytes). The peak comes from `wait4`, which reports this one
/// child; `std` reaps without keeping it.
#[cfg(unix)]
fn measure_child(command: &[OsString]) {
    let (program, args) = command.split_first().expect("a program to run");
    let started = Instant::now();
    let pid = Command::new(program)
        .args(args)
        .spawn()
        .map(|child| child.id())
        .unwrap_or_else(|e| panic!("start {program:?}: {e}"));
    let pid = libc::pid_t::try_from(pid).expect("pid fits");
    let mut status = 0;
    // SAFETY: `rusage` is plain integers, for which all zeroes is valid.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own child, not reaped yet; both pointers are
        // to live locals.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        assert_eq!(error.kind(), std::io::ErrorKind::Interrupted, "wait4: {error}");
    }
    let wall = started.elapsed();
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        eprintln!("{program:?} failed (wait status {status})");
        std::process::exit(1);
    }
    // Linux counts ru_maxrss in KiB, macOS in bytes.
    let unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
    println!("{} {}", wall.as_nanos(), u64::try_from(usage.ru_maxrss).unwrap_or(0) * unit);
}

/// Our side of the batch, in the child: import every photo and make all its
/// renditions, one decode per photo, a photo per worker at a time.
fn import_batch(args: &[OsString]) {
    let (library, photos) = args.split_first().expect("a library folder");
    let photos: Vec<PathBuf> = photos.iter().map(PathBuf::from).collect();
    let store = MediaStore::open(library).expect("library");
    let wanted = wanted();
    let next = AtomicUsize::new(0);
    let hashes = Mutex::new(std::collections::HashSet::new());
    let cancel = AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..workers() {
            s.spawn(|| {
                while let Some(photo) = photos.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let asset = store.import(photo, &ImportOptions::default(), &cancel, &mut |_| {}).expect("import");
                    render_many(&store, &asset.hash, &wanted).expect("renditions");
                    hashes.lock().expect("no worker panicked").insert(asset.hash);
                }
            });
        }
    });
    let distinct = hashes.into_inner().expect("no worker panicked").len();
    assert_eq!(distinct, photos.len(), "the photos must all differ, or the library skips the repeats");
}

/// Both sides of the batch over some photos.
struct BatchRun {
    photos: usize,
    source_bytes: u64,
    ours: Measured,
    vips: Option<Measured>,
}

#[cfg(unix)]
fn batch(
    photos: &[PathBuf],
    wanted: &[(RenditionSpec, Option<studio_core::media::FocalPoint>)],
    work: &Path,
    vips: bool,
) -> BatchRun {
    let source_bytes = photos.iter().map(|p| std::fs::metadata(p).expect("photo").len()).sum();
    println!("batch of {} photos: studio-media…", photos.len());
    let library = work.join("batch-library");
    let exe = std::env::current_exe().expect("own path");
    let ours = measure(
        &exe,
        [OsStr::new(IMPORT), library.as_os_str()].into_iter().chain(photos.iter().map(|p| p.as_os_str())),
    );
    std::fs::remove_dir_all(&library).expect("remove library");
    let vips = vips.then(|| {
        println!("batch of {} photos: vipsthumbnail…", photos.len());
        let out = work.join("batch-vips");
        std::fs::create_dir_all(&out).expect("vips folder");
        let mut total = Measured::default();
        // One pass per output size, as each size needs its own
        // `vipsthumbnail` run; each pass takes all photos in one process.
        for (k, (spec, _)) in wanted.iter().enumerate() {
            let args = photos.iter().map(|p| p.as_os_str().to_owned());
            let pass = measure(
                "vipsthumbnail",
                args.chain(vips_args(spec, &vips_output(&out, k)).into_iter().map(OsString::from)),
            );
            total.wall += pass.wall;
            total.peak_rss = total.peak_rss.max(pass.peak_rss);
        }
        std::fs::remove_dir_all(&out).expect("remove vips outputs");
        total
    });
    BatchRun { photos: photos.len(), source_bytes, ours, vips }
}

fn batch_rows(run: &BatchRun, threads: usize, vips_threads: &str, renditions: usize) -> String {
    let n = run.photos;
    let row = |side: &str, threads: &str, m: &Measured| {
        let s = m.wall.as_secs_f64();
        format!(
            "| {n} | {side} | {threads} | {} | {:.2} | {:.1} | {} |\n",
            secs(m.wall),
            n as f64 / s,
            run.source_bytes as f64 / 1e6 / s,
            mb(m.peak_rss)
        )
    };
    let mut rows = row(
        &format!("studio-media: import, decode once, {renditions} renditions"),
        &format!("{threads} workers, a photo each"),
        &run.ours,
    );
    if let Some(vips) = &run.vips {
        rows += &row(&format!("vipsthumbnail: {renditions} passes over all photos"), vips_threads, vips);
        rows += &format!(
            "| {n} | **ratio** | | **{:.2}×** | | | {:.2}× |\n",
            run.ours.wall.as_secs_f64() / vips.wall.as_secs_f64(),
            run.ours.peak_rss as f64 / vips.peak_rss as f64
        );
    }
    rows
}

fn main() {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match args.first().and_then(|a| a.to_str()) {
        #[cfg(unix)]
        Some(MEASURE) => return measure_child(&args[1..]),
        Some(IMPORT) => return import_batch(&args[1..]),
        _ => {}
    }
    let n: usize = std::env::var("BENCH_PHOTOS").ok().and_then(|v| v.parse().ok()).unwrap_or(PHOTOS).max(1);
    let base = std::env::var_os("BENCH_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let photos = photos(&base.join(PHOTO_SET), n);
    let bench = target_dir().join("bench");
    std::fs::create_dir_all(&bench).expect("bench folder");
    let work = tempfile::Builder::new().prefix("studio-media-bench-").tempdir_in(&base).expect("work folder");
    let work = work.path();

    let source = &photos[0];
    let source_bytes = std::fs::metadata(source).expect("photo").len();
    let wanted = wanted();

    let (mut imports, mut renders) = (Vec::new(), Vec::new());
    let mut outputs: Vec<Rendition> = Vec::new();
    for run in 0..RUNS {
        let store = MediaStore::open(work.join(format!("library-{run}"))).expect("library");
        let started = Instant::now();
        let asset =
            store.import(source, &ImportOptions::default(), &AtomicBool::new(false), &mut |_| {}).expect("import");
        imports.push(started.elapsed());
        let started = Instant::now();
        outputs = render_many(&store, &asset.hash, &wanted).expect("renditions");
        renders.push(started.elapsed());
        std::fs::remove_dir_all(store.root()).expect("remove library");
    }
    let (import, render) = (median(imports), median(renders));
    let ours = import + render;

    let vips_version = Command::new("vipsthumbnail")
        .arg("--vips-version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let single_vips = work.join("single-vips");
    let baseline = vips_version.as_ref().map(|_| {
        std::fs::create_dir_all(&single_vips).expect("vips folder");
        let mut runs = Vec::new();
        for _ in 0..RUNS {
            let started = Instant::now();
            for (k, (spec, _)) in wanted.iter().enumerate() {
                let status = Command::new("vipsthumbnail")
                    .arg(source)
                    .args(vips_args(spec, &vips_output(&single_vips, k)))
                    .status()
                    .expect("run vipsthumbnail");
                assert!(status.success(), "vipsthumbnail failed");
            }
            runs.push(started.elapsed());
        }
        median(runs)
    });

    let mut table = String::new();
    table.push_str(&format!(
        "## One photo\n\nImport of a {WIDTH}×{HEIGHT} JPEG ({:.1} MB) to {} renditions, median of {RUNS} runs.\n\n",
        source_bytes as f64 / 1e6,
        wanted.len()
    ));
    table.push_str("| step | studio-media | vipsthumbnail |\n|---|---:|---:|\n");
    table.push_str(&format!("| import (copy, SHA-256, probe) | {} | — |\n", ms(import)));
    table.push_str(&format!("| decode once + all renditions | {} | — |\n", ms(render)));
    match (&vips_version, baseline) {
        (Some(version), Some(vips)) => {
            table.push_str(&format!("| **total** | **{}** | **{}** |\n", ms(ours), ms(vips)));
            table.push_str(&format!(
                "\nRatio studio-media / vipsthumbnail: **{:.2}×** (target ≤ 1.2×). Baseline: {version}, one \
                 `vipsthumbnail` process per output (it decodes with shrink-on-load each time).\n",
                ours.as_secs_f64() / vips.as_secs_f64()
            ));
        }
        _ => {
            table.push_str(&format!("| **total** | **{}** | skipped |\n", ms(ours)));
            table.push_str("\nBaseline skipped: `vipsthumbnail` is not on PATH (install `libvips-tools`).\n");
        }
    }
    table.push_str("\n| rendition | size | vipsthumbnail size | bytes | quality |\n|---|---|---|---:|---:|\n");
    let stem = source.file_stem().expect("photo name").to_string_lossy();
    for (k, ((spec, _), r)) in wanted.iter().zip(&outputs).enumerate() {
        let vips_size = image::image_dimensions(single_vips.join(format!("{stem}-{k}.jpg")))
            .map_or_else(|_| "—".to_string(), |(w, h)| format!("{w}×{h}"));
        table.push_str(&format!(
            "| {} | {}×{} | {vips_size} | {} | {} |\n",
            spec_name(spec),
            r.width,
            r.height,
            r.bytes,
            r.quality
        ));
    }
    println!("\n{table}");

    #[cfg(unix)]
    table.push_str(&batch_table(&photos, &wanted, work, vips_version.is_some()));
    #[cfg(not(unix))]
    table.push_str("\n## Batch\n\nSkipped: peak memory is read with `wait4`, which needs a Unix.\n");

    let report = bench.join("renditions.md");
    std::fs::write(&report, format!("# Renditions benchmark\n\n{table}")).expect("write report");
    println!("written to {}", report.display());
}

/// The batch at N/10 and N photos, both sides, as a Markdown section.
#[cfg(unix)]
fn batch_table(
    photos: &[PathBuf],
    wanted: &[(RenditionSpec, Option<studio_core::media::FocalPoint>)],
    work: &Path,
    vips: bool,
) -> String {
    let n = photos.len();
    // Never fewer photos than workers, or the small run would have idle
    // workers and a lower peak for that reason alone.
    let small = batch(&photos[..(n / 10).max(workers()).min(n)], wanted, work, vips);
    let full = batch(photos, wanted, work, vips);
    let vips_threads = match std::env::var("VIPS_CONCURRENCY") {
        Ok(threads) => format!("libvips pool, {threads} threads"),
        Err(_) => format!("libvips pool, {} threads (its default)", workers()),
    };
    let mut table = format!(
        "\n## {n} photos\n\n{n} distinct {WIDTH}×{HEIGHT} JPEGs ({:.0} MB), and the first {} of them on their own. \
         studio-media imports each into a fresh library and makes the {} renditions above from one decode; \
         `vipsthumbnail` makes the same sizes, one pass per size over all the photos in one process \
         (each pass decodes every photo again, with shrink-on-load). Each side runs in a process of its own: \
         wall time is from start to exit, peak RSS is that process's (the largest of the vips passes).\n\n",
        full.source_bytes as f64 / 1e6,
        small.photos,
        wanted.len()
    );
    table.push_str("| photos | side | threads | wall time | photos/s | MB/s in | peak RSS |\n");
    table.push_str("|---:|---|---|---:|---:|---:|---:|\n");
    for run in [&small, &full] {
        table.push_str(&batch_rows(run, workers(), &vips_threads, wanted.len()));
    }
    let growth = full.ours.peak_rss as f64 / small.ours.peak_rss as f64;
    table.push_str(&format!(
        "\nPeak memory, studio-media: {} at {} photos, {} at {n}: {growth:.2}× for {:.0}× the photos — {}.\n",
        mb(small.ours.peak_rss),
        small.photos,
        mb(full.ours.peak_rss),
        n as f64 / small.photos as f64,
        if growth <= MEMORY_GROWTH_ALLOWED { "bounded, independent of N" } else { "**grows with N**" }
    ));
    if let Some(vips) = &full.vips {
        let ratio = full.ours.wall.as_secs_f64() / vips.wall.as_secs_f64();
        table.push_str(&format!(
            "Time at {n} photos: **{ratio:.2}×** libvips (target ≤ 1.2×) — {}.\n",
            if ratio <= 1.2 { "met" } else { "**missed**" }
        ));
    } else {
        table.push_str("Baseline skipped: `vipsthumbnail` is not on PATH (install `libvips-tools`).\n");
    }
    println!("{table}");
    table
}
