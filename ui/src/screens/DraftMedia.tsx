import { useCallback, useEffect, useState } from "react";
import { App, Button, Empty, Input, Modal, Space, Tooltip, Typography } from "antd";
import type { ButtonProps } from "antd";
import { ArrowLeftOutlined, ArrowRightOutlined, CloseOutlined, PictureOutlined, PlusOutlined, ScissorOutlined, VideoCameraOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { DraftKind, DraftMedium, FocalPoint, MediaAsset, MediaKind } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { ImportStatus, formatDuration, useMediaImport } from "../mediaImport";
import type { MediaImport } from "../mediaImport";
import { CoverCropper } from "./CoverCropper";
import { MediaTile } from "./MediaScreen";

const CENTER: FocalPoint = { x: 0.5, y: 0.5 };

/** A draft's media and the assets they are, kept in step with the library. */
export function useDraftMedia(draftId: number) {
  const backend = useBackend();
  const { message } = App.useApp();
  const [media, setMedia] = useState<DraftMedium[]>([]);
  const [assets, setAssets] = useState<Map<string, MediaAsset>>(new Map());

  const know = useCallback((found: MediaAsset[]) => setAssets((known) => new Map([...known, ...found.map((a) => [a.hash, a] as const)])), []);

  useEffect(() => {
    let current = true;
    setMedia([]);
    backend
      .getDraftMedia(draftId)
      .then(async (m) => {
        const found = await backend.getMedia(m.map((x) => x.hash));
        if (!current) return;
        know(found);
        setMedia(m);
      })
      .catch((e) => message.error(errorMessage(e)));
    return () => {
      current = false;
    };
  }, [backend, draftId, know, message]);

  const save = useCallback(
    async (next: DraftMedium[]) => {
      const before = media;
      setMedia(next);
      try {
        setMedia(await backend.setDraftMedia(draftId, next));
      } catch (e) {
        setMedia(before);
        message.error(errorMessage(e));
      }
    },
    [backend, draftId, media, message],
  );
  return { media, assets, know, save };
}

export type DraftMediaState = ReturnType<typeof useDraftMedia>;

/** What the phone preview shows on top: the cover as it will be cut, else the first picture's default cut. */
export function previewCover(kind: DraftKind, media: DraftMedium[]): string | null {
  const cover = media.find((m) => m.role === "cover") ?? (kind === "image_text" ? media.find((m) => m.role === "image") : undefined);
  if (!cover) return null;
  const f = cover.role === "cover" ? (cover.focal ?? CENTER) : CENTER;
  return `cover/${cover.hash}/${Math.round(f.x * 1000)}/${Math.round(f.y * 1000)}`;
}

/** Adds what was dropped or pasted on the composer: pictures as images (a video post's as its cover), a video as the video. */
export function placeImported(kind: DraftKind, media: DraftMedium[], imported: MediaAsset[]): DraftMedium[] {
  let next = [...media];
  for (const a of imported) {
    if (a.kind === "video") {
      next = [...next.filter((m) => m.role !== "video"), { hash: a.hash, role: "video", focal: null }];
    } else if (kind === "video") {
      next = [...next.filter((m) => m.role !== "cover"), { hash: a.hash, role: "cover", focal: null }];
    } else if (!next.some((m) => m.role === "image" && m.hash === a.hash)) {
      next.push({ hash: a.hash, role: "image", focal: null });
    }
  }
  return next;
}

/** The composer's pictures, video and cover. */
export function DraftMediaSection({ kind, state, importer }: { kind: DraftKind; state: DraftMediaState; importer: MediaImport }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const { media, assets, save } = state;
  const [picking, setPicking] = useState<null | "image" | "video" | "cover">(null);
  const [cropping, setCropping] = useState(false);
  const images = media.filter((m) => m.role === "image");
  const video = media.find((m) => m.role === "video");
  const cover = media.find((m) => m.role === "cover");
  const coverAsset = cover ? assets.get(cover.hash) : undefined;

  const move = (hash: string, by: -1 | 1) => {
    const order = images.map((m) => m.hash);
    const at = order.indexOf(hash);
    const to = at + by;
    if (to < 0 || to >= order.length) return;
    [order[at], order[to]] = [order[to]!, order[at]!];
    void save([...order.map((h) => images.find((m) => m.hash === h)!), ...media.filter((m) => m.role !== "image")]);
  };
  const setCover = (hash: string) => void save([...media.filter((m) => m.role !== "cover"), { hash, role: "cover", focal: null }]);

  const picked = (chosen: MediaAsset[]) => {
    state.know(chosen);
    if (picking === "image") {
      const have = new Set(images.map((m) => m.hash));
      void save([...media, ...chosen.filter((a) => !have.has(a.hash)).map((a): DraftMedium => ({ hash: a.hash, role: "image", focal: null }))]);
    } else if (picking === "video" && chosen[0]) {
      void save([...media.filter((m) => m.role !== "video"), { hash: chosen[0].hash, role: "video", focal: null }]);
    } else if (picking === "cover" && chosen[0]) {
      setCover(chosen[0].hash);
    }
    setPicking(null);
  };

  return (
    <div className="draft-media" data-testid="draft-media">
      <ImportStatus importer={importer} />
      {kind === "image_text" ? (
        <>
          <label>{t("media.images", { count: images.length })}</label>
          <div className="media-strip" data-testid="draft-images">
            {images.map((m, i) => {
              const a = assets.get(m.hash);
              return (
                <div key={m.hash} className="media-slot" data-testid="draft-image">
                  {a ? <MediaTile asset={a} /> : <div className="media-tile" />}
                  <Space.Compact size="small" className="media-slot-actions">
                    <Button icon={<ArrowLeftOutlined />} disabled={i === 0} onClick={() => move(m.hash, -1)} aria-label={t("media.earlier")} />
                    <Button icon={<ArrowRightOutlined />} disabled={i === images.length - 1} onClick={() => move(m.hash, 1)} aria-label={t("media.later")} />
                    <Tooltip title={t("media.makeCover")}>
                      <Button icon={<PictureOutlined />} onClick={() => setCover(m.hash)} aria-label={t("media.makeCover")} data-testid="make-cover" />
                    </Tooltip>
                    <Button icon={<CloseOutlined />} onClick={() => void save(media.filter((x) => !(x.role === "image" && x.hash === m.hash)))} aria-label={t("media.removeFromDraft")} />
                  </Space.Compact>
                </div>
              );
            })}
            <button type="button" className="media-add" onClick={() => setPicking("image")} data-testid="add-images">
              <PlusOutlined />
              <span>{t("media.add")}</span>
            </button>
          </div>
        </>
      ) : (
        <>
          <label>{t("media.video")}</label>
          <div className="media-strip">
            {video && assets.get(video.hash) ? (
              <div className="media-slot" data-testid="draft-video">
                <MediaTile asset={assets.get(video.hash)!} />
                <Typography.Text type="secondary">
                  {formatDuration(assets.get(video.hash)!.duration_ms ?? 0)} · {assets.get(video.hash)!.codec}
                </Typography.Text>
                <Button size="small" icon={<CloseOutlined />} onClick={() => void save(media.filter((m) => m.role !== "video"))}>
                  {t("media.removeFromDraft")}
                </Button>
              </div>
            ) : (
              <button type="button" className="media-add" onClick={() => setPicking("video")} data-testid="add-video">
                <VideoCameraOutlined />
                <span>{t("media.addVideo")}</span>
              </button>
            )}
          </div>
        </>
      )}
      <label>{t("media.cover")}</label>
      <div className="media-strip">
        {cover && coverAsset ? (
          <div className="media-slot" data-testid="draft-cover">
            <img className="cover-thumb" src={backend.mediaUrl(previewCover(kind, [cover])!)} alt={t("media.cover")} />
            <Space.Compact size="small" className="media-slot-actions">
              <Button icon={<ScissorOutlined />} onClick={() => setCropping(true)} data-testid="crop-cover">
                {t("cover.adjust")}
              </Button>
              <Button icon={<CloseOutlined />} onClick={() => void save(media.filter((m) => m.role !== "cover"))} aria-label={t("media.removeFromDraft")} />
            </Space.Compact>
          </div>
        ) : (
          <Space orientation="vertical" size={4}>
            <Typography.Text type={kind === "video" ? "warning" : "secondary"}>{kind === "video" ? t("media.coverNeeded") : t("media.coverDefault")}</Typography.Text>
            <Button size="small" icon={<PictureOutlined />} onClick={() => setPicking("cover")} data-testid="choose-cover">
              {t("media.chooseCover")}
            </Button>
          </Space>
        )}
      </div>
      {cover && coverAsset && (
        <CoverCropper
          open={cropping}
          asset={coverAsset}
          focal={cover.focal ?? CENTER}
          onCancel={() => setCropping(false)}
          onSave={(focal) => {
            setCropping(false);
            void save(media.map((m) => (m.role === "cover" ? { ...m, focal } : m)));
          }}
        />
      )}
      <MediaPicker
        open={picking !== null}
        kind={picking === "video" ? "video" : "image"}
        multiple={picking === "image"}
        onCancel={() => setPicking(null)}
        onPick={picked}
      />
    </div>
  );
}

/** Chooses media from the library (or imports new files into it first). */
export function MediaPicker({ open, kind, multiple, onCancel, onPick }: { open: boolean; kind: MediaKind; multiple: boolean; onCancel: () => void; onPick: (a: MediaAsset[]) => void }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [assets, setAssets] = useState<MediaAsset[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const load = useCallback(() => {
    if (open) void backend.listMedia(query).then((all) => setAssets(all.filter((a) => a.kind === kind))).catch(() => setAssets([]));
  }, [backend, query, kind, open]);
  useEffect(load, [load]);
  useEffect(() => setChosen([]), [open]);
  const importer = useMediaImport(
    useCallback(
      (imported: MediaAsset[]) => {
        load();
        const fitting = imported.filter((a) => a.kind === kind).map((a) => a.hash);
        setChosen((c) => (multiple ? [...new Set([...c, ...fitting])] : fitting.slice(0, 1)));
      },
      [load, kind, multiple],
    ),
  );
  const toggle = (hash: string) => setChosen((c) => (c.includes(hash) ? c.filter((h) => h !== hash) : multiple ? [...c, hash] : [hash]));
  return (
    <Modal
      open={open}
      title={kind === "video" ? t("media.pickVideo") : t("media.pickImages")}
      onCancel={onCancel}
      onOk={() => onPick(chosen.map((h) => assets.find((a) => a.hash === h)).filter((a): a is MediaAsset => !!a))}
      okText={t("media.use", { count: chosen.length })}
      cancelText={t("remove.cancel")}
      okButtonProps={{ disabled: !chosen.length, "data-testid": "use-media" } as ButtonProps}
      width={720}
      destroyOnHidden
    >
      <Space style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t("media.search")} value={query} onChange={(e) => setQuery(e.target.value)} style={{ width: 240 }} />
        <Button icon={<PlusOutlined />} onClick={() => void importer.pick(false)} disabled={importer.busy}>
          {t("media.importFiles")}
        </Button>
      </Space>
      <ImportStatus importer={importer} />
      {assets.length ? (
        <div className="media-grid picker" data-testid="media-picker">
          {assets.map((a) => (
            <MediaTile key={a.hash} asset={a} selected={chosen.includes(a.hash)} onClick={() => toggle(a.hash)} />
          ))}
        </div>
      ) : (
        <Empty description={t("media.empty")} />
      )}
    </Modal>
  );
}
