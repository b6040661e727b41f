//! Outbox throughput: N queued publishes sent through the sync engine to the
//! emulator on loopback (no rate limit, no faults), printed beside a bare
//! loop of the same gateway calls with no outbox, in the same run and with
//! the same number of calls in flight.
//!
//! `cargo bench -p studio-sync --bench outbox` (BENCH_PUBLISHES=10000 by
//! default; BENCH_DIR picks the disk of the library; BENCH_BATCH the jobs
//! claimed per round, the engine's default otherwise). The outbox runs
//! twice: drained as the app does, rounds overlapping, and one round at a
//! time. Writes
//! `$CARGO_TARGET_DIR/bench/outbox.md`.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use alipay_emulator::{Emulator, EmulatorConfig, Review};
use alipay_open::methods::ContentPublish;
use alipay_open::{AlipayClient, CallOptions, Config, PrivateKey};
use studio_core::{AccountRole, NewAccount, NewDraft};
use studio_store::Store;
use studio_sync::{secrets, Engine, EngineOptions, Secrets};

const APP_ID: &str = "2021000000009999";
const IN_FLIGHT: usize = 16;

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// The emulator, on threads of its own (named `emulator`), so that the
/// CPU the client side spends can be told from the platform's.
async fn emulator(platform: &tokio::runtime::Runtime, app_key: &PrivateKey, platform_key: &PrivateKey) -> Emulator {
    let config = EmulatorConfig {
        platform_key: platform_key.clone(),
        apps: vec![(APP_ID.to_string(), app_key.public_key())],
        review: Review { delay: Duration::from_secs(3600), ..Review::default() },
        ..EmulatorConfig::ephemeral()
    };
    platform.spawn(Emulator::start(config)).await.unwrap().unwrap()
}

/// CPU seconds used by this process's threads, split: (all, the emulator's).
fn cpu_seconds() -> (f64, f64) {
    // SAFETY: sysconf has no preconditions.
    let tick = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let (mut all, mut platform) = (0.0, 0.0);
    for task in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
        let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else { continue };
        let Some(close) = stat.rfind(')') else { continue };
        let name = &stat[stat.find('(').unwrap_or(0) + 1..close];
        let fields: Vec<&str> = stat[close + 2..].split_whitespace().collect();
        let used = (fields[11].parse::<f64>().unwrap_or(0.0) + fields[12].parse::<f64>().unwrap_or(0.0)) / tick;
        all += used;
        if name.starts_with("emulator") {
            platform += used;
        }
    }
    (all, platform)
}

/// The client side's CPU, ms per publish, since `before`.
fn client_ms_per_publish(before: (f64, f64), n: usize) -> f64 {
    let after = cpu_seconds();
    ((after.0 - before.0) - (after.1 - before.1)) * 1_000.0 / n as f64
}

/// The same calls with no outbox: `n` publishes, `IN_FLIGHT` at a time.
async fn bare_loop(n: usize, client: AlipayClient) -> (Duration, Vec<Duration>) {
    let client = Arc::new(client);
    let semaphore = Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
    let mut tasks = tokio::task::JoinSet::new();
    let start = Instant::now();
    for i in 0..n {
        let permit = semaphore.clone().acquire_owned().await.unwrap();
        let client = client.clone();
        tasks.spawn(async move {
            let post = ContentPublish {
                source_type: 1,
                source_title: format!("基线 {i}"),
                source_content: format!("第 {i} 篇"),
                ..Default::default()
            };
            let t = Instant::now();
            client.publish_content(&post, &CallOptions::default()).await.unwrap();
            drop(permit);
            t.elapsed()
        });
    }
    let mut latencies = Vec::with_capacity(n);
    while let Some(d) = tasks.join_next().await {
        latencies.push(d.unwrap());
    }
    (start.elapsed(), latencies)
}

/// The jobs claimed per round: `BENCH_BATCH`, or the engine's default.
fn batch() -> u32 {
    std::env::var("BENCH_BATCH").ok().and_then(|v| v.parse().ok()).unwrap_or(EngineOptions::default().batch)
}

