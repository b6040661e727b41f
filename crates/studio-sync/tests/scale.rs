//! The engine at the size of a busy merchant, against the real emulator on
//! loopback, counting the calls the emulator served: a pull reads what
//! changed, not what exists; a sweep still finds what was deleted
//! elsewhere; a restart with 1,000 posts under review keeps under the
//! account's rate limit and resumes each post's backoff.
//!
//! The libraries of 10,000 and 1,000 posts are made directly in the two
//! SQLite files (the library's and the emulator's), as a fixture: making
//! them through the gateway would take minutes of signatures.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use alipay_emulator::{Emulator, EmulatorConfig, Review, Served};
use alipay_open::PrivateKey;
use studio_core::{Account, AccountRole, NewAccount, NewDraft, PublicationStatus};
use studio_store::Store;
use studio_sync::{secrets, Engine, EngineOptions, Secrets};

const APP_ID: &str = "2021000000000077";

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

struct Merchant {
    dir: tempfile::TempDir,
    store: Store,
    account: Account,
    emulator: Emulator,
    secrets: Arc<Secrets>,
}

impl Merchant {
    /// An account with `posts` posts, published (or, when `under_review`,
    /// still being reviewed) on the platform and known to the library.
    async fn new(posts: usize, under_review: bool, rate_limit: Option<u32>) -> Merchant {
        let dir = tempfile::tempdir().unwrap();
        let platform_key = PrivateKey::generate();
        let app_key = PrivateKey::generate();
        let emulator = Emulator::start(EmulatorConfig {
            data_dir: Some(dir.path().join("platform")),
            platform_key: platform_key.clone(),
            apps: vec![(APP_ID.to_string(), app_key.public_key())],
            review: Review { delay: Duration::from_secs(3600), ..Review::default() },
            rate_limit,
            ..EmulatorConfig::ephemeral()
        })
        .await
        .unwrap();
        let library = dir.path().join("library");
        let store = Store::open(&library).await.unwrap();
        let account = store
            .add_account(
                &NewAccount {
                    name: "大商户".into(),
                    role: AccountRole::Merchant,
                    gateway: emulator.gateway_url(),
                    app_id: APP_ID.into(),
                    platform_key: platform_key.public_key().to_pem(),
                    public_id: String::new(),
                },
                now(),
            )
            .await
            .unwrap();
        let secrets = Arc::new(Secrets::file(&library, "passphrase").unwrap());
        secrets.set(&secrets::name::app_key(account.id), &app_key.to_pkcs8_pem()).unwrap();

        let drafts: Vec<NewDraft> = (0..posts)
            .map(|i| NewDraft { kind: None, title: format!("帖子 {i}"), body: format!("第 {i} 篇") })
            .collect();
        let ids = store.insert_drafts(&drafts, now()).await.unwrap();
        let (status, verdict, decided_at) =
            if under_review { ("under_review", 1, now() + 86_400_000) } else { ("published", 1, 0) };
        let platform =
            sqlx::SqlitePool::connect(&format!("sqlite://{}", dir.path().join("platform/emulator.sqlite3").display()))
                .await
                .unwrap();
        let library_db = sqlx::SqlitePool::connect(&format!("sqlite://{}", store.path().display())).await.unwrap();
        let mut on_platform = platform.begin().await.unwrap();
        let mut in_library = library_db.begin().await.unwrap();
        for (i, id) in ids.iter().enumerate() {
            let content_id = format!("C{:012}", i + 1);
            sqlx::query(
                "INSERT INTO contents (content_id, app_id, public_id, request, title, body, submitted_at, decided_at, verdict) \
                 VALUES (?, ?, ?, '{}', ?, ?, 0, ?, ?)",
            )
            .bind(&content_id)
            .bind(APP_ID)
            .bind(format!("public-{APP_ID}"))
            .bind(format!("帖子 {i}"))
            .bind(format!("第 {i} 篇"))
            .bind(decided_at)
            .bind(verdict)
            .execute(&mut *on_platform)
            .await
            .unwrap();
            let link =
                if under_review { String::new() } else { format!("https://emulator.invalid/content/{content_id}") };
            sqlx::query(
                "INSERT INTO publications (draft_id, account_id, status, content_id, reason, link, recorded_at, updated_at) \
                 VALUES (?, ?, ?, ?, '', ?, ?, ?)",
            )
            .bind(id)
            .bind(account.id)
            .bind(status)
            .bind(&content_id)
            .bind(link)
            .bind(i as i64)
            .bind(i as i64)
            .execute(&mut *in_library)
            .await
            .unwrap();
        }
        on_platform.commit().await.unwrap();
        in_library.commit().await.unwrap();
        platform.close().await;
        library_db.close().await;
        Merchant { dir, store, account, emulator, secrets }
    }

