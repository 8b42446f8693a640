/**
 * Steps after Eleventy has written the pages: copy each seed (bytes as read)
 * next to its article, and index the site with Pagefind.
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { link, mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import { eachLimited } from "../each-limited.js";
import type { SiteBuild } from "./data.js";
import type { RenderPlan } from "./incremental.js";
import { runHere, type Run, type Started } from "./launcher.js";
import { timing } from "../timing.js";
import { urls } from "./urls.js";

/** Bumped when what a copy in sources/ holds changes (its key in SOURCES_MANIFEST). */
export const SOURCE_COPY_VERSION = 1;

/**
 * Each record's seed into `sources/`, as the text that was extracted, in UTF-8 with a
 * byte-order mark (`sourceTextCopy`, src/site/exports.ts): a seed that has gone or
 * changed since it was read is not copied, and the warning names it.
 *
 * A copy the previous build (`previousDir`: none when building in place, the caller's
 * choice, src/site/eleventy-config.ts) made from the same seed bytes — its key in that
 * build's `.revue/sources.json` is this one: the seed's SHA-256 from the record,
 * SOURCE_COPY_VERSION and the build's fingerprint (the code that makes the copy) —
 * is hard-linked from there (copied where links are impossible) without reading the
 * seed again: it is the copy of the very bytes that were extracted. The manifest
 * records every copy made or linked, the same bytes whether the build was cold or not.
 */
export async function copySeeds(
  build: SiteBuild,
  outDir: string,
  warn: (file: string, message: string) => void = stderrWarning,
  previousDir: string | null = null,
): Promise<number> {
  return copySources(sourceJobs(build.corpus), build.seedsDir, outDir, build.plan?.fingerprint ?? "", warn, previousDir);
}

/** One seed to copy: its copy's place in the site, the seed (relative to the seeds folder) and the SHA-256 it was extracted from. */
export interface SourceJob {
  file: string;
  seed: string;
  sha256: string;
}

/** The copies to make, in the report's order: one per record, from the file it was made from. */
export function sourceJobs(corpus: Pick<SiteBuild["corpus"], "records" | "report">): SourceJob[] {
  const byId = new Map(corpus.records.map((r) => [r.id, r]));
  const jobs: SourceJob[] = [];
  for (const f of corpus.report.files) {
    const record = f.recordId ? byId.get(f.recordId) : undefined;
    if (!record || record.source.file !== f.file) continue;
    jobs.push({ file: decodeURIComponent(urls.source(record.id)).slice(1), seed: record.source.file, sha256: record.source.sha256 });
  }
  return jobs;
}

/**
 * copySeeds's work from its list of copies (sourceJobs), the build's fingerprint (incremental.ts,
 * buildFingerprint) in the copies' keys. The build CLI runs it in its own process while the render
 * child builds the site model (src/cli/build.ts).
 */
