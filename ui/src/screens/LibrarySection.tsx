import { useCallback, useEffect, useState } from "react";
import { App, Button, Empty, Popconfirm, Space, Tag, Typography } from "antd";
import { ExportOutlined, HistoryOutlined, SaveOutlined } from "@ant-design/icons";
import type { ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import type { BackupInfo } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";

/** The user's data: export the whole library, and the daily backups with restore. */
export function LibrarySection({ onRestored }: { onRestored: () => void }) {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [backups, setBackups] = useState<BackupInfo[]>([]);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    backend.listBackups().then(setBackups).catch((e) => message.error(errorMessage(e)));
  }, [backend, message]);
  useEffect(load, [load]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const exportLibrary = () =>
    run(async () => {
      const folder = await backend.pickFolder();
      if (folder === null) return;
      const done = await backend.exportLibrary(folder);
      message.success(t("library.exported", { drafts: done.drafts, media: done.media, folder: done.folder }));
    });
  const backUp = () =>
    run(async () => {
      await backend.backUpNow();
      load();
    });
  const restore = (b: BackupInfo) =>
    run(async () => {
      await backend.restoreBackup(b.name);
      message.success(t("library.restored", { time: formatTime(b.taken_at, i18n.language) }));
      onRestored();
    });

  return (
    <section className="library" data-testid="library">
      <Typography.Title level={5}>{t("library.heading")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("library.exportHint")}</Typography.Paragraph>
      <Space wrap>
        <Button icon={<ExportOutlined />} onClick={() => void exportLibrary()} disabled={busy} data-testid="export-library">
          {t("library.export")}
        </Button>
        <Button icon={<SaveOutlined />} onClick={() => void backUp()} disabled={busy} data-testid="back-up-now">
          {t("library.backUpNow")}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" className="library-backups-hint">
        {t("library.backupsHint")}
      </Typography.Paragraph>
      <div className="backup-list">
        {backups.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("library.noBackups")} />}
        {backups.map((b) => (
          <div key={b.name} className="backup" data-testid="backup">
            <Space size={8} wrap>
              <Typography.Text>{formatTime(b.taken_at, i18n.language)}</Typography.Text>
              <Tag>{t(`library.reason.${b.reason}`)}</Tag>
              <Typography.Text type="secondary">{t("library.size", { size: (b.bytes / 1024 / 1024).toFixed(1) })}</Typography.Text>
            </Space>
            <Popconfirm
              title={t("library.restoreConfirm")}
              description={t("library.restoreDetail")}
              okText={t("library.restore")}
              okButtonProps={{ "data-testid": "confirm-restore" } as ButtonProps}
              cancelText={t("remove.cancel")}
              onConfirm={() => void restore(b)}
            >
              <Button size="small" icon={<HistoryOutlined />} disabled={busy} data-testid="restore-backup">
                {t("library.restore")}
              </Button>
            </Popconfirm>
          </div>
        ))}
      </div>
    </section>
  );
}
