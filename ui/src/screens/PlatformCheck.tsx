import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, App, Button, Tag, Tooltip } from "antd";
import type { ButtonProps } from "antd";
import { CheckCircleOutlined, ExclamationCircleOutlined, SafetyOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { PlatformCheck, Segment } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { Marked } from "../Marked";
import { SHORTCUTS } from "../shortcuts";

/** Where the platform's check of the composer's text stands. */
export type CheckState = "unchecked" | "checking" | "passed" | "flagged" | "stale" | "unavailable";

const joined = (segments: Segment[]) => segments.map((s) => s.text).join("");

/** The flagged words as a list in the user's language ("a, b and c", "a、b和c"). */
function wordList(words: string[], lang: string): string {
  return new Intl.ListFormat(lang, { type: "conjunction" }).format(words.map((w) => `“${w}”`));
}

/** Whether `check` was made of exactly this title and body. */
export function checksText(check: PlatformCheck, title: string, body: string): boolean {
  return joined(check.title) === title && joined(check.body) === body;
}

/**
 * The platform's moderation check of one draft: the last one made (kept by
 * the library for the text it checked), whether it still matches the text
 * in the composer, and a way to ask again. Asking saves the text first, so
 * the check is of what would be published.
 */
export function usePlatformCheck(draftId: number, title: string, body: string, save: () => Promise<void>) {
  const backend = useBackend();
  const [check, setCheck] = useState<PlatformCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const asking = useRef<Promise<PlatformCheck> | null>(null);

  useEffect(() => {
    let current = true;
    setCheck(null);
    backend
      .platformCheck(draftId)
      .then((c) => current && setCheck(c))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [backend, draftId]);

  const run = useCallback((): Promise<PlatformCheck> => {
    // A second ask while one is out waits for the same answer.
    if (asking.current) return asking.current;
    setChecking(true);
    const ask = save()
      .then(() => backend.checkWithPlatform(draftId, null))
      .then((c) => {
        setCheck(c);
        return c;
      })
      .finally(() => {
        asking.current = null;
        setChecking(false);
      });
    asking.current = ask;
    return ask;
  }, [backend, draftId, save]);

  const fresh = check !== null && checksText(check, title, body);
  const state: CheckState = checking ? "checking" : check === null ? "unchecked" : !fresh ? "stale" : check.verdict;
  return { check, fresh, state, run };
}

export type PlatformCheckState = ReturnType<typeof usePlatformCheck>;

/**
 * Before a post is queued: the check is made (unless the text's is at
 * hand), and a flagged text is sent only once the user confirms. A check
 * that cannot be made does not hold publishing back: review decides.
 */
export function useConfirmModeration(moderation: PlatformCheckState) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  return useCallback(async (): Promise<boolean> => {
    let check: PlatformCheck;
    try {
      check = moderation.fresh && moderation.check ? moderation.check : await moderation.run();
    } catch (e) {
      message.warning(t("moderation.notChecked", { reason: errorMessage(e) }));
      return true;
    }
    if (check.verdict === "unavailable") {
      // The note says why, and that publishing goes on.
      message.warning(check.note);
      return true;
    }
    if (check.verdict !== "flagged") return true;
    return new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t("moderation.confirmTitle"),
        icon: <ExclamationCircleOutlined />,
        content: (
          <div data-testid="moderation-confirm">
            <p>{t("moderation.confirmWords", { words: wordList(check.keywords, i18n.language) })}</p>
            <p>{t("moderation.confirmDetail")}</p>
          </div>
        ),
        okText: t("moderation.publishAnyway"),
        okButtonProps: { danger: true, "data-testid": "moderation-publish-anyway" } as ButtonProps,
        cancelText: t("moderation.keepEditing"),
        cancelButtonProps: { "data-testid": "moderation-keep-editing" } as ButtonProps,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  }, [moderation, modal, message, t]);
}

const TAG_COLOR: Record<CheckState, string> = {
  unchecked: "default",
  checking: "processing",
  passed: "success",
  flagged: "error",
  stale: "warning",
  unavailable: "default",
};

/** The platform's badge beside the local rules', and the button that asks. */
export function PlatformCheckBadge({ moderation }: { moderation: PlatformCheckState }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { state, check } = moderation;
  const ask = () => void moderation.run().catch((e) => message.error(errorMessage(e)));
  const tag = (
    <Tag color={TAG_COLOR[state]} icon={state === "passed" ? <CheckCircleOutlined /> : <SafetyOutlined />} data-testid="platform-check" data-state={state}>
      {t(`moderation.${state}`, { count: check?.keywords.length ?? 0 })}
    </Tag>
  );
  return (
    <>
      {state === "unavailable" && check?.note ? <Tooltip title={check.note}>{tag}</Tooltip> : tag}
      <Tooltip title={`${t("moderation.ask")} ${SHORTCUTS.checkWithPlatform}`}>
        <Button size="small" loading={state === "checking"} onClick={ask} data-testid="check-platform" aria-keyshortcuts="Control+Shift+K">
          {t("moderation.ask")}
        </Button>
      </Tooltip>
    </>
  );
}

/** What the platform flagged, marked where it stands in the title and body. */
export function PlatformCheckFindings({ moderation }: { moderation: PlatformCheckState }) {
  const { t, i18n } = useTranslation();
  const { check, fresh } = moderation;
  if (!check || !fresh) return null;
  if (check.verdict === "unavailable")
    return <Alert type="info" showIcon data-testid="platform-unavailable" title={t("moderation.unavailableDetail", { reason: check.note })} />;
  if (check.verdict !== "flagged") return null;
  const title = joined(check.title);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="platform-findings"
      title={t("moderation.flaggedDetail", { words: wordList(check.keywords, i18n.language) })}
      description={
        <div className="platform-marked">
          {title && (
            <div data-testid="platform-marked-title">
              <strong>
                <Marked segments={check.title} />
              </strong>
            </div>
          )}
          <div data-testid="platform-marked-body">
            <Marked segments={check.body} />
          </div>
        </div>
      }
    />
  );
}
