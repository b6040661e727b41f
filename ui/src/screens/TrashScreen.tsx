import { useCallback, useEffect, useState } from "react";
import { App, Button, Empty, List, Tag, Typography } from "antd";
import type { ButtonProps } from "antd";
import { DeleteOutlined, UndoOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Draft } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";

/** Deleted drafts: restore one, or empty the trash after asking. */
export function TrashScreen() {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);

  const load = useCallback(() => {
    backend.listTrash().then(setDrafts).catch((e) => message.error(errorMessage(e)));
  }, [backend, message]);
  useEffect(load, [load]);

  const restore = async (id: number) => {
    try {
      await backend.restoreDraft(id);
      setDrafts((list) => (list ?? []).filter((d) => d.id !== id));
      message.success(t("trash.restored"));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const emptyAll = () => {
    modal.confirm({
      title: t("trash.confirm", { count: drafts?.length ?? 0 }),
      content: t("trash.confirmDetail"),
      okText: t("trash.emptyAll"),
      okButtonProps: { danger: true, "data-testid": "confirm-empty-trash" } as ButtonProps,
      cancelText: t("remove.cancel"),
      onOk: async () => {
        try {
          const count = await backend.emptyTrash();
          setDrafts([]);
          message.success(t("trash.emptied", { count }));
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  };

  return (
    <div className="settings trash">
      <div className="editor-bar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("trash.heading")}
        </Typography.Title>
        <Button danger icon={<DeleteOutlined />} disabled={!drafts?.length} onClick={emptyAll} data-testid="empty-trash">
          {t("trash.emptyAll")}
        </Button>
      </div>
      <List
        loading={drafts === null}
        dataSource={drafts ?? []}
        locale={{ emptyText: <Empty description={t("trash.empty")} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(d) => (
          <List.Item
            data-testid="trash-item"
            actions={[
              <Button key="restore" icon={<UndoOutlined />} onClick={() => void restore(d.id)} data-testid="restore-draft">
                {t("trash.restore")}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={<span data-testid="trash-item-title">{d.title || t("drafts.untitled")}</span>}
              description={
                <>
                  <Tag variant="filled">{t(`kind.${d.kind}`)}</Tag>
                  {d.deleted_at !== null && t("trash.deletedAt", { time: formatTime(d.deleted_at, i18n.language) })}
                </>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}
