import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, App, Button, Checkbox, Input, Mentions, Popconfirm, Radio, Segmented, Select, Space, Tag, Tooltip, Typography } from "antd";
import type { ButtonProps } from "antd";
import { CheckCircleOutlined, DeleteOutlined, ExclamationCircleOutlined, HistoryOutlined, RedoOutlined, UndoOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Draft, DraftCheck, DraftKind, DraftPatch, MediaAsset, OfferKind, TopicUse, Visibility } from "../api";
import { useBackend } from "../backend";
import { errorMessage } from "../errors";
import { useAutosave } from "../useAutosave";
import { PhonePreview } from "./PhonePreview";
import { PublishControls } from "./PublishControls";
import { useSync } from "../sync";
import { SHORTCUTS } from "../shortcuts";
import { DropZone, pastedFiles, useMediaImport } from "../mediaImport";
import { DraftMediaSection, placeImported, previewCover, useDraftMedia } from "./DraftMedia";
import { PlatformCheckBadge, PlatformCheckFindings, useConfirmModeration, usePlatformCheck } from "./PlatformCheck";

const CHECK_DEBOUNCE_MS = 80;
/** Changes to the same fields closer together than this are undone as one. */
const UNDO_COALESCE_MS = 1000;
/** Steps of undo kept per draft while it is open. */
const UNDO_DEPTH = 200;

/** Everything undo can set back, as a patch. */
function snapshot(d: Draft): DraftPatch {
  return { kind: d.kind, title: d.title, body: d.body, visibility: d.visibility, ai_generated: d.ai_generated, reposted: d.reposted, offer: d.offer, notes: d.notes };
}

/** Undo and redo over the composer's fields: typing bursts are one step, and each step is saved like any edit. */
function useUndo(current: Draft, apply: (d: Draft) => void) {
  const state = useRef({ past: [] as Draft[], future: [] as Draft[], at: 0, fields: "" });
  const latest = useRef(current);
  latest.current = current;
  const remember = (patch: DraftPatch) => {
    const u = state.current;
    const fields = Object.keys(patch).sort().join();
    const now = Date.now();
    if (!u.past.length || now - u.at > UNDO_COALESCE_MS || fields !== u.fields) {
      u.past.push(latest.current);
      if (u.past.length > UNDO_DEPTH) u.past.shift();
    }
    u.at = now;
    u.fields = fields;
    u.future = [];
  };
  const step = (from: Draft[], to: Draft[]) => {
    const target = from.pop();
    if (!target) return;
    to.push(latest.current);
    state.current.at = 0;
    apply(target);
  };
  const undo = () => step(state.current.past, state.current.future);
  const redo = () => step(state.current.future, state.current.past);
  return { remember, undo, redo, canUndo: () => state.current.past.length > 0, canRedo: () => state.current.future.length > 0 };
}

