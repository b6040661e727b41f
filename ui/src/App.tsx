import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { App as AntApp, ConfigProvider, Layout, Menu, Result, Spin, Typography, theme } from "antd";
import { CalendarOutlined, DeleteOutlined, EditOutlined, PictureOutlined, SendOutlined, SettingOutlined, ShopOutlined, VideoCameraOutlined } from "@ant-design/icons";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { I18nextProvider, useTranslation } from "react-i18next";
import type { Backend, Screen, Settings, SettingsPatch } from "./api";
import { BackendProvider, useBackend } from "./backend";
import { errorMessage } from "./errors";
import i18next, { startI18n } from "./i18n";
import { MissedReminders } from "./MissedReminders";
import { dropPreloadedDrafts, DraftsScreen, preloadDrafts } from "./screens/DraftsScreen";
import { markSmoke, smokeFailed, smokeRun } from "./smoke";
import { SyncIndicator } from "./SyncIndicator";
import { SyncProvider } from "./sync";
import { flushAllSaves } from "./useAutosave";
import { useSystemDark } from "./useSystemDark";
import "./app.css";

// The drafts screen comes with the first script; every other screen is its
// own file, read the first time it is opened, so the first screen draws sooner.
const ActivityScreen = lazy(() => import("./screens/ActivityScreen").then((m) => ({ default: m.ActivityScreen })));
const CalendarScreen = lazy(() => import("./screens/CalendarScreen").then((m) => ({ default: m.CalendarScreen })));
const LiveScreen = lazy(() => import("./screens/LiveScreen").then((m) => ({ default: m.LiveScreen })));
const MediaScreen = lazy(() => import("./screens/MediaScreen").then((m) => ({ default: m.MediaScreen })));
const ProfileScreen = lazy(() => import("./screens/ProfileScreen").then((m) => ({ default: m.ProfileScreen })));
const SettingsScreen = lazy(() => import("./screens/SettingsScreen").then((m) => ({ default: m.SettingsScreen })));
const TrashScreen = lazy(() => import("./screens/TrashScreen").then((m) => ({ default: m.TrashScreen })));