/// `n` publishes queued in a fresh library and sent through the engine:
/// drained with rounds overlapping (`overlap`, as the app does) or one
/// round at a time. Gives the time to send them all, the client's CPU ms
/// per publish, and the time it took to queue them.
async fn outbox_run(
    platform: &tokio::runtime::Runtime,
    app_key: &PrivateKey,
    platform_key: &PrivateKey,
    n: usize,
    base: &std::path::Path,
    overlap: bool,
) -> (Duration, f64, Duration) {
    let dir = tempfile::tempdir_in(base).unwrap();
    let emulator = emulator(platform, app_key, platform_key).await;
    let store = Store::open(dir.path()).await.unwrap();
    let account = store
        .add_account(
            &NewAccount {
                name: "bench".into(),
                role: AccountRole::Creator,
                gateway: emulator.gateway_url(),
                app_id: APP_ID.into(),
                platform_key: platform_key.public_key().to_pem(),
                public_id: String::new(),
            },
            now(),
        )
        .await
        .unwrap();
    let secrets = Arc::new(Secrets::file(dir.path(), "bench").unwrap());
    secrets.set(&secrets::name::app_key(account.id), &app_key.to_pkcs8_pem()).unwrap();
    let drafts: Vec<NewDraft> =
        (0..n).map(|i| NewDraft { kind: None, title: format!("队列 {i}"), body: format!("第 {i} 篇") }).collect();
    let ids = store.insert_drafts(&drafts, now()).await.unwrap();
    let enqueue = Instant::now();
    for id in &ids {
        store.request_publish(*id, account.id, None, false, now(), |_, _| Ok(())).await.unwrap();
    }
    let enqueue_total = enqueue.elapsed();

    // Unpaced: the bench measures the bookkeeping, not a policy of calls a second.
    let options = EngineOptions {
        concurrency: IN_FLIGHT,
        calls_per_second: f64::INFINITY,
        batch: batch(),
        ..EngineOptions::default()
    };
    let engine = Engine::new(store.clone(), dir.path(), Some(secrets), None, options).unwrap();
    let cpu = cpu_seconds();
    let start = Instant::now();
    let mut total = studio_sync::RoundReport::default();
    if overlap {
        total = engine.drain(now).await.unwrap();
    } else {
        loop {
            let round = engine.round(now()).await.unwrap();
            if round.is_idle() {
                break;
            }
            total.add(&round);
        }
    }
    let elapsed = start.elapsed();
    let cpu = client_ms_per_publish(cpu, n);
    assert_eq!(total.failed, 0, "no job fails without faults");
    assert_eq!((total.sent, total.done), (n, n), "every publish went out once");
    assert_eq!(store.waiting_jobs().await.unwrap(), 0);
    emulator.stop().await;
    (elapsed, cpu, enqueue_total)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let platform = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("emulator")
        .enable_all()
        .build()
        .unwrap();
    let n: usize = std::env::var("BENCH_PUBLISHES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let base = std::env::var_os("BENCH_DIR").map(std::path::PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let app_key = PrivateKey::generate();
    let platform_key = PrivateKey::generate();

    // Baseline first, on its own emulator.
    let baseline_emulator = emulator(&platform, &app_key, &platform_key).await;
    let client = AlipayClient::new(Config {
        gateway_url: baseline_emulator.gateway_url(),
        app_id: APP_ID.into(),
        app_key: app_key.clone(),
        alipay_public_key: platform_key.public_key(),
        timeout: Duration::from_secs(30),
    });
    let cpu = cpu_seconds();
    let (bare_total, mut bare) = bare_loop(n, client).await;
    let bare_cpu = client_ms_per_publish(cpu, n);
    bare.sort();
    baseline_emulator.stop().await;

    // The outbox as the app drains it (rounds overlapping), then one
    // round at a time, each on a real library on disk of its own.
    let (outbox_total, outbox_cpu, enqueue_total) =
        outbox_run(&platform, &app_key, &platform_key, n, &base, true).await;
    let (fenced_total, fenced_cpu, _) = outbox_run(&platform, &app_key, &platform_key, n, &base, false).await;
    let batch = batch();

    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    let table = format!(
        "### {n} queued publishes to the emulator on loopback ({IN_FLIGHT} in flight, no rate limit, batch {batch})\n\n\
         | | ops/s | client CPU ms per publish |\n|---|---|---|\n\
         | outbox as the app drains it (claim, send, record; SQLite FULL; a round claims while the sends of the one before are out) | {:.0} | {:.2} |\n\
         | outbox, one round at a time | {:.0} | {:.2} |\n\
         | baseline: bare loop of the same calls (p50 {} ms, p99 {} ms a call) | {:.0} | {:.2} |\n\
         | ratio, drained / bare loop | {:.2}× | |\n\
         | ratio, one round at a time / bare loop | {:.2}× | |\n\n\
         Queueing the {n} publishes (one transaction each): {:.0} per second.\n\
         Client CPU: every thread of the process but the emulator's (which runs on threads of its own).\n",
        rate(outbox_total),
        outbox_cpu,
        rate(fenced_total),
        fenced_cpu,
        ms(pct(&bare, 0.5)),
        ms(pct(&bare, 0.99)),
        rate(bare_total),
        bare_cpu,
        rate(outbox_total) / rate(bare_total),
        rate(fenced_total) / rate(bare_total),
        rate(enqueue_total),
    );
    println!("{table}");
    let target = std::env::var_os("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| "target".into());
    let out = target.join("bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("outbox.md"), table).unwrap();
    platform.shutdown_background();
}
