/**
 * An event's quotation groups are kept in the link features file (src/link-store.ts) by a digest of the
 * event's articles in order, their ids and their content keys (the seed's bytes, or the fields a sidecar
 * changed, quotations included: src/extract/events.ts quoteGroupsOf): a rebuild groups again only the events
 * that changed. Over random sequences of added, removed and edited articles (real-world
 * fixtures, the seeds, synthetic articles of bench/generate.ts), each build through the file — as a new
 * process would read it — must give exactly what a cold call gives, while most groups come from the file.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { linkCorpus } from "../src/pipeline.js";
import { defaultKnowledge } from "../src/extract/knowledge.js";
import { LinkStore } from "../src/link-store.js";
import type { ArticleRecord } from "../src/record.js";
import { articles } from "../bench/generate.js";
import { extractLinkCorpus, extractText } from "./helpers/extract.js";

const k = defaultKnowledge();
const real: ArticleRecord[] = extractLinkCorpus();
const synthetic: ArticleRecord[] = [];
for (const a of articles({ seed: 7 })) {
  synthetic.push(extractText(a.text, a.file));
  if (synthetic.length === 160) break;
}
const cold = (records: ArticleRecord[]) => linkCorpus(structuredClone(records), k);

/** A small deterministic generator (mulberry32), so that a failing sequence can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Article ids that are a variant of some quotation group, and the quotation's text, in a result. */
function grouped(result: ReturnType<typeof linkCorpus>): { articleId: string; text: string }[] {
  return result.events.flatMap((e) => e.quoteGroups.flatMap((g) => g.variants));
}

/** One edit, as a sidecar makes it (`manual` set: the record's features are keyed by its fields). */
function edit(records: ArticleRecord[], rnd: () => number, step: number): ArticleRecord[] {
  const variants = grouped(cold(records));
  const target = variants[Math.floor(rnd() * variants.length)];
  const at = records.findIndex((r) => r.id === target?.articleId);
  if (at < 0) return records;
  const r = records[at]!;
  const kind = Math.floor(rnd() * 4);
  let changed: ArticleRecord;
  if (kind === 0) {
    // the grouped quotation says something else: its group loses this variant
    const quotes = r.quotes.map((q) => (q.text === target!.text ? { ...q, text: `Nous n'avons rien à ajouter sur ce point précis, étape ${step} de la série.` } : q));
    changed = { ...r, quotes, manual: [...r.manual, "quotes"] };
  } else if (kind === 1) {
    // another speaker for every quotation of the article
    changed = { ...r, quotes: r.quotes.map((q) => ({ ...q, speakerId: `autre-${step}` })), manual: [...r.manual, "speakers"] };
  } else if (kind === 2) {
    // another id (as uniqueIds or a renamed seed gives): the variants name it
    changed = { ...r, id: `${r.id}-r${step}`, manual: [...r.manual, "id"] };
  } else {
    // the id of another article of its event (linkCorpus does not ask for unique ids; a group takes one variant per id)
    const event = cold(records).events.find((e) => e.articleIds.includes(r.id))!;
    const other = event.articleIds.find((id) => id !== r.id);
    changed = { ...r, id: other ?? r.id, manual: [...r.manual, "id"] };
  }
  return records.map((x, i) => (i === at ? changed : x));
}

test("quotation groups kept in the file give, after random additions, removals and edits, what a cold call gives", () => {
  for (const seed of [1, 2, 3]) {
    const rnd = random(seed);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "revue-groups-")), "link-features.bin");
    const reserve = [...synthetic.slice(100)];
    let records = [...real, ...synthetic.slice(0, 100)];
    const first = new LinkStore(file, "key");
    assert.deepStrictEqual(linkCorpus(structuredClone(records), k, first), cold(records));
    first.commit();
    assert.ok(first.groups.made > 0 && first.groups.kept === 0, "a first build makes every event's groups");
    let kept = 0;
    let made = 0;
    for (let step = 0; step < 10; step++) {
      const what = rnd();
      if (what < 0.3 && reserve.length) records = [...records, reserve.shift()!];
      else if (what < 0.5) {
        // a removal, preferably of an article of a grouped quotation (its event's groups change)
        const ids = new Set(grouped(cold(records)).map((v) => v.articleId));
        const among = records.filter((r) => ids.has(r.id));
        const gone = among[Math.floor(rnd() * among.length)] ?? records[0];
        records = records.filter((r) => r !== gone);
      } else records = edit(records, rnd, step);
      // a new process: the store reads the file the last build wrote
      const store = new LinkStore(file, "key");
      const out = linkCorpus(structuredClone(records), k, store);
      store.commit();
      assert.deepStrictEqual(out, cold(records), `seed ${seed}, step ${step}`);
      kept += store.groups.kept;
      made += store.groups.made;
    }
    assert.ok(kept > 3 * made, `most groups come from the file (${kept} kept, ${made} made)`);
    assert.ok(made > 0, "the changed events' groups are made again");
  }
});

test("an event's kept groups are not given back when an article's id changes and its content does not", () => {
  const records = [...real, ...synthetic.slice(0, 100)];
  const file = path.join(mkdtempSync(path.join(tmpdir(), "revue-groups-")), "link-features.bin");
  const first = new LinkStore(file, "key");
  linkCorpus(structuredClone(records), k, first);
  first.commit();
  // two articles of one quotation group; the second takes the first's id (a group holds one variant per id)
  const group = cold(records).events.flatMap((e) => e.quoteGroups).find((g) => g.variants.length >= 2)!;
  const [a, b] = group.variants.map((v) => v.articleId);
  const renamed = records.map((r) => (r.id === b ? { ...r, id: a! } : r));
  const expected = cold(renamed);
  assert.notDeepEqual(expected.events, cold(records).events, "the renaming changes the events");
  const store = new LinkStore(file, "key");
  assert.deepStrictEqual(linkCorpus(structuredClone(renamed), k, store), expected);
  assert.ok(store.groups.kept > 0, "other events' groups still come from the file");
});

test("the counts of kept and made groups say what served: kept groups that do not fit and are made again count as made", () => {
  const store = new LinkStore(path.join(mkdtempSync(path.join(tmpdir(), "revue-groups-")), "link-features.bin"), "key");
  const rs = real.slice(0, 2);
  const { key } = store.quoteGroups(rs);
  store.keepQuoteGroups(key, [], true); // made: nothing kept yet
  const again = store.quoteGroups(rs);
  assert.deepEqual(again.kept, [], "the groups just made are kept under the same key");
  store.keepQuoteGroups(again.key, [[null, [0, 0]]], true); // the caller found them unfit and made them again
  assert.deepEqual(store.groups, { kept: 0, made: 2 });
  store.keepQuoteGroups(store.quoteGroups(rs).key, [[null, [0, 0]]], false); // served as kept
  assert.deepEqual(store.groups, { kept: 1, made: 2 });
});