export async function copySources(
  jobs: SourceJob[],
  seedsDir: string,
  outDir: string,
  fingerprint: string,
  warn: (file: string, message: string) => void = stderrWarning,
  previousDir: string | null = null,
): Promise<number> {
  // loaded here, not at the top: the build CLI imports this module for indexSearch alone
  const { seedAsExtracted } = await import("../corpus.js");
  const { sourceTextCopy } = await import("./exports.js");
  const { SOURCES_MANIFEST, readManifest, manifestText, linkOrCopy, writeFresh } = await import("./incremental.js");
  await mkdir(path.join(outDir, "sources"), { recursive: true });
  const before = await readManifest(previousDir, SOURCES_MANIFEST);
  const keys = jobs.map((j) => createHash("sha256").update(`revue-source-copy ${SOURCE_COPY_VERSION}\0${fingerprint}\0${j.sha256}`).digest("hex"));
  // a few at a time, results kept in order: the warnings come out in the report's order
  const results: (string | null)[] = new Array(jobs.length).fill(null);
  await eachLimited(jobs, 8, async ({ file, seed, sha256 }, i) => {
    const to = path.join(outDir, file);
    if (previousDir && before[file] === keys[i]) {
      try {
        // a copy's folder is sources/, made above: a plain link first (linkOrCopy makes the folder before each
        // link, twice the calls on libuv's threads), linkOrCopy for what it could not do (a file there, another disk)
        await link(path.join(previousDir, file), to).catch(() => linkOrCopy(path.join(previousDir, file), to));
        return;
      } catch {
        // gone from the previous site: made afresh below
      }
    }
    const read = await seedAsExtracted(seedsDir, { source: { file: seed, sha256 } } as Parameters<typeof seedAsExtracted>[1]);
    if ("reason" in read) results[i] = read.reason;
    else {
      // the folder is new (or its sources/ just removed): a file already there would be a link into the previous site
      const bytes = sourceTextCopy(read.bytes);
      await writeFile(to, bytes, { flag: "wx" }).catch((err: NodeJS.ErrnoException) => (err.code === "EEXIST" ? writeFresh(to, bytes) : Promise.reject(err)));
    }
  });
  const manifest: Record<string, string> = {};
  jobs.forEach((j, i) => {
    if (results[i] === null) manifest[j.file] = keys[i]!;
    else warn(j.seed, results[i]!);
  });
  await writeFresh(path.join(outDir, SOURCES_MANIFEST), manifestText(manifest));
  return Object.keys(manifest).length;
}

function stderrWarning(file: string, message: string): void {
  process.stderr.write(`revue: ${file}: ${message}\n`);
}

/** Article pages per search bucket (about; a power of two of buckets, at most SEARCH_MAX_BUCKETS). */
export const SEARCH_BUCKET_PAGES = 128;
export const SEARCH_MAX_BUCKETS = 32;

/**
 * Article ids → search buckets. A page's bucket depends only on its group (its
 * event, from the build's .revue/search-groups.json; else its id) and on the
 * number of buckets (a power of two that grows with the corpus), so adding or
 * changing one article changes one bucket; the first bucket is never empty (it
 * holds the index the search page loads first).
 */
export function searchBuckets(ids: string[], groupOf: (id: string) => string = (id) => id): string[][] {
  let count = 1;
  while (count < SEARCH_MAX_BUCKETS && ids.length / count > SEARCH_BUCKET_PAGES) count *= 2;
  for (;;) {
    const buckets: string[][] = Array.from({ length: count }, () => []);
    for (const id of [...ids].sort()) buckets[createHash("sha256").update(groupOf(id)).digest().readUInt32BE(0) % count]!.push(id);
    if (count === 1 || buckets[0]!.length) return buckets;
    count /= 2;
  }
}

/** A glob character written as itself. */
const globLiteral = (id: string) => id.replace(/[\\*?[\]{},!()^$|]/g, (c) => `\\${c}`);

/** One search bucket: the folder of its index, its article ids, a hash of its pages (null when one has none in the page manifest). */
export interface SearchBucket {
  sub: string;
  members: string[];
  hash: string | null;
  /** Its pages are all the article pages. */
  whole: boolean;
}

const articleFile = (id: string) => `articles/${id}/index.html`;

/**
 * The buckets of searchBuckets (`all`, empty ones included: their places make the folder names)
 * and, for each non-empty one, its folder — bucket 1 in pagefind/, bucket k in pagefind-k/ — and
 * the hash of its pages (`pages`: file → hash, the page manifest).
 */
function searchBucketList(ids: string[], groups: Record<string, string>, pages: Record<string, string>): { all: string[][]; buckets: SearchBucket[] } {
  const all = searchBuckets(ids, (id) => groups[id] ?? `article ${id}`);
  const buckets: SearchBucket[] = [];
  for (const [k, members] of all.entries()) {
    if (!members.length) continue;
    const files = members.map(articleFile);
    // known only when every page of the bucket is in the page manifest
    const hash = files.every((f) => pages[f])
      ? createHash("sha256").update(`${all.length}\0${files.map((f) => `${f}\0${pages[f]}`).join("\0")}`).digest("hex")
      : null;
    buckets.push({ sub: k === 0 ? "pagefind" : `pagefind-${k + 1}`, members, hash, whole: members.length === ids.length });
  }
  return { all, buckets };
}

