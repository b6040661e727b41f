import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { markSmoke, smokeFailed, smokeFirstScreen } from "../smoke";
import { App, Button, Empty, Input, Select, Space, Spin, Tooltip, Typography, theme } from "antd";
import type { InputRef } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api";
import type { Account, Backend, Cursor, Draft, DraftKind, DraftPage, DraftSort, ListStatus, SearchHit, TopicUse } from "../api";
import { LIST_STATUS_VALUES } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { Marked } from "../Marked";
import { SHORTCUTS } from "../shortcuts";
import { VirtualList } from "../VirtualList";
import { HistoryDrawer } from "./HistoryDrawer";
import { PublicationTag } from "../PublicationTag";
import { useSync } from "../sync";

// The composer is its own file: the list draws first, the editor beside it follows.
const DraftEditor = lazy(() => import("./DraftEditor").then((m) => ({ default: m.DraftEditor })));


const SEARCH_DEBOUNCE_MS = 120;

const PAGE_SIZE = 200;
// A list's first page: more than a tall window shows, little enough to come
// back and draw at once; the rest follows in pages as the view nears them.
const FIRST_PAGE_SIZE = 50;
const ROW_HEIGHT = 64;
const HIT_ROW_HEIGHT = 84;

type ListFilter = { kind?: DraftKind; topic?: string; status?: ListStatus; account?: number; sort: DraftSort };


const DEFAULT_FILTER: ListFilter = { sort: "updated" };

// The unfiltered list's first page, asked for as the app starts, beside its
// settings, so the drafts screen does not wait for the shell to draw first.
let early: { backend: Backend; page: Promise<DraftPage> } | null = null;

/** Asks for the drafts list's first page now, for the drafts screen to take. */
export function preloadDrafts(backend: Backend) {
  const page = backend.listDraftsPage({ ...DEFAULT_FILTER, limit: FIRST_PAGE_SIZE });
  // Its failure is the screen's to report, when it takes the page.
  page.catch(() => undefined);
  early = { backend, page };
}

/** Forgets the page asked for at the start (the window opens on another screen). */
export function dropPreloadedDrafts() {
  early = null;
}

/** The first page for `filter`: the one asked for at the start, else a fresh request. */
function firstPage(backend: Backend, filter: ListFilter): Promise<DraftPage> {
  const taken = early;
  early = null;
  if (taken && taken.backend === backend && filter === DEFAULT_FILTER) return taken.page;
  return backend.listDraftsPage({ ...filter, limit: FIRST_PAGE_SIZE });
}

/** Pages of the drafts list for a filter, loaded as the view reaches them. */
function useDraftPages(filter: ListFilter) {
  const backend = useBackend();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Draft[] | null>(null);
  const [total, setTotal] = useState(0);
  const next = useRef<Cursor | null>(null);
  const loading = useRef(false);
  const generation = useRef(0);
  // Drafts deleted while a page was on its way must not come back with it.
  const gone = useRef(new Set<number>());

  useEffect(() => {
    const gen = ++generation.current;
    loading.current = true;
    markSmoke("list_requested");
    firstPage(backend, filter)
      .then((page) => {
        if (gen !== generation.current) return;
        markSmoke("first_data");
        setRows(page.drafts.filter((d) => !gone.current.has(d.id)));
        setTotal(page.total ?? page.drafts.length);
        next.current = page.next;
      })
      .catch((e) => {
        message.error(errorMessage(e));
        smokeFailed(`the drafts could not be read: ${errorMessage(e)}`);
      })
      .finally(() => {
        if (gen === generation.current) loading.current = false;
      });
  }, [backend, message, filter]);

  const loadMore = useCallback(() => {
    if (loading.current || !next.current) return;
    const gen = generation.current;
    loading.current = true;
    backend
      .listDraftsPage({ ...filter, after: next.current, limit: PAGE_SIZE })
      .then((page) => {
        if (gen !== generation.current) return;
        setRows((r) => {
          const seen = new Set((r ?? []).map((d) => d.id));
          return [...(r ?? []), ...page.drafts.filter((d) => !seen.has(d.id) && !gone.current.has(d.id))];
        });
        next.current = page.next;
      })
      .catch((e) => message.error(errorMessage(e)))
      .finally(() => {
        if (gen === generation.current) loading.current = false;
      });
  }, [backend, message, filter]);

  /** A draft was made or saved: it moves to the top. */
  const upsert = useCallback((draft: Draft, isNew: boolean) => {
    gone.current.delete(draft.id);
    setRows((r) => [draft, ...(r ?? []).filter((d) => d.id !== draft.id)]);
    if (isNew) setTotal((n) => n + 1);
  }, []);

  const remove = useCallback((id: number) => {
    gone.current.add(id);
    setRows((r) => (r ?? []).filter((d) => d.id !== id));
    setTotal((n) => Math.max(0, n - 1));
  }, []);

  return { rows, total, loadMore, upsert, remove };
}