    fn engine(&self, options: EngineOptions) -> Engine {
        Engine::new(self.store.clone(), &self.dir.path().join("library"), Some(self.secrets.clone()), None, options)
            .unwrap()
    }

    /// The calls the emulator served since last asked.
    fn calls(&self) -> Vec<Served> {
        self.emulator.calls(true)
    }
}

fn unpaced() -> EngineOptions {
    EngineOptions { calls_per_second: f64::INFINITY, seed: Some(3), ..EngineOptions::default() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_reads_what_changed_and_a_sweep_finds_what_was_deleted_elsewhere() {
    let m = Merchant::new(10_000, false, None).await;
    let engine = m.engine(unpaced());

    // Before: every minute read every page. Now that is the daily sweep.
    let swept = engine.sweep(&m.account, now()).await.unwrap();
    let sweep_calls = m.calls().len();
    assert_eq!((swept.pages, sweep_calls), (500, 500), "10,000 posts, 20 a page");
    assert!(swept.changed.is_empty() && swept.adopted == 0, "nothing changed");

    // The minute's pull: the newest page is all known and unchanged.
    let pulled = engine.pull(&m.account, now()).await.unwrap();
    let pull_calls = m.calls().len();
    assert_eq!((pulled.pages, pulled.swept, pull_calls), (1, false, 1));
    println!(
        "gateway calls a minute for 10,000 posts: before {sweep_calls} (every page, every minute), after {} \
         (one page a minute, plus a daily sweep of {sweep_calls} = {:.2} a minute)",
        pull_calls,
        pull_calls as f64 + sweep_calls as f64 / (24.0 * 60.0)
    );

    // A post made on the phone comes in at the next pull.
    let platform =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", m.dir.path().join("platform/emulator.sqlite3").display()))
            .await
            .unwrap();
    sqlx::query(
        "INSERT INTO contents (content_id, app_id, public_id, request, title, body, submitted_at, decided_at, verdict) \
         VALUES ('C999999999999', ?, ?, '{}', '手机上发的', '新的', 0, 0, 1)",
    )
    .bind(APP_ID)
    .bind(format!("public-{APP_ID}"))
    .execute(&platform)
    .await
    .unwrap();
    let pulled = engine.pull(&m.account, now()).await.unwrap();
    assert_eq!((pulled.adopted, pulled.pages), (1, 2), "the new one's page, then an unchanged one");

    // An old post deleted in the web console: the pull does not read that far; the sweep does.
    sqlx::query("UPDATE contents SET deleted = 1 WHERE content_id = 'C000000000007'").execute(&platform).await.unwrap();
    platform.close().await;
    assert!(engine.pull(&m.account, now()).await.unwrap().changed.is_empty());
    let swept = engine.sweep(&m.account, now()).await.unwrap();
    let changed: Vec<(String, PublicationStatus)> =
        swept.changed.iter().map(|p| (p.content_id.clone().unwrap(), p.status)).collect();
    assert_eq!(changed, [("C000000000007".to_string(), PublicationStatus::Deleted)]);

    // The daily sweep comes by itself once a day has passed.
    let tomorrow = now() + 24 * 3_600_000;
    m.calls();
    assert!(engine.pull(&m.account, tomorrow).await.unwrap().swept);
    assert_eq!(m.calls().len(), 501);
}

/// The most calls served within any one second.
fn busiest_second(calls: &[Served]) -> usize {
    let mut most = 0;
    for (i, c) in calls.iter().enumerate() {
        let within = calls[i..].iter().take_while(|d| d.at_ms < c.at_ms + 1_000).count();
        most = most.max(within);
    }
    most
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_with_a_thousand_posts_under_review_keeps_under_the_rate_limit_and_resumes_their_backoff() {
    // The platform serves 10 calls a second; the engine's budget is 8.
    let m = Merchant::new(1_000, true, Some(10)).await;
    let options = EngineOptions { calls_per_second: 8.0, seed: Some(5), ..EngineOptions::default() };
    let run = |engine: Engine, seconds: u64| {
        let account = m.account.clone();
        async move {
            let until = now() + seconds as i64 * 1_000;
            while now() < until {
                engine.check_reviews(&account, now()).await.unwrap();
                let next = engine.next_review_check().await.unwrap().unwrap();
                tokio::time::sleep(Duration::from_millis((next - now()).clamp(10, 250) as u64)).await;
            }
            drop(engine);
        }
    };
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", m.store.path().display())).await.unwrap();
    let turns_kept = || async {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT subject, asked FROM review_checks").fetch_all(&pool).await.unwrap();
        rows.into_iter().collect::<HashMap<String, i64>>()
    };
    run(m.engine(options.clone()), 7).await;
    let before_restart = turns_kept().await;
    // The app restarts: a new engine on the same library.
    run(m.engine(options.clone()), 6).await;

    let calls = m.calls();
    const QUERY: &str = "alipay.social.base.contentlib.standardcontent.query";
    const PAGE: &str = "alipay.social.base.contentlib.standardcontent.batchquery";
    assert!(calls.iter().all(|c| c.method == QUERY || c.method == PAGE));
    assert_eq!(calls.iter().filter(|c| c.throttled).count(), 0, "never past the platform's limit");
    let busiest = busiest_second(&calls);
    assert!(busiest <= 10, "{busiest} calls in one second");
    // A post asked about on its own is not asked again within three seconds
    // of the last time (the schedule's second wait is four, and an ask can
    // come up to a second after its turn when many are due).
    let mut asks: HashMap<&str, Vec<i64>> = HashMap::new();
    for c in calls.iter().filter(|c| c.method == QUERY) {
        asks.entry(c.content_id.as_deref().unwrap()).or_default().push(c.at_ms);
    }
    for (id, times) in &asks {
        for pair in times.windows(2) {
            assert!(pair[1] - pair[0] >= 3_000, "{id} asked again after {} ms", pair[1] - pair[0]);
        }
    }
    let kept = turns_kept().await;
    assert_eq!(kept.len(), 1_000, "every post under review has its turn kept");
    // The count of questions went on across the restart, not from nothing.
    for (subject, asked) in &before_restart {
        assert!(kept[subject] >= *asked, "{subject}: {} after the restart, {asked} before", kept[subject]);
    }
    for (subject, times) in &asks {
        assert!(kept[*subject] as usize >= times.len(), "{subject}");
    }
    assert!(kept.values().any(|&a| a >= 2), "some were asked again at their turn");
    // Posts due together that sit on one page are read as that page.
    let questions: i64 = kept.values().sum();
    assert!(questions > 40, "it asked {questions} questions");
    println!("{questions} questions in {} calls", calls.len());
    let pages = calls.iter().filter(|c| c.method == PAGE).count();
    assert!(pages > 0);
    assert!((calls.len() as i64) * 2 < questions, "{} calls for {questions} questions", calls.len());
    pool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_published_together_are_asked_about_a_page_at_a_time_and_each_review_is_heard() {
    let m = Merchant::new(100, true, None).await;
    let engine = m.engine(unpaced());
    let platform =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", m.dir.path().join("platform/emulator.sqlite3").display()))
            .await
            .unwrap();
    let decide = |ids: Vec<String>| {
        let platform = platform.clone();
        async move {
            for id in ids {
                sqlx::query("UPDATE contents SET decided_at = 0 WHERE content_id = ?")
                    .bind(id)
                    .execute(&platform)
                    .await
                    .unwrap();
            }
        }
    };
    // The first minute after 100 posts went out together, in steps of a
    // tenth of a second: each post's turns come at 2, 4, 8, 16 and 32 s.
    let start = now();
    let mut heard = Vec::new();
    for step in 0..=600 {
        if step == 200 {
            // Twenty seconds in, the platform approves one post in ten,
            // spread over the whole list.
            decide((1..=100).step_by(10).map(|i| format!("C{i:012}")).collect()).await;
        }
        let report = engine.check_reviews(&m.account, start + step * 100).await.unwrap();
        heard.extend(
            report
                .changed
                .into_iter()
                .filter(|p| p.status == PublicationStatus::Published)
                .map(|p| p.content_id.unwrap()),
        );
    }
    let calls = m.calls();
    let pages = calls.iter().filter(|c| c.method.ends_with(".batchquery")).count();
    // One call a post a turn would be 100 calls a turn; it is five pages.
    let turns = m.store.review_schedule(m.account.id).await.unwrap()[0].asked as usize;
    assert!(turns >= 4, "{turns} turns in the first minute");
    assert_eq!((calls.len(), pages), (5 * turns, 5 * turns), "{calls:?}");
    heard.sort();
    assert_eq!(heard, (1..=100).step_by(10).map(|i| format!("C{i:012}")).collect::<Vec<_>>());
    let published = m.store.review_schedule(m.account.id).await.unwrap();
    assert_eq!(published.len(), 90, "the ten approved are no longer asked about");

    // Twenty-five posts made elsewhere push ours down the list: the pages
    // the library expects no longer hold what it looks for there, and the
    // posts not found are asked about one by one. Every review is heard.
    for i in 0..25 {
        sqlx::query(
            "INSERT INTO contents (content_id, app_id, public_id, request, title, body, submitted_at, decided_at, verdict) \
             VALUES (?, ?, ?, '{}', '手机上发的', '新的', 0, 0, 1)",
        )
        .bind(format!("P{i:012}"))
        .bind(APP_ID)
        .bind(format!("public-{APP_ID}"))
        .execute(&platform)
        .await
        .unwrap();
    }
    decide((1..=100).map(|i| format!("C{i:012}")).collect()).await;
    let later = start + 3_600_000;
    let report = engine.check_reviews(&m.account, later).await.unwrap();
    assert_eq!(report.changed.iter().filter(|p| p.status == PublicationStatus::Published).count(), 90);
    assert!(m.store.review_schedule(m.account.id).await.unwrap().is_empty());
    let calls = m.calls();
    assert!(calls.len() < 90, "fewer calls than posts: {}", calls.len());
    platform.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_a_storm_ends_every_post_goes_out_within_a_minute_and_once() {
    use alipay_emulator::Faults;
    // The platform serves 10 calls a second; the engine keeps to the same budget.
    let m = Merchant::new(0, false, Some(10)).await;
    let mut drafts = Vec::new();
    for i in 0..200 {
        let new = NewDraft { kind: None, title: format!("风暴里的第 {i} 篇"), body: format!("正文 {i}") };
        let id = m.store.insert_draft(&new, now()).await.unwrap().id;
        m.store.request_publish(id, m.account.id, None, false, now(), |_, _| Ok(())).await.unwrap();
        drafts.push(id);
    }
    // A storm long enough to push backoffs past a minute, compressed: every
    // call fails (three in ten after taking effect), and backoff starts at
    // 40 s instead of 1 s, so twenty seconds of it do what minutes would.
    let retry = studio_core::sync::RetryPolicy { base_ms: 40_000, cap_ms: 300_000, max_attempts: 12 };
    let engine = m.engine(EngineOptions { seed: Some(11), retry, ..EngineOptions::default() });
    m.emulator.set_faults(Faults { seed: 7, drop_before: 0.7, drop_after: 0.3, ..Faults::default() });
    engine.run_until_idle(now() + 20_000, now).await.unwrap();
    let waiting_at_calm = m.store.waiting_jobs().await.unwrap();
    assert!(waiting_at_calm > 0, "the storm left work waiting");
    let open = m.store.outbox(false, 1_000).await.unwrap();
    let longest = open.iter().map(|j| j.next_try_at).max().unwrap();
    assert!(longest > now() + 60_000, "some job's backoff runs past a minute: the case that matters");

    // Calm.
    m.emulator.set_faults(Faults::default());
    let calm = now();
    engine.run_until_idle(calm + 90_000, now).await.unwrap();
    let took = now() - calm;
    assert_eq!(m.store.waiting_jobs().await.unwrap(), 0);
    assert_eq!(m.store.failed_jobs().await.unwrap(), 0);
    println!(
        "{waiting_at_calm} jobs waiting when the storm ended, the longest backoff {} s away; all done {} s after",
        (longest - calm) / 1_000,
        took / 1_000
    );
    assert!(took <= 60_000, "after the storm every job finished in {took} ms, not within a minute");
    // Exactly once.
    let platform =
        sqlx::SqlitePool::connect(&format!("sqlite://{}", m.dir.path().join("platform/emulator.sqlite3").display()))
            .await
            .unwrap();
    let (posts, titles): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT title) FROM contents").fetch_one(&platform).await.unwrap();
    assert_eq!((posts, titles), (200, 200), "every post once");
    platform.close().await;
}
