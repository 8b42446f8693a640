/**
 * What src/site/incremental.ts reads in the templates: the `site` paths a paginated
 * page depends on, and every way of reading data it cannot follow (the template's
 * pages are then rendered every time). And the plan: a page is taken from the
 * previous build only when its file is there with the same hash.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { analyseTemplates, LINK_THREAD_MIN, linkPages, planPages, type PagedTemplate } from "../src/site/incremental.js";
import { recordDigest } from "../src/record-digest.js";

const DATA_JS = "export default { permalink: (data) => data.a.url };\n";

/** A project folder with templates/ holding `files` (and an 11tydata.js for `page.njk` unless given). */
async function project(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "revue-analysis-"));
  const all = { "templates/page.11tydata.js": DATA_JS, ...files };
  for (const [name, text] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}

const PAGED = (body: string, fm = "") =>
  `---\nlayout: layouts/base.njk\n${fm}pagination:\n  data: site.items\n  size: 1\n  alias: a\n---\n${body}`;
const LAYOUT = '<title>{{ title }} · {{ site.meta.title }}</title>{{ content | safe }}<p>Le site du média</p>{% include "partials/foot.njk" %}';

async function analyse(files: Record<string, string>): Promise<PagedTemplate> {
  const root = await project({ "templates/_includes/layouts/base.njk": LAYOUT, "templates/_includes/partials/foot.njk": "<footer>{{ site.meta.foot }}</footer>", ...files });
  const [t] = await analyseTemplates(root);
  assert.ok(t, "no paginated template found");
  return t;
}

test("the site paths read by a page, its layout and what they include; prose and strings read nothing", async () => {
  const t = await analyse({ "templates/page.njk": PAGED('{% include "pages/x.njk" %}'), "templates/_includes/pages/x.njk": '<h1>{{ a.title }}</h1>{{ site.report.files.length | plural("site") }}<p>{{ "site" }}</p>' });
  assert.equal(t.incremental, true, t.reason);
  assert.deepEqual(t.refs, ["site.meta.foot", "site.meta.title", "site.report.files.length"]);
});

test("an include whose name is computed: everything any include reads counts", async () => {
  const t = await analyse({ "templates/page.njk": PAGED("{% include a.kind + '.njk' %}"), "templates/_includes/z.njk": "{{ site.items.length }}" });
  assert.equal(t.incremental, true, t.reason);
  assert.ok(t.refs.includes("site.items.length"), t.refs.join(" "));
});

test("reads the analysis cannot follow: the template's pages are rendered every time", async () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ["site as a whole", { "templates/page.njk": PAGED("{% set s = site %}{{ s.meta.counts }}") }, /site as a whole/],
    ["pagination variables", { "templates/page.njk": PAGED("{{ pagination.pageNumber }}") }, /reads pagination/],
    ["collections", { "templates/page.njk": PAGED("{% for p in collections.all %}{% endfor %}") }, /reads collections/],
    ["a missing include", { "templates/page.njk": PAGED('{% include "nowhere.njk" %}') }, /not found/],
    ["permalink in front matter", { "templates/page.njk": PAGED("x", 'permalink: "/{{ a.id }}/"\n') }, /permalink/],
    ["no permalink function", { "templates/page.njk": PAGED("x"), "templates/page.11tydata.js": 'export default { permalink: "/x/" };\n' }, /permalink function/],
    ["the 11tydata.js reads the site", { "templates/page.njk": PAGED("x"), "templates/page.11tydata.js": "export default { permalink: (data) => data.a.url, eleventyComputed: { n: (data) => data.site.items.length } };\n" }, /./],
    ["another global data file", { "templates/page.njk": PAGED("x"), "templates/_data/other.js": "export default 1;\n" }, /global data/],
  ];
  for (const [what, files, reason] of cases) {
    const t = await analyse(files);
    if (what === "the 11tydata.js reads the site") {
      // data.site.items.length is a path like any other: followed, not opaque
      assert.deepEqual(t.refs.includes("site.items.length"), true, what);
      continue;
    }
    assert.equal(t.incremental, false, what);
    assert.match(t.reason ?? "", reason, what);
  }
});