const STOPPED = () => new Error("pagefind: stopped (the build failed)");

/**
 * Pagefind runs over the buckets of one output folder, at most `lanes` at a time. The build
 * starts each bucket whose pages are all written while Eleventy still renders the others
 * (watchSearchBuckets; one lane: one core renders, the other indexes), then indexSearch adds
 * the rest with a lane per core. A bucket is indexed once per folder and hash.
 * Run as Pagefind's CLI, a child process per bucket: the Node API's writeFiles can return
 * before its service has finished writing (files came out truncated), and the binary is
 * started directly, not through the package's Node wrapper, which would hold a Node process
 * in memory beside it.
 */
export class SearchRuns {
  #queue: { start: () => void; stop: (err: Error) => void }[] = [];
  #running = 0;
  #runs = new Map<string, { hash: string | null; done: Promise<number> }>();
  #live = new Set<Started>();
  #stopped = false;
  /** Pagefind's binary, looked up from the start (see the constructor). */
  readonly #bin: Promise<string>;
  #started = 0;
  #ended = 0;

  /** `run`: how a command is started (src/site/launcher.ts). */
  constructor(
    readonly outDir: string,
    private lanes = 1,
    private readonly run: Run = runHere,
  ) {
    // looked up now, not when the first bucket is ready: then the render leaves the event loop few turns
    this.#bin = pagefindBinary();
    this.#bin.catch(() => undefined); // a failure is reported by the first run, which awaits it
  }

