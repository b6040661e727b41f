import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { App, Button, Checkbox, Popover, Segmented, Select, Space, Switch, Tooltip, Typography } from "antd";
import type { ButtonProps } from "antd";
import { CalendarOutlined, ExportOutlined, LeftOutlined, RightOutlined, UndoOutlined } from "@ant-design/icons";
import FullCalendar from "@fullcalendar/react";
import dayGridPlugin from "@fullcalendar/daygrid";
import timeGridPlugin from "@fullcalendar/timegrid";
import listPlugin from "@fullcalendar/list";
import interactionPlugin from "@fullcalendar/interaction";
import zhCnLocale from "@fullcalendar/core/locales/zh-cn";
import type { DatesSetArg, EventClickArg, EventContentArg, EventDropArg, EventInput } from "@fullcalendar/core";
import { useTranslation } from "react-i18next";
import type { Account, CalendarItem, CalendarKind } from "../api";
import { CALENDAR_KIND_VALUES } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { useSync } from "../sync";
import { QueueView } from "./QueueView";

type View = "month" | "week" | "agenda" | "queue";
const FC_VIEWS: Record<Exclude<View, "queue">, string> = { month: "dayGridMonth", week: "timeGridWeek", agenda: "listWeek" };

/** Account colours, picked by id so an account keeps its colour. */
const PALETTE = ["#1677ff", "#eb2f96", "#13a8a8", "#fa8c16", "#722ed1", "#52c41a", "#2f54eb", "#fa541c"];
export const accountColor = (id: number) => PALETTE[Math.abs(id) % PALETTE.length]!;

/** The most items a day shows in a view before "+N" (the agenda shows them all). */
const PER_DAY: Record<View, number> = { month: 4, week: 12, agenda: 0, queue: 0 };
/** A range this full shows fewer items a day in the month: what it costs to draw follows what is drawn. */
const CROWDED = 1_000;
const PER_DAY_CROWDED = 2;

/** Local midnight of an instant. */
const startOfDay = (ms: number) => {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

/** A move that can be undone: moving it back goes the same way. */
type Move = { item: CalendarItem; from: number; republished: boolean };

/** This computer's zone name, as the calendar shows times in it. */
const userZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `HH:MM` of an instant in this computer's zone. */
const localHour = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
};

