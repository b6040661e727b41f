import { useState } from "react";
import { App, Button, Input, Popover, Space, Tooltip, Typography } from "antd";
import type { ButtonProps } from "antd";
import { ClockCircleOutlined, OrderedListOutlined, RedoOutlined, SendOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { PublicationTag } from "../PublicationTag";
import { useSync } from "../sync";
import { formatLocalTime, parseLocalTime } from "../when";

const HOUR = 3_600_000;

/** Tomorrow at 20:00, local time: the evening slot creators use most. */
function tomorrowEvening(now: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(20, 0, 0, 0);
  return d.getTime();
}

/** Publish now or at a time, and where the draft stands on the platform. */
export function PublishControls({
  draftId,
  beforePublish,
  confirm,
}: {
  draftId: number;
  beforePublish: () => Promise<void>;
  /** Asked after saving, before anything is queued; false keeps the draft as it is. */
  confirm: () => Promise<boolean>;
}) {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const sync = useSync();
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState(false);
  const [text, setText] = useState("");
  const at = parseLocalTime(text);
  const problem = text.trim() === "" ? null : at === null ? t("publish.badTime") : at <= Date.now() ? t("publish.pastTime") : null;
  const publication = sync.publications.get(draftId);
  const onPlatform = publication?.status === "under_review" || publication?.status === "published";
  const waiting = publication?.status === "queued";

  /** Queues the draft as the editor shows it (the last keystrokes first); `queue` says where it went. */
  const send = async (queue: () => Promise<string>) => {
    setBusy(true);
    try {
      await beforePublish();
      if (!(await confirm())) return;
      message.success(await queue());
      setPicking(false);
      sync.refresh();
      void backend.syncSoon();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const publish = (when: number | null, replace = false) =>
    send(async () => {
      await (replace ? backend.republishDraft(draftId, null, when) : backend.publishDraft(draftId, null, when));
      return when ? t("publish.scheduled", { time: formatTime(when, i18n.language) }) : t("publish.queued");
    });

  // Into the next free posting slot of the account's queue.
  const addToQueue = () =>
    send(async () => {
      const answer = await backend.addToQueue(draftId, null);
      return t("queue.added", { time: formatTime(answer.publication.scheduled_at ?? 0, i18n.language) });
    });

  const buttons = (
    <Space.Compact>
      <Button type="primary" icon={<SendOutlined />} aria-label={t("publish.now")} loading={busy} disabled={waiting} onClick={() => void publish(null)} data-testid="publish-now">
        {t("publish.now")}
      </Button>
      <Popover
        open={picking}
        onOpenChange={setPicking}
        trigger="click"
        title={t("publish.pickTime")}
        content={
          <Space orientation="vertical" size={8}>
            <Space.Compact>
              <Input
                autoFocus
                placeholder="2026-12-01 20:00"
                value={text}
                status={problem ? "error" : undefined}
                onChange={(e) => setText(e.target.value)}
                onPressEnter={() => at !== null && !problem && void publish(at)}
                data-testid="schedule-time"
                aria-label={t("publish.pickTime")}
              />
              <Button type="primary" disabled={at === null || problem !== null} onClick={() => at !== null && void publish(at)} data-testid="schedule-confirm">
                {t("publish.scheduleOk")}
              </Button>
            </Space.Compact>
            {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
            <Space size={4}>
              <Button size="small" onClick={() => setText(formatLocalTime(Date.now() + HOUR))}>
                {t("publish.inAnHour")}
              </Button>
              <Button size="small" onClick={() => setText(formatLocalTime(tomorrowEvening(Date.now())))}>
                {t("publish.tomorrowEvening")}
              </Button>
            </Space>
          </Space>
        }
      >
        <Tooltip title={t("publish.schedule")}>
          <Button icon={<ClockCircleOutlined />} disabled={waiting || busy} data-testid="schedule" aria-label={t("publish.schedule")} />
        </Tooltip>
      </Popover>
      <Tooltip title={t("queue.add")}>
        <Button icon={<OrderedListOutlined />} disabled={waiting || busy} onClick={() => void addToQueue()} data-testid="add-to-queue" aria-label={t("queue.add")} />
      </Tooltip>
    </Space.Compact>
  );

  // The platform has no edit: publishing again deletes the post there first, so it asks.
  const republish = () =>
    modal.confirm({
      title: t("publish.againTitle"),
      content: t("publish.noEditing"),
      okText: t("publish.againOk"),
      okButtonProps: { danger: true, "data-testid": "confirm-republish" } as ButtonProps,
      cancelText: t("remove.cancel"),
      onOk: () => publish(null, true),
    });

  return (
    <Space>
      {publication && <PublicationTag publication={publication} />}
      {onPlatform ? (
        <Button icon={<RedoOutlined />} loading={busy} onClick={republish} data-testid="republish">
          {t("publish.again")}
        </Button>
      ) : (
        buttons
      )}
    </Space>
  );
}
