import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { Publication, PublicationStatus } from "./api";
import { formatTime } from "./format";

const COLORS: Record<PublicationStatus, string> = {
  queued: "default",
  under_review: "processing",
  published: "success",
  rejected: "error",
  deleted: "default",
  failed: "warning",
  cancelled: "default",
};

/** Where a draft stands on the platform, as a tag; a rejection's reason in its tooltip. */
export function PublicationTag({ publication, now = Date.now() }: { publication: Publication; now?: number }) {
  const { t, i18n } = useTranslation();
  const scheduled =
    publication.scheduled_at !== null && publication.scheduled_at > now && ["queued", "under_review"].includes(publication.status);
  const label = scheduled
    ? t("publication.scheduledFor", { time: formatTime(publication.scheduled_at ?? 0, i18n.language) })
    : t(`publication.${publication.status}`);
  const tag = (
    <Tag color={COLORS[publication.status]} data-testid="publication-status" data-status={publication.status}>
      {label}
    </Tag>
  );
  return publication.reason ? <Tooltip title={t("publication.rejectedBecause", { reason: publication.reason })}>{tag}</Tooltip> : tag;
}
