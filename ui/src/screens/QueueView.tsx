import { useCallback, useEffect, useState } from "react";
import { App, Button, Empty, List, Space, Tag, Tooltip, Typography } from "antd";
import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { QueueEntry } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { useSync } from "../sync";

/** The coming posting slots of an account with what fills them; drag a post onto another to swap their times. */
export function QueueView({ account, onOpenDraft }: { account: number | null; onOpenDraft: (id: number) => void }) {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const sync = useSync();
  const [entries, setEntries] = useState<QueueEntry[] | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);

  const load = useCallback(() => {
    backend.listQueue(account).then(setEntries).catch((e) => message.error(errorMessage(e)));
  }, [backend, account, message]);
  useEffect(load, [load, sync.revision]);

  const swap = async (a: QueueEntry, b: QueueEntry) => {
    if (!a.post || !b.post || a.post.id === b.post.id) return;
    const go = async (republish: boolean) => {
      try {
        await backend.swapQueuedPosts(a.post!.account_id, a.post!.id, b.post!.id, republish);
        message.success(t("queue.swapped"));
        load();
        sync.refresh();
      } catch (e) {
        message.error(errorMessage(e));
      }
    };
    // Posts the platform holds move only by being published again: ask first.
    if (a.post.move_way === "republish" || b.post.move_way === "republish") {
      modal.confirm({
        title: t("calendar.republishTitle"),
        content: t("calendar.republishContent"),
        okText: t("calendar.republishOk"),
        cancelText: t("calendar.cancel"),
        onOk: () => go(true),
      });
    } else {
      await go(false);
    }
  };

  const filled = (entries ?? []).filter((e) => e.post);
  const neighbour = (e: QueueEntry, step: number) => filled[filled.indexOf(e) + step];

  if (entries && entries.length === 0) return <Empty description={t("queue.empty")} data-testid="queue-empty" />;
  return (
    <div className="queue-view" data-testid="queue" onPointerUp={() => setDragging(null)}>
      <Typography.Paragraph type="secondary">{t("queue.hint")}</Typography.Paragraph>
      <List
        loading={entries === null}
        dataSource={entries ?? []}
        renderItem={(e, index) => (
          <List.Item
            key={`${e.slot.id}-${e.at}`}
            data-testid="queue-entry"
            data-index={index}
            data-at={e.at}
            data-draft={e.post?.id ?? ""}
            className={dragging !== null && e.post ? "queue-entry queue-drop" : "queue-entry"}
            onPointerDown={(ev) => {
              if (e.post && e.post.move_way !== "fixed" && (ev.target as HTMLElement).closest("[data-drag-handle]")) {
                ev.preventDefault();
                setDragging(index);
              }
            }}
            onPointerUp={() => {
              if (dragging !== null && dragging !== index) void swap(entries![dragging]!, e);
              setDragging(null);
            }}
            actions={
              e.post && e.post.move_way !== "fixed"
                ? [
                    <Tooltip key="up" title={t("queue.up")}>
                      <Button size="small" icon={<ArrowUpOutlined />} disabled={!neighbour(e, -1)} onClick={() => void swap(e, neighbour(e, -1)!)} aria-label={t("queue.up")} />
                    </Tooltip>,
                    <Tooltip key="down" title={t("queue.down")}>
                      <Button size="small" icon={<ArrowDownOutlined />} disabled={!neighbour(e, 1)} onClick={() => void swap(e, neighbour(e, 1)!)} aria-label={t("queue.down")} />
                    </Tooltip>,
                  ]
                : []
            }
          >
            <Space>
              {e.post && e.post.move_way !== "fixed" && <HolderOutlined data-drag-handle className="queue-handle" data-testid="queue-handle" />}
              <Typography.Text className="queue-time">
                {t(`planning.weekday.${e.slot.weekday}`)} {formatTime(e.at, i18n.language)}
              </Typography.Text>
              {e.post ? (
                <>
                  <Typography.Link onClick={() => onOpenDraft(e.post!.id)} data-testid="queue-post">
                    {e.post.title || t("drafts.untitled")}
                  </Typography.Link>
                  <Tag>{t(`calendar.status.${e.post.status}`)}</Tag>
                </>
              ) : (
                <Typography.Text type="secondary">{t("queue.free")}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
