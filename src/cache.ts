/**
 * Content-addressed cache of extracted records, so that a rebuild re-extracts
 * only the seeds that changed.
 *
 * Layout: `<dir>/v-<record version>/<sha256 of the seed's bytes>-<hash of its path>.json`.
 * - The extractor version is a hash of every `src/**\/*.ts` and `data/**` file
 *   except the site and the command lines (`src/site/`, `src/cli/`: they never
 *   reach `extractRecord`): any change to extraction code or curated data
 *   invalidates every entry (the folder of an older version is deleted by
 *   `prune`); a change to a page template or a filter does not.
 * - The record version adds the latest year a date printed without its year may take
 *   (the year the command runs): a build in a new year re-extracts, never reuses a
 *   record whose undated "mercredi 10 juillet" was resolved against an older bound.
 * - The path is part of the key because the record's id and `source.file` come
 *   from the file name: a renamed seed is re-extracted (cheap), never mislabelled.
 * - Only what `extractRecord` returns is stored: sidecars, duplicate removal,
 *   unique ids and the corpus stage (events, inferred dates) are recomputed on
 *   every build from these records.
 * - An entry is a line with the SHA-256 of the record's JSON, then that JSON. An
 *   entry whose checksum does not match (edited by hand, corrupted on disk),
 *   that cannot be read or no longer passes `ArticleRecord` is treated as a miss:
 *   the seed is re-extracted and the entry rewritten. Writes go to a temporary
 *   file then rename (writeAtomic), so a build stopped half-way never leaves a truncated entry.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { writeAtomic } from "./cache-write.js";
import { PROJECT_ROOT } from "./root.js";
import { LATEST_YEAR } from "./extract/dates.js";
import { ArticleRecord } from "./record.js";

/** Default cache folder, relative to the working directory (git-ignored through `.cache/`). */
export const DEFAULT_CACHE_DIR = ".cache/records";

/** SHA-256 in hex: a seed's bytes (the records cache's key, record.source.sha256), a cache file's checksum. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Files under `dir` (recursively) whose name passes `keep`, as sorted paths relative to `root`. */
function walk(root: string, dir: string, keep: (name: string) => boolean): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

const versions = new Map<string, string>();
/** Folders of src/ whose code never runs in `extractRecord`. */
const NOT_EXTRACTION = ["src/site/", "src/cli/"];

/**
 * Hash of the extractor's code (`src/**\/*.ts` but src/site/ and src/cli/) and curated data (`data/**`),
 * names and contents, 16 hex digits. Computed once per process and root.
 */
export function extractorVersion(root: string = PROJECT_ROOT): string {
  const known = versions.get(root);
  if (known) return known;
  const hash = createHash("sha256");
  const files = [
    ...walk(root, "src", (n) => n.endsWith(".ts")).filter((rel) => !NOT_EXTRACTION.some((dir) => rel.startsWith(dir))),
    ...walk(root, "data", () => true),
  ];
  for (const rel of files) {
    hash.update(rel).update("\0").update(readFileSync(path.join(root, rel))).update("\0");
  }
  const version = hash.digest("hex").slice(0, 16);
  versions.set(root, version);
  return version;
}

/**
 * The version records are cached under: the extractor's (code and data) and the latest year a
 * date printed without its year may take (`SeedInput.latestYear`), which changes records too.
 */
export function recordVersion(latestYear: number = LATEST_YEAR, root: string = PROJECT_ROOT): string {
  return createHash("sha256").update(`${extractorVersion(root)}\0${latestYear}`).digest("hex").slice(0, 16);
}

export class RecordCache {
  readonly folder: string;

  constructor(
    readonly dir: string,
    readonly version: string = recordVersion(),
  ) {
    this.folder = path.join(dir, `v-${version}`);
  }

  private entryPath(file: string, bytesSha256: string): string {
    return path.join(this.folder, `${bytesSha256}-${sha256(file).slice(0, 16)}.json`);
  }

  /**
   * The record cached for this file name and content, or null. Synchronous, as `put`: one small
   * file, read or written in tens of microseconds, where a promise of node:fs costs several
   * round trips through libuv's threads and the event loop (src/seed-job.ts says why that matters).
   */
  get(file: string, bytesSha256: string): ArticleRecord | null {
    let entry: string;
    try {
      entry = readFileSync(this.entryPath(file, bytesSha256), "utf8");
    } catch {
      return null;
    }
    const nl = entry.indexOf("\n");
    const json = entry.slice(nl + 1);
    if (nl !== 64 || sha256(json) !== entry.slice(0, nl)) return null;
    try {
      const parsed = ArticleRecord.safeParse(JSON.parse(json));
      if (!parsed.success) return null;
      const rec = parsed.data;
      return rec.source.file === file && rec.source.sha256 === bytesSha256 ? rec : null;
    } catch {
      return null;
    }
  }

  /**
   * Writes the record's entry (atomically: src/cache-write.ts; one that cannot be written only costs time).
   * Gives the SHA-256 of the record's JSON, its entry's checksum (src/record-digest.ts: the seed index keeps it).
   */
  put(record: ArticleRecord): string {
    const json = JSON.stringify(record);
    const digest = sha256(json);
    writeAtomic(this.entryPath(record.source.file, record.source.sha256), `${digest}\n${json}`);
    return digest;
  }

  /** Delete the folders of other extractor versions (only folders this cache made: `v-…`). */
  async prune(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    const current = path.basename(this.folder);
    await Promise.all(
      names
        .filter((n) => /^v-[0-9a-f]{16}$/.test(n) && n !== current)
        .map((n) => rm(path.join(this.dir, n), { recursive: true, force: true })),
    );
  }
}