test("the plan: a page is taken from the previous build only with the same hash and its file there", async () => {
  const root = await project({ "templates/page.njk": PAGED("{{ a.title }}{{ site.meta.n }}"), "templates/_includes/layouts/base.njk": "{{ content | safe }}" });
  const templates = await analyseTemplates(root);
  const model = { items: [{ url: "/a/", title: "A" }, { url: "/b/", title: "B" }], meta: { n: 1 } };
  const first = planPages(model, templates, "fp", { dir: null, entries: {} });
  assert.deepEqual(Object.keys(first.manifest).sort(), ["a/index.html", "b/index.html"]);
  assert.equal(first.counts.render, 2);
  // the previous build: only a/ is still on disk
  const prev = await mkdtemp(path.join(tmpdir(), "revue-prev-"));
  await mkdir(path.join(prev, "a"), { recursive: true });
  await writeFile(path.join(prev, "a/index.html"), "A");
  const again = planPages(model, templates, "fp", { dir: prev, entries: first.manifest });
  assert.deepEqual(again.reuse.map((p) => p.file), ["a/index.html"]);
  assert.deepEqual(again.select("./templates/page.njk", model.items), [model.items[1]]);
  // the item changed, a value its template reads changed, the build fingerprint changed: rendered again
  assert.equal(planPages({ ...model, items: [{ url: "/a/", title: "A2" }, model.items[1]] }, templates, "fp", { dir: prev, entries: first.manifest }).reuse.length, 0);
  assert.equal(planPages({ ...model, meta: { n: 2 } }, templates, "fp", { dir: prev, entries: first.manifest }).reuse.length, 0);
  assert.equal(planPages(model, templates, "fp2", { dir: prev, entries: first.manifest }).reuse.length, 0);
  // a value the template does not read changed: still taken
  assert.equal(planPages({ ...model, other: 1 }, templates, "fp", { dir: prev, entries: first.manifest }).reuse.length, 1);
});

test("records by the digest of their JSON the caller holds: a page showing one is rendered again when it changes, and only then", async () => {
  const root = await project({ "templates/page.njk": PAGED("{{ a.rec.title }}"), "templates/_includes/layouts/base.njk": "{{ content | safe }}" });
  const templates = await analyseTemplates(root);
  const rec = (title: string, body: string[]) => ({ id: title, title, body, quotes: [{ text: "q", speakerId: null }] });
  const [ra, rb] = [rec("A", ["un", "deux"]), rec("B", ["trois"])];
  const planOf = (a: object, b: object) =>
    planPages({ items: [{ url: "/a/", rec: a }, { url: "/b/", rec: b }] }, templates, "fp", { dir: prev, entries: first.manifest }, [a, b].map((r) => [r, recordDigest(r)]));
  const prev = await mkdtemp(path.join(tmpdir(), "revue-prev-"));
  for (const f of ["a", "b"]) {
    await mkdir(path.join(prev, f), { recursive: true });
    await writeFile(path.join(prev, f, "index.html"), f);
  }
  const first = planPages({ items: [{ url: "/a/", rec: ra }, { url: "/b/", rec: rb }] }, templates, "fp", { dir: null, entries: {} }, [ra, rb].map((r) => [r, recordDigest(r)]));
  // the same records read again (other objects, same JSON): both pages taken
  assert.equal(planOf(structuredClone(ra), structuredClone(rb)).reuse.length, 2);
  // a field changed, deep in the record or at its top: that page rendered again, the other taken
  for (const changed of [{ ...ra, body: ["un", "deux!"] }, { ...ra, quotes: [{ text: "q", speakerId: "x" }] }, { ...ra, title: "A2" }]) {
    assert.deepEqual(planOf(changed, structuredClone(rb)).reuse.map((p) => p.file), ["b/index.html"], JSON.stringify(changed));
  }
});

test("linkPages: every page linked into the new folder, on a thread of its own for many pages, here for a few; a file already there is replaced", async () => {
  for (const [n, threadMin] of [[3, LINK_THREAD_MIN], [250, 100]] as const) {
    const from = await mkdtemp(path.join(tmpdir(), "revue-from-"));
    const to = await mkdtemp(path.join(tmpdir(), "revue-to-"));
    const files = Array.from({ length: n }, (_, i) => (i % 2 ? `articles/a${i}/index.html` : `evenements/e${i}/sub/index.html`));
    for (const f of files) {
      await mkdir(path.dirname(path.join(from, f)), { recursive: true });
      await writeFile(path.join(from, f), f);
    }
    // the new folder already holds one of them (another content): replaced by the previous build's file
    await mkdir(path.join(to, path.dirname(files[1]!)), { recursive: true });
    await writeFile(path.join(to, files[1]!), "other");
    await linkPages(from, to, files, threadMin);
    for (const f of files) {
      assert.equal(await readFile(path.join(to, f), "utf8"), f, `${n}: ${f}`);
      assert.equal((await stat(path.join(to, f))).ino, (await stat(path.join(from, f))).ino, `${n}: ${f} is a link`);
    }
  }
});
