/**
 * Steps after Eleventy has written the pages: copy each seed (bytes as read)
 * next to its article, and index the site with Pagefind.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import type { SiteBuild } from "./data.js";
import type { RenderPlan } from "./incremental.js";
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
  // loaded here, not at the top: the build CLI imports this module for indexSearch alone
  const { seedAsExtracted } = await import("../corpus.js");
  const { sourceTextCopy } = await import("./exports.js");
  const { SOURCES_MANIFEST, readManifest, manifestText, linkOrCopy, writeFresh } = await import("./incremental.js");
  await mkdir(path.join(outDir, "sources"), { recursive: true });
  const before = await readManifest(previousDir, SOURCES_MANIFEST);
  const fingerprint = build.plan?.fingerprint ?? "";
  const byId = new Map(build.corpus.records.map((r) => [r.id, r]));
  const jobs: { file: string; record: (typeof build.corpus.records)[number]; key: string }[] = [];
  for (const f of build.corpus.report.files) {
    const record = f.recordId ? byId.get(f.recordId) : undefined;
    if (!record || record.source.file !== f.file) continue;
    const key = createHash("sha256").update(`revue-source-copy ${SOURCE_COPY_VERSION}\0${fingerprint}\0${record.source.sha256}`).digest("hex");
    jobs.push({ file: decodeURIComponent(urls.source(record.id)).slice(1), record, key });
  }
  // a few at a time, results kept in order: the warnings come out in the report's order
  const results: (string | null)[] = new Array(jobs.length).fill(null);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < jobs.length; i = next++) {
      const { file, record, key } = jobs[i]!;
      const to = path.join(outDir, file);
      if (previousDir && before[file] === key) {
        try {
          await linkOrCopy(path.join(previousDir, file), to);
          continue;
        } catch {
          // gone from the previous site: made afresh below
        }
      }
      const seed = await seedAsExtracted(build.seedsDir, record);
      if ("reason" in seed) results[i] = seed.reason;
      else {
        // the folder is new (or its sources/ just removed): a file already there would be a link into the previous site
        const bytes = sourceTextCopy(seed.bytes);
        await writeFile(to, bytes, { flag: "wx" }).catch((err: NodeJS.ErrnoException) => (err.code === "EEXIST" ? writeFresh(to, bytes) : Promise.reject(err)));
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  const manifest: Record<string, string> = {};
  jobs.forEach((j, i) => {
    if (results[i] === null) manifest[j.file] = j.key;
    else warn(j.record.source.file, results[i]!);
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

/**
 * Pagefind over the article pages of outDir (French; only elements marked
 * data-pagefind-body are indexed), one index per bucket of searchBuckets: the
 * first in pagefind/, bucket k in pagefind-k/, the others listed in
 * pagefind/shards.json for the search page to merge (Pagefind's mergeIndex).
 * A bucket whose pages have the same hashes as in `previousDir`'s build
 * (.revue/search.json, from the page manifest) is linked from there, not indexed
 * again; with previousDir = outDir (the dev server) it is left as it is.
 * Run as its CLI, a child process per bucket, as many at once as cores: the Node
 * API's writeFiles can return before its service has finished writing (files
 * came out truncated), and the binary is started directly, not through the
 * package's Node wrapper, which would hold a Node process in memory beside it.
 */
