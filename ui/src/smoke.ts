import { smokeCalls } from "./api";

/**
 * `creator-studio --smoke`: the window reports when each phase of the start
 * happened (Unix ms) and how many rows the first screen painted; the app
 * prints them and exits. Outside a smoke run every call here does nothing.
 */
const smoke = (window as { __STUDIO_SMOKE__?: { origin: number } }).__STUDIO_SMOKE__;
const marks: Record<string, number> = {};
let reported = false;

/** Whether this start is a smoke run. */
export const smokeRun = smoke !== undefined;

/** Marks a phase, the first time it is reached. */
export function markSmoke(name: string) {
  if (smoke && !(name in marks)) marks[name] = Date.now();
}

/** The start failed: the app says why and exits non-zero. */
export function smokeFailed(reason: string) {
  if (!smoke || reported) return;
  reported = true;
  void smokeCalls.failed(reason);
}

/**
 * The first screen has its data: once the rows are in the page and painted
 * (two frames later), the report goes. `rows` is how many the data held; the
 * page must show as many list items (up to what fits), or its empty state.
 */
export function smokeFirstScreen(rows: number) {
  if (!smoke || reported) return;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (reported) return;
      const drawn = document.querySelectorAll("[data-testid=draft-item]").length;
      const empty = document.querySelector("[data-testid=drafts-empty]") !== null;
      if (rows > 0 ? drawn === 0 : !empty) {
        smokeFailed(rows > 0 ? `the library has ${rows} drafts on its first page but none were drawn` : "the empty library's screen was not drawn");
        return;
      }
      markSmoke("first_paint");
      reported = true;
      void smokeCalls.report(marks, drawn);
    }),
  );
}

if (smoke) {
  window.addEventListener("error", (e) => smokeFailed(`script error: ${e.message}`));
  window.addEventListener("unhandledrejection", (e) => smokeFailed(`unhandled rejection: ${String(e.reason)}`));
}
