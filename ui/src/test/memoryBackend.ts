import type { ApiError, Backend, Draft, Revision, Segment, Settings } from "../api";

/**
 * A Backend that keeps drafts in memory, behaving like the app's commands
 * (including their `{code, message}` errors), for testing screens alone.
 * Search here is a plain substring scan; the real index is tested in Rust.
 */
export function memoryBackend(initial: Partial<Settings> = {}) {
  let settings: Settings = { language: "zh-CN", theme: "system", ...initial };
  let drafts: Draft[] = [];
  let revisions: Revision[] = [];
  let next = 1;
  let clock = 1_700_000_000_000;
  const calls: string[] = [];
  const notFound = (id: number): ApiError => ({ code: "draft_not_found", message: `Draft ${id} was not found` });
  const live = () => drafts.filter((d) => d.deleted_at === null);
  const record = (d: Draft, reason: Revision["reason"]) =>
    revisions.unshift({ id: revisions.length + 1, draft_id: d.id, reason, kind: d.kind, title: d.title, body: d.body, created_at: clock, updated_at: clock });
  const mark = (text: string, q: string): Segment[] => {
    const at = q ? text.indexOf(q) : -1;
    if (at < 0) return text ? [{ text, hit: false }] : [];
    return [
      { text: text.slice(0, at), hit: false },
      { text: q, hit: true },
      { text: text.slice(at + q.length), hit: false },
    ].filter((s) => s.text);
  };
  const backend: Backend = {
    async listDrafts() {
      calls.push("listDrafts");
      return live().sort((a, b) => b.updated_at - a.updated_at || b.id - a.id);
    },
    async getDraft(id) {
      const d = drafts.find((x) => x.id === id);
      if (!d) throw notFound(id);
      return d;
    },
    async createDraft(draft) {
      calls.push("createDraft");
      const now = ++clock;
      const made: Draft = { id: next++, kind: draft.kind ?? "image_text", title: draft.title, body: draft.body, created_at: now, updated_at: now, deleted_at: null };
      drafts.push(made);
      record(made, "create");
      return made;
    },
    async updateDraft(id, patch) {
      calls.push(`updateDraft:${JSON.stringify(patch)}`);
      const d = live().find((x) => x.id === id);
      if (!d) throw notFound(id);
      const updated = { ...d, ...patch, updated_at: ++clock } as Draft;
      drafts = drafts.map((x) => (x.id === id ? updated : x));
      record(updated, "edit");
      return updated;
    },
    async deleteDraft(id) {
      if (!live().some((x) => x.id === id)) throw notFound(id);
      drafts = drafts.map((x) => (x.id === id ? { ...x, deleted_at: ++clock } : x));
      return null;
    },
    async listTrash() {
      return drafts.filter((d) => d.deleted_at !== null);
    },
    async restoreDraft(id) {
      const d = drafts.find((x) => x.id === id && x.deleted_at !== null);
      if (!d) throw { code: "draft_not_in_trash", message: `Draft ${id} is not in the trash` };
      const back = { ...d, deleted_at: null };
      drafts = drafts.map((x) => (x.id === id ? back : x));
      return back;
    },
    async emptyTrash() {
      const gone = drafts.filter((d) => d.deleted_at !== null).length;
      drafts = live();
      return gone;
    },
    async listRevisions(id) {
      return revisions.filter((r) => r.draft_id === id);
    },
    async restoreRevision(id, revision) {
      const r = revisions.find((x) => x.id === revision && x.draft_id === id);
      if (!r) throw { code: "revision_not_found", message: `Revision ${revision} was not found` };
      const d = await backend.getDraft(id);
      const updated = { ...d, kind: r.kind, title: r.title, body: r.body, updated_at: ++clock };
      drafts = drafts.map((x) => (x.id === id ? updated : x));
      record(updated, "restore");
      return updated;
    },
    async searchDrafts(query) {
      const q = query.trim();
      return live()
        .filter((d) => q && (d.title.includes(q) || d.body.includes(q)))
        .map((d) => ({ draft: d, title: mark(d.title, q), snippet: mark(d.body, q) }));
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
