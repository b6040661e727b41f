import { useCallback, useEffect, useState } from "react";
import { App, Button, Descriptions, Drawer, Empty, Input, Popconfirm, Select, Space, Tooltip, Typography } from "antd";
import type { ButtonProps } from "antd";
import { DeleteOutlined, FolderOpenOutlined, PlusOutlined, VideoCameraOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { AssetUse, MediaAsset } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { DropZone, ImportStatus, formatBytes, formatDuration, pastedFiles, useMediaImport } from "../mediaImport";
import { SHORTCUTS } from "../shortcuts";

/** A library tile: the thumbnail, or for a video its length. */
export function MediaTile({ asset, selected, onClick }: { asset: MediaAsset; selected?: boolean; onClick?: () => void }) {
  const backend = useBackend();
  return (
    <button type="button" className={`media-tile ${selected ? "selected" : ""}`} onClick={onClick} data-testid="media-tile" data-name={asset.original_name} title={asset.original_name}>
      {asset.kind === "image" ? (
        <img src={backend.mediaUrl(`thumb/${asset.hash}`)} alt={asset.original_name} loading="lazy" draggable={false} />
      ) : (
        <span className="media-video">
          <VideoCameraOutlined />
          {asset.duration_ms != null && <span>{formatDuration(asset.duration_ms)}</span>}
        </span>
      )}
      <span className="media-name">{asset.original_name}</span>
    </button>
  );
}

/** The media library: import, find, tag, see where each file is used, delete what is unused. */
export function MediaScreen({ onOpenDraft }: { onOpenDraft?: (id: number) => void }) {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [query, setQuery] = useState("");
  const [assets, setAssets] = useState<MediaAsset[] | null>(null);
  const [selected, setSelected] = useState<MediaAsset | null>(null);
  const [uses, setUses] = useState<AssetUse[]>([]);

  const load = useCallback(() => {
    backend.listMedia(query).then(setAssets).catch((e) => message.error(errorMessage(e)));
  }, [backend, query, message]);
  useEffect(load, [load]);
  const importer = useMediaImport(load);

  useEffect(() => {
    if (!selected) return;
    backend.mediaUses(selected.hash).then(setUses).catch(() => setUses([]));
  }, [backend, selected]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && !e.shiftKey && e.key.toLowerCase() === "i") {
        e.preventDefault();
        void importer.pick(false);
      }
    };
    const onPaste = (e: ClipboardEvent) => {
      const files = pastedFiles(e);
      if (files.length) {
        e.preventDefault();
        void importer.importFiles(files);
      }
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("paste", onPaste);
    };
  }, [importer]);

  const saveTags = async (tags: string[]) => {
    if (!selected) return;
    try {
      const tagged = await backend.tagMedia(selected.hash, tags);
      setSelected(tagged);
      setAssets((all) => all?.map((a) => (a.hash === tagged.hash ? tagged : a)) ?? null);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const remove = async () => {
    if (!selected) return;
    try {
      await backend.deleteMedia(selected.hash);
      setSelected(null);
      message.success(t("media.deleted"));
      load();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <DropZone className="settings media-screen" onFiles={(files) => void importer.importFiles(files)} hint={t("media.dropHere")} testId="media-drop">
      <div className="editor-bar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("media.heading")}
        </Typography.Title>
        <Space>
          <Input.Search allowClear placeholder={t("media.search")} value={query} onChange={(e) => setQuery(e.target.value)} style={{ width: 260 }} data-testid="media-search" />
          <Tooltip title={`${t("media.importFiles")} ${SHORTCUTS.importMedia}`}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void importer.pick(false)} disabled={importer.busy} data-testid="import-files" aria-keyshortcuts="Control+I">
              {t("media.importFiles")}
            </Button>
          </Tooltip>
          <Button icon={<FolderOpenOutlined />} onClick={() => void importer.pick(true)} disabled={importer.busy} data-testid="import-folder">
            {t("media.importFolder")}
          </Button>
        </Space>
      </div>
      <ImportStatus importer={importer} />
      {assets && assets.length === 0 ? (
        <Empty description={query ? t("media.noMatch") : t("media.empty")} />
      ) : (
        <div className="media-grid" data-testid="media-grid">
          {assets?.map((a) => <MediaTile key={a.hash} asset={a} selected={selected?.hash === a.hash} onClick={() => setSelected(a)} />)}
        </div>
      )}
      <Drawer open={selected !== null} onClose={() => setSelected(null)} title={selected?.original_name} size={420} destroyOnHidden>
        {selected && (
          <div className="media-detail" data-testid="media-detail">
            {selected.kind === "image" ? (
              <img className="media-large" src={backend.mediaUrl(`view/${selected.hash}`)} alt={selected.original_name} />
            ) : (
              <div className="media-large media-video">
                <VideoCameraOutlined />
              </div>
            )}
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t("media.format")}>
                {selected.format.toUpperCase()}
                {selected.codec ? ` · ${selected.codec}` : ""}
              </Descriptions.Item>
              <Descriptions.Item label={t("media.size")}>
                {selected.width} × {selected.height} · {formatBytes(selected.bytes)}
              </Descriptions.Item>
              {selected.duration_ms != null && <Descriptions.Item label={t("media.duration")}>{formatDuration(selected.duration_ms)}</Descriptions.Item>}
              <Descriptions.Item label={t("media.importedAt")}>{formatTime(selected.imported_at, i18n.language)}</Descriptions.Item>
            </Descriptions>
            <Typography.Text strong>{t("media.tags")}</Typography.Text>
            <Select mode="tags" value={selected.tags} onChange={(tags) => void saveTags(tags)} placeholder={t("media.addTag")} style={{ width: "100%" }} data-testid="media-tags" tokenSeparators={[",", "，"]} />
            <Typography.Text strong>{t("media.usedIn")}</Typography.Text>
            {uses.length ? (
              <ul className="media-uses" data-testid="media-uses">
                {uses.map((u) => (
                  <li key={u.draft_id}>
                    <Typography.Link onClick={() => onOpenDraft?.(u.draft_id)}>{u.title || t("drafts.untitled")}</Typography.Link>
                  </li>
                ))}
              </ul>
            ) : (
              <Typography.Text type="secondary">{t("media.unused")}</Typography.Text>
            )}
            <Popconfirm
              title={t("media.deleteConfirm")}
              description={uses.length ? t("media.deleteInUse", { titles: uses.map((u) => u.title || t("drafts.untitled")).join("、") }) : t("media.deleteDetail")}
              okText={t("remove.ok")}
              cancelText={t("remove.cancel")}
              okButtonProps={{ danger: true, disabled: uses.length > 0, "data-testid": "confirm-delete-media" } as ButtonProps}
              onConfirm={() => void remove()}
            >
              <Button danger icon={<DeleteOutlined />} data-testid="delete-media">
                {t("media.delete")}
              </Button>
            </Popconfirm>
          </div>
        )}
      </Drawer>
    </DropZone>
  );
}
