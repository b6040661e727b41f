import { useEffect, useState } from "react";
import { Alert, App, Button, Descriptions, Space, Typography } from "antd";
import { CopyOutlined, FolderOpenOutlined, SyncOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api";
import type { Diagnostics, UpdateFound } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";

/** The version, updates, and what to send when asking for help. */
export function AboutSection() {
  const backend = useBackend();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [about, setAbout] = useState<Diagnostics | null>(null);
  const [checking, setChecking] = useState(false);
  // undefined: not asked yet; null: this version is the newest.
  const [update, setUpdate] = useState<UpdateFound | null | undefined>(undefined);

  useEffect(() => {
    backend.diagnostics().then(setAbout).catch((e) => message.error(errorMessage(e)));
  }, [backend, message]);

  const checkForUpdate = async () => {
    setChecking(true);
    try {
      setUpdate(await backend.checkForUpdate());
    } catch (e) {
      // The updater's own failures are plain text (the source unreachable, a bad manifest).
      message.error(t("about.checkFailed", { reason: isApiError(e) ? e.message : String(e) }));
    } finally {
      setChecking(false);
    }
  };
  const copyVersions = async () => {
    if (!about) return;
    try {
      await backend.copyText(about.text);
      message.success(t("about.copied"));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const openLogs = () => backend.openLogFolder().catch((e) => message.error(errorMessage(e)));

  return (
    <section className="about" data-testid="about">
      <Typography.Title level={5}>{t("about.heading")}</Typography.Title>
      {about && (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t("about.version")}>
            <span data-testid="app-version">{about.app_version}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("about.webview")}>{about.webview_version || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("about.os")}>{about.os}</Descriptions.Item>
          <Descriptions.Item label={t("about.logs")}>
            <Typography.Text copyable>{about.log_folder}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Space wrap className="about-actions">
        <Button
          icon={<SyncOutlined />}
          loading={checking}
          disabled={!about?.updates}
          onClick={() => void checkForUpdate()}
          data-testid="check-updates"
        >
          {t("about.checkUpdates")}
        </Button>
        <Button icon={<FolderOpenOutlined />} onClick={() => void openLogs()} data-testid="open-logs">
          {t("about.openLogs")}
        </Button>
        <Button icon={<CopyOutlined />} onClick={() => void copyVersions()} disabled={!about} data-testid="copy-versions">
          {t("about.copyVersions")}
        </Button>
      </Space>
      {about && !about.updates && <Typography.Paragraph type="secondary">{t("about.updatesOff")}</Typography.Paragraph>}
      {update === null && <Alert type="success" showIcon message={t("about.upToDate")} data-testid="update-status" />}
      {update && (
        <Alert
          type="info"
          showIcon
          data-testid="update-status"
          message={t("about.updateFound", { version: update.version })}
          description={update.notes || undefined}
        />
      )}
    </section>
  );
}
