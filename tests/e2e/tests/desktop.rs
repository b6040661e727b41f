//! The app as a desktop program: one window per library, which a second
//! start hands its files to; the window reopens where the user left it;
//! updates are found at the configured source.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use studio_e2e::{open_app, photo, studio_cli, wait_saved, workspace_binary, Driver, UI_DEADLINE};

#[test]
fn a_second_start_hands_its_files_to_the_open_window_and_exits() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = open_app(&driver, data.path());

    std::fs::write(files.path().join("门店.jpg"), photo(640, 480)).unwrap();
    // Started as a file manager would: in the folder, with a relative name.
    let mut second = Command::new(workspace_binary("creator-studio"))
        .current_dir(files.path())
        .args(["--data-dir", data.path().to_str().unwrap(), "门店.jpg"])
        .spawn()
        .unwrap();
    let deadline = Instant::now() + UI_DEADLINE;
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = second.kill();
            panic!("the second start did not hand over and exit");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");

    // The first window took the file into its library and shows it.
    s.wait_for("the handed-over photo in the media library", || {
        s.find_all("[data-testid=media-tile]")
            .iter()
            .any(|t| s.attribute(t, "data-name").as_deref() == Some("门店.jpg"))
            .then_some(())
    });
    s.quit();
    let media = studio_cli(data.path(), &["media", "list"]);
    assert_eq!(media.as_array().map(Vec::len), Some(1), "{media}");
}

#[test]
fn the_window_reopens_on_the_screen_and_draft_left_open() {
    let data = tempfile::tempdir().unwrap();
    for title in ["第一篇", "第二篇", "第三篇"] {
        studio_cli(data.path(), &["drafts", "create", "--title", title]);
    }
    let driver = Driver::start();
    let s = open_app(&driver, data.path());
    // The newest is open first; open an older one, then go to the trash.
    s.wait_for_text("[data-testid=draft-item-title]", "第一篇");
    let items = s.find_all("[data-testid=draft-item-title]");
    let first = items.iter().find(|e| s.text(e).trim() == "第一篇").expect("listed").clone();
    s.click(&first);
    s.wait_for("the older draft to open", || {
        let title = s.find_all("[data-testid=title-input]");
        (title.first().and_then(|t| s.property(t, "value")).as_deref() == Some("第一篇")).then_some(())
    });
    wait_saved(&s);
    s.click_on("[data-testid=nav-trash]");
    s.find("[data-testid=empty-trash]");
    s.quit();

    let s = open_app(&driver, data.path());
    s.find("[data-testid=empty-trash]");
    s.click_on("[data-testid=nav-drafts]");
    s.wait_for("the draft left open", || {
        let title = s.find_all("[data-testid=title-input]");
        (title.first().and_then(|t| s.property(t, "value")).as_deref() == Some("第一篇")).then_some(())
    });
    s.quit();
}

/// A loopback server answering every request with `manifest`; counts them.
fn serve(manifest: String) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/{{{{target}}}}/{{{{arch}}}}/{{{{current_version}}}}/latest.json",
        listener.local_addr().unwrap()
    );
    let asked = Arc::new(AtomicUsize::new(0));
    let count = asked.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            count.fetch_add(1, Ordering::SeqCst);
            let mut stream = &stream;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{manifest}",
                manifest.len()
            );
        }
    });
    (url, asked)
}

#[test]
fn settings_find_a_newer_version_at_the_configured_source() {
    // A release signed as `tauri signer sign` does, with a key made here.
    let keys = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let artifact = b"creator-studio 9.9.9".to_vec();
    let signature =
        minisign::sign(Some(&keys.pk), &keys.sk, std::io::Cursor::new(&artifact), Some("version:9.9.9"), None).unwrap();
    let pubkey = BASE64.encode(keys.pk.to_box().unwrap().to_string());
    let release = serde_json::json!({
        "signature": BASE64.encode(signature.to_string()),
        "url": "http://127.0.0.1:9/creator-studio_9.9.9_amd64.deb",
    });
    let manifest = serde_json::json!({
        "version": "9.9.9",
        "notes": "更快的同步",
        "pub_date": "2026-12-01T00:00:00Z",
        "platforms": { "linux-x86_64": release, "linux-x86_64-deb": release },
    });
    let (endpoint, asked) = serve(manifest.to_string());

    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start_with_env(&[("STUDIO_UPDATE_ENDPOINT", &endpoint), ("STUDIO_UPDATE_PUBKEY", &pubkey)]);
    let s = open_app(&driver, data.path());
    s.click_on("[data-testid=nav-settings]");
    s.wait_for_text("[data-testid=app-version]", env!("CARGO_PKG_VERSION"));
    s.click_on("[data-testid=check-updates]");
    s.wait_for("the update to be found", || {
        let status = s.find_all("[data-testid=update-status]");
        status
            .first()
            .map(|e| s.text(e))
            .filter(|t| t.contains("9.9.9"))
            .map(|t| assert!(t.contains("更快的同步"), "{t}"))
    });
    // The versions go to the clipboard for a message asking for help.
    s.click_on("[data-testid=copy-versions]");
    s.wait_for("the versions to be copied", || {
        let text = s.execute("return document.body.innerText", serde_json::json!([]));
        text.as_str().is_some_and(|t| t.contains("版本信息已复制")).then_some(())
    });
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        let about = s.find("[data-testid=about]");
        s.execute("arguments[0].scrollIntoView({block: 'end'})", serde_json::json!([about.as_arg()]));
        s.screenshot(&Path::new(&dir).join("settings-about-zh.png"));
        s.click_on("[data-testid=language-en]");
        s.wait_for_text("[data-testid=nav-settings]", "Settings");
        let library = s.find("[data-testid=library]");
        s.execute("arguments[0].scrollIntoView({block: 'start'})", serde_json::json!([library.as_arg()]));
        s.screenshot(&Path::new(&dir).join("settings-library-en.png"));
    }
    s.quit();
    assert!(asked.load(Ordering::SeqCst) >= 1, "the manifest was asked for");
}

#[test]
fn without_an_update_source_the_app_does_not_look_for_updates() {
    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = open_app(&driver, data.path());
    s.click_on("[data-testid=nav-settings]");
    let button = s.find("[data-testid=check-updates]");
    s.wait_for("the check button to be off", || (s.attribute(&button, "disabled").is_some()).then_some(()));
    s.quit();
}
