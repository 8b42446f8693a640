/**
 * The search index started while the pages are written (src/site/after-build.ts:
 * watchSearchBuckets, SearchRuns, indexSearch) and the launcher that starts
 * Pagefind's runs (src/site/launcher.ts): the index is the one indexSearch makes
 * from the written site alone, a bucket is handed over only once every page of it
 * is on disk as announced, and a failed or stopped run is reported, not lost.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, stat, writeFile, cp } from "node:fs/promises";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  assertNotLinked,
  background,
  indexSearch,
  linkEarly,
  SearchRuns,
  settleBackground,
  watchSearchBuckets,
  type SearchBucket,
} from "../src/site/after-build.js";
import { manifestText, PAGES_MANIFEST, SEARCH_GROUPS, type RenderPlan } from "../src/site/incremental.js";
import { startLauncher, type Run } from "../src/site/launcher.js";
import { inTempDir } from "./helpers/temp-dir.js";

const WORDS = ["Pékin", "Moscou", "exercice", "naval", "ministre", "défense", "coopération", "sommet", "accord", "frontière"];

/** A page as the site writes one: the text Pagefind indexes in data-pagefind-body. */
function page(i: number): string {
  const text = Array.from({ length: 40 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(" ");
  return `<!DOCTYPE html><html lang="fr"><head><title>Article ${i}</title></head><body><main data-pagefind-body><h1>Article ${i}</h1><p>${text} n${i}</p></main></body></html>`;
}

/** 300 article pages (4 buckets), their plan (every page rendered), and the manifests the render writes. */
async function site(dir: string, n = 300) {
  const ids = Array.from({ length: n }, (_, i) => `a${String(i).padStart(4, "0")}`);
  const manifest: Record<string, string> = {};
  const groups: Record<string, string> = {};
  ids.forEach((id, i) => {
    manifest[`articles/${id}/index.html`] = createHash("sha256").update(page(i)).digest("hex");
    groups[id] = i % 10 === 3 ? "event e3" : `article ${id}`;
  });
  const pages = ids.map((id) => ({ file: `articles/${id}/index.html`, hash: manifest[`articles/${id}/index.html`]! }));
  const plan = {
    manifest,
    searchGroups: groups,
    templates: new Map([["./templates/article.njk", { pages, render: new Set(pages.map((_, i) => i)) }]]),
  } as unknown as RenderPlan;
  const write = async (i: number) => {
    await mkdir(path.join(dir, "articles", ids[i]!), { recursive: true });
    await writeFile(path.join(dir, "articles", ids[i]!, "index.html"), page(i));
  };
  const finish = async () => {
    await mkdir(path.join(dir, ".revue"), { recursive: true });
    await writeFile(path.join(dir, PAGES_MANIFEST), manifestText(manifest));
    await writeFile(path.join(dir, SEARCH_GROUPS), manifestText(groups));
  };
  return { ids, plan, write, finish };
}

/** A site of 40 pages whose buckets are watched, and the buckets handed over. */
async function watchedSite(root: string) {
  const s = await site(root, 40);
  const handed: SearchBucket[] = [];
  const watch = (await watchSearchBuckets(s.plan, root, null, (b) => handed.push(b)))!;
  return { s, handed, watch };
}

/** Every file under `dir` (relative path → bytes), .revue/ aside. */
async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(e.parentPath, e.name);
    if (e.isFile()) out.set(path.relative(dir, full), await readFile(full));
  }
  return out;
}

const inRoot = (work: (root: string) => Promise<void>) => inTempDir("revue-early-", work);

test("buckets indexed while the pages are written: the same index as indexSearch makes afterwards, each bucket handed over once all its pages are on disk", () =>
  inRoot(async (root) => {
    const early = path.join(root, "early");
    const after = path.join(root, "after");
    const s = await site(early);
    const runs = new SearchRuns(early, 1);
    const handed: SearchBucket[] = [];
    const watch = await watchSearchBuckets(s.plan, early, null, (b) => {
      handed.push(b);
      void runs.add(b);
    });
    assert.ok(watch, "every page is rendered: the buckets are watched");
    // pages in bucket order, as article.11tydata.js renders them; announced, then written, as Eleventy does
    const order = s.ids.map((_, i) => i).sort((a, b) => watch.rank(`articles/${s.ids[a]}/index.html`) - watch.rank(`articles/${s.ids[b]}/index.html`));
    const seen: string[] = [];
    for (const i of order) {
      const pause = watch.written(path.join(early, "articles", s.ids[i]!, "index.html"), Buffer.byteLength(page(i)));
      await s.write(i);
      seen.push(s.ids[i]!);
      // a bucket handed over holds only pages already written
      for (const b of handed) for (const id of b.members) assert.ok(seen.includes(id), `${b.sub} handed over before ${id} was written`);
      if (pause) await pause;
    }
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(handed.length, 4, "each of the 4 buckets handed over once");
    assert.deepEqual(handed.flatMap((b) => b.members).sort(), [...s.ids].sort());
    // the article of one event are in one bucket
    assert.equal(handed.filter((b) => b.members.some((id) => Number(id.slice(1)) % 10 === 3)).length, 1);
    await s.finish();
    await cp(early, after, { recursive: true, filter: (src) => !/pagefind/.test(path.relative(early, src)) });
    const a = await indexSearch(early, null, runs);
    const b = await indexSearch(after, null);
    assert.equal(a.indexed, 300);
    assert.deepEqual(a, b);
    const fa = await files(early);
    const fb = await files(after);
    assert.ok([...fa.keys()].some((f) => f.startsWith("pagefind-")), "more than one bucket");
    assert.deepEqual([...fa.keys()].sort(), [...fb.keys()].sort());
    for (const [f, bytes] of fa) assert.ok(bytes.equals(fb.get(f)!), `${f} differs`);
    assert.equal(runs.counts.started, 4, "no bucket indexed twice");
  }));

