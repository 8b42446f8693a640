/**
 * The parts of an article's view that cost the most to make — its lede and text
 * rendered to HTML (body.ts through unified) and its search terms — kept from one
 * build to the next, keyed by a digest of exactly what they are made from:
 *
 * - the record, as JSON (text, quotations, speakers, mentions…);
 * - every spelling the registry (data/) gives for the people and organizations
 *   the record names (speakers and mentions): the only data these parts read;
 * - the build options (site URL, path prefix), though these parts do not read them;
 * - the code fingerprint: every file of the running code (src/, or its compiled
 *   copy in .build/), package-lock.json and package.json (package versions), the
 *   Node version. A different fingerprint discards the whole cache.
 *
 * Nothing that depends on other articles or events (an event's article count, a
 * person's latest name) is cached: model.ts computes those every time.
 *
 * Two homes: in memory for the life of the process (the dev server keeps it
 * between rebuilds; only the entries of the last build are kept, so it never
 * grows past one entry per article), and one file on disk beside the records
 * cache (in the folder `REVUE_CACHE` names: `site-views-v2.json`), read at
 * the first build of a process and written again, whole and atomically (a
 * temporary file renamed), when it holds nothing usable or more than WRITE_SLACK
 * of its entries differ from those the build used. The file starts with a line
 * holding the fingerprint and the SHA-256 of the next, the index (each entry's
 * place in the file and the SHA-256 of its bytes): a file cut short or whose index
 * is edited or unreadable is not trusted (everything is rendered again, and the
 * file written afresh). An entry is read from the file only when its parts are
 * asked for — the article's page is rendered in this build (a page taken from the
 * previous build never asks: the page plan digests the key) — and its bytes are
 * checked then: an entry altered since it was written is rendered again.
 * `REVUE_VIEW_CACHE=0` turns the cache off (every part rendered; the bytes are the same).
 */
import { createHash, hash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pastSlack, readHeadLine, WriteSoon, writeAtomic } from "../cache-write.js";
import { PROJECT_ROOT } from "../root.js";
import { filesUnder, hashFiles } from "./file-hash.js";
import { timing } from "./progress.js";

export interface ArticleParts {
  ledeHtml: string;
  bodyHtml: string;
  searchTerms: string;
}

const FILE_NAME = "site-views-v2.json";
/** The cache file's format, in its first line and in the code fingerprint. */
const FORMAT = "revue-site-views 2";

const sha = (s: string | Buffer) => hash("sha256", s, "hex");

/**
 * Every file of the code this process runs (the folder above this module: src/, or
 * .build/KEY/ when compiled), the package files, the Node version. Computed once per
 * process: the code a process runs does not change under it, and a fingerprint read
 * later could label entries made by the old code with the new code's name.
 */
export function codeFingerprint(): string {
  const g = globalThis as Record<symbol, string | undefined>;
  const KEY = Symbol.for("revue.site.viewCache.fingerprint");
  if (g[KEY]) return g[KEY];
  const codeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const h = createHash("sha256");
  h.update(`${FORMAT}\0node ${process.version}\0`);
  const files = [...filesUnder(codeDir), ...["package-lock.json", "package.json"].map((f) => path.join(PROJECT_ROOT, f)).filter((f) => existsSync(f))];
  return (g[KEY] = hashFiles(h, codeDir, files).digest("hex"));
}

/** An entry as the file holds it, not read yet: the bytes of its JSON (an array of strings) in the file's buffer, and their SHA-256. */
interface Stored {
  buf: Buffer;
  start: number;
  end: number;
  sha: string;
}
/** An entry: its strings ([lede, text, terms] for an article's parts; see `texts` for the others), or its bytes not read yet. */
type Entry = string[] | Stored;
const isStored = (e: Entry): e is Stored => "buf" in e;

/** An entry's strings from its bytes, or null when they are not the bytes written (altered since) or not `length` strings. */
function decode(s: Stored, length: number): string[] | null {
  const bytes = s.buf.subarray(s.start, s.end);
  if (sha(bytes) !== s.sha) return null;
  try {
    const v = JSON.parse(bytes.toString("utf8")) as unknown;
    if (!Array.isArray(v) || v.length !== length || !v.every((x) => typeof x === "string")) return null;
    return v as string[];
  } catch {
    return null;
  }
}

