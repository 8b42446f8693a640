/**
 * The seed index: for one seeds folder, each seed file's size, times, inode and
 * the record extracted from its bytes (their SHA-256 is the record's) — so that
 * a rebuild takes the records of unchanged seeds without reading the seeds or
 * the thousands of record cache entries (src/cache.ts) again (README, "How
 * rebuilds work").
 *
 * - **A seed is read again** unless its size, modification and change times
 *   (nanosecond clocks), inode and device are the ones recorded, and its change
 *   time was more than TRUST_AFTER_MS older than the moment it was last looked at
 *   (a file written in the same clock tick as that look could otherwise keep its
 *   times; the change time cannot be set back by a program). A seed that is read
 *   and whose bytes hash as recorded still takes its record from the index.
 * - **Keyed** by the record version (extractor code, data/, the latest year: the
 *   same key as the record cache's folder), the seeds folder's real path, the
 *   Node version and FORMAT: a file of another key is not used.
 * - **One file**, `<cache>/seed-index-<hash of the folder>.json`: a JSON header line
 *   (format, key, SHA-256 of the rest), then the entries as one JSON array (at
 *   10,000 seeds JSON.parse took 0.27 s where v8.deserialize took 0.42 s, and the
 *   file is a third smaller: v8 writes French text as UTF-16). Written whole to
 *   a temporary name then renamed; a file cut short,
 *   altered, of another key or unreadable is ignored (the records then come from
 *   the record cache, as without an index) and written afresh.
 * - **In memory** for the life of the process (the dev server between rebuilds):
 *   the file is read only at a process's first build.
 */
import type { BigIntStats } from "node:fs";
import { sha256 } from "./cache.js";
import { checkedFile, pastSlack, processHeld, readCheckedFile, seedsFolderFile, WriteSoon, writeAtomic } from "./cache-write.js";
import type { ArticleRecord } from "./record.js";
import { knownDigest, plainRecordDigest } from "./record-digest.js";

const FORMAT = "revue-seed-index 4";
/**
 * A seed whose change time is closer than this to when it was looked at is read again next time.
 * bench/run.ts waits this + 0.5 s after writing its corpus (a copy, not an import: it also measures other commits).
 */
export const TRUST_AFTER_MS = 3000;

export interface SeedIndexEntry {
  size: number;
  /** Nanoseconds, inode and device number as decimal strings (exact, and plain JSON). */
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
  dev: string;
  /** Its times were old enough when it was looked at for them to be trusted next time (TRUST_AFTER_MS). */
  trusted: boolean;
  /** What extractRecord gave for these bytes (as the record cache holds it): the bytes' SHA-256 is its source.sha256. */
  record: ArticleRecord;
  /** The record's key for duplicate detection (src/corpus.ts, contentKey), once computed. */
  contentKey?: string | null;
  /** SHA-256 (hex) of the record's JSON (src/record-digest.ts), set when the file is written: the site asks it of every record. */
  digest?: string;
}

/** What an entry records of a seed's stat. */
export type SeedStat = Omit<SeedIndexEntry, "record" | "contentKey" | "digest">;

/** The fields of a stat (`{ bigint: true }`) that the index compares, and whether they can be trusted next time. */
export function statFields(st: BigIntStats, lookedAtMs: number, trustAfterMs = TRUST_AFTER_MS): SeedStat {
  const ctimeMs = Number(st.ctimeNs / 1_000_000n);
  return {
    size: Number(st.size),
    mtimeNs: String(st.mtimeNs),
    ctimeNs: String(st.ctimeNs),
    ino: String(st.ino),
    dev: String(st.dev),
    trusted: ctimeMs > 0 && ctimeMs < lookedAtMs - trustAfterMs,
  };
}

/** The entry's bytes are still those on disk, as far as its times tell (see the module's comment). */
export function unchanged(e: SeedIndexEntry, now: SeedStat): boolean {
  return e.trusted && unchangedFields(e, now);
}

function sameEntry(a: SeedIndexEntry | undefined, b: SeedIndexEntry): boolean {
  return a === b || (!!a && a.record.source.sha256 === b.record.source.sha256 && unchangedFields(a, b) && a.trusted === b.trusted);
}

function unchangedFields(a: SeedStat, b: SeedStat): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino && a.dev === b.dev;
}

