/**
 * Rebuilds render only what changed, and write exactly the bytes a cold build of
 * the same seeds writes (src/site/incremental.ts; README, "How rebuilds work").
 *
 * One chain of rebuilds in a copy of the project (so templates and data/ can be
 * edited), each compared, whole output tree against whole output tree, nothing
 * excluded, with a cold build of the same state into a fresh folder: a seed
 * added, edited, renamed, deleted; a sidecar added and changed; a data/ file
 * changed; a template made to read more of the site (a path, then the site as a
 * whole); a build killed while writing pages. --no-search: the search index has
 * its own test (tests/incremental-search.test.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { appendFile, cp, mkdtemp, readFile, readdir, rename, rm, utimes, writeFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./helpers/site.js";
import { idFromFile } from "../src/extract/record.js";
import { assertSameTree, buildIn, projectCopy, type Built } from "./helpers/incremental.js";

/** A sixth seed, added between builds. */
const SIXTH = readFileSync(path.join(ROOT, "tests", "fixtures", "added-seed.txt"), "utf8");

test("every kind of change: a rebuild writes the bytes of a cold build, and renders only part of the site", { timeout: 900_000 }, async (t) => {
  const project = await projectCopy();
  const work = await mkdtemp(path.join(tmpdir(), "revue-incremental-"));
  const seeds = path.join(work, "seeds");
  await cp(path.join(ROOT, "seeds"), seeds, { recursive: true });
  const names = (await readdir(seeds)).sort();
  const dist = path.join(work, "dist");
  const coldDist = (k: number) => path.join(work, `cold-${k}`, "dist");
  // a seed whose modification time is set back exactly after an edit (whole seconds), long before that edit
  const when = new Date("2024-05-01T10:00:00Z");
  await utimes(path.join(seeds, names[3]!), when, when);
  let n = 0;
  const ok = (b: Built, what: string) => assert.equal(b.code, 0, `${what}\n${b.stderr.slice(-3000)}`);

  /** Rebuild dist, cold-build the same state elsewhere, compare; the rebuild's figures. */
  const rebuildMatchesCold = async (what: string): Promise<Built> => {
    const warm = await buildIn(project, seeds, dist, ["--no-search"]);
    ok(warm, `${what}: rebuild`);
    // its own folder, so its own records cache and seed index (work/cold-N/cache): nothing carried over
    const cold = await buildIn(project, seeds, coldDist(++n), ["--no-search"]);
    ok(cold, `${what}: cold build`);
    assert.equal(cold.reused, 0, `${what}: the cold build took pages from nowhere`);
    assert.equal(cold.fromCache, 0, `${what}: the cold build took records from a cache`);
    await assertSameTree(dist, coldDist(n), what);
    return warm;
  };
  const page = (id: string) => readFile(path.join(dist, "articles", id, "index.html"), "utf8");
  const sourceCopy = (id: string) => readFile(path.join(dist, "sources", `${id}.txt`), "utf8");
  const idOf = idFromFile;

  const first = await buildIn(project, seeds, dist, ["--no-search"]);
  ok(first, "first build");
  assert.equal(first.reused, 0);
  const all = first.rendered;
  assert.ok(all > names.length, first.stdout);

  await t.test("nothing changed: nothing rendered", async () => {
    const b = await rebuildMatchesCold("nothing changed");
    assert.equal(b.rendered, 0, b.stdout);
    assert.equal(b.reused, all);
  });

  await t.test("the previous site is removed after the swap, by a process of its own; a removal cut short is finished by the next build", async () => {
    const leftovers = async () => (await readdir(work)).filter((n) => n.startsWith(".dist.tmp-"));
    // the rebuild above replaced a site: its removal ends on its own (polled, not timed: up to a minute on a busy machine)
    for (let i = 0; i < 600 && (await leftovers()).length; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await leftovers(), [], "the previous site was not removed");
    // a remover killed midway (its pid no longer runs): the next build removes the rest, and never takes it for the site
    const dead = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());
    await cp(dist, path.join(work, `.dist.tmp-${dead}.trash`), { recursive: true });
    await writeFile(path.join(work, `.dist.tmp-${dead}.trash`, "marker.txt"), "half removed");
    const b = await buildIn(project, seeds, dist, ["--no-search"]);
    ok(b, "rebuild beside a half-removed site");
    assert.match(b.stderr, /suppression a été interrompue/);
    assert.ok(!existsSync(path.join(work, `.dist.tmp-${dead}.trash`)));
    assert.ok(!existsSync(path.join(dist, "marker.txt")));
  });

  await t.test("seed added", async () => {
    await writeFile(path.join(seeds, "006 Patrouille conjointe.txt"), SIXTH);
    const b = await rebuildMatchesCold("seed added");
    assert.ok(b.reused > 0 && b.rendered > 0, b.stdout);
    assert.match(await page("006-patrouille-conjointe"), /patrouille conjointe au-dessus de la mer du Japon/);
  });

  /** A sentence added to the longest paragraph of a seed (its text, not the page furniture around it). */
  const addSentence = async (file: string, sentence: string) => {
    const lines = (await readFile(path.join(seeds, file), "utf8")).split("\n");
    const longest = lines.reduce((best, l, i) => (l.length > lines[best]!.length ? i : best), 0);
    lines[longest] += ` ${sentence}`;
    await writeFile(path.join(seeds, file), lines.join("\n"));
  };

  await t.test("seed edited", async () => {
    await addSentence(names[0]!, "La flottille de Vladivostok est mentionnée pour la première fois dans cette version.");
    const b = await rebuildMatchesCold("seed edited");
    assert.ok(b.reused > 0, b.stdout);
    assert.match(await page(idOf(names[0]!)), /flottille de Vladivostok/);
    // the seed kept its name: its copy in sources/ is the new text, not the previous site's file
    assert.match(await sourceCopy(idOf(names[0]!)), /flottille de Vladivostok/);
  });

  await t.test("seed renamed", async () => {
    await rename(path.join(seeds, names[1]!), path.join(seeds, "renomme.txt"));
    const b = await rebuildMatchesCold("seed renamed");
    assert.ok(b.reused > 0, b.stdout);
    assert.ok(existsSync(path.join(dist, "articles", "renomme", "index.html")));
    assert.ok(!existsSync(path.join(dist, "articles", idOf(names[1]!))));
  });

  await t.test("seed deleted", async () => {
    await rm(path.join(seeds, names[2]!));
    const b = await rebuildMatchesCold("seed deleted");
    assert.ok(b.reused > 0, b.stdout);
    assert.ok(!existsSync(path.join(dist, "articles", idOf(names[2]!))));
    assert.ok(!existsSync(path.join(dist, "sources", `${idOf(names[2]!)}.txt`)), "a removed seed's copy is gone");
  });

  await t.test("seed edited in place, its size and modification time kept: read again all the same", async () => {
    // (the seed index takes a seed whose size, times and inode are unchanged without reading it: its change time tells)
    const file = path.join(seeds, names[3]!);
    const before = await readFile(file, "utf8");
    const edited = before.replace(/terriblement/g, "TERRIBLEMENT");
    assert.notEqual(edited, before);
    assert.equal(Buffer.byteLength(edited), Buffer.byteLength(before));
    await writeFile(file, edited);
    await utimes(file, when, when);
    await rebuildMatchesCold("seed edited in place, same size and time");
    assert.match(await page(idOf(names[3]!)), /TERRIBLEMENT/);
  });

  await t.test("seed index damaged: the records come from the records cache, the same bytes", async () => {
    const cache = path.join(work, "cache");
    const index = (await readdir(cache)).filter((f) => /^seed-index-.*\.json$/.test(f));
    assert.equal(index.length, 1, `one seed index in ${cache}`);
    const bytes = await readFile(path.join(cache, index[0]!));
    await writeFile(path.join(cache, index[0]!), bytes.subarray(0, bytes.length - 100));
    await addSentence(names[0]!, "Une phrase ajoutée pendant que l'index était abîmé.");
    await rebuildMatchesCold("seed index damaged");
    assert.match(await page(idOf(names[0]!)), /index était abîmé/);
  });

  await t.test("sidecar added, then changed", async () => {
    const sidecar = path.join(seeds, names[3]!.replace(/\.txt$/, ".meta.yaml"));
    await writeFile(sidecar, "title: Un titre corrigé à la main pour le test\n");
    let b = await rebuildMatchesCold("sidecar added");
    assert.ok(b.reused > 0, b.stdout);
    assert.match(await page(idOf(names[3]!)), /Un titre corrigé à la main pour le test/);
    await writeFile(sidecar, "title: Un autre titre, corrigé une seconde fois\n");
    b = await rebuildMatchesCold("sidecar changed");
    assert.match(await page(idOf(names[3]!)), /Un autre titre, corrigé une seconde fois/);
  });

  await t.test("data/ file changed: every page rendered again", async () => {
    await appendFile(path.join(project, "data", "outlets.yaml"), "\n# a comment: the curated data changed\n");
    const b = await rebuildMatchesCold("data/ changed");
    assert.equal(b.reused, 0, b.stdout);
  });

  await t.test("a template reads one more path of the site, then a seed is added", async () => {
    // the article page now prints a corpus-wide count: every article page depends on it
    await appendFile(path.join(project, "templates/_includes/pages/article.njk"), '\n<p class="test-count">{{ site.meta.counts.articles }}</p>\n');
    await rebuildMatchesCold("template changed");
    await writeFile(path.join(seeds, "007 encore.txt"), SIXTH.replace("Pacifique", "Pacifique Nord").replace("14.06.2024", "15.06.2024"));
    const b = await rebuildMatchesCold("seed added under a template reading site.meta.counts");
    assert.ok(b.reused > 0, b.stdout);
    const articles = (await readdir(path.join(dist, "articles"))).length;
    assert.match(await page("006-patrouille-conjointe"), new RegExp(`class="test-count">${articles} articles<`));
  });

  await t.test("a template reads the site as a whole: its pages are always rendered", async () => {
    await appendFile(path.join(project, "templates/_includes/pages/evenement.njk"), '\n{% set s = site %}<p class="test-articles">{{ s.meta.counts.articles }}</p>\n');
    await rebuildMatchesCold("template reading the whole site");
    await rm(path.join(seeds, "007 encore.txt"));
    const b = await rebuildMatchesCold("seed deleted under a template reading the whole site");
    // every event page prints the article count, which changed: none could be kept
    const events = (await readdir(path.join(dist, "evenements"))).length;
    assert.ok(b.rendered >= events, b.stdout);
  });

  await t.test("a build killed while writing its pages, then a rebuild", async () => {
    let tmp = "";
    let before = Buffer.alloc(0);
    // kill the build and its page-writing process once the first pages are in its temporary folder
    // (a build that finishes first, on a busy machine, is not what this tests: try again)
    for (let attempt = 0; attempt < 3 && !tmp; attempt++) {
      await addSentence(names[4]!, `Les exercices du port de Qingdao sont ajoutés avant une construction interrompue (${attempt + 1}).`);
      before = await readFile(path.join(dist, ".revue/pages.json"));
      const child = spawn(process.execPath, ["--import", "tsx", "src/cli/build.ts", "--seeds", seeds, "--out", dist, "--cache", path.join(work, "cache"), "--no-search"], {
        cwd: project,
        env: { ...process.env, TZ: "UTC", CI: "1", PATH_PREFIX: "" },
        stdio: "ignore",
        detached: true,
      });
      const folder = path.join(work, `.dist.tmp-${child.pid}`);
      let done = false;
      const exited = new Promise((r) => child.on("exit", () => r((done = true))));
      while (!done && !existsSync(path.join(folder, "articles"))) await new Promise((r) => setTimeout(r, 10));
      if (!done) {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // it ended meanwhile
        }
      }
      await exited;
      if (existsSync(folder)) tmp = folder;
    }
    assert.ok(tmp, "no build was caught while writing its pages");
    assert.deepEqual(await readFile(path.join(dist, ".revue/pages.json")), before, "the killed build reached the swap");
    const b = await rebuildMatchesCold("after a killed build");
    assert.ok(!existsSync(tmp));
    assert.match(await page(idOf(names[4]!)), /port de Qingdao/);
    assert.ok(b.reused > 0, b.stdout);
  });

  await t.test("--full renders every page", async () => {
    const b = await buildIn(project, seeds, dist, ["--no-search", "--full"]);
    ok(b, "--full");
    assert.equal(b.reused, 0);
    await assertSameTree(dist, coldDist(n), "--full");
  });
});
