import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, App, Button, type ButtonProps, Empty, Input, Modal, Segmented, Select, Space, Tag, Tooltip, Typography } from "antd";
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined, PictureOutlined, PlusOutlined, RollbackOutlined, SendOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Menu, MenuAction, MenuChange, MenuEntry, MenuKind, MenuProblem, MenuState } from "../api";
import { MENU_ACTION_VALUES } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { addEntry, type Drop, entryAt, type MenuPath, moveEntry, nameWidth, newEntry, parsePath, pathOf, removeAt, replaceAt, samePath } from "../menuTree";
import { MediaPicker } from "./DraftMedia";
import { useSync } from "../sync";

const SAVE_DEBOUNCE_MS = 400;

/** The problem's words, with the entry it is about. */
export function problemText(p: MenuProblem, t: (k: string, o?: Record<string, unknown>) => string): string {
  const [i, j] = "at" in p ? p.at : [];
  const place = i === undefined ? "" : j === undefined ? t("menu.place1", { i: i + 1 }) : t("menu.place2", { i: i + 1, j: j + 1 });
  const max = "max" in p ? p.max : "max_chinese" in p ? p.max_chinese : 0;
  return t(`menu.problem.${p.kind}`, { place, max, letters: max * 2 });
}

function changeText(c: MenuChange, t: (k: string, o?: Record<string, unknown>) => string): string {
  const action = (text: string) => {
    const [name, ...param] = text.split(" ");
    return text ? `${t(`menu.action.${name}`)} ${param.join(" ")}`.trim() : t("menu.opensSubEntries");
  };
  const path = c.path.join(" › ");
  switch (c.change) {
    case "kind":
      return t("menu.change.kind", { before: t(`menu.kind.${c.before}`), after: t(`menu.kind.${c.after}`) });
    case "added":
      return t("menu.change.added", { path, after: action(c.after) });
    case "removed":
      return t("menu.change.removed", { path });
    case "action":
      return t("menu.change.action", { path, before: action(c.before), after: action(c.after) });
    case "icon":
      return t("menu.change.icon", { path });
    case "moved":
      return t("menu.change.moved", { path, before: c.before, after: c.after });
  }
}

/** The menu at the bottom of the account's page, phone-sized: `open` is the entry whose sub-entries show. */
function MenuPhone({ menu, open, onOpen, accountName }: { menu: Menu; open: number | null; onOpen: (i: number) => void; accountName: string }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const openEntry = open === null ? undefined : menu.entries[open];
  return (
    <div className="phone menu-phone" data-testid="menu-phone">
      <div className="phone-screen">
        <div className="menu-phone-head">{accountName}</div>
        <div className="menu-phone-body" />
        {menu.kind === "icon" ? (
          <div className="menu-phone-icons">
            {menu.entries.map((e, i) => (
              <div key={i} className="menu-phone-icon" data-testid="menu-phone-entry">
                {e.icon ? <img src={backend.mediaUrl(`thumb/${e.icon}`)} alt="" draggable={false} /> : e.icon_url ? <span className="menu-phone-remote">⬚</span> : <span className="menu-phone-missing">?</span>}
                <span>{e.name || t("menu.unnamed")}</span>
              </div>
            ))}
          </div>
        ) : (
          <>
            {openEntry && openEntry.children.length > 0 && (
              <div className="menu-phone-popup" data-testid="menu-phone-popup">
                {openEntry.children.map((c, j) => (
                  <div key={j}>{c.name || t("menu.unnamed")}</div>
                ))}
              </div>
            )}
            <div className="menu-phone-bar">
              <span className="menu-phone-keyboard" aria-hidden="true">⌨</span>
              {menu.entries.map((e, i) => (
                <button key={i} type="button" className={i === open ? "active" : undefined} onClick={() => onOpen(i)} data-testid="menu-phone-entry">
                  {e.children.length > 0 && "≡ "}
                  {e.name || t("menu.unnamed")}
                </button>
              ))}
            </div>
          </>
        )}
      </div>
    </div>
  );
}

/**
 * The service menu: entries and sub-entries, dragged to reorder and to
 * nest; each entry's action; a phone preview; autosaved as a draft; before
 * publishing, what changes on the platform.
 */
