import type { Account, ApiError, Backend, FollowerMessage, MessageFields, MessageRevision, RevisionReason, ProfileFields, Menu, MenuPublish, MenuState, LiveSeries, BackupInfo, CalendarItem, NextItem, QueueEntry, QueueSlot, Reminder, Livestream, ProfileEdit, Draft, DraftMedium, ImportReport, MediaAsset, OutboxJob, PlatformCheck, Publication, Revision, Segment, Settings, SyncNews, SyncStatus } from "../api";

/**
 * A Backend that keeps drafts in memory, behaving like the app's commands
 * (including their `{code, message}` errors), for testing screens alone.
 * Search here is a plain substring scan; the real index is tested in Rust.
 */
export function memoryBackend(initial: Partial<Settings> = {}) {
  let settings: Settings = { language: "zh-CN", theme: "system", publish_account: null, last_screen: "drafts", last_draft: null, reminder_minutes: [30, 5], ...initial };
  let drafts: Draft[] = [];
  let revisions: Revision[] = [];
  let next = 1;
  let clock = 1_700_000_000_000;
  const calls: string[] = [];
  let closeHandlers: (() => Promise<void>)[] = [];
  // The outbox as the app keeps it; jobs finish only when a test says so (`review`).
  let publications: Publication[] = [];
  let jobs: OutboxJob[] = [];
  let syncHandlers: ((news: SyncNews) => void)[] = [];
  let openedHandlers: ((report: ImportReport) => void)[] = [];
  let backups: BackupInfo[] = [];
  let status: SyncStatus = { online: true, waiting: 0, failed: 0, accounts_in_trouble: 0, problem: "", last_pull_at: 0 };
  // The media library: files a test "puts on disk" by path, what was imported, and each draft's media.
  const files = new Map<string, { bytes: number; kind: "image" | "video" } | "bad">();
  let assets: MediaAsset[] = [];
  const draftMedia = new Map<number, DraftMedium[]>();
  const cancelled = new Set<string>();
  let lives: Livestream[] = [];
  let series: LiveSeries[] = [];
  let profileEdits: ProfileEdit[] = [];
  // The menu as the studio keeps it: a draft, what the platform shows, and
  // the publishes. Problems are the one the editor cannot miss (no entry);
  // the full rules are the app's and are tested there.
  let menuDraft: Menu | null = null;
  let liveMenu: Menu | null = null;
  let menuPublishes: MenuPublish[] = [];
  let messages: FollowerMessage[] = [];
  let messageRevisions: MessageRevision[] = [];
  // A message's revisions as the library keeps them: typing folds into the last edit.
  const remember = (id: number, reason: RevisionReason, fields: MessageFields) => {
    const last = [...messageRevisions].reverse().find((r) => r.message_id === id);
    if (reason === "edit" && last?.reason === "edit") {
      messageRevisions = messageRevisions.map((r) => (r === last ? { ...r, fields, updated_at: Date.now() } : r));
      return;
    }
    messageRevisions.push({ id: messageRevisions.length + 1, message_id: id, reason, fields, created_at: Date.now(), updated_at: Date.now() });
  };
  let profileDraft: ProfileFields | null = null;
  const menuState = (): MenuState => {
    const draft = menuDraft ?? liveMenu ?? { kind: "text", entries: [] };
    const same = JSON.stringify(draft) === JSON.stringify(liveMenu);
    return {
      account_id: 1,
      draft,
      saved_at: menuDraft ? Date.now() : null,
      live: { account_id: 1, menu: liveMenu, fetched_at: Date.now() },
      problems: draft.entries.length ? [] : [{ kind: "empty" }],
      changes: same ? [] : draft.entries.map((e) => ({ change: "added", path: [e.name], before: "", after: `${e.action} ${e.param}`.trim() })),
      last_publish: menuPublishes[0] ?? null,
      limits: { text_entries_max: 4, icon_entries_max: 80, children_max: 5, text_name_width: 18, icon_name_width: 10, param_chars_max: 255, phone_digits: [3, 20] },
    };
  };
  let accounts: Account[] = [{ id: 1, name: "演示账号", role: "creator", gateway: "emulator", app_id: "2021000000000001", platform_key: "", public_id: "", has_auth_token: false, created_at: 0, problem: null, time_zone: "Asia/Shanghai" }];
  let picked: string[] | null = null;
  // The platform's moderation: the emulator's word list, each draft's last check, and whether the platform answers.
  const banned = ["违禁词"];
  const moderation = new Map<number, PlatformCheck>();
  let moderationOffline = false;
  let slots: QueueSlot[] = [];
  let missed: Reminder[] = [];
  let openItemHandlers: ((item: NextItem) => void)[] = [];
  const addAsset = (name: string, bytes: number, kind: "image" | "video"): MediaAsset => {
    const hash = `${name}:${bytes}`.padEnd(64, "0").slice(0, 64);
    const found = assets.find((a) => a.hash === hash);
    if (found) return found;
    const made: MediaAsset = { hash, kind, format: kind === "video" ? "mp4" : "jpeg", bytes, width: 4000, height: 3000, duration_ms: kind === "video" ? 15_000 : null, codec: kind === "video" ? "avc1" : null, original_name: name, imported_at: ++clock, tags: [] };
    assets = [made, ...assets];
    return made;
  };
  const badFile = (path: string) => ({ path, error: { code: "media.unreadable", message: `${path} is not a picture or video` } });
  const notFound = (id: number): ApiError => ({ code: "draft_not_found", message: `Draft ${id} was not found` });
  const live = () => drafts.filter((d) => d.deleted_at === null);
  const record = (d: Draft, reason: Revision["reason"]) =>
    revisions.unshift({
      id: revisions.length + 1,
      draft_id: d.id,
      reason,
      kind: d.kind,
      title: d.title,
      body: d.body,
      visibility: d.visibility,
      ai_generated: d.ai_generated,
      reposted: d.reposted,
      offer: d.offer,
      notes: d.notes,
      created_at: clock,
      updated_at: clock,
    });
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
    async listDraftsPage(query) {
      const key = (d: Draft) => (query.sort === "created" ? d.created_at : d.updated_at);
      const all = live()
        .filter((d) => !query.kind || d.kind === query.kind)
        .filter((d) => !query.topic || d.body.includes(`#${query.topic}`))
        .filter((d) => {
          const mine = publications.filter((p) => p.draft_id === d.id && (query.account == null || p.account_id === query.account));
          if (!query.status) return query.account == null || mine.length > 0;
          return query.status === "unpublished" ? mine.length === 0 : mine.some((p) => p.status === query.status);
        })
        .sort((a, b) => key(b) - key(a) || b.id - a.id);
      const after = query.after;
      const rest = after ? all.filter((d) => key(d) < after.key || (key(d) === after.key && d.id < after.id)) : all;
      const drafts = rest.slice(0, query.limit);
      const last = drafts[drafts.length - 1];
      const next = drafts.length === query.limit && last ? { key: key(last), id: last.id } : null;
      return { drafts, next, total: after ? null : all.length };
    },
    async getDraft(id) {
      const d = drafts.find((x) => x.id === id);
      if (!d) throw notFound(id);
      return d;
    },
    async createDraft(draft) {
      calls.push("createDraft");
      const now = ++clock;
      const made: Draft = {
        id: next++,
        kind: draft.kind ?? "image_text",
        title: draft.title,
        body: draft.body,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        visibility: "everyone",
        ai_generated: false,
        reposted: false,
        offer: null,
        notes: "",
      };
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
      const { kind, title, body, visibility, ai_generated, reposted, offer, notes } = r;
      const updated = { ...d, kind, title, body, visibility, ai_generated, reposted, offer, notes, updated_at: ++clock };
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
    async checkDraft(draft) {
      // Only the Alipay title-with-topics rule; the rule table is tested in Rust.
      const topics = [...draft.body.matchAll(/#([^\s#]+)/g)].map((m) => m[1]!);
      const title = [...draft.title].length;
      const withTopics = title + topics.reduce((n, t) => n + 1 + [...t].length, 0);
      return {
        platform: "alipay",
        rules: {
          platform: "alipay",
          title_counting: "characters",
          title_max: null,
          title_with_topics_max: 30,
          body_max: null,
          body_required: true,
          topics_max: null,
          offers_max: 1,
          image_bytes_max: 5242880,
          video_bytes_max: 52428800,
          video_seconds_max: null,
          scheduled_publish: true,
          schedule_window: { min_lead_minutes: 15, max_lead_days: 7, documented: true },
        },
        counters: { title, title_with_topics: withTopics, body: [...draft.body].length, topics },
        problems: withTopics > 30 ? [{ problem: "title_with_topics_too_long", len: withTopics, max: 30 }] : [],
      };
    },
    async checkWithPlatform(draftId) {
      calls.push("checkWithPlatform");
      const d = await backend.getDraft(draftId);
      const base = { title: [{ text: d.title, hit: false }].filter((x) => x.text), body: [{ text: d.body, hit: false }].filter((x) => x.text), checked_at: ++clock };
      if (moderationOffline) {
        const check: PlatformCheck = { ...base, verdict: "unavailable", keywords: [], note: "连接不上支付宝网关" };
        moderation.set(draftId, check);
        return check;
      }
      const keywords = banned.filter((w) => d.title.includes(w) || d.body.includes(w));
      const word = keywords[0] ?? "";
      const check: PlatformCheck = { verdict: word ? "flagged" : "passed", keywords, title: mark(d.title, word), body: mark(d.body, word), note: "", checked_at: base.checked_at };
      moderation.set(draftId, check);
      return check;
    },
    async platformCheck(draftId) {
      const check = moderation.get(draftId);
      const d = await backend.getDraft(draftId);
      const text = (segments: Segment[]) => segments.map((x) => x.text).join("");
      return check && text(check.title) === d.title && text(check.body) === d.body ? check : null;
    },
    async suggestTopics(prefix) {
      const counts = new Map<string, number>();
      for (const d of live()) for (const m of d.body.matchAll(/#([^\s#]+)/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
      return [...counts].filter(([t]) => t.startsWith(prefix)).map(([topic, uses]) => ({ topic, uses }));
    },
    async beforeClose(work) {
      closeHandlers.push(work);
      return () => {
        closeHandlers = closeHandlers.filter((w) => w !== work);
      };
    },
    async listAccounts() {
      return accounts;
    },
    async addAccount(setup) {
      if (!setup.app_private_key.startsWith("MII")) throw { code: "account_key_invalid", message: "The app private key could not be read" };
      const made: Account = { ...setup.account, id: accounts.length + 1, has_auth_token: !!setup.app_auth_token, created_at: ++clock, problem: null, time_zone: "Asia/Shanghai" };
      accounts = [...accounts, made];
      return { account: made, life_account: "演示生活号" };
    },
    async checkAccount(id) {
      const account = accounts.find((a) => a.id === id);
      if (!account) throw { code: "account_not_found", message: `Account ${id} was not found.` };
      if (account.problem) throw { code: "account_platform_key_mismatch", message: "The platform's answers do not match the Alipay public key." };
      return { account, life_account: "演示生活号" };
    },
    async updateAccount(id, patch) {
      accounts = accounts.map((a) =>
        a.id === id
          ? {
              ...a,
              name: patch.name ?? a.name,
              role: patch.role ?? a.role,
              gateway: patch.gateway ?? a.gateway,
              platform_key: patch.platform_key ?? a.platform_key,
              public_id: patch.public_id ?? a.public_id,
              has_auth_token: patch.app_auth_token === undefined ? a.has_auth_token : patch.app_auth_token !== "",
              problem: null,
            }
          : a,
      );
      return { account: accounts.find((a) => a.id === id)!, life_account: "演示生活号" };
    },
    async removeAccount(id, cancelJobs) {
      const waiting = jobs.filter((j) => j.account_id === id && j.state === "pending").length;
      if (waiting > 0 && !cancelJobs) throw { code: "account_busy", message: `${waiting} jobs still wait for this account.` };
      jobs = jobs.map((j) => (j.account_id === id && j.state === "pending" ? { ...j, state: "cancelled" } : j));
      accounts = accounts.filter((a) => a.id !== id);
      return null;
    },
    async unlockSecrets() {
      return null;
    },
    async publishDraft(draftId, account, at) {
      calls.push("publishDraft");
      const d = live().find((x) => x.id === draftId);
      if (!d) throw notFound(draftId);
      const existing = publications.find((p) => p.draft_id === draftId);
      if (existing && (existing.status === "under_review" || existing.status === "published")) {
        throw { code: "already_on_platform", message: `Draft ${draftId} is already on the platform` };
      }
      const now = ++clock;
      const publication: Publication = { draft_id: draftId, account_id: account ?? settings.publish_account ?? 1, status: "queued", content_id: null, scheduled_at: at, reason: "", link: "", updated_at: now };
      publications = [...publications.filter((p) => p.draft_id !== draftId), publication];
      const job: OutboxJob = { id: jobs.length + 1, account_id: publication.account_id, kind: "publish", target: draftId, state: "pending", attempts: 0, next_try_at: now, error_code: "", problem: null, created_at: now, updated_at: now };
      jobs = [job, ...jobs];
      status = { ...status, waiting: status.waiting + 1 };
      return { job, publication, already_queued: false };
    },
    async republishDraft(draftId, account, at) {
      publications = publications.map((p) => (p.draft_id === draftId ? { ...p, status: "deleted" } : p));
      return backend.publishDraft(draftId, account, at);
    },
    async listPublications() {
      return publications;
    },
    async listActivity(all) {
      return jobs
        .filter((j) => all || (j.state !== "done" && j.state !== "cancelled"))
        .map((job) => ({ job, label: drafts.find((d) => d.id === job.target)?.title ?? "", problem: "", technical: "" }));
    },
    async retryJob(id) {
      jobs = jobs.map((j) => (j.id === id ? { ...j, state: "pending", attempts: 0 } : j));
      return null;
    },
    async cancelJob(id) {
      jobs = jobs.map((j) => (j.id === id ? { ...j, state: "cancelled" } : j));
      return null;
    },
    async syncStatus() {
      return status;
    },
    async syncEverything() {
      calls.push("syncEverything");
      return null;
    },
    async syncSoon() {
      calls.push("syncSoon");
      return null;
    },
    async onSync(handler) {
      syncHandlers.push(handler);
      return () => {
        syncHandlers = syncHandlers.filter((h) => h !== handler);
      };
    },
    async onOpened(handler) {
      openedHandlers.push(handler);
      return () => {
        openedHandlers = openedHandlers.filter((h) => h !== handler);
      };
    },
    async getSettings() {
      return settings;
    },
    async planLivestream(title, startsAt, minutes) {
      if (!title.trim()) throw { code: "live_title_empty", message: "Give the livestream a title." };
      const id = lives.length + 1;
      const made: Livestream = { id, account_id: settings.publish_account ?? 1, title: title.trim(), starts_at: startsAt, minutes: minutes ?? 120, out_advance_id: `studio-${id}`, advance_id: null, status: "planned", plan: { description: "", cover: null, products: [], segments: [], checklist: [] }, series_id: null, warmup: null };
      lives = [...lives, made];
      return made;
    },
    async listLivestreams() {
      return [...lives].sort((a, b) => b.starts_at - a.starts_at);
    },
    async withdrawLivestream(id) {
      lives = lives.map((l) => (l.id === id ? { ...l, status: l.status === "announced" ? "withdrawing" : "withdrawn" } : l));
      return lives.find((l) => l.id === id)!;
    },
    async changeLivestream(id, title, startsAt) {
      const live = lives.find((l) => l.id === id);
      if (!live) throw { code: "livestream_not_found", message: `Livestream ${id} was not found.` };
      if (live.status === "withdrawn" || live.status === "withdrawing") throw { code: "livestream_withdrawn", message: "This livestream was withdrawn and can no longer be changed." };
      const status = live.status === "planned" ? "planned" : "changing";
      lives = lives.map((l) => (l.id === id ? { ...l, title: title.trim(), starts_at: startsAt, status } : l));
      return lives.find((l) => l.id === id)!;
    },
    async planLiveSeries(title, firstStart, rule, minutes) {
      const step = /FREQ=DAILY/i.test(rule) ? 86_400_000 : 7 * 86_400_000 * Number(/INTERVAL=(\d+)/i.exec(rule)?.[1] ?? 1);
      if (/FREQ=(HOURLY|MINUTELY|SECONDLY)/i.test(rule)) throw { code: "live_series_too_frequent", message: "A livestream repeats at most daily." };
      const seriesId = series.length + 1;
      const made: Livestream[] = [];
      for (let at = firstStart; at < firstStart + 56 * 86_400_000; at += step) {
        const one = await backend.planLivestream(title, at, minutes, null);
        lives = lives.map((l) => (l.id === one.id ? { ...l, series_id: seriesId } : l));
        made.push({ ...one, series_id: seriesId });
      }
      const s: LiveSeries = { id: seriesId, account_id: settings.publish_account ?? 1, rule, first_start: firstStart, zone: "Asia/Shanghai", title, minutes: minutes ?? 120, plan: made[0]!.plan, announced_until: firstStart + 56 * 86_400_000, ends_before: null };
      series = [...series, s];
      return { series: s, occurrences: made };
    },
    async listLiveSeries() {
      return series;
    },
    async editLiveSeries(id, scope, title, startsAt) {
      const live = lives.find((l) => l.id === id)!;
      if (scope === "one" || live.series_id === null) return backend.changeLivestream(id, title, startsAt);
      const shift = startsAt - live.starts_at;
      lives = lives.map((l) =>
        l.series_id === live.series_id && (scope === "all" || l.starts_at >= live.starts_at) && l.status !== "withdrawn"
          ? { ...l, title, starts_at: l.starts_at + shift, status: l.status === "planned" ? "planned" : "changing" }
          : l,
      );
      return lives.find((l) => l.id === id)!;
    },
    async livestreamOverlaps(_account, startsAt, minutes, except) {
      const end = startsAt + minutes * 60_000;
      return lives.filter((l) => l.id !== except && l.status !== "withdrawn" && l.status !== "withdrawing" && l.starts_at < end && startsAt < l.starts_at + l.minutes * 60_000);
    },
    async liveProfile() {
      return null;
    },
    async livestreamHistory() {
      return [];
    },
    async writeWarmupPost(liveId, leadMinutes) {
      const live = lives.find((l) => l.id === liveId)!;
      const draft = await backend.createDraft({ kind: "image_text", title: `直播预告｜${live.title}`, body: "开播" });
      lives = lives.map((l) => (l.id === liveId ? { ...l, warmup: { draft_id: draft.id, lead_minutes: leadMinutes } } : l));
      return draft;
    },
    async moveWarmupPost(liveId) {
      const live = lives.find((l) => l.id === liveId)!;
      const to = live.starts_at - live.warmup!.lead_minutes * 60_000;
      return { draft_id: live.warmup!.draft_id, account_id: live.account_id, from: to, to, republished: false };
    },
    async saveLivestreamPlan(id, minutes, plan) {
      const total = plan.segments.reduce((sum, s) => sum + s.minutes, 0);
      if (total > minutes) throw { code: "live_sheet_too_long", message: `The run sheet adds up to ${total} minutes, longer than the ${minutes}-minute stream.` };
      lives = lives.map((l) => (l.id === id ? { ...l, minutes, plan } : l));
      return lives.find((l) => l.id === id)!;
    },
    async duplicateLivestream(id, startsAt) {
      const live = lives.find((l) => l.id === id)!;
      const copy: Livestream = { ...live, id: lives.length + 1, starts_at: startsAt, out_advance_id: `studio-${lives.length + 1}`, advance_id: null, status: "planned" };
      lives = [...lives, copy];
      return copy;
    },
    async runSheetText(id) {
      return `# ${lives.find((l) => l.id === id)!.title}\n`;
    },
    async exportRunSheet() {
      return null;
    },
    async pickSheetFile(defaultName) {
      return `/tmp/${defaultName}`;
    },
    async submitProfileEdit(fields) {
      profileDraft = null;
      const made: ProfileEdit = { id: profileEdits.length + 1, account_id: settings.publish_account ?? 1, fields, status: "submitting", audit_desc: "" };
      profileEdits = [made, ...profileEdits];
      return made;
    },
    async listProfileEdits() {
      return profileEdits;
    },
    async saveProfileDraft(fields) {
      profileDraft = fields;
      return fields;
    },
    async profileDraft() {
      return profileDraft;
    },
    async menuState() {
      return menuState();
    },
    async saveMenuDraft(menu) {
      menuDraft = menu;
      return menuState();
    },
    async revertMenuDraft() {
      menuDraft = liveMenu;
      return menuState();
    },
    async publishMenu() {
      const menu = menuState().draft;
      const made: MenuPublish = { id: menuPublishes.length + 1, account_id: 1, menu, status: "published", words: "", created_at: Date.now(), updated_at: Date.now() };
      menuPublishes = [made, ...menuPublishes];
      liveMenu = menu;
      return made;
    },
    async menuHistory() {
      return menuPublishes;
    },
    async createMessage(fields) {
      const made: FollowerMessage = { id: messages.length + 1, account_id: 1, fields, status: "draft", scheduled_at: null, content_url: null, message_id: null, words: "", error_code: null, updated_at: Date.now() };
      messages = [made, ...messages];
      remember(made.id, "create", fields);
      return made;
    },
    async updateMessage(id, fields) {
      messages = messages.map((m) => (m.id === id ? { ...m, fields, updated_at: Date.now() } : m));
      remember(id, "edit", fields);
      return messages.find((m) => m.id === id)!;
    },
    async messageRevisions(id) {
      return messageRevisions.filter((r) => r.message_id === id).reverse();
    },
    async restoreMessageRevision(id, revision) {
      const r = messageRevisions.find((x) => x.id === revision && x.message_id === id);
      if (!r) throw { code: "revision_not_found", message: `No revision ${revision}.` };
      messages = messages.map((m) => (m.id === id ? { ...m, fields: r.fields, updated_at: Date.now() } : m));
      remember(id, "restore", r.fields);
      return messages.find((m) => m.id === id)!;
    },
    async listMessages() {
      return messages;
    },
    async messageProblems(fields) {
      return fields.body.trim() ? [] : [{ kind: "body_empty" }];
    },
    async previewMessage(id) {
      messages = messages.map((m) => (m.id === id ? { ...m, content_url: `https://emulator.invalid/message/MC${id}` } : m));
      return messages.find((m) => m.id === id)!;
    },
    async sendMessage(id, at) {
      // One with a time waits for it in the outbox; one without goes at once.
      messages = messages.map((m) => (m.id === id ? (at ? { ...m, status: "sending", scheduled_at: at } : { ...m, status: "sent", scheduled_at: Date.now(), message_id: `M${id}` }) : m));
      return messages.find((m) => m.id === id)!;
    },
    async recallMessage(id) {
      messages = messages.map((m) => (m.id === id ? { ...m, status: "recalled" } : m));
      return messages.find((m) => m.id === id)!;
    },
    async pickFolder() {
      return picked?.[0] ?? null;
    },
    async checkForUpdate() {
      return null;
    },
    async copyText(text) {
      calls.push(`copyText:${text}`);
    },
    async exportLibrary(dir) {
      calls.push(`exportLibrary:${dir}`);
      return { folder: dir, drafts: drafts.length, media: assets.length, tables: 1 };
    },
    async listBackups() {
      return backups;
    },
    async backUpNow() {
      const made: BackupInfo = { name: `manual-${++clock}.sqlite3`, taken_at: clock, reason: "manual", bytes: 4096 };
      backups = [made, ...backups];
      return made;
    },
    async restoreBackup(name) {
      calls.push(`restoreBackup:${name}`);
      return this.backUpNow();
    },
    async diagnostics() {
      return { app_version: "0.1.0", webview_version: "2.48.0", os: "Debian GNU/Linux 12", data_folder: "/data", log_folder: "/data/logs", updates: false, text: "Creator Studio 0.1.0" };
    },
    async openLogFolder() {
      calls.push("openLogFolder");
      return null;
    },
    async pickMedia() {
      return picked;
    },
    async importMedia(paths, importId, onProgress) {
      const report: ImportReport = { imported: [], failed: [], cancelled: false };
      const total = paths.reduce((n, p) => n + (files.get(p) === "bad" ? 0 : ((files.get(p) as { bytes: number } | undefined)?.bytes ?? 0)), 0);
      let done = 0;
      for (const [i, path] of paths.entries()) {
        if (cancelled.has(importId)) return { ...report, cancelled: true };
        onProgress({ files_done: i, files_total: paths.length, bytes_done: done, bytes_total: total, current: path });
        await Promise.resolve();
        const file = files.get(path);
        if (!file || file === "bad") report.failed.push(badFile(path));
        else {
          report.imported.push(addAsset(path.split("/").pop()!, file.bytes, file.kind));
          done += file.bytes;
        }
      }
      return report;
    },
    async cancelImport(importId) {
      cancelled.add(importId);
      return null;
    },
    async importMediaBytes(name, bytes) {
      if (bytes.length === 0) return { imported: [], failed: [badFile(name)], cancelled: false };
      return { imported: [addAsset(name, bytes.length, /\.(mp4|mov)$/i.test(name) ? "video" : "image")], failed: [], cancelled: false };
    },
    mediaUrl(path) {
      return `data:,${path}`;
    },
    async listMedia(query) {
      return assets.filter((a) => !query || a.original_name.includes(query) || a.tags.some((t) => t.includes(query)));
    },
    async getMedia(hashes) {
      return hashes.flatMap((h) => assets.filter((a) => a.hash === h));
    },
    async tagMedia(hash, tags) {
      assets = assets.map((a) => (a.hash === hash ? { ...a, tags: [...new Set(tags)].sort() } : a));
      return assets.find((a) => a.hash === hash)!;
    },
    async mediaUses(hash) {
      return drafts.filter((d) => (draftMedia.get(d.id) ?? []).some((m) => m.hash === hash)).map((d) => ({ draft_id: d.id, title: d.title }));
    },
    async deleteMedia(hash) {
      const uses = await backend.mediaUses(hash);
      if (uses.length) throw { code: "media.in_use", message: `In use by: ${uses.map((u) => u.title).join(", ")}` };
      assets = assets.filter((a) => a.hash !== hash);
      return null;
    },
    async getDraftMedia(draftId) {
      return draftMedia.get(draftId) ?? [];
    },
    async setDraftMedia(draftId, media) {
      draftMedia.set(draftId, media);
      return media;
    },
    // The calendar as the app would compute it, for posts with a time and livestreams (no slots here).
    async calendar(from, to) {
      const zone = "Asia/Shanghai";
      const wall = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
      const posts: CalendarItem[] = publications
        .filter((p) => p.scheduled_at !== null && p.scheduled_at >= from && p.scheduled_at < to && p.status !== "cancelled" && p.status !== "deleted")
        .map((p) => ({
          kind: "post",
          id: p.draft_id,
          account_id: p.account_id,
          title: drafts.find((d) => d.id === p.draft_id)?.title ?? "",
          starts_at: p.scheduled_at!,
          ends_at: p.scheduled_at!,
          status: p.status === "queued" ? "waiting" : p.status === "under_review" ? "under_review" : p.status === "published" ? "published" : "failed",
          move_way: p.status === "queued" ? "reschedule" : p.status === "under_review" ? "republish" : "fixed",
          fixed: p.status === "published" ? "published" : null,
          account_time: wall(p.scheduled_at!),
          account_zone: zone,
          cover: null,
        }));
      const shows: CalendarItem[] = lives
        .filter((l) => l.starts_at >= from && l.starts_at < to)
        .map((l) => ({ kind: "livestream", id: l.id, account_id: l.account_id, title: l.title, starts_at: l.starts_at, ends_at: l.starts_at + l.minutes * 60_000, status: l.status === "announced" ? "announced" : "waiting", move_way: "change_livestream", fixed: null, account_time: wall(l.starts_at), account_zone: zone, cover: l.plan.cover }));
      const sends: CalendarItem[] = messages
        .filter((m) => m.status !== "draft" && m.scheduled_at !== null && m.scheduled_at >= from && m.scheduled_at < to)
        .map((m) => ({ kind: "message", id: m.id, account_id: m.account_id, title: m.fields.title || m.fields.body.slice(0, 40), starts_at: m.scheduled_at!, ends_at: m.scheduled_at!, status: m.status === "sending" ? "waiting" : "published", move_way: m.status === "sending" ? "reschedule" : "fixed", fixed: m.status === "sending" ? null : "published", account_time: wall(m.scheduled_at!), account_zone: zone, cover: m.fields.cover ?? null }));
      return [...posts, ...shows, ...sends].sort((a, b) => a.starts_at - b.starts_at);
    },
    async movePost(draftId, account, at, republish) {
      const p = publications.find((x) => x.draft_id === draftId);
      if (!p || p.scheduled_at === null) throw notFound(draftId);
      if (p.status === "under_review" && !republish) throw { code: "move_needs_republish", message: "Confirm to publish it again." };
      const from = p.scheduled_at;
      publications = publications.map((x) => (x.draft_id === draftId ? { ...x, scheduled_at: at, status: "queued" } : x));
      return { draft_id: draftId, account_id: account, from, to: at, republished: p.status === "under_review" };
    },
    async moveLivestream(id, at) {
      const l = lives.find((x) => x.id === id)!;
      return backend.changeLivestream(id, l.title, at);
    },
    async moveMessage(id, at) {
      const m = messages.find((x) => x.id === id);
      if (!m) throw { code: "message_not_found", message: `No message ${id}.` };
      if (m.status !== "sending") throw { code: "calendar_not_movable", message: "It cannot be moved." };
      messages = messages.map((x) => (x.id === id ? { ...x, scheduled_at: at } : x));
      return messages.find((x) => x.id === id)!;
    },
    async listTimeZones() {
      return ["Asia/Shanghai", "Europe/Berlin", "UTC"];
    },
    async setAccountTimeZone(accountId, zone) {
      accounts = accounts.map((a) => (a.id === accountId ? { ...a, time_zone: zone } : a));
      return accounts.find((a) => a.id === accountId)!;
    },
    async exportCalendar() {
      return publications.length + lives.length;
    },
    async listQueueSlots(accountId) {
      return slots.filter((q) => q.account_id === (accountId ?? 1));
    },
    async addQueueSlots(accountId, added) {
      for (const a of added) if (!slots.some((q) => q.weekday === a.weekday && q.minute === a.minute)) slots.push({ id: slots.length + 1, account_id: accountId ?? 1, ...a });
      return slots;
    },
    async removeQueueSlot(id) {
      slots = slots.filter((q) => q.id !== id);
      return null;
    },
    async addToQueue(draftId) {
      if (!slots.length) throw { code: "queue_without_slots", message: "This account has no posting slots yet." };
      const taken = new Set(publications.map((p) => p.scheduled_at));
      const entries = await backend.listQueue(null);
      const free = entries.find((e) => !taken.has(e.at))!;
      return backend.publishDraft(draftId, null, free.at);
    },
    async listQueue() {
      // Slot times for two weeks from the test clock's day, in this computer's zone.
      const out: QueueEntry[] = [];
      const start = new Date(clock);
      start.setHours(0, 0, 0, 0);
      for (let day = 1; day <= 14; day++) {
        const d = new Date(start.getTime() + day * 86_400_000);
        const weekday = ((d.getDay() + 6) % 7) + 1;
        for (const slot of slots.filter((q) => q.weekday === weekday).sort((a, b) => a.minute - b.minute)) {
          const at = new Date(d.getFullYear(), d.getMonth(), d.getDate(), Math.floor(slot.minute / 60), slot.minute % 60).getTime();
          const items = await backend.calendar(at, at + 1, null);
          out.push({ slot, at, account_time: "", post: items.find((i) => i.kind === "post") ?? null });
        }
      }
      return out;
    },
    async swapQueuedPosts(_account, first, second) {
      const a = publications.find((p) => p.draft_id === first)!.scheduled_at;
      const b = publications.find((p) => p.draft_id === second)!.scheduled_at;
      publications = publications.map((p) => (p.draft_id === first ? { ...p, scheduled_at: b } : p.draft_id === second ? { ...p, scheduled_at: a } : p));
      return null;
    },
    async missedReminders() {
      const m = missed;
      missed = [];
      return m;
    },
    async nextItems() {
      return [];
    },
    async onOpenItem(handler) {
      openItemHandlers.push(handler);
      return () => {
        openItemHandlers = openItemHandlers.filter((h) => h !== handler);
      };
    },
    async pickCalendarFile() {
      return "/tmp/creator-studio.ics";
    },
    async updateSettings(patch) {
      settings = { ...settings, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      return settings;
    },
  };
  /** What closing the window would do. */
  const closeWindow = () => Promise.all(closeHandlers.map((w) => w()));
  /** What the sync worker would report when the platform reviews a draft's post. */
  const review = (draftId: number, outcome: "published" | "rejected", reason = "") => {
    publications = publications.map((p) => (p.draft_id === draftId ? { ...p, status: outcome, reason, content_id: `C${draftId}` } : p));
    jobs = jobs.map((j) => (j.target === draftId ? { ...j, state: "done" } : j));
    status = { ...status, waiting: Math.max(0, status.waiting - 1) };
    const title = drafts.find((d) => d.id === draftId)?.title ?? "";
    const news: SyncNews = { status, reviewed: [{ draft_id: draftId, title, status: outcome, reason }], notices: [] };
    syncHandlers.forEach((h) => h(news));
  };
  /** Puts a file on the "disk" for `importMedia` (`"bad"`: one it refuses). */
  const putFile = (path: string, file: { bytes: number; kind: "image" | "video" } | "bad") => files.set(path, file);
  /** What the file picker will answer. */
  const willPick = (paths: string[] | null) => {
    picked = paths;
  };
  /** What the platform's audit would report for the latest profile edit. */
  const audit = (verdict: ProfileEdit["status"], audit_desc = "") => {
    profileEdits = profileEdits.map((e, i) => (i === 0 ? { ...e, status: verdict, audit_desc } : e));
    const news: SyncNews = { status, reviewed: [], notices: [] };
    syncHandlers.forEach((h) => h(news));
  };
  /** Reminders the app would say were missed while it was closed. */
  const willHaveMissed = (list: Reminder[]) => {
    missed = list;
  };
  /** What clicking an entry of the tray would do. */
  const trayOpens = (item: NextItem) => openItemHandlers.forEach((h) => h(item));
  /** Moves the test clock (the queue's "now"). */
  const setClock = (ms: number) => {
    clock = ms;
  };
  /** What the sync worker would find wrong with an account. */
  const trouble = (id: number, problem: Account["problem"]) => {
    accounts = accounts.map((a) => (a.id === id ? { ...a, problem } : a));
    status = { ...status, accounts_in_trouble: accounts.filter((a) => a.problem).length };
    syncHandlers.forEach((h) => h({ status, reviewed: [], notices: [] }));
  };
  /** Whether the platform answers the moderation check. */
  const platformReachable = (reachable: boolean) => {
    moderationOffline = !reachable;
  };
  return { backend, calls, willHaveMissed, trayOpens, setClock, drafts: () => drafts, closeWindow, review, audit, trouble, putFile, willPick, platformReachable, draftMedia: (id: number) => draftMedia.get(id) ?? [] };
}
