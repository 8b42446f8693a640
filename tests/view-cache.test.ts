/**
 * The articles' rendered text kept between builds (src/site/view-cache.ts): a
 * site built with the cache, in memory or from its file, is deep-equal to one
 * built without it; an entry is used only when the record, the registry's
 * spellings of whom it names and the code are what made it; a file cut short,
 * with its index altered or written by other code is not trusted, an entry
 * altered is made again when read. Then whole builds: after the
 * code of src/site changed, the cache file altered or cut short, or a spelling in
 * data/ changed, a rebuild writes the bytes of a build with no cache at all (its
 * own records and views cache: tests/incremental.test.ts's cold builds share the
 * rebuild's cache folder, so they could not see a stale entry).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { currentYear, loadCorpus } from "../src/corpus.js";
import { buildSite } from "../src/site/model.js";
import { defaultSiteRegistry, type SiteRegistry } from "../src/site/registry.js";
import { ViewCache } from "../src/site/view-cache.js";
import { recordDigest } from "../src/record-digest.js";
import { compareVariants } from "../src/site/diff.js";
import { planDigests } from "../src/site/data.js";
import { analyseTemplates, planPages } from "../src/site/incremental.js";
import { ROOT } from "./helpers/site.js";
import { assertSameTree, buildIn, projectCopy, type Built } from "./helpers/incremental.js";

const OPTS = { siteUrl: "https://example.org", pathPrefix: "/" };

const corpusP = loadCorpus({ paths: [path.join(ROOT, "seeds")], cacheDir: null, latestYear: currentYear() });

/**
 * The records with one edited (a sentence added to its first paragraph), as a build has them: that record
 * a new object, the others the same (a record's digest is kept per object: src/record-digest.ts).
 */
function editOne<R extends { body: (string | object)[] }>(records: R[]): { edited: R[]; r: R } {
  const target = records.find((x) => x.body.some((b) => typeof b === "string"))!;
  const i = target.body.findIndex((b) => typeof b === "string");
  const r = { ...target, body: target.body.map((b, k) => (k === i ? `${b as string} Une phrase ajoutée pour le test.` : b)) };
  return { edited: records.map((x) => (x === target ? r : x)), r };
}

test("a site built from the cache, in memory then from its file, is the site built without it", async () => {
  const corpus = await corpusP;
  const n = corpus.records.length;
  assert.ok(n >= 5);
  const plain = buildSite(corpus, { ...OPTS, viewCache: null });
  const file = path.join(await mkdtemp(path.join(tmpdir(), "revue-views-")), "site-views.json");
  const cache = new ViewCache(file, "code-a");
  assert.deepEqual(buildSite(corpus, { ...OPTS, viewCache: cache }), plain);
  assert.deepEqual(cache.last, { hits: 0, misses: n });
  assert.deepEqual(buildSite(corpus, { ...OPTS, viewCache: cache }), plain);
  assert.deepEqual(cache.last, { hits: n, misses: 0 });
  // another process: the file
  const again = new ViewCache(file, "code-a");
  assert.deepEqual(buildSite(corpus, { ...OPTS, viewCache: again }), plain);
  assert.deepEqual(again.last, { hits: n, misses: 0 });
  // other code: the file is not read
  const other = new ViewCache(file, "code-b");
  assert.deepEqual(buildSite(corpus, { ...OPTS, viewCache: other }), plain);
  assert.deepEqual(other.last, { hits: 0, misses: n });
});

test("recordDigest: a record copied field by field with the same values has the digest of the one met before; any other value, its own", async () => {
  const corpus = await corpusP;
  const r = structuredClone(corpus.records.find((x) => x.quotes.length > 0)!);
  const fresh = (x: object & { body: unknown }) => recordDigest(structuredClone(x));
  const d = recordDigest(r);
  assert.equal(d, fresh(r));
  assert.equal(recordDigest({ ...r }), d, "a copy with the same values");
  for (const changed of [
    { ...r, date: "1999-01-01" },
    { ...r, eventId: "un-autre-evenement" },
    { ...r, body: [...r.body, "Un paragraphe de plus."] },
    { ...r, quotes: r.quotes.slice(1) },
    { ...r, extra: 1 },
  ]) {
    const got = recordDigest(changed);
    assert.notEqual(got, d);
    assert.equal(got, fresh(changed));
  }
  // the original again, after the others: still its own digest
  assert.equal(recordDigest({ ...r }), d);
});