  /** Index `bucket` (again only if its folder was indexed with another hash): the number of pages Pagefind indexed. */
  add(bucket: SearchBucket): Promise<number> {
    const known = this.#runs.get(bucket.sub);
    if (known && bucket.hash !== null && known.hash === bucket.hash) return known.done;
    const after = known ? known.done.catch(() => 0) : Promise.resolve(0);
    const done = after.then(
      () =>
        new Promise<number>((resolve, reject) => {
          if (this.#stopped) return reject(STOPPED());
          this.#queue.push({ start: () => this.#index(bucket).then(resolve, reject), stop: reject });
          this.#pump();
        }),
    );
    done.catch(() => undefined); // failures are reported to whoever awaits the bucket (indexSearch), not as unhandled
    this.#runs.set(bucket.sub, { hash: bucket.hash, done });
    return done;
  }

  /** Whether a run of the bucket folder `sub` was asked for in this build (its folder is then this build's, not to be linked). */
  has(sub: string): boolean {
    return this.#runs.has(sub);
  }

  /** Runs started and ended so far. */
  get counts(): { started: number; ended: number } {
    return { started: this.#started, ended: this.#ended };
  }

  setLanes(lanes: number): void {
    this.lanes = Math.max(1, lanes);
    this.#pump();
  }

  /** Nothing more is started; the runs going on are stopped and waited for (a failed build, before its folder is removed). */
  async abort(): Promise<void> {
    this.#stopped = true;
    for (const q of this.#queue.splice(0)) q.stop(STOPPED());
    for (const c of this.#live) c.kill();
    await Promise.all([...this.#runs.values()].map((r) => r.done.catch(() => undefined)));
  }

  #pump(): void {
    while (!this.#stopped && this.#running < this.lanes && this.#queue.length) {
      this.#running++;
      this.#started++;
      this.#queue.shift()!.start();
    }
  }

  async #index(bucket: SearchBucket): Promise<number> {
    try {
      const bin = await this.#bin;
      // nothing to remove (the usual case while the render runs): no await of the event loop, which
      // the render lets turn only now and then, before the run is started
      const sub = path.join(this.outDir, bucket.sub);
      if (existsSync(sub)) await rm(sub, { recursive: true, force: true });
      // checked once nothing is awaited before the start: a run started after abort() would not be stopped by it
      if (this.#stopped) throw STOPPED();
      const glob = bucket.whole ? "articles/*/index.html" : `articles/{${bucket.members.map(globLiteral).join(",")}}/index.html`;
      timing(`pagefind ${bucket.sub} (${bucket.members.length} pages) commencé`);
      const started = this.run(bin, ["--site", this.outDir, "--glob", glob, "--output-subdir", bucket.sub, "--force-language", "fr"]);
      this.#live.add(started);
      const stdout = await started.done.finally(() => this.#live.delete(started)).catch((err: Error) => {
        throw new Error(`pagefind failed: ${err.message}`);
      });
      timing(`pagefind ${bucket.sub} fini`);
      const m = /Indexed (\d+) pages?/.exec(stdout);
      return m ? Number(m[1]) : 0;
    } finally {
      this.#running--;
      this.#ended++;
      this.#pump();
    }
  }
}

/** The Pagefind binary the package's wrapper would run. */
async function pagefindBinary(): Promise<string> {
  // The package exports only its API; the wrapper's binary look-up sits beside it.
  const lib = pathToFileURL(path.dirname(fileURLToPath(import.meta.resolve("pagefind"))) + "/");
  const { resolveBinaryPath } = (await import(new URL("resolveBinary.js", lib).href)) as {
    resolveBinaryPath: (names: string[]) => string;
  };
  return resolveBinaryPath(["pagefind_extended", "pagefind"]); // the wrapper's own choice, in its order
}

/**
 * Pagefind over the article pages of outDir (French; only elements marked
 * data-pagefind-body are indexed), one index per bucket of searchBucketList, the
 * others than the first listed in pagefind/shards.json for the search page to
 * merge (Pagefind's mergeIndex). A bucket whose pages have the same hashes as in
 * `previousDir`'s build (.revue/search.json, from the page manifest) is linked
 * from there, not indexed again; with previousDir = outDir (the dev server) it is
 * left as it is. `runs`: the runs the build started while the pages were written
 * (a bucket already indexed with the hash it has now is not indexed again).
 */
export async function indexSearch(
  outDir: string,
  previousDir: string | null = null,
  runs: SearchRuns = new SearchRuns(outDir),
): Promise<{ pages: number; shards: number; indexed: number }> {
  const { PAGES_MANIFEST, SEARCH_MANIFEST, SEARCH_GROUPS, readManifest, manifestText, linkOrCopy, writeFresh } = await import("./incremental.js");
  const inPlace = previousDir !== null && path.resolve(previousDir) === path.resolve(outDir);
  const before = await readManifest(previousDir, SEARCH_MANIFEST);
  // rewritten in place: until the new record is written, no bucket is known good
  if (inPlace) await rm(path.join(outDir, SEARCH_MANIFEST), { force: true });
  const pages = await readManifest(outDir, PAGES_MANIFEST);
  const ids = (await readdir(path.join(outDir, "articles"), { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name);
  const { all, buckets } = searchBucketList(ids, await readManifest(outDir, SEARCH_GROUPS), pages);
  const record: Record<string, string> = {};
  const toIndex: SearchBucket[] = [];
  const links: Promise<void>[] = [];
  let total = 0;
  for (const b of buckets) {
    if (b.hash) record[b.sub] = b.hash;
    total += b.members.length;
    const previous = previousDir ? path.join(previousDir, b.sub) : null;
    // a folder an early run indexed (from a plan whose hash for it differed) is this build's: indexed again, never linked into
    if (b.hash && previous && !runs.has(b.sub) && before[b.sub] === b.hash && (await exists(path.join(previous, "pagefind-entry.json")))) {
      if (!inPlace) links.push(linkTree(previous, path.join(outDir, b.sub), linkOrCopy));
      continue;
    }
    toIndex.push(b);
  }
  // the largest buckets first: the lanes then end together instead of one indexing a large bucket alone
  toIndex.sort((a, b) => b.members.length - a.members.length);
  runs.setLanes(Math.min(availableParallelism(), 4));
  const counts = await Promise.all(toIndex.map((b) => runs.add(b)));
  await Promise.all(links);
  // a bucket folder this build does not list (a previous bucket count, in place; one indexed while the
  // pages were written from a plan the written site does not match) goes: the output is a cold build's
  const keep = new Set(buckets.map((b) => b.sub));
  for (const d of await readdir(outDir)) if (/^pagefind-\d+$/.test(d) && !keep.has(d)) await rm(path.join(outDir, d), { recursive: true, force: true });
  const others = all.map((b, k) => (k > 0 && b.length ? `pagefind-${k + 1}/` : null)).filter((x): x is string => x !== null);
  if (all[0]!.length) await writeFresh(path.join(outDir, "pagefind", "shards.json"), JSON.stringify(others) + "\n");
  await writeFresh(path.join(outDir, SEARCH_MANIFEST), manifestText(record));
  return { pages: total, shards: others.length + (all[0]!.length ? 1 : 0), indexed: counts.reduce((a, n) => a + n, 0) };
}

/** Where the build puts its `(bucket) => void` for the render to hand it buckets (src/cli/build.ts, src/site/render.ts). */
export const SEARCH_READY = Symbol.for("revue.search.ready");
/** Where the build puts its `(jobs, seedsDir) => void` when it copies the seeds itself (copySources; src/site/render.ts). */
export const SOURCES_ELSEWHERE = Symbol.for("revue.sources.elsewhere");
/** Where the render puts the bucket order of article pages (`rank(file)`, templates/article.11tydata.js). */
export const SEARCH_RANK = Symbol.for("revue.search.rank");

/**
 * While Eleventy writes the pages of `plan` into `outDir`: each search bucket whose article
 * pages are all rendered by this build or linked from `previousDir`'s while it renders (`linked`,
 * linkEarly), and not a bucket that indexSearch will link from there, is handed to `ready` once
 * its pages are on disk (those it renders as announced, the linking ended), so that
 * Pagefind indexes it while Eleventy renders the others. The buckets are those indexSearch
 * computes afterwards from the written site; a bucket it finds otherwise (another hash) is
 * indexed again there. Returns `written`, for the last transform to call with each page and
 * the number of bytes Eleventy is about to write (it returns a promise to await now and then:
 * the render would otherwise not let the event loop run until it ends), `rank`, a page's
 * bucket, to put article pages in bucket order, so that buckets fill one after the other, and
 * `stop`, for the end of the render: no bucket is handed over after it (indexSearch has them all
 * then; a late one could start a run on the folder the build is about to move), and no retry
 * keeps the process alive.
 */
export async function watchSearchBuckets(
  plan: RenderPlan,
  outDir: string,
  previousDir: string | null,
  ready: (bucket: SearchBucket) => void,
  linked: EarlyLinks | null = null,
): Promise<{ written: (outputPath: string, bytes: number) => Promise<void> | undefined; rank: (file: string) => number; stop: () => void } | null> {
  const { SEARCH_MANIFEST, readManifest } = await import("./incremental.js");
  const ids = Object.keys(plan.manifest)
    .map((f) => /^articles\/([^/]+)\/index\.html$/.exec(f)?.[1])
    .filter((id): id is string => id !== undefined);
  const rendered = new Set(renderedFiles(plan));
  const before = await readManifest(previousDir, SEARCH_MANIFEST);
  const watched = searchBucketList(ids, plan.searchGroups, plan.manifest).buckets.filter(
    (b) => b.hash !== null && before[b.sub] !== b.hash && b.members.every((id) => rendered.has(articleFile(id)) || linked?.files.has(articleFile(id))),
  );
  if (!watched.length) return null;
  const bucketOf = new Map<string, number>();
  watched.forEach((b, k) => b.members.forEach((id) => rendered.has(articleFile(id)) && bucketOf.set(articleFile(id), k)));
  // the pages this build renders, left to write in each bucket (those linked early are waited for as a whole)
  const left = watched.map((b) => b.members.filter((id) => rendered.has(articleFile(id))).length);
  const sizes = new Map<string, number>();
  let calls = 0;
  let stopped = false;
  const retries = new Set<NodeJS.Timeout>();
  // the early links: settled or not, known without waiting (a bucket waiting for them is looked at when they are)
  let links: "linking" | "linked" | "failed" = linked ? "linking" : "linked";
  linked?.done.then(() => (links = "linked"), () => (links = "failed"));
  /** Buckets whose rendered pages are all announced, not handed over yet: how many transforms have looked at each. */
  const waiting = new Map<number, number>();
  /**
   * Bucket `k` handed over if its pages are on disk as announced and the links made: synchronous, so
   * that it can run from a transform as well as from a timer (while Eleventy renders, the event loop
   * turns only every few pages, and an awaited stat waits for the next turn). False: not yet.
   */
  const handOver = (k: number): boolean => {
    if (stopped) return true;
    const files = watched[k]!.members.map(articleFile).filter((f) => rendered.has(f));
    if (linked && files.length < watched[k]!.members.length) {
      // a linking that failed leaves the bucket to indexSearch (finishRender reports the failure)
      if (links === "failed") return true;
      if (links === "linking") return false;
    }
    const onDisk = (f: string) => {
      try {
        return statSync(path.join(outDir, f)).size;
      } catch {
        return -1;
      }
    };
    if (!files.every((f) => onDisk(f) === sizes.get(f))) return false;
    ready(watched[k]!);
    return true;
  };
  /** Each waiting bucket handed over if it can be now; a few times each (then left to the timers: a page never written would have its bucket's pages looked at again at every page). */
  const handOverWaiting = () => {
    for (const [k, looks] of waiting) {
      if (looks >= 4) continue;
      if (handOver(k)) waiting.delete(k);
      else waiting.set(k, looks + 1);
    }
  };
  // not written yet: looked at again a little later, then left to indexSearch; after the links if they are being made
  const check = (k: number, tries = 0): void => {
    if (!waiting.has(k)) return;
    if (handOver(k)) return void waiting.delete(k);
    if (links === "linking") return void linked!.done.then(() => check(k, tries), () => check(k, tries));
    if (tries >= 100) return void waiting.delete(k);
    const t = setTimeout(() => {
      retries.delete(t);
      check(k, tries + 1);
    }, 50);
    retries.add(t);
  };
  const watchBucket = (k: number) => {
    waiting.set(k, 0);
    // Eleventy writes the page once this transform returns, with a synchronous write: handed over by the next
    // page's transform, or at the next turn of the event loop if that comes first
    setImmediate(() => check(k));
  };
  // a bucket whose pages are all linked (its hash changed with the number of buckets, or a page gone) waits for the links alone
  left.forEach((n, k) => n === 0 && watchBucket(k));
  return {
    stop() {
      stopped = true;
      waiting.clear();
      for (const t of retries) clearTimeout(t);
      retries.clear();
    },
    rank: (file) => bucketOf.get(file) ?? watched.length,
    written(outputPath, bytes) {
      handOverWaiting(); // the pages announced before this one are written by now, as a rule
      const file = path.relative(outDir, path.resolve(outputPath)).split(path.sep).join("/");
      const k = bucketOf.get(file);
      if (k !== undefined && !sizes.has(file)) {
        sizes.set(file, bytes);
        if (--left[k]! === 0) watchBucket(k);
      }
      return ++calls % 8 === 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : undefined;
    },
  };
}

/** Every file under `from` linked (or copied) at the same place under `to`. */
async function linkTree(from: string, to: string, linkOrCopy: (a: string, b: string) => Promise<void>): Promise<void> {
  for (const e of await readdir(from, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(from, path.join(e.parentPath, e.name));
    await linkOrCopy(path.join(from, rel), path.join(to, rel));
  }
}

/** The files of the pages `plan` has Eleventy render in this build (not those taken from the previous one). */
function renderedFiles(plan: RenderPlan): string[] {
  const files: string[] = [];
  for (const tp of plan.templates.values()) for (const i of tp.render) if (tp.pages[i]) files.push(tp.pages[i]!.file);
  return files;
}

export async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

/** Work on the output folder going on while Eleventy renders (folders made, pages linked). */
const pending = new Set<Promise<unknown>>();

/** `work` counted among the work settleBackground waits for; returns it. */
export function background<T>(work: Promise<T>): Promise<T> {
  pending.add(work);
  const drop = () => void pending.delete(work);
  work.then(drop, drop);
  return work;
}

/** Once the work on the output folder started in the background has ended (succeeded or not): before a failed render's folder is removed. */
export async function settleBackground(): Promise<void> {
  await Promise.allSettled([...pending]);
}

/** Pages taken from the previous build that are linked while Eleventy renders the others, and the linking. */
export interface EarlyLinks {
  files: ReadonlySet<string>;
  done: Promise<void>;
}

/**
 * The pages `plan` takes from `previousDir` hard-linked into `outDir` as soon as the plan is known, on a
 * thread of their own (incremental.ts, linkPages), while this thread has Eleventy render the others:
 * the linking is off the render's path, and a search bucket with pages of both kinds can be indexed
 * before the render ends (watchSearchBuckets). Pages under `keepOut` (the folders a passthrough copy
 * writes) are left to finishRender: a copy written over a link would write into the previous site's
 * file. A page Eleventy is about to write over one of these is an error (eleventy-config.ts, as a
 * cold build's duplicate permalink is). finishRender awaits `done`.
 */
export function linkEarly(plan: RenderPlan, previousDir: string, outDir: string, keepOut: string[] = []): EarlyLinks {
  const files = plan.reuse.map((p) => p.file).filter((f) => !keepOut.some((d) => f === d || f.startsWith(`${d}/`)));
  const done = background(import("./incremental.js").then(({ linkPages }) => linkPages(previousDir, outDir, files, 0)));
  return { files: new Set(files), done };
}

/** Throws when Eleventy is about to write `outputPath` over a page linked early into `outDir` (linkEarly). */
export function assertNotLinked(early: EarlyLinks, outDir: string, outputPath: string): void {
  const file = path.relative(outDir, path.resolve(outputPath)).split(path.sep).join("/");
  if (early.files.has(file)) throw new Error(`incremental rendering: ${file} is written by a template and is also a page taken from the previous build (two pages with one permalink)`);
}

/**
 * The folders of the pages Eleventy is about to write (articles/ID/, evenements/ID/…), made
 * beforehand on libuv's threads: Eleventy makes each with a synchronous mkdir right before
 * writing its page, on the one thread that renders (a tenth of the render time at 1,000
 * articles here). Parents first, then the page folders, not recursively, so that
 * once the output folder is gone (a failed build's, removed) none is made again; errors are
 * ignored (Eleventy makes any folder that is not there when it writes). The caller awaits the
 * result before the build ends.
 */
export function makePageFolders(plan: RenderPlan, outDir: string): Promise<void> {
  return background(pageFolders(plan, outDir));
}

async function pageFolders(plan: RenderPlan, outDir: string): Promise<void> {
  const dirs = new Set(renderedFiles(plan).map((f) => path.posix.dirname(f)));
  const parents = [...new Set([...dirs].map((d) => path.posix.dirname(d)))].filter((d) => d !== ".");
  const ok = await Promise.all(parents.map((d) => mkdir(path.join(outDir, d), { recursive: true }).then(() => true, () => false)));
  if (!ok.every(Boolean)) return;
  // all asked for at once: libuv's threads make them while this thread renders (a queue fed from
  // this thread would wait for it: the render seldom yields to the event loop)
  await Promise.all([...dirs].filter((d) => d !== ".").map((d) => mkdir(path.join(outDir, d)).catch(() => undefined)));
}
