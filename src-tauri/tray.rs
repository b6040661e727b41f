//! The tray icon: the next three livestreams and scheduled posts, each
//! opening the window on it, and the reminder clock that keeps them
//! current and shows reminders as desktop notifications. Kept apart from
//! the command list; it decides nothing (the items, their words and the
//! reminders come from `studio-api`).

use std::sync::{Arc, Mutex};

use studio_api::{tray_words, NextItem, ReminderClock, ReminderNews, Studio, TRAY_ITEMS};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

/// The event the window hears when a tray entry asks to open an item
/// (its payload is the [`NextItem`]).
pub const OPEN_ITEM_EVENT: &str = "open-item";
/// The event carrying each look of the reminder clock ([`ReminderNews`]).
pub const REMINDER_EVENT: &str = "reminders";

const TRAY_ID: &str = "coming-up";
const OPEN_ID: &str = "open";
const QUIT_ID: &str = "quit";

fn menu(app: &AppHandle, next: &[NextItem]) -> tauri::Result<Menu<tauri::Wry>> {
    let words = tray_words(app.state::<Studio>().lang());
    let menu = Menu::new(app)?;
    if next.is_empty() {
        menu.append(&MenuItem::with_id(app, "nothing", words.nothing, false, None::<&str>)?)?;
    }
    for item in next {
        menu.append(&MenuItem::with_id(app, &item.menu_id, &item.label, true, None::<&str>)?)?;
    }
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    menu.append(&MenuItem::with_id(app, OPEN_ID, words.open, true, None::<&str>)?)?;
    menu.append(&MenuItem::with_id(app, QUIT_ID, words.quit, true, None::<&str>)?)?;
    Ok(menu)
}

fn show_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Puts the icon in the tray and runs the reminder clock for the app's life.
pub fn start(app: &AppHandle, clock: ReminderClock) -> tauri::Result<()> {
    let shown: Arc<Mutex<Vec<NextItem>>> = Arc::default();
    let shown_lang = Mutex::new(app.state::<Studio>().lang());
    let listed = shown.clone();
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip(tray_words(app.state::<Studio>().lang()).tooltip)
        .menu(&menu(app, &[])?)
        .on_menu_event(move |app, event| match event.id().as_ref() {
            QUIT_ID => app.exit(0),
            OPEN_ID => show_window(app),
            id => {
                let item = listed.lock().unwrap_or_else(|e| e.into_inner()).iter().find(|i| i.menu_id == id).cloned();
                if let Some(item) = item {
                    show_window(app);
                    let _ = app.emit(OPEN_ITEM_EVENT, item);
                }
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    // A desktop without a tray (no status notifier) still gets reminders.
    let tray = builder.build(app).ok();
    let handle = app.clone();
    tauri::async_runtime::spawn(clock.run(move |news: ReminderNews| {
        for notice in &news.notices {
            let _ = handle.notification().builder().title(&notice.title).body(&notice.body).show();
        }
        // Rebuilt when the items or the language changed, not at every look
        // (a menu being read would flicker).
        let lang = handle.state::<Studio>().lang();
        let relabelled = std::mem::replace(&mut *shown_lang.lock().unwrap_or_else(|e| e.into_inner()), lang) != lang;
        let changed = relabelled || *shown.lock().unwrap_or_else(|e| e.into_inner()) != news.next;
        if changed {
            if let (Some(tray), Ok(menu)) = (&tray, menu(&handle, &news.next[..news.next.len().min(TRAY_ITEMS)])) {
                let _ = tray.set_menu(Some(menu));
            }
            *shown.lock().unwrap_or_else(|e| e.into_inner()) = news.next.clone();
        }
        let _ = handle.emit(REMINDER_EVENT, news);
    }));
    Ok(())
}
