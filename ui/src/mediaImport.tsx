import { useCallback, useRef, useState } from "react";
import type { ReactNode } from "react";
import { Alert, App, Button, Progress, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ImportProgress, ImportReport, MediaAsset } from "./api";
import { isApiError } from "./api";
import { useBackend } from "./backend";
import { errorMessage } from "./errors";

/** Bytes as the user reads them: 1.2 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Milliseconds as m:ss. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** One import at a time: by path (file picker) or by bytes (drop, paste), with progress and cancel. */
export function useMediaImport(onImported: (assets: MediaAsset[]) => void) {
  const backend = useBackend();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const cancelRef = useRef<(() => void) | null>(null);
  const busy = progress !== null;

  const finish = useCallback(
    (r: ImportReport) => {
      setReport(r.failed.length || r.cancelled ? r : null);
      if (r.imported.length) {
        onImported(r.imported);
        message.success(t("media.imported", { count: r.imported.length }));
      }
    },
    [onImported, message, t],
  );

  const importPaths = useCallback(
    async (paths: string[]) => {
      if (busy || !paths.length) return;
      const id = `import-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      cancelRef.current = () => void backend.cancelImport(id);
      setProgress({ files_done: 0, files_total: paths.length, bytes_done: 0, bytes_total: 0, current: "" });
      try {
        finish(await backend.importMedia(paths, id, setProgress));
      } catch (e) {
        message.error(errorMessage(e));
      } finally {
        cancelRef.current = null;
        setProgress(null);
      }
    },
    [backend, busy, finish, message],
  );

  const importFiles = useCallback(
    async (files: File[]) => {
      if (busy || !files.length) return;
      let stop = false;
      cancelRef.current = () => {
        stop = true;
      };
      const total = files.reduce((n, f) => n + f.size, 0);
      const merged: ImportReport = { imported: [], failed: [], cancelled: false };
      let done = 0;
      try {
        for (const [i, file] of files.entries()) {
          if (stop) {
            merged.cancelled = true;
            break;
          }
          setProgress({ files_done: i, files_total: files.length, bytes_done: done, bytes_total: total, current: file.name });
          try {
            const r = await backend.importMediaBytes(file.name, await readBytes(file));
            merged.imported.push(...r.imported);
            merged.failed.push(...r.failed);
          } catch (e) {
            merged.failed.push({ path: file.name, error: isApiError(e) ? e : { code: "unknown", message: errorMessage(e) } });
          }
          done += file.size;
        }
        finish(merged);
      } finally {
        cancelRef.current = null;
        setProgress(null);
      }
    },
    [backend, busy, finish],
  );

  const pick = useCallback(
    async (folders: boolean) => {
      try {
        const paths = await backend.pickMedia(folders);
        if (paths?.length) await importPaths(paths);
      } catch (e) {
        message.error(errorMessage(e));
      }
    },
    [backend, importPaths, message],
  );

  return { progress, report, busy, importPaths, importFiles, pick, cancel: () => cancelRef.current?.(), dismiss: () => setReport(null) };
}

export type MediaImport = ReturnType<typeof useMediaImport>;

/** The progress bar of a running import with its cancel button, and what the last one refused. */
export function ImportStatus({ importer }: { importer: MediaImport }) {
  const { t } = useTranslation();
  const { progress, report } = importer;
  return (
    <>
      {progress && (
        <div className="import-progress" data-testid="import-progress" role="status">
          <Progress
            percent={progress.bytes_total ? Math.floor((progress.bytes_done / progress.bytes_total) * 100) : Math.floor((progress.files_done / Math.max(1, progress.files_total)) * 100)}
            size="small"
            status="active"
          />
          <Typography.Text type="secondary" ellipsis>
            {t("media.progress", {
              done: progress.files_done,
              total: progress.files_total,
              bytes: formatBytes(progress.bytes_done),
              allBytes: formatBytes(progress.bytes_total),
            })}{" "}
            {progress.current}
          </Typography.Text>
          <Button size="small" onClick={importer.cancel} data-testid="cancel-import">
            {t("media.cancel")}
          </Button>
        </div>
      )}
      {report && (
        <Alert
          type={report.failed.length ? "warning" : "info"}
          showIcon
          closable={{ onClose: importer.dismiss }}
          data-testid="import-report"
          title={report.cancelled ? t("media.cancelled", { count: report.imported.length }) : t("media.someFailed", { count: report.failed.length })}
          description={
            report.failed.length ? (
              <ul className="import-failures">
                {report.failed.map((f) => (
                  <li key={f.path}>{f.error.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
    </>
  );
}

/** A file's bytes. */
function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error(file.name));
    reader.readAsArrayBuffer(file);
  });
}

/** Every file in a drop or paste, folders walked. */
export async function droppedFiles(data: DataTransfer): Promise<File[]> {
  const entries = [...data.items].map((item) => (item.kind === "file" ? item.webkitGetAsEntry?.() : null));
  if (!entries.some((e) => e?.isDirectory)) return [...data.files];
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      out.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // A directory reader hands out its entries in batches until an empty one.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (!batch.length) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) if (entry) await walk(entry);
  return out;
}

/** An area that takes dropped files (and folders), showing a hint while something is dragged over it. */
export function DropZone({ onFiles, children, className, hint, testId }: { onFiles: (files: File[]) => void; children: ReactNode; className?: string; hint: string; testId?: string }) {
  const [over, setOver] = useState(false);
  const carriesFiles = (e: React.DragEvent) => [...e.dataTransfer.types].includes("Files");
  return (
    <div
      className={`drop-zone ${className ?? ""} ${over ? "drop-over" : ""}`}
      data-testid={testId}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setOver(false);
        void droppedFiles(e.dataTransfer).then(onFiles);
      }}
    >
      {children}
      {over && <div className="drop-hint">{hint}</div>}
    </div>
  );
}

/** Files pasted from the clipboard (a copied photo, or files copied in the file manager). */
export function pastedFiles(e: React.ClipboardEvent | ClipboardEvent): File[] {
  return [...(e.clipboardData?.files ?? [])];
}
