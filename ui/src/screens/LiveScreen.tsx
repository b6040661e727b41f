import { useCallback, useEffect, useState } from "react";
import { App, Button, Input, Popconfirm, Typography } from "antd";
import type { ButtonProps } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { LivestreamPlan, LivestreamStatus } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { StatusList } from "../StatusList";
import { useSync } from "../sync";
import { formatLocalTime, parseLocalTime } from "../when";

const STATUS_COLORS: Record<LivestreamStatus, string> = {
  planned: "processing",
  announced: "success",
  withdrawing: "warning",
  withdrawn: "default",
  failed: "error",
};

/** Tonight at 20:00, or tomorrow's when that has passed: the slot live commerce uses most. */
function nextEvening(now: number): number {
  const d = new Date(now);
  d.setHours(20, 0, 0, 0);
  if (d.getTime() <= now) d.setDate(d.getDate() + 1);
  return d.getTime();
}

/** Livestreams: plan one, its announcement (直播预告) goes to the platform; withdraw it. */
export function LiveScreen() {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const sync = useSync();
  const [lives, setLives] = useState<LivestreamPlan[] | null>(null);
  const [title, setTitle] = useState("");
  const [when, setWhen] = useState(() => formatLocalTime(nextEvening(Date.now())));
  const [busy, setBusy] = useState(false);
  const at = parseLocalTime(when);
  const timeProblem = at === null ? t("publish.badTime") : at <= Date.now() ? t("publish.pastTime") : null;

  const load = useCallback(() => {
    backend.listLivestreams(null).then(setLives).catch((e) => message.error(errorMessage(e)));
  }, [backend, message]);
  // The worker's news (an announcement made or withdrawn) reloads the list.
  useEffect(load, [load, sync.revision]);

  const plan = async () => {
    if (at === null) return;
    setBusy(true);
    try {
      await backend.planLivestream(title, at, null);
      setTitle("");
      message.success(t("live.planned"));
      load();
      sync.refresh();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (id: number) => {
    try {
      await backend.withdrawLivestream(id);
      load();
      sync.refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div className="settings live">
      <Typography.Title level={3}>{t("live.heading")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("live.hint")}</Typography.Paragraph>
      <div className="live-form">
        <Input placeholder={t("live.titlePlaceholder")} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="live-title" maxLength={60} style={{ flex: 1, minWidth: 0 }} />
        <Input
          value={when}
          onChange={(e) => setWhen(e.target.value)}
          status={timeProblem ? "error" : undefined}
          placeholder="2026-12-01 20:00"
          data-testid="live-time"
          aria-label={t("live.time")}
          style={{ width: 170, flex: "none" }}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void plan()} loading={busy} disabled={!title.trim() || timeProblem !== null} data-testid="plan-live">
          {t("live.plan")}
        </Button>
      </div>
      {timeProblem && <Typography.Text type="danger">{timeProblem}</Typography.Text>}
      <StatusList
        empty={t("live.empty")}
        rows={
          lives?.map((l) => ({
            key: l.id,
            testId: "livestream",
            status: l.status,
            tag: t(`live.status.${l.status}`),
            color: STATUS_COLORS[l.status],
            title: <Typography.Text strong>{l.title}</Typography.Text>,
            lines: [
              <Typography.Text key="time" type="secondary" className="activity-meta">
                {formatTime(l.starts_at, i18n.language)}
              </Typography.Text>,
            ],
            actions: (l.status === "planned" || l.status === "announced" || l.status === "failed") && (
              <Popconfirm
                title={t("live.withdrawConfirm")}
                description={l.status === "announced" ? t("live.withdrawDetail") : undefined}
                okText={t("live.withdraw")}
                cancelText={t("remove.cancel")}
                okButtonProps={{ danger: true, "data-testid": "confirm-withdraw" } as ButtonProps}
                onConfirm={() => void withdraw(l.id)}
              >
                <Button size="small" data-testid="withdraw-live">
                  {t("live.withdraw")}
                </Button>
              </Popconfirm>
            ),
          })) ?? null
        }
      />
    </div>
  );
}
