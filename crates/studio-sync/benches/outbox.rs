//! Outbox throughput: N queued publishes sent through the sync engine to the
//! emulator on loopback (no rate limit, no faults), printed beside a bare
//! loop of the same gateway calls with no outbox, in the same run and with
//! the same number of calls in flight.
//!
//! `cargo bench -p studio-sync --bench outbox` (BENCH_PUBLISHES=10000 by
//! default; BENCH_DIR picks the disk of the library). Writes
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

async fn emulator(app_key: &PrivateKey, platform_key: &PrivateKey) -> Emulator {
    Emulator::start(EmulatorConfig {
        platform_key: platform_key.clone(),
        apps: vec![(APP_ID.to_string(), app_key.public_key())],
        review: Review { delay: Duration::from_secs(3600), ..Review::default() },
        ..EmulatorConfig::ephemeral()
    })
    .await
    .unwrap()
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

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let n: usize = std::env::var("BENCH_PUBLISHES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let base = std::env::var_os("BENCH_DIR").map(std::path::PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::tempdir_in(base).unwrap();
    let app_key = PrivateKey::generate();
    let platform_key = PrivateKey::generate();

    // Baseline first, on its own emulator.
    let baseline_emulator = emulator(&app_key, &platform_key).await;
    let client = AlipayClient::new(Config {
        gateway_url: baseline_emulator.gateway_url(),
        app_id: APP_ID.into(),
        app_key: app_key.clone(),
        alipay_public_key: platform_key.public_key(),
        timeout: Duration::from_secs(30),
    });
    let (bare_total, mut bare) = bare_loop(n, client).await;
    bare.sort();
    baseline_emulator.stop().await;

    // The outbox: a real library on disk, the jobs queued first.
    let outbox_emulator = emulator(&app_key, &platform_key).await;
    let store = Store::open(dir.path()).await.unwrap();
    let account = store
        .add_account(
            &NewAccount {
                name: "bench".into(),
                role: AccountRole::Creator,
                gateway: outbox_emulator.gateway_url(),
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
    let options = EngineOptions { concurrency: IN_FLIGHT, calls_per_second: f64::INFINITY, ..EngineOptions::default() };
    let engine = Engine::new(store.clone(), dir.path(), Some(secrets), None, options).unwrap();
    let start = Instant::now();
    let mut job_latency: Vec<Duration> = Vec::with_capacity(n);
    loop {
        let t = Instant::now();
        let round = engine.round(now()).await.unwrap();
        if round.sent + round.done + round.retried + round.failed == 0 {
            break;
        }
        assert_eq!(round.failed, 0, "no job fails without faults");
        // Every job of a round is claimed at its start and recorded at its end.
        job_latency.extend(std::iter::repeat_n(t.elapsed(), round.done));
    }
    let outbox_total = start.elapsed();
    job_latency.sort();
    assert_eq!(job_latency.len(), n, "every publish went out once");
    assert_eq!(store.waiting_jobs().await.unwrap(), 0);
    outbox_emulator.stop().await;

    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    let table = format!(
        "### {n} queued publishes to the emulator on loopback ({IN_FLIGHT} in flight, no rate limit)\n\n\
         | | ops/s | p50 ms | p99 ms |\n|---|---|---|---|\n\
         | outbox (claim, send, record; SQLite FULL) | {:.0} | {} | {} |\n\
         | baseline: bare loop of the same calls | {:.0} | {} | {} |\n\
         | ratio | {:.2}× | | |\n\n\
         Queueing the {n} publishes (one transaction each): {:.0} per second.\n\
         Latency: outbox = from claim to recorded outcome (a round of up to 64 jobs, the default batch); baseline = one call.\n",
        rate(outbox_total),
        ms(pct(&job_latency, 0.5)),
        ms(pct(&job_latency, 0.99)),
        rate(bare_total),
        ms(pct(&bare, 0.5)),
        ms(pct(&bare, 0.99)),
        rate(outbox_total) / rate(bare_total),
        rate(enqueue_total),
    );
    println!("{table}");
    let target = std::env::var_os("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| "target".into());
    let out = target.join("bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("outbox.md"), table).unwrap();
}
