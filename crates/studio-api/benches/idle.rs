//! The sync worker at rest: the app running with 100 posts under review and
//! nothing else to do. Measures the CPU of the app's side (every thread
//! but the emulator's, which serves it from threads of its own) and the
//! calls the emulator served, over a minute, twice: just after the posts went out (the review
//! schedule starts at 2 s and doubles), and once their turns have reached
//! the schedule's cap (an app that has been open a while). Beside it, the
//! calls the schedule allows in the same minute.
//!
//! `cargo bench -p studio-api --bench idle` (BENCH_SECONDS=60 by default).
//! Writes `$CARGO_TARGET_DIR/bench/idle.md`.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use alipay_emulator::{Emulator, EmulatorConfig, Review};
use alipay_open::PrivateKey;
use studio_api::{AccountRole, AccountSetup, Lang, NewAccount, NewDraft, SettingsPatch, Studio, PASSPHRASE_ENV};
use studio_core::sync::REVIEW_POLLING;

#[path = "../../studio-sync/benches/common/cpu.rs"]
mod cpu;
use cpu::cpu_seconds;

const POSTS: usize = 100;
const APP_ID: &str = "2021000000000088";

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

/// Over `seconds`: the share of one core the app's side used (every thread
/// but the emulator's), the emulator's share, and the calls it served: how
/// many, and how many of each method.
async fn measure(emulator: &Emulator, seconds: u64) -> (f64, f64, usize, String) {
    emulator.calls(true);
    let (cpu, wall) = (cpu_seconds(), Instant::now());
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let used = cpu_seconds();
    let wall = wall.elapsed().as_secs_f64();
    let calls = emulator.calls(true);
    let mut by_method = std::collections::BTreeMap::<&str, usize>::new();
    for c in &calls {
        *by_method.entry(c.method.rsplit('.').next().unwrap_or("")).or_default() += 1;
    }
    let by_method: Vec<String> = by_method.iter().map(|(m, n)| format!("{n} `{m}`")).collect();
    (((used.0 - cpu.0) - (used.1 - cpu.1)) / wall, (used.1 - cpu.1) / wall, calls.len(), by_method.join(", "))
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let seconds: u64 = std::env::var("BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
    let dir = tempfile::tempdir().unwrap();
    // SAFETY: set before any other thread of this program reads the environment.
    unsafe { std::env::set_var(PASSPHRASE_ENV, "bench passphrase") };
    let (app_key, platform_key) = (PrivateKey::generate(), PrivateKey::generate());
    // The emulator on threads of its own, so its CPU can be told apart.
    let platform = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("emulator")
        .enable_all()
        .build()
        .unwrap();
    let emulator = platform
        .spawn(Emulator::start(EmulatorConfig {
            data_dir: Some(dir.path().join("platform")),
            platform_key: platform_key.clone(),
            apps: vec![(APP_ID.to_string(), app_key.public_key())],
            // Review takes an hour: the posts stay under review while measured.
            review: Review { delay: Duration::from_secs(3600), ..Review::default() },
            ..EmulatorConfig::ephemeral()
        }))
        .await
        .unwrap()
        .unwrap();
    let studio = Arc::new(Studio::open(&dir.path().join("library"), Lang::ZhCn).await.unwrap());
    let account = studio
        .add_account(AccountSetup {
            account: NewAccount {
                name: "idle".into(),
                role: AccountRole::Creator,
                gateway: emulator.gateway_url(),
                app_id: APP_ID.into(),
                platform_key: platform_key.public_key().to_pem(),
                public_id: String::new(),
            },
            app_private_key: app_key.to_pkcs8_pem(),
            app_auth_token: None,
        })
        .await
        .unwrap()
        .account;
    studio.update_settings(SettingsPatch { publish_account: Some(account.id), ..Default::default() }).await.unwrap();
    for i in 0..POSTS {
        let draft = studio
            .create_draft(NewDraft { kind: None, title: format!("审核中 {i}"), body: format!("第 {i} 篇") })
            .await
            .unwrap();
        studio.publish_draft(draft.id, None, None).await.unwrap();
    }
    let worker = studio.sync_worker().await.unwrap();
    let running = tokio::spawn(worker.run(|_| {}));
    let deadline = now() + 120_000;
    while studio.sync_status().await.unwrap().waiting > 0 {
        assert!(now() < deadline, "the posts went out");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Just after: every post's first questions.
    let (fresh_cpu, fresh_platform, fresh_calls, fresh_methods) = measure(&emulator, seconds).await;
    // The schedule allows, per post, the questions whose turns fall in the window.
    let mut turn = 0i64;
    let mut fresh_allowed = 0;
    for asked in 0.. {
        turn += REVIEW_POLLING.wait_ms(asked);
        if turn > (seconds as i64 + 60) * 1_000 {
            break;
        }
        fresh_allowed += POSTS;
    }

    // An app open a while: every post's turn at the cap, spread over it.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("library/studio.sqlite3").display()))
        .await
        .unwrap();
    let cap = REVIEW_POLLING.cap_ms;
    let subjects: Vec<(String,)> = sqlx::query_as("SELECT subject FROM review_checks").fetch_all(&pool).await.unwrap();
    for (i, (subject,)) in subjects.iter().enumerate() {
        sqlx::query("UPDATE review_checks SET asked = 20, next_at = ? WHERE subject = ?")
            .bind(now() + cap * i as i64 / subjects.len() as i64)
            .bind(subject)
            .execute(&pool)
            .await
            .unwrap();
    }
    pool.close().await;
    studio.sync_soon().await.unwrap();
    let (steady_cpu, steady_platform, steady_calls, steady_methods) = measure(&emulator, seconds).await;
    // Turns spread evenly over the cap from the start of the window, both ends in.
    let steady_allowed = (POSTS * seconds as usize * 1_000 / cap as usize + 1).min(POSTS);
    running.abort();
    platform.shutdown_background();

    let table = format!(
        "### The sync worker at rest: {POSTS} posts under review, {seconds} s\n\n\
         | | app's CPU, share of one core | emulator's CPU | calls to the platform | by method | questions the schedule allows |\n|---|---|---|---|---|---|\n\
         | just after they went out | {:.2}% | {:.2}% | {fresh_calls} | {fresh_methods} | {fresh_allowed} (each post at 2, 4, 8, … s), and the minute's pull |\n\
         | once their turns reach the cap (5 min) | {:.2}% | {:.2}% | {steady_calls} | {steady_methods} | {steady_allowed}, and the minute's pull |\n\n\
         The app's CPU is every thread of the process but the emulator's, which answers on threads of its own. \
         Posts due together that sit on one page of the account's contents are asked about as that page \
         (`batchquery`, 20 posts a call); the others one call each (`query`).\n",
        fresh_cpu * 100.0,
        fresh_platform * 100.0,
        steady_cpu * 100.0,
        steady_platform * 100.0,
    );
    println!("{table}");
    let target = std::env::var_os("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| "target".into());
    let out = target.join("bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("idle.md"), table).unwrap();
}
