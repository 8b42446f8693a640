/**
 * Reading a corpus: the seeds folder (or files given on the command line) →
 * records + events + a report of every file read. This is the only module of the
 * pipeline that touches the file system.
 *
 * Minimal version; the robustness work extends it (cache, sidecars, duplicates,
 * unsupported files, encodings, size limits).
 */
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { ArticleRecord, EventRecord } from "./record.js";
import { extractRecord, linkCorpus } from "./pipeline.js";

export const SUPPORTED_EXTENSIONS = [".txt", ".text", ".html", ".htm", ".md", ".markdown"];

export interface FileReport {
  /** Path relative to the seeds folder. */
  file: string;
  status: "extracted" | "cached" | "skipped" | "failed" | "duplicate";
  recordId: string | null;
  warnings: string[];
  /** For duplicates: the file whose record was kept. */
  duplicateOf?: string;
}

export interface CorpusReport {
  files: FileReport[];
  extracted: number;
  fromCache: number;
}

export interface Corpus {
  records: ArticleRecord[];
  events: EventRecord[];
  report: CorpusReport;
}

export interface LoadOptions {
  /** Files or folders. Folders are walked recursively; file paths in records are relative to the folder. */
  paths: string[];
  /** Folder of the content-addressed record cache; null disables it. */
  cacheDir?: string | null;
  /** Called after each file; for progress display. */
  onProgress?: (done: number, total: number) => void;
  /** Called for every warning (file, message) as it happens. */
  onWarning?: (file: string, message: string) => void;
}

async function listFiles(p: string): Promise<{ abs: string; rel: string }[]> {
  const st = await stat(p);
  if (!st.isDirectory()) return [{ abs: p, rel: path.basename(p) }];
  const out: { abs: string; rel: string }[] = [];
  for (const entry of await readdir(p, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    out.push({ abs, rel: path.relative(p, abs).split(path.sep).join("/") });
  }
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

export async function loadCorpus(opts: LoadOptions): Promise<Corpus> {
  const files = (await Promise.all(opts.paths.map(listFiles))).flat();
  const records: ArticleRecord[] = [];
  const report: CorpusReport = { files: [], extracted: 0, fromCache: 0 };
  let done = 0;
  for (const f of files) {
    const ext = path.extname(f.rel).toLowerCase();
    if (!SUPPORTED_EXTENSIONS.includes(ext)) {
      const msg = `unsupported extension "${ext || "(none)"}": skipped`;
      opts.onWarning?.(f.rel, msg);
      report.files.push({ file: f.rel, status: "skipped", recordId: null, warnings: [msg] });
    } else {
      const bytes = await readFile(f.abs);
      const rec = extractRecord({ file: f.rel, bytes });
      for (const w of rec.warnings) opts.onWarning?.(f.rel, w);
      records.push(rec);
      report.extracted++;
      report.files.push({ file: f.rel, status: "extracted", recordId: rec.id, warnings: rec.warnings });
    }
    opts.onProgress?.(++done, files.length);
  }
  const linked = linkCorpus(records);
  return { records: linked.records, events: linked.events, report };
}
