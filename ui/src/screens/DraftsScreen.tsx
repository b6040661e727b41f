import { useCallback, useEffect, useMemo, useState } from "react";
import { App, Button, Empty, Input, Popconfirm, Segmented, Space, Spin, Tag, Tooltip, Typography, theme } from "antd";
import type { ButtonProps } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Draft, DraftKind } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { useAutosave } from "../useAutosave";

const NEW_DRAFT_SHORTCUT = "Ctrl+N";

/** The drafts screen: the list on the left, the selected draft's editor on the right. */
export function DraftsScreen() {
  const backend = useBackend();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);

  useEffect(() => {
    backend
      .listDrafts()
      .then((list) => {
        setDrafts(list);
        setSelectedId((id) => id ?? list[0]?.id ?? null);
      })
      .catch((e) => message.error(errorMessage(e)));
  }, [backend, message]);

  const create = useCallback(async () => {
    try {
      const draft = await backend.createDraft({ title: "", body: "" });
      setDrafts((list) => [draft, ...(list ?? [])]);
      setSelectedId(draft.id);
    } catch (e) {
      message.error(errorMessage(e));
    }
  }, [backend, message]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === "n") {
        e.preventDefault();
        void create();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [create]);

  const saved = useCallback((draft: Draft) => {
    setDrafts((list) => (list ? [draft, ...list.filter((d) => d.id !== draft.id)] : [draft]));
  }, []);

  const removed = useCallback(
    (id: number) => {
      setDrafts((list) => {
        const rest = (list ?? []).filter((d) => d.id !== id);
        setSelectedId(rest[0]?.id ?? null);
        return rest;
      });
      message.success(t("remove.done"));
    },
    [message, t],
  );

  const selected = useMemo(() => drafts?.find((d) => d.id === selectedId) ?? null, [drafts, selectedId]);

  if (drafts === null) {
    return (
      <div className="loading">
        <Spin />
      </div>
    );
  }

  return (
    <div className="drafts">
      <section className="draft-list" style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
        <div className="draft-list-header">
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t("drafts.heading")}
            </Typography.Title>
            <Typography.Text type="secondary" data-testid="draft-count">
              {t("drafts.count", { count: drafts.length })}
            </Typography.Text>
          </div>
          <Tooltip title={NEW_DRAFT_SHORTCUT}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void create()} data-testid="new-draft" aria-keyshortcuts="Control+N">
              {t("drafts.new")}
            </Button>
          </Tooltip>
        </div>
        <div className="draft-list-items" role="listbox" aria-label={t("drafts.heading")} data-testid="draft-list">
          {drafts.length === 0 ? (
            <Empty description={t("drafts.empty")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            drafts.map((d) => (
              <DraftListItem key={d.id} draft={d} selected={d.id === selectedId} onSelect={() => setSelectedId(d.id)} />
            ))
          )}
        </div>
      </section>
      {selected ? (
        <DraftEditor key={selected.id} draft={selected} onSaved={saved} onDeleted={removed} />
      ) : (
        <div className="editor">
          <Empty description={t("drafts.pick")} style={{ marginTop: 120 }}>
            <Button type="primary" onClick={() => void create()}>
              {t("drafts.new")}
            </Button>
          </Empty>
        </div>
      )}
    </div>
  );
}

function DraftListItem({ draft, selected, onSelect }: { draft: Draft; selected: boolean; onSelect: () => void }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(draft.updated_at);
  return (
    <div
      className="draft-item"
      role="option"
      aria-selected={selected}
      tabIndex={0}
      data-testid="draft-item"
      data-draft-id={draft.id}
      onClick={onSelect}
      onKeyDown={(e) => e.key === "Enter" && onSelect()}
      style={selected ? { background: token.controlItemBgActive, borderInlineStartColor: token.colorPrimary } : undefined}
    >
      <div className="draft-item-title" data-testid="draft-item-title">
        {draft.title || <Typography.Text type="secondary">{t("drafts.untitled")}</Typography.Text>}
      </div>
      <Space size={6}>
        <Tag bordered={false}>{t(`kind.${draft.kind}`)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("drafts.updated", { time })}
        </Typography.Text>
      </Space>
    </div>
  );
}

function DraftEditor({ draft, onSaved, onDeleted }: { draft: Draft; onSaved: (d: Draft) => void; onDeleted: (id: number) => void }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<DraftKind>(draft.kind);
  const [title, setTitle] = useState(draft.title);
  const [body, setBody] = useState(draft.body);
  const autosave = useAutosave(draft.id, onSaved);

  const remove = async () => {
    try {
      await backend.deleteDraft(draft.id);
      onDeleted(draft.id);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const status =
    autosave.state === "failed" ? (
      <Tooltip title={autosave.error}>
        <Typography.Text type="danger" data-testid="save-status" data-state="failed">
          {t("save.failed")}{" "}
          <Button size="small" type="link" onClick={() => void autosave.flush()}>
            {t("save.retry")}
          </Button>
        </Typography.Text>
      </Tooltip>
    ) : (
      <Typography.Text type="secondary" data-testid="save-status" data-state={autosave.state}>
        {t(autosave.state === "saving" ? "save.saving" : "save.saved")}
      </Typography.Text>
    );

  return (
    <section className="editor" aria-label={t("editor.title")}>
      <div className="editor-bar">
        <Segmented<DraftKind>
          value={kind}
          aria-label={t("editor.kind")}
          options={[
            { value: "image_text", label: <span data-testid="kind-image_text">{t("kind.image_text")}</span> },
            { value: "video", label: <span data-testid="kind-video">{t("kind.video")}</span> },
          ]}
          onChange={(value) => {
            setKind(value);
            autosave.change({ kind: value });
            void autosave.flush();
          }}
        />
        <Space>
          {status}
          <Popconfirm
            title={t("remove.confirm")}
            description={t("remove.detail")}
            okText={t("remove.ok")}
            cancelText={t("remove.cancel")}
            okButtonProps={{ danger: true, "data-testid": "confirm-delete" } as ButtonProps}
            onConfirm={() => void remove()}
          >
            <Button icon={<DeleteOutlined />} danger data-testid="delete-draft">
              {t("remove.action")}
            </Button>
          </Popconfirm>
        </Space>
      </div>
      <Input
        className="editor-title"
        variant="borderless"
        size="large"
        aria-label={t("editor.title")}
        placeholder={t("editor.titlePlaceholder")}
        value={title}
        data-testid="title-input"
        onChange={(e) => {
          setTitle(e.target.value);
          autosave.change({ title: e.target.value });
        }}
        onBlur={() => void autosave.flush()}
      />
      <Input.TextArea
        variant="borderless"
        aria-label={t("editor.body")}
        placeholder={t("editor.bodyPlaceholder")}
        autoSize={{ minRows: 12 }}
        value={body}
        data-testid="body-input"
        onChange={(e) => {
          setBody(e.target.value);
          autosave.change({ body: e.target.value });
        }}
        onBlur={() => void autosave.flush()}
      />
      <Typography.Text type="secondary">{t("editor.characters", { count: [...body].length })}</Typography.Text>
    </section>
  );
}
