import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { tauriBackend } from "./api";
import { App } from "./App";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App backend={tauriBackend} />
  </StrictMode>,
);