export class SeedIndex {
  private entries: Map<string, SeedIndexEntry> | null = null;
  /** What the file holds (as read or last written), null when it holds nothing usable. */
  private onDisk: Map<string, SeedIndexEntry> | null = null;
  /** Writes the file at the end of a build, or a moment after (the dev server). */
  readonly writes = new WriteSoon();
  /** How the last build used it: seeds taken without reading, read and found, not found. */
  last = { unread: 0, read: 0, missing: 0 };

  /** file: where it is kept between processes (null: in memory only); key: see the module's comment. */
  constructor(
    readonly file: string | null,
    readonly key: string,
  ) {}

  /** The entries of the last build (read from the file the first time). */
  get(): Map<string, SeedIndexEntry> {
    if (!this.entries) {
      this.onDisk = this.file ? readIndexFile(this.file, this.key) : null;
      this.entries = this.onDisk ?? new Map();
    }
    return this.entries;
  }

  /**
   * End of a build: its entries replace the old ones. The file is written when it
   * is missing or unusable, or when more than WRITE_SLACK of its entries differ from
   * the build's (a seed added, edited or removed): a file a few seeds behind only
   * makes the next process read those few seeds again (and take their records from
   * the records cache), and rewriting tens of megabytes after each one-seed rebuild
   * would cost more.
   */
  commit(next: Map<string, SeedIndexEntry>): void {
    this.get();
    this.entries = next;
    if (!this.file) return;
    const onDisk = this.onDisk;
    if (onDisk && !pastSlack(onDisk, next, (rel, e) => !sameEntry(onDisk.get(rel), e))) return;
    const file = this.file;
    this.writes.run(() => this.save(file));
  }

  private save(file: string): void {
    const entries = this.entries;
    // each record's digest goes with it (a record read back has it without being written out again)
    for (const e of entries!.values()) e.digest ??= plainRecordDigest(e.record);
    const body = Buffer.from(JSON.stringify([...entries!]));
    if (writeAtomic(file, checkedFile({ format: FORMAT, key: this.key }, body))) this.onDisk = entries;
  }
}

const STAT_STRINGS = ["mtimeNs", "ctimeNs", "ino", "dev"] as const;

/** The entries of an index file, or null when it is missing, of another key, cut short or altered. */
export function readIndexFile(file: string, key: string): Map<string, SeedIndexEntry> | null {
  const read = readCheckedFile(file);
  if (!read || read.head.format !== FORMAT || read.head.key !== key) return null;
  const { body } = read;
  try {
    const raw = JSON.parse(body.toString("utf8")) as unknown;
    if (!Array.isArray(raw)) return null;
    const out = new Map<string, SeedIndexEntry>();
    for (const pair of raw) {
      if (!Array.isArray(pair) || typeof pair[0] !== "string") return null;
      const e = pair[1] as SeedIndexEntry;
      if (!e || typeof e.size !== "number" || typeof e.trusted !== "boolean" || !e.record || typeof e.record !== "object") return null;
      if (STAT_STRINGS.some((k) => typeof e[k] !== "string")) return null;
      if (e.contentKey !== undefined && e.contentKey !== null && typeof e.contentKey !== "string") return null;
      if (e.record.source?.file !== pair[0] || typeof e.record.source.sha256 !== "string") return null;
      if (e.digest !== undefined && (typeof e.digest !== "string" || !/^[0-9a-f]{64}$/.test(e.digest))) return null;
      out.set(pair[0], e);
    }
    // the file is whole and checked: each record's digest is the one written with it
    for (const e of out.values()) if (e.digest) knownDigest(e.record, e.digest);
    return out;
  } catch {
    return null;
  }
}

/** The key of an index (see the module's comment). */
export function seedIndexKey(recordVersion: string, root: string): string {
  return sha256(`${FORMAT}\0${recordVersion}\0${process.version}\0${root}`);
}

/** Where the index of the seeds folder `root` lives in the cache folder `cacheDir`. */
export function seedIndexFile(cacheDir: string, root: string): string {
  return seedsFolderFile(cacheDir, root, "seed-index", ".json");
}

/** The index of this process for a cache folder and seeds folder (src/cache-write.ts processHeld). */
export function processSeedIndex(cacheDir: string, root: string, recordVersion: string): SeedIndex {
  const file = seedIndexFile(cacheDir, root);
  const key = seedIndexKey(recordVersion, root);
  return processHeld("revue.seedIndex", file, key, () => new SeedIndex(file, key));
}

/** Tests: forget the indexes held in memory, as a new process would (their files stay). */
export function forgetSeedIndexes(): void {
  (globalThis as Record<symbol, Map<string, SeedIndex> | undefined>)[Symbol.for("revue.seedIndex")]?.clear();
}
