//! A weekly livestream series in the real window: planned from the
//! livestreams screen, its first occurrence given offers and a run sheet
//! that the later ones take too, one occurrence dragged to another day in
//! the calendar; the emulator then holds exactly one announcement per
//! occurrence, the moved one at its new time.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::json;
use studio_e2e::{open_app, studio_cli, type_into, Driver};

/// The starts of the livestreams the window lists as announced.
fn announced_starts(data: &Path) -> Vec<i64> {
    let lives = studio_cli(data, &["live", "list"]);
    let mut starts: Vec<i64> = lives
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["status"] != "withdrawn")
        .map(|l| l["starts_at"].as_i64().unwrap())
        .collect();
    starts.sort();
    starts
}

#[test]
fn a_weekly_series_with_a_run_sheet_and_one_occurrence_dragged_leaves_one_announcement_each() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = open_app(&driver, data.path());

    s.click(&s.find("[data-testid=nav-live]"));
    type_into(&s, "[data-testid=live-title]", "每周六秋冬新品");
    s.click(&s.find("[data-testid=live-repeat]"));
    s.click_on(".ant-select-item-option[title='每周']");
    s.click(&s.find("[data-testid=plan-live]"));
    s.wait_for("eight weeks of occurrences announced", || {
        let rows = s.find_all("[data-testid=livestream][data-status=announced]");
        (rows.len() >= 8).then_some(rows.len())
    });
    let count = s.find_all("[data-testid=livestream]").len();
    assert_eq!(s.find_all("[data-testid=series-tag]").len(), count);

    // The first occurrence's plan: an offer and a run sheet, kept for the series.
    let first = s.find_all("[data-testid=livestream]").into_iter().last().unwrap();
    s.click(&s.find_all("[data-testid=open-plan]").into_iter().last().unwrap());
    drop(first);
    s.find("[data-testid=live-planner]");
    s.click(&s.find("[data-testid=plan-add-product]"));
    type_into(&s, "[data-testid=plan-product-id]", "V100");
    type_into(&s, "[data-testid=plan-product-name]", "羊毛大衣");
    s.click(&s.find("[data-testid=plan-add-segment]"));
    type_into(&s, "[data-testid=plan-segment-title]", "大衣讲解");
    s.wait_for("the plan to be saved", || {
        let state = s.find_all("[data-testid=plan-save-state]");
        (state.first().and_then(|e| s.attribute(e, "data-state")).as_deref() == Some("saved")).then_some(())
    });
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.click(&s.find("[data-testid=live-planner] .ant-drawer-close"));
        std::thread::sleep(std::time::Duration::from_millis(500));
        s.screenshot(&Path::new(&dir).join("live-series-zh.png"));
    } else {
        s.click(&s.find("[data-testid=live-planner] .ant-drawer-close"));
    }

    // One occurrence dragged a day later in the calendar: it alone moves.
    let before = announced_starts(data.path());
    s.click(&s.find("[data-testid=nav-calendar]"));
    // Read again until whole: the calendar redraws as news comes in.
    let (item, id, at) = s.wait_for("a livestream on the calendar", || {
        let item = s.find_all("[data-testid=calendar-item][data-kind=livestream]").into_iter().next()?;
        let id: i64 = s.attribute(&item, "data-id")?.parse().ok()?;
        let at: i64 = s.attribute(&item, "data-at")?.parse().ok()?;
        Some((item, id, at))
    });
    let offset = s.execute(
        "const [el] = arguments;
         const cell = el.closest('td[data-date]');
         const d = new Date(cell.dataset.date + 'T00:00:00'); d.setDate(d.getDate() + 1);
         const p = (n) => String(n).padStart(2, '0');
         const target = document.querySelector(`td[data-date='${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}']`);
         const a = el.closest('.fc-event').getBoundingClientRect(), b = target.getBoundingClientRect();
         return [Math.round(a.left + 8), Math.round(a.top + a.height / 2), Math.round(b.left + b.width / 2), Math.round(b.top + b.height / 2)];",
        json!([item.as_arg()]),
    );
    let p = offset.as_array().unwrap();
    let n = |i: usize| p[i].as_f64().unwrap() as i64;
    s.drag_points((n(0), n(1)), (n(2), n(3)));
    let moved = at + 86_400_000;
    let mut want: Vec<i64> = before.iter().map(|&b| if b == at { moved } else { b }).collect();
    want.sort();
    s.wait_for("the platform to hold one announcement per occurrence, the dragged one moved", || {
        let rows: Vec<(String,)> =
            studio_e2e::app_platform_rows(data.path(), "SELECT advance_time FROM advances WHERE deleted = 0");
        let held: BTreeSet<String> = rows.into_iter().map(|r| r.0).collect();
        let expected: BTreeSet<String> = want.iter().map(|&w| studio_e2e::beijing(&s, w)).collect();
        (held == expected && held.len() == count).then_some(())
    });
    s.quit();

    assert_eq!(announced_starts(data.path()), want);
    // The later occurrences took the first one's plan.
    let lives = studio_cli(data.path(), &["live", "list"]);
    let with_sheet = lives
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| {
            l["plan"]["products"][0]["offer"]["id"] == "V100" && l["plan"]["segments"][0]["title"] == "大衣讲解"
        })
        .count();
    assert_eq!(with_sheet, count);
    let moved_one = lives.as_array().unwrap().iter().find(|l| l["id"] == id).unwrap().clone();
    assert_eq!(moved_one["starts_at"], moved);

    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        let s = open_app(&driver, data.path());
        s.click(&s.find("[data-testid=nav-settings]"));
        s.click(&s.find("[data-testid=language-en]"));
        s.wait_for_text("[data-testid=nav-live]", "Livestreams");
        s.click(&s.find("[data-testid=nav-live]"));
        s.find("[data-testid=series-tag]");
        s.screenshot(&Path::new(&dir).join("live-series-en.png"));
        s.quit();
    }
}
