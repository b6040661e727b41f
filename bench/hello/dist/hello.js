// Once the page has loaded, one call to Rust: the floor every Tauri app pays
// before its first useful screen.
document.addEventListener("DOMContentLoaded", () => {
  const loaded = Date.now();
  window.__TAURI_INTERNALS__.invoke("ready", { loaded }).then(() => {});
});
