// The only door from the UI to the app. No other folder imports @tauri-apps/*:
// screens receive a Backend and can be given another one in tests.
import { listen } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import * as commands from "./commands";
import type { ApiError, SyncNews } from "./types";

export type * from "./types";

/** Everything the UI can ask of the app. */
export type Backend = typeof commands & {
  /** Runs `work` when the user closes the window, before it goes; returns an unsubscribe. */
  beforeClose(work: () => Promise<void>): Promise<() => void>;
  /** Calls `handler` with each piece of news from the sync worker; returns an unsubscribe. */
  onSync(handler: (news: SyncNews) => void): Promise<() => void>;
};

/** The real app, over Tauri IPC. */
export const tauriBackend: Backend = {
  ...commands,
  beforeClose: (work) => getCurrentWindow().onCloseRequested(() => work()),
  // The event name is the shell's SYNC_EVENT.
  onSync: (handler) => listen<SyncNews>("sync", (event) => handler(event.payload)),
};

/** True when a rejected call carries the app's `{code, message}` error. */
export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && typeof (e as ApiError).code === "string" && typeof (e as ApiError).message === "string";
}
