//! The desktop shell: opens the studio, and exposes each `studio-api` use
//! case as one Tauri command.
//!
//! Architecture invariant: no logic here. A command parses nothing and
//! decides nothing; it calls one `studio-api` function and returns its
//! result. The TypeScript the UI calls is generated from the same list.

mod bindings;
mod handover;
mod smoke;
mod tray;

use std::path::PathBuf;

use studio_api::{
    Account, AccountId, AccountPatch, AccountSetup, ActivityItem, ApiError, AssetUse, BackupInfo, CalendarItem,
    CheckedAccount, Diagnostics, Draft, DraftCheck, DraftId, DraftListQuery, DraftMedium, DraftPage, DraftPatch,
    ExportSummary, FollowerMessage, ImportProgress, ImportReport, Lang, LivePlan, LiveProfile, LiveSeries, Livestream,
    MediaAsset, Menu, MenuPublish, MenuState, MessageFields, MessageProblem, MessageRevision, NewDraft, NewQueueSlot,
    NextItem, PlannedSeries, Platform, PlatformCheck, PostMove, ProfileEdit, ProfileFields, Publication, PublishAnswer,
    QueueEntry, QueueSlot, Reminder, Revision, SearchHit, SeriesScope, Settings, SettingsPatch, Studio, SyncNews,
    SyncStatus, TopicUse, UpdateSource,
};
use tauri::http::{header, Response, StatusCode};
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::{Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

/// Declares the commands once: each becomes a Tauri command calling the
/// `studio-api` function of the same name, and a typed TypeScript wrapper.
/// The `also` commands take what TypeScript cannot type from Rust (a
/// progress channel, raw bytes); their wrappers are in `ui/src/api/index.ts`.
macro_rules! commands {
    (also [$($extra:path),*];
     $( $(#[doc = $doc:literal])* fn $name:ident($($arg:ident : $ty:ty),*) -> $ret:ty; )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            async fn $name(studio: tauri::State<'_, Studio>, $($arg: $ty),*) -> Result<$ret, ApiError> {
                studio.word(studio.$name($($arg),*).await)
            }
        )*

        fn invoke_handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name,)* $($extra),*]
        }

        /// Every command: its name, documentation, arguments and result type.
        pub(crate) fn command_signatures(cfg: &ts_rs::Config) -> Vec<bindings::CommandSignature> {
            use ts_rs::TS;
            vec![$(bindings::CommandSignature {
                name: stringify!($name),
                doc: concat!($($doc),*).trim(),
                args: vec![$((stringify!($arg), <$ty as TS>::name(cfg))),*],
                returns: <$ret as TS>::name(cfg),
            }),*]
        }
    };
}

