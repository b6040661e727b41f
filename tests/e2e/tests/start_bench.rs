//! Benchmark: the app's start and footprint against a bare Tauri window
//! (`bench/hello`, the same Tauri and release profile), measured in the same
//! run, alternating the two.
//!
//! - Start: `creator-studio --smoke` on a library of 10,000 drafts (until
//!   the drafts screen has painted its rows) against the bare window until
//!   its page has loaded and one call has come back to Rust; both as
//!   milliseconds since the process started, as each reports it.
//! - Memory: the whole process tree (the app and its WebKit processes), RSS
//!   summed and PSS summed, once the first screen is up and after 60 s idle;
//!   CPU in the 10 s after the first screen (the start's own work) and over
//!   the 60 s idle after that (the app's sync worker running).
//! - Size: the app's `.deb` against the bare window packed the same way.
//!
//! `make bench` builds both in release and runs this under Xvfb; by hand:
//! `xvfb-run … cargo nextest run -p studio-e2e --test start_bench
//! --run-ignored ignored-only` with `BENCH_APP` and `BENCH_HELLO` naming the
//! two binaries. Writes `$CARGO_TARGET_DIR/bench/start.md` and `start.svg`.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use studio_core::NewDraft;
use studio_e2e::target_dir;
use studio_store::Store;

const DRAFTS: usize = 10_000;
const IDLE: Duration = Duration::from_secs(60);

fn rounds() -> usize {
    std::env::var("BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(10)
}

fn binary(var: &str, name: &str) -> PathBuf {
    let path = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().parent().unwrap().join("release").join(name));
    assert!(path.exists(), "{} is missing: `make bench` builds it", path.display());
    path
}

/// A library of `DRAFTS` drafts of mixed length, their search entries written.
fn library(dir: &Path) {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(async {
        let store = Store::open(dir).await.unwrap();
        let drafts: Vec<NewDraft> = (0..DRAFTS)
            .map(|n| NewDraft {
                kind: None,
                title: format!("第 {n} 篇 周末市集与新品 notes {n}"),
                body: "周末的咖啡市集，新品上市，第二杯半价。".repeat(1 + n % 12),
            })
            .collect();
        store.insert_drafts(&drafts, 1_700_000_000_000).await.unwrap();
    });
}

/// A started program and the first JSON line it printed.
struct Started {
    child: Child,
    line: Value,
    wall_ms: f64,
}

fn start(program: &Path, args: &[&str], env: &[(&str, &str)]) -> Started {
    let spawned = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{} does not start: {e}", program.display()));
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let line = loop {
        match lines.next() {
            Some(Ok(l)) if l.starts_with('{') => break l,
            Some(_) => continue,
            None => panic!("{} printed no report", program.display()),
        }
    };
    let wall_ms = spawned.elapsed().as_secs_f64() * 1000.0;
    let line: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(line["ok"], true, "{line}");
    // Drain the rest so the program never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Started { child, line, wall_ms }
}

/// The process and every process below it.
fn tree(root: u32) -> Vec<u32> {
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        if let Ok(children) = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")) {
            found.extend(children.split_whitespace().filter_map(|c| c.parse::<u32>().ok()));
        }
        i += 1;
    }
    found
}

/// (RSS, PSS) of a process tree, MiB summed; and the processes by name with their RSS.
fn memory(root: u32) -> (f64, f64, Vec<(String, f64)>) {
    let (mut rss, mut pss, mut each) = (0.0, 0.0, Vec::new());
    for pid in tree(root) {
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_string();
        let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        let field = |key: &str| {
            rollup
                .lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
                .unwrap_or(0.0)
                / 1024.0
        };
        rss += field("Rss:");
        pss += field("Pss:");
        each.push((name, field("Rss:")));
    }
    (rss, pss, each)
}

/// CPU time of a process tree so far, seconds (user + system).
fn cpu_seconds(root: u32) -> f64 {
    tree(root)
        .iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/stat")).ok())
        .filter_map(|stat| {
            let after = stat[stat.rfind(')')? + 2..].to_string();
            let f: Vec<&str> = after.split(' ').collect();
            Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0)
        })
        .sum()
}

