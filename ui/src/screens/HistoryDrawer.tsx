import { useEffect, useMemo, useState } from "react";
import { App, Button, Drawer, Empty, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Draft, Revision } from "../api";
import { useBackend } from "../backend";
import { diff } from "../diff";
import { errorMessage } from "../errors";
import { formatTime } from "../format";

function revisionText(r: { title: string; body: string }) {
  return r.title ? `${r.title}\n\n${r.body}` : r.body;
}

/** A draft's revisions, a side-by-side comparison with the current text, and restore. */
export function HistoryDrawer({ draft, open, onClose, onRestored }: { draft: Draft; open: boolean; onClose: () => void; onRestored: (d: Draft) => void }) {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);

  useEffect(() => {
    if (!open) return;
    backend
      .listRevisions(draft.id)
      .then((list) => {
        setRevisions(list);
        setSelectedId(list[1]?.id ?? list[0]?.id ?? null);
      })
      .catch((e) => message.error(errorMessage(e)));
  }, [backend, draft.id, open, message, draft.updated_at]);

  const selected = revisions?.find((r) => r.id === selectedId) ?? null;
  const parts = useMemo(() => (selected ? diff(revisionText(selected), revisionText(draft)) : []), [selected, draft]);

  const restore = async () => {
    if (!selected) return;
    try {
      onRestored(await backend.restoreRevision(draft.id, selected.id));
      message.success(t("history.restored"));
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Drawer title={t("history.heading")} open={open} onClose={onClose} size="large" destroyOnHidden>
      {revisions && revisions.length === 0 ? (
        <Empty description={t("history.empty")} />
      ) : (
        <div className="history">
          <List
            className="history-list"
            size="small"
            dataSource={revisions ?? []}
            loading={revisions === null}
            renderItem={(r) => (
              <List.Item
                data-testid="revision-item"
                className={r.id === selectedId ? "history-item selected" : "history-item"}
                onClick={() => setSelectedId(r.id)}
              >
                <div>
                  <div>{t(`history.reason.${r.reason}`)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(r.updated_at, i18n.language)}
                  </Typography.Text>
                </div>
              </List.Item>
            )}
          />
          {selected && (
            <div className="history-compare">
              <div className="history-side">
                <Typography.Text strong>{t("history.selected")}</Typography.Text>
                <pre className="diff" data-testid="diff-before">
                  {parts.filter((p) => p.kind !== "added").map((p, i) => (p.kind === "removed" ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>))}
                </pre>
              </div>
              <div className="history-side">
                <Typography.Text strong>{t("history.current")}</Typography.Text>
                <pre className="diff" data-testid="diff-after">
                  {parts.filter((p) => p.kind !== "removed").map((p, i) => (p.kind === "added" ? <ins key={i}>{p.text}</ins> : <span key={i}>{p.text}</span>))}
                </pre>
              </div>
              <Button type="primary" onClick={() => void restore()} data-testid="restore-revision" className="history-restore">
                {t("history.restore")}
              </Button>
            </div>
          )}
        </div>
      )}
    </Drawer>
  );
}
