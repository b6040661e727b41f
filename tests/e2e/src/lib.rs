//! A small W3C WebDriver client for driving the real `creator-studio`
//! window through `tauri-driver` and WebKitWebDriver.
//!
//! Each [`Driver`] starts its own `tauri-driver` on free ports, so tests
//! stay independent; [`Session`] is one running app window.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde_json::{json, Value};

/// The W3C identifier key of an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Whether the element or one of its ancestors is still animating in: the
/// classes the UI's motion library puts on an entering popover, dropdown or
/// dialog (`…-appear`, `…-enter`, with `-prepare`, `-start`, `-active`)
/// until its animation ends.
const ENTERING: &str = "for (let e = arguments[0]; e; e = e.parentElement) { \
    for (const c of e.classList) { if (/-(appear|enter)(-prepare|-start|-active)?$/.test(c)) return true; } } \
    return false;";

/// How long to wait for the UI to reach a state before failing.
pub const UI_DEADLINE: Duration = Duration::from_secs(20);

/// The folder cargo puts this test's binaries in (`target/debug`).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    // target/debug/deps/app-hash -> target/debug
    exe.parent().and_then(Path::parent).expect("target/debug").to_owned()
}

/// A binary of the workspace, built by `make test` before the end-to-end run.
pub fn workspace_binary(name: &str) -> PathBuf {
    let path = target_dir().join(name);
    assert!(
        path.exists(),
        "{} is missing: build it first (`make test` does, or `cargo build -p creator-studio -p studio-cli`)",
        path.display()
    );
    path
}

/// A TCP port on loopback that nothing listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// A running `tauri-driver`.
pub struct Driver {
    child: Child,
    base: String,
    agent: ureq::Agent,
}

impl Driver {
    /// Starts `tauri-driver` (from PATH or ~/.cargo/bin) on free ports.
    pub fn start() -> Driver {
        Driver::start_with_env(&[])
    }

