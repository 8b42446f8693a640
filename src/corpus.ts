/**
 * Reading a corpus: the seeds folder (or files given on the command line) →
 * records + events + a report of every file read. This is the only module of the
 * pipeline that touches the file system.
 *
 * Order (docs/input.md says why):
 *   1. list files; sidecars (NAME.meta.yaml|yml|json) are set aside, hidden files
 *      and unsupported extensions are skipped and reported;
 *   2. per seed: refuse above MAX_SEED_BYTES (before reading), look the bytes up in
 *      the record cache, else refuse binary or empty content, else extract — in a
 *      worker pool beside the main thread when more than POOL_THRESHOLD files need it;
 *   3. drop duplicates (identical bytes, or the same title and text);
 *   4. make ids unique (suffix -2, -3… in path order);
 *   5. apply sidecars;
 *   6. the corpus stage (`linkCorpus`: events, inferred dates).
 * Every problem is a warning naming the file; no input stops the build.
 */
import { availableParallelism } from "node:os";
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync, type Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { ArticleRecord, EventRecord } from "./record.js";
import { linkCorpus } from "./pipeline.js";
import { MAX_SEED_BYTES, decode } from "./ingest/decode.js";
import { RecordCache, recordVersion, sha256 } from "./cache.js";
import { processSeedIndex, statFields, unchanged, type SeedIndex, type SeedIndexEntry, type SeedStat } from "./seed-index.js";
import { processLinkStore } from "./link-store.js";
import { applySidecar, parseSidecar, registryResolvers, seedStem, sidecarStem } from "./sidecar.js";
import { ExtractPool } from "./worker-pool.js";
import { eachLimited } from "./each-limited.js";
import { computeContentKey, extractionFailed, runSeedJob, type SeedJob, type SeedOutcome } from "./seed-job.js";
import { timing } from "./timing.js";
import { knownDigest } from "./record-digest.js";

export const SUPPORTED_EXTENSIONS = [".txt", ".text", ".html", ".htm", ".md", ".markdown"];

/**
 * Above this many files to extract (cache misses), worker threads help the main
 * thread. Measured on 2 cores, 1,000 files took 1.7 s inline and 2.3 s with the
 * pool beside the main thread; 10,000 took 12.4 s inline, 10.8–12.0 s with it.
 * Measured again once a worker did a seed's whole work (src/seed-job.ts), 1,000
 * files from the compiled copy, 4 interleaved runs each on a loaded machine (load 8–12):
 * inline, 2.8–3.4 s of CPU, the main thread 1.9–2.4 s, wall 7.5–12.2 s; with the pool
 * started at the first miss, 3.8–4.3 s of CPU (the worker's start-up, its own JIT
 * warm-up and V8's compiler and GC threads for a second heap), the main thread
 * 1.5–1.6 s and the worker 1.1–1.3 s, wall 8.7–14.7 s. At best (two free cores) the
 * pool saves a few tenths of a second at 1,000 for a second of CPU, and on a busy
 * machine it loses: the threshold stays.
 */
export const POOL_THRESHOLD = 2000;

/**
 * Jobs sent ahead to each worker: it starts the next while the main thread, busy with
 * an extraction of its own, has not yet taken its answer.
 */
const JOBS_PER_WORKER = 3;

/**
 * Bytes of seeds held at most between their look-up (phase A) and their extraction: past
 * this, a seed is read again when its turn comes. Most corpora fit (10,000 seeds: 55 MB);
 * a folder of saved web pages, a few megabytes each, would otherwise be held whole before
 * the first extraction when there is no pool.
 */
const HOLD_BYTES = 64 * 1024 * 1024;

/**
 * The budget of one seed's extraction (docs/input.md, "Limits per seed"): 5 s
 * and 500 MB. Seeds of at least GUARD_BYTES are extracted in a worker thread of
 * their own whose heap is capped at the memory budget and which is stopped after
 * GUARD_DEADLINE_MS: a seed that would take minutes or gigabytes (a runaway
 * pattern, a structure the extractor handles badly) is then skipped with a
 * warning naming it, instead of holding or killing the whole build. The deadline
 * is twelve times the time budget, so a loaded machine never trips it on a seed
 * within budget (the benchmark measures the budget; the guard only stops what is
 * far beyond it). Smaller seeds cost too little to be worth a thread.
 */
export const SEED_BUDGET = { seconds: 5, memoryMb: 500 };
const GUARD_BYTES = 256 * 1024;
const GUARD_DEADLINE_MS = 12 * SEED_BUDGET.seconds * 1000;

