// The only door from the UI to the app. No other folder imports @tauri-apps/*:
// screens receive a Backend and can be given another one in tests.
import * as commands from "./commands";
import type { ApiError } from "./types";

export type * from "./types";

/** Everything the UI can ask of the app. */
export type Backend = typeof commands;

/** The real app, over Tauri IPC. */
export const tauriBackend: Backend = commands;

/** True when a rejected call carries the app's `{code, message}` error. */
export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && typeof (e as ApiError).code === "string" && typeof (e as ApiError).message === "string";
}
