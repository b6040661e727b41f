import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { Lang } from "../api";
import en from "./en";
import zhCN from "./zh-CN";

export const resources = { "zh-CN": { translation: zhCN }, en: { translation: en } } as const;

/** The languages the UI offers, with their own names. */
export const languages: { value: Lang; label: string }[] = [
  { value: "zh-CN", label: "简体中文" },
  { value: "en", label: "English" },
];

/** Starts translation in `lang`; call once before rendering. */
export function startI18n(lang: Lang) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng: lang,
      fallbackLng: "zh-CN",
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  } else {
    void i18next.changeLanguage(lang);
  }
  document.documentElement.lang = lang;
  return i18next;
}

export default i18next;
