import { useEffect, useState } from "react";
import { Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Reminder } from "./api";
import { useBackend } from "./backend";
import { formatTime } from "./format";

/** Reminders that came due while the app was closed, listed once when it starts. */
export function MissedReminders() {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const [missed, setMissed] = useState<Reminder[]>([]);
  useEffect(() => {
    // Nothing to say if the list cannot be read; the reminders are only a help.
    backend.missedReminders().then(setMissed, () => setMissed([]));
  }, [backend]);
  return (
    <Modal open={missed.length > 0} title={t("calendar.missedTitle")} onOk={() => setMissed([])} onCancel={() => setMissed([])} okText={t("calendar.missedOk")} destroyOnHidden cancelButtonProps={{ style: { display: "none" } }}>
      <Typography.Paragraph>{t("calendar.missedHint")}</Typography.Paragraph>
      <ul data-testid="missed-reminders">
        {missed.map((r) => (
          <li key={`${r.kind}-${r.id}-${r.minutes_before}`}>{t("calendar.missedLine", { title: r.title, time: formatTime(r.starts_at, i18n.language), minutes: r.minutes_before })}</li>
        ))}
      </ul>
    </Modal>
  );
}
