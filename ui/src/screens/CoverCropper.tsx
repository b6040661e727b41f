import { useRef, useState } from "react";
import { Modal, Typography } from "antd";
import type { ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import type { FocalPoint, MediaAsset } from "../api";
import { useBackend } from "../backend";

/** The cover's aspect: 3 wide by 4 high. */
const COVER_ASPECT = 3 / 4;
/** The largest the picture is shown while cropping, CSS pixels. */
const SHOWN = { width: 520, height: 440 };
/** How far an arrow key moves the crop. */
const KEY_STEP = 0.01;

const clamp = (v: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, v));

/**
 * The 3:4 crop window of a `width`×`height` picture around `focal`, as
 * fractions of the picture: the largest such window, centred on the focal
 * point as far as the edges allow (the rendition is cut the same way).
 */
export function coverWindow(width: number, height: number, focal: FocalPoint) {
  const wide = width / height > COVER_ASPECT;
  const w = wide ? (height * COVER_ASPECT) / width : 1;
  const h = wide ? 1 : width / COVER_ASPECT / height;
  return { left: clamp(focal.x - w / 2, 0, 1 - w), top: clamp(focal.y - h / 2, 0, 1 - h), width: w, height: h };
}

/** Moves a cover's 3:4 crop over the picture by dragging (or the arrow keys), with a live preview. */
export function CoverCropper({ asset, focal, open, onCancel, onSave }: { asset: MediaAsset; focal: FocalPoint; open: boolean; onCancel: () => void; onSave: (f: FocalPoint) => void }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const [point, setPoint] = useState<FocalPoint>(focal);
  const picture = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const crop = coverWindow(asset.width, asset.height, point);
  const src = backend.mediaUrl(`view/${asset.hash}`);
  const scale = Math.min(SHOWN.width / asset.width, SHOWN.height / asset.height);

  const moveTo = (clientX: number, clientY: number) => {
    const box = picture.current?.getBoundingClientRect();
    if (!box || !box.width || !box.height) return;
    setPoint({ x: clamp((clientX - box.left) / box.width), y: clamp((clientY - box.top) / box.height) });
  };
  // The point is kept where the window actually is, so an edge is not overshot.
  const settled = (): FocalPoint => ({ x: crop.left + crop.width / 2, y: crop.top + crop.height / 2 });

  return (
    <Modal
      open={open}
      title={t("cover.title")}
      okText={t("cover.save")}
      cancelText={t("remove.cancel")}
      onCancel={onCancel}
      onOk={() => onSave(settled())}
      okButtonProps={{ "data-testid": "save-cover" } as ButtonProps}
      width={760}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("cover.hint")}</Typography.Paragraph>
      <div className="cropper">
        <div
          ref={picture}
          className="cropper-picture"
          style={{ width: Math.round(asset.width * scale), height: Math.round(asset.height * scale) }}
          data-testid="cover-picture"
          tabIndex={0}
          role="slider"
          aria-label={t("cover.title")}
          aria-valuetext={`${Math.round(point.x * 100)}%, ${Math.round(point.y * 100)}%`}
          onPointerDown={(e) => {
            dragging.current = true;
            e.currentTarget.setPointerCapture?.(e.pointerId);
            moveTo(e.clientX, e.clientY);
          }}
          onPointerMove={(e) => dragging.current && moveTo(e.clientX, e.clientY)}
          onPointerUp={() => {
            dragging.current = false;
          }}
          onKeyDown={(e) => {
            const step = { ArrowLeft: [-KEY_STEP, 0], ArrowRight: [KEY_STEP, 0], ArrowUp: [0, -KEY_STEP], ArrowDown: [0, KEY_STEP] }[e.key];
            if (!step) return;
            e.preventDefault();
            const from = settled();
            setPoint({ x: clamp(from.x + step[0]!), y: clamp(from.y + step[1]!) });
          }}
        >
          <img src={src} alt={asset.original_name} draggable={false} />
          <div
            className="cropper-window"
            data-testid="cover-window"
            style={{ left: `${crop.left * 100}%`, top: `${crop.top * 100}%`, width: `${crop.width * 100}%`, height: `${crop.height * 100}%` }}
          />
        </div>
        <div className="cropper-preview" aria-hidden>
          <img
            src={src}
            alt=""
            draggable={false}
            style={{ width: `${100 / crop.width}%`, height: `${100 / crop.height}%`, left: `${(-crop.left / crop.width) * 100}%`, top: `${(-crop.top / crop.height) * 100}%` }}
          />
        </div>
      </div>
    </Modal>
  );
}