export async function indexSearch(outDir: string, previousDir: string | null = null): Promise<{ pages: number; shards: number; indexed: number }> {
  const { PAGES_MANIFEST, SEARCH_MANIFEST, SEARCH_GROUPS, readManifest, manifestText, linkOrCopy, writeFresh } = await import("./incremental.js");
  const inPlace = previousDir !== null && path.resolve(previousDir) === path.resolve(outDir);
  const before = await readManifest(previousDir, SEARCH_MANIFEST);
  // rewritten in place: until the new record is written, no bucket is known good
  if (inPlace) await rm(path.join(outDir, SEARCH_MANIFEST), { force: true });
  const pages = await readManifest(outDir, PAGES_MANIFEST);
  const ids = (await readdir(path.join(outDir, "articles"), { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name);
  const groups = await readManifest(outDir, SEARCH_GROUPS);
  const buckets = searchBuckets(ids, (id) => groups[id] ?? `article ${id}`);
  // The package exports only its API; the wrapper's binary look-up sits beside it.
  const lib = pathToFileURL(path.dirname(fileURLToPath(import.meta.resolve("pagefind"))) + "/");
  const { resolveBinaryPath } = (await import(new URL("resolveBinary.js", lib).href)) as {
    resolveBinaryPath: (names: string[]) => string;
  };
  const bin = resolveBinaryPath(["pagefind_extended", "pagefind"]); // the wrapper's own choice, in its order
  const record: Record<string, string> = {};
  const jobs: { pages: number; run: () => Promise<void> }[] = [];
  let total = 0;
  let indexed = 0;
  for (const [k, members] of buckets.entries()) {
    if (!members.length) continue;
    const sub = k === 0 ? "pagefind" : `pagefind-${k + 1}`;
    const files = members.map((id) => `articles/${id}/index.html`);
    // known only when every page of the bucket is in the page manifest
    const hash = files.every((f) => pages[f])
      ? createHash("sha256").update(`${buckets.length}\0${files.map((f) => `${f}\0${pages[f]}`).join("\0")}`).digest("hex")
      : null;
    if (hash) record[sub] = hash;
    total += members.length;
    const previous = previousDir ? path.join(previousDir, sub) : null;
    if (hash && previous && before[sub] === hash && (await exists(path.join(previous, "pagefind-entry.json")))) {
      if (!inPlace) jobs.push({ pages: 0, run: () => linkTree(previous, path.join(outDir, sub), linkOrCopy) });
      continue;
    }
    const index = async () => {
      await rm(path.join(outDir, sub), { recursive: true, force: true });
      const glob = members.length === ids.length ? "articles/*/index.html" : `articles/{${members.map(globLiteral).join(",")}}/index.html`;
      const { stdout } = await run(bin, ["--site", outDir, "--glob", glob, "--output-subdir", sub, "--force-language", "fr"]);
      const m = /Indexed (\d+) pages?/.exec(stdout);
      indexed += m ? Number(m[1]) : 0;
    };
    jobs.push({ pages: members.length, run: index });
  }
  // the largest buckets first: the lanes then end together instead of one indexing a large bucket alone
  jobs.sort((a, b) => b.pages - a.pages);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) await jobs[next++]!.run();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), 4)) }, lane));
  if (inPlace) {
    // buckets of a previous bucket count
    const keep = new Set(Object.keys(record));
    for (const d of await readdir(outDir)) if (/^pagefind-\d+$/.test(d) && !keep.has(d)) await rm(path.join(outDir, d), { recursive: true, force: true });
  }
  const others = buckets.map((b, k) => (k > 0 && b.length ? `pagefind-${k + 1}/` : null)).filter((x): x is string => x !== null);
  if (buckets[0]!.length) await writeFresh(path.join(outDir, "pagefind", "shards.json"), JSON.stringify(others) + "\n");
  await writeFresh(path.join(outDir, SEARCH_MANIFEST), manifestText(record));
  return { pages: total, shards: others.length + (buckets[0]!.length ? 1 : 0), indexed };
}

/** Every file under `from` linked (or copied) at the same place under `to`. */
async function linkTree(from: string, to: string, linkOrCopy: (a: string, b: string) => Promise<void>): Promise<void> {
  for (const e of await readdir(from, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(from, path.join(e.parentPath, e.name));
    await linkOrCopy(path.join(from, rel), path.join(to, rel));
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

function run(cmd: string, args: string[]): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`pagefind failed: ${stderr || err.message}`));
      else resolve({ stdout });
    });
  });
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
export async function makePageFolders(plan: RenderPlan, outDir: string): Promise<void> {
  const dirs = new Set<string>();
  for (const tp of plan.templates.values()) for (const i of tp.render) if (tp.pages[i]) dirs.add(path.posix.dirname(tp.pages[i]!.file));
  const parents = [...new Set([...dirs].map((d) => path.posix.dirname(d)))].filter((d) => d !== ".");
  const ok = await Promise.all(parents.map((d) => mkdir(path.join(outDir, d), { recursive: true }).then(() => true, () => false)));
  if (!ok.every(Boolean)) return;
  // all asked for at once: libuv's threads make them while this thread renders (a queue fed from
  // this thread would wait for it: the render seldom yields to the event loop)
  await Promise.all([...dirs].filter((d) => d !== ".").map((d) => mkdir(path.join(outDir, d)).catch(() => undefined)));
}