commands! {
    also [import_media, import_media_bytes, smoke::smoke_report, smoke::smoke_failed];

    /// Every draft, most recently changed first.
    fn list_drafts() -> Vec<Draft>;
    /// One page of the drafts list, filtered and sorted.
    fn list_drafts_page(query: DraftListQuery) -> DraftPage;
    /// One draft.
    fn get_draft(id: DraftId) -> Draft;
    /// Makes a new draft.
    fn create_draft(draft: NewDraft) -> Draft;
    /// Changes a draft's kind, title or body.
    fn update_draft(id: DraftId, patch: DraftPatch) -> Draft;
    /// Moves a draft to the trash.
    fn delete_draft(id: DraftId) -> ();
    /// Drafts in the trash, most recently deleted first.
    fn list_trash() -> Vec<Draft>;
    /// Brings a draft back from the trash.
    fn restore_draft(id: DraftId) -> Draft;
    /// Deletes everything in the trash for good; returns how many drafts.
    fn empty_trash() -> u32;
    /// A draft's revisions, newest first.
    fn list_revisions(id: DraftId) -> Vec<Revision>;
    /// Makes a draft read as one of its revisions did.
    fn restore_revision(id: DraftId, revision: i64) -> Draft;
    /// Live drafts matching a query, best first, with matches marked.
    fn search_drafts(query: String) -> Vec<SearchHit>;
    /// Asks the platform's moderation about a draft's text as it is now.
    fn check_with_platform(draft_id: DraftId, account_id: Option<AccountId>) -> PlatformCheck;
    /// The platform's check of a draft's text as it is now, if one was made.
    fn platform_check(draft_id: DraftId) -> Option<PlatformCheck>;
    /// Live counters and problems of a draft's content against a platform.
    fn check_draft(draft: Draft, platform: Platform) -> DraftCheck;
    /// Topics used before, for autocomplete.
    fn suggest_topics(prefix: String) -> Vec<TopicUse>;
    /// The user's preferences.
    fn get_settings() -> Settings;
    /// Changes preferences.
    fn update_settings(patch: SettingsPatch) -> Settings;
    /// Platform accounts; the built-in emulator's demo account is always there.
    fn list_accounts() -> Vec<Account>;
    /// Adds an account; its private key and token go to the OS keychain (or
    /// the encrypted file), never into the library.
    fn add_account(setup: AccountSetup) -> CheckedAccount;
    /// Checks an account's keys with the platform now.
    fn check_account(id: AccountId) -> CheckedAccount;
    /// Changes an account; changed keys are checked with the platform first.
    fn update_account(id: AccountId, patch: AccountPatch) -> CheckedAccount;
    /// Removes an account (cancelling its waiting jobs when asked).
    fn remove_account(id: AccountId, cancel_jobs: bool) -> ();
    /// Opens the encrypted secrets file with a passphrase, where no keychain exists.
    fn unlock_secrets(passphrase: String) -> ();
    /// Queues a draft for publishing on an account (the demo account when
    /// none), at a time (Unix ms) when scheduled.
    fn publish_draft(draft_id: DraftId, account_id: Option<AccountId>, at: Option<i64>) -> PublishAnswer;
    /// Publishes a draft already on the platform again, after the user
    /// confirmed: its post there is deleted first.
    fn republish_draft(draft_id: DraftId, account_id: Option<AccountId>, at: Option<i64>) -> PublishAnswer;
    /// Where each draft stands on an account (the demo account when none).
    fn list_publications(account_id: Option<AccountId>) -> Vec<Publication>;
    /// The outbox with what each job acts on, newest first; finished jobs too when `all`.
    fn list_activity(all: bool) -> Vec<ActivityItem>;
    /// Sends a stopped job again.
    fn retry_job(id: i64) -> ();
    /// Cancels a job that has not reached the platform.
    fn cancel_job(id: i64) -> ();
    /// Where syncing stands.
    fn sync_status() -> SyncStatus;
    /// Sends and reads now instead of at the next turn.
    fn sync_soon() -> ();
    /// Sends what waits and reads every account's contents whole now.
    fn sync_everything() -> ();
    /// Plans a livestream running `minutes` (two hours when none; on the
    /// publishing account when none) and queues its announcement.
    fn plan_livestream(title: String, starts_at: i64, minutes: Option<u32>, account_id: Option<AccountId>) -> Livestream;
    /// The livestreams of an account (the publishing account when none), latest first.
    fn list_livestreams(account_id: Option<AccountId>) -> Vec<Livestream>;
    /// Withdraws a livestream's announcement.
    fn withdraw_livestream(id: i64) -> Livestream;
    /// Changes a livestream's title and start (on the platform too, once announced).
    fn change_livestream(id: i64, title: String, starts_at: i64) -> Livestream;
    /// Keeps a livestream's plan and planned length (the studio's own).
    fn save_livestream_plan(id: i64, minutes: u32, plan: LivePlan) -> Livestream;
    /// Plans a copy of a livestream at another start, without its platform ids.
    fn duplicate_livestream(id: i64, starts_at: i64) -> Livestream;
    /// A livestream's run sheet as Markdown, or as a printable HTML page.
    fn run_sheet_text(id: i64, html: bool) -> String;
    /// Writes a livestream's run sheet to a file (HTML for `.html`, else Markdown).
    fn export_run_sheet(id: i64, path: String) -> ();
    /// Plans a repeating livestream (RRULE from its first start); the next 8 weeks are announced.
    fn plan_live_series(title: String, first_start: i64, rule: String, minutes: Option<u32>, account_id: Option<AccountId>) -> PlannedSeries;
    /// The series of an account, or of all.
    fn list_live_series(account_id: Option<AccountId>) -> Vec<LiveSeries>;
    /// Edits an occurrence alone, with the ones after it, or with every one not yet started.
    fn edit_live_series(occurrence_id: i64, scope: SeriesScope, title: String, starts_at: i64, rule: Option<String>) -> Livestream;
    /// What the platform showed of an account's profile when last read.
    fn live_profile(account_id: Option<AccountId>) -> Option<LiveProfile>;
    /// The jobs that carried a livestream's announcement, changes and withdrawal, oldest first.
    fn livestream_history(id: i64) -> Vec<ActivityItem>;
    /// Writes a livestream's warm-up post, scheduled `lead_minutes` before its start.
    fn write_warmup_post(live_id: i64, lead_minutes: u32) -> Draft;
    /// Moves a livestream's warm-up post to its lead before the livestream's start.
    fn move_warmup_post(live_id: i64) -> PostMove;
    /// The livestreams of an account a new one at that time would overlap.
    fn livestream_overlaps(account_id: Option<AccountId>, starts_at: i64, minutes: u32, except: Option<i64>) -> Vec<Livestream>;
    /// Submits a profile edit for the platform's audit.
    fn submit_profile_edit(fields: ProfileFields, account_id: Option<AccountId>) -> ProfileEdit;
    /// The profile edits of an account, newest first.
    fn list_profile_edits(account_id: Option<AccountId>) -> Vec<ProfileEdit>;
    /// Keeps the profile edit being written, as typed.
    fn save_profile_draft(fields: ProfileFields, account_id: Option<AccountId>) -> ProfileFields;
    /// The profile edit being written, if any.
    fn profile_draft(account_id: Option<AccountId>) -> Option<ProfileFields>;
    /// An account's service menu: its draft, the live menu, problems and differences.
    fn menu_state(account_id: Option<AccountId>) -> MenuState;
    /// Keeps a menu draft as it is now (autosave).
    fn save_menu_draft(menu: Menu, account_id: Option<AccountId>) -> MenuState;
    /// Puts the menu draft back to the live menu.
    fn revert_menu_draft(account_id: Option<AccountId>) -> MenuState;
    /// Publishes the menu draft through the outbox.
    fn publish_menu(account_id: Option<AccountId>) -> MenuPublish;
    /// Every publish of an account's menu, newest first.
    fn menu_history(account_id: Option<AccountId>) -> Vec<MenuPublish>;
    /// Starts a message to followers (a draft).
    fn create_message(fields: MessageFields, account_id: Option<AccountId>) -> FollowerMessage;
    /// Keeps a message's words as typed.
    fn update_message(id: i64, fields: MessageFields) -> FollowerMessage;
    /// An account's messages, newest first.
    fn list_messages(account_id: Option<AccountId>) -> Vec<FollowerMessage>;
    /// What keeps a message from being sent.
    fn message_problems(fields: MessageFields) -> Vec<MessageProblem>;
    /// Makes an image-text message's content page for its previewers, without sending it.
    fn preview_message(id: i64) -> FollowerMessage;
    /// Sends a message to every follower, at `at` or at once.
    fn send_message(id: i64, at: Option<i64>) -> FollowerMessage;
    /// Takes back a sent message.
    fn recall_message(id: i64) -> FollowerMessage;
    /// A message's revisions, newest first.
    fn message_revisions(id: i64) -> Vec<MessageRevision>;
    /// Brings back what a message said in one of its revisions.
    fn restore_message_revision(id: i64, revision: i64) -> FollowerMessage;
    /// Stops a running import; what it finished stays.
    fn cancel_import(import_id: String) -> ();
    /// Media whose name or a tag contains `query` (all when empty), newest first.
    fn list_media(query: String) -> Vec<MediaAsset>;
    /// The media with these hashes, in the order asked.
    fn get_media(hashes: Vec<String>) -> Vec<MediaAsset>;
    /// Replaces a medium's tags.
    fn tag_media(hash: String, tags: Vec<String>) -> MediaAsset;
    /// The drafts using a medium.
    fn media_uses(hash: String) -> Vec<AssetUse>;
    /// Deletes a medium no draft uses; one in use is refused, naming the drafts.
    fn delete_media(hash: String) -> ();
    /// The media a draft uses, in order.
    fn get_draft_media(draft_id: DraftId) -> Vec<DraftMedium>;
    /// Sets the media a draft uses, in order.
    fn set_draft_media(draft_id: DraftId, media: Vec<DraftMedium>) -> Vec<DraftMedium>;
    /// Writes the whole library (JSON and media files) into a folder.
    fn export_library(dir: String) -> ExportSummary;
    /// The library's backups, newest first.
    fn list_backups() -> Vec<BackupInfo>;
    /// Backs the library up now.
    fn back_up_now() -> BackupInfo;
    /// Replaces the library with a backup, backing up the current one first (returned).
    fn restore_backup(name: String) -> BackupInfo;
    /// Versions of the app, the web view and the system, and the folders.
    fn diagnostics() -> Diagnostics;
    /// Opens the log folder in the file manager.
    fn open_log_folder() -> ();
    /// Posts, livestreams, messages to followers and free posting slots from `from` to `to` (Unix ms), of one account or all.
    fn calendar(from: i64, to: i64, account_id: Option<AccountId>) -> Vec<CalendarItem>;
    /// Moves a post to another time through the outbox (`republish` once the user confirmed).
    fn move_post(draft_id: DraftId, account_id: AccountId, at: i64, republish: bool) -> PostMove;
    /// Moves a livestream to another start, on the platform too once announced.
    fn move_livestream(id: i64, at: i64) -> Livestream;
    /// Moves a message to followers whose send waits for its time to another time.
    fn move_message(id: i64, at: i64) -> FollowerMessage;
    /// Every time zone name the studio knows.
    fn list_time_zones() -> Vec<String>;
    /// Sets the zone of an account's posting slots and wall times.
    fn set_account_time_zone(account_id: AccountId, zone: String) -> Account;
    /// Writes the posts and livestreams of one account (or all) to an `.ics` file.
    fn export_calendar(path: String, account_id: Option<AccountId>, utc: bool) -> u32;
    /// An account's posting slots.
    fn list_queue_slots(account_id: Option<AccountId>) -> Vec<QueueSlot>;
    /// Adds posting slots to an account's queue.
    fn add_queue_slots(account_id: Option<AccountId>, slots: Vec<NewQueueSlot>) -> Vec<QueueSlot>;
    /// Removes a posting slot; posts at its times stay.
    fn remove_queue_slot(id: i64) -> ();
    /// Schedules a draft into the account's next free posting slot.
    fn add_to_queue(draft_id: DraftId, account_id: Option<AccountId>) -> PublishAnswer;
    /// The coming slot times with the posts that fill them.
    fn list_queue(account_id: Option<AccountId>) -> Vec<QueueEntry>;
    /// Swaps the times of two scheduled posts of an account.
    fn swap_queued_posts(account_id: AccountId, first: DraftId, second: DraftId, republish: bool) -> ();
    /// The reminders missed while the app was closed, once.
    fn missed_reminders() -> Vec<Reminder>;
    /// The next livestreams and scheduled posts.
    fn next_items(count: u32) -> Vec<NextItem>;
}