/** The drafts screen: the list on the left, the selected draft's editor on the right. */
/** The drafts list and the composer; `onOpen` hears which draft is open. */
export function DraftsScreen({ openId = null, onOpen }: { openId?: number | null; onOpen?: (id: number) => void }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const [filter, setFilter] = useState<ListFilter>(DEFAULT_FILTER);
  const pages = useDraftPages(filter);
  const drafts = pages.rows;
  // The first page is on screen: a smoke run reports once it is painted.
  const firstRows = drafts?.length;
  useEffect(() => {
    if (firstRows === undefined) return;
    markSmoke("rows_committed");
    smokeFirstScreen(firstRows);
  }, [firstRows]);
  const [selected, setSelected] = useState<Draft | null>(null);
  const selectedId = selected?.id ?? null;
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [topicOptions, setTopicOptions] = useState<TopicUse[]>([]);
  const [accounts, setAccounts] = useState<Account[]>([]);
  useEffect(() => {
    backend.listAccounts().then(setAccounts).catch(() => setAccounts([]));
  }, [backend]);
  const [historyOpen, setHistoryOpen] = useState(false);
  // Read again when another draft is chosen or this one is saved.
  const historyOf = selected?.id;
  const historyAt = selected?.updated_at;
  const loadHistory = useCallback(
    () => (historyOf === undefined ? Promise.resolve([]) : backend.listRevisions(historyOf)),
    [backend, historyOf, historyAt],
  );
  // Bumped when a restore replaces the text under the editor, to reload it.
  const [editorEpoch, setEditorEpoch] = useState(0);
  const searchRef = useRef<InputRef>(null);

  useEffect(() => {
    if (!query.trim()) {
      setHits(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      backend
        .searchDrafts(query)
        .then((found) => current && setHits(found))
        .catch((e) => message.error(errorMessage(e)));
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [backend, query, message]);

  // Open the draft another screen asked for (or the one open last time;
  // one deleted since is simply not opened).
  useEffect(() => {
    if (openId === null) return;
    backend
      .getDraft(openId)
      .then((d) => setSelected((s) => (d.deleted_at === null ? d : s)))
      .catch((e) => {
        if (!isApiError(e) || e.code !== "draft_not_found") message.error(errorMessage(e));
      });
  }, [backend, openId, message]);
  useEffect(() => {
    if (selectedId !== null) onOpen?.(selectedId);
  }, [selectedId, onOpen]);
  // Open the first draft once the list has loaded.
  useEffect(() => {
    if (drafts && drafts.length > 0) setSelected((s) => s ?? drafts[0]!);
  }, [drafts]);
  const create = useCallback(async () => {
    try {
      const draft = await backend.createDraft({ title: "", body: "" });
      pages.upsert(draft, true);
      setSelected(draft);
    } catch (e) {
      message.error(errorMessage(e));
    }
  }, [backend, message, pages]);

  const visible = useMemo(() => (hits ? hits.map((h) => h.draft) : (drafts ?? [])), [hits, drafts]);
  const selectedIndex = selectedId === null ? -1 : visible.findIndex((d) => d.id === selectedId);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrl = (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey;
      const key = e.key.toLowerCase();
      if (ctrl && key === "n") {
        e.preventDefault();
        void create();
      } else if (ctrl && (key === "k" || key === "f")) {
        e.preventDefault();
        searchRef.current?.focus({ cursor: "all" });
      } else if (ctrl && key === "h") {
        e.preventDefault();
        if (selectedId !== null) setHistoryOpen(true);
      } else if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
        e.preventDefault();
        const next = visible[e.key === "ArrowDown" ? selectedIndex + 1 : Math.max(selectedIndex - 1, 0)];
        if (next) setSelected(next);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [create, selectedId, selectedIndex, visible]);

  const saved = useCallback(
    (draft: Draft) => {
      pages.upsert(draft, false);
      setSelected((s) => (s?.id === draft.id ? draft : s));
    },
    [pages],
  );

  const removed = useCallback(
    (id: number) => {
      const at = visible.findIndex((d) => d.id === id);
      const following = visible[at + 1] ?? visible[at - 1] ?? null;
      pages.remove(id);
      setHits((h) => h && h.filter((x) => x.draft.id !== id));
      setSelected(following);
      message.success(t("remove.done"));
    },
    [message, t, pages, visible],
  );

  if (drafts === null) {
    return (
      <div className="loading">
        <Spin />
      </div>
    );
  }

  const filtered = filter.kind !== undefined || filter.topic !== undefined || filter.status !== undefined || filter.account !== undefined;
  return (
    <div className="drafts">
      <section className="draft-list" style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
        <div className="draft-list-header">
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t("drafts.heading")}
            </Typography.Title>
            <Typography.Text type="secondary" data-testid="draft-count">
              {t("drafts.count", { count: pages.total })}
            </Typography.Text>
          </div>
          <Tooltip title={SHORTCUTS.newDraft}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void create()} data-testid="new-draft" aria-keyshortcuts="Control+N">
              {t("drafts.new")}
            </Button>
          </Tooltip>
        </div>
        <div className="draft-list-search">
          <Tooltip title={`${SHORTCUTS.search} · ${t("shortcuts.next")} ${SHORTCUTS.next} · ${t("shortcuts.previous")} ${SHORTCUTS.previous}`} placement="right">
            <Input.Search
              ref={searchRef}
              allowClear
              placeholder={t("search.placeholder")}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="search-input"
              aria-keyshortcuts="Control+K"
            />
          </Tooltip>
          {!hits && (
            <Space.Compact block className="draft-filters">
              <Select<DraftKind | "all">
                size="small"
                value={filter.kind ?? "all"}
                aria-label={t("filters.kind")}
                data-testid="filter-kind"
                onChange={(kind) => setFilter((f) => ({ ...f, kind: kind === "all" ? undefined : kind }))}
                options={[
                  { value: "all", label: t("filters.allKinds") },
                  { value: "image_text", label: t("kind.image_text") },
                  { value: "video", label: t("kind.video") },
                ]}
              />
              <Select<string>
                size="small"
                showSearch
                allowClear
                style={{ flex: 1, minWidth: 72 }}
                placeholder={t("filters.topic")}
                aria-label={t("filters.topic")}
                value={filter.topic}
                onSearch={(text) => void backend.suggestTopics(text).then(setTopicOptions).catch(() => setTopicOptions([]))}
                onFocus={() => void backend.suggestTopics("").then(setTopicOptions).catch(() => setTopicOptions([]))}
                onChange={(topic) => setFilter((f) => ({ ...f, topic: topic || undefined }))}
                options={topicOptions.map((u) => ({ value: u.topic, label: `#${u.topic} (${u.uses})` }))}
              />
              <Select<DraftSort>
                size="small"
                value={filter.sort}
                aria-label={t("filters.sort")}
                onChange={(sort) => setFilter((f) => ({ ...f, sort }))}
                options={[
                  { value: "updated", label: t("filters.byUpdated") },
                  { value: "created", label: t("filters.byCreated") },
                ]}
              />
            </Space.Compact>
          )}
          {!hits && (
            <Space.Compact block className="draft-filters">
              <Select<ListStatus | "all">
                size="small"
                style={{ flex: 1 }}
                value={filter.status ?? "all"}
                aria-label={t("filters.status")}
                data-testid="filter-status"
                onChange={(status) => setFilter((f) => ({ ...f, status: status === "all" ? undefined : status }))}
                options={[
                  { value: "all", label: t("filters.allStatuses") },
                  ...LIST_STATUS_VALUES.map((s) => ({ value: s, label: s === "unpublished" ? t("filters.unpublished") : t(`publication.${s}`) })),
                ]}
              />
              {accounts.length > 1 && (
                <Select<number | "all">
                  size="small"
                  style={{ flex: 1, minWidth: 0 }}
                  value={filter.account ?? "all"}
                  aria-label={t("filters.account")}
                  data-testid="filter-account"
                  onChange={(account) => setFilter((f) => ({ ...f, account: account === "all" ? undefined : account }))}
                  options={[{ value: "all", label: t("filters.allAccounts") }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]}
                />
              )}
            </Space.Compact>
          )}
        </div>
        {hits ? (
          hits.length === 0 ? (
            <Empty description={t("search.none", { query })} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <VirtualList
              className="draft-list-items"
              role="listbox"
              aria-label={t("drafts.heading")}
              data-testid="draft-list"
              items={hits}
              total={hits.length}
              rowHeight={HIT_ROW_HEIGHT}
              rowKey={(h) => h.draft.id}
              scrollTo={selectedIndex}
              render={(h) => <DraftListItem draft={h.draft} hit={h} selected={h.draft.id === selectedId} onSelect={() => setSelected(h.draft)} />}
            />
          )
        ) : drafts.length === 0 ? (
          <Empty description={t(filtered ? "filters.none" : "drafts.empty")} image={Empty.PRESENTED_IMAGE_SIMPLE} data-testid="drafts-empty" />
        ) : (
          <VirtualList
            className="draft-list-items"
            role="listbox"
            aria-label={t("drafts.heading")}
            data-testid="draft-list"
            items={drafts}
            total={Math.max(pages.total, drafts.length)}
            rowHeight={ROW_HEIGHT}
            rowKey={(d) => d.id}
            scrollTo={selectedIndex}
            onNeedMore={pages.loadMore}
            render={(d) => <DraftListItem draft={d} selected={d.id === selectedId} onSelect={() => setSelected(d)} />}
          />
        )}
      </section>
      {selected ? (
        <>
          <Suspense fallback={<div className="editor" />}>
            <DraftEditor key={`${selected.id}:${editorEpoch}`} draft={selected} onSaved={saved} onDeleted={removed} onHistory={() => setHistoryOpen(true)} />
          </Suspense>
          <HistoryDrawer
            current={selected}
            load={loadHistory}
            restore={(revision) =>
              backend.restoreRevision(selected.id, revision).then((d) => {
                saved(d);
                setEditorEpoch((n) => n + 1);
              })
            }
            open={historyOpen}
            onClose={() => setHistoryOpen(false)}
          />
        </>
      ) : (
        <div className="editor">
          <Empty description={t("drafts.pick")} style={{ marginTop: 120 }}>
            <Button type="primary" onClick={() => void create()}>
              {t("drafts.new")}
            </Button>
          </Empty>
        </div>
      )}
    </div>
  );
}

function DraftListItem({ draft, hit, selected, onSelect }: { draft: Draft; hit?: SearchHit; selected: boolean; onSelect: () => void }) {
  // Plain elements styled by the theme's variables (app.css): a row is drawn
  // for every step of a scroll, and the first screen draws a screenful.
  const { t, i18n } = useTranslation();
  const time = formatTime(draft.updated_at, i18n.language);
  const publication = useSync().publications.get(draft.id);
  return (
    <div
      className="draft-item"
      role="option"
      aria-selected={selected}
      tabIndex={0}
      data-testid="draft-item"
      data-draft-id={draft.id}
      onClick={onSelect}
      onKeyDown={(e) => e.key === "Enter" && onSelect()}
    >
      <div className="draft-item-head">
        <div className="draft-item-title" data-testid="draft-item-title">
          {draft.title ? hit ? <Marked segments={hit.title} /> : draft.title : <span className="draft-item-untitled">{t("drafts.untitled")}</span>}
        </div>
        {publication && <PublicationTag publication={publication} />}
      </div>
      {hit && hit.snippet.some((s) => s.hit) && (
        <div className="draft-item-snippet" data-testid="draft-item-snippet">
          <Marked segments={hit.snippet} />
        </div>
      )}
      <div className="draft-item-meta">
        <span className="draft-item-kind">{t(`kind.${draft.kind}`)}</span>
        <span className="draft-item-time">{t("drafts.updated", { time })}</span>
      </div>
    </div>
  );
}
