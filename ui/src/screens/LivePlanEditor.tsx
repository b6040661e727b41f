import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, App, Button, Checkbox, Drawer, Input, InputNumber, Select, Space, Tag, Typography } from "antd";
import { ArrowDownOutlined, ArrowUpOutlined, CopyOutlined, DeleteOutlined, ExportOutlined, HolderOutlined, PictureOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ActivityItem, LivePlan, LiveProduct, Livestream, MediaAsset, RunSegment } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { MediaPicker } from "./DraftMedia";

const SAVE_AFTER_MS = 600;

/** `list` with the item at `from` moved to `to`. */
function moved<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return list;
  const next = [...list];
  next.splice(to, 0, ...next.splice(from, 1));
  return next;
}

/** Rows reordered by dragging a handle, or by the up and down buttons. */
function Reorderable<T>({ items, onChange, testId, render }: { items: T[]; onChange: (items: T[]) => void; testId: string; render: (item: T, index: number) => React.ReactNode }) {
  const { t } = useTranslation();
  const dragged = useRef<number | null>(null);
  return (
    <div className="plan-rows">
      {items.map((item, i) => (
        <div
          key={i}
          className="plan-row"
          data-testid={testId}
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            if (dragged.current !== null) onChange(moved(items, dragged.current, i));
            dragged.current = null;
          }}
        >
          <span className="plan-handle" draggable onDragStart={() => (dragged.current = i)} aria-hidden="true">
            <HolderOutlined />
          </span>
          <div className="plan-row-body">{render(item, i)}</div>
          <Space.Compact size="small">
            <Button icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => onChange(moved(items, i, i - 1))} aria-label={t("live.planner.up")} title={t("live.planner.up")} />
            <Button icon={<ArrowDownOutlined />} disabled={i === items.length - 1} onClick={() => onChange(moved(items, i, i + 1))} aria-label={t("live.planner.down")} title={t("live.planner.down")} />
            <Button icon={<DeleteOutlined />} onClick={() => onChange(items.filter((_, j) => j !== i))} aria-label={t("live.planner.remove")} title={t("live.planner.remove")} data-testid={`${testId}-remove`} />
          </Space.Compact>
        </div>
      ))}
    </div>
  );
}