test("a page not written as announced keeps its bucket from being handed over; indexSearch indexes it", () =>
  inRoot(async (root) => {
    const { s, handed, watch } = await watchedSite(root);
    for (let i = 0; i < s.ids.length; i++) {
      // the last page is announced one byte longer than what is written
      await watch.written(path.join(root, "articles", s.ids[i]!, "index.html"), Buffer.byteLength(page(i)) + (i === s.ids.length - 1 ? 1 : 0));
      await s.write(i);
    }
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(handed, []);
    await s.finish();
    assert.equal((await indexSearch(root, null)).indexed, 40);
    assert.ok((await stat(path.join(root, "pagefind", "pagefind-entry.json"))).isFile());
  }));

test("pages taken from the previous build: their bucket is left to indexSearch", () =>
  inRoot(async (root) => {
    const s = await site(root, 40);
    const tp = [...s.plan.templates.values()][0]!;
    tp.render.delete(5);
    assert.equal(await watchSearchBuckets(s.plan, root, null, () => undefined), null);
  }));

test("a failed run fails indexSearch; abort stops the runs going on and starts no other", () =>
  inRoot(async (root) => {
    const s = await site(root, 40);
    for (let i = 0; i < 40; i++) await s.write(i);
    await s.finish();
    const failing: Run = () => ({ done: Promise.reject(new Error("no such index")), kill: () => undefined });
    await assert.rejects(indexSearch(root, null, new SearchRuns(root, 1, failing)), /pagefind failed: no such index/);
    let killed = 0;
    const hanging: Run = () => {
      let stop!: (e: Error) => void;
      const done = new Promise<string>((_, reject) => (stop = reject));
      return { done, kill: () => (killed++, stop(new Error("killed"))) };
    };
    const runs = new SearchRuns(root, 1, hanging);
    const bucket = { sub: "pagefind", members: s.ids, hash: "h", whole: true };
    const first = runs.add(bucket);
    const second = runs.add({ ...bucket, sub: "pagefind-2", hash: "h2" });
    await new Promise((r) => setTimeout(r, 50));
    await runs.abort();
    assert.equal(killed, 1);
    await assert.rejects(first, /killed/);
    assert.equal(runs.counts.started, 1, "the queued run never started");
    await assert.rejects(second, /stopped/);
  }));