/** The composer for one draft: text, post settings, live rule check and phone preview. */
export function DraftEditor({
  draft,
  onSaved,
  onDeleted,
  onHistory,
}: {
  draft: Draft;
  onSaved: (d: Draft) => void;
  onDeleted: (id: number) => void;
  onHistory: () => void;
}) {
  const backend = useBackend();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [local, setLocal] = useState<Draft>(draft);
  const [check, setCheck] = useState<DraftCheck | null>(null);
  const [topics, setTopics] = useState<TopicUse[]>([]);
  const autosave = useAutosave(draft.id, onSaved);
  const publication = useSync().publications.get(draft.id);
  const media = useDraftMedia(draft.id);
  const { know, save: saveMedia, media: current } = media;
  const importer = useMediaImport(
    useCallback(
      (imported: MediaAsset[]) => {
        know(imported);
        void saveMedia(placeImported(local.kind, current, imported));
      },
      [know, saveMedia, local.kind, current],
    ),
  );
  const cover = previewCover(local.kind, media.media);
  const moderation = usePlatformCheck(draft.id, local.title, local.body, autosave.flush);
  const confirmModeration = useConfirmModeration(moderation);

  const edits = useUndo(local, (d) => {
    setLocal(d);
    autosave.change(snapshot(d));
    void autosave.flush();
  });
  const update = (patch: DraftPatch, now = false) => {
    edits.remember(patch);
    setLocal((d) => ({ ...d, ...patch }) as Draft);
    autosave.change(patch);
    if (now) void autosave.flush();
  };

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      backend
        .checkDraft(local, "alipay")
        .then((c) => current && setCheck(c))
        .catch(() => {});
    }, CHECK_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [backend, local]);

  const remove = async () => {
    try {
      await autosave.flush();
      await backend.deleteDraft(draft.id);
      onDeleted(draft.id);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const status =
    autosave.state === "failed" ? (
      <Tooltip title={autosave.error}>
        <Typography.Text type="danger" data-testid="save-status" data-state="failed">
          {t("save.failed")}{" "}
          <Button size="small" type="link" onClick={() => void autosave.flush()}>
            {t("save.retry")}
          </Button>
        </Typography.Text>
      </Tooltip>
    ) : (
      <Typography.Text type="secondary" data-testid="save-status" data-state={autosave.state}>
        {t(autosave.state === "saving" ? "save.saving" : "save.saved")}
      </Typography.Text>
    );

  const counters = check?.counters;
  const max = check?.rules.title_with_topics_max;
  const offerKind: OfferKind | "none" = local.offer?.kind ?? "none";

  return (
    <DropZone className="composer" onFiles={(files) => void importer.importFiles(files)} hint={t("media.dropOnDraft")} testId="composer-drop">
      <section
        className="editor"
        aria-label={t("editor.title")}
        onKeyDown={(e) => {
          if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
          const key = e.key.toLowerCase();
          if (key === "k" && e.shiftKey) {
            e.preventDefault();
            void moderation.run().catch((err) => message.error(errorMessage(err)));
            return;
          }
          if (key === "z" || key === "y") {
            // The app's own history, so a step covers every field and is saved.
            e.preventDefault();
            if (key === "y" || e.shiftKey) edits.redo();
            else edits.undo();
          }
        }}
        onPaste={(e) => {
          const files = pastedFiles(e);
          if (files.length) {
            e.preventDefault();
            void importer.importFiles(files);
          }
        }}
      >
        <div className="editor-bar">
          <Segmented<DraftKind>
            value={local.kind}
            aria-label={t("editor.kind")}
            options={[
              { value: "image_text", label: <span data-testid="kind-image_text">{t("kind.image_text")}</span> },
              { value: "video", label: <span data-testid="kind-video">{t("kind.video")}</span> },
            ]}
            onChange={(kind) => update({ kind }, true)}
          />
          <Space wrap size={8} className="editor-actions">
            {status}
            <Space.Compact>
              <Tooltip title={`${t("editor.undo")} ${SHORTCUTS.undo}`}>
                <Button icon={<UndoOutlined />} onClick={edits.undo} aria-label={t("editor.undo")} aria-keyshortcuts="Control+Z" data-testid="undo" />
              </Tooltip>
              <Tooltip title={`${t("editor.redo")} ${SHORTCUTS.redo}`}>
                <Button icon={<RedoOutlined />} onClick={edits.redo} aria-label={t("editor.redo")} aria-keyshortcuts="Control+Shift+Z" data-testid="redo" />
              </Tooltip>
            </Space.Compact>
            <PublishControls draftId={draft.id} beforePublish={autosave.flush} confirm={confirmModeration} />
            <Tooltip title={`${t("history.open")} ${SHORTCUTS.history}`}>
              <Button
                icon={<HistoryOutlined />}
                onClick={() => void autosave.flush().then(onHistory)}
                data-testid="open-history"
                aria-label={t("history.open")}
                aria-keyshortcuts="Control+H"
              />
            </Tooltip>
            <Popconfirm
              title={t("remove.confirm")}
              description={t("remove.detail")}
              okText={t("remove.ok")}
              cancelText={t("remove.cancel")}
              okButtonProps={{ danger: true, "data-testid": "confirm-delete" } as ButtonProps}
              onConfirm={() => void remove()}
            >
              <Tooltip title={t("remove.action")}>
                <Button icon={<DeleteOutlined />} danger data-testid="delete-draft" aria-label={t("remove.action")} />
              </Tooltip>
            </Popconfirm>
          </Space>
        </div>
        {publication?.status === "rejected" && (
          <Alert type="error" showIcon className="publication-alert" data-testid="publication-reason" title={t("publication.rejectedBecause", { reason: publication.reason })} />
        )}
        <Input
          className="editor-title"
          variant="borderless"
          size="large"
          aria-label={t("editor.title")}
          placeholder={t("editor.titlePlaceholder")}
          value={local.title}
          data-testid="title-input"
          onChange={(e) => update({ title: e.target.value })}
          onBlur={() => void autosave.flush()}
        />
        <Mentions
          className="editor-body"
          variant="borderless"
          prefix={["#"]}
          aria-label={t("editor.body")}
          placeholder={`${t("editor.bodyPlaceholder")}  ${t("composer.topicHint")}`}
          autoSize={{ minRows: 10 }}
          value={local.body}
          data-testid="body-input"
          split=" "
          options={topics.map((u) => ({ value: u.topic, label: `#${u.topic} · ${u.uses}` }))}
          onSearch={(text) => void backend.suggestTopics(text).then(setTopics).catch(() => setTopics([]))}
          onChange={(body) => update({ body })}
          onBlur={() => void autosave.flush()}
        />
        <div className="counters" data-testid="counters">
          <Typography.Text type="secondary">{t("editor.characters", { count: counters?.body ?? [...local.body].length })}</Typography.Text>
          {counters && max != null && (
            <Typography.Text type={counters.title_with_topics > max ? "danger" : "secondary"} data-testid="title-counter">
              {t("composer.titleWithTopics", { len: counters.title_with_topics, max })}
            </Typography.Text>
          )}
        </div>
        <div className="checks" data-testid="checks">
          {check &&
            (check.problems.length ? (
              <Tag color="warning" icon={<ExclamationCircleOutlined />} data-testid="rules-badge" data-state="problems">
                {t("composer.rulesProblems", { count: check.problems.length })}
              </Tag>
            ) : (
              <Tag color="success" icon={<CheckCircleOutlined />} data-testid="ready">
                {t("composer.ready")}
              </Tag>
            ))}
          <PlatformCheckBadge moderation={moderation} />
        </div>
        {check && check.problems.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="problems"
            message={
              <ul className="problems">
                {check.problems.map((p) => (
                  <li key={p.problem}>{t(`problem.${p.problem}`, p as Record<string, unknown>)}</li>
                ))}
              </ul>
            }
          />
        )}
        <PlatformCheckFindings moderation={moderation} />

        <Typography.Title level={5} className="section-title">
          {t("media.section")}
        </Typography.Title>
        <DraftMediaSection kind={local.kind} state={media} importer={importer} />

        <Typography.Title level={5} className="section-title">
          {t("composer.settings")}
        </Typography.Title>
        <div className="post-settings">
          <label>{t("composer.visibility")}</label>
          <Radio.Group
            value={local.visibility}
            onChange={(e) => update({ visibility: e.target.value as Visibility }, true)}
            options={[
              { value: "everyone", label: t("composer.everyone") },
              { value: "restricted", label: <span data-testid="visibility-restricted">{t("composer.restricted")}</span> },
            ]}
          />
          <label>{t("composer.declarations")}</label>
          <Space wrap>
            <Checkbox checked={local.ai_generated} onChange={(e) => update({ ai_generated: e.target.checked }, true)} data-testid="ai-generated">
              {t("composer.aiGenerated")}
            </Checkbox>
            <Checkbox checked={local.reposted} onChange={(e) => update({ reposted: e.target.checked }, true)}>
              {t("composer.reposted")}
            </Checkbox>
          </Space>
          <label>{t("composer.offer")}</label>
          <Space.Compact block>
            <Select<OfferKind | "none">
              value={offerKind}
              style={{ width: 120 }}
              onChange={(kind) => update({ offer: kind === "none" ? null : { kind, id: local.offer?.id ?? "", label: local.offer?.label ?? "" } }, true)}
              options={[
                { value: "none", label: t("composer.offerNone") },
                { value: "mini_app", label: t("composer.offerMiniApp") },
                { value: "voucher", label: t("composer.offerVoucher") },
              ]}
            />
            {local.offer && (
              <>
                <Input
                  placeholder={t("composer.offerId")}
                  value={local.offer.id}
                  onChange={(e) => update({ offer: { ...local.offer!, id: e.target.value } })}
                  onBlur={() => void autosave.flush()}
                />
                <Input
                  placeholder={t("composer.offerLabel")}
                  value={local.offer.label}
                  onChange={(e) => update({ offer: { ...local.offer!, label: e.target.value } })}
                  onBlur={() => void autosave.flush()}
                />
              </>
            )}
          </Space.Compact>
          <label>{t("composer.notes")}</label>
          <Input.TextArea
            autoSize={{ minRows: 2 }}
            placeholder={t("composer.notesHint")}
            value={local.notes}
            data-testid="notes-input"
            onChange={(e) => update({ notes: e.target.value })}
            onBlur={() => void autosave.flush()}
          />
        </div>
      </section>
      <aside className="preview-column" aria-label={t("composer.preview")}>
        <Typography.Text type="secondary">{t("composer.preview")}</Typography.Text>
        <PhonePreview draft={local} cover={cover ? backend.mediaUrl(cover) : null} images={media.media.filter((m) => m.role === "image").length} />
      </aside>
    </DropZone>
  );
}