test("an entry is used only for the same record and the same spellings of whom it names", async () => {
  const corpus = await corpusP;
  const cache = new ViewCache(null, "code-a");
  buildSite(corpus, { ...OPTS, viewCache: cache });
  // one record edited: that article only is rendered again, and shows the edit
  const { edited, r } = editOne(corpus.records);
  const site = buildSite({ ...corpus, records: edited }, { ...OPTS, viewCache: cache });
  assert.deepEqual(cache.last, { hits: edited.length - 1, misses: 1 });
  assert.match(site.articles.find((a) => a.id === r.id)!.bodyHtml, /Une phrase ajoutée pour le test/);
  // a new spelling in the registry for someone an article names: that article's search terms change
  const named = corpus.records.find((x) => x.speakers.length > 0)!;
  const base = defaultSiteRegistry();
  const registry: SiteRegistry = { ...base, spellings: new Map([...base.spellings, [named.speakers[0]!.id, ["Orthographe Inventée Pourletest"]]]) };
  const fresh = buildSite(corpus, { ...OPTS, registry, viewCache: null });
  const cached = buildSite(corpus, { ...OPTS, registry, viewCache: cache });
  assert.ok(cache.last.misses >= 1, JSON.stringify(cache.last));
  assert.deepEqual(cached, fresh);
  assert.match(cached.articles.find((a) => a.id === named.id)!.searchTerms, /Orthographe Inventée Pourletest/);
});

test("the page plan takes an article's text by the key it was made under: its page is rendered again when the record's text or a spelling of whom it names changes, and the hashes are the same with or without the cache", async () => {
  const corpus = await corpusP;
  const templates = await analyseTemplates(ROOT);
  const hashes = (c: typeof corpus, views: ViewCache | null, registry?: SiteRegistry) => {
    const model = buildSite(c, { ...OPTS, registry, viewCache: views });
    const known = planDigests(model, c.records);
    return planPages(model, templates, "fp", { dir: null, entries: {} }, known).manifest;
  };
  const cache = new ViewCache(null, "code-a");
  const before = hashes(corpus, cache);
  assert.deepEqual(hashes(corpus, null), before, "without the cache");
  assert.deepEqual(hashes(corpus, cache), before, "from the cache");
  const pageOf = (id: string) => `articles/${id}/index.html`;
  // a sentence added to one article: its page (and the pages that show it) change, not another article's
  const { edited, r } = editOne(corpus.records);
  const after = hashes({ ...corpus, records: edited }, cache);
  assert.notEqual(after[pageOf(r.id)], before[pageOf(r.id)]);
  const other = corpus.records.find((x) => x.id !== r.id && x.eventId !== r.eventId)!;
  assert.equal(after[pageOf(other.id)], before[pageOf(other.id)]);
  // a new spelling for someone an article names (its search terms): that page changes
  const named = corpus.records.find((x) => x.speakers.length > 0)!;
  const base = defaultSiteRegistry();
  const registry: SiteRegistry = { ...base, spellings: new Map([...base.spellings, [named.speakers[0]!.id, ["Orthographe Inventée Pourletest"]]]) };
  assert.notEqual(hashes(corpus, cache, registry)[pageOf(named.id)], before[pageOf(named.id)]);
});

test("the file is written again only when more than a few entries differ from it; a file behind gives the same site", async () => {
  const corpus = await corpusP;
  const n = corpus.records.length;
  const file = path.join(await mkdtemp(path.join(tmpdir(), "revue-views-")), "site-views.json");
  buildSite(corpus, { ...OPTS, viewCache: new ViewCache(file, "code-a") });
  const written = await readFile(file);
  const { edited, r } = editOne(corpus.records);
  const changed = { ...corpus, records: edited };
  const plain = buildSite(changed, { ...OPTS, viewCache: null });
  assert.deepEqual(buildSite(changed, { ...OPTS, viewCache: new ViewCache(file, "code-a") }), plain);
  assert.deepEqual(await readFile(file), written, "rewritten for one article");
  // the next process: that article rendered again, the others from the file
  const next = new ViewCache(file, "code-a");
  assert.deepEqual(buildSite(changed, { ...OPTS, viewCache: next }), plain);
  assert.deepEqual(next.last, { hits: n - 1, misses: 1 });
});

