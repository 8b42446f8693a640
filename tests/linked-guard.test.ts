/**
 * The pages a rebuild takes from the previous build are hard-linked into the new folder
 * while Eleventy renders the others (src/site/after-build.ts, linkEarly). A page Eleventy
 * would then write over one of them would write into the previous site's file — the site
 * still served from dist/. The last transform refuses it (eleventy-config.ts,
 * assertNotLinked): the rebuild fails, as the cold build of the same state fails on two
 * pages with one address, and the previous site is left as it was.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./helpers/site.js";
import { buildIn, projectCopy } from "./helpers/incremental.js";

test("a template that writes over a page taken from the previous build fails the rebuild and leaves the previous site untouched", { timeout: 600_000 }, async () => {
  const project = await projectCopy();
  // from the first build on (the fingerprint must not change): a page whose address depends on the data,
  // its own while there are five articles, the third article's page once there are six
  await writeFile(
    path.join(project, "templates", "clash.njk"),
    '---\npermalink: "{% if site.articles.length > 5 %}{{ site.articles[2].url }}{% else %}/clash/{% endif %}"\n---\nclash\n',
  );
  const work = await mkdtemp(path.join(tmpdir(), "revue-linked-guard-"));
  const seeds = path.join(work, "seeds");
  await cp(path.join(ROOT, "seeds"), seeds, { recursive: true });
  const dist = path.join(work, "dist");
  const first = await buildIn(project, seeds, dist, ["--no-search"]);
  assert.equal(first.code, 0, first.stderr.slice(-3000));
  assert.equal((await readFile(path.join(dist, "clash", "index.html"), "utf8")).trim(), "clash");
  const pages = (await readdir(path.join(dist, "articles"))).sort();
  const before = new Map(await Promise.all(pages.map(async (id) => [id, await readFile(path.join(dist, "articles", id, "index.html"), "utf8")] as const)));

  await writeFile(path.join(seeds, "zz-added.txt"), await readFile(path.join(ROOT, "tests", "fixtures", "added-seed.txt")));
  const again = await buildIn(project, seeds, dist, ["--no-search"]);
  assert.notEqual(again.code, 0, "the rebuild wrote a page over one taken from the previous build");
  assert.match(again.stderr, /is written by a template and is also a page taken from the previous build/);
  for (const [id, text] of before) {
    assert.equal(await readFile(path.join(dist, "articles", id, "index.html"), "utf8"), text, `previous site's page of ${id} changed`);
  }
});