/** One worker thread for large seeds, one seed at a time, replaced when it has been stopped. */
class Guard {
  private pool: ExtractPool | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly memoryMb: number, private readonly deadlineMs: number) {}

  /** What the job gave, or an error whose message says what was exceeded. */
  run(input: SeedJob): Promise<SeedOutcome> {
    const run = this.queue.then(() => this.runNow(input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runNow(input: SeedJob): Promise<SeedOutcome> {
    this.pool ??= new ExtractPool(1, { maxMemoryMb: this.memoryMb });
    const pool = this.pool;
    await pool.ready[0];
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new Error(`l'extraction n'a pas fini en ${this.deadlineMs / 1000} s (le budget est de ${SEED_BUDGET.seconds} s par fichier) : arrêtée`));
      }, this.deadlineMs);
    });
    try {
      return await Promise.race([pool.run(input, 0), deadline]);
    } catch (err) {
      const stopped = !pool.alive(0);
      if (stopped || timedOut) {
        this.pool = null;
        await pool.close();
      }
      if (stopped && /memory limit|out of memory/i.test((err as Error).message)) {
        throw new Error(`l'extraction a demandé plus de ${this.memoryMb} Mo de mémoire (le budget d'un fichier) : arrêtée`);
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.pool?.close();
  }
}

export interface FileReport {
  /** Path relative to the seeds folder. */
  file: string;
  status: "extracted" | "cached" | "skipped" | "failed" | "duplicate";
  recordId: string | null;
  warnings: string[];
  /** For duplicates: the file whose record was kept. */
  duplicateOf?: string;
  /** Why a file was skipped or failed, in a few words (also in `warnings` unless the skip is silent). */
  reason?: string;
  /** Size in bytes, when known. */
  bytes?: number;
  /** Encoding the seed was decoded from, for records. */
  encoding?: string;
  /** The sidecar applied to this seed (or refused: see warnings). */
  sidecar?: string;
}

export interface CorpusReport {
  files: FileReport[];
  extracted: number;
  fromCache: number;
  skipped: number;
  failed: number;
  duplicates: number;
  /** Number of warnings over all files. */
  warnings: number;
  /** Worker threads used for extraction (0: extracted in the main thread). */
  workers: number;
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
  /** Force (true) or forbid (false) the worker pool; default: more than POOL_THRESHOLD files to extract. */
  workers?: boolean;
  /** Guarded extraction of large seeds (see SEED_BUDGET); null turns it off. Smaller figures are for tests. */
  guard?: { bytes?: number; memoryMb?: number; deadlineMs?: number } | null;
  /**
   * The two file-system reads that can fail on a user's folder, replaceable in
   * tests (run as root, `chmod 000` does not make a file unreadable).
   */
  fs?: Partial<SeedFs>;
  /**
   * The latest year an article can be from (see `SeedInput.latestYear`): the CLIs pass
   * `currentYear()`; records cached under another year are not reused.
   */
  latestYear?: number;
  /** Bytes held between look-up and extraction at most (HOLD_BYTES). Smaller figures are for tests. */
  holdBytes?: number;
  /**
   * Take the records of unchanged seeds from the seed index of the cache folder
   * (src/seed-index.ts; kept in memory by the process, in one file of the cache
   * folder between processes): the site's builds. Needs `cacheDir` and one folder in `paths`.
   * `trustTimes: false` reads every seed again (a seed then only skips extraction).
   */
  index?: { trustTimes?: boolean; trustAfterMs?: number } | null;
}

/** The year the command runs in (UTC): read once by a CLI, passed to the extractor. */
export function currentYear(): number {
  return new Date().getUTCFullYear();
}

export interface SeedFs {
  /** The entries of one folder. */
  readDir(dir: string): Promise<Dirent[]>;
  /** The bytes of one seed. */
  readSeed(abs: string): Promise<Uint8Array>;
}

/**
 * A seed's bytes as they were when its record was made, for the copy in the
 * site's `sources/`: read again (non-blocking, as `readSeedSync`) and checked
 * against `record.source.sha256`. A file that has gone or changed since gives a
 * reason instead (the copy must be the text that was extracted, or nothing),
 * never an exception.
 */
export async function seedAsExtracted(
  seedsDir: string,
  record: Pick<ArticleRecord, "source">,
): Promise<{ bytes: Uint8Array } | { reason: string }> {
  let bytes: Uint8Array;
  try {
    bytes = readSeedSync(path.join(seedsDir, record.source.file));
  } catch (err) {
    return { reason: `${readError(err)} : pas de copie dans sources/` };
  }
  if (sha256(bytes) !== record.source.sha256) return { reason: "modifié depuis sa lecture : pas de copie dans sources/ (relancez la construction)" };
  return { bytes };
}