export function MenuEditor({ accountName }: { accountName: string }) {
  const backend = useBackend();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const sync = useSync();
  const [state, setState] = useState<MenuState | null>(null);
  const [menu, setMenu] = useState<Menu | null>(null);
  const [selected, setSelected] = useState<MenuPath | null>(null);
  const [saving, setSaving] = useState<"saved" | "saving" | "failed">("saved");
  const [picking, setPicking] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [drag, setDrag] = useState<{ from: MenuPath; drop: Drop | null } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<Menu | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());

  const load = useCallback(() => {
    // A draft being typed is not overwritten by news from the sync worker.
    if (pending.current) return;
    backend
      .menuState(null)
      .then((s) => {
        setState(s);
        setMenu((m) => (m && s.saved_at !== null ? m : s.draft));
      })
      .catch((e) => message.error(errorMessage(e)));
  }, [backend, message]);
  useEffect(load, [load, sync.revision]);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    chain.current = chain.current.then(async () => {
      const next = pending.current;
      if (!next) return;
      try {
        const s = await backend.saveMenuDraft(next, null);
        if (pending.current === next) {
          pending.current = null;
          setSaving("saved");
        }
        setState(s);
      } catch (e) {
        setSaving("failed");
        message.error(errorMessage(e));
      }
    });
    return chain.current;
  }, [backend, message]);
  useEffect(() => () => void flush(), [flush]);

  const change = (next: Menu, select?: MenuEntry) => {
    setMenu(next);
    if (select) setSelected(pathOf(next, select));
    pending.current = next;
    setSaving("saving");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DEBOUNCE_MS);
  };

  if (!state || !menu) return null;
  const entry = selected ? entryAt(menu, selected) : undefined;
  const problemsOf = (path: MenuPath) => state.problems.filter((p) => "at" in p && samePath(p.at, path));
  const widthMax = menu.kind === "text" ? state.limits.text_name_width : state.limits.icon_name_width;
  const entriesMax = menu.kind === "text" ? state.limits.text_entries_max : state.limits.icon_entries_max;

  const setEntry = (patch: Partial<MenuEntry>) => {
    if (!selected || !entry) return;
    const next = { ...entry, ...patch };
    change(replaceAt(menu, selected, next), next);
  };
  const add = (parent?: number) => {
    const made = newEntry(parent === undefined ? t("menu.newEntry") : t("menu.newSubEntry"));
    change(addEntry(menu, made, parent), made);
  };
  const remove = () => {
    if (!selected) return;
    change(removeAt(menu, selected));
    setSelected(null);
  };
  const step = (by: -1 | 1) => {
    if (!selected || !entry) return;
    const siblings = selected.length === 1 ? menu.entries.length : (menu.entries[selected[0]]?.children.length ?? 0);
    const to = (selected.length === 1 ? selected[0] : selected[1]) + by;
    if (to < 0 || to >= siblings) return;
    const target: MenuPath = selected.length === 1 ? [to] : [selected[0], to];
    const moved = moveEntry(menu, selected, { path: target, where: by < 0 ? "before" : "after" });
    if (moved) change(moved, entry);
  };

  // Drag by the handle, with the pointer (mouse, pen or touch; the handle
  // captures it, and the editor hears its moves): the row
  // under it says where the entry lands: its upper or lower third before or
  // after it, its middle (an entry of a text menu) as its last sub-entry.
  const dropAt = (x: number, y: number): Drop | null => {
    const row = document.elementFromPoint(x, y)?.closest<HTMLElement>("[data-menu-path]");
    if (!row) return null;
    const path = parsePath(row.dataset.menuPath ?? "");
    if (!path) return null;
    const box = row.getBoundingClientRect();
    const part = (y - box.top) / box.height;
    if (path.length === 1 && menu.kind === "text" && part > 1 / 3 && part < 2 / 3) return { path, where: "into" };
    return { path, where: part < 0.5 ? "before" : "after" };
  };
  const startDrag = (e: React.PointerEvent, from: MenuPath) => {
    e.preventDefault();
    (e.target as HTMLElement).setPointerCapture?.(e.pointerId);
    setDrag({ from, drop: null });
  };
  const moveDrag = (e: React.PointerEvent) => {
    if (drag) setDrag({ ...drag, drop: dropAt(e.clientX, e.clientY) });
  };
  const endDrag = (e: React.PointerEvent) => {
    if (!drag) return;
    const drop = dropAt(e.clientX, e.clientY);
    setDrag(null);
    if (!drop) return;
    const moving = entryAt(menu, drag.from)!;
    const moved = moveEntry(menu, drag.from, drop);
    if (moved) change(moved, moving);
    else if (!samePath(drop.path, drag.from)) message.warning(t("menu.cannotDrop"));
  };

  const row = (e: MenuEntry, path: MenuPath) => {
    const problems = problemsOf(path);
    const dropHere = drag?.drop && samePath(drag.drop.path, path) ? drag.drop.where : undefined;
    return (
      <div
        key={path.join(".")}
        className={`menu-row${path.length === 2 ? " sub" : ""}${samePath(selected, path) ? " selected" : ""}${dropHere ? ` drop-${dropHere}` : ""}`}
        data-menu-path={path.join(".")}
        data-testid="menu-entry"
        data-name={e.name}
        onClick={() => setSelected(path)}
      >
        <span className="menu-handle" onPointerDown={(ev) => startDrag(ev, path)} data-testid="menu-handle" title={t("menu.dragHint")}>
          <HolderOutlined />
        </span>
        {menu.kind === "icon" && (e.icon ? <img className="menu-row-icon" src={backend.mediaUrl(`thumb/${e.icon}`)} alt="" draggable={false} /> : <span className="menu-row-icon" />)}
        <span className="menu-row-name">{e.name || t("menu.unnamed")}</span>
        <span className="menu-row-action">{e.children.length ? t("menu.subEntries", { count: e.children.length }) : t(`menu.action.${e.action}`)}</span>
        {problems.length > 0 && (
          <Tooltip title={problems.map((p) => problemText(p, t)).join(" ")}>
            <Tag color="error" data-testid="menu-entry-problem">
              !
            </Tag>
          </Tooltip>
        )}
        {path.length === 1 && menu.kind === "text" && (
          <Tooltip title={t("menu.addSubEntry")}>
            <Button
              size="small"
              type="text"
              icon={<PlusOutlined />}
              aria-label={t("menu.addSubEntry")}
              data-testid="menu-add-sub"
              onClick={(ev) => {
                ev.stopPropagation();
                add(path[0]);
              }}
            />
          </Tooltip>
        )}
      </div>
    );
  };

  const publish = async () => {
    setBusy(true);
    try {
      await flush();
      await backend.publishMenu(null);
      setConfirming(false);
      message.success(t("menu.published"));
      sync.refresh();
      setState(await backend.menuState(null));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const revert = async () => {
    try {
      await flush();
      const s = await backend.revertMenuDraft(null);
      setState(s);
      setMenu(s.draft);
      setSelected(null);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const paramHint: Record<MenuAction, string> = {
    link: "https://…  ·  alipays://platformapi/startapp?appId=…",
    tel: "0571-12345678",
    map: t("menu.paramHint.map"),
    out: "member_card",
    consumption: t("menu.paramHint.consumption"),
  };
  const last = state.last_publish;
  const liveMenu = state.live?.menu;
  const width = entry ? nameWidth(entry.name) : 0;

  return (
    <div className="menu-editor" data-testid="menu-editor" onPointerMove={drag ? moveDrag : undefined} onPointerUp={drag ? endDrag : undefined} onPointerCancel={() => setDrag(null)}>
      <div className="menu-toolbar">
        <Segmented<MenuKind>
          value={menu.kind}
          onChange={(kind) => change({ ...menu, kind })}
          options={(["text", "icon"] as MenuKind[]).map((k) => ({ value: k, label: <span data-testid={`menu-kind-${k}`}>{t(`menu.kind.${k}`)}</span> }))}
        />
        <Typography.Text type="secondary" data-testid="menu-save-state">
          {t(`menu.save.${saving}`)}
        </Typography.Text>
        <span className="spacer" />
        <Button icon={<RollbackOutlined />} onClick={() => void revert()} disabled={!liveMenu && menu.entries.length === 0} data-testid="menu-revert">
          {t("menu.revert")}
        </Button>
        <Button type="primary" icon={<SendOutlined />} onClick={() => setConfirming(true)} disabled={state.problems.length > 0 || (state.changes.length === 0 && !!liveMenu)} data-testid="menu-publish">
          {t("menu.publish")}
        </Button>
      </div>
      <Typography.Paragraph type="secondary" className="menu-status" data-testid="menu-status">
        {state.live ? (liveMenu ? t("menu.liveRead", { time: formatTime(state.live.fetched_at, i18n.language) }) : t("menu.noLiveMenu")) : t("menu.notRead")}
        {last && (
          <>
            {" · "}
            <span data-testid="menu-last-publish" data-status={last.status}>
              {t(`menu.publishStatus.${last.status}`, { time: formatTime(last.updated_at, i18n.language) })}
              {last.words && `: ${last.words}`}
            </span>
          </>
        )}
      </Typography.Paragraph>
      <div className="menu-columns">
        <div className="menu-tree" data-testid="menu-tree">
          {menu.entries.length === 0 && <Empty description={t("menu.empty")} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {menu.entries.map((e, i) => [row(e, [i]), ...e.children.map((c, j) => row(c, [i, j]))])}
          <Button block type="dashed" icon={<PlusOutlined />} onClick={() => add()} disabled={menu.entries.length >= entriesMax} data-testid="menu-add">
            {t("menu.addEntry", { count: menu.entries.length, max: entriesMax })}
          </Button>
          <Typography.Text type="secondary" className="menu-drag-hint">
            {menu.kind === "text" ? t("menu.dragHintText") : t("menu.dragHintIcon")}
          </Typography.Text>
        </div>
        <div className="menu-form" data-testid="menu-form">
          {!entry ? (
            <Typography.Text type="secondary">{t("menu.pickEntry")}</Typography.Text>
          ) : (
            <Space direction="vertical" style={{ width: "100%" }}>
              <label className="menu-field">
                <span>{t("menu.name")}</span>
                <Input value={entry.name} onChange={(ev) => setEntry({ name: ev.target.value })} onBlur={() => void flush()} status={width > widthMax ? "error" : undefined} suffix={<span className={width > widthMax ? "menu-width over" : "menu-width"}>{`${width}/${widthMax}`}</span>} data-testid="menu-name" />
                <Typography.Text type="secondary">{t("menu.nameHint", { chinese: widthMax / 2, letters: widthMax })}</Typography.Text>
              </label>
              {entry.children.length > 0 ? (
                <Typography.Text type="secondary">{t("menu.parentHint")}</Typography.Text>
              ) : (
                <>
                  <label className="menu-field">
                    <span>{t("menu.actionLabel")}</span>
                    <Select<MenuAction> value={entry.action} onChange={(action) => setEntry({ action })} options={MENU_ACTION_VALUES.map((a: MenuAction) => ({ value: a, label: t(`menu.action.${a}`) }))} data-testid="menu-action" />
                  </label>
                  {entry.action !== "consumption" && (
                    <label className="menu-field">
                      <span>{t(`menu.param.${entry.action}`)}</span>
                      <Input value={entry.param} placeholder={paramHint[entry.action]} onChange={(ev) => setEntry({ param: ev.target.value })} onBlur={() => void flush()} inputMode={entry.action === "tel" ? "tel" : undefined} data-testid="menu-param" />
                    </label>
                  )}
                  {entry.action === "consumption" && <Typography.Text type="secondary">{paramHint.consumption}</Typography.Text>}
                </>
              )}
              {menu.kind === "icon" && (
                <div className="menu-field">
                  <span>{t("menu.icon")}</span>
                  <Space>
                    {entry.icon && <img className="menu-icon-preview" src={backend.mediaUrl(`thumb/${entry.icon}`)} alt="" draggable={false} />}
                    <Button icon={<PictureOutlined />} onClick={() => setPicking(true)} data-testid="menu-icon-choose">
                      {entry.icon ? t("menu.replaceIcon") : t("menu.chooseIcon")}
                    </Button>
                  </Space>
                  <Typography.Text type="secondary">{t("menu.iconHint")}</Typography.Text>
                </div>
              )}
              {problemsOf(selected!).map((p, k) => (
                <Alert key={k} type="error" showIcon title={problemText(p, t)} data-testid="menu-form-problem" />
              ))}
              <Space>
                <Tooltip title={t("menu.moveUp")}>
                  <Button icon={<ArrowUpOutlined />} aria-label={t("menu.moveUp")} onClick={() => step(-1)} />
                </Tooltip>
                <Tooltip title={t("menu.moveDown")}>
                  <Button icon={<ArrowDownOutlined />} aria-label={t("menu.moveDown")} onClick={() => step(1)} />
                </Tooltip>
                <Button danger icon={<DeleteOutlined />} onClick={remove} data-testid="menu-remove">
                  {t("menu.remove")}
                </Button>
              </Space>
            </Space>
          )}
        </div>
        <MenuPhone menu={menu} open={selected ? selected[0] : null} onOpen={(i) => setSelected([i])} accountName={accountName} />
      </div>
      {state.problems.filter((p) => !("at" in p)).map((p, k) => (
        <Alert key={k} type="warning" showIcon title={problemText(p, t)} data-testid="menu-problem" style={{ marginTop: 12 }} />
      ))}
      <Modal
        open={confirming}
        title={t("menu.confirmTitle")}
        okText={t("menu.publish")}
        cancelText={t("menu.cancel")}
        confirmLoading={busy}
        onOk={() => void publish()}
        onCancel={() => setConfirming(false)}
        okButtonProps={{ "data-testid": "menu-publish-confirm" } as ButtonProps}
      >
        <Typography.Paragraph>{liveMenu ? t("menu.confirmChanges") : t("menu.confirmFirst")}</Typography.Paragraph>
        <ul className="menu-changes" data-testid="menu-changes">
          {state.changes.map((c, k) => (
            <li key={k} data-change={c.change}>
              {changeText(c, t)}
            </li>
          ))}
        </ul>
      </Modal>
      <MediaPicker
        open={picking}
        kind="image"
        multiple={false}
        onCancel={() => setPicking(false)}
        onPick={(assets) => {
          setPicking(false);
          if (assets[0]) setEntry({ icon: assets[0].hash, icon_url: "" });
        }}
      />
    </div>
  );
}
