import { useEffect, useMemo, useState } from "react";
import { App, Button, Drawer, Empty, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { RevisionReason } from "../api";
import { diff } from "../diff";
import { errorMessage } from "../errors";
import { formatTime } from "../format";

function revisionText(r: { title: string; body: string }) {
  return r.title ? `${r.title}\n\n${r.body}` : r.body;
}

/** One revision as the history shows it: a draft's, or a message's. */
export type Version = { id: number; reason: RevisionReason; updated_at: number; title: string; body: string };

/**
 * Revisions of a draft or a message, a side-by-side comparison with the
 * current text, and restore. `load` reads them again whenever `current` changes.
 */
export function HistoryDrawer({ current, load, restore: restoreOne, canRestore = true, open, onClose }: { current: { title: string; body: string }; load: () => Promise<Version[]>; restore: (id: number) => Promise<unknown>; canRestore?: boolean; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [revisions, setRevisions] = useState<Version[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);

  useEffect(() => {
    if (!open) return;
    load()
      .then((list) => {
        setRevisions(list);
        setSelectedId(list[1]?.id ?? list[0]?.id ?? null);
      })
      .catch((e) => message.error(errorMessage(e)));
  }, [load, open, message]);

  const selected = revisions?.find((r) => r.id === selectedId) ?? null;
  const parts = useMemo(() => (selected ? diff(revisionText(selected), revisionText(current)) : []), [selected, current]);

  const restore = async () => {
    if (!selected) return;
    try {
      await restoreOne(selected.id);
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
              {canRestore && (
                <Button type="primary" onClick={() => void restore()} data-testid="restore-revision" className="history-restore">
                  {t("history.restore")}
                </Button>
              )}
            </div>
          )}
        </div>
      )}
    </Drawer>
  );
}
