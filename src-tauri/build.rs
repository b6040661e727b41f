fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*"))
        .expect("tauri-build: check tauri.conf.json, src-tauri/capabilities and that ui/dist exists (make ui)");
}