const partsOf = (v: string[]): ArticleParts => ({ ledeHtml: v[0]!, bodyHtml: v[1]!, searchTerms: v[2]! });
const stringsOf = (p: ArticleParts): string[] => [p.ledeHtml, p.bodyHtml, p.searchTerms];

export class ViewCache {
  private entries = new Map<string, Entry>();
  private used = new Map<string, Entry>();
  private loaded = false;
  /** This build's figures, until commit; an entry found altered when read is counted as rendered. */
  private counts = { hits: 0, misses: 0 };
  /** The last build's figures: articles whose parts came from the cache, articles rendered. */
  last = { hits: 0, misses: 0 };
  /** Writes the file at the end of a build, or after it (the dev server, a long-lived process). */
  readonly writes = new WriteSoon();
  /** The keys the file holds (as read or last written); null when it holds nothing usable. */
  private onDisk: Set<string> | null = null;
  /**
   * An entry of the file was found altered: the file is written again at the end of the build whatever else
   * differs — or at once, when found after that end (the pages are rendered after the model's commit).
   */
  private damaged = false;
  private committed = false;

  /** file: where the entries are kept between processes (null: in memory only). */
  constructor(
    readonly file: string | null,
    readonly fingerprint: string = codeFingerprint(),
  ) {}

  /**
   * The parts under `key`, as a function that gives them: an entry of the file is read from its
   * bytes only when they are asked for (a page that is taken from the previous build never asks:
   * the plan digests the key, src/site/data.ts), and checked then — bytes altered since they were
   * written are not used: `make` makes the parts. Parts not held are made now.
   */
  lazy(key: string, make: () => ArticleParts): () => ArticleParts {
    this.load();
    this.committed = false;
    const held = this.used.get(key) ?? this.entries.get(key);
    const counts = this.counts;
    if (!held) {
      const parts = make();
      counts.misses++;
      this.used.set(key, stringsOf(parts));
      return () => parts;
    }
    counts.hits++;
    this.used.set(key, held);
    if (!isStored(held)) {
      const parts = partsOf(held);
      return () => parts;
    }
    let parts: ArticleParts | null = null;
    return () =>
      (parts ??= partsOf(
        this.open(key, held, 3, () => {
          counts.hits--;
          counts.misses++;
          return stringsOf(make());
        }),
      ));
  }

  /**
   * Other texts kept like an article's parts, read at once (`length` strings under `key`, made by `make`
   * when not held or altered): the word-level comparisons of an event's quotation variants (diff.ts).
   * Not counted in the articles' figures.
   */
  texts(key: string, length: number, make: () => string[]): string[] {
    this.load();
    this.committed = false;
    const held = this.used.get(key) ?? this.entries.get(key);
    const got = !held ? make() : isStored(held) ? this.open(key, held, length, make) : held.length === length ? held : make();
    this.used.set(key, got);
    return got;
  }

  /** The strings of an entry of the file, or made again (`make`) when its bytes were altered since written. */
  private open(key: string, s: Stored, length: number, make: () => string[]): string[] {
    let v = decode(s, length);
    if (!v) {
      v = make();
      // the file no longer holds it: written again (src/cache-write.ts pastSlack aside)
      this.onDisk?.delete(key);
      this.damaged = true;
    }
    for (const m of [this.used, this.entries]) if (m.get(key) === s) m.set(key, v);
    if (this.damaged && this.committed && this.file) {
      // once per build: an entry altered later in this one is found again by the next
      this.damaged = false;
      this.committed = false;
      const file = this.file;
      this.writes.run(() => this.save(file));
    }
    return v;
  }

