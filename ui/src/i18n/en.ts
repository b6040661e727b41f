import type zhCN from "./zh-CN";

// English. Typed against zh-CN so a missing string fails the type check.
const en: typeof zhCN = {
  app: { name: "Creator Studio" },
  nav: { drafts: "Drafts", settings: "Settings" },
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
    detail: "This cannot be undone.",
    ok: "Delete",
    cancel: "Cancel",
    done: "Draft deleted",
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