test("a cache file cut short or altered is not trusted", async () => {
  const corpus = await corpusP;
  const n = corpus.records.length;
  const plain = buildSite(corpus, { ...OPTS, viewCache: null });
  const file = path.join(await mkdtemp(path.join(tmpdir(), "revue-views-")), "site-views.json");
  buildSite(corpus, { ...OPTS, viewCache: new ViewCache(file, "code-a") });
  const good = await readFile(file, "utf8");
  assert.match(good, /<q /);

  await writeFile(file, good.slice(0, Math.floor(good.length / 2)));
  let cache = new ViewCache(file, "code-a");
  assert.deepEqual(buildSite(corpus, { ...OPTS, viewCache: cache }), plain);
  assert.deepEqual(cache.last, { hits: 0, misses: n });
  // and written afresh: the next process reads it
  cache = new ViewCache(file, "code-a");
  buildSite(corpus, { ...OPTS, viewCache: cache });
  assert.deepEqual(cache.last, { hits: n, misses: 0 });

  // one word of one entry's HTML changed (still valid JSON, the same length): that entry is made again when
  // its parts are read (deepEqual reads them all), the others are taken
  await writeFile(file, good.replace("<q ", "<b "));
  cache = new ViewCache(file, "code-a");
  assert.deepEqual(buildSite(corpus, { ...OPTS, viewCache: cache }), plain);
  assert.deepEqual(cache.last, { hits: n - 1, misses: 1 });
  // and the file is written again then (one entry altered, however few others differ): the next process takes every entry
  cache = new ViewCache(file, "code-a");
  assert.deepEqual(buildSite(corpus, { ...OPTS, viewCache: cache }), plain);
  assert.deepEqual(cache.last, { hits: n, misses: 0 });

  // the index (second line) altered: nothing in the file is trusted
  const [head, index, ...rest] = good.split("\n");
  await writeFile(file, [head, index!.replace(/,(\d)/, ",1$1"), ...rest].join("\n"));
  cache = new ViewCache(file, "code-a");
  assert.deepEqual(buildSite(corpus, { ...OPTS, viewCache: cache }), plain);
  assert.deepEqual(cache.last, { hits: 0, misses: n });

  await writeFile(file, "not a cache\n{}");
  cache = new ViewCache(file, "code-a");
  assert.deepEqual(buildSite(corpus, { ...OPTS, viewCache: cache }), plain);
  assert.deepEqual(cache.last, { hits: 0, misses: n });
});

test("the comparisons of a group of variants kept by their texts: the same views, made once; groups printing the same words are not kept", () => {
  const kept = new Map<string, string[]>();
  let made = 0;
  const keep = (texts: string[], make: () => string[]) => {
    const k = JSON.stringify(texts);
    if (!kept.has(k)) {
      made++;
      kept.set(k, make());
    }
    return kept.get(k)!;
  };
  const groups = [
    [{ articleId: "a", text: "Les régions clés de la coopération" }, { articleId: "b", text: "Les régions clé de la coopération" }, { articleId: "c", text: "les <b>régions</b> clés" }],
    [{ articleId: "a", text: "La même chose" }, { articleId: "b", text: "La  même chose" }],
    [{ articleId: "a", text: "Seule" }],
  ];
  for (const g of groups) assert.deepEqual(compareVariants(g, keep), compareVariants(g));
  assert.equal(made, 1, "only the group whose words differ");
  // the second time, from what was kept (a damaged value would not be: the cache checks each entry's bytes)
  for (const g of groups) assert.deepEqual(compareVariants(g, keep), compareVariants(g));
  assert.equal(made, 1);
});