/// Imports files and folders, telling `on_progress` how far it has come.
#[tauri::command]
async fn import_media(
    studio: tauri::State<'_, Studio>,
    paths: Vec<String>,
    import_id: String,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport, ApiError> {
    // A window that went away no longer hears progress; the import goes on.
    studio.word(studio.import_media_watched(paths, import_id, move |p| drop(on_progress.send(p))).await)
}

/// The header naming a file sent as bytes (percent-encoded UTF-8).
const FILE_NAME_HEADER: &str = "x-file-name";

/// Imports one file sent as the raw body of the call (pasted or dropped).
#[tauri::command]
async fn import_media_bytes(studio: tauri::State<'_, Studio>, request: Request<'_>) -> Result<ImportReport, ApiError> {
    let name = request.headers().get(FILE_NAME_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let bytes = match request.body() {
        InvokeBody::Raw(bytes) => bytes.clone(),
        InvokeBody::Json(_) => Vec::new(),
    };
    studio.word(studio.import_media_bytes(studio_api::percent_decode(name), bytes).await)
}

/// The URL scheme the window loads library pictures from
/// (`media://localhost/thumb/HASH`, or `http://media.localhost/...` on Windows).
const MEDIA_SCHEME: &str = "media";

/// The event the UI listens to for [`SyncNews`].
pub const SYNC_EVENT: &str = "sync";

/// The event that brings the [`ImportReport`] of files the app was started
/// with, or handed by a second start.
pub const OPENED_EVENT: &str = "opened";

pub use bindings::typescript;

/// The file in the data folder that keeps the window's size, place and
/// maximised state.
const WINDOW_STATE_FILE: &str = "window-state.json";

/// The data folder from `--data-dir DIR` (or `--data-dir=DIR`), if given.
fn data_dir_argument() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--data-dir=")) {
            return Some(PathBuf::from(value));
        }
    }
    None
}

