//! Library benchmarks, each printed beside its baseline from the same run:
//! - autosave commit p50/p99 on a large library, back to back and at the
//!   editor's pace (one save per 400 ms), vs a bare one-row SQLite commit
//!   (WAL, synchronous=FULL, default settings) on the same disk, timed the
//!   same two ways first, with the library closed; the library is reopened
//!   before each series of saves, as the app finds it, so the import's (or
//!   the burst's) upkeep is done;
//! - a search right after a save, which writes that save's search entry;
//! - search p50/p95 by query length vs a `LIKE '%q%'` scan of the same rows;
//! - first and deep list pages at several library sizes.
//!
//! `cargo bench -p studio-store --bench library` (BENCH_DRAFTS=100000 by
//! default; BENCH_DIR picks the disk; BENCH_QUICK=1 skips the small
//! libraries). Writes `$CARGO_TARGET_DIR/bench/library.md`.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use studio_core::search::Query;
use studio_core::{DraftPatch, NewDraft};
use studio_store::Store;

const HANZI: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质";
const WORDS: &[&str] = &[
    "coffee", "latte", "spring", "street", "noodle", "shop", "weekend", "market", "review", "travel", "beauty",
    "outfit",
];

fn text(rng: &mut StdRng, hanzi: &[char], len: usize) -> String {
    let mut s = String::with_capacity(len * 3);
    for _ in 0..len {
        match rng.gen_range(0..12) {
            0 => {
                s.push(' ');
                s.push_str(WORDS[rng.gen_range(0..WORDS.len())]);
                s.push(' ');
            }
            1 => s.push_str(["，", "。", "！", "\n", " #"][rng.gen_range(0..5)]),
            // Skewed towards common characters, as real text is.
            2..=7 => s.push(hanzi[rng.gen_range(0..60)]),
            _ => s.push(hanzi[rng.gen_range(0..hanzi.len())]),
        }
    }
    s
}

/// Saves timed back to back, and at the editor's pace.
const BACK_TO_BACK: usize = 400;
const PACED: usize = 150;
/// The editor saves at most this often while the user types.
const EDITOR_PACE: Duration = Duration::from_millis(400);