    /// [`Driver::start`] with extra environment variables, which the apps
    /// it launches inherit.
    pub fn start_with_env(env: &[(&str, &str)]) -> Driver {
        let port = free_port();
        let native_port = free_port();
        let program = which("tauri-driver")
            .expect("tauri-driver not found: `cargo install tauri-driver --locked` (make test does)");
        let child = Command::new(program)
            // Its own process group, so dropping the driver also ends the
            // WebKitWebDriver and app processes it started.
            .process_group(0)
            .envs(env.iter().copied())
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen on {port}");
            sleep(Duration::from_millis(50));
        }
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        Driver { child, base: format!("http://127.0.0.1:{port}"), agent }
    }

    /// Opens the app with `args` and waits for its first screen.
    pub fn launch(&self, application: &Path, args: &[&str]) -> Session<'_> {
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "tauri:options": { "application": application, "args": args }
                }
            }
        });
        // tauri-driver listens before WebKitWebDriver does; retry until the
        // pair is ready.
        let deadline = Instant::now() + Duration::from_secs(30);
        let value = loop {
            match self.send("POST", "/session", Some(caps.clone())) {
                Ok(value) => break value,
                Err(e) if Instant::now() < deadline => {
                    eprintln!("new session not ready yet ({e}); retrying");
                    sleep(Duration::from_millis(250));
                }
                Err(e) => panic!("POST /session: {e}"),
            }
        };
        let id = value["sessionId"].as_str().unwrap_or_else(|| panic!("no session id in {value}")).to_owned();
        Session { driver: self, id }
    }

    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.send(method, path, body).unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{}", self.base, path);
        let response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self.agent.post(&url).send_json(body.unwrap_or_else(|| json!({}))),
        };
        let mut response = response.map_err(|e| e.to_string())?;
        let status = response.status();
        let value: Value = response.body_mut().read_json().unwrap_or(Value::Null);
        if status.is_success() {
            Ok(value["value"].clone())
        } else {
            Err(format!("{status}: {value}"))
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

fn which(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

/// WebDriver's code for the Control key, for [`Session::chord`].
pub const CONTROL: &str = "\u{E009}";
/// WebDriver's code for the Shift key.
pub const SHIFT: &str = "\u{E008}";

/// The page replaced an element between finding and using it.
#[derive(Debug)]
struct Stale;

/// An element on the page.
#[derive(Clone, Debug)]
pub struct Element(String);

impl Element {
    /// The element as a script argument (`arguments[i]` in [`Session::execute`]).
    pub fn as_arg(&self) -> Value {
        json!({ ELEMENT_KEY: self.0 })
    }
}

/// One running app window.
pub struct Session<'d> {
    driver: &'d Driver,
    id: String,
}

impl Session<'_> {
    fn path(&self, rest: &str) -> String {
        format!("/session/{}{}", self.id, rest)
    }

    /// All elements matching a CSS selector, now.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self
            .driver
            .send("POST", &self.path("/elements"), Some(json!({"using": "css selector", "value": css})))
            // The page may re-render mid-search; the caller polls again.
            .or_else(|e| if e.contains("stale element") { Ok(Value::Array(vec![])) } else { Err(e) })
            .unwrap_or_else(|e| panic!("finding {css}: {e}"));
        found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e[ELEMENT_KEY].as_str())
            .map(|s| Element(s.to_owned()))
            .collect()
    }

    /// Waits for an element matching a CSS selector.
    pub fn find(&self, css: &str) -> Element {
        self.wait_for(&format!("an element matching {css}"), || self.find_all(css).into_iter().next())
    }

    /// Waits until a dialog has finished opening (its zoom-in animation
    /// done), so clicks land on it and screenshots show it whole.
    pub fn wait_dialog_open(&self) {
        self.wait_for("the dialog to finish opening", || {
            let opacity = self.execute(
                "const m = document.querySelector('.ant-modal'); return m ? getComputedStyle(m).opacity : null",
                serde_json::json!([]),
            );
            (opacity.as_str() == Some("1")).then_some(())
        });
    }

    /// Clicks an element, waiting while it is still animating in or covered.
    pub fn click(&self, el: &Element) {
        if let Err(Stale) = self.try_click(el) {
            panic!("the element was replaced before the click; find it again (or use click_on)");
        }
    }

    /// Finds the element matching `css` and clicks it, finding it again
    /// when the page replaced it in between (a list or form re-rendered).
    pub fn click_on(&self, css: &str) -> Element {
        loop {
            let el = self.find(css);
            if self.try_click(&el).is_ok() {
                return el;
            }
        }
    }

    fn try_click(&self, el: &Element) -> Result<(), Stale> {
        // A click goes to where the element is now; one still moving (a
        // popover zooming in) would be missed and land outside it. A zoom
        // holds still for a frame or two before it starts, so first wait
        // until no ancestor carries an entering animation's class.
        let mut gone = false;
        self.wait_for("an element to finish appearing", || {
            match self.driver.send(
                "POST",
                &self.path("/execute/sync"),
                Some(json!({"script": ENTERING, "args": [el.as_arg()]})),
            ) {
                Ok(entering) => (entering == json!(false)).then_some(()),
                Err(e) if e.contains("stale element") => {
                    gone = true;
                    Some(())
                }
                Err(_) => None,
            }
        });
        if gone {
            return Err(Stale);
        }
        let rect_path = self.path(&format!("/element/{}/rect", el.0));
        let mut last_rect = None;
        let mut stale = false;
        self.wait_for("an element to stop moving", || {
            let rect = match self.driver.send("GET", &rect_path, None) {
                Ok(rect) => Some(rect),
                Err(e) if e.contains("stale element") => {
                    stale = true;
                    return Some(());
                }
                Err(_) => None,
            };
            let settled = rect.is_some() && rect == last_rect;
            last_rect = rect;
            settled.then_some(())
        });
        if stale {
            return Err(Stale);
        }
        let path = self.path(&format!("/element/{}/click", el.0));
        let mut last = String::new();
        self.wait_for("an element to take a click", || match self.driver.send("POST", &path, Some(json!({}))) {
            Ok(_) => Some(Ok(())),
            Err(e) if e.contains("stale element") => Some(Err(Stale)),
            // Still animating in, or covered by a closing drawer or a toast.
            Err(e) if e.contains("not interactable") || e.contains("click intercepted") => {
                last = e;
                None
            }
            Err(e) => panic!("click: {e} (before: {last})"),
        })
    }

    /// Presses the mouse at `from` (pixels from the element's centre), moves
    /// to `to` in steps, and lets go: a drag as a hand makes it.
    pub fn drag(&self, el: &Element, from: (i64, i64), to: (i64, i64)) {
        let origin = el.as_arg();
        let mut actions = vec![
            json!({"type": "pointerMove", "origin": origin, "x": from.0, "y": from.1, "duration": 0}),
            json!({"type": "pointerDown", "button": 0}),
        ];
        for step in 1..=5 {
            let (x, y) = (from.0 + (to.0 - from.0) * step / 5, from.1 + (to.1 - from.1) * step / 5);
            actions.push(json!({"type": "pointerMove", "origin": origin, "x": x, "y": y, "duration": 50}));
        }
        actions.push(json!({"type": "pointerUp", "button": 0}));
        let pointer =
            json!({"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": actions});
        self.driver.request("POST", &self.path("/actions"), Some(json!({ "actions": [pointer] })));
        let _ = self.driver.send("DELETE", &self.path("/actions"), None);
    }

    /// Presses the mouse at `from` (viewport pixels), moves to `to` in
    /// steps, and lets go: a drag of whatever is at `from`.
    pub fn drag_points(&self, from: (i64, i64), to: (i64, i64)) {
        let mut actions = vec![
            json!({"type": "pointerMove", "origin": "viewport", "x": from.0, "y": from.1, "duration": 0}),
            json!({"type": "pointerDown", "button": 0}),
        ];
        for step in 1..=8 {
            let (x, y) = (from.0 + (to.0 - from.0) * step / 8, from.1 + (to.1 - from.1) * step / 8);
            actions.push(json!({"type": "pointerMove", "origin": "viewport", "x": x, "y": y, "duration": 60}));
        }
        actions.push(json!({"type": "pointerUp", "button": 0}));
        let pointer =
            json!({"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": actions});
        self.driver.request("POST", &self.path("/actions"), Some(json!({ "actions": [pointer] })));
        let _ = self.driver.send("DELETE", &self.path("/actions"), None);
    }

    /// Presses keys together and lets them go in reverse order, e.g.
    /// `[CONTROL, "z"]` (WebDriver key codes for the modifiers).
    pub fn chord(&self, keys: &[&str]) {
        let mut actions: Vec<Value> = keys.iter().map(|k| json!({"type": "keyDown", "value": k})).collect();
        actions.extend(keys.iter().rev().map(|k| json!({"type": "keyUp", "value": k})));
        let keyboard = json!({"type": "key", "id": "keyboard", "actions": actions});
        self.driver.request("POST", &self.path("/actions"), Some(json!({ "actions": [keyboard] })));
        let _ = self.driver.send("DELETE", &self.path("/actions"), None);
    }

    /// Drops files on an element as the system does when files are dragged
    /// from the file manager: `dragenter`, `dragover` and `drop` events
    /// carrying the files' bytes.
    pub fn drop_files(&self, el: &Element, files: &[(&str, &str, &[u8])]) {
        let files: Vec<Value> = files
            .iter()
            .map(|(name, mime, bytes)| json!({"name": name, "type": mime, "data": BASE64.encode(bytes)}))
            .collect();
        self.execute(
            r#"const [target, files] = arguments;
               const data = new DataTransfer();
               for (const f of files) {
                 const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
                 data.items.add(new File([bytes], f.name, { type: f.type }));
               }
               for (const type of ["dragenter", "dragover", "drop"]) {
                 target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
               }"#,
            json!([el.as_arg(), files]),
        );
    }

    /// Types text into an element, as key presses.
    pub fn type_text(&self, el: &Element, text: &str) {
        self.driver.request("POST", &self.path(&format!("/element/{}/value", el.0)), Some(json!({"text": text})));
    }

    /// The element's visible text.
    pub fn text(&self, el: &Element) -> String {
        // The rendered text as the page computes it; WebKitWebDriver's own
        // text endpoint answers "" for text inside clipped (ellipsis) boxes.
        self.property(el, "innerText").unwrap_or_default()
    }

    /// A DOM property of the element (e.g. `value`).
    pub fn property(&self, el: &Element, name: &str) -> Option<String> {
        let v = self.driver.send("GET", &self.path(&format!("/element/{}/property/{name}", el.0)), None).ok()?;
        v.as_str().map(str::to_owned)
    }

    /// An attribute of the element.
    pub fn attribute(&self, el: &Element, name: &str) -> Option<String> {
        let v = self.driver.send("GET", &self.path(&format!("/element/{}/attribute/{name}", el.0)), None).ok()?;
        v.as_str().map(str::to_owned)
    }

    /// Runs a script in the page and returns its result.
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.driver.request("POST", &self.path("/execute/sync"), Some(json!({"script": script, "args": args})))
    }

    /// Polls `probe` until it gives a value, failing after [`UI_DEADLINE`].
    pub fn wait_for<T>(&self, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + UI_DEADLINE;
        loop {
            if let Some(v) = probe() {
                return v;
            }
            if Instant::now() > deadline {
                let text = self
                    .driver
                    .send(
                        "POST",
                        &self.path("/execute/sync"),
                        Some(json!({"script": "return document.body.innerText", "args": []})),
                    )
                    .map(|v| v.to_string())
                    .unwrap_or_else(|e| e);
                let excerpt: String = text.chars().take(2000).collect();
                panic!("timed out waiting for {what}; the window shows: {excerpt}");
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the element matching `css` shows exactly `expected`.
    pub fn wait_for_text(&self, css: &str, expected: &str) {
        self.wait_for(&format!("{css} to read {expected:?}"), || {
            self.find_all(css).iter().any(|e| self.text(e).trim() == expected).then_some(())
        })
    }

    /// Saves a screenshot of the window as PNG.
    pub fn screenshot(&self, path: &Path) {
        let b64 = self.driver.request("GET", &self.path("/screenshot"), None);
        let bytes = BASE64.decode(b64.as_str().unwrap_or_default()).expect("screenshot is base64");
        std::fs::write(path, bytes).expect("screenshot written");
    }

    /// Closes the window (and so the app).
    pub fn quit(self) {
        let _ = self.driver.send("DELETE", &self.path(""), None);
    }
}

/// Opens the real app on `data_dir` and waits for its first screen.
pub fn open_app<'d>(driver: &'d Driver, data_dir: &Path) -> Session<'d> {
    let session =
        driver.launch(&workspace_binary("creator-studio"), &["--data-dir", data_dir.to_str().expect("UTF-8 path")]);
    session.find("[data-testid=nav-drafts]");
    session
}

