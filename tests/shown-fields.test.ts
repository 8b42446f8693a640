/**
 * An article view's fields that only the pages showing it read (summary, description, date note, labels,
 * speakers, filter words: model.ts shownFields) are made when a page first reads one, once — not with the
 * model (a rebuild renders the pages of a few articles) — and are what they were when made with it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { currentYear, loadCorpus } from "../src/corpus.js";
import { buildSite } from "../src/site/model.js";
import type { ArticleRecord } from "../src/record.js";
import { ROOT } from "./helpers/site.js";

const OPTS = { siteUrl: "https://example.org", pathPrefix: "/", viewCache: null };
const REPORT = { files: [], extracted: 0, fromCache: 0, skipped: 0, failed: 0, duplicates: 0, warnings: 0, workers: 0 };

test("the fields only pages read are made when first read, once", async () => {
  const corpus = await loadCorpus({ paths: [path.join(ROOT, "seeds")], cacheDir: null, latestYear: currentYear() });
  const r = corpus.records.find((x) => x.speakers.length > 0 && x.outlet)!;
  // the field lists of manual edits: mapped only to label them (manualLabels), never by the rest of the model
  let mapped = 0;
  const manual = new Proxy(["title"], {
    get(target, key, receiver) {
      if (key === "map") mapped++;
      return Reflect.get(target, key, receiver);
    },
  });
  const watched: ArticleRecord = { ...r, manual: manual as string[] };
  const model = buildSite({ records: [watched], events: [], report: REPORT }, OPTS);
  assert.equal(mapped, 0, "made with the model");
  const a = model.articles[0]!;
  assert.equal(a.manualLabels, "titre");
  assert.equal(mapped, 1);
  for (const k of ["dateNote", "speakers", "filterKeys", "summary", "description", "filterTokens", "manualLabels"] as const) void a[k];
  assert.equal(mapped, 1, "made again");
});

test("those fields are the same as the model made them before", async () => {
  const corpus = await loadCorpus({ paths: [path.join(ROOT, "seeds")], cacheDir: null, latestYear: currentYear() });
  const model = buildSite(corpus, OPTS);
  const a = model.articles.find((x) => x.speakers.length > 0 && x.outlet && x.event)!;
  assert.ok(a, "a seed with speakers, an outlet and an event");
  assert.ok(a.summary.length > 0 && a.description.startsWith(`${a.outlet!.name}, ${a.dateLabel}. `));
  assert.equal(a.filterKeys, [a.outlet!.id, ...new Set(a.quotes.map((q) => q.speaker?.id).filter(Boolean))].join(" "));
  assert.match(a.filterTokens, new RegExp(`xevenement_${a.event!.id.replace(/[^a-z0-9]+/g, "_")}`));
  assert.deepEqual(Object.keys(a).slice(0, 8), ["id", "url", "title", "untitled", "date", "dateLabel", "dateConfidence", "dateNote"]);
});

test("an event view's description, read by its page alone, is made when read", async () => {
  const corpus = await loadCorpus({ paths: [path.join(ROOT, "seeds")], cacheDir: null, latestYear: currentYear() });
  const model = buildSite(corpus, OPTS);
  const ev = model.events.find((e) => e.outlets.length > 0 && e.keyQuote)!;
  assert.ok(ev, "a seed event with outlets and a key quotation");
  assert.equal(typeof Object.getOwnPropertyDescriptor(ev, "description")?.get, "function");
  assert.ok(ev.description.startsWith(`${ev.title}, ${ev.dateLabel} : ${ev.articleCountLabel} (`), ev.description);
  assert.ok(ev.description.includes(" « "), ev.description);
  assert.equal(ev.description, ev.description);
});
