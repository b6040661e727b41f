fn main() {
    // The built UI is embedded in the binary: a new UI build must rebuild the app.
    println!("cargo:rerun-if-changed=ui/dist");
    tauri_build::try_build(tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*"))
        .expect("tauri-build: check tauri.conf.json, src-tauri/capabilities and that ui/dist exists (make ui)");
}
