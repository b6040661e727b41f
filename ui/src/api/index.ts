// The only door from the UI to the app. No other folder imports @tauri-apps/*:
// screens receive a Backend and can be given another one in tests.
import { Channel, convertFileSrc, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { open, save } from "@tauri-apps/plugin-dialog";
import { check } from "@tauri-apps/plugin-updater";
import * as commands from "./commands";
import type { ApiError, ImportProgress, ImportReport, NextItem, SyncNews } from "./types";

export type * from "./types";
export * from "./vocabulary";

/** Everything the UI can ask of the app. */
export type Backend = typeof commands & {
  /** Runs `work` when the user closes the window, before it goes; returns an unsubscribe. */
  beforeClose(work: () => Promise<void>): Promise<() => void>;
  /** Calls `handler` with each piece of news from the sync worker; returns an unsubscribe. */
  onSync(handler: (news: SyncNews) => void): Promise<() => void>;
  /** Calls `handler` when files the app was started with, or handed by a second start, are imported. */
  onOpened(handler: (report: ImportReport) => void): Promise<() => void>;
  /** Asks the user for a folder; `null` when they chose none. */
  pickFolder(): Promise<string | null>;
  /** Asks the update source for a newer version; `null` when this one is the newest. */
  checkForUpdate(): Promise<UpdateFound | null>;
  /** Puts text on the clipboard. */
  copyText(text: string): Promise<void>;
  /** Asks the user for media files (or folders); `null` when they chose nothing. */
  pickMedia(folders: boolean): Promise<string[] | null>;
  /** Imports files and folders; `onProgress` hears how far it has come, `cancelImport(importId)` stops it. */
  importMedia(paths: string[], importId: string, onProgress: (p: ImportProgress) => void): Promise<ImportReport>;
  /** Imports one file given as bytes (pasted or dropped), named `name`. */
  importMediaBytes(name: string, bytes: Uint8Array): Promise<ImportReport>;
  /** Calls `handler` when the tray asks to open something coming; returns an unsubscribe. */
  onOpenItem(handler: (item: NextItem) => void): Promise<() => void>;
  /** Asks the user where to save a calendar file; `null` when they chose nothing. */
  pickCalendarFile(defaultName: string): Promise<string | null>;
  /** Asks the user where to save a run sheet (Markdown or HTML); `null` when they chose nothing. */
  pickSheetFile(defaultName: string): Promise<string | null>;
  /** Where the window loads a library picture from: `path` is `thumb/HASH`, `view/HASH`, `image/HASH` or `cover/HASH/X/Y`. */
  mediaUrl(path: string): string;
};

/** A newer version the update source offers. */
export type UpdateFound = { version: string; notes: string };

// `media://localhost/` here, `http://media.localhost/` on Windows.
const mediaBase = () => convertFileSrc("", "media");

/** The real app, over Tauri IPC. */
export const tauriBackend: Backend = {
  ...commands,
  beforeClose: (work) => getCurrentWindow().onCloseRequested(() => work()),
  // The event name is the shell's SYNC_EVENT.
  onSync: (handler) => listen<SyncNews>("sync", (event) => handler(event.payload)),
  // The event name is the shell's OPENED_EVENT.
  onOpened: (handler) => listen<ImportReport>("opened", (event) => handler(event.payload)),
  pickFolder: async () => {
    const chosen = await open({ directory: true, multiple: false });
    return typeof chosen === "string" ? chosen : null;
  },
  checkForUpdate: async () => {
    const update = await check();
    return update ? { version: update.version, notes: update.body ?? "" } : null;
  },
  copyText: (text) => navigator.clipboard.writeText(text),
  pickMedia: async (folders) => {
    const chosen = await open({
      multiple: true,
      directory: folders,
      filters: folders ? undefined : [{ name: "Media", extensions: ["jpg", "jpeg", "png", "webp", "gif", "mp4", "mov"] }],
    });
    return chosen === null ? null : Array.isArray(chosen) ? chosen : [chosen];
  },
  importMedia: (paths, importId, onProgress) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return invoke<ImportReport>("import_media", { paths, importId, onProgress: channel });
  },
  importMediaBytes: (name, bytes) =>
    invoke<ImportReport>("import_media_bytes", bytes, { headers: { "x-file-name": encodeURIComponent(name) } }),
  mediaUrl: (path) => mediaBase() + path,
  // The event name is the shell's OPEN_ITEM_EVENT (src-tauri/tray.rs).
  onOpenItem: (handler) => listen<NextItem>("open-item", (event) => handler(event.payload)),
  pickCalendarFile: (defaultName) => save({ defaultPath: defaultName, filters: [{ name: "iCalendar", extensions: ["ics"] }] }),
  pickSheetFile: (defaultName) =>
    save({ defaultPath: defaultName, filters: [{ name: "Markdown", extensions: ["md"] }, { name: "HTML", extensions: ["html"] }] }),
};

/** True when a rejected call carries the app's `{code, message}` error. */
export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && typeof (e as ApiError).code === "string" && typeof (e as ApiError).message === "string";
}

/**
 * What a `--smoke` start reports (see `src/smoke.ts`): its phases as Unix ms
 * and the rows it painted, or why it could not; the app then exits. Not part
 * of `Backend`: it is about this process, not the library.
 */
export const smokeCalls = {
  report: (marks: Record<string, number>, rows: number) => invoke<null>("smoke_report", { report: { marks, rows } }),
  failed: (reason: string) => invoke<null>("smoke_failed", { reason }),
};
