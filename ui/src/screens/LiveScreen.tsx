import { useCallback, useEffect, useState } from "react";
import { App, Button, Input, Modal, Popconfirm, Radio, Select, Space, Tag, Typography } from "antd";
import type { ButtonProps } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Livestream, LivestreamStatus, SeriesScope } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { StatusList } from "../StatusList";
import { useSync } from "../sync";
import { formatLocalTime, parseLocalTime } from "../when";
import { LivePlanEditor } from "./LivePlanEditor";

const STATUS_COLORS: Record<LivestreamStatus, string> = {
  planned: "processing",
  announced: "success",
  changing: "processing",
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

/** A time typed as local `YYYY-MM-DD HH:mm`, or why it cannot be used. */
function useTimeProblem(when: string): [number | null, string | null] {
  const { t } = useTranslation();
  const at = parseLocalTime(when);
  return [at, at === null ? t("publish.badTime") : at <= Date.now() ? t("publish.pastTime") : null];
}

/**
 * Asks before saving a livestream that overlaps another of the account's;
 * `true` when there is none or the user goes ahead.
 */
function useOverlapCheck() {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  return async (accountId: number | null, at: number, minutes: number, except: number | null): Promise<boolean> => {
    const overlaps = await backend.livestreamOverlaps(accountId, at, minutes, except);
    if (overlaps.length === 0) return true;
    return modal.confirm({
      title: t("live.overlapTitle"),
      content: t("live.overlapDetail", { titles: overlaps.map((o) => `${o.title} (${formatTime(o.starts_at, i18n.language)})`).join("、") }),
      okText: t("live.overlapGo"),
      cancelText: t("remove.cancel"),
      okButtonProps: { "data-testid": "confirm-overlap" } as ButtonProps,
    });
  };
}

/** Changes a livestream's title and time; an announced one is changed on the platform too. */
function ChangeLivestream({ live, onClose, onChanged }: { live: Livestream; onClose: () => void; onChanged: () => void }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { i18n } = useTranslation();
  const [title, setTitle] = useState(live.title);
  const [when, setWhen] = useState(() => formatLocalTime(live.starts_at));
  const [busy, setBusy] = useState(false);
  const [scope, setScope] = useState<SeriesScope>("one");
  const overlapsAccepted = useOverlapCheck();
  const [at, timeProblem] = useTimeProblem(when);
  const save = async () => {
    if (at === null) return;
    setBusy(true);
    try {
      if (!(await overlapsAccepted(live.account_id, at, live.minutes, live.id))) return;
      if (live.series_id !== null) await backend.editLiveSeries(live.id, scope, title, at, null);
      else await backend.changeLivestream(live.id, title, at);
      if (live.warmup && at !== live.starts_at) {
        const postAt = at - live.warmup.lead_minutes * 60_000;
        const move = await modal.confirm({
          title: t("live.warmup.moveTitle"),
          content: t("live.warmup.moveDetail", { time: formatTime(postAt, i18n.language) }),
          okText: t("live.warmup.move"),
          cancelText: t("live.warmup.keep"),
          okButtonProps: { "data-testid": "confirm-move-warmup" } as ButtonProps,
        });
        if (move) await backend.moveWarmupPost(live.id);
      }
      message.success(live.status === "planned" ? t("live.changedUnsent") : t("live.changed"));
      onChanged();
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t("live.changeHeading")}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t("live.changeSave")}
      cancelText={t("remove.cancel")}
      okButtonProps={{ loading: busy, disabled: !title.trim() || timeProblem !== null, "data-testid": "confirm-change-live" } as ButtonProps}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: "100%" }} data-testid="change-live">
        {live.status !== "planned" && <Typography.Text type="secondary">{t("live.changeDetail")}</Typography.Text>}
        {live.series_id !== null && (
          <Radio.Group value={scope} onChange={(e) => setScope(e.target.value as SeriesScope)} data-testid="series-scope">
            <Radio value="one">{t("live.series.one")}</Radio>
            <Radio value="following">{t("live.series.following")}</Radio>
            <Radio value="all">{t("live.series.all")}</Radio>
          </Radio.Group>
        )}
        <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={60} data-testid="change-live-title" aria-label={t("live.titlePlaceholder")} />
        <Input value={when} onChange={(e) => setWhen(e.target.value)} status={timeProblem ? "error" : undefined} data-testid="change-live-time" aria-label={t("live.time")} style={{ width: 170 }} />
        {timeProblem && <Typography.Text type="danger">{timeProblem}</Typography.Text>}
      </Space>
    </Modal>
  );
}

