import { Badge, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatTime } from "./format";
import { useSync } from "./sync";

/** One line in the sidebar: in sync, waiting, offline, or stuck. */
export function SyncIndicator({ onOpen }: { onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const { status } = useSync();
  if (!status) return null;
  const [badge, text, state] = status.problem
    ? (["error", t("sync.problem"), "problem"] as const)
    : status.accounts_in_trouble > 0
      ? (["error", t("sync.accounts", { count: status.accounts_in_trouble }), "accounts"] as const)
      : status.failed > 0
      ? (["error", t("sync.failed", { count: status.failed }), "failed"] as const)
      : !status.online && status.waiting > 0
        ? (["default", t("sync.offline", { count: status.waiting }), "offline"] as const)
        : !status.online && status.last_pull_at > 0
          ? (["default", t("sync.offlineNone"), "offline"] as const)
          : status.waiting > 0
            ? (["processing", t("sync.waiting", { count: status.waiting }), "waiting"] as const)
            : (["success", t("sync.synced"), "synced"] as const);
  const detail = status.problem || (status.last_pull_at > 0 ? t("sync.lastPull", { time: formatTime(status.last_pull_at, i18n.language) }) : "");
  return (
    <Tooltip title={detail || undefined} placement="right">
      <button type="button" className="sync-indicator" onClick={onOpen} data-testid="sync-status" data-state={state}>
        <Badge status={badge} />
        <Typography.Text type="secondary">{text}</Typography.Text>
      </button>
    </Tooltip>
  );
}
