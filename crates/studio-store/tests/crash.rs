//! Kill -9 at random moments while saving: the file stays sound and every
//! save that was acknowledged is there.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use rand::{Rng, SeedableRng};
use studio_core::search::Query;
use studio_core::NewDraft;
use studio_store::{Store, DATABASE_FILE};

const ROUNDS: usize = 200;

/// The writer: saves drafts in a loop and prints each number once its
/// transaction has committed. Run by the crash test as a child process.
#[tokio::test]
#[ignore = "run as a child process by sigkill_at_random_moments_loses_no_acknowledged_save"]
async fn crash_writer_child() {
    let dir = std::env::var_os("STUDIO_CRASH_DIR").expect("STUDIO_CRASH_DIR");
    let start: u64 = std::env::var("STUDIO_CRASH_START").unwrap().parse().unwrap();
    let store = Store::open(std::path::Path::new(&dir)).await.unwrap();
    let mut out = std::io::stdout().lock();
    for n in start.. {
        let draft = NewDraft { kind: None, title: format!("save {n}"), body: "正文 ".repeat((n % 50) as usize) };
        store.insert_draft(&draft, n as i64).await.unwrap();
        writeln!(out, "{n}").unwrap();
        out.flush().unwrap();
    }
}

/// A plain connection to the library, beside the store's own.
async fn raw(dir: &std::path::Path) -> sqlx::SqlitePool {
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(dir.join(DATABASE_FILE));
    sqlx::pool::PoolOptions::new().max_connections(1).connect_with(options).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_at_random_moments_loses_no_acknowledged_save() {
    let seed: u64 = std::env::var("CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(rand::random);
    eprintln!("CRASH_SEED={seed}");
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let dir = tempfile::tempdir().unwrap();
    let mut acknowledged = BTreeSet::new();
    let mut next = 0u64;

    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "crash_writer_child", "--nocapture", "--test-threads", "1"])
            .env("STUDIO_CRASH_DIR", dir.path())
            .env("STUDIO_CRASH_START", next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Ok(n) = line.trim().parse::<u64>() {
                    let _ = tx.send(n);
                }
            }
        });
        // Let it get going (opening the file is part of what may be killed).
        std::thread::sleep(Duration::from_millis(rng.gen_range(5..80)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        acknowledged.extend(rx.try_iter());

        let store = Store::open(dir.path()).await.unwrap();
        assert_eq!(store.integrity_check().await.unwrap(), vec!["ok".to_string()], "round {round} (CRASH_SEED={seed})");
        let stored: BTreeSet<u64> = store
            .drafts()
            .await
            .unwrap()
            .iter()
            .map(|d| d.title.trim_start_matches("save ").parse().unwrap())
            .collect();
        let lost: Vec<_> = acknowledged.difference(&stored).take(5).collect();
        assert!(lost.is_empty(), "round {round}: acknowledged saves missing: {lost:?} (CRASH_SEED={seed})");
        // Search entries the killed writer left to upkeep are written on open.
        let raw = raw(dir.path()).await;
        let marked: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM search_pending").fetch_one(&raw).await.unwrap();
        raw.close().await;
        assert_eq!(marked.0, 0, "round {round}: search entries left unwritten (CRASH_SEED={seed})");
        let found = store.search_drafts(&Query::parse("save"), u32::MAX).await.unwrap().len();
        assert_eq!(found, stored.len(), "round {round}: every stored draft is found (CRASH_SEED={seed})");
        // Continue after everything stored, acknowledged or not.
        next = stored.last().map_or(next, |n| n + 1);
        store.close().await;
    }
    assert!(
        acknowledged.len() > ROUNDS,
        "the writer should have acknowledged saves in most rounds, got {}",
        acknowledged.len()
    );
    eprintln!("{} acknowledged saves over {ROUNDS} kills, none lost", acknowledged.len());
}
