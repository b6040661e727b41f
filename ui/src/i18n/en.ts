import type zhCN from "./zh-CN";

// English. Typed against zh-CN so a missing string fails the type check.
const en: typeof zhCN = {
  app: { name: "Creator Studio" },
  nav: { drafts: "Drafts", trash: "Trash", settings: "Settings" },
  drafts: {
    heading: "Drafts",
    new: "New draft",
    empty: "No drafts yet",
    untitled: "Untitled draft",
    pick: "Pick a draft on the left, or start a new one.",
    count: "{{count}} in all",
    updated: "Updated {{time}}",
  },
  kind: { image_text: "Image-text", video: "Video" },
  editor: {
    kind: "Kind",
    title: "Title",
    titlePlaceholder: "Add a title",
    body: "Body",
    bodyPlaceholder: "Write something…",
    characters: "{{count}} characters",
  },
  save: { saved: "Saved", saving: "Saving…", failed: "Save failed", retry: "Retry" },
  remove: {
    action: "Delete",
    confirm: "Delete this draft?",
    detail: "It moves to the trash; you can restore it from there.",
    ok: "Delete",
    cancel: "Cancel",
    done: "Moved to the trash",
  },
  search: {
    placeholder: "Search titles, bodies, topics",
    none: "Nothing matches “{{query}}”",
    results: "{{count}} results",
  },
  shortcuts: { next: "Next draft", previous: "Previous draft" },
  history: {
    open: "History",
    heading: "History",
    empty: "No revisions yet",
    selected: "Selected revision",
    current: "Current text",
    restore: "Restore this revision",
    restored: "Restored; the replaced text stays in the history",
    reason: { create: "Created", edit: "Edited", restore: "Restored", publish: "Published", schedule: "Scheduled" },
  },
  trash: {
    heading: "Trash",
    empty: "The trash is empty",
    restore: "Restore",
    restored: "Draft restored",
    emptyAll: "Empty trash",
    confirm: "Delete the {{count}} drafts in the trash for good?",
    confirmDetail: "This cannot be undone; their revisions are deleted too.",
    emptied: "Deleted {{count}} drafts for good",
    deletedAt: "Deleted {{time}}",
  },
  settings: {
    heading: "Settings",
    language: "Language",
    theme: "Appearance",
    themeSystem: "Follow system",
    themeLight: "Light",
    themeDark: "Dark",
    dataFolderHint: "Everything is kept on this computer; start with --data-dir to use another folder.",
  },
  errors: { load: "Could not load", unknown: "Something unexpected happened: {{detail}}" },
};

export default en;
