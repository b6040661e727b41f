import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, App, Button, type ButtonProps, Empty, Input, Modal, Segmented, Select, Space, Switch, Tag, Typography } from "antd";
import { HistoryOutlined, PictureOutlined, PlusOutlined, RollbackOutlined, SendOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { FollowerMessage, MessageFields, MessageKind, MessageProblem, MessageStatus } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { MediaPicker } from "./DraftMedia";
import { HistoryDrawer, type Version } from "./HistoryDrawer";
import { useSync } from "../sync";

const SAVE_DEBOUNCE_MS = 400;
const BENEFIT_MAX = 10;
const KEYWORDS_MAX = 5;
const PREVIEWERS_MAX = 10;

const STATUS_COLORS: Record<MessageStatus, string> = {
  draft: "default",
  sending: "processing",
  sent: "success",
  failed: "error",
  recalling: "processing",
  recalled: "default",
};

const editable = (m: FollowerMessage) => m.status === "draft" || m.status === "failed";

/** `YYYY-MM-DD HH:MM` in this machine's zone, to Unix ms; `null` when unreadable. */
function parseLocal(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi).getTime();
  return Number.isNaN(at) ? null : at;
}

/**
 * Messages to followers (群发): written here and saved as typed; an
 * image-text one's content page made first for named accounts to preview;
 * sent to every follower once, now or at a time; recalled with a confirmation.
 */
/** The code of a send whose answer never came (`sync.outcome_unknown`). */
const OUTCOME_UNKNOWN = "sync.outcome_unknown";