/** Livestreams: plan one, its announcement (直播预告) goes to the platform; change or withdraw it. */
export function LiveScreen() {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const sync = useSync();
  const [lives, setLives] = useState<Livestream[] | null>(null);
  const [title, setTitle] = useState("");
  const [when, setWhen] = useState(() => formatLocalTime(nextEvening(Date.now())));
  const [minutes, setMinutes] = useState(120);
  const [repeat, setRepeat] = useState("");
  const [customRule, setCustomRule] = useState("FREQ=WEEKLY;BYDAY=SA");
  const overlapsAccepted = useOverlapCheck();
  const [busy, setBusy] = useState(false);
  const [changing, setChanging] = useState<Livestream | null>(null);
  const [planning, setPlanning] = useState<Livestream | null>(null);
  const [at, timeProblem] = useTimeProblem(when);

  const load = useCallback(() => {
    backend.listLivestreams(null).then(setLives).catch((e) => message.error(errorMessage(e)));
  }, [backend, message]);
  // The worker's news (an announcement made or withdrawn) reloads the list.
  useEffect(load, [load, sync.revision]);

  const plan = async () => {
    if (at === null) return;
    setBusy(true);
    try {
      if (!(await overlapsAccepted(null, at, minutes, null))) return;
      const rule = repeat === "custom" ? customRule : repeat;
      if (rule) {
        const made = await backend.planLiveSeries(title, at, rule, minutes, null);
        message.success(t("live.series.planned", { count: made.occurrences.length }));
      } else {
        await backend.planLivestream(title, at, minutes, null);
        message.success(t("live.planned"));
      }
      setTitle("");
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
        <Input placeholder={t("live.titlePlaceholder")} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="live-title" maxLength={60} style={{ flex: "1 1 100%", minWidth: 240 }} />
        <Input
          value={when}
          onChange={(e) => setWhen(e.target.value)}
          status={timeProblem ? "error" : undefined}
          placeholder="2026-12-01 20:00"
          data-testid="live-time"
          aria-label={t("live.time")}
          style={{ width: 170, flex: "none" }}
        />
        <Select
          value={minutes}
          onChange={setMinutes}
          aria-label={t("live.length")}
          data-testid="live-length"
          style={{ width: 110, flex: "none" }}
          options={[60, 90, 120, 180, 240].map((m) => ({ value: m, label: t("live.hours", { count: m / 60 }) }))}
        />
        <Select
          value={repeat}
          onChange={setRepeat}
          aria-label={t("live.series.repeat")}
          data-testid="live-repeat"
          style={{ width: 130, flex: "none" }}
          options={[
            { value: "", label: t("live.series.none") },
            { value: "FREQ=WEEKLY", label: t("live.series.weekly") },
            { value: "FREQ=WEEKLY;INTERVAL=2", label: t("live.series.biweekly") },
            { value: "FREQ=DAILY", label: t("live.series.daily") },
            { value: "custom", label: t("live.series.custom") },
          ]}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void plan()} loading={busy} disabled={!title.trim() || timeProblem !== null} data-testid="plan-live">
          {t("live.plan")}
        </Button>
      </div>
      {repeat === "custom" && (
        <Input value={customRule} onChange={(e) => setCustomRule(e.target.value)} addonBefore="RRULE" data-testid="live-rule" style={{ maxWidth: 420 }} aria-label={t("live.series.custom")} />
      )}
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
            title: (
              <>
                <Typography.Text strong>{l.title}</Typography.Text>
                {l.series_id !== null && (
                  <Tag style={{ marginInlineStart: 8 }} data-testid="series-tag">
                    {t("live.series.tag")}
                  </Tag>
                )}
              </>
            ),
            lines: [
              <Typography.Text key="time" type="secondary" className="activity-meta">
                {formatTime(l.starts_at, i18n.language)} · {t("live.planner.total", { total: l.plan.segments.reduce((sum, s) => sum + s.minutes, 0), planned: l.minutes })}
                {l.plan.products.length > 0 && ` · ${t("live.planner.products")} ${l.plan.products.length}`}
              </Typography.Text>,
            ],
            actions: (
              <Space size="small">
                <Button size="small" onClick={() => setPlanning(l)} data-testid="open-plan">
                  {t("live.planner.open")}
                </Button>
                {(l.status === "planned" || l.status === "announced" || l.status === "changing" || l.status === "failed") && (
                <>
                <Button size="small" onClick={() => setChanging(l)} data-testid="change-live">
                  {t("live.change")}
                </Button>
                <Popconfirm
                title={t("live.withdrawConfirm")}
                description={l.status === "announced" ? t("live.withdrawDetail") : undefined}
                okText={t("live.withdraw")}
                cancelText={t("remove.cancel")}
                okButtonProps={{ danger: true, "data-testid": "confirm-withdraw" } as ButtonProps}
                onConfirm={() => void withdraw(l.id)}
              >
                <Button size="small" data-testid="withdraw-live">
                  {l.series_id !== null ? t("live.series.skip") : t("live.withdraw")}
                </Button>
              </Popconfirm>
                </>
                )}
              </Space>
            ),
          })) ?? null
        }
      />
      {planning && (
        <LivePlanEditor
          key={planning.id}
          live={planning}
          onClose={() => setPlanning(null)}
          onSaved={() => {
            load();
            sync.refresh();
          }}
        />
      )}
      {changing && (
        <ChangeLivestream
          live={changing}
          onClose={() => setChanging(null)}
          onChanged={() => {
            load();
            sync.refresh();
          }}
        />
      )}
    </div>
  );
}
