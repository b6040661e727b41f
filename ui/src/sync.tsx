import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import type { Publication, SyncNews, SyncStatus } from "./api";
import { useBackend } from "./backend";

/** What the UI knows of syncing: where it stands, and where each draft stands on the platform. */
export type SyncState = {
  status: SyncStatus | null;
  /** Publications on the default account, by draft id. */
  publications: Map<number, Publication>;
  /** Bumped on every piece of news, so lists can reload. */
  revision: number;
  /** Reloads publications (after publishing, say). */
  refresh: () => void;
};

const SyncContext = createContext<SyncState | null>(null);

/** Keeps sync status and publications current from the worker's news. */
export function SyncProvider({ children }: { children: ReactNode }) {
  const backend = useBackend();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [publications, setPublications] = useState<Map<number, Publication>>(new Map());
  const [revision, setRevision] = useState(0);

  const refresh = useCallback(() => {
    backend
      .listPublications(null)
      .then((list) => setPublications(new Map(list.map((p) => [p.draft_id, p]))))
      .catch(() => {});
    backend
      .syncStatus()
      .then(setStatus)
      .catch(() => {});
    setRevision((r) => r + 1);
  }, [backend]);

  useEffect(() => {
    refresh();
    const unsubscribe = backend.onSync((news: SyncNews) => {
      setStatus(news.status);
      refresh();
    });
    return () => void unsubscribe.then((stop) => stop());
  }, [backend, refresh]);

  const value = useMemo(() => ({ status, publications, revision, refresh }), [status, publications, revision, refresh]);
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

/** The sync state; outside a SyncProvider, an empty one. */
export function useSync(): SyncState {
  return useContext(SyncContext) ?? { status: null, publications: new Map(), revision: 0, refresh: () => {} };
}
