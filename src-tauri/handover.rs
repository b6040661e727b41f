//! A second start for a library whose window is already open: it hands its
//! command line (the files to import, its folder) to that window and ends,
//! before the window system or the web engine is touched. Starting a web
//! view only to throw it away cost a second start its time and, now and
//! then, a crash on its way out.
//!
//! The window listens with the single-instance plugin; this speaks the
//! plugin's D-Bus method (`ExecuteCallback` on `org.SingleInstance.DBus`, at
//! the bus name `ID.SingleInstance` and the object path made from it). The
//! plugin stays registered: a start that finds no window here is the one
//! that owns the name, and a start racing another is still handed over by
//! the plugin.

/// The D-Bus name and object path the window listens at for `dbus_id`.
pub(crate) fn address(dbus_id: &str) -> (String, String) {
    let name = format!("{dbus_id}.SingleInstance");
    let path = format!("/{}", name.replace('.', "/").replace('-', "_"));
    (name, path)
}

/// Hands `argv` and `cwd` to the window open on `dbus_id`; false when none
/// is (or the session bus is out of reach), and the caller starts normally.
#[cfg(target_os = "linux")]
pub(crate) fn to_open_window(dbus_id: &str, argv: Vec<String>, cwd: String) -> bool {
    let (name, path) = address(dbus_id);
    let Ok(bus) = zbus::blocking::Connection::session() else { return false };
    // A name nobody owns is answered at once with an error: no window.
    bus.call_method(
        Some(name.as_str()),
        path.as_str(),
        Some("org.SingleInstance.DBus"),
        "ExecuteCallback",
        &(argv, cwd),
    )
    .is_ok()
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn to_open_window(_dbus_id: &str, _argv: Vec<String>, _cwd: String) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_is_the_plugins() {
        let (name, path) = address("app.creator-studio.library_00ff");
        assert_eq!(name, "app.creator-studio.library_00ff.SingleInstance");
        assert_eq!(path, "/app/creator_studio/library_00ff/SingleInstance");
    }
}
