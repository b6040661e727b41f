//! Benchmark, in the real window: the month view with 5,000 posts in range,
//! from the data arriving to the view painted, beside the same month empty
//! in the same run; and the frames while one of those posts is dragged,
//! beside the frames of the same window sitting still for as long.
//!
//! `CARGO_TARGET_DIR=… xvfb-run … cargo nextest run -p studio-e2e --test
//! calendar_bench --run-ignored ignored-only` (needs the app and `studio`
//! built). Writes `$CARGO_TARGET_DIR/bench/calendar-window.md`.

use std::path::Path;

use serde_json::json;
use studio_e2e::{open_app, studio_cli, target_dir, Driver, Session};

const ITEMS: i64 = 5_000;
const ROUNDS: usize = 5;

/// A library whose next month holds `items` scheduled posts.
fn library(data: &Path, items: i64) {
    studio_cli(data, &["accounts", "list"]);
    if items == 0 {
        return;
    }
    let url = format!("sqlite://{}", data.join("studio.sqlite3").display());
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect(&url).await.unwrap();
        // The first of next month, local midnight, as this machine reckons it (UTC under the harness).
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
        let day = 86_400_000;
        let mut month_start = now - now.rem_euclid(day) + day;
        while civil_day(month_start) != 1 {
            month_start += day;
        }
        let mut tx = pool.begin().await.unwrap();
        for n in 0..items {
            let at = month_start + (n * 28 * day / items) / 900_000 * 900_000 + 8 * 3_600_000;
            sqlx::query(
                "INSERT INTO drafts (kind, title, body, created_at, updated_at) VALUES ('image_text', ?, '正文', ?, ?)",
            )
            .bind(format!("第 {n} 篇 周末上新"))
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await
            .unwrap();
            sqlx::query(
                "INSERT INTO publications (draft_id, account_id, status, scheduled_at, updated_at) \
                 VALUES (last_insert_rowid(), 1, 'queued', ?, ?)",
            )
            .bind(at)
            .bind(now)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        pool.close().await;
    });
}

/// The day of the month of a UTC instant.
fn civil_day(ms: i64) -> i64 {
    let z = ms.div_euclid(86_400_000) + 719_468;
    let doe = z - z.div_euclid(146_097) * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    doy - (153 * mp + 2) / 5 + 1
}

/// Goes to next month and back `ROUNDS` times; the render times of next month.
fn render_times(s: &Session, items: i64) -> Vec<f64> {
    let mut times = Vec::new();
    for _ in 0..ROUNDS {
        s.execute("document.querySelector('[data-testid=calendar]').removeAttribute('data-render-ms')", json!([]));
        s.click(&s.find("[data-testid=calendar-next]"));
        let ms = s.wait_for("next month painted", || {
            let v = s.execute(
                "const h = document.querySelector('[data-testid=calendar]'); return h.dataset.renderMs && h.dataset.items === String(arguments[0]) ? Number(h.dataset.renderMs) : null",
                json!([items]),
            );
            v.as_f64()
        });
        times.push(ms);
        s.execute("document.querySelector('[data-testid=calendar]').removeAttribute('data-render-ms')", json!([]));
        s.click(&s.find("[data-testid=calendar-prev]"));
        s.wait_for("this month painted", || {
            let v = s
                .execute("return document.querySelector('[data-testid=calendar]').dataset.renderMs || null", json!([]));
            v.as_str().map(|_| ())
        });
    }
    times
}

/// Frame intervals (ms) recorded while `during` runs.
fn frames(s: &Session, during: impl FnOnce()) -> Vec<f64> {
    s.execute(
        "window.__frames = []; let last = performance.now(); window.__recording = true;
         const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__recording) requestAnimationFrame(tick); };
         requestAnimationFrame(tick);",
        json!([]),
    );
    during();
    let v = s.execute("window.__recording = false; return window.__frames.slice(1)", json!([]));
    v.as_array().unwrap().iter().filter_map(|f| f.as_f64()).collect()
}

fn stats(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let p = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    (p(0.5), p(0.95), *v.last().unwrap())
}

#[test]
#[ignore = "benchmark: run with --run-ignored ignored-only"]
fn month_view_with_5000_items_renders_and_drags_beside_an_empty_month() {
    let full = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    library(full.path(), ITEMS);
    library(empty.path(), 0);
    let driver = Driver::start();

    let s = open_app(&driver, empty.path());
    s.click(&s.find("[data-testid=nav-calendar]"));
    s.find("[data-testid=calendar-next]");
    let baseline = render_times(&s, 0);
    s.quit();

    let s = open_app(&driver, full.path());
    s.click(&s.find("[data-testid=nav-calendar]"));
    s.find("[data-testid=calendar-next]");
    let ours = render_times(&s, ITEMS);
    println!("render times with {ITEMS} posts: {ours:?}; empty: {baseline:?}");
    s.click(&s.find("[data-testid=calendar-next]"));
    s.find("[data-testid=calendar-item][data-kind=post]");
    let still = frames(&s, || std::thread::sleep(std::time::Duration::from_millis(1_500)));
    let points = s.execute(
        "const item = document.querySelector('[data-testid=calendar-item][data-kind=post]');
         const a = item.closest('.fc-event').getBoundingClientRect();
         const cell = item.closest('td[data-date]'); const next = cell.nextElementSibling || cell.previousElementSibling;
         const b = next.getBoundingClientRect();
         return [a.left + 8, a.top + a.height / 2, b.left + b.width / 2, b.top + b.height / 2];",
        json!([]),
    );
    let p = points.as_array().unwrap();
    let n = |i: usize| p[i].as_f64().unwrap() as i64;
    let dragging = frames(&s, || s.drag_points((n(0), n(1)), (n(2), n(3))));
    s.quit();

    let (r50, r95, rmax) = stats(ours.clone());
    let (b50, b95, bmax) = stats(baseline.clone());
    let (d50, d95, dmax) = stats(dragging);
    let (s50, s95, smax) = stats(still);
    let table = format!(
        "| | p50 ms | p95 ms | max ms |\n|---|---|---|---|\n\
         | month view, {ITEMS} posts: data arrived → painted ({ROUNDS} loads) | {r50:.0} | {r95:.0} | {rmax:.0} |\n\
         | baseline: the same month empty, same window | {b50:.0} | {b95:.0} | {bmax:.0} |\n\
         | frame interval while dragging a post across the {ITEMS}-post month | {d50:.1} | {d95:.1} | {dmax:.1} |\n\
         | baseline: frame interval of the same window sitting still | {s50:.1} | {s95:.1} | {smax:.1} |\n"
    );
    println!("{table}");
    let out = target_dir().parent().unwrap().join("bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("calendar-window.md"), &table).unwrap();
}
