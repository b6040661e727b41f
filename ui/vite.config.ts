import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { preactUnderFrozenPrototype } from "./frozenPrototype";

// The app loads the built files from inside the binary; no CDN, no inline scripts.
export default defineConfig({
  plugins: [react(), preactUnderFrozenPrototype()],
  // Pre-bundled dependencies skip plugins: keep preact out so the dev server gets the fix too.
  optimizeDeps: { exclude: ["preact"] },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: "safari16",
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    // antd under jsdom is slow on two cores; these are generous ceilings, not waits.
    testTimeout: 60000,
  },
});
