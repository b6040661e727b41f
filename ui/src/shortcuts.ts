/** Keyboard shortcuts, shown in tooltips and menus and handled by the drafts screen. */
export const SHORTCUTS = { newDraft: "Ctrl+N", search: "Ctrl+K", next: "Alt+↓", previous: "Alt+↑", history: "Ctrl+H", importMedia: "Ctrl+I", undo: "Ctrl+Z", redo: "Ctrl+Shift+Z", checkWithPlatform: "Ctrl+Shift+K" };