  /**
   * End of a build: keep only the entries it used (one per article: the memory
   * stays bounded), and write the file again when they differ from what it holds.
   */
  commit(): void {
    this.last = this.counts;
    timing(`textes des articles : ${this.counts.hits} du cache, ${this.counts.misses} rendus`);
    this.entries = this.used;
    this.used = new Map();
    this.counts = { hits: 0, misses: 0 };
    if (!this.file) return;
    this.committed = true;
    // written when the file holds nothing usable, an entry was found altered, or more than WRITE_SLACK entries
    // differ from this build's: a file a few articles behind only has those rendered again by the next process,
    // and writing tens of megabytes after each one-seed rebuild would cost more (src/cache-write.ts)
    if (this.onDisk && !this.damaged && !pastSlack(this.onDisk, this.entries)) return;
    this.damaged = false;
    const file = this.file;
    this.writes.run(() => this.save(file));
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!this.file) return;
    const read = readCacheFile(this.file, this.fingerprint);
    this.entries = read ?? new Map();
    this.onDisk = read && new Set(read.keys());
  }

  private save(file: string): void {
    const keys = new Set(this.entries.keys());
    // entries not read in this process are written as the bytes read (their SHA-256 with them)
    const index: Record<string, [number, number, string]> = {};
    const chunks: Buffer[] = [];
    let at = 0;
    for (const [k, e] of this.entries) {
      const bytes = isStored(e) ? e.buf.subarray(e.start, e.end) : Buffer.from(JSON.stringify(e));
      index[k] = [at, at + bytes.length, isStored(e) ? e.sha : sha(bytes)];
      chunks.push(bytes);
      at += bytes.length;
    }
    const indexLine = JSON.stringify(index);
    const head = JSON.stringify({ format: FORMAT, fingerprint: this.fingerprint, sha256: sha(indexLine) });
    if (writeAtomic(file, Buffer.concat([Buffer.from(`${head}\n${indexLine}\n`), ...chunks]))) this.onDisk = keys;
  }
}

/**
 * The entries of a cache file — each its place in the file's bytes, read when asked for (ViewCache.lazy) —
 * or null when it is missing, of other code, cut short or its index altered. The file: a line with the
 * format, the code fingerprint and the SHA-256 of the next line; a line with the index (key → start,
 * end, SHA-256 of the entry's bytes); then the entries, each the JSON of [lede, text, terms].
 */
function readCacheFile(file: string, fingerprint: string): Map<string, Entry> | null {
  const read = readHeadLine(file);
  if (!read) return null;
  const { head, body: buf } = read;
  const nl = buf.indexOf(10);
  if (nl < 0) return null;
  try {
    if (head.format !== FORMAT || head.fingerprint !== fingerprint) return null;
    const indexLine = buf.subarray(0, nl);
    if (head.sha256 !== sha(indexLine)) return null;
    const index = JSON.parse(indexLine.toString("utf8")) as Record<string, unknown>;
    const base = nl + 1;
    const out = new Map<string, Entry>();
    for (const [k, v] of Object.entries(index)) {
      if (!Array.isArray(v) || v.length !== 3) return null;
      const [a, b, h] = v as unknown[];
      if (!Number.isInteger(a) || !Number.isInteger(b) || typeof h !== "string" || (a as number) < 0 || (a as number) > (b as number) || base + (b as number) > buf.length) return null;
      out.set(k, { buf, start: base + (a as number), end: base + (b as number), sha: h });
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * The digest of what an article's parts are made from: its record's JSON digest, the registry's
 * spellings of whom it names, the build options. Under the same code, the same key is the same
 * parts (what the cache rests on, and the page plan too: src/site/data.ts).
 */
export function partsKey(recordDigest: string, spellings: [string, string[]][], opts: { siteUrl: string; pathPrefix: string }): string {
  return sha(`${recordDigest}\0${JSON.stringify(spellings)}\0${opts.siteUrl}\0${opts.pathPrefix}`);
}

/** The dev server: its cache lives in memory between rebuilds, the file is written after each one. */
export function keepViewsInMemory(): void {
  (globalThis as Record<symbol, boolean>)[DEFER] = true;
}
const DEFER = Symbol.for("revue.site.viewCache.deferWrites");

/**
 * The cache of this process (kept on globalThis: Eleventy may load the site's modules
 * more than once), its file in the records cache's folder (REVUE_CACHE); null when REVUE_VIEW_CACHE=0.
 */
export function defaultViewCache(env: NodeJS.ProcessEnv = process.env): ViewCache | null {
  if (env.REVUE_VIEW_CACHE === "0") return null;
  // on disk only where a build names its cache folder (the build CLI, the dev server): a program that
  // calls buildSite itself (a test) keeps the entries in memory
  const file = env.REVUE_CACHE ? path.join(path.resolve(env.REVUE_CACHE), FILE_NAME) : null;
  const g = globalThis as Record<symbol, ViewCache | undefined>;
  const KEY = Symbol.for("revue.site.viewCache");
  const held = g[KEY];
  const cache = held && held.file === file ? held : (g[KEY] = new ViewCache(file));
  cache.writes.defer = (globalThis as Record<symbol, boolean | undefined>)[DEFER] === true;
  return cache;
}