/// The folder `make dist` writes the installers to.
pub fn dist_dir() -> PathBuf {
    target_dir().parent().expect("the target folder").join("dist")
}

/// Runs `studio --data-dir DIR ARGS --json` and returns its output.
pub fn studio_cli(data_dir: &Path, args: &[&str]) -> Value {
    let out = Command::new(workspace_binary("studio"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .arg("--json")
        .output()
        .expect("studio runs");
    assert!(out.status.success(), "studio {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("studio prints JSON")
}

/// Rows of an emulator's own library (the platform's side: its SQLite file
/// `db`), read while the app runs.
pub fn platform_rows<T>(db: &Path, sql: &str) -> Vec<T>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
{
    let url = format!("sqlite://{}?mode=ro", db.display());
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect(&url).await.unwrap();
        let rows = sqlx::query_as(sql).fetch_all(&pool).await.unwrap();
        pool.close().await;
        rows
    })
}

/// Rows of the built-in emulator's library in the app's data folder `data`.
pub fn app_platform_rows<T>(data: &Path, sql: &str) -> Vec<T>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
{
    platform_rows(&data.join("emulator/emulator.sqlite3"), sql)
}

/// `at` (Unix ms) as the platform writes times: Beijing, `YYYY-MM-DD HH:MM:SS`.
pub fn beijing(s: &Session, at: i64) -> String {
    s.execute(
        "const d = new Date(arguments[0] + 8 * 3600000); return d.toISOString().slice(0, 19).replace('T', ' ');",
        serde_json::json!([at]),
    )
    .as_str()
    .expect("a string")
    .to_string()
}

/// Replaces the text of the last input matching `css` with `text`.
pub fn type_into(s: &Session, css: &str, text: &str) {
    // A screen loads its file the first time it shows: wait for the input.
    let input = s.wait_for(&format!("an input matching {css}"), || s.find_all(css).into_iter().last());
    s.click(&input);
    s.chord(&[CONTROL, "a"]);
    s.type_text(&input, text);
}

/// Makes a draft in the window (on the drafts screen) with this title and
/// body, saved, and leaves it open.
pub fn write_draft(s: &Session, title: &str, body: &str) {
    s.click(&s.find("[data-testid=nav-drafts]"));
    let before = s.find_all("[data-testid=draft-item]").len();
    s.click(&s.find("[data-testid=new-draft]"));
    // The new draft is made, listed and opened before it is typed into.
    s.wait_for("the new draft to open", || (s.find_all("[data-testid=draft-item]").len() == before + 1).then_some(()));
    wait_saved(s);
    let title_input = s.find("[data-testid=title-input]");
    s.click(&title_input);
    s.type_text(&title_input, title);
    let body_input = s.find("[data-testid=body-input]");
    s.click(&body_input);
    s.type_text(&body_input, body);
    wait_saved(s);
}

/// Plans a livestream with this title at the form's time (the next 20:00)
/// on the livestreams screen, and waits until the platform announced it.
pub fn plan_livestream(s: &Session, title: &str) {
    plan_livestream_at(s, title, None);
}

/// As [`plan_livestream`], starting `days` days from today at 20:00 (local)
/// when given, instead of the next 20:00.
pub fn plan_livestream_at(s: &Session, title: &str, days: Option<i64>) {
    s.click(&s.find("[data-testid=nav-live]"));
    let input = s.find("[data-testid=live-title]");
    s.click(&input);
    s.type_text(&input, title);
    if let Some(days) = days {
        let when = s.execute(
            "const d = new Date(); d.setDate(d.getDate() + arguments[0]); const p = (n) => String(n).padStart(2, '0');
             return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} 20:00`;",
            serde_json::json!([days]),
        );
        type_into(s, "[data-testid=live-time]", when.as_str().unwrap());
    }
    s.click(&s.find("[data-testid=plan-live]"));
    s.wait_for("the livestream to be announced", || {
        let rows = s.find_all("[data-testid=livestream][data-status=announced]");
        rows.iter().any(|r| s.text(r).contains(title)).then_some(())
    });
}

/// Waits until the editor says its draft is saved.
pub fn wait_saved(s: &Session) {
    s.wait_for("the draft to be saved", || {
        let status = s.find_all("[data-testid=save-status]");
        (status.first().and_then(|e| s.attribute(e, "data-state")).as_deref() == Some("saved")).then_some(())
    });
}

/// A landscape photo: a warm left half and a cool right half, with noise
/// so it compresses like a photograph.
pub fn photo(width: u32, height: u32) -> Vec<u8> {
    let mut state = 0x9e37_79b9_u32;
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let n = (state % 32) as u8;
        let shade = (y * 80 / height) as u8;
        if x < width / 2 {
            image::Rgb([200 + n / 2, 90 + shade, 40 + n])
        } else {
            image::Rgb([30 + n, 90 + shade, 190 + n / 2])
        }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(std::io::Cursor::new(&mut jpeg), 88)
        .encode_image(&picture)
        .unwrap();
    jpeg
}

/// The calendar item of `kind` (with `data-id` `id`, when given), once
/// shown, and its time.
pub fn item_at(s: &Session, kind: &str, id: Option<&str>) -> (Element, i64) {
    let css = match id {
        Some(id) => format!("[data-testid=calendar-item][data-kind={kind}][data-id='{id}']"),
        None => format!("[data-testid=calendar-item][data-kind={kind}]"),
    };
    // The calendar redraws as news comes in: an element found may be gone
    // by the time it is read, so it is looked for again until both hold.
    s.wait_for(&format!("{css} with its time"), || {
        let el = s.find_all(&css).into_iter().next()?;
        let at: i64 = s.attribute(&el, "data-at")?.parse().ok()?;
        Some((el, at))
    })
}

/// Drags a month-view calendar item onto the day `days` after its own, keeping its time.
pub fn drag_to_next_days(s: &Session, el: &Element, days: i64) {
    let offset = s.execute(
        "const [el, days] = arguments;
         const cell = el.closest('td[data-date]');
         const d = new Date(cell.dataset.date + 'T00:00:00'); d.setDate(d.getDate() + days);
         const p = (n) => String(n).padStart(2, '0');
         const target = document.querySelector(`td[data-date='${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}']`);
         if (!target) return null;
         const a = el.closest('.fc-event').getBoundingClientRect(), b = target.getBoundingClientRect();
         return [Math.round(a.left + 8), Math.round(a.top + a.height / 2), Math.round(b.left + b.width / 2), Math.round(b.top + b.height / 2)];",
        serde_json::json!([el.as_arg(), days]),
    );
    let p = offset.as_array().unwrap_or_else(|| panic!("the day {days} on is not in this month's grid"));
    let n = |i: usize| p[i].as_f64().unwrap() as i64;
    s.drag_points((n(0), n(1)), (n(2), n(3)));
}