/// CPU seconds so far of every thread of every process in the tree, by
/// "process/thread" name.
fn cpu_by_thread(root: u32) -> std::collections::BTreeMap<String, f64> {
    let mut out = std::collections::BTreeMap::new();
    for pid in tree(root) {
        let process = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_string();
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { continue };
        for task in tasks.filter_map(Result::ok) {
            let name = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default().trim().to_string();
            let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else { continue };
            let Some(close) = stat.rfind(')') else { continue };
            let f: Vec<&str> = stat[close + 2..].split(' ').collect();
            let ticks = f.get(11).and_then(|t| t.parse::<f64>().ok()).unwrap_or(0.0)
                + f.get(12).and_then(|t| t.parse::<f64>().ok()).unwrap_or(0.0);
            *out.entry(format!("{process}/{name}")).or_insert(0.0) += ticks / 100.0;
        }
    }
    out
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// How long after the first screen the start's own work (the sync worker's
/// first round, the daily backup) is left to finish before idling is timed.
const SETTLE: Duration = Duration::from_secs(10);

/// Footprint once the first screen is up, and after `IDLE` idle, with the
/// CPU used while settling and while idle.
struct Footprint {
    first: (f64, f64, Vec<(String, f64)>),
    idle: (f64, f64, Vec<(String, f64)>),
    settle_percent: f64,
    cpu_percent: f64,
    /// The threads that used CPU while idle, seconds.
    busy: Vec<(String, f64)>,
}

fn footprint(program: &Path, args: &[&str], env: &[(&str, &str)]) -> Footprint {
    let mut started = start(program, args, env);
    let pid = started.child.id();
    std::thread::sleep(Duration::from_millis(500));
    let first = memory(pid);
    let (settling, t) = (cpu_seconds(pid), Instant::now());
    std::thread::sleep(SETTLE);
    let settle_percent = (cpu_seconds(pid) - settling) / t.elapsed().as_secs_f64() * 100.0;
    let (cpu_before, threads, t) = (cpu_seconds(pid), cpu_by_thread(pid), Instant::now());
    std::thread::sleep(IDLE);
    let cpu = cpu_seconds(pid) - cpu_before;
    let mut busy: Vec<(String, f64)> = cpu_by_thread(pid)
        .into_iter()
        .map(|(name, s)| (name.clone(), s - threads.get(&name).copied().unwrap_or(0.0)))
        .filter(|(_, s)| *s > 0.0)
        .collect();
    busy.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap());
    let idle = memory(pid);
    let cpu_percent = cpu / t.elapsed().as_secs_f64() * 100.0;
    let _ = started.child.kill();
    let _ = started.child.wait();
    Footprint { first, idle, settle_percent, cpu_percent, busy }
}

/// The bare window packed as the app's `.deb` is (xz at its strongest), bytes.
fn hello_deb(hello: &Path, work: &Path) -> u64 {
    let root = work.join("hello-deb");
    let bin = root.join("usr/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(root.join("DEBIAN")).unwrap();
    std::fs::copy(hello, bin.join("hello-tauri")).unwrap();
    std::fs::write(
        root.join("DEBIAN/control"),
        "Package: hello-tauri\nVersion: 0.1.0\nArchitecture: amd64\nMaintainer: bench <bench@localhost>\n\
         Depends: libwebkit2gtk-4.1-0, libgtk-3-0\nDescription: a bare Tauri window\n",
    )
    .unwrap();
    let out = work.join("hello-tauri.deb");
    let status = Command::new("dpkg-deb")
        .args(["--root-owner-group", "-Zxz", "-z9", "-Sextreme", "--build"])
        .arg(&root)
        .arg(&out)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::metadata(out).unwrap().len()
}

fn app_deb() -> Option<(String, u64)> {
    let dist = target_dir().parent()?.join("dist");
    std::fs::read_dir(dist).ok()?.filter_map(Result::ok).find_map(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.ends_with(".deb").then(|| (name, e.metadata().map(|m| m.len()).unwrap_or(0)))
    })
}

