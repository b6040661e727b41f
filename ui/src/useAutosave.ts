import { useCallback, useEffect, useRef, useState } from "react";
import type { Draft, DraftPatch } from "./api";
import { useBackend } from "./backend";
import { errorMessage } from "./errors";

export type SaveState = "saved" | "saving" | "failed";

// Every mounted editor's flush, so closing the window can save them all.
const flushes = new Set<() => Promise<void>>();

/** Saves every pending change now; resolves when all have landed or failed. */
export async function flushAllSaves(): Promise<void> {
  await Promise.all([...flushes].map((flush) => flush()));
}

const DEBOUNCE_MS = 400;

/**
 * Saves changes to one draft without a button: debounced while typing, at
 * once on `flush` (blur, switching drafts, unmount). Saves run one at a time
 * so they land in order; a failed save keeps its changes for the next try.
 */
export function useAutosave(id: number, onSaved: (draft: Draft) => void) {
  const backend = useBackend();
  const pending = useRef<DraftPatch>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const [state, setState] = useState<SaveState>("saved");
  const [error, setError] = useState<string | null>(null);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    chain.current = chain.current.then(async () => {
      const patch = pending.current;
      if (Object.keys(patch).length === 0) return;
      pending.current = {};
      try {
        const draft = await backend.updateDraft(id, patch);
        onSavedRef.current(draft);
        if (Object.keys(pending.current).length === 0) {
          setState("saved");
          setError(null);
        }
      } catch (e) {
        pending.current = { ...patch, ...pending.current };
        setState("failed");
        setError(errorMessage(e));
      }
    });
    return chain.current;
  }, [backend, id]);

  const change = useCallback(
    (patch: DraftPatch) => {
      pending.current = { ...pending.current, ...patch };
      setState("saving");
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  useEffect(() => {
    flushes.add(flush);
    return () => {
      flushes.delete(flush);
      void flush();
    };
  }, [flush]);

  return { state, error, change, flush };
}
