// Generated from the Rust types by `make bindings`; do not edit.

import { invoke } from "@tauri-apps/api/core";
import type { Draft, DraftPatch, NewDraft, Settings, SettingsPatch } from "./types";

/** Calls a command; a failure rejects with the command's ApiError ({code, message}). */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  return invoke<T>(command, args);
}

/** Every draft, most recently changed first. */
export function listDrafts(): Promise<Array<Draft>> {
  return call("list_drafts");
}

/** One draft. */
export function getDraft(id: number): Promise<Draft> {
  return call("get_draft", { id });
}

/** Makes a new draft. */
export function createDraft(draft: NewDraft): Promise<Draft> {
  return call("create_draft", { draft });
}

/** Changes a draft's kind, title or body. */
export function updateDraft(id: number, patch: DraftPatch): Promise<Draft> {
  return call("update_draft", { id, patch });
}

/** Deletes a draft. */
export function deleteDraft(id: number): Promise<null> {
  return call("delete_draft", { id });
}

/** The user's preferences. */
export function getSettings(): Promise<Settings> {
  return call("get_settings");
}

/** Changes preferences. */
export function updateSettings(patch: SettingsPatch): Promise<Settings> {
  return call("update_settings", { patch });
}