/** The whole app, talking to `backend`. */
export function App({ backend }: { backend: Backend }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const systemDark = useSystemDark();

  useEffect(() => {
    // The drafts list is asked for beside the settings: most starts open on it.
    preloadDrafts(backend);
    backend
      .getSettings()
      .then((s) => {
        markSmoke("first_ipc");
        if (s.last_screen !== "drafts" && !smokeRun) dropPreloadedDrafts();
        startI18n(s.language);
        setSettings(s);
      })
      .catch((e) => {
        dropPreloadedDrafts();
        startI18n("zh-CN");
        setLoadError(errorMessage(e));
        smokeFailed(`settings could not be read: ${errorMessage(e)}`);
      });
  }, [backend]);

  useEffect(() => {
    // Closing the window saves what is still being typed first.
    const unsubscribe = backend.beforeClose(flushAllSaves);
    return () => void unsubscribe.then((stop) => stop());
  }, [backend]);

  const changeSettings = useCallback(
    async (patch: SettingsPatch) => {
      const next = await backend.updateSettings(patch);
      startI18n(next.language);
      setSettings(next);
    },
    [backend],
  );

  const dark = settings?.theme === "dark" || (settings?.theme === "system" && systemDark);
  useEffect(() => {
    document.documentElement.dataset.theme = dark ? "dark" : "light";
  }, [dark]);

  return (
    <ConfigProvider
      locale={settings?.language === "en" ? enUS : zhCN}
      theme={{ algorithm: dark ? theme.darkAlgorithm : theme.defaultAlgorithm, cssVar: {} }}
    >
      <AntApp className="app-root">
        <I18nextProvider i18n={i18next}>
          <BackendProvider value={backend}>
            {loadError ? (
              <Result status="error" title={i18next.t("errors.load")} subTitle={loadError} />
            ) : settings ? (
              <SyncProvider>
                <Shell settings={settings} onChangeSettings={changeSettings} />
              </SyncProvider>
            ) : (
              <div className="loading">
                <Spin />
              </div>
            )}
          </BackendProvider>
        </I18nextProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function Shell({ settings, onChangeSettings }: { settings: Settings; onChangeSettings: (p: SettingsPatch) => Promise<void> }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const backend = useBackend();
  const { message } = AntApp.useApp();
  // The window opens where the user left it: the same screen, the same draft.
  // A smoke run times the drafts screen whatever screen was open last.
  const [screen, setScreen] = useState<Screen>(smokeRun ? "drafts" : settings.last_screen);
  const [openDraft, setOpenDraft] = useState<number | null>(settings.last_draft);
  // Bumped when files come in from outside, to show the library afresh.
  const [mediaEpoch, setMediaEpoch] = useState(0);
  // Remembered when it changes (the start writes nothing while the list
  // loads; a smoke run leaves the user's last screen as it was).
  const savedScreen = useRef<Screen>(smokeRun ? "drafts" : settings.last_screen);
  useEffect(() => {
    if (screen === savedScreen.current) return;
    savedScreen.current = screen;
    void backend.updateSettings({ last_screen: screen }).catch(() => undefined);
  }, [backend, screen]);
  const showDraft = useCallback((id: number) => {
    setOpenDraft(id);
    setScreen("drafts");
  }, []);
  // A message to followers opened from the calendar or the tray: the storefront's messages tab.
  // Each opening counts, so a second one while the storefront shows opens it afresh.
  const [openMessage, setOpenMessage] = useState<{ id: number; n: number } | null>(null);
  const showMessage = useCallback((id: number) => {
    setOpenMessage((o) => ({ id, n: (o?.n ?? 0) + 1 }));
    setScreen("profile");
  }, []);
  // The tray opens the window on something coming.
  useEffect(() => {
    const stop = backend.onOpenItem((item) => (item.kind === "livestream" ? setScreen("live") : item.kind === "message" ? showMessage(item.id) : showDraft(item.id)));
    return () => void stop.then((s) => s());
  }, [backend, showDraft, showMessage]);
  const draftOpened = useCallback(
    (id: number) => void backend.updateSettings({ last_draft: id }).catch(() => undefined),
    [backend],
  );
  useEffect(() => {
    const unsubscribe = backend.onOpened((report) => {
      message.success(t("media.imported", { count: report.imported.length }));
      setMediaEpoch((n) => n + 1);
      setScreen("media");
    });
    return () => void unsubscribe.then((stop) => stop());
  }, [backend, message, t]);
  return (
    <Layout className="shell">
      <Layout.Sider width={200} theme="light" className="sidebar" style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
        <Typography.Title level={5} className="brand">
          {t("app.name")}
        </Typography.Title>
        <Menu
          mode="inline"
          selectedKeys={[screen]}
          onClick={({ key }) => setScreen(key as Screen)}
          style={{ borderInlineEnd: "none" }}
          items={[
            { key: "calendar", icon: <CalendarOutlined />, label: <span data-testid="nav-calendar">{t("nav.calendar")}</span> },
            { key: "drafts", icon: <EditOutlined />, label: <span data-testid="nav-drafts">{t("nav.drafts")}</span> },
            { key: "media", icon: <PictureOutlined />, label: <span data-testid="nav-media">{t("nav.media")}</span> },
            { key: "live", icon: <VideoCameraOutlined />, label: <span data-testid="nav-live">{t("nav.live")}</span> },
            { key: "profile", icon: <ShopOutlined />, label: <span data-testid="nav-profile">{t("nav.profile")}</span> },
            { key: "trash", icon: <DeleteOutlined />, label: <span data-testid="nav-trash">{t("nav.trash")}</span> },
            { key: "activity", icon: <SendOutlined />, label: <span data-testid="nav-activity">{t("nav.activity")}</span> },
            { key: "settings", icon: <SettingOutlined />, label: <span data-testid="nav-settings">{t("nav.settings")}</span> },
          ]}
        />
        <SyncIndicator onOpen={() => setScreen("activity")} />
      </Layout.Sider>
      <Layout.Content className="content">
        <Suspense fallback={<div className="loading"><Spin /></div>}>
        {screen === "calendar" && <CalendarScreen onOpenDraft={showDraft} onOpenLivestream={() => setScreen("live")} onOpenMessage={showMessage} />}
        {screen === "drafts" && <DraftsScreen openId={openDraft} onOpen={draftOpened} />}
        {screen === "media" && (
          <MediaScreen
            key={mediaEpoch}
            onOpenDraft={(id) => {
              setOpenDraft(id);
              setScreen("drafts");
            }}
          />
        )}
        {screen === "live" && <LiveScreen />}
        {screen === "profile" && <ProfileScreen key={openMessage?.n ?? 0} openMessage={openMessage?.id ?? null} />}
        {screen === "trash" && <TrashScreen />}
        {screen === "activity" && <ActivityScreen />}
        {screen === "settings" && <SettingsScreen settings={settings} onChange={onChangeSettings} />}
        </Suspense>
      </Layout.Content>
      <MissedReminders />
    </Layout>
  );
}
