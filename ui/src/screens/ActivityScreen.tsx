import { useCallback, useEffect, useState } from "react";
import { App, Button, Empty, Popconfirm, Space, Spin, Switch, Tag, Typography } from "antd";
import { CloseOutlined, RedoOutlined, SyncOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ActivityItem, JobState } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { useSync } from "../sync";

const STATE_COLORS: Record<JobState, string> = {
  pending: "default",
  sending: "processing",
  unknown: "warning",
  done: "success",
  failed: "error",
  cancelled: "default",
};

/** The outbox: every action on its way to the platform, with retry and cancel. */
export function ActivityScreen() {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const sync = useSync();
  const [all, setAll] = useState(true);
  const [items, setItems] = useState<ActivityItem[] | null>(null);

  const load = useCallback(() => {
    backend.listActivity(all).then(setItems).catch((e) => message.error(errorMessage(e)));
  }, [backend, all, message]);
  // Reload on every piece of news from the worker.
  useEffect(load, [load, sync.revision]);

  const act = async (work: Promise<unknown>) => {
    try {
      await work;
      sync.refresh();
      void backend.syncSoon();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div className="settings activity">
      <div className="editor-bar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("activity.heading")}
        </Typography.Title>
        <Space>
          <Space size={6}>
            <Switch size="small" checked={all} onChange={setAll} data-testid="activity-show-done" />
            <Typography.Text type="secondary">{t("activity.showDone")}</Typography.Text>
          </Space>
          <Button icon={<SyncOutlined />} onClick={() => void act(backend.syncEverything())} data-testid="sync-now">
            {t("sync.now")}
          </Button>
        </Space>
      </div>
      {items === null ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={t("activity.empty")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <div className="activity-list" role="list">
          {items.map(({ job, label, problem, technical }) => (
            <div key={job.id} className="activity-item" role="listitem" data-testid="activity-item" data-state={job.state}>
              <div className="activity-main">
                <Space size={8} wrap>
                  <Tag color={STATE_COLORS[job.state]} data-testid="activity-state">
                    {t(`activity.state.${job.state}`)}
                  </Tag>
                  <Typography.Text strong>{t(`activity.kind.${job.kind}`)}</Typography.Text>
                  <Typography.Text data-testid="activity-label">{label || t("activity.target", { id: job.target })}</Typography.Text>
                </Space>
                <Typography.Text type="secondary" className="activity-meta">
                  {formatTime(job.updated_at, i18n.language)}
                  {job.attempts > 0 && ` · ${t("activity.attempts", { count: job.attempts })}`}
                  {(job.state === "pending" || job.state === "unknown") &&
                    job.next_try_at > Date.now() &&
                    ` · ${t("activity.nextTry", { time: formatTime(job.next_try_at, i18n.language) })}`}
                </Typography.Text>
                {job.error_code && job.state !== "done" && (
                  <Typography.Text type={job.state === "failed" ? "danger" : "secondary"} className="activity-error" data-testid="activity-error">
                    {t(`activity.error.${job.error_code}`, { defaultValue: job.error_code })}
                    {problem && (
                      <span className="activity-detail" title={technical || undefined}>
                        {" "}
                        {problem}
                      </span>
                    )}
                  </Typography.Text>
                )}
              </div>
              <Space>
                {job.state === "failed" && (
                  <Button size="small" icon={<RedoOutlined />} onClick={() => void act(backend.retryJob(job.id))} data-testid="activity-retry">
                    {t("activity.retry")}
                  </Button>
                )}
                {(job.state === "pending" || job.state === "failed") && (
                  <Popconfirm title={t("activity.cancelConfirm")} onConfirm={() => void act(backend.cancelJob(job.id))} okText={t("activity.cancel")} cancelText={t("remove.cancel")}>
                    <Button size="small" icon={<CloseOutlined />} data-testid="activity-cancel">
                      {t("activity.cancel")}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
