/**
 * End to end: build the site from a copy of the seeds, add a sixth seed, rebuild:
 * the new article is on the timeline and only that one file was extracted again.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { ROOT } from "./helpers/extract.js";

const run = promisify(execFile);

async function build(seeds: string, out: string, cache: string): Promise<{ fromCache: number; extracted: number; stdout: string }> {
  // --no-search: Pagefind is not what this test is about, and costs seconds.
  const { stdout } = await run("npm", ["run", "--silent", "build", "--", "--seeds", seeds, "--out", out, "--cache", cache, "--no-search"], {
    cwd: path.resolve("."),
    maxBuffer: 16 * 1024 * 1024,
  });
  const m = /\((\d+) du cache, (\d+) extraites?\)/.exec(stdout);
  assert.ok(m, `build summary not found in: ${stdout}`);
  return { fromCache: Number(m[1]), extracted: Number(m[2]), stdout };
}

/** Text of every timeline page of the built site. */
async function timelineText(out: string): Promise<string> {
  const pages = (await readdir(out, { recursive: true })).filter((f) => /chronologie/.test(f) && f.endsWith(".html"));
  assert.ok(pages.length > 0, "no timeline page in the site");
  return (await Promise.all(pages.map((p) => readFile(path.join(out, p), "utf8")))).join("\n");
}

/** A sixth seed, added between builds. */
const SIXTH = readFileSync(path.join(ROOT, "tests", "fixtures", "added-seed.txt"), "utf8");

test("add a sixth seed and rebuild: the new article is on the timeline, one file re-extracted", { timeout: 300_000 }, async () => {
  const work = await mkdtemp(path.join(tmpdir(), "revue-rebuild-"));
  const seeds = path.join(work, "seeds");
  const out = path.join(work, "dist");
  const cache = path.join(work, "cache");
  await cp(path.resolve("seeds"), seeds, { recursive: true });
  const count = (await readdir(seeds)).length;

  const first = await build(seeds, out, cache);
  assert.equal(first.extracted, count, first.stdout);
  assert.equal(first.fromCache, 0);
  assert.doesNotMatch(await timelineText(out), /patrouilles aériennes conjointes/);

  await writeFile(path.join(seeds, "006 Patrouille conjointe.txt"), SIXTH);
  const second = await build(seeds, out, cache);
  assert.equal(second.extracted, 1, second.stdout);
  assert.match(second.stdout, /, 1 extraite\), /, "one file: singular");
  assert.equal(second.fromCache, count, second.stdout);
  assert.match(await timelineText(out), /patrouilles aériennes conjointes au-dessus du Pacifique/);
});