fn editor_pace() -> tokio::time::Interval {
    let mut pace = tokio::time::interval(EDITOR_PACE);
    pace.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    pace
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

async fn library(dir: &std::path::Path, n: usize, rng: &mut StdRng) -> Store {
    let hanzi: Vec<char> = HANZI.chars().collect();
    let store = Store::open(dir).await.unwrap();
    let mut made = 0;
    while made < n {
        let batch: Vec<NewDraft> = (made..n.min(made + 5000))
            .map(|_| {
                let tl = rng.gen_range(4..20);
                let bl = rng.gen_range(20..300);
                NewDraft { kind: None, title: text(rng, &hanzi, tl), body: text(rng, &hanzi, bl) }
            })
            .collect();
        made += batch.len();
        store.insert_drafts(&batch, made as i64).await.unwrap();
    }
    store
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let n: usize = std::env::var("BENCH_DRAFTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let base = std::env::var_os("BENCH_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::tempdir_in(&base).unwrap();
    let mut rng = StdRng::seed_from_u64(7);
    let mut out = String::new();
    let mut say = |line: String| {
        println!("{line}");
        out.push_str(&line);
        out.push('\n');
    };

    // ---- list pages at 1k, 10k, 100k ----
    say("### Drafts list pages (50 rows, keyset paging; the first page also counts the total)\n".into());
    say("| drafts | first page ms | deep page ms (row n-100) |".into());
    say("|---|---|---|".into());
    let mut big = None;
    let sizes: Vec<usize> = match std::env::var("BENCH_QUICK") {
        Ok(_) => vec![n],
        Err(_) => vec![1_000, 10_000, n],
    };
    for size in sizes {
        let sub = tempfile::tempdir_in(&base).unwrap();
        let store = library(sub.path(), size, &mut rng).await;
        let all = store.drafts().await.unwrap();
        let first_page = studio_core::DraftListQuery { limit: 50, ..Default::default() };
        let d = &all[all.len() - 100];
        let deep_page = studio_core::DraftListQuery {
            after: Some(studio_core::Cursor { key: d.updated_at, id: d.id }),
            ..first_page.clone()
        };
        let mut first = Vec::new();
        let mut deep = Vec::new();
        for _ in 0..50 {
            let t = Instant::now();
            store.drafts_list(&first_page).await.unwrap();
            first.push(t.elapsed());
            let t = Instant::now();
            store.drafts_list(&deep_page).await.unwrap();
            deep.push(t.elapsed());
        }
        first.sort();
        deep.sort();
        say(format!("| {size} | {} | {} |", ms(pct(&first, 0.5)), ms(pct(&deep, 0.5))));
        if size == n {
            big = Some((sub, store, all));
        }
    }
    let (_big_dir, store, all) = big.unwrap();

    // ---- autosave on the big library vs bare SQLite commit ----
    // The library is closed while the baselines run, so its upkeep after
    // the import cannot slow them.
    store.close().await;
    let bare_opts = SqliteConnectOptions::from_str("sqlite://")
        .unwrap()
        .filename(dir.path().join("bare.sqlite3"))
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full);
    let bare = SqlitePoolOptions::new().max_connections(1).connect_with(bare_opts).await.unwrap();
    sqlx::query("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)").execute(&bare).await.unwrap();
    sqlx::query("INSERT INTO t VALUES (1, '')").execute(&bare).await.unwrap();
    let bare_save = |i: usize, rng: &mut StdRng| {
        let body = format!("正在输入第 {i} 次 {}", "字".repeat(rng.gen_range(50..400)));
        let bare = bare.clone();
        async move {
            let t = Instant::now();
            sqlx::query("UPDATE t SET body = ? WHERE id = 1").bind(body).execute(&bare).await.unwrap();
            t.elapsed()
        }
    };
    let mut baseline = Vec::new();
    for i in 0..BACK_TO_BACK {
        baseline.push(bare_save(i, &mut rng).await);
    }
    let mut paced_baseline = Vec::new();
    let mut pace = editor_pace();
    for i in 0..PACED {
        pace.tick().await;
        paced_baseline.push(bare_save(i, &mut rng).await);
    }

    let ids: Vec<i64> = all.iter().map(|d| d.id).collect();
    let autosave = |store: &Store, i: usize, rng: &mut StdRng| {
        let id = ids[rng.gen_range(0..ids.len())];
        let patch = DraftPatch {
            body: Some(format!("正在输入第 {i} 次 autosave {}", "字".repeat(rng.gen_range(50..400)))),
            ..Default::default()
        };
        let store = store.clone();
        async move {
            let t = Instant::now();
            store.update_draft(id, &patch, 10_000_000 + i as i64).await.unwrap();
            t.elapsed()
        }
    };
    let store = Store::open(_big_dir.path()).await.unwrap();
    let mut back_to_back = Vec::new();
    for i in 0..BACK_TO_BACK {
        back_to_back.push(autosave(&store, i, &mut rng).await);
    }
    // Reopened, so the paced saves do not find the burst's upkeep under way.
    store.close().await;
    let store = Store::open(_big_dir.path()).await.unwrap();
    let mut paced = Vec::new();
    let mut pace = editor_pace();
    for i in 0..PACED {
        pace.tick().await;
        paced.push(autosave(&store, BACK_TO_BACK + i, &mut rng).await);
    }
    say(format!("\n### Autosave commit on a {n}-draft library\n"));
    say("| | p50 ms | p99 ms |".into());
    say("|---|---|---|".into());
    let mut rows = |what: &str, saves: &mut Vec<Duration>, bare: &mut Vec<Duration>| {
        saves.sort();
        bare.sort();
        say(format!(
            "| autosave, {what} (row + revision + search mark, one transaction) | {} | {} |",
            ms(pct(saves, 0.5)),
            ms(pct(saves, 0.99))
        ));
        say(format!(
            "| baseline, {what}: bare one-row UPDATE commit, WAL + FULL, same disk | {} | {} |",
            ms(pct(bare, 0.5)),
            ms(pct(bare, 0.99))
        ));
        say(format!(
            "| ratio, {what} | {:.2}× | {:.2}× |",
            pct(saves, 0.5).as_secs_f64() / pct(bare, 0.5).as_secs_f64(),
            pct(saves, 0.99).as_secs_f64() / pct(bare, 0.99).as_secs_f64()
        ));
    };
    rows(&format!("{BACK_TO_BACK} back to back"), &mut back_to_back, &mut baseline);
    rows(&format!("{PACED} at one per {} ms", EDITOR_PACE.as_millis()), &mut paced, &mut paced_baseline);

    // ---- a search right after a save writes that save's search entry first ----
    let hanzi: Vec<char> = HANZI.chars().collect();
    let mut after_save = Vec::new();
    let mut settled = Vec::new();
    for i in 0..50 {
        let id = ids[rng.gen_range(0..ids.len())];
        let body = text(&mut rng, &hanzi, 200);
        let chars: Vec<char> = body.chars().collect();
        let Some(run) = chars.windows(3).find(|w| w.iter().all(|&c| studio_core::search::is_cjk(c))) else {
            continue;
        };
        let q: String = run.iter().collect();
        let patch = DraftPatch { body: Some(body), ..Default::default() };
        store.update_draft(id, &patch, 20_000_000 + i).await.unwrap();
        let t = Instant::now();
        let found = store.search_drafts(&Query::parse(&q), 200).await.unwrap();
        after_save.push(t.elapsed());
        assert!(found.len() == 200 || found.contains(&id), "a search right after a save finds it");
        let t = Instant::now();
        store.search_drafts(&Query::parse(&q), 200).await.unwrap();
        settled.push(t.elapsed());
    }
    after_save.sort();
    settled.sort();
    say("\n### Search for 3 CJK characters of a draft just saved (50 saves)\n".into());
    say("| | p50 ms | p95 ms |".into());
    say("|---|---|---|".into());
    say(format!(
        "| right after the save (writes its search entry first) | {} | {} |",
        ms(pct(&after_save, 0.5)),
        ms(pct(&after_save, 0.95))
    ));
    say(format!("| the same query again | {} | {} |", ms(pct(&settled, 0.5)), ms(pct(&settled, 0.95))));

    // ---- search by query length vs LIKE scan ----
    let texts: Vec<String> = all.iter().map(|d| format!("{}{}", d.title, d.body)).collect();
    let cjk_run = |rng: &mut StdRng, len: usize| -> String {
        loop {
            let t: Vec<char> = texts[rng.gen_range(0..texts.len())].chars().collect();
            if t.len() <= len {
                continue;
            }
            let start = rng.gen_range(0..t.len() - len);
            let q: String = t[start..start + len].iter().collect();
            if q.chars().all(studio_core::search::is_cjk) {
                return q;
            }
        }
    };
    let like_opts = SqliteConnectOptions::from_str("sqlite://").unwrap().filename(store.path()).read_only(true);
    let like = SqlitePoolOptions::new().max_connections(1).connect_with(like_opts).await.unwrap();
    say(format!("\n### Search over {n} mixed zh/en drafts (top 200: by rank, newest first past 1000 matches)\n"));
    say("| query | p50 ms | p95 ms | baseline LIKE scan p50 ms |".into());
    say("|---|---|---|---|".into());
    for len in [1usize, 2, 3, 5, 10] {
        let mut times = Vec::new();
        let mut like_times = Vec::new();
        for i in 0..60 {
            let q = cjk_run(&mut rng, len);
            let t = Instant::now();
            store.search_drafts(&Query::parse(&q), 200).await.unwrap();
            times.push(t.elapsed());
            if i < 5 {
                let t = Instant::now();
                let pattern = format!("%{q}%");
                sqlx::query("SELECT id FROM drafts WHERE title LIKE ?1 OR body LIKE ?1 LIMIT 200")
                    .bind(pattern)
                    .fetch_all(&like)
                    .await
                    .unwrap();
                like_times.push(t.elapsed());
            }
        }
        times.sort();
        like_times.sort();
        say(format!(
            "| {len} CJK chars | {} | {} | {} |",
            ms(pct(&times, 0.5)),
            ms(pct(&times, 0.95)),
            ms(pct(&like_times, 0.5))
        ));
    }
    let mut en = Vec::new();
    for i in 0..60 {
        let w = WORDS[i % WORDS.len()];
        let q = &w[..rng.gen_range(2..=w.len())];
        let t = Instant::now();
        store.search_drafts(&Query::parse(q), 200).await.unwrap();
        en.push(t.elapsed());
    }
    en.sort();
    say(format!("| English word prefix | {} | {} | |", ms(pct(&en, 0.5)), ms(pct(&en, 0.95))));

    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    let path = std::env::var_os("CARGO_TARGET_DIR").map(|d| PathBuf::from(d).join("bench")).unwrap_or(path);
    std::fs::create_dir_all(&path).unwrap();
    std::fs::write(path.join("library.md"), out).unwrap();
    println!("\nwritten to {}", path.join("library.md").display());
}
