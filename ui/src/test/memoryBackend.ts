import type { ApiError, Backend, Draft, Settings } from "../api";

/**
 * A Backend that keeps drafts in memory, behaving like the app's commands
 * (including their `{code, message}` errors), for testing screens alone.
 */
export function memoryBackend(initial: Partial<Settings> = {}) {
  let settings: Settings = { language: "zh-CN", theme: "system", ...initial };
  let drafts: Draft[] = [];
  let next = 1;
  let clock = 1_700_000_000_000;
  const calls: string[] = [];
  const notFound = (id: number): ApiError => ({ code: "draft_not_found", message: `Draft ${id} was not found` });
  const backend: Backend = {
    async listDrafts() {
      calls.push("listDrafts");
      return [...drafts].sort((a, b) => b.updated_at - a.updated_at || b.id - a.id);
    },
    async getDraft(id) {
      const d = drafts.find((x) => x.id === id);
      if (!d) throw notFound(id);
      return d;
    },
    async createDraft(draft) {
      calls.push("createDraft");
      const now = ++clock;
      const made: Draft = { id: next++, kind: draft.kind ?? "image_text", title: draft.title, body: draft.body, created_at: now, updated_at: now };
      drafts.push(made);
      return made;
    },
    async updateDraft(id, patch) {
      calls.push(`updateDraft:${JSON.stringify(patch)}`);
      const d = drafts.find((x) => x.id === id);
      if (!d) throw notFound(id);
      const updated = { ...d, ...patch, updated_at: ++clock } as Draft;
      drafts = drafts.map((x) => (x.id === id ? updated : x));
      return updated;
    },
    async deleteDraft(id) {
      if (!drafts.some((x) => x.id === id)) throw notFound(id);
      drafts = drafts.filter((x) => x.id !== id);
      return null;
    },
    async getSettings() {
      return settings;
    },
    async updateSettings(patch) {
      settings = { ...settings, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      return settings;
    },
  };
  return { backend, calls, drafts: () => drafts };
}
