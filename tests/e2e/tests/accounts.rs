//! A real Alipay app added in the window: its gateway here is a separate
//! emulator process with its own keys, as a sandbox would be. Once chosen
//! for publishing, posts go there; its private key is kept out of the
//! library (no keychain in this session: the passphrase-locked file).

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use alipay_open::PrivateKey;
use studio_e2e::{free_port, open_app, studio_cli, wait_saved, workspace_binary, Driver};

const APP_ID: &str = "9021000000000007";

/// The emulator binary on a port of its own, killed when dropped.
struct Sandbox(Child);

impl Sandbox {
    /// Starts the sandbox with its state in `state` and a platform key of
    /// its own, whose public half it writes to `public`.
    fn start(port: u16, app_public: &Path, state: &Path, public: &Path) -> Sandbox {
        let _ = std::fs::remove_file(public);
        let sandbox = Sandbox(
            Command::new(workspace_binary("alipay-emulator"))
                .args(["--listen", &format!("127.0.0.1:{port}")])
                .arg("--app")
                .arg(format!("{APP_ID}={}", app_public.display()))
                .arg("--data-dir")
                .arg(state)
                .arg("--export-public-key")
                .arg(public)
                .args(["--review-delay-ms", "1000"])
                .spawn()
                .expect("the emulator starts"),
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() || !public.exists() {
            assert!(Instant::now() < deadline, "the emulator did not come up");
            std::thread::sleep(Duration::from_millis(100));
        }
        sandbox
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn an_alipay_app_added_in_settings_takes_the_posts_and_its_key_stays_out_of_the_library() {
    let data = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    let app_key = PrivateKey::generate();
    let app_public = keys.path().join("app.pub.pem");
    std::fs::write(&app_public, app_key.public_key().to_pem()).unwrap();
    let platform_public = keys.path().join("platform.pem");
    let port = free_port();
    let platform_state = keys.path().join("platform");
    let sandbox = Sandbox::start(port, &app_public, &platform_state, &platform_public);

    let driver = Driver::start();
    let s = open_app(&driver, data.path());
    s.click_on("[data-testid=nav-settings]");
    s.click_on("[data-testid=add-account]");
    // Fields are clicked only once the dialog has finished zooming in.
    s.wait_dialog_open();
    // The settings screen re-renders as its accounts load: fields are found afresh.
    let fill = |css: &str, text: &str| {
        let field = s.click_on(css);
        s.type_text(&field, text);
    };
    fill("[data-testid=account-name]", "沙箱生活号");
    s.click_on("[data-testid=gateway-custom]");
    fill("[data-testid=account-gateway]", &format!("http://127.0.0.1:{port}/gateway.do"));
    fill("[data-testid=account-app-id]", APP_ID);
    let pem = app_key.to_pkcs8_pem();
    fill("[data-testid=account-private-key]", &pem);
    fill("[data-testid=account-platform-key]", &std::fs::read_to_string(&platform_public).unwrap());
    s.click_on("[data-testid=save-account]");

    // Without a keychain the window asks for the passphrase of the key file.
    let added = |s: &studio_e2e::Session| s.find_all("[data-testid=account]").len() == 2;
    let asked = s.wait_for("the account added, or the passphrase asked for", || {
        if added(&s) {
            Some(false)
        } else {
            (!s.find_all("[data-testid=account-passphrase]").is_empty()).then_some(true)
        }
    });
    if asked {
        fill("input[data-testid=account-passphrase], [data-testid=account-passphrase] input", "一句够长的口令");
        s.click_on("[data-testid=save-account]");
    }
    s.wait_for("the new account listed", || added(&s).then_some(()));
    s.click_on("[data-testid=account][data-name='沙箱生活号']");
    s.wait_for("the new account chosen for publishing", || {
        let chosen = s.execute(
            "const el = document.querySelector(\"[data-testid=account][data-name='沙箱生活号']\");
             const input = el && (el.matches('input') ? el : el.querySelector('input'));
             return !!input && input.checked;",
            serde_json::json!([]),
        );
        (chosen == serde_json::json!(true)).then_some(())
    });
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        let dir = std::path::Path::new(&dir);
        s.screenshot(&dir.join("accounts-zh.png"));
        s.click(&s.find("[data-testid=language-en]"));
        s.wait_for_text("[data-testid=nav-settings]", "Settings");
        s.screenshot(&dir.join("accounts-en.png"));
        s.click(&s.find("[data-testid=language-zh-CN]"));
        s.wait_for_text("[data-testid=nav-settings]", "设置");
    }

    // A post published now goes to the sandbox and comes back reviewed.
    s.click(&s.find("[data-testid=nav-drafts]"));
    s.click(&s.find("[data-testid=new-draft]"));
    wait_saved(&s);
    fill("[data-testid=title-input]", "沙箱里的第一篇");
    fill("[data-testid=body-input]", "从桌面发到沙箱");
    wait_saved(&s);
    s.click(&s.find("[data-testid=publish-now]"));
    s.wait_for("the post to be published on the sandbox", || {
        let tags = s.find_all(".editor-bar [data-testid=publication-status]");
        (tags.first().and_then(|t| s.attribute(t, "data-status")).as_deref() == Some("published")).then_some(())
    });

    // The platform's key is rotated in the console: its answers stop
    // verifying. The account shows one problem and its post waits.
    drop(sandbox);
    let rotated = keys.path().join("platform-rotated.pem");
    let _sandbox = Sandbox::start(port, &app_public, &platform_state, &rotated);
    studio_e2e::write_draft(&s, "换钥匙之后", "等账号修好再发");
    s.click(&s.find("[data-testid=publish-now]"));
    s.click(&s.find("[data-testid=nav-settings]"));
    let problem = "[data-testid=account-row][data-name='沙箱生活号'] [data-testid=account-problem]";
    let deadline = Instant::now() + Duration::from_secs(90);
    while s.find_all(problem).is_empty() {
        assert!(Instant::now() < deadline, "no account problem shown after the key changed");
        std::thread::sleep(Duration::from_millis(250));
    }
    assert_eq!(s.find_all("[data-testid=account-problem]").len(), 1, "one problem, on the sandbox account");
    let words = s.text(&s.find(problem));
    assert!(words.contains("支付宝公钥"), "the problem says what to do: {words}");
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        let dir = std::path::Path::new(&dir);
        s.screenshot(&dir.join("account-problem-zh.png"));
        s.click(&s.find("[data-testid=language-en]"));
        s.wait_for_text("[data-testid=nav-settings]", "Settings");
        s.wait_for("the problem in English", || s.text(&s.find(problem)).contains("public key").then_some(()));
        s.screenshot(&dir.join("account-problem-en.png"));
        s.click(&s.find("[data-testid=language-zh-CN]"));
        s.wait_for_text("[data-testid=nav-settings]", "设置");
    }

    // The new public key pasted in Settings: the problem goes and the post
    // goes out, once.
    s.click_on("[data-testid=account-row][data-name='沙箱生活号'] [data-testid=account-edit]");
    s.wait_dialog_open();
    let key_field = s.click_on("[data-testid=edit-account-platform-key]");
    s.execute(
        "const el = arguments[0]; el.select(); document.execCommand('delete');",
        serde_json::json!([key_field.as_arg()]),
    );
    s.type_text(&key_field, &std::fs::read_to_string(&rotated).unwrap());
    s.click_on("[data-testid=save-account-changes]");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let outbox = studio_cli(data.path(), &["outbox", "--all"]);
        let publishes: Vec<&serde_json::Value> =
            outbox.as_array().unwrap().iter().filter(|j| j["kind"] == "publish").collect();
        if publishes.len() == 2 && publishes.iter().all(|j| j["state"] == "done") {
            break;
        }
        assert!(Instant::now() < deadline, "the waiting post did not go out after the fix: {outbox}");
        std::thread::sleep(Duration::from_millis(500));
    }
    s.wait_for("the problem gone once fixed", || s.find_all("[data-testid=account-problem]").is_empty().then_some(()));
    let there: Vec<(String,)> =
        studio_e2e::platform_rows(&platform_state.join("emulator.sqlite3"), "SELECT request FROM contents");
    assert_eq!(there.len(), 2, "each post on the platform once: {there:?}");
    assert_eq!(there.iter().filter(|(r,)| r.contains("换钥匙之后")).count(), 1, "{there:?}");
    s.quit();

    let outbox = studio_cli(data.path(), &["outbox", "--all"]);
    let jobs = outbox.as_array().unwrap();
    assert!(!jobs.is_empty() && jobs.iter().all(|j| j["account_id"] != 1), "sent on the new account: {outbox}");
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    for entry in walk(data.path()) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        assert!(!bytes.windows(48).any(|w| w == &body.as_bytes()[..48]), "key material in {}", entry.display());
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| d.flatten().flat_map(|e| if e.path().is_dir() { walk(&e.path()) } else { vec![e.path()] }).collect())
        .unwrap_or_default()
}