/// The command line as text (a name that is not UTF-8 keeps what it can).
fn args_lossy() -> Vec<String> {
    std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect()
}

/// The language to word a startup failure in, before settings are readable.
fn system_lang() -> Lang {
    std::env::var("LANG").ok().and_then(|l| Lang::from_tag(&l)).unwrap_or_default()
}

/// Imports the files a command line names, then tells the window.
fn open_files(app: &tauri::AppHandle, argv: Vec<String>, cwd: String) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Ok(Some(report)) = app.state::<Studio>().open_files(argv, cwd).await {
            let _ = app.emit(OPENED_EVENT, report);
        }
    });
}

/// Switches off what the window's engine keeps ready and the app never
/// uses: WebGL, Web Audio, the back/forward page cache (one page, never
/// navigated away from) and its memory caches beyond a document's
/// (`DocumentViewer`: the pictures come from the `media` scheme, and the
/// library is the cache).
#[cfg(target_os = "linux")]
fn lighten(window: &tauri::WebviewWindow) {
    use webkit2gtk::{CacheModel, SettingsExt, WebContextExt, WebViewExt};
    let _ = window.with_webview(|webview| {
        let view = webview.inner();
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_enable_webgl(false);
            settings.set_enable_webaudio(false);
            settings.set_enable_page_cache(false);
        }
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    });
}