/// Each start as a dot on one line per program, medians marked.
fn svg(app: &[f64], hello: &[f64]) -> String {
    let max = app.iter().chain(hello).cloned().fold(0.0_f64, f64::max).max(1.0) * 1.1;
    let x = |ms: f64| 110.0 + ms / max * 560.0;
    let mut out = String::from(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"700\" height=\"150\" font-family=\"sans-serif\" font-size=\"12\">\n",
    );
    for (row, (label, values)) in [("Creator Studio", app), ("bare Tauri", hello)].iter().enumerate() {
        let y = 40.0 + row as f64 * 50.0;
        out += &format!("<text x=\"4\" y=\"{}\">{label}</text>\n", y + 4.0);
        out += &format!("<line x1=\"110\" y1=\"{y}\" x2=\"670\" y2=\"{y}\" stroke=\"#ddd\"/>\n");
        for v in values.iter() {
            out += &format!("<circle cx=\"{:.1}\" cy=\"{y}\" r=\"4\" fill=\"#1677ff\" fill-opacity=\"0.6\"/>\n", x(*v));
        }
        let m = median(&mut values.to_vec());
        out += &format!(
            "<line x1=\"{0:.1}\" y1=\"{1}\" x2=\"{0:.1}\" y2=\"{2}\" stroke=\"#eb2f96\" stroke-width=\"2\"/>\n",
            x(m),
            y - 10.0,
            y + 10.0
        );
        out += &format!("<text x=\"{:.1}\" y=\"{}\" fill=\"#eb2f96\">{m:.0} ms</text>\n", x(m) - 18.0, y - 14.0);
    }
    out += &format!(
        "<text x=\"110\" y=\"140\" fill=\"#666\">ms from process start to first useful screen (0 to {max:.0})</text>\n</svg>\n"
    );
    out
}

