//! The calendar's query for one month, at 1k, 10k and 100k drafts, beside
//! a bare indexed range read of the same month's publications from the
//! same file in the same run.
//!
//! Each library has the same month (300 posts, 30 livestreams, so the view
//! shows the same thing whatever the size) and the rest of its drafts
//! published, one after another, in the years before: a library grows over
//! time, a month stays a month.
//!
//! `cargo bench -p studio-store --bench calendar` (BENCH_DIR picks the
//! disk). Writes `$CARGO_TARGET_DIR/bench/calendar.md`.

use std::time::Instant;

use studio_core::{AccountRole, NewAccount};
use studio_store::Store;

const MONTH_START: i64 = 1_798_761_600_000; // 2027-01-01T00:00:00Z
const MONTH: i64 = 31 * 86_400_000;
const IN_MONTH: i64 = 300;
const LIVES_IN_MONTH: i64 = 30;
const RUNS: usize = 200;

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    samples[((samples.len() - 1) as f64 * p).round() as usize]
}

async fn library(dir: &std::path::Path, drafts: i64) -> Store {
    let store = Store::open(dir).await.unwrap();
    let account = store
        .add_account(
            &NewAccount {
                name: "bench".into(),
                role: AccountRole::Creator,
                gateway: "emulator".into(),
                app_id: "2021".into(),
                platform_key: String::new(),
                public_id: String::new(),
            },
            0,
        )
        .await
        .unwrap();
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect(&format!("sqlite://{}", store.path().display()))
        .await
        .unwrap();
    let mut tx = pool.begin().await.unwrap();
    for id in 1..=drafts {
        // The month's posts are the last ones; earlier drafts went out every 6 hours before it.
        let at = if id > drafts - IN_MONTH {
            MONTH_START + (id - (drafts - IN_MONTH)) * (MONTH / (IN_MONTH + 1))
        } else {
            MONTH_START - (drafts - IN_MONTH - id + 1) * 6 * 3_600_000
        };
        sqlx::query("INSERT INTO drafts (id, kind, title, body, created_at, updated_at) VALUES (?, 'image_text', ?, '正文', ?, ?)")
            .bind(id)
            .bind(format!("第 {id} 篇"))
            .bind(at - 86_400_000)
            .bind(at)
            .execute(&mut *tx)
            .await
            .unwrap();
        let status = if id % 3 == 0 { "queued" } else { "published" };
        sqlx::query(
            "INSERT INTO publications (draft_id, account_id, status, content_id, scheduled_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(account.id)
        .bind(status)
        .bind((status == "published").then(|| format!("C{id}")))
        .bind(at)
        .bind(at)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    for n in 0..LIVES_IN_MONTH {
        sqlx::query(
            "INSERT INTO livestreams (account_id, title, starts_at, minutes, out_advance_id, status, created_at, updated_at) \
             VALUES (?, '直播', ?, 120, ?, 'announced', 0, 0)",
        )
        .bind(account.id)
        .bind(MONTH_START + n * 86_400_000 + 12 * 3_600_000)
        .bind(format!("out-{n}"))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    pool.close().await;
    store
}

#[tokio::main]
async fn main() {
    let base = std::env::var_os("BENCH_DIR").map(std::path::PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let mut rows = Vec::new();
    for drafts in [1_000, 10_000, 100_000] {
        let dir = tempfile::tempdir_in(&base).unwrap();
        let store = library(dir.path(), drafts).await;
        let bare = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect(&format!("sqlite://{}?mode=ro", store.path().display()))
            .await
            .unwrap();
        let (mut ours, mut baseline) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            let t = Instant::now();
            let rows: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT draft_id, scheduled_at FROM publications \
                 WHERE COALESCE(scheduled_at, updated_at) >= ? AND COALESCE(scheduled_at, updated_at) < ?",
            )
            .bind(MONTH_START)
            .bind(MONTH_START + MONTH)
            .fetch_all(&bare)
            .await
            .unwrap();
            baseline.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(rows.len() as i64, IN_MONTH);
            let t = Instant::now();
            let posts = store.planned_posts(MONTH_START, MONTH_START + MONTH, None).await.unwrap();
            let lives = store.livestreams_between(MONTH_START, MONTH_START + MONTH, None).await.unwrap();
            ours.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!((posts.len() as i64, lives.len() as i64), (IN_MONTH, LIVES_IN_MONTH));
        }
        let row = format!(
            "| {drafts} | {:.3} | {:.3} | {:.3} | {:.3} | {:.2}× |",
            percentile(&mut ours, 0.5),
            percentile(&mut ours, 0.95),
            percentile(&mut baseline, 0.5),
            percentile(&mut baseline, 0.95),
            percentile(&mut ours, 0.5) / percentile(&mut baseline, 0.5)
        );
        println!("{row}");
        rows.push(row);
        bare.close().await;
        store.close().await;
    }
    let table = format!(
        "| drafts | calendar month p50 ms | p95 ms | baseline bare range read p50 ms | p95 ms | p50 ratio |\n|---|---|---|---|---|---|\n{}\n",
        rows.join("\n")
    );
    let out =
        std::path::PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into())).join("bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("calendar.md"), &table).unwrap();
    println!("{table}");
}