#[cfg(not(target_os = "linux"))]
fn lighten(_window: &tauri::WebviewWindow) {}

/// The updater plugin's configuration (`plugins.updater`), as it reads it.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct UpdaterConfig {
    endpoints: Vec<String>,
    pubkey: String,
    dangerous_insecure_transport_protocol: bool,
}

/// Starts the desktop app.
pub fn run() {
    if smoke::requested() {
        smoke::begin();
    }
    let data_dir = data_dir_argument().or_else(studio_api::default_data_dir);
    if let Some(dir) = data_dir.as_deref().filter(|_| !smoke::requested()) {
        let cwd = std::env::current_dir().unwrap_or_default().to_string_lossy().into_owned();
        if handover::to_open_window(&studio_api::instance_id(dir), args_lossy(), cwd) {
            return;
        }
    }
    // Written from the first line on; kept until the app exits.
    let _log = data_dir.as_deref().and_then(studio_api::start_logging);
    let mut context = tauri::generate_context!();
    let updates = UpdateSource::configured();
    if let Some(source) = &updates {
        let config = UpdaterConfig {
            endpoints: vec![source.endpoint.clone()],
            pubkey: source.pubkey.clone(),
            dangerous_insecure_transport_protocol: source.is_loopback(),
        };
        let config = serde_json::to_value(config).expect("serializes");
        context.config_mut().plugins.0.insert("updater".into(), config);
    }
    let mut window_state = tauri_plugin_window_state::Builder::new();
    let mut single_instance = tauri_plugin_single_instance::Builder::new().callback(|app, argv, cwd| {
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
        open_files(app, argv, cwd);
    });
    if let Some(dir) = &data_dir {
        // One window per library; the window's size and place live with it.
        single_instance = single_instance.dbus_id(studio_api::instance_id(dir));
        window_state = window_state.with_filename(dir.join(WINDOW_STATE_FILE).to_string_lossy());
    }
    let mut builder = tauri::Builder::default();
    if let Some(script) = smoke::init_script() {
        // A smoke run is not handed to a running window: it is a start of its own.
        builder = builder.plugin(tauri::plugin::Builder::<tauri::Wry>::new("smoke").js_init_script(script).build());
    } else {
        // First: a second start hands over its arguments and exits before
        // anything else is set up.
        builder = builder.plugin(single_instance.build());
    }
    builder
        .plugin(window_state.build())
        .on_page_load(|_, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => smoke::mark("page_load_started"),
            tauri::webview::PageLoadEvent::Finished => smoke::mark("page_loaded"),
        })
        .setup(move |app| {
            // The window from the configuration exists by now.
            smoke::mark("window_created");
            if let Some(window) = app.get_webview_window("main") {
                lighten(&window);
            }
            let data_dir = match data_dir {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            let studio = tauri::async_runtime::block_on(Studio::open(&data_dir, system_lang()))
                .map_err(|e| format!("{} ({})", e.message, data_dir.display()))?;
            smoke::mark("store_open");
            let worker = tauri::async_runtime::block_on(studio.sync_worker())
                .map_err(|e| format!("{} ({})", e.message(studio.lang()), data_dir.display()))?;
            studio.note_webview_version(tauri::webview_version().unwrap_or_default());
            tauri::async_runtime::spawn(studio.daily_backups());
            if updates.is_some() {
                app.handle().plugin(tauri_plugin_updater::Builder::new().build())?;
            }
            let clock = tauri::async_runtime::block_on(studio.reminder_clock())
                .map_err(|e| format!("{} ({})", e.message(studio.lang()), data_dir.display()))?;
            app.manage(studio);
            tray::start(app.handle(), clock)?;
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(worker.run(move |news: SyncNews| {
                for notice in &news.notices {
                    // A desktop without a notification service still gets the in-app news.
                    let _ = handle.notification().builder().title(&notice.title).body(&notice.body).show();
                }
                let _ = handle.emit(SYNC_EVENT, news);
            }));
            let cwd = std::env::current_dir().unwrap_or_default().to_string_lossy().into_owned();
            open_files(app.handle(), args_lossy(), cwd);
            smoke::mark("setup_done");
            Ok(())
        })
        .register_asynchronous_uri_scheme_protocol(MEDIA_SCHEME, |ctx, request, responder| {
            let app = ctx.app_handle().clone();
            let path = request.uri().path().to_string();
            tauri::async_runtime::spawn(async move {
                let served = app.state::<Studio>().serve_media(path).await;
                let response = match served {
                    // Paths name content by hash (and crop), so they never change.
                    Ok(media) => Response::builder()
                        .header(header::CONTENT_TYPE, media.mime)
                        .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
                        .body(media.bytes),
                    Err(e) => Response::builder()
                        .status(StatusCode::NOT_FOUND)
                        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
                        .body(e.message(app.state::<Studio>().lang()).into_bytes()),
                };
                responder.respond(response.unwrap_or_else(|_| Response::new(Vec::new())));
            });
        })
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(invoke_handler())
        .run(context)
        .unwrap_or_else(|e| {
            eprintln!("creator-studio: {e}");
            std::process::exit(1);
        });
}
