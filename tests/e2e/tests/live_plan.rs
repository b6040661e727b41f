//! A livestream's plan in the real window: offers and a run sheet typed in
//! the planner, refused while the sheet runs longer than the stream, kept
//! once it fits, and read back by the CLI from the same library.

use studio_e2e::{open_app, plan_livestream_at, studio_cli, type_into, Driver, Session};

fn wait_plan_state(s: &Session, want: &str) {
    s.wait_for(&format!("the plan to be {want}"), || {
        let state = s.find_all("[data-testid=plan-save-state]");
        (state.first().and_then(|e| s.attribute(e, "data-state")).as_deref() == Some(want)).then_some(())
    });
}

fn wait_contains(s: &Session, css: &str, part: &str) {
    s.wait_for(&format!("{css} to show {part:?}"), || {
        s.find_all(css).iter().any(|e| s.text(e).contains(part)).then_some(())
    });
}

#[test]
fn a_run_sheet_typed_in_the_planner_is_refused_while_too_long_and_kept_once_it_fits() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = open_app(&driver, data.path());
    // Two days ahead: its warm-up post, three hours before, is always far
    // enough ahead for the platform's schedule, whatever the hour now.
    plan_livestream_at(&s, "周六晚八点秋冬新品", Some(2));
    s.click(&s.find("[data-testid=open-plan]"));
    s.find("[data-testid=live-planner]");

    type_into(&s, "[data-testid=plan-description]", "秋冬新品第一场，主推羊毛大衣");
    s.click(&s.find("[data-testid=plan-add-product]"));
    type_into(&s, "[data-testid=plan-product-id]", "V100");
    type_into(&s, "[data-testid=plan-product-name]", "羊毛大衣");
    s.click(&s.find("[data-testid=plan-add-segment]"));
    type_into(&s, "[data-testid=plan-segment-title]", "开场福利");
    s.click(&s.find("[data-testid=plan-add-segment]"));
    type_into(&s, "[data-testid=plan-segment-title]", "大衣讲解");
    // 130 minutes in a 120-minute stream: refused in words, nothing kept.
    type_into(&s, "input[data-testid=plan-segment-minutes], [data-testid=plan-segment-minutes] input", "120");
    wait_contains(&s, "[data-testid=plan-problem]", "超过了直播时长");
    wait_contains(&s, "[data-testid=plan-total]", "合计 130 / 120 分钟");
    type_into(&s, "input[data-testid=plan-segment-minutes], [data-testid=plan-segment-minutes] input", "45");
    wait_contains(&s, "[data-testid=plan-total]", "合计 55 / 120 分钟");
    wait_plan_state(&s, "saved");
    assert!(s.find_all("[data-testid=plan-problem]").is_empty());
    s.click(&s.find("[data-testid=plan-add-check]"));
    type_into(&s, "[data-testid=plan-check-text]", "样衣熨好");
    wait_plan_state(&s, "saved");
    // The warm-up post, three hours before the start.
    s.click(&s.find("[data-testid=write-warmup]"));
    wait_contains(&s, "[data-testid=warmup-linked]", "预告帖定时");
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        s.screenshot(&std::path::Path::new(&dir).join("live-plan-zh.png"));
    }
    s.quit();
    let drafts = studio_cli(data.path(), &["drafts", "list"]);
    let warmup = drafts
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == "直播预告｜周六晚八点秋冬新品")
        .expect("the warm-up draft");
    assert!(warmup["body"].as_str().unwrap().contains("秋冬新品第一场"), "{warmup}");

    let shown = studio_cli(data.path(), &["live", "show", "1"]);
    let plan = &shown["plan"];
    assert_eq!(plan["description"], "秋冬新品第一场，主推羊毛大衣");
    assert_eq!(plan["products"][0]["offer"]["id"], "V100");
    let segments: Vec<(String, u64)> = plan["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["title"].as_str().unwrap().to_string(), s["minutes"].as_u64().unwrap()))
        .collect();
    assert_eq!(segments, [("开场福利".to_string(), 10), ("大衣讲解".to_string(), 45)]);
    assert_eq!(plan["checklist"][0]["text"], "样衣熨好");

    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        let s = open_app(&driver, data.path());
        s.click(&s.find("[data-testid=nav-settings]"));
        s.click(&s.find("[data-testid=language-en]"));
        s.wait_for_text("[data-testid=nav-live]", "Livestreams");
        s.click(&s.find("[data-testid=nav-live]"));
        s.click(&s.find("[data-testid=open-plan]"));
        wait_contains(&s, "[data-testid=plan-total]", "55 of 120 min");
        // The drawer slides in.
        std::thread::sleep(std::time::Duration::from_millis(800));
        s.screenshot(&std::path::Path::new(&dir).join("live-plan-en.png"));
        s.quit();
    }
}
