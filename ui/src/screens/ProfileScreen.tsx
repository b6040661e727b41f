import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, App, Button, Form, Input, Space, Tabs, Typography } from "antd";
import { DeleteOutlined, PictureOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { LiveProfile, MediaAsset, Menu, ProfileEdit, ProfileEditStatus, ProfileFields } from "../api";
import { useBackend } from "../backend";
import { MediaPicker } from "./DraftMedia";
import { MenuEditor } from "./MenuEditor";
import { MessagesPanel } from "./MessagesPanel";
import { errorMessage } from "../errors";
import { formatTime } from "../format";
import { StatusList } from "../StatusList";
import { useSync } from "../sync";

/** Shop photos a profile takes (the studio's own cap; the platform names none). */
const SHOP_PHOTOS_MAX = 9;

/** Library pictures chosen for one profile slot: a logo, a background, or the shop photos. */
function PicturesField({ value, onChange, multiple, testId, shape }: { value?: string | string[] | null; onChange?: (v: string | string[] | undefined) => void; multiple: boolean; testId: string; shape: "square" | "wide" | "photo" }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const hashes = value == null ? [] : Array.isArray(value) ? value : [value];
  const set = (next: string[]) => onChange?.(multiple ? (next.length ? next : undefined) : next[0]);
  const picked = (assets: MediaAsset[]) => {
    setPicking(false);
    const chosen = assets.map((a) => a.hash);
    set(multiple ? [...new Set([...hashes, ...chosen])].slice(0, SHOP_PHOTOS_MAX) : chosen.slice(0, 1));
  };
  return (
    <div className="profile-pictures" data-testid={testId}>
      {hashes.map((hash) => (
        <div key={hash} className={`profile-picture ${shape}`} data-testid={`${testId}-picture`}>
          <img src={backend.mediaUrl(`thumb/${hash}`)} alt="" draggable={false} />
          <Button size="small" icon={<DeleteOutlined />} aria-label={t("profile.removePicture")} title={t("profile.removePicture")} onClick={() => set(hashes.filter((h) => h !== hash))} />
        </div>
      ))}
      {(multiple ? hashes.length < SHOP_PHOTOS_MAX : true) && (
        <Button icon={<PictureOutlined />} onClick={() => setPicking(true)} data-testid={`${testId}-choose`}>
          {hashes.length && !multiple ? t("profile.replacePicture") : t("profile.choosePicture")}
        </Button>
      )}
      <MediaPicker open={picking} kind="image" multiple={multiple} onCancel={() => setPicking(false)} onPick={picked} />
    </div>
  );
}

const STATUS_COLORS: Record<ProfileEditStatus, string> = {
  submitting: "processing",
  auditing: "processing",
  approved: "success",
  rejected: "error",
  failed: "error",
  cancelled: "default",
};

/**
 * The profile as the platform shows it now, and beside it the edit under
 * audit, with the fields it changes marked, until the audit ends.
 */
function LiveBesidePending({ live, pending }: { live: LiveProfile; pending: ProfileEdit | null }) {
  const { t, i18n } = useTranslation();
  const rows: Array<[string, string, string | undefined]> = [
    ["name", live.app_name, pending?.fields.app_name],
    ["introduction", live.introduction, pending?.fields.introduction],
    ["greeting", live.public_greeting, pending?.fields.public_greeting],
  ];
  return (
    <div className="profile-live" data-testid="profile-live">
      <Typography.Text type="secondary">{t("profile.liveRead", { time: formatTime(live.fetched_at, i18n.language) })}</Typography.Text>
      <table>
        <thead>
          <tr>
            <th />
            <th>{t("profile.liveNow")}</th>
            {pending && <th>{t("profile.pendingEdit")}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, now, next]) => {
            const differs = pending !== null && next !== undefined && next !== now;
            return (
              <tr key={key} data-testid={`profile-live-${key}`} data-differs={differs ? "yes" : "no"}>
                <th>{t(`profile.${key}`)}</th>
                <td>{now || "—"}</td>
                {pending && <td className={differs ? "profile-differs" : undefined}>{next ?? t("profile.unchanged")}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The profile page roughly as followers see it in the Alipay app,
 * phone-sized: the edit being written (or under audit) over what the
 * platform shows now, and the account's service menu at the bottom.
 */
function ProfilePhone({ fields, live, menu }: { fields: ProfileFields; live: LiveProfile | null; menu: Menu | null }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const thumb = (hash?: string | null) => (hash ? backend.mediaUrl(`thumb/${hash}`) : null);
  const background = thumb(fields.background);
  const logo = thumb(fields.logo);
  const name = fields.app_name?.trim() || live?.app_name || t("profile.previewName");
  const introduction = fields.introduction?.trim() || live?.introduction || "";
  const greeting = fields.public_greeting?.trim() || live?.public_greeting || "";
  return (
    <div className="phone profile-phone" data-testid="profile-phone">
      <div className="phone-screen">
        <div className="profile-phone-background" style={background ? { backgroundImage: `url("${background}")` } : undefined} />
        <div className="profile-phone-head">
          <div className="profile-phone-logo">{logo ? <img src={logo} alt="" draggable={false} /> : name.slice(0, 1)}</div>
          <div className="profile-phone-name" data-testid="profile-phone-name">
            {name}
          </div>
          <div className="profile-phone-follow">{t("profile.previewFollow")}</div>
        </div>
        {introduction && <div className="profile-phone-intro">{introduction}</div>}
        {fields.shop_photos && fields.shop_photos.length > 0 && (
          <div className="profile-phone-photos">
            {fields.shop_photos.slice(0, 6).map((h) => (
              <img key={h} src={thumb(h)!} alt="" draggable={false} />
            ))}
          </div>
        )}
        {greeting && (
          <div className="profile-phone-greeting">
            <span>{name.slice(0, 1)}</span>
            <p>{greeting}</p>
          </div>
        )}
        <div className="profile-phone-spacer" />
        {menu && menu.entries.length > 0 && (
          <div className="menu-phone-bar">
            {menu.entries.slice(0, 4).map((e, i) => (
              <button key={i} type="button" tabIndex={-1}>
                {e.children.length > 0 && "≡ "}
                {e.name}
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

/** The life account's profile: edits go through the platform's audit; a refused edit keeps its text to fix. */
export function ProfileScreen({ openMessage = null }: { openMessage?: number | null }) {
  const backend = useBackend();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sync = useSync();
  const [form] = Form.useForm<ProfileFields>();
  const [edits, setEdits] = useState<ProfileEdit[] | null>(null);
  const [live, setLive] = useState<LiveProfile | null>(null);
  const [busy, setBusy] = useState(false);
  const [menu, setMenu] = useState<Menu | null>(null);
  const typed = Form.useWatch([], form) as ProfileFields | undefined;

  const load = useCallback(() => {
    backend.listProfileEdits(null).then(setEdits).catch((e) => message.error(errorMessage(e)));
    backend.liveProfile(null).then(setLive).catch(() => setLive(null));
    backend.menuState(null).then((m) => setMenu(m.live?.menu ?? null)).catch(() => setMenu(null));
  }, [backend, message]);
  useEffect(load, [load, sync.revision]);

  // The form starts from the edit being written, else from the latest
  // edit, so a rejected one can be fixed and sent again.
  const latest = edits?.[0];
  const shown = useRef<number | "draft" | null>(null);
  useEffect(() => {
    backend
      .profileDraft(null)
      .then((draft) => {
        if (draft && shown.current === null) {
          shown.current = "draft";
          form.setFieldsValue(draft);
        }
      })
      .catch(() => {});
  }, [backend, form]);
  useEffect(() => {
    // Once per edit: reloads on sync news must not overwrite what is being typed.
    if (latest && shown.current !== latest.id && shown.current !== "draft") {
      shown.current = latest.id;
      form.setFieldsValue(latest.fields);
    }
  }, [form, latest]);

  // What is typed is kept as the edit being written, until it is submitted.
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const keepDraft = (_: Partial<ProfileFields>, all: ProfileFields) => {
    shown.current = "draft";
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void backend.saveProfileDraft(all, null).catch((e) => message.error(errorMessage(e))), 400);
  };

  const submit = async (fields: ProfileFields) => {
    setBusy(true);
    clearTimeout(saveTimer.current);
    try {
      await backend.submitProfileEdit(fields, null);
      message.success(t("profile.submitted"));
      load();
      sync.refresh();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const pending = edits?.some((e) => e.status === "submitting" || e.status === "auditing");
  const profileTab = (
    <div className="profile-columns">
      <div className="profile-tab">
        <Typography.Paragraph type="secondary">{t("profile.hint")}</Typography.Paragraph>
        {live && <LiveBesidePending live={live} pending={edits?.find((e) => e.status === "submitting" || e.status === "auditing") ?? null} />}
        {latest?.status === "rejected" && <Alert type="error" showIcon data-testid="profile-rejected" title={t("profile.rejectedBecause", { reason: latest.audit_desc || t("profile.noReason") })} style={{ marginBottom: 16 }} />}
        <Form<ProfileFields> form={form} layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={keepDraft}>
          <Form.Item name="app_name" label={t("profile.name")} extra={t("profile.nameHint")}>
            <Input data-testid="profile-name" showCount maxLength={20} />
          </Form.Item>
          <Form.Item name="introduction" label={t("profile.introduction")}>
            <Input.TextArea data-testid="profile-introduction" autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Form.Item name="public_greeting" label={t("profile.greeting")}>
            <Input.TextArea data-testid="profile-greeting" autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
          <Space size="large" align="start" wrap>
            <Form.Item name="logo" label={t("profile.logo")} extra={t("profile.logoHint")}>
              <PicturesField multiple={false} testId="profile-logo" shape="square" />
            </Form.Item>
            <Form.Item name="background" label={t("profile.background")} extra={t("profile.backgroundHint")}>
              <PicturesField multiple={false} testId="profile-background" shape="wide" />
            </Form.Item>
          </Space>
          <Form.Item name="shop_photos" label={t("profile.shopPhotos")} extra={t("profile.shopPhotosHint", { max: SHOP_PHOTOS_MAX })}>
            <PicturesField multiple testId="profile-shop" shape="photo" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-profile">
            {pending ? t("profile.submitAfter") : t("profile.submit")}
          </Button>
        </Form>
        <Typography.Title level={5} className="section-title">
          {t("profile.history")}
        </Typography.Title>
        <StatusList
          empty={t("profile.none")}
          rows={
            edits?.map((e) => ({
              key: e.id,
              testId: "profile-edit",
              status: e.status,
              tag: t(`profile.status.${e.status}`),
              color: STATUS_COLORS[e.status],
              title: e.fields.app_name && <Typography.Text strong>{e.fields.app_name}</Typography.Text>,
              lines: [
                pictureCount(e.fields) > 0 && (
                  <div key="pictures" className="profile-edit-pictures">
                    {[e.fields.logo, e.fields.background, ...(e.fields.shop_photos ?? [])].filter((h): h is string => !!h).map((h) => (
                      <img key={h} src={backend.mediaUrl(`thumb/${h}`)} alt="" draggable={false} />
                    ))}
                  </div>
                ),
                <Typography.Text key="text" type="secondary" className="activity-detail">
                  {[e.fields.introduction, e.fields.public_greeting].filter(Boolean).join(" · ")}
                </Typography.Text>,
                e.audit_desc && (
                  <Typography.Text key="audit" type={e.status === "rejected" ? "danger" : "secondary"}>
                    {e.audit_desc}
                  </Typography.Text>
                ),
              ],
            })) ?? null
          }
        />
      </div>
      <div className="profile-preview">
        <Typography.Text type="secondary">{t("profile.preview")}</Typography.Text>
        <ProfilePhone fields={typed ?? {}} live={live} menu={menu} />
      </div>
    </div>
  );
  return (
    <div className="settings profile">
      <Typography.Title level={3}>{t("profile.heading")}</Typography.Title>
      <Tabs
        destroyOnHidden
        defaultActiveKey={openMessage === null ? "profile" : "messages"}
        items={[
          { key: "profile", label: <span data-testid="tab-profile">{t("profile.tabProfile")}</span>, children: profileTab },
          { key: "menu", label: <span data-testid="tab-menu">{t("menu.tab")}</span>, children: <MenuEditor accountName={live?.app_name ?? ""} /> },
          { key: "messages", label: <span data-testid="tab-messages">{t("messages.tab")}</span>, children: <MessagesPanel openId={openMessage} /> },
        ]}
      />
    </div>
  );
}

function pictureCount(f: ProfileFields): number {
  return (f.logo ? 1 : 0) + (f.background ? 1 : 0) + (f.shop_photos?.length ?? 0);
}