#[test]
#[ignore = "a benchmark: run by `make bench`"]
fn start_and_footprint_against_a_bare_tauri_window() {
    let app = binary("BENCH_APP", "creator-studio");
    let hello = binary("BENCH_HELLO", "hello-tauri");
    let data = tempfile::tempdir().unwrap();
    library(data.path());
    let data_arg = data.path().to_str().unwrap().to_string();
    let app_args = ["--data-dir", data_arg.as_str(), "--smoke"];

    // One start of each first, not counted: the library's first open and the disk cache.
    for (program, args) in [(&app, &app_args[..]), (&hello, &[][..])] {
        let mut s = start(program, args, &[]);
        let _ = s.child.wait();
    }
    let (mut app_ms, mut hello_ms, mut app_wall, mut hello_wall) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut phases: Vec<Value> = Vec::new();
    for _ in 0..rounds() {
        let mut a = start(&app, &app_args, &[]);
        let _ = a.child.wait();
        assert!(a.line["rows"].as_u64().unwrap_or(0) > 0, "the app painted rows: {}", a.line);
        app_ms.push(a.line["first_screen_ms"].as_f64().unwrap());
        app_wall.push(a.wall_ms);
        phases.push(a.line["phases"].clone());
        let mut h = start(&hello, &[], &[]);
        let _ = h.child.wait();
        hello_ms.push(h.line["first_screen_ms"].as_f64().unwrap());
        hello_wall.push(h.wall_ms);
    }
    let app_footprint = footprint(&app, &app_args, &[("STUDIO_SMOKE_HOLD", "120")]);
    let hello_footprint = footprint(&hello, &[], &[("HELLO_HOLD", "120")]);

    let work = tempfile::tempdir().unwrap();
    let hello_deb = hello_deb(&hello, work.path());

    let (ma, mh) = (median(&mut app_ms.clone()), median(&mut hello_ms.clone()));
    let mut md = String::new();
    md += &format!(
        "Machine: {} cores, {}; {} rounds, alternating; library of {DRAFTS} drafts.\n\n",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|m| m.lines().next().map(|l| l.split_whitespace().nth(1).unwrap_or("").to_string()))
            .map(|kb| format!("{:.0} GiB", kb.parse::<f64>().unwrap_or(0.0) / 1048576.0))
            .unwrap_or_default(),
        rounds()
    );
    md += "| | Creator Studio | bare Tauri | ratio |\n|---|---|---|---|\n";
    md += &format!(
        "| first useful screen, median ms (self-reported from process start) | {ma:.0} | {mh:.0} | {:.2}× |\n",
        ma / mh
    );
    let (wa, wh) = (median(&mut app_wall.clone()), median(&mut hello_wall.clone()));
    md +=
        &format!("| the same, median ms from spawn to its report (outside) | {wa:.0} | {wh:.0} | {:.2}× |\n", wa / wh);
    let (a, h) = (&app_footprint, &hello_footprint);
    md += &format!(
        "| tree RSS summed after the first screen, MiB | {:.0} | {:.0} | {:.2}× |\n",
        a.first.0,
        h.first.0,
        a.first.0 / h.first.0
    );
    md += &format!(
        "| tree PSS summed after the first screen, MiB | {:.0} | {:.0} | {:.2}× |\n",
        a.first.1,
        h.first.1,
        a.first.1 / h.first.1
    );
    md += &format!(
        "| tree RSS summed after {} s idle, MiB | {:.0} | {:.0} | {:.2}× |\n",
        IDLE.as_secs(),
        a.idle.0,
        h.idle.0,
        a.idle.0 / h.idle.0
    );
    md += &format!(
        "| tree PSS summed after {} s idle, MiB | {:.0} | {:.0} | {:.2}× |\n",
        IDLE.as_secs(),
        a.idle.1,
        h.idle.1,
        a.idle.1 / h.idle.1
    );
    md += &format!(
        "| CPU in the first {} s after the first screen, % of one core | {:.2} | {:.2} | |\n",
        SETTLE.as_secs(),
        a.settle_percent,
        h.settle_percent
    );
    md += &format!(
        "| idle CPU over the {} s after that, % of one core | {:.2} | {:.2} | |\n",
        IDLE.as_secs(),
        a.cpu_percent,
        h.cpu_percent
    );
    if let Some((name, bytes)) = app_deb() {
        md += &format!(
            "| `.deb` ({name} vs the bare window packed the same way), MiB | {:.2} | {:.2} | {:.2}× |\n",
            bytes as f64 / 1048576.0,
            hello_deb as f64 / 1048576.0,
            bytes as f64 / hello_deb as f64
        );
    }
    md += "\nProcesses after the first screen (RSS MiB):\n\n";
    for (label, f) in [("Creator Studio", a), ("bare Tauri", h)] {
        let names: Vec<String> = f.first.2.iter().map(|(n, r)| format!("{n} {r:.0}")).collect();
        md += &format!("- {label}: {}\n", names.join(", "));
    }
    md += &format!("\nThreads busy while idle ({} s; CPU seconds):\n\n", IDLE.as_secs());
    for (label, f) in [("Creator Studio", a), ("bare Tauri", h)] {
        let names: Vec<String> = f.busy.iter().take(8).map(|(n, s)| format!("{n} {s:.2}")).collect();
        md += &format!("- {label}: {}\n", if names.is_empty() { "none".to_string() } else { names.join(", ") });
    }
    md += "\nPhases of the app's start, median ms from process start:\n\n| phase | ms |\n|---|---|\n";
    let mut names: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for p in &phases {
        for (k, _) in p.as_object().unwrap() {
            if seen.insert(k.clone()) {
                names.push(k.clone());
            }
        }
    }
    let mut rows: Vec<(f64, String)> = names
        .iter()
        .map(|n| {
            let mut v: Vec<f64> = phases.iter().filter_map(|p| p[n].as_f64()).collect();
            (median(&mut v), n.clone())
        })
        .collect();
    rows.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    for (ms, name) in rows {
        md += &format!("| {name} | {ms:.0} |\n");
    }
    md += &format!("\nEach start, ms: app {app_ms:?}; bare {hello_ms:?}\n");
    println!("{md}");
    let out = target_dir().parent().unwrap().join("bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("start.md"), &md).unwrap();
    std::fs::write(out.join("start.svg"), svg(&app_ms, &hello_ms)).unwrap();
}