test("the launcher starts commands and returns their output; a failure gives its error output; kill stops one", async () => {
  const launcher = startLauncher();
  assert.ok(launcher);
  try {
    assert.equal(await launcher.run(process.execPath, ["-e", "process.stdout.write('bonjour')"]).done, "bonjour");
    await assert.rejects(launcher.run(process.execPath, ["-e", "process.stderr.write('raté'); process.exit(3)"]).done, /raté/);
    const long = launcher.run(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    long.kill();
    await assert.rejects(long.done);
  } finally {
    await launcher.close();
  }
  await assert.rejects(launcher.run(process.execPath, ["-e", ""]).done, /launcher process stopped/);
});

test("a launcher that could not be started: its commands are started here, and close() returns", async () => {
  // a missing executable: Node reports it by an "error" event and no "exit" (as EAGAIN or ENOMEM would be)
  const launcher = startLauncher(path.join(tmpdir(), "revue-no-such-node", "node"));
  assert.ok(launcher);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(await launcher.run(process.execPath, ["-e", "process.stdout.write('ici')"]).done, "ici");
  const closed = await Promise.race([launcher.close().then(() => "closed"), new Promise((r) => setTimeout(() => r("waiting"), 2000))]);
  assert.equal(closed, "closed");
});

test("abort while a run clears its folder: the run is not started", () =>
  inRoot(async (root) => {
    let calls = 0;
    const quick: Run = () => (calls++, { done: Promise.resolve("Indexed 1 page"), kill: () => undefined });
    const runs = new SearchRuns(root, 1, quick);
    await runs.add({ sub: "pagefind", members: ["a"], hash: "h", whole: true }); // the binary looked up
    // a folder long enough to remove that abort() comes while it is removed
    const sub = path.join(root, "pagefind-2");
    await mkdir(sub);
    for (let i = 0; i < 3000; i++) await writeFile(path.join(sub, `f${i}`), "");
    const second = runs.add({ sub: "pagefind-2", members: ["b"], hash: "h2", whole: false });
    await new Promise((r) => setImmediate(r));
    await runs.abort();
    await assert.rejects(second, /stopped/);
    assert.equal(calls, 1, "no run started after abort()");
  }));

test("stop() at the end of the render: a bucket still waiting for a page is not handed over later", () =>
  inRoot(async (root) => {
    const { s, handed, watch } = await watchedSite(root);
    // the last page announced, its bytes not on disk yet when its bucket is first looked at
    for (let i = 0; i < s.ids.length; i++) {
      await watch.written(path.join(root, "articles", s.ids[i]!, "index.html"), Buffer.byteLength(page(i)));
      if (i < s.ids.length - 1) await s.write(i);
    }
    await new Promise((r) => setTimeout(r, 20));
    watch.stop();
    await s.write(s.ids.length - 1); // now as announced: looked at again, it would be handed over
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(handed, []);
  }));

test("indexSearch removes a bucket folder the written site does not list (one indexed early from another plan)", () =>
  inRoot(async (root) => {
    const s = await site(root, 40);
    for (let i = 0; i < s.ids.length; i++) await s.write(i);
    await s.finish();
    await mkdir(path.join(root, "pagefind-9"), { recursive: true });
    await writeFile(path.join(root, "pagefind-9", "pagefind-entry.json"), "{}");
    await indexSearch(root, null);
    const folders = (await readdir(root)).filter((d) => d.startsWith("pagefind")).sort();
    assert.deepEqual(folders, ["pagefind"]);
  }));

test("a bucket indexed early from another plan is indexed again, not linked from the previous build into the early run's folder", () =>
  inRoot(async (root) => {
    const prev = path.join(root, "prev");
    const cur = path.join(root, "cur");
    for (const dir of [prev, cur]) {
      const s = await site(dir, 40);
      for (let i = 0; i < s.ids.length; i++) await s.write(i);
      await s.finish();
    }
    await indexSearch(prev, null); // the previous site's index, its bucket hash recorded
    // each run leaves a file of its own in the bucket's folder
    let calls = 0;
    const marking: Run = (_bin, args) => {
      const dir = path.join(args[args.indexOf("--site") + 1]!, args[args.indexOf("--output-subdir") + 1]!);
      const n = ++calls;
      return { done: mkdir(dir, { recursive: true }).then(() => writeFile(path.join(dir, `run-${n}.txt`), "")).then(() => "Indexed 40 pages"), kill: () => undefined };
    };
    const runs = new SearchRuns(cur, 1, marking);
    // an early run from a plan whose hash for the bucket was not the written site's
    await runs.add({ sub: "pagefind", members: ["a0000"], hash: "a plan's other hash", whole: true });
    await indexSearch(cur, prev, runs);
    assert.equal(calls, 2, "the bucket is indexed again");
    // (shards.json: indexSearch's own list of the other buckets)
    assert.deepEqual((await readdir(path.join(cur, "pagefind"))).sort(), ["run-2.txt", "shards.json"], "nothing of the early run nor of the previous site left in the folder");
  }));

/** The site of `site` with only the pages of `render` rendered: the others taken from `previous` (the plan's reuse). */
function partlyRendered(s: Awaited<ReturnType<typeof site>>, render: number[]): RenderPlan {
  const tp = [...s.plan.templates.values()][0]! as unknown as { pages: { file: string; hash: string }[]; render: Set<number> };
  tp.render = new Set(render);
  const plan = s.plan as RenderPlan & { reuse: { file: string; hash: string }[] };
  plan.reuse = tp.pages.filter((_, i) => !tp.render.has(i));
  return plan;
}

test("pages linked from the previous build while the others are rendered: a bucket of both kinds is handed over once its rendered pages are written and the links made", () =>
  inRoot(async (root) => {
    const previous = path.join(root, "previous");
    const out = path.join(root, "out");
    const old = await site(previous, 300);
    for (let i = 0; i < 300; i++) await old.write(i);
    const s = await site(out, 300);
    const render = [3, 13, 23, 150]; // event e3's pages (one bucket) and one more
    const plan = partlyRendered(s, render);
    await mkdir(out);
    const early = linkEarly(plan, previous, out);
    assert.equal(early.files.size, 296);
    const handed: SearchBucket[] = [];
    const missing: string[] = [];
    const watch = await watchSearchBuckets(plan, out, previous, (b) => {
      // every page of a bucket handed over is there: linked, or rendered and written
      for (const id of b.members) if (!existsSync(path.join(out, "articles", id, "index.html"))) missing.push(`${b.sub}: ${id}`);
      handed.push(b);
    }, early);
    assert.ok(watch, "buckets of rendered and linked pages are watched");
    await early.done;
    await new Promise((r) => setTimeout(r, 100));
    // the buckets without a rendered page: handed over once linked
    const rendered = new Set(render.map((i) => s.ids[i]!));
    const waiting = (b: SearchBucket) => b.members.some((id) => rendered.has(id));
    assert.ok(handed.length > 0 && handed.every((b) => !waiting(b)), handed.map((b) => b.sub).join());
    const before = handed.length;
    for (const i of render) {
      await watch.written(path.join(out, "articles", s.ids[i]!, "index.html"), Buffer.byteLength(page(i)));
      await s.write(i);
    }
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(handed.length > before, "the buckets of the rendered pages handed over once they are written");
    assert.deepEqual(handed.flatMap((b) => b.members).sort(), [...s.ids].sort());
    assert.deepEqual(missing, [], "handed over before its pages were there");
    for (const [i, id] of s.ids.entries()) {
      const f = path.join("articles", id, "index.html");
      if (rendered.has(id)) continue;
      assert.equal((await stat(path.join(out, f))).ino, (await stat(path.join(previous, f))).ino, `${f} is a link to the previous build's page`);
      assert.equal(await readFile(path.join(out, f), "utf8"), page(i));
    }
    watch.stop();
  }));

test("pages that could not be linked early: their buckets are not handed over, the linking fails", () =>
  inRoot(async (root) => {
    const s = await site(path.join(root, "out"), 40);
    const plan = partlyRendered(s, [0]);
    await mkdir(path.join(root, "out"));
    // no previous site there: nothing to link or copy
    const early = linkEarly(plan, path.join(root, "gone"), path.join(root, "out"));
    const handed: SearchBucket[] = [];
    const watch = (await watchSearchBuckets(plan, path.join(root, "out"), null, (b) => handed.push(b), early))!;
    await watch.written(path.join(root, "out", "articles", s.ids[0]!, "index.html"), Buffer.byteLength(page(0)));
    await s.write(0);
    await assert.rejects(early.done);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(handed, []);
    watch.stop();
  }));

test("a page about to be written over one linked early is refused", async () => {
  const out = path.join(tmpdir(), "revue-out");
  const early = { files: new Set(["articles/a/index.html"]), done: Promise.resolve() };
  assert.throws(() => assertNotLinked(early, out, path.join(out, "articles", "a", "index.html")), /also a page taken from the previous build/);
  assert.doesNotThrow(() => assertNotLinked(early, out, path.join(out, "articles", "b", "index.html")));
});

test("settleBackground waits for the work started in the background, failed or not", async () => {
  let ended = 0;
  background(new Promise((r) => setTimeout(r, 80)).then(() => ended++));
  background(new Promise((_, reject) => setTimeout(() => reject(new Error("raté")), 40)).finally(() => ended++)).catch(() => undefined);
  await settleBackground();
  assert.equal(ended, 2);
  await settleBackground(); // nothing left: returns
});

test("a bucket is handed over, and its run started, from the next page's transform: without a turn of the event loop, which the render seldom gives", () =>
  inRoot(async (root) => {
    const s = await site(root, 40);
    const started: string[] = [];
    const run: Run = (_cmd, args) => (started.push(args[args.indexOf("--output-subdir") + 1]!), { done: Promise.resolve("Indexed 1 page"), kill: () => undefined });
    const runs = new SearchRuns(root, 1, run);
    await runs.add({ sub: "pagefind-warm", members: ["x"], hash: "w", whole: false }); // the binary looked up
    const watch = (await watchSearchBuckets(s.plan, root, null, (b) => void runs.add(b)))!;
    let turned = false;
    setImmediate(() => (turned = true));
    // as Eleventy renders: each page announced by the last transform, then written synchronously, no await between
    for (let i = 0; i < s.ids.length; i++) {
      void watch.written(path.join(root, "articles", s.ids[i]!, "index.html"), Buffer.byteLength(page(i)));
      mkdirSync(path.join(root, "articles", s.ids[i]!), { recursive: true });
      writeFileSync(path.join(root, "articles", s.ids[i]!, "index.html"), page(i));
    }
    void watch.written(path.join(root, "index.html"), 10); // the next page, not an article
    for (let i = 0; i < 50; i++) await Promise.resolve(); // promise callbacks only
    assert.equal(turned, false, "no turn of the event loop yet");
    assert.deepEqual(started, ["pagefind-warm", "pagefind"]);
    watch.stop();
  }));
