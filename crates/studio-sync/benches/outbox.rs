//! Outbox throughput: N queued publishes sent through the sync engine to the
//! emulator on loopback (no rate limit, no faults), printed beside a bare
//! loop of the same gateway calls with no outbox, in the same run and with
//! the same number of calls in flight.
//!
//! `cargo bench -p studio-sync --bench outbox` (BENCH_PUBLISHES=10000 by
//! default; BENCH_DIR picks the disk of the library; BENCH_BATCH the jobs
//! claimed per round, the engine's default otherwise; BENCH_REPEATS the
//! runs, 3 by default). Each run times the bare loop, then the outbox
//! drained as the app does (rounds overlapping), then one round at a time;
//! the verdict is the median of the runs' ratios. Writes
//! `$CARGO_TARGET_DIR/bench/outbox.md`.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use alipay_emulator::{Emulator, EmulatorConfig, Review};
use alipay_open::methods::ContentPublish;
use alipay_open::{AlipayClient, CallOptions, Config, PrivateKey};
use studio_core::{AccountRole, NewAccount, NewDraft};
use studio_store::Store;
use studio_sync::{secrets, Engine, EngineOptions, Secrets};

#[path = "common/cpu.rs"]
mod cpu;
use cpu::cpu_seconds;

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

    let repeats: usize = std::env::var("BENCH_REPEATS").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    let batch = batch();
    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    // The three side by side, `repeats` times over, so that a slow spell of
    // the machine falls on all of them, not on one.
    let mut rows = String::new();
    let (mut drained_ratios, mut fenced_ratios) = (Vec::new(), Vec::new());
    let mut cpu = [Vec::new(), Vec::new(), Vec::new()];
    let mut queueing = Vec::new();
    for run in 1..=repeats {
        // The bare loop, on its own emulator.
        let baseline_emulator = emulator(&platform, &app_key, &platform_key).await;
        let client = AlipayClient::new(Config {
            gateway_url: baseline_emulator.gateway_url(),
            app_id: APP_ID.into(),
            app_key: app_key.clone(),
            alipay_public_key: platform_key.public_key(),
            timeout: Duration::from_secs(30),
        });
        let before = cpu_seconds();
        let (bare_total, mut bare) = bare_loop(n, client).await;
        cpu[0].push(client_ms_per_publish(before, n));
        bare.sort();
        baseline_emulator.stop().await;

        // The outbox as the app drains it (rounds overlapping), then one
        // round at a time, each on a real library on disk of its own.
        let (drained_total, drained_cpu, enqueue_total) =
            outbox_run(&platform, &app_key, &platform_key, n, &base, true).await;
        let (fenced_total, fenced_cpu, _) = outbox_run(&platform, &app_key, &platform_key, n, &base, false).await;
        cpu[1].push(drained_cpu);
        cpu[2].push(fenced_cpu);
        queueing.push(rate(enqueue_total));
        let (drained, fenced, bare_rate) = (rate(drained_total), rate(fenced_total), rate(bare_total));
        drained_ratios.push(drained / bare_rate);
        fenced_ratios.push(fenced / bare_rate);
        rows += &format!(
            "| {run} | {drained:.0} | {fenced:.0} | {bare_rate:.0} (a call: p50 {} ms, p99 {} ms) | {:.2}× | {:.2}× |\n",
            ms(pct(&bare, 0.5)),
            ms(pct(&bare, 0.99)),
            drained / bare_rate,
            fenced / bare_rate,
        );
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let table = format!(
        "### {n} queued publishes to the emulator on loopback ({IN_FLIGHT} in flight, no rate limit, batch {batch}), {repeats} runs\n\n\
         | run | outbox as the app drains it, ops/s | outbox one round at a time, ops/s | baseline: bare loop of the same calls, ops/s | drained / bare | one at a time / bare |\n\
         |---|---|---|---|---|---|\n{rows}\
         | median | | | | **{:.2}×** | {:.2}× |\n\n\
         Client CPU ms per publish (median): drained {:.2}, one round at a time {:.2}, bare loop {:.2}.\n\
         Queueing the {n} publishes (one transaction each): {:.0} per second (median).\n\
         Drained: a round claims while the sends of the one before are out (claim, send, record; SQLite FULL).\n\
         Client CPU: every thread of the process but the emulator's (which runs on threads of its own).\n",
        median(&mut drained_ratios),
        median(&mut fenced_ratios),
        median(&mut cpu[1]),
        median(&mut cpu[2]),
        median(&mut cpu[0]),
        median(&mut queueing),
    );
    println!("{table}");
    let target = std::env::var_os("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| "target".into());
    let out = target.join("bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("outbox.md"), table).unwrap();
    platform.shutdown_background();
}
