import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { App, Button, Empty, Input, Space, Spin, Tag, Tooltip, Typography, theme } from "antd";
import type { InputRef } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Draft, SearchHit } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { Marked } from "../Marked";
import { SHORTCUTS } from "../shortcuts";
import { DraftEditor } from "./DraftEditor";
import { HistoryDrawer } from "./HistoryDrawer";


const SEARCH_DEBOUNCE_MS = 120;

/** The drafts screen: the list on the left, the selected draft's editor on the right. */
export function DraftsScreen() {
  const backend = useBackend();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
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
  }, [backend, query, message, drafts]);

  useEffect(() => {
    backend
      .listDrafts()
      .then((list) => {
        setDrafts(list);
        setSelectedId((id) => id ?? list[0]?.id ?? null);
      })
      .catch((e) => message.error(errorMessage(e)));
  }, [backend, message]);

  const create = useCallback(async () => {
    try {
      const draft = await backend.createDraft({ title: "", body: "" });
      setDrafts((list) => [draft, ...(list ?? [])]);
      setSelectedId(draft.id);
    } catch (e) {
      message.error(errorMessage(e));
    }
  }, [backend, message]);

  const visibleIds = useMemo(() => (hits ? hits.map((h) => h.draft.id) : (drafts ?? []).map((d) => d.id)), [hits, drafts]);

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
        const at = selectedId === null ? -1 : visibleIds.indexOf(selectedId);
        const next = visibleIds[e.key === "ArrowDown" ? at + 1 : Math.max(at - 1, 0)];
        if (next !== undefined) setSelectedId(next);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [create, selectedId, visibleIds]);

  const saved = useCallback((draft: Draft) => {
    setDrafts((list) => (list ? [draft, ...list.filter((d) => d.id !== draft.id)] : [draft]));
  }, []);

  const removed = useCallback(
    (id: number) => {
      setDrafts((list) => {
        const rest = (list ?? []).filter((d) => d.id !== id);
        setSelectedId(rest[0]?.id ?? null);
        return rest;
      });
      message.success(t("remove.done"));
    },
    [message, t],
  );

  const selected = useMemo(() => drafts?.find((d) => d.id === selectedId) ?? null, [drafts, selectedId]);

  if (drafts === null) {
    return (
      <div className="loading">
        <Spin />
      </div>
    );
  }

  return (
    <div className="drafts">
      <section className="draft-list" style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
        <div className="draft-list-header">
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t("drafts.heading")}
            </Typography.Title>
            <Typography.Text type="secondary" data-testid="draft-count">
              {t("drafts.count", { count: drafts.length })}
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
        </div>
        <div className="draft-list-items" role="listbox" aria-label={t("drafts.heading")} data-testid="draft-list">
          {hits ? (
            hits.length === 0 ? (
              <Empty description={t("search.none", { query })} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              hits.map((h) => (
                <DraftListItem key={h.draft.id} draft={h.draft} hit={h} selected={h.draft.id === selectedId} onSelect={() => setSelectedId(h.draft.id)} />
              ))
            )
          ) : drafts.length === 0 ? (
            <Empty description={t("drafts.empty")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            drafts.map((d) => (
              <DraftListItem key={d.id} draft={d} selected={d.id === selectedId} onSelect={() => setSelectedId(d.id)} />
            ))
          )}
        </div>
      </section>
      {selected ? (
        <>
          <DraftEditor key={`${selected.id}:${editorEpoch}`} draft={selected} onSaved={saved} onDeleted={removed} onHistory={() => setHistoryOpen(true)} />
          <HistoryDrawer
            draft={selected}
            open={historyOpen}
            onClose={() => setHistoryOpen(false)}
            onRestored={(d) => {
              saved(d);
              setEditorEpoch((n) => n + 1);
            }}
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
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const time = formatTime(draft.updated_at, i18n.language);
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
      style={selected ? { background: token.controlItemBgActive, borderInlineStartColor: token.colorPrimary } : undefined}
    >
      <div className="draft-item-title" data-testid="draft-item-title">
        {draft.title ? hit ? <Marked segments={hit.title} /> : draft.title : <Typography.Text type="secondary">{t("drafts.untitled")}</Typography.Text>}
      </div>
      {hit && hit.snippet.some((s) => s.hit) && (
        <div className="draft-item-snippet" data-testid="draft-item-snippet">
          <Marked segments={hit.snippet} />
        </div>
      )}
      <Space size={6}>
        <Tag bordered={false}>{t(`kind.${draft.kind}`)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("drafts.updated", { time })}
        </Typography.Text>
      </Space>
    </div>
  );
}
