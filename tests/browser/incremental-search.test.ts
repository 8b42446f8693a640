/**
 * The search index after a rebuild (src/site/after-build.ts, indexSearch): only
 * the bucket that holds the new article is indexed again; the output is the
 * bytes of a cold build's; and the merged buckets find the same pages as one
 * Pagefind index over every article, for several queries, in the browser.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { writeCorpus } from "../../bench/generate.js";
import { launchChromium } from "../helpers/browser.js";
import { assertSameTree } from "../helpers/incremental.js";
import { ROOT, runBuild } from "../helpers/site.js";
import { serveDir, type SiteServer } from "../helpers/site-server.js";

let browser: Browser;
const servers: SiteServer[] = [];
let work = "";
let dist = "";

before(async () => {
  work = await mkdtemp(path.join(tmpdir(), "revue-search-buckets-"));
  const seeds = path.join(work, "seeds");
  // 300 articles: four search buckets
  const corpus = writeCorpus(seeds, 300);
  dist = path.join(work, "warm", "dist");
  const first = await runBuild({ seeds, out: dist });
  assert.equal(first.code, 0, first.stderr);
  await writeFile(path.join(seeds, corpus.extra.file), corpus.extra.text);
  const again = await runBuild({ seeds, out: dist });
  assert.equal(again.code, 0, again.stderr);
  const m = /(\d+) pages? indexées? \((\d+) à nouveau\)/.exec(again.stdout);
  assert.ok(m, again.stdout);
  assert.equal(Number(m[1]), 301);
  assert.ok(Number(m[2]) > 0 && Number(m[2]) < 301 / 2, `a rebuild after one new article indexed ${m[2]} of ${m[1]} pages again`);
  const cold = await runBuild({ seeds, out: path.join(work, "cold", "dist") });
  assert.equal(cold.code, 0, cold.stderr);
  await assertSameTree(dist, cold.out, "site with its search index, rebuilt vs cold");
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  if (work) await rm(work, { recursive: true, force: true });
});

test("the buckets are several indexes, listed for the search page", async () => {
  const dirs = (await readdir(dist)).filter((d) => /^pagefind(-\d+)?$/.test(d)).sort();
  assert.ok(dirs.length >= 3, dirs.join(" "));
});

/** One Pagefind index over every article page, as a build without buckets would make it. */
async function singleIndexCopy(): Promise<string> {
  const single = path.join(work, "single");
  await cp(dist, single, { recursive: true });
  for (const d of await readdir(single)) if (/^pagefind(-\d+)?$/.test(d)) await rm(path.join(single, d), { recursive: true });
  const lib = path.dirname(new URL(import.meta.resolve("pagefind")).pathname);
  const { resolveBinaryPath } = (await import(path.join(lib, "resolveBinary.js"))) as { resolveBinaryPath: (n: string[]) => string };
  await promisify(execFile)(resolveBinaryPath(["pagefind_extended", "pagefind"]), ["--site", single, "--glob", "articles/*/index.html", "--output-subdir", "pagefind", "--force-language", "fr"], { cwd: ROOT });
  await writeFile(path.join(single, "pagefind", "shards.json"), "[]\n");
  return single;
}

/** The URLs Pagefind finds for `query` on the site served at `url`, merging the buckets as the search page does. */
async function found(url: string, query: string): Promise<string[]> {
  const page = await browser.newPage();
  await page.goto(`${url}recherche/`);
  const urls = await page.evaluate(async (q) => {
    const pf = await import(new URL("pagefind/pagefind.js", location.origin + "/").href);
    await pf.options({ baseUrl: "/" });
    await pf.init();
    const shards: string[] = await fetch("/pagefind/shards.json").then((r) => r.json());
    for (const sub of shards) await pf.mergeIndex(new URL(sub, location.origin + "/").href, { baseUrl: "/" });
    const res = await pf.search(q);
    const data = await Promise.all(res.results.map((r: { data: () => Promise<{ url: string }> }) => r.data()));
    return data.map((d: { url: string }) => d.url);
  }, query);
  await page.close();
  return urls.sort();
}

test("merged buckets find the same pages as one index over every article", async () => {
  const single = await singleIndexCopy();
  const [a, b] = [await serveDir(dist, "/"), await serveDir(single, "/")];
  servers.push(a, b);
  let some = 0;
  for (const q of ["Poutine", "exercice naval", "Pékin Moscou", "coopération militaire", "Choïgou", "patrouille"]) {
    const [bucketed, whole] = [await found(a.url, q), await found(b.url, q)];
    assert.deepEqual(bucketed, whole, q);
    some += bucketed.length ? 1 : 0;
  }
  assert.ok(some >= 4, "most queries should find something");
});