/** HH:mm of `minutes` after the start. */
function clock(startsAt: number, minutes: number): string {
  const d = new Date(startsAt + minutes * 60_000);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/**
 * A livestream's preparation: its length, description, cover, the offers
 * it shows, the run sheet that must fit the length, and the checklist.
 * Saved as it is typed; a plan the studio refuses shows why and is kept on
 * screen until it holds.
 */
export function LivePlanEditor({ live, onClose, onSaved }: { live: Livestream; onClose: () => void; onSaved: (live: Livestream) => void }) {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [minutes, setMinutes] = useState(live.minutes);
  const [plan, setPlan] = useState<LivePlan>(live.plan);
  const [problem, setProblem] = useState<string | null>(null);
  const [state, setState] = useState<"saved" | "saving" | "unsaved">("saved");
  const [picking, setPicking] = useState(false);
  const [lead, setLead] = useState(180);
  const [warmup, setWarmup] = useState(live.warmup);
  const [history, setHistory] = useState<ActivityItem[]>([]);
  useEffect(() => {
    backend.livestreamHistory(live.id).then(setHistory).catch(() => setHistory([]));
  }, [backend, live.id, live.status]);
  const [copyAt, setCopyAt] = useState<number>(live.starts_at + 7 * 86_400_000);
  const first = useRef(true);
  const pending = useRef<{ minutes: number; plan: LivePlan } | null>(null);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const save = useCallback(async () => {
    const work = pending.current;
    if (!work) return;
    pending.current = null;
    setState("saving");
    try {
      const saved = await backend.saveLivestreamPlan(live.id, work.minutes, work.plan);
      setProblem(null);
      setState(pending.current ? "unsaved" : "saved");
      onSavedRef.current(saved);
    } catch (e) {
      setProblem(errorMessage(e));
      setState("unsaved");
    }
  }, [backend, live.id]);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    pending.current = { minutes, plan };
    setState("unsaved");
    const timer = setTimeout(() => void save(), SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [minutes, plan, save]);

  const close = async () => {
    await save();
    onClose();
  };

  const set = (patch: Partial<LivePlan>) => setPlan((p) => ({ ...p, ...patch }));
  const setProduct = (i: number, patch: Partial<LiveProduct>) => set({ products: plan.products.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const setSegment = (i: number, patch: Partial<RunSegment>) => set({ segments: plan.segments.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const total = plan.segments.reduce((sum, s) => sum + (s.minutes || 0), 0);
  let at = 0;
  const starts = plan.segments.map((s) => {
    const from = at;
    at += s.minutes || 0;
    return from;
  });
  const dueOf = (id: string) => {
    const i = plan.segments.findIndex((s) => s.products.includes(id));
    return i < 0 ? null : clock(live.starts_at, starts[i] ?? 0);
  };

  const exportSheet = async () => {
    try {
      const path = await backend.pickSheetFile(`${live.title}.md`);
      if (!path) return;
      await save();
      await backend.exportRunSheet(live.id, path);
      message.success(t("live.planner.exported"));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const duplicate = async () => {
    try {
      await save();
      const copy = await backend.duplicateLivestream(live.id, copyAt);
      message.success(t("live.planner.duplicated", { time: formatTime(copy.starts_at, i18n.language) }));
      onSavedRef.current(copy);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const writeWarmup = async () => {
    try {
      await save();
      const draft = await backend.writeWarmupPost(live.id, lead);
      setWarmup({ draft_id: draft.id, lead_minutes: lead });
      message.success(t("live.warmup.written", { time: formatTime(live.starts_at - lead * 60_000, i18n.language) }));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const picked = (assets: MediaAsset[]) => {
    setPicking(false);
    if (assets[0]) set({ cover: assets[0].hash });
  };

  return (
    <Drawer
      open
      width={760}
      title={t("live.planner.heading", { title: live.title })}
      onClose={() => void close()}
      data-testid="live-planner"
      extra={
        <Typography.Text type={state === "saved" ? "secondary" : "warning"} data-testid="plan-save-state" data-state={state}>
          {t(`live.planner.${state}`)}
        </Typography.Text>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <Typography.Text type="secondary">
          {formatTime(live.starts_at, i18n.language)} · {t("live.planner.localOnly")}
        </Typography.Text>
        {problem && (
          <div data-testid="plan-problem">
            <Alert type="error" showIcon message={problem} />
          </div>
        )}
        <div className="plan-head">
          <div className="plan-cover" data-testid="plan-cover">
            {plan.cover ? <img src={backend.mediaUrl(`thumb/${plan.cover}`)} alt="" draggable={false} /> : <PictureOutlined />}
            <Space size="small">
              <Button size="small" onClick={() => setPicking(true)} data-testid="plan-cover-choose">
                {plan.cover ? t("profile.replacePicture") : t("live.planner.cover")}
              </Button>
              {plan.cover && <Button size="small" icon={<DeleteOutlined />} onClick={() => set({ cover: null })} aria-label={t("profile.removePicture")} />}
            </Space>
          </div>
          <Space direction="vertical" style={{ flex: 1 }}>
            <label>
              {t("live.length")}{" "}
              <InputNumber min={1} max={1440} value={minutes} onChange={(v) => setMinutes(v ?? 1)} addonAfter={t("live.planner.min")} data-testid="plan-minutes" />
            </label>
            <Input.TextArea value={plan.description} onChange={(e) => set({ description: e.target.value })} placeholder={t("live.planner.description")} autoSize={{ minRows: 3, maxRows: 6 }} data-testid="plan-description" />
          </Space>
        </div>

        <Typography.Title level={5}>{t("live.planner.products")}</Typography.Title>
        <Reorderable
          items={plan.products}
          testId="plan-product"
          onChange={(products) => set({ products })}
          render={(p, i) => (
            <Space wrap size="small">
              <Select
                size="small"
                value={p.offer.kind}
                onChange={(kind) => setProduct(i, { offer: { ...p.offer, kind } })}
                options={[
                  { value: "mini_app", label: t("live.planner.miniApp") },
                  { value: "voucher", label: t("live.planner.voucher") },
                ]}
                style={{ width: 110 }}
              />
              <Input size="small" value={p.offer.id} onChange={(e) => setProduct(i, { offer: { ...p.offer, id: e.target.value } })} placeholder="ID" style={{ width: 120 }} data-testid="plan-product-id" />
              <Input size="small" value={p.offer.label} onChange={(e) => setProduct(i, { offer: { ...p.offer, label: e.target.value } })} placeholder={t("live.planner.productName")} style={{ width: 150 }} data-testid="plan-product-name" />
              <Input size="small" value={p.price} onChange={(e) => setProduct(i, { price: e.target.value })} placeholder={t("live.planner.price")} style={{ width: 110 }} />
              <Input size="small" value={p.note} onChange={(e) => setProduct(i, { note: e.target.value })} placeholder={t("live.planner.note")} style={{ width: 150 }} />
              <Typography.Text type="secondary" data-testid="plan-product-due">
                {dueOf(p.offer.id) ? t("live.planner.due", { time: dueOf(p.offer.id) }) : t("live.planner.notShown")}
              </Typography.Text>
            </Space>
          )}
        />
        <Button icon={<PlusOutlined />} onClick={() => set({ products: [...plan.products, { offer: { kind: "voucher", id: "", label: "" }, note: "", price: "" }] })} data-testid="plan-add-product">
          {t("live.planner.addProduct")}
        </Button>

        <Typography.Title level={5}>
          {t("live.planner.sheet")}{" "}
          <Typography.Text type={total > minutes ? "danger" : "secondary"} data-testid="plan-total">
            {t("live.planner.total", { total, planned: minutes })}
          </Typography.Text>
        </Typography.Title>
        <Reorderable
          items={plan.segments}
          testId="plan-segment"
          onChange={(segments) => set({ segments })}
          render={(s, i) => (
            <Space direction="vertical" size={4} style={{ width: "100%" }}>
              <Space wrap size="small">
                <Typography.Text code data-testid="plan-segment-time">
                  {clock(live.starts_at, starts[i] ?? 0)}–{clock(live.starts_at, (starts[i] ?? 0) + (s.minutes || 0))}
                </Typography.Text>
                <Input size="small" value={s.title} onChange={(e) => setSegment(i, { title: e.target.value })} placeholder={t("live.planner.segmentTitle")} style={{ width: 200 }} data-testid="plan-segment-title" />
                <InputNumber size="small" min={1} max={1440} value={s.minutes} onChange={(v) => setSegment(i, { minutes: v ?? 1 })} addonAfter={t("live.planner.min")} style={{ width: 120 }} data-testid="plan-segment-minutes" />
                <Select
                  size="small"
                  mode="multiple"
                  value={s.products}
                  onChange={(products) => setSegment(i, { products })}
                  placeholder={t("live.planner.shows")}
                  options={plan.products.filter((p) => p.offer.id.trim()).map((p) => ({ value: p.offer.id, label: p.offer.label || p.offer.id }))}
                  style={{ minWidth: 180 }}
                />
              </Space>
              <Input.TextArea value={s.notes} onChange={(e) => setSegment(i, { notes: e.target.value })} placeholder={t("live.planner.notes")} autoSize={{ minRows: 1, maxRows: 4 }} />
            </Space>
          )}
        />
        <Button icon={<PlusOutlined />} onClick={() => set({ segments: [...plan.segments, { title: "", minutes: 10, notes: "", products: [] }] })} data-testid="plan-add-segment">
          {t("live.planner.addSegment")}
        </Button>

        <Typography.Title level={5}>{t("live.planner.checklist")}</Typography.Title>
        {plan.checklist.map((c, i) => (
          <Space key={i} data-testid="plan-check">
            <Checkbox checked={c.done} onChange={(e) => set({ checklist: plan.checklist.map((x, j) => (j === i ? { ...x, done: e.target.checked } : x)) })} aria-label={c.text} />
            <Input size="small" value={c.text} onChange={(e) => set({ checklist: plan.checklist.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })} style={{ width: 360 }} data-testid="plan-check-text" />
            <Button size="small" icon={<DeleteOutlined />} onClick={() => set({ checklist: plan.checklist.filter((_, j) => j !== i) })} aria-label={t("live.planner.remove")} />
          </Space>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => set({ checklist: [...plan.checklist, { text: "", done: false }] })} data-testid="plan-add-check">
          {t("live.planner.addCheck")}
        </Button>

        <Typography.Title level={5}>{t("live.warmup.heading")}</Typography.Title>
        {warmup ? (
          <Typography.Text data-testid="warmup-linked">
            {t("live.warmup.linked", { time: formatTime(live.starts_at - warmup.lead_minutes * 60_000, i18n.language) })}
          </Typography.Text>
        ) : (
          <Space wrap>
            <Select
              value={lead}
              onChange={setLead}
              aria-label={t("live.warmup.lead")}
              data-testid="warmup-lead"
              style={{ width: 160 }}
              options={[60, 180, 24 * 60, 2 * 24 * 60].map((m) => ({ value: m, label: t("live.warmup.before", { hours: m / 60 }) }))}
            />
            <Button onClick={() => void writeWarmup()} data-testid="write-warmup">
              {t("live.warmup.write")}
            </Button>
          </Space>
        )}

        <Typography.Title level={5}>{t("live.history.heading")}</Typography.Title>
        <div data-testid="live-history">
          {history.map((h) => (
            <div key={h.job.id} className="live-history-row" data-testid="live-history-row" data-state={h.job.state}>
              <Tag color={h.job.state === "done" ? "success" : h.job.state === "failed" ? "error" : h.job.state === "cancelled" ? "default" : "processing"}>
                {t(`activity.state.${h.job.state}`)}
              </Tag>
              <Typography.Text>{t(`activity.kind.${h.job.kind}`)}</Typography.Text>{" "}
              <Typography.Text type="secondary">{formatTime(h.job.updated_at, i18n.language)}</Typography.Text>
              {h.problem && (
                <Typography.Paragraph type={h.job.state === "failed" ? "danger" : "secondary"} style={{ margin: "2px 0 0" }}>
                  {h.problem}
                </Typography.Paragraph>
              )}
            </div>
          ))}
        </div>

        <Space wrap className="plan-actions">
          <Button icon={<ExportOutlined />} onClick={() => void exportSheet()} data-testid="plan-export">
            {t("live.planner.export")}
          </Button>
          <Input value={new Date(copyAt - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16).replace("T", " ")} onChange={(e) => { const v = Date.parse(e.target.value.replace(" ", "T")); if (!Number.isNaN(v)) setCopyAt(v); }} style={{ width: 170 }} aria-label={t("live.planner.copyAt")} data-testid="plan-copy-at" />
          <Button icon={<CopyOutlined />} onClick={() => void duplicate()} data-testid="plan-duplicate">
            {t("live.planner.duplicate")}
          </Button>
        </Space>
      </Space>
      <MediaPicker open={picking} kind="image" multiple={false} onCancel={() => setPicking(false)} onPick={picked} />
    </Drawer>
  );
}