test("whole builds: code, data and a damaged cache file never leave stale text on the site", { timeout: 600_000 }, async (t) => {
  const project = await projectCopy();
  const work = await mkdtemp(path.join(tmpdir(), "revue-views-build-"));
  const seeds = path.join(work, "seeds");
  await cp(path.join(ROOT, "seeds"), seeds, { recursive: true });
  const dist = path.join(work, "dist");
  const cacheFile = path.join(work, "cache", "site-views-v2.json");
  const timed = { REVUE_TIMING: "1" };
  let n = 0;
  const ok = (b: Built, what: string) => assert.equal(b.code, 0, `${what}\n${b.stderr.slice(-3000)}`);
  /** Rebuild dist (its cache in work/cache), build the same from nothing in a folder of its own, compare. */
  const rebuildMatchesCold = async (what: string): Promise<Built> => {
    const warm = await buildIn(project, seeds, dist, ["--no-search"], timed);
    ok(warm, `${what}: rebuild`);
    const cold = path.join(work, `cold-${++n}`, "dist"); // its cache: cold-N/cache, empty
    ok(await buildIn(project, seeds, cold, ["--no-search"]), `${what}: cold build`);
    await assertSameTree(dist, cold, what);
    return warm;
  };
  const fromCache = (b: Built) => Number(/textes des articles : (\d+) du cache/.exec(b.stderr)?.[1] ?? NaN);
  /** A project file edited: `from` (which must be there) replaced by `to`. */
  const edit = async (rel: string, from: string, to: string) => {
    const text = await readFile(path.join(project, rel), "utf8");
    assert.ok(text.includes(from), `${rel}: ${from}`);
    await writeFile(path.join(project, rel), text.replace(from, to));
  };
  const articlePages = async () => Promise.all((await readdir(path.join(dist, "articles"))).map((id) => readFile(path.join(dist, "articles", id, "index.html"), "utf8")));

  ok(await buildIn(project, seeds, dist, ["--no-search"]), "first build");
  const articles = (await readdir(path.join(dist, "articles"))).length;

  await t.test("nothing changed: every article's text from the cache file", async () => {
    const b = await rebuildMatchesCold("nothing changed");
    assert.equal(fromCache(b), articles, b.stderr);
  });

  await t.test("a file of src/site changed: no text from the cache", async () => {
    await edit("src/site/remark-quotes.ts", 'className: ["q-text"]', 'className: ["q-text", "q-test"]');
    const b = await rebuildMatchesCold("src/site changed");
    assert.equal(fromCache(b), 0, b.stderr);
    assert.ok((await articlePages()).some((p) => p.includes('class="q-text q-test"')));
  });

  await t.test("the cache file's entries altered (still valid JSON), then the file cut short: never used", async () => {
    const good = await readFile(cacheFile, "utf8");
    assert.ok(good.includes("q-test"));
    await writeFile(cacheFile, good.replaceAll("q-test", "q-TEST"));
    // every page rendered (--full): each article's entry is read, found altered, and its parts made again
    let b = await buildIn(project, seeds, dist, ["--no-search", "--full"], timed);
    ok(b, "cache file altered: --full");
    const cold = path.join(work, `cold-${++n}`, "dist");
    ok(await buildIn(project, seeds, cold, ["--no-search"]), "cache file altered: cold build");
    await assertSameTree(dist, cold, "cache file altered");
    assert.ok(!(await articlePages()).some((p) => p.includes("q-TEST")));
    await writeFile(cacheFile, good.slice(0, good.length - 100));
    b = await rebuildMatchesCold("cache file cut short");
    assert.equal(fromCache(b), 0, b.stderr);
    // written afresh by that build
    b = await rebuildMatchesCold("after the damaged cache");
    assert.equal(fromCache(b), articles, b.stderr);
  });

  await t.test("a spelling added in data/people.yaml: the articles naming that person show it", async () => {
    await edit("data/people.yaml", "aliases: [Poutine, ", "aliases: [Poutine, Poutinovitch Pourletest, ");
    await rebuildMatchesCold("data/ spelling added");
    assert.ok((await articlePages()).some((p) => p.includes("Poutinovitch Pourletest")));
  });
});
