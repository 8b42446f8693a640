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

/** Processes whose command line holds `text` (Linux /proc; none elsewhere). */
async function processesWith(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const cmd = await readFile(path.join("/proc", name, "cmdline"), "utf8").catch(() => "");
    if (cmd.includes(text)) pids.push(Number(name));
  }
  return pids;
}

test("the previous site's remover, started with the build, ends with a build that fails before the swap; the previous site stays", { timeout: 300_000 }, async () => {
  const work = await mkdtemp(path.join(tmpdir(), "revue-remover-"));
  const seeds = path.join(work, "seeds");
  const out = path.join(work, "dist");
  await cp(path.resolve("seeds"), seeds, { recursive: true });
  await build(seeds, out, path.join(work, "cache"));
  const before = await readFile(path.join(out, "index.html"), "utf8");
  // a file that holds no article: a warning, so --strict fails the build after the pages are written
  await writeFile(path.join(seeds, "vide.txt"), "");
  await assert.rejects(
    run("npm", ["run", "--silent", "build", "--", "--seeds", seeds, "--out", out, "--cache", path.join(work, "cache"), "--no-search", "--strict"], { cwd: path.resolve(".") }),
    /--strict/,
  );
  assert.equal(await readFile(path.join(out, "index.html"), "utf8"), before);
  // the remover's arguments name the folder beside the site; polled, not timed (a busy machine)
  let left = await processesWith(`${work}\0.dist.tmp-`);
  for (let i = 0; i < 300 && left.length; i++) {
    await new Promise((r) => setTimeout(r, 100));
    left = await processesWith(`${work}\0.dist.tmp-`);
  }
  assert.deepEqual(left, [], "a remover outlived the build that started it");
  assert.deepEqual((await readdir(work)).filter((n) => n.startsWith(".dist.tmp-")), []);
});