/** The calendar: every account's posts, livestreams, messages to followers and free slots; drag to move through the outbox. */
export function CalendarScreen({ onOpenDraft, onOpenLivestream, onOpenMessage }: { onOpenDraft: (id: number) => void; onOpenLivestream: (id: number) => void; onOpenMessage: (id: number) => void }) {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const sync = useSync();
  const calendarRef = useRef<FullCalendar>(null);
  const [view, setView] = useState<View>("month");
  const [range, setRange] = useState<{ from: number; to: number; title: string } | null>(null);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [account, setAccount] = useState<number | null>(null);
  const [kinds, setKinds] = useState<CalendarKind[]>([...CALENDAR_KIND_VALUES]);
  const [items, setItems] = useState<CalendarItem[]>([]);
  const [utc, setUtc] = useState(false);
  const undo = useRef<Move[]>([]);
  const arrived = useRef(0);
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    backend.listAccounts().then(setAccounts).catch((e) => message.error(errorMessage(e)));
  }, [backend, message]);

  const load = useCallback(() => {
    if (!range) return;
    backend
      .calendar(range.from, range.to, account)
      .then((loaded) => {
        arrived.current = performance.now();
        setItems(loaded);
      })
      .catch((e) => message.error(errorMessage(e)));
  }, [backend, range, account, message]);
  // The worker's news (a review finished, an announcement made) reloads the range.
  useEffect(load, [load, sync.revision]);

  // How long the view took to show the data once it arrived, for the benchmark.
  useEffect(() => {
    if (!arrived.current) return;
    const start = arrived.current;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        holder.current?.setAttribute("data-render-ms", String(Math.round(performance.now() - start)));
        holder.current?.setAttribute("data-items", String(items.length));
      }),
    );
  }, [items]);

  const names = useMemo(() => new Map(accounts.map((a) => [a.id, a.name])), [accounts]);
  const events: EventInput[] = useMemo(() => {
    const visible = items.filter((i) => kinds.includes(i.kind));
    // A day shows its first few items and a "+N" that opens the agenda: the
    // view stays as quick with thousands in range as with a handful.
    const cap = view === "month" && visible.length > CROWDED ? PER_DAY_CROWDED : PER_DAY[view];
    const shown: CalendarItem[] = [];
    const more: EventInput[] = [];
    const days = new Map<number, CalendarItem[]>();
    for (const i of visible) {
      const key = startOfDay(i.starts_at);
      const list = days.get(key);
      if (list) list.push(i);
      else days.set(key, [i]);
    }
    for (const [day, list] of days) {
      shown.push(...(cap ? list.slice(0, cap) : list));
      if (cap && list.length > cap) {
        more.push({ id: `more-${day}`, title: t("calendar.more", { count: list.length - cap }), start: day, allDay: true, editable: false, classNames: ["cal-more"], extendedProps: { day } });
      }
    }
    return [
      ...shown.map((i) => ({
        id: `${i.kind}-${i.id}-${i.account_id}`,
        title: i.kind === "slot" ? t("calendar.status.free") : i.title || t("drafts.untitled"),
        start: i.starts_at,
        end: i.ends_at > i.starts_at ? i.ends_at : undefined,
        allDay: false,
        editable: i.move_way !== "fixed",
        durationEditable: false,
        display: i.kind === "slot" ? "list-item" : "block",
        backgroundColor: i.kind === "slot" ? "transparent" : accountColor(i.account_id),
        borderColor: accountColor(i.account_id),
        textColor: i.kind === "slot" ? accountColor(i.account_id) : "#fff",
        classNames: [`cal-${i.kind}`, `cal-status-${i.status}`],
        extendedProps: { item: i },
      })),
      ...more,
    ];
  }, [items, kinds, t, view]);

  const api = () => calendarRef.current?.getApi();

  const changeView = (next: View) => {
    setView(next);
    if (next !== "queue") api()?.changeView(FC_VIEWS[next]);
  };

  const moveBack = useCallback(async () => {
    const last = undo.current.pop();
    if (!last) {
      message.info(t("calendar.nothingToUndo"));
      return;
    }
    try {
      if (last.item.kind === "livestream") await backend.moveLivestream(last.item.id, last.from);
      else if (last.item.kind === "message") await backend.moveMessage(last.item.id, last.from);
      else await backend.movePost(last.item.id, last.item.account_id, last.from, last.republished);
      message.success(t("calendar.movedBack"));
      load();
      sync.refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  }, [backend, load, message, sync, t]);

  // ←/→ page, T today, Ctrl+Z undo the last move (not while typing).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.isContentEditable)) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === "z") {
        e.preventDefault();
        void moveBack();
      } else if (e.ctrlKey || e.metaKey || e.altKey) {
        return;
      } else if (e.key === "ArrowLeft") {
        api()?.prev();
      } else if (e.key === "ArrowRight") {
        api()?.next();
      } else if (e.key === "t" || e.key === "T") {
        api()?.today();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [moveBack]);

  // FullCalendar calls this after every change of options too: only a new range is news.
  const onDatesSet = useCallback((arg: DatesSetArg) => {
    const next = { from: arg.start.getTime(), to: arg.end.getTime(), title: arg.view.title };
    setRange((r) => (r && r.from === next.from && r.to === next.to && r.title === next.title ? r : next));
  }, []);

  const onDrop = (arg: EventDropArg) => {
    const item = arg.event.extendedProps.item as CalendarItem;
    const at = arg.event.start?.getTime();
    if (at === undefined) return arg.revert();
    const done = (republished: boolean) => {
      undo.current.push({ item: { ...item, starts_at: at }, from: item.starts_at, republished });
      message.success(t("calendar.moved", { time: formatTime(at, i18n.language) }));
      load();
      sync.refresh();
    };
    const fail = (e: unknown) => {
      arg.revert();
      message.error(errorMessage(e));
    };
    if (item.kind === "livestream") {
      backend.moveLivestream(item.id, at).then((live) => {
        done(false);
        if (!live.warmup) return;
        const postAt = at - live.warmup.lead_minutes * 60_000;
        modal.confirm({
          title: t("live.warmup.moveTitle"),
          content: t("live.warmup.moveDetail", { time: formatTime(postAt, i18n.language) }),
          okText: t("live.warmup.move"),
          cancelText: t("live.warmup.keep"),
          okButtonProps: { "data-testid": "confirm-move-warmup" } as ButtonProps,
          onOk: () => backend.moveWarmupPost(live.id).then(load, (e) => message.error(errorMessage(e))),
        });
      }, fail);
    } else if (item.kind === "message") {
      backend.moveMessage(item.id, at).then(() => done(false), fail);
    } else if (item.move_way === "republish") {
      modal.confirm({
        title: t("calendar.republishTitle"),
        content: t("calendar.republishContent"),
        okText: t("calendar.republishOk"),
        cancelText: t("calendar.cancel"),
        okButtonProps: { danger: true, "data-testid": "confirm-move-republish" } as ButtonProps,
        onOk: () => backend.movePost(item.id, item.account_id, at, true).then(() => done(true), fail),
        onCancel: () => arg.revert(),
      });
    } else {
      backend.movePost(item.id, item.account_id, at, false).then(() => done(false), fail);
    }
  };

  const onClick = (arg: EventClickArg) => {
    const item = arg.event.extendedProps.item as CalendarItem | undefined;
    if (!item) {
      setView("agenda");
      api()?.changeView(FC_VIEWS.agenda, arg.event.start ?? undefined);
    } else if (item.kind === "post") onOpenDraft(item.id);
    else if (item.kind === "livestream") onOpenLivestream(item.id);
    else if (item.kind === "message") onOpenMessage(item.id);
  };

  // Plain DOM, not a React tree per item: a month holds thousands of them.
  const renderEvent = useCallback(
    (arg: EventContentArg) => {
      const item = arg.event.extendedProps.item as CalendarItem | undefined;
      if (!item) {
        const more = document.createElement("div");
        more.className = "cal-event cal-more-link";
        more.dataset.testid = "calendar-more";
        more.textContent = arg.event.title;
        return { domNodes: [more] };
      }
      const local = localHour(item.starts_at);
      const accountHour = item.account_time.slice(11);
      const differs = item.kind !== "slot" && accountHour !== local;
      const why = item.fixed ? t(`calendar.fixed.${item.fixed}`) : undefined;
      const status = t(`calendar.status.${item.status}`);
      const root = document.createElement("div");
      root.className = "cal-event";
      Object.assign(root.dataset, { testid: "calendar-item", kind: item.kind, id: String(item.id), status: item.status, move: item.move_way, at: String(item.starts_at) });
      root.title = [item.title, status, names.get(item.account_id), why].filter(Boolean).join(" · ");
      const span = (cls: string, text: string) => {
        const el = document.createElement("span");
        el.className = cls;
        el.textContent = text;
        root.appendChild(el);
        return el;
      };
      span("cal-dot", "").setAttribute("aria-hidden", "true");
      if (item.cover) {
        const cover = document.createElement("img");
        cover.className = "cal-cover";
        cover.src = backend.mediaUrl(`thumb/${item.cover}`);
        cover.alt = "";
        cover.draggable = false;
        cover.dataset.testid = "calendar-cover";
        root.appendChild(cover);
      }
      if (!arg.event.allDay) span("cal-time", arg.timeText);
      if (item.kind === "message") span("cal-tag", t("calendar.messageTag"));
      span("cal-title", arg.event.title);
      if (item.kind !== "slot") span("cal-status", status);
      if (differs) span("cal-zone", t("calendar.accountHour", { zone: item.account_zone.split("/").pop(), time: accountHour })).dataset.testid = "account-hour";
      if (why) span("cal-lock", "🔒").setAttribute("aria-label", why);
      return { domNodes: [root] };
    },
    [names, t, backend],
  );

  const exportFile = async () => {
    try {
      const path = await backend.pickCalendarFile("creator-studio.ics");
      if (!path) return;
      const count = await backend.exportCalendar(path, account, utc);
      message.success(t("calendar.exported", { count }));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div className="calendar-screen" data-testid="calendar-screen">
      <div className="calendar-bar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          <CalendarOutlined /> {t("calendar.heading")}
        </Typography.Title>
        <Segmented
          value={view}
          onChange={(v) => changeView(v as View)}
          options={(["month", "week", "agenda", "queue"] as View[]).map((v) => ({ value: v, label: <span data-testid={`calendar-view-${v}`}>{t(`calendar.${v}`)}</span> }))}
        />
        {view !== "queue" && (
          <Space.Compact>
            <Tooltip title={t("calendar.previous")}>
              <Button icon={<LeftOutlined />} onClick={() => api()?.prev()} aria-label={t("calendar.previous")} data-testid="calendar-prev" />
            </Tooltip>
            <Button onClick={() => api()?.today()} data-testid="calendar-today">
              {t("calendar.today")}
            </Button>
            <Tooltip title={t("calendar.next")}>
              <Button icon={<RightOutlined />} onClick={() => api()?.next()} aria-label={t("calendar.next")} data-testid="calendar-next" />
            </Tooltip>
          </Space.Compact>
        )}
        {view !== "queue" && (
          <Typography.Text strong data-testid="calendar-title">
            {range?.title}
          </Typography.Text>
        )}
        <span style={{ flex: 1 }} />
        <Select
          value={account ?? 0}
          onChange={(v) => setAccount(v === 0 ? null : v)}
          style={{ minWidth: 160 }}
          data-testid="calendar-account"
          options={[{ value: 0, label: t("calendar.allAccounts") }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]}
        />
        {view !== "queue" && (
          <Checkbox.Group
            value={kinds}
            onChange={(v) => setKinds(v as CalendarKind[])}
            options={CALENDAR_KIND_VALUES.map((k) => ({ value: k, label: <span data-testid={`calendar-kind-${k}`}>{t(`calendar.kinds.${k}`)}</span> }))}
          />
        )}
        <Tooltip title={t("calendar.undo")}>
          <Button icon={<UndoOutlined />} onClick={() => void moveBack()} aria-label={t("calendar.undo")} data-testid="calendar-undo" />
        </Tooltip>
        <Popover
          trigger="click"
          content={
            <Space direction="vertical">
              <Space>
                <Switch size="small" checked={utc} onChange={setUtc} data-testid="export-utc" />
                {t("calendar.exportUtc")}
              </Space>
              <Button type="primary" onClick={() => void exportFile()} data-testid="export-ics-confirm">
                {t("calendar.export")}
              </Button>
            </Space>
          }
        >
          <Button icon={<ExportOutlined />} data-testid="export-ics">
            {t("calendar.export")}
          </Button>
        </Popover>
      </div>
      <Typography.Text type="secondary" className="calendar-hint">
        {t("calendar.yourZone", { zone: userZone() })} · {t("calendar.keys")}
      </Typography.Text>
      {view === "queue" && <QueueView account={account} onOpenDraft={onOpenDraft} />}
      <div ref={holder} className="calendar-holder" style={{ display: view === "queue" ? "none" : undefined }} data-testid="calendar">
        <FullCalendar
          ref={calendarRef}
          plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
          initialView={FC_VIEWS.month}
          headerToolbar={false}
          locales={[zhCnLocale]}
          locale={i18n.language === "en" ? "en" : "zh-cn"}
          timeZone="local"
          height="100%"
          firstDay={1}
          nowIndicator
          dayMaxEvents={false}
          eventMaxStack={4}
          eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
          slotLabelFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
          events={events}
          datesSet={onDatesSet}
          eventDrop={onDrop}
          eventClick={onClick}
          eventContent={renderEvent}
          eventStartEditable
          editable
          snapDuration="00:15"
        />
      </div>
    </div>
  );
}
