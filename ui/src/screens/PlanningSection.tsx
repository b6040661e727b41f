import { useCallback, useEffect, useState } from "react";
import { App, Button, Checkbox, Form, Input, Select, Space, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Account, QueueSlot, Settings, SettingsPatch } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";

const DAYS = [1, 2, 3, 4, 5, 6, 7];
const REMINDER_CHOICES = [5, 10, 15, 30, 60, 120, 1440];

/** `HH:MM` → minutes after midnight, or null. */
function parseClock(text: string): number | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  return h < 24 && mi < 60 ? h * 60 + mi : null;
}

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** Settings: each account's time zone and posting slots, and when reminders come. */
export function PlanningSection({ settings, onChange }: { settings: Settings; onChange: (p: SettingsPatch) => Promise<void> }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [accountId, setAccountId] = useState<number | null>(null);
  const [zones, setZones] = useState<string[]>([]);
  const [slots, setSlots] = useState<QueueSlot[]>([]);
  const [days, setDays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [time, setTime] = useState("20:00");
  const fail = useCallback((e: unknown) => message.error(errorMessage(e)), [message]);

  useEffect(() => {
    backend
      .listAccounts()
      .then((list) => {
        setAccounts(list);
        setAccountId((id) => id ?? settings.publish_account ?? list[0]?.id ?? null);
      })
      .catch(fail);
    backend.listTimeZones().then(setZones).catch(fail);
  }, [backend, fail, settings.publish_account]);

  useEffect(() => {
    if (accountId !== null) backend.listQueueSlots(accountId).then(setSlots).catch(fail);
  }, [backend, accountId, fail]);

  const account = accounts.find((a) => a.id === accountId);
  const minute = parseClock(time);

  const setZone = async (zone: string) => {
    if (accountId === null) return;
    try {
      const changed = await backend.setAccountTimeZone(accountId, zone);
      setAccounts((list) => list.map((a) => (a.id === changed.id ? changed : a)));
      message.success(t("planning.zoneSaved"));
    } catch (e) {
      fail(e);
    }
  };

  const addSlots = async () => {
    if (minute === null || accountId === null) return;
    try {
      setSlots(await backend.addQueueSlots(accountId, days.map((weekday) => ({ weekday, minute }))));
    } catch (e) {
      fail(e);
    }
  };

  const removeSlot = async (id: number) => {
    try {
      await backend.removeQueueSlot(id);
      setSlots((list) => list.filter((s) => s.id !== id));
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section className="planning" data-testid="planning">
      <Typography.Title level={4}>{t("planning.heading")}</Typography.Title>
      <Form layout="vertical">
        <Form.Item label={t("planning.account")}>
          <Select value={accountId ?? undefined} onChange={setAccountId} options={accounts.map((a) => ({ value: a.id, label: a.name }))} style={{ maxWidth: 320 }} data-testid="planning-account" />
        </Form.Item>
        <Form.Item label={t("planning.zone")} extra={t("planning.zoneHint")}>
          <Select
            showSearch
            value={account?.time_zone}
            onChange={(z) => void setZone(z)}
            options={zones.map((z) => ({ value: z, label: z }))}
            style={{ maxWidth: 320 }}
            data-testid="planning-zone"
          />
        </Form.Item>
        <Form.Item label={t("planning.slots")}>
          <Space direction="vertical" style={{ width: "100%" }}>
            <div data-testid="planning-slots">
              {slots.length === 0 && <Typography.Text type="secondary">{t("planning.noSlots")}</Typography.Text>}
              {slots.map((s) => (
                <Tag key={s.id} closable onClose={() => void removeSlot(s.id)} closeIcon={<span aria-label={t("planning.removeSlot")}>×</span>} data-testid="planning-slot">
                  {t(`planning.weekday.${s.weekday}`)} {clock(s.minute)}
                </Tag>
              ))}
            </div>
            <Space wrap>
              <Checkbox.Group value={days} onChange={(v) => setDays(v as number[])} options={DAYS.map((d) => ({ value: d, label: t(`planning.weekday.${d}`) }))} />
              <Button size="small" onClick={() => setDays([1, 2, 3, 4, 5])}>
                {t("planning.weekdays")}
              </Button>
              <Input value={time} onChange={(e) => setTime(e.target.value)} status={minute === null ? "error" : undefined} style={{ width: 90 }} aria-label={t("planning.time")} data-testid="planning-time" />
              <Button icon={<PlusOutlined />} onClick={() => void addSlots()} disabled={minute === null || days.length === 0} data-testid="planning-add-slots">
                {t("planning.addSlots")}
              </Button>
            </Space>
            {minute === null && <Typography.Text type="danger">{t("planning.badTime")}</Typography.Text>}
          </Space>
        </Form.Item>
        <Form.Item label={t("planning.reminders")} extra={t("planning.remindersHint")}>
          <Select
            mode="multiple"
            value={settings.reminder_minutes}
            onChange={(v: number[]) => void onChange({ reminder_minutes: [...v].sort((a, b) => b - a) }).catch(fail)}
            options={REMINDER_CHOICES.map((m) => ({ value: m, label: t("planning.minutes", { count: m }) }))}
            style={{ maxWidth: 420 }}
            data-testid="planning-reminders"
          />
        </Form.Item>
      </Form>
    </section>
  );
}