/**
 * Read a seed without ever blocking on it: opened non-blocking (a file replaced by a
 * named pipe after the listing would otherwise wait forever), refused unless it is
 * still a regular file. Synchronous, the one reader of seeds and sidecars: a seed is a
 * few kilobytes, read in microseconds; a promise of node:fs costs three round trips
 * (open, stat, read, close) through libuv's threads, several times the CPU (1,000
 * seeds: 13 ms read this way, 40 to 100 ms the other), each waiting for a turn of an
 * event loop busy extracting.
 */
function readSeedSync(abs: string): Uint8Array {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error("not a regular file"), { code: "ENOTREG" });
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

export const defaultFs: SeedFs = {
  readDir: (dir) => readdir(dir, { withFileTypes: true }),
  readSeed: async (abs) => readSeedSync(abs),
};

interface Listed {
  abs: string;
  rel: string;
  /** For a symbolic link followed: its target, relative to the seeds folder. */
  linkTo?: string;
}

/** Something found while listing that is not read: reported (and warned about unless `silent`). */
interface Unlisted {
  rel: string;
  status: "skipped" | "failed" | "duplicate";
  reason: string;
  message: string;
  duplicateOf?: string;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A read error in words, for a warning: "cannot read: EACCES (permission denied)". */
function readError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why: Record<string, string> = {
    ENOENT: "le fichier a disparu depuis la lecture du dossier",
    EACCES: "permission refusée",
    EPERM: "permission refusée",
    EISDIR: "un dossier, pas un fichier",
    ENOTREG: "ce n'est plus un fichier ordinaire",
    ELOOP: "trop de liens symboliques",
    EIO: "erreur d'entrée-sortie",
  };
  if (!code) return `lecture impossible : ${err instanceof Error ? err.message : String(err)}`;
  return why[code] ? `lecture impossible : ${code} (${why[code]})` : `lecture impossible : ${code}`;
}

/** What a directory entry is, in words, for one that is neither a file, a folder nor a link. */
function kindOf(entry: Dirent): string {
  if (entry.isFIFO()) return "tube nommé (FIFO)";
  if (entry.isSocket()) return "socket";
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return "périphérique";
  return "fichier spécial";
}

/**
 * Every file under `p`, folder by folder (a folder that cannot be read is
 * reported and the others are still listed), sorted by path. Symbolic links to
 * a regular file inside the seeds folder are followed (reported); links to
 * folders, to files outside the folder, dangling links, named pipes, sockets
 * and devices are reported and not read.
 */
async function listFiles(p: string, fsx: SeedFs): Promise<{ files: Listed[]; unlisted: Unlisted[] }> {
  const st = await stat(p);
  if (!st.isDirectory()) return { files: [{ abs: p, rel: path.basename(p) }], unlisted: [] };
  const root = await realpath(p);
  const files: Listed[] = [];
  const unlisted: Unlisted[] = [];
  const walk = async (dir: string, relDir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await fsx.readDir(dir);
    } catch (err) {
      const rel = relDir || ".";
      unlisted.push({ rel: rel + "/", status: "failed", reason: "dossier illisible", message: `dossier : ${readError(err)} ; les fichiers qu'il contient ne sont pas construits` });
      return;
    }
    for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
      const abs = path.join(dir, entry.name);
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(abs, rel);
      else if (entry.isFile()) files.push({ abs, rel });
      else if (entry.isSymbolicLink()) {
        const link = await followLink(abs, rel, root);
        if ("abs" in link) files.push(link);
        else unlisted.push(link);
      } else {
        unlisted.push({ rel, status: "skipped", reason: kindOf(entry), message: `${kindOf(entry)}, pas un fichier ordinaire : ignoré` });
      }
    }
  };
  await walk(p, "");
  return { files: files.sort((a, b) => compare(a.rel, b.rel)), unlisted };
}

