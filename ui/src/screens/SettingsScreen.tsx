import { App, Form, Radio, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Lang, Settings, SettingsPatch, ThemePreference } from "../api";
import { errorMessage } from "../errors";
import { languages } from "../i18n";
import { AboutSection } from "./AboutSection";
import { AccountsSection } from "./AccountsSection";
import { LibrarySection } from "./LibrarySection";
import { PlanningSection } from "./PlanningSection";

/** Language and appearance, accounts, the library's export and backups, and diagnostics. */
export function SettingsScreen({ settings, onChange }: { settings: Settings; onChange: (p: SettingsPatch) => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const apply = (patch: SettingsPatch) => onChange(patch).catch((e) => message.error(errorMessage(e)));
  return (
    <div className="settings">
      <Typography.Title level={3}>{t("settings.heading")}</Typography.Title>
      <Form layout="vertical">
        <Form.Item label={t("settings.language")}>
          <Radio.Group
            optionType="button"
            value={settings.language}
            onChange={(e) => void apply({ language: e.target.value as Lang })}
            options={languages.map((l) => ({ value: l.value, label: <span data-testid={`language-${l.value}`}>{l.label}</span> }))}
          />
        </Form.Item>
        <Form.Item label={t("settings.theme")}>
          <Radio.Group
            optionType="button"
            value={settings.theme}
            onChange={(e) => void apply({ theme: e.target.value as ThemePreference })}
            options={[
              { value: "system", label: <span data-testid="theme-system">{t("settings.themeSystem")}</span> },
              { value: "light", label: <span data-testid="theme-light">{t("settings.themeLight")}</span> },
              { value: "dark", label: <span data-testid="theme-dark">{t("settings.themeDark")}</span> },
            ]}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t("settings.dataFolderHint")}</Typography.Paragraph>
      </Form>
      <AccountsSection publishAccount={settings.publish_account} onChange={onChange} />
      <PlanningSection settings={settings} onChange={onChange} />
      {/* A restored library is another library: start the window over on it. */}
      <LibrarySection onRestored={() => window.location.reload()} />
      <AboutSection />
    </div>
  );
}
