/**
 * Steps after Eleventy has written the pages: copy each seed (bytes as read)
 * next to its article, and index the site with Pagefind.
 */
import { execFile } from "node:child_process";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import type { SiteBuild } from "./data.js";
import { urls } from "./urls.js";

/**
 * Each record's seed into `sources/`, as the bytes that were extracted: a seed that has
 * gone or changed since it was read is not copied, and the warning names it.
 */
export async function copySeeds(build: SiteBuild, outDir: string, warn: (file: string, message: string) => void = stderrWarning): Promise<number> {
  // loaded here, not at the top: the build CLI imports this module for indexSearch alone
  const { seedAsExtracted } = await import("../corpus.js");
  await mkdir(path.join(outDir, "sources"), { recursive: true });
  const byId = new Map(build.corpus.records.map((r) => [r.id, r]));
  let n = 0;
  for (const f of build.corpus.report.files) {
    const record = f.recordId ? byId.get(f.recordId) : undefined;
    if (!record || record.source.file !== f.file) continue;
    const seed = await seedAsExtracted(build.seedsDir, record);
    if ("reason" in seed) {
      warn(f.file, seed.reason);
      continue;
    }
    await writeFile(path.join(outDir, decodeURIComponent(urls.source(record.id))), seed.bytes);
    n++;
  }
  return n;
}

function stderrWarning(file: string, message: string): void {
  process.stderr.write(`revue: ${file}: ${message}\n`);
}

/** Article pages per search index: Pagefind's memory grows with the pages of one run (≈1.5 GB for 10,000). */
export const SEARCH_SHARD_SIZE = 4000;

/**
 * Globs that cut the article pages into shards of at most `size` pages, by id
 * prefix (lengthened where one prefix holds too many pages), packed in id order.
 */
export function shardGlobs(ids: string[], size: number): string[] {
  if (ids.length <= size) return ["articles/*/index.html"];
  const buckets: { prefix: string; count: number }[] = [];
  const split = (list: string[], depth: number) => {
    const byPrefix = new Map<string, string[]>();
    for (const id of list) {
      const key = id.slice(0, depth);
      const b = byPrefix.get(key);
      if (b) b.push(id);
      else byPrefix.set(key, [id]);
    }
    for (const [prefix, members] of [...byPrefix].sort(([a], [b]) => (a < b ? -1 : 1))) {
      // ids shorter than the prefix length end up in a bucket of their own exact name
      if (members.length > size && members.some((m) => m.length > depth)) split(members, depth + 1);
      else buckets.push({ prefix, count: members.length });
    }
  };
  split([...ids].sort(), 1);
  const shards: string[][] = [[]];
  let count = 0;
  for (const b of buckets) {
    if (count + b.count > size && shards[shards.length - 1].length) {
      shards.push([]);
      count = 0;
    }
    shards[shards.length - 1].push(b.prefix);
    count += b.count;
  }
  // a prefix bucket matches ids that start with it; exact ids shorter than depth match themselves too
  return shards.map((prefixes) => `articles/{${prefixes.map((p) => `${p}*`).join(",")}}/index.html`);
}

/**
 * Pagefind over the article pages of outDir (French; only elements marked
 * data-pagefind-body are indexed), in shards of SEARCH_SHARD_SIZE pages: the
 * first in pagefind/, the others in pagefind-2/, pagefind-3/…, listed in
 * pagefind/shards.json for the search page to merge (Pagefind's mergeIndex).
 * Run as its CLI, a child process per shard, one after the other: the Node
 * API's writeFiles can return before its service has finished writing (files
 * came out truncated), and the binary is started directly, not through the
 * package's Node wrapper, which would hold a Node process in memory beside it.
 */
export async function indexSearch(outDir: string): Promise<{ pages: number; shards: number }> {
  const ids = (await readdir(path.join(outDir, "articles"), { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name);
  // The package exports only its API; the wrapper's binary look-up sits beside it.
  const lib = pathToFileURL(path.dirname(fileURLToPath(import.meta.resolve("pagefind"))) + "/");
  const { resolveBinaryPath } = (await import(new URL("resolveBinary.js", lib).href)) as {
    resolveBinaryPath: (names: string[]) => string;
  };
  const bin = resolveBinaryPath(["pagefind_extended", "pagefind"]); // the wrapper's own choice, in its order
  const globs = shardGlobs(ids, SEARCH_SHARD_SIZE);
  let pages = 0;
  for (const [i, glob] of globs.entries()) {
    const sub = i === 0 ? "pagefind" : `pagefind-${i + 1}`;
    const { stdout } = await run(bin, ["--site", outDir, "--glob", glob, "--output-subdir", sub, "--force-language", "fr"]);
    const m = /Indexed (\d+) pages?/.exec(stdout);
    pages += m ? Number(m[1]) : 0;
  }
  const others = globs.slice(1).map((_, i) => `pagefind-${i + 2}/`);
  await writeFile(path.join(outDir, "pagefind", "shards.json"), JSON.stringify(others) + "\n");
  return { pages, shards: globs.length };
}

function run(cmd: string, args: string[]): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`pagefind failed: ${stderr || err.message}`));
      else resolve({ stdout });
    });
  });
}
