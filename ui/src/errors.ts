import i18next from "i18next";
import { isApiError } from "./api";

/** The message to show the user for a failed call, in their language. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.message;
  return i18next.t("errors.unknown", { detail: e instanceof Error ? e.message : String(e) });
}