/** A symbolic link: followed when it leads to a regular file inside the seeds folder, otherwise reported. */
async function followLink(abs: string, rel: string, root: string): Promise<Listed | Unlisted> {
  let target: string;
  try {
    target = await realpath(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "sa cible n'existe pas" : code === "ELOOP" ? "il mène à lui-même" : "sa cible est inaccessible";
    return { rel, status: "skipped", reason: "lien symbolique cassé", message: `lien symbolique vers rien (${code} : ${why}) : ignoré` };
  }
  const inside = path.relative(root, target);
  const outside = inside.startsWith("..") || path.isAbsolute(inside);
  const st = await stat(target).catch(() => null);
  if (st?.isDirectory()) {
    return { rel, status: "skipped", reason: "lien symbolique vers un dossier", message: "lien symbolique vers un dossier : non suivi (un dossier lié peut boucler ou mener hors du dossier lu ; copiez ou déplacez ses fichiers ici) : ignoré" };
  }
  if (outside) {
    // the seed is copied into the site (sources/): a link must not publish a file from elsewhere
    return { rel, status: "skipped", reason: "lien symbolique hors du dossier lu", message: `lien symbolique vers ${target}, hors du dossier lu : non suivi (son fichier serait publié avec le site ; copiez-le ici) : ignoré` };
  }
  if (!st?.isFile()) {
    return { rel, status: "skipped", reason: "lien symbolique vers un fichier spécial", message: "lien symbolique vers autre chose qu'un fichier ordinaire : ignoré" };
  }
  return { abs, rel, linkTo: inside.split(path.sep).join("/") };
}

function isHidden(rel: string): boolean {
  return rel.split("/").some((part) => part.startsWith("."));
}

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1).replace(".", ",")} Mo`;
}

/**
 * contentKey of records met before: the seed index hands the same record objects to every
 * build of a process, and carries each key between processes (SeedIndexEntry.contentKey);
 * a record just extracted comes with its key, made where it was (src/seed-job.ts).
 */
const contentKeys = new WeakMap<ArticleRecord, string | null>();

/** Title and text folded for comparison; null when there is no text to compare. */
function contentKey(r: ArticleRecord): string | null {
  let key = contentKeys.get(r);
  if (key === undefined) contentKeys.set(r, (key = computeContentKey(r)));
  return key;
}

type Outcome =
  | { kind: "record"; record: ArticleRecord; cached: boolean }
  | { kind: "refused"; reason: string; status: "skipped" | "failed"; bytes?: number };

export async function loadCorpus(opts: LoadOptions): Promise<Corpus> {
  const report: CorpusReport = {
    files: [], extracted: 0, fromCache: 0, skipped: 0, failed: 0, duplicates: 0, warnings: 0, workers: 0,
  };
  const reports = new Map<string, FileReport>();
  const warn = (fr: FileReport, message: string) => {
    fr.warnings.push(message);
    report.warnings++;
    opts.onWarning?.(fr.file, message);
  };
  const addReport = (fr: FileReport): FileReport => {
    report.files.push(fr);
    reports.set(fr.file, fr);
    return fr;
  };

  // 1. Listing.
  const fsx: SeedFs = { ...defaultFs, ...opts.fs };
  const listed: Listed[] = [];
  /** Warnings for files that are read (symbolic links followed), given once their report exists. */
  const notes = new Map<string, string>();
  for (const p of opts.paths) {
    let found: Awaited<ReturnType<typeof listFiles>>;
    try {
      found = await listFiles(p, fsx);
    } catch (err) {
      const fr = addReport({ file: p, status: "failed", recordId: null, warnings: [], reason: "introuvable" });
      warn(fr, `lecture impossible : ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      continue;
    }
    const plain = new Set(found.files.filter((f) => !f.linkTo && !isHidden(f.rel)).map((f) => f.rel));
    for (const f of found.files) {
      if (f.linkTo && plain.has(f.linkTo)) {
        found.unlisted.push({
          rel: f.rel, status: "duplicate", reason: "lien symbolique", duplicateOf: f.linkTo,
          message: `lien symbolique vers ${f.linkTo}, qui est lu sous son propre nom : pas construit une seconde fois`,
        });
        continue;
      }
      if (f.linkTo && !isHidden(f.rel)) notes.set(f.rel, `lien symbolique vers ${f.linkTo} (dans un dossier caché ou sous un autre nom) : lu à travers le lien`);
      listed.push(f);
    }
    for (const u of found.unlisted) {
      const fr = addReport({ file: u.rel, status: u.status, recordId: null, warnings: [], reason: u.reason });
      if (u.duplicateOf) fr.duplicateOf = u.duplicateOf;
      warn(fr, u.message);
      if (u.status === "failed") report.failed++;
      else if (u.status === "duplicate") report.duplicates++;
      else report.skipped++;
    }
  }
  const seeds: Listed[] = [];
  const sidecars: Listed[] = [];
  for (const f of listed) {
    const ext = path.extname(f.rel).toLowerCase();
    if (isHidden(f.rel)) {
      addReport({ file: f.rel, status: "skipped", recordId: null, warnings: [], reason: "fichier caché" });
      report.skipped++;
    } else if (sidecarStem(f.rel) !== null) {
      sidecars.push(f);
    } else if (SUPPORTED_EXTENSIONS.includes(ext)) {
      seeds.push(f);
    } else {
      const fr = addReport({ file: f.rel, status: "skipped", recordId: null, warnings: [], reason: "extension non prise en charge" });
      warn(fr, `${ext ? `extension « ${ext} » non prise en charge` : "fichier sans extension"} (extensions acceptées : ${SUPPORTED_EXTENSIONS.join(" ")}) : ignoré`);
      report.skipped++;
    }
  }

  // 2. Reading and extraction.
  const cache = opts.cacheDir ? new RecordCache(opts.cacheDir, recordVersion(opts.latestYear)) : null;
  // the seed index: only for one folder, with a cache (its key is the cache's version)
  const root = opts.index && cache && opts.paths.length === 1 ? await realpath(opts.paths[0]!).catch(() => null) : null;
  const seedIndex: SeedIndex | null = root && (await stat(root).catch(() => null))?.isDirectory() ? processSeedIndex(opts.cacheDir!, root, cache!.version) : null;
  const index = seedIndex?.get() ?? null;
  // the times compared are the real file system's (stat): seeds read through a reader of the caller's own (`fs.readSeed`) are read every time
  const trustTimes = opts.index?.trustTimes !== false && !opts.fs?.readSeed;
  const nextIndex = new Map<string, SeedIndexEntry>();
  const stats: SeedStat[] = new Array(seeds.length);
  const indexUse = { unread: 0, read: 0, missing: 0 };
  const outcomes: Outcome[] = new Array(seeds.length);
  const misses: number[] = [];
  let done = 0;
  const progress = () => opts.onProgress?.(++done, seeds.length);

  const cacheSpec = cache ? { dir: cache.dir, version: cache.version } : null;
  /** The bytes of each seed to extract, read once (phase A), handed to its job (phase B), up to holdBytes in all. */
  const held: (Uint8Array | undefined)[] = new Array(seeds.length);
  /** The SHA-256 of the bytes held (computed for the cache look-up), given to the extraction with them: not computed twice. */
  const heldSha: (string | undefined)[] = new Array(seeds.length);
  const holdBytes = opts.holdBytes ?? HOLD_BYTES;
  let heldBytes = 0;
  const unreadable = (err: unknown): Outcome => ({ kind: "refused", status: "failed", reason: `${readError(err)} : ignoré` });

  const guardOpts = opts.guard === null ? null : { bytes: GUARD_BYTES, memoryMb: SEED_BUDGET.memoryMb, deadlineMs: GUARD_DEADLINE_MS, ...opts.guard };
  const guardBytes = guardOpts?.bytes ?? Infinity;
  const guard = guardOpts ? new Guard(guardOpts.memoryMb, guardOpts.deadlineMs) : null;
  // The pool costs a worker's start-up (its modules, then the extractor's first, slower, files):
  // by default it starts once more than POOL_THRESHOLD seeds are found to need extraction — during
  // phase A, so that the workers load while the look-ups go on — with one worker fewer than cores,
  // the main thread extracting alongside. `workers: true` gives a worker per core and extracts only there.
  const forced = opts.workers === true;
  let pool: ExtractPool | null = null;
  const lanes: Promise<void>[] = [];
  const startPool = () => {
    if (pool || opts.workers === false || misses.length <= (forced ? 0 : POOL_THRESHOLD)) return;
    const cores = Math.min(availableParallelism(), 8);
    pool = new ExtractPool(forced ? cores : Math.max(1, cores - 1));
    // the workers take misses as soon as they have loaded, while phase A goes on
    for (let w = 0; w < pool.size; w++) for (let k = 0; k < JOBS_PER_WORKER; k++) lanes.push(workerLane(w));
  };

  /** Phase A: size check, index and cache look-ups, reading; what remains goes to phase B. */
  const lookUp = async (i: number) => {
    const f = seeds[i];
    let size: number;
    try {
      // the look's time is taken before the stat (src/seed-index.ts: the margin that trusting the file's times relies on)
      const lookedAt = Date.now();
      const st = statSync(f.abs, { bigint: true });
      size = Number(st.size);
      if (index) stats[i] = statFields(st, lookedAt, opts.index?.trustAfterMs);
    } catch (err) {
      outcomes[i] = unreadable(err);
      return progress();
    }
    if (size > MAX_SEED_BYTES) {
      outcomes[i] = {
        kind: "refused", status: "skipped", bytes: size,
        reason: `fichier trop volumineux (${megabytes(size)} ; la limite est de ${megabytes(MAX_SEED_BYTES)}) : ignoré`,
      };
      return progress();
    }
    const known = index?.get(f.rel);
    // its content key, computed by an earlier process, goes with its record wherever that is used
    if (known?.contentKey !== undefined) contentKeys.set(known.record, known.contentKey);
    if (known && trustTimes && unchanged(known, stats[i]!)) {
      // unchanged since the last build: its record without reading it (src/seed-index.ts)
      nextIndex.set(f.rel, known.trusted === stats[i]!.trusted ? known : { ...known, ...stats[i]! });
      outcomes[i] = { kind: "record", record: known.record, cached: true };
      indexUse.unread++;
      return progress();
    }
    let bytes: Uint8Array;
    try {
      bytes = await fsx.readSeed(f.abs);
    } catch (err) {
      outcomes[i] = unreadable(err);
      return progress();
    }
    let digest: string | undefined;
    if (cache) {
      digest = sha256(bytes);
      const indexed = known?.record.source.sha256 === digest;
      if (index) indexUse[indexed ? "read" : "missing"]++;
      const hit = indexed ? known!.record : cache.get(f.rel, digest);
      if (hit) {
        if (index) nextIndex.set(f.rel, { ...stats[i]!, record: hit });
        outcomes[i] = { kind: "record", record: hit, cached: true };
        return progress();
      }
    }
    if (heldBytes + bytes.length <= holdBytes) {
      held[i] = bytes;
      heldSha[i] = digest;
      heldBytes += bytes.length;
    }
    misses.push(i);
    startPool();
    found();
  };

  /**
   * Phase B: the misses in the order phase A found them (path order, but for a reader of the
   * caller's own), taken by the workers' lanes — from the start of phase A — and the main thread's.
   */
  let next = 0;
  let lookedUp = false;
  /** Settles when phase A finds a miss (or ends); found() settles it and makes the next. */
  let more!: Promise<void>;
  let found!: () => void;
  const waitMore = () => {
    more = new Promise<void>((resolve) => (found = () => (waitMore(), resolve())));
  };
  waitMore();
  let allTaken!: () => void;
  const taken = new Promise<void>((resolve) => (allTaken = resolve));
  const take = (): number | null => {
    if (next >= misses.length) {
      if (lookedUp) allTaken();
      return null;
    }
    return misses[next++]!;
  };
  /** The next miss; during phase A, waits for one to be found. */
  const nextMiss = async (): Promise<number | null> => {
    for (;;) {
      const i = take();
      if (i !== null || lookedUp) return i;
      await more;
    }
  };
  /** The job of miss i: its bytes as held since phase A, else read now (past holdBytes); null when that read fails (its outcome says why). */
  const jobOf = async (i: number): Promise<SeedJob | null> => {
    let bytes = held[i];
    // the hash of the bytes held, not of a seed read again (it may have changed since)
    const sha = bytes && heldSha[i];
    held[i] = heldSha[i] = undefined;
    if (bytes) heldBytes -= bytes.length;
    else {
      try {
        bytes = await fsx.readSeed(seeds[i].abs);
      } catch (err) {
        outcomes[i] = unreadable(err);
        progress();
        return null;
      }
    }
    return { file: seeds[i].rel, bytes, latestYear: opts.latestYear, cache: cacheSpec, ...(sha ? { sha256: sha } : {}) };
  };
  const finish = (i: number, o: SeedOutcome) => {
    if (o.kind === "refused") outcomes[i] = o;
    else {
      contentKeys.set(o.record, o.contentKey);
      if (o.digest) knownDigest(o.record, o.digest);
      outcomes[i] = { kind: "record", record: o.record, cached: false };
      if (index && stats[i]) nextIndex.set(seeds[i].rel, { ...stats[i]!, record: o.record });
    }
    progress();
  };
  /** A large seed, in the guard's worker (see SEED_BUDGET); its failures are the seed's, not the build's. */
  const guarded = (job: SeedJob): Promise<SeedOutcome> | null =>
    guard && job.bytes.length >= guardBytes
      ? guard.run(job).catch((err: Error) => ({ kind: "refused", status: "failed", reason: extractionFailed(err.message), bytes: job.bytes.length }))
      : null;
  /** Lanes of one worker: start when it has loaded, stop when it dies or the queue is empty. */
  const workerLane = async (worker: number) => {
    await Promise.race([pool!.ready[worker], taken]); // no waiting for a worker when the main thread did everything
    for (let i = await nextMiss(); i !== null; i = pool!.alive(worker) ? await nextMiss() : null) {
      const job = await jobOf(i);
      // a worker that stopped (crashed) under a job: that job is done here
      if (job) finish(i, await (guarded(job) ?? pool!.run(job, worker).catch(() => runSeedJob(job))));
    }
  };
  /** The main thread's lane: one seed at a time, letting the workers' answers in between. */
  const inlineLane = async () => {
    for (let i = take(); i !== null; i = take()) {
      const job = await jobOf(i);
      if (job) finish(i, (await guarded(job)) ?? runSeedJob(job));
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  try {
    // the loader's own reader is synchronous: one lane, which lets the workers' messages in every
    // 32 seeds; a reader of the caller's own may wait for each file, so 16 reads are in flight
    await eachLimited(seeds, opts.fs?.readSeed ? 16 : 1, async (_, i) => {
      await lookUp(i);
      if (pool && i % 32 === 31) await new Promise((resolve) => setImmediate(resolve));
    });
    lookedUp = true;
    found();
    if (!forced || !pool) lanes.push(inlineLane());
    await Promise.all(lanes);
    await inlineLane(); // whatever dead workers left
  } finally {
    report.workers = (pool as ExtractPool | null)?.used ?? 0;
    await (pool as ExtractPool | null)?.close();
    await guard?.close();
  }
  await cache?.prune().catch(() => undefined);

  // Reports, in path order.
  const kept: ArticleRecord[] = [];
  seeds.forEach((f, i) => {
    const o = outcomes[i];
    if (o.kind === "refused") {
      const fr = addReport({ file: f.rel, status: o.status, recordId: null, warnings: [], reason: o.reason.replace(/(?: :|,) (?:fichier )?ignoré$/, "") });
      if (o.bytes !== undefined) fr.bytes = o.bytes;
      warn(fr, o.reason);
      if (o.status === "failed") report.failed++;
      else report.skipped++;
      return;
    }
    const r = o.record;
    const fr = addReport({
      file: f.rel, status: o.cached ? "cached" : "extracted", recordId: r.id, warnings: [],
      bytes: r.source.bytes, encoding: r.source.encoding,
    });
    for (const w of r.warnings) warn(fr, w);
    if (o.cached) report.fromCache++;
    else report.extracted++;
    kept.push(r);
  });

  for (const [rel, note] of notes) {
    const fr = reports.get(rel);
    if (fr) warn(fr, note);
  }

  // 3. Duplicates, 4. unique ids, 5. sidecars.
  const unique = dropDuplicates(kept, reports, warn, report);
  // each record's content key goes into the index with it (read back by the next process)
  for (const e of nextIndex.values()) if (e.contentKey === undefined && contentKeys.has(e.record)) e.contentKey = contentKeys.get(e.record)!;
  if (seedIndex) {
    seedIndex.last = indexUse;
    seedIndex.commit(nextIndex);
  }
  const renamed = uniqueIds(unique, reports, warn);
  const withSidecars = await applySidecars(renamed, sidecars, reports, addReport, warn, report);

  // 6. Corpus stage.
  if (seedIndex) timing(`index des sources : ${indexUse.unread} inchangées non relues, ${indexUse.read} relues et retrouvées, ${indexUse.missing} absentes (cache des fiches ou extraction)`);
  // what linking reads of each record alone is kept between builds beside the seed index (src/link-store.ts)
  const links = seedIndex ? processLinkStore(opts.cacheDir!, root!, cache!.version) : null;
  const linked = linkCorpus(withSidecars, undefined, links);
  links?.commit();
  if (links) timing(`événements liés : ${links.last.kept} fiches lues du fichier des liens, ${links.last.read} lues à nouveau ; groupes de citations : ${links.groups.kept} événements repris, ${links.groups.made} refaits`);
  report.files.sort((a, b) => compare(a.file, b.file));
  return { records: linked.records, events: linked.events, report };
}

type Warn = (fr: FileReport, message: string) => void;

/**
 * One record per article: a record whose bytes, or whose folded title and text,
 * equal an earlier one's (in path order) is dropped and reported — unless both
 * name different outlets (the same agency dispatch printed by two papers is two
 * articles).
 */
function dropDuplicates(records: ArticleRecord[], reports: Map<string, FileReport>, warn: Warn, report: CorpusReport): ArticleRecord[] {
  const byBytes = new Map<string, ArticleRecord>();
  const byText = new Map<string, ArticleRecord[]>();
  const out: ArticleRecord[] = [];
  for (const r of records) {
    const sameBytes = byBytes.get(r.source.sha256);
    const key = contentKey(r);
    const sameText = key === null ? undefined : (byText.get(key) ?? []).find(
      (k) => !k.outlet || !r.outlet || k.outlet.id === r.outlet.id,
    );
    const original = sameBytes ?? sameText;
    if (original) {
      const fr = reports.get(r.source.file)!;
      fr.status = "duplicate";
      fr.duplicateOf = original.source.file;
      fr.recordId = null;
      report.duplicates++;
      const why = sameBytes ? "octets identiques" : "même titre et même texte";
      warn(fr, `même article que ${original.source.file} (${why}) : pas construit une seconde fois`);
      continue;
    }
    byBytes.set(r.source.sha256, r);
    if (key !== null) (byText.get(key) ?? byText.set(key, []).get(key)!).push(r);
    out.push(r);
  }
  return out;
}

/**
 * Ids unique across the corpus, deterministically: the first record in path
 * order keeps its id, the next ones get -2, -3… (skipping any id another file
 * has by its own name).
 */
function uniqueIds(records: ArticleRecord[], reports: Map<string, FileReport>, warn: Warn): ArticleRecord[] {
  const natural = new Set(records.map((r) => r.id));
  const used = new Set<string>();
  const firstOwner = new Map<string, string>();
  return records.map((r) => {
    if (!used.has(r.id)) {
      used.add(r.id);
      firstOwner.set(r.id, r.source.file);
      return r;
    }
    let n = 2;
    while (used.has(`${r.id}-${n}`) || natural.has(`${r.id}-${n}`)) n++;
    const id = `${r.id}-${n}`;
    used.add(id);
    const fr = reports.get(r.source.file)!;
    fr.recordId = id;
    warn(fr, `l'identifiant « ${r.id} » est déjà celui de ${firstOwner.get(r.id)} : cet article a l'identifiant « ${id} »`);
    return { ...r, id };
  });
}

async function applySidecars(
  records: ArticleRecord[],
  sidecars: Listed[],
  reports: Map<string, FileReport>,
  addReport: (fr: FileReport) => FileReport,
  warn: Warn,
  report: CorpusReport,
): Promise<ArticleRecord[]> {
  if (sidecars.length === 0) return records;
  const byStem = new Map<string, ArticleRecord[]>();
  for (const r of records) {
    const stem = seedStem(r.source.file);
    (byStem.get(stem) ?? byStem.set(stem, []).get(stem)!).push(r);
  }
  const replaced = new Map<ArticleRecord, ArticleRecord>();
  for (const s of sidecars) {
    const stem = sidecarStem(s.rel)!;
    const targets = byStem.get(stem) ?? [];
    if (targets.length === 0) {
      const fr = addReport({ file: s.rel, status: "skipped", recordId: null, warnings: [], reason: "fichier de corrections sans article" });
      const dup = [...reports.values()].find((x) => x.status === "duplicate" && seedStem(x.file) === stem);
      warn(fr, dup
        ? `fichier de corrections de ${dup.file}, doublon de ${dup.duplicateOf} : non appliqué (placez-le à côté de ${dup.duplicateOf})`
        : `fichier de corrections sans article nommé ${path.posix.basename(stem)}.* à côté de lui (ou cet article a été ignoré) : non appliqué`);
      report.skipped++;
      continue;
    }
    let parsed;
    try {
      parsed = parseSidecar(decode(readSeedSync(s.abs)).text);
    } catch (err) {
      parsed = { ok: false as const, error: readError(err) };
    }
    for (const target of targets) {
      const fr = reports.get(target.source.file)!;
      fr.sidecar = s.rel;
      const current = replaced.get(target) ?? target;
      if (!parsed.ok) {
        const msg = `fichier de corrections ${s.rel} : ${parsed.error} : article construit sans lui`;
        warn(fr, msg);
        replaced.set(target, { ...current, warnings: [...current.warnings, msg] });
        continue;
      }
      const applied = applySidecar(current, parsed.sidecar, registryResolvers);
      const msgs = applied.warnings.map((w) => w.replace(/^fichier de corrections /, `fichier de corrections ${s.rel} `));
      for (const m of msgs) warn(fr, m);
      replaced.set(target, { ...applied.record, warnings: [...applied.record.warnings, ...msgs] });
    }
  }
  return records.map((r) => replaced.get(r) ?? r);
}
