/**
 * The corpus stage remembers what it reads of each input record (src/extract/events.ts,
 * src/extract/cluster.ts), so a dev-server rebuild reads again only new or changed articles.
 * What it returns must not depend on it: the same records linked with a warm memo, and
 * deep copies of them linked with a fresh vocabulary (other word ids), give equal results —
 * also after a record is replaced, added, removed or edited in place.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { linkCorpus } from "../src/pipeline.js";
import { prepareClustering, rememberLinkFeatures, remembersLinkFeatures, withNewVocabulary } from "../src/extract/cluster.js";
import { defaultKnowledge } from "../src/extract/knowledge.js";
import type { ArticleRecord } from "../src/record.js";
import { extractFile, extractLinkCorpus, extractText, ROOT } from "./helpers/extract.js";

// a one-shot process (npm run build, extract) keeps nothing after a call; the dev server turns the memo on
const onAtStart = remembersLinkFeatures();
test("the memo is off unless a long-lived process asks for it", () => {
  assert.equal(onAtStart, false);
});
rememberLinkFeatures();

const corpus: ArticleRecord[] = extractLinkCorpus();

/** What a process that never saw these records returns: copies (the memo misses), word ids numbered otherwise. */
function cold(records: ArticleRecord[], k = defaultKnowledge()) {
  return withNewVocabulary(() => {
    // other texts first, so that word ids differ from the warm run's
    linkCorpus(structuredClone([...records].reverse()).slice(0, 7), k);
    return linkCorpus(structuredClone(records), k);
  });
}

const same = (records: ArticleRecord[], what: string) => assert.deepStrictEqual(linkCorpus(records), cold(records), what);

test("the corpus links what the fixtures link (the comparisons below are about something)", () => {
  const { records, events } = linkCorpus(corpus);
  assert.ok(events.some((e) => e.articleIds.length >= 2), "some event has several articles");
  assert.ok(events.some((e) => e.links.some((l) => l.rule === "quotation")), "a quotation link");
  assert.ok(records.some((r) => r.via.date === "corpus" || r.via.date === "calendar"), "a date learnt from the corpus or the calendar");
});

test("linking the same record objects again gives what a cold call gives", () => {
  const warm = linkCorpus(corpus); // warms the memo
  same(corpus, "warm memo");
  same(corpus, "warm again");
  // the same objects under a new vocabulary: what was remembered with the old one is read again
  assert.deepStrictEqual(withNewVocabulary(() => linkCorpus(corpus)), warm);
});

test("after a record is replaced, added, removed or edited, a warm call gives what a cold call gives", () => {
  linkCorpus(corpus);
  const replaced = corpus.map((r, i) => (i === 3 ? extractFile("seeds/" + readdirSync(path.join(ROOT, "seeds")).sort()[0]) : r));
  same(replaced, "one record replaced by another");
  const extra = extractText(
    [
      "Dong Jun reçoit son homologue russe à Pékin",
      "Par Paul Roux, publié le 14/10/2024",
      "« Nos deux armées doivent approfondir leur coopération stratégique dans tous les domaines », a déclaré Dong Jun.",
    ].join("\n"),
    "extra.txt",
  );
  same([...corpus, extra], "one record added");
  same(corpus.slice(1), "first record removed");
  same(corpus.filter((_, i) => i % 2 === 0), "half the records removed (the same objects at other indexes)");
});

test("a record object given again with other field values is read again (never stale)", () => {
  const edited = corpus.map((r) => ({ ...r }));
  const before = linkCorpus(edited);
  // an article that a quotation links to another one: without its text and quotations, it is linked no more
  const linked = before.events.find((e) => e.articleIds.length >= 2 && e.links.some((l) => l.rule === "quotation"))!;
  const target = edited.find((r) => r.id === linked.links.find((l) => l.rule === "quotation")!.articles[0])!;
  target.title = "Un tout autre titre";
  target.lede = null;
  target.body = [];
  target.quotes = [];
  // an article dated by the day it prints and the calendar: without that day, undated
  const datedByText = edited.find((r) => r !== target && before.records.find((x) => x.id === r.id)!.via.date === "calendar")!;
  datedByText.title = "Un tout autre titre encore";
  datedByText.lede = null;
  datedByText.body = ["Rien de daté ici."];
  const after = linkCorpus(edited);
  assert.notDeepEqual(after.events.find((e) => e.articleIds.includes(target.id))!.articleIds, linked.articleIds, "the edit changes the events");
  assert.equal(after.records.find((r) => r.id === datedByText.id)!.date, null, "the edit changes a date");
  assert.deepStrictEqual(after, cold(edited));
});

test("linking with other knowledge (no calendar) gives what a cold call with it gives", () => {
  const k = defaultKnowledge();
  const bare = { ...k, calendar: [] };
  const warm = linkCorpus(corpus, k);
  assert.ok(warm.records.some((r) => r.via.date === "calendar"), "the calendar dates some article");
  const other = linkCorpus(corpus, bare);
  assert.ok(!other.records.some((r) => r.via.date === "calendar"));
  assert.deepStrictEqual(other, cold(corpus, bare));
});

test("what prepareClustering gives for every pair is the same warm and cold, whatever the corpus around", () => {
  const k = defaultKnowledge();
  const features = (records: ArticleRecord[]) => {
    const p = prepareClustering(records, k.concepts);
    const c = p.link();
    const pairs: unknown[] = [];
    for (let a = 0; a < records.length; a++)
      for (let b = a + 1; b < records.length; b++) pairs.push([a, b, p.sharedPassages(a, b), c.commonTerms(a, b).sort()]);
    return { pairs, partners: records.map((_, i) => p.quotePartners(i)), years: records.map((_, i) => p.maxYear(i)), clusterOf: c.clusterOf };
  };
  const coldFeatures = (records: ArticleRecord[]) =>
    withNewVocabulary(() => {
      features(structuredClone(records.slice(0, 5)));
      return features(structuredClone(records));
    });
  features(corpus);
  // fewer or more articles: the corpus decides which words are common (and so which are key terms)
  for (const records of [corpus, corpus.slice(0, 12), corpus.slice(-5), corpus.slice(-9), corpus.filter((_, i) => i % 3 !== 0), [...corpus, ...corpus.slice(0, 20).map((r) => ({ ...r }))]])
    assert.deepStrictEqual(features(records), coldFeatures(records), `${records.length} records`);
});

test("the same record object twice in the input is linked as two copies would be", () => {
  const twice = [...corpus.slice(0, 10), corpus[0]];
  assert.deepStrictEqual(linkCorpus(twice), cold(twice));
});
