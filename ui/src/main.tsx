import { markSmoke } from "./smoke";
markSmoke("script_start");
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { tauriBackend } from "./api";
import { App } from "./App";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App backend={tauriBackend} />
  </StrictMode>,
);