export function MessagesPanel({ openId = null }: { openId?: number | null }) {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message: toast, modal } = App.useApp();
  const sync = useSync();
  const [messages, setMessages] = useState<FollowerMessage[] | null>(null);
  const [selected, setSelected] = useState<number | null>(openId);
  const [fields, setFields] = useState<MessageFields | null>(null);
  const [problems, setProblems] = useState<MessageProblem[]>([]);
  const [saving, setSaving] = useState<"saved" | "saving" | "failed">("saved");
  const [picking, setPicking] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const [when, setWhen] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<{ id: number; fields: MessageFields } | null>(null);

  const load = useCallback(() => {
    backend.listMessages(null).then(setMessages).catch((e) => toast.error(errorMessage(e)));
  }, [backend, toast]);
  useEffect(load, [load, sync.revision]);

  const current = messages?.find((m) => m.id === selected) ?? null;
  const [historyOpen, setHistoryOpen] = useState(false);
  // Read again when another message is chosen or this one is saved.
  const historyAt = current?.updated_at;
  const loadHistory = useCallback(
    (): Promise<Version[]> =>
      selected === null ? Promise.resolve([]) : backend.messageRevisions(selected).then((list) => list.map((r) => ({ id: r.id, reason: r.reason, updated_at: r.updated_at, title: r.fields.title, body: r.fields.body }))),
    [backend, selected, historyAt],
  );
  // The platform's words when it refused; else why it stopped, and when no answer came, that it may have gone out.
  const failedWords = (m: FollowerMessage) =>
    m.words || (m.error_code && m.error_code !== OUTCOME_UNKNOWN ? t(`activity.error.${m.error_code}`, { defaultValue: m.error_code }) : t("messages.maybeSent"));
  useEffect(() => {
    // The words shown are the ones typed; news from the sync worker does not overwrite them.
    if (current && pending.current?.id !== current.id) setFields(current.fields);
  }, [current]);
  useEffect(() => {
    if (fields) backend.messageProblems(fields).then(setProblems).catch(() => setProblems([]));
  }, [backend, fields]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const next = pending.current;
    if (!next) return;
    try {
      const saved = await backend.updateMessage(next.id, next.fields);
      if (pending.current === next) {
        pending.current = null;
        setSaving("saved");
      }
      setMessages((all) => all?.map((m) => (m.id === saved.id ? saved : m)) ?? null);
    } catch (e) {
      setSaving("failed");
      toast.error(errorMessage(e));
    }
  }, [backend, toast]);
  useEffect(() => () => void flush(), [flush]);

  const change = (patch: Partial<MessageFields>) => {
    if (!current || !fields) return;
    const next = { ...fields, ...patch };
    setFields(next);
    pending.current = { id: current.id, fields: next };
    setSaving("saving");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DEBOUNCE_MS);
  };

  const create = async () => {
    await flush();
    try {
      const made = await backend.createMessage({ kind: "text", title: "", body: "", summary: "", comments: false, benefit: "", keywords: [], previewers: [] }, null);
      setMessages((all) => [made, ...(all ?? [])]);
      setSelected(made.id);
      setFields(made.fields);
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  const act = async (work: () => Promise<FollowerMessage>, done: string) => {
    await flush();
    try {
      const m = await work();
      setMessages((all) => all?.map((x) => (x.id === m.id ? m : x)) ?? null);
      toast.success(done);
      sync.refresh();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  const send = (at: number | null) => {
    if (!current) return;
    modal.confirm({
      title: at ? t("messages.confirmSchedule", { time: formatTime(at, i18n.language) }) : t("messages.confirmSend"),
      content: t("messages.confirmSendDetail"),
      okText: t("messages.send"),
      cancelText: t("menu.cancel"),
      okButtonProps: { "data-testid": "message-send-confirm" } as ButtonProps,
      onOk: () => act(() => backend.sendMessage(current.id, at), t("messages.queued")),
    });
  };
  const recall = () => {
    if (!current) return;
    modal.confirm({
      title: t("messages.confirmRecall"),
      content: t("messages.confirmRecallDetail"),
      okText: t("messages.recall"),
      okButtonProps: { danger: true, "data-testid": "message-recall-confirm" } as ButtonProps,
      cancelText: t("menu.cancel"),
      onOk: () => act(() => backend.recallMessage(current.id), t("messages.recallQueued")),
    });
  };

  const at = parseLocal(when);
  const canEdit = !!current && editable(current);
  const problemText = (p: MessageProblem) => t(`messages.problem.${p.kind}`, { max: "max" in p ? p.max : 0 });

  return (
    <div className="messages-panel" data-testid="messages-panel">
      <div className="messages-list">
        <Button block type="dashed" icon={<PlusOutlined />} onClick={() => void create()} data-testid="message-new">
          {t("messages.new")}
        </Button>
        {messages?.length === 0 && <Empty description={t("messages.none")} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        {messages?.map((m) => (
          <div key={m.id} className={`messages-row${m.id === selected ? " selected" : ""}`} onClick={() => void flush().then(() => setSelected(m.id))} data-testid="message-row" data-status={m.status}>
            <span className="messages-row-title">{(m.fields.title || m.fields.body || t("messages.untitled")).slice(0, 40)}</span>
            <Tag color={STATUS_COLORS[m.status]}>{t(`messages.status.${m.status}`)}</Tag>
          </div>
        ))}
      </div>
      <div className="messages-editor">
        {!current || !fields ? (
          <Typography.Text type="secondary">{t("messages.pick")}</Typography.Text>
        ) : (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Space wrap>
              <Segmented<MessageKind>
                value={fields.kind}
                disabled={!canEdit}
                onChange={(kind) => change({ kind })}
                options={(["text", "image_text"] as MessageKind[]).map((k) => ({ value: k, label: <span data-testid={`message-kind-${k}`}>{t(`messages.kind.${k}`)}</span> }))}
              />
              <Typography.Text type="secondary" data-testid="message-save-state">
                {canEdit ? t(`menu.save.${saving}`) : t(`messages.status.${current.status}`)}
              </Typography.Text>
              <Button size="small" icon={<HistoryOutlined />} onClick={() => void flush().then(() => setHistoryOpen(true))} data-testid="message-history">
                {t("history.open")}
              </Button>
            </Space>
            {current.status === "failed" && <Alert type="error" showIcon data-testid="message-failed" title={failedWords(current)} />}
            {current.scheduled_at && current.status === "sending" && <Alert type="info" showIcon title={t("messages.scheduledFor", { time: formatTime(current.scheduled_at, i18n.language) })} />}
            <Input value={fields.title} disabled={!canEdit} placeholder={t("messages.title")} onChange={(e) => change({ title: e.target.value })} onBlur={() => void flush()} data-testid="message-title" />
            <Input.TextArea value={fields.body} disabled={!canEdit} placeholder={fields.kind === "text" ? t("messages.bodyText") : t("messages.bodyPage")} autoSize={{ minRows: 4, maxRows: 12 }} onChange={(e) => change({ body: e.target.value })} onBlur={() => void flush()} data-testid="message-body" />
            {fields.kind === "image_text" && (
              <>
                <Space align="center">
                  {fields.cover && <img className="message-cover" src={backend.mediaUrl(`thumb/${fields.cover}`)} alt="" draggable={false} />}
                  <Button icon={<PictureOutlined />} disabled={!canEdit} onClick={() => setPicking(true)} data-testid="message-cover-choose">
                    {fields.cover ? t("messages.replaceCover") : t("messages.chooseCover")}
                  </Button>
                  <Typography.Text type="secondary">{t("messages.coverHint")}</Typography.Text>
                </Space>
                <Input value={fields.summary} disabled={!canEdit} placeholder={t("messages.summary")} onChange={(e) => change({ summary: e.target.value })} onBlur={() => void flush()} data-testid="message-summary" />
                <Space wrap>
                  <span>
                    <Switch checked={fields.comments} disabled={!canEdit} onChange={(comments) => change({ comments })} /> {t("messages.comments")}
                  </span>
                  <Input value={fields.benefit} disabled={!canEdit} placeholder={t("messages.benefit")} showCount maxLength={BENEFIT_MAX} style={{ width: 220 }} onChange={(e) => change({ benefit: e.target.value })} onBlur={() => void flush()} />
                </Space>
                <Select mode="tags" value={fields.keywords} disabled={!canEdit} placeholder={t("messages.keywords", { max: KEYWORDS_MAX })} onChange={(keywords: string[]) => change({ keywords })} tokenSeparators={[",", "，"]} maxCount={KEYWORDS_MAX} open={false} style={{ width: "100%" }} />
                <Select mode="tags" value={fields.previewers} disabled={!canEdit} placeholder={t("messages.previewers", { max: PREVIEWERS_MAX })} onChange={(previewers: string[]) => change({ previewers })} tokenSeparators={[",", "，", " "]} maxCount={PREVIEWERS_MAX} open={false} style={{ width: "100%" }} data-testid="message-previewers" />
              </>
            )}
            {canEdit && problems.map((p, i) => <Alert key={i} type="warning" showIcon title={problemText(p)} data-testid="message-problem" />)}
            {current.content_url && (
              <Typography.Text type="secondary" data-testid="message-page">
                {t("messages.page")} <Typography.Text copyable>{current.content_url}</Typography.Text>
              </Typography.Text>
            )}
            <Space wrap>
              {canEdit && fields.kind === "image_text" && (
                <Button onClick={() => void act(() => backend.previewMessage(current.id), t("messages.previewQueued"))} disabled={problems.length > 0} data-testid="message-preview">
                  {t("messages.preview")}
                </Button>
              )}
              {canEdit && (
                <>
                  <Button type="primary" icon={<SendOutlined />} disabled={problems.length > 0} onClick={() => send(null)} data-testid="message-send">
                    {t("messages.sendNow")}
                  </Button>
                  <Button disabled={problems.length > 0} onClick={() => setScheduling(true)} data-testid="message-schedule">
                    {t("messages.schedule")}
                  </Button>
                </>
              )}
              {current.status === "sent" && (
                <Button danger icon={<RollbackOutlined />} onClick={recall} data-testid="message-recall">
                  {t("messages.recall")}
                </Button>
              )}
            </Space>
          </Space>
        )}
      </div>
      {current && fields && (
        <HistoryDrawer
          current={fields}
          load={loadHistory}
          canRestore={canEdit}
          restore={(revision) =>
            backend.restoreMessageRevision(current.id, revision).then((m) => {
              setMessages((all) => all?.map((x) => (x.id === m.id ? m : x)) ?? null);
              setFields(m.fields);
            })
          }
          open={historyOpen}
          onClose={() => setHistoryOpen(false)}
        />
      )}
      <MediaPicker
        open={picking}
        kind="image"
        multiple={false}
        onCancel={() => setPicking(false)}
        onPick={(assets) => {
          setPicking(false);
          if (assets[0]) change({ cover: assets[0].hash });
        }}
      />
      <Modal
        open={scheduling}
        title={t("messages.schedule")}
        okText={t("messages.schedule")}
        cancelText={t("menu.cancel")}
        okButtonProps={{ disabled: at === null || at <= Date.now(), "data-testid": "message-schedule-ok" } as ButtonProps}
        onCancel={() => setScheduling(false)}
        onOk={() => {
          setScheduling(false);
          if (at) send(at);
        }}
      >
        <Input value={when} placeholder="2026-12-24 20:00" onChange={(e) => setWhen(e.target.value)} data-testid="message-when" />
        <Typography.Text type="secondary">{t("messages.scheduleHint")}</Typography.Text>
      </Modal>
    </div>
  );
}
