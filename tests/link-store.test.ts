/**
 * The link features file (src/link-store.ts): what event linking read of each record, kept between
 * processes. What linkCorpus returns must not depend on it: features read back give what a cold call
 * gives — also after records are added, edited (by a sidecar: the same seed, other fields) or removed,
 * and a file damaged or of another key is not used.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { linkCorpus } from "../src/pipeline.js";
import { defaultKnowledge } from "../src/extract/knowledge.js";
import { LinkStore } from "../src/link-store.js";
import { WRITE_SLACK } from "../src/cache-write.js";
import type { ArticleRecord } from "../src/record.js";
import { extractLinkCorpus, extractText } from "./helpers/extract.js";

const corpus: ArticleRecord[] = extractLinkCorpus();
const k = defaultKnowledge();
/** What a process without the file returns (copies: nothing remembered per object either). */
const cold = (records: ArticleRecord[]) => linkCorpus(structuredClone(records), k);
/** A store of a new process on `file` (what it reads is the file's). */
const reopen = (file: string, key = "key") => new LinkStore(file, key);
const tmpFile = () => path.join(mkdtempSync(path.join(tmpdir(), "revue-links-")), "link-features.bin");

/** One build: link with the store, then write what it used (as src/corpus.ts does). */
function build(store: LinkStore, records: ArticleRecord[]) {
  const out = linkCorpus(structuredClone(records), k, store);
  store.commit();
  return out;
}

test("the fixtures exercise what the file keeps (the comparisons below are about something)", () => {
  const { records, events } = cold(corpus);
  assert.ok(events.some((e) => e.links.some((l) => l.rule === "quotation")), "a quotation link");
  assert.ok(records.some((r) => r.via.date === "corpus" || r.via.date === "calendar"), "a date learnt from day clues");
});

test("features read back from the file link as a cold call does", () => {
  const file = tmpFile();
  const first = reopen(file);
  assert.deepStrictEqual(build(first, corpus), cold(corpus));
  assert.deepStrictEqual(first.last, { memo: 0, kept: 0, read: corpus.length });
  const again = reopen(file);
  assert.deepStrictEqual(build(again, corpus), cold(corpus));
  assert.deepStrictEqual(again.last, { memo: 0, kept: corpus.length, read: 0 }, "every record's features from the file");
});

test("after records are added, removed or changed by a sidecar, the file's features link as a cold call does", () => {
  const file = tmpFile();
  build(reopen(file), corpus);
  const added = extractText(
    ["Dong Jun reçoit son homologue russe à Pékin", "Par Paul Roux, publié le 14/10/2024", "« Nos deux armées doivent approfondir leur coopération stratégique dans tous les domaines », a déclaré Dong Jun."].join("\n"),
    "extra.txt",
  );
  const store = reopen(file);
  assert.deepStrictEqual(build(store, [...corpus.slice(2), added]), cold([...corpus.slice(2), added]));
  assert.deepStrictEqual(store.last, { memo: 0, kept: corpus.length - 2, read: 1 });
  // a sidecar changes a record's fields, not its seed: the same seed's features are not taken for it
  // (its quotations kept: only the text changes)
  const edited = corpus.map((r, i) => (i % 5 === 0 ? { ...r, title: `Un tout autre titre ${i}`, lede: null, body: ["Rien d'autre ici."], manual: ["title"] } : r));
  const after = reopen(file);
  const result = build(after, edited);
  assert.notDeepEqual(result.events, cold(corpus).events, "the edits change the events");
  assert.deepStrictEqual(result, cold(edited));
  assert.equal(after.last.read, edited.filter((_, i) => i % 5 === 0).length, "the edited records are read again");
});

test("a damaged file, or one of another key or glossary, is not used", () => {
  const file = tmpFile();
  build(reopen(file), corpus);
  const other = reopen(file, "another key");
  assert.deepStrictEqual(build(other, corpus), cold(corpus));
  assert.equal(other.last.kept, 0);
  // the file was written again with the other key: write one of this key, then damage its last byte
  build(reopen(file), corpus);
  const bytes = readFileSync(file);
  bytes[bytes.length - 1] ^= 1;
  writeFileSync(file, bytes);
  const damaged = reopen(file);
  assert.deepStrictEqual(build(damaged, corpus), cold(corpus));
  assert.equal(damaged.last.kept, 0);
  // another glossary (data/ elsewhere): the file's features were read with another
  build(reopen(file), corpus);
  const bare = { ...k, concepts: k.concepts.slice(1) };
  const store = reopen(file);
  assert.deepStrictEqual(linkCorpus(structuredClone(corpus), bare, store), linkCorpus(structuredClone(corpus), bare));
  assert.equal(store.last.kept, 0);
  // and a store serves one glossary: a call with another one goes without it
  assert.deepStrictEqual(linkCorpus(structuredClone(corpus), k, store), cold(corpus));
  assert.deepStrictEqual(store.last, { memo: 0, kept: 0, read: 0 });
});

test("the file is written again only when more than WRITE_SLACK of its entries are out of date", () => {
  const file = tmpFile();
  build(reopen(file), corpus);
  const written = () => { const s = statSync(file, { bigint: true }); return `${s.ino}:${s.mtimeNs}`; };
  const first = written();
  build(reopen(file), corpus.slice(WRITE_SLACK));
  assert.equal(written(), first, `${WRITE_SLACK} records gone: not written`);
  build(reopen(file), corpus.slice(WRITE_SLACK + 1));
  assert.notEqual(written(), first, `${WRITE_SLACK + 1} records gone: written`);
  const store = reopen(file);
  build(store, corpus.slice(WRITE_SLACK + 1));
  assert.equal(store.last.read, 0, "what it holds now is what the last build used");
});

test("calendar matches are kept with the features, and given back for the same calendar only", () => {
  // an undated article that prints its day and names the people of a calendar entry
  const entry = k.calendar.find((e) => e.people.length > 0 && e.keywords.length === 0 && !e.end)!;
  assert.ok(entry, "a calendar entry with people and no keywords");
  const [y, m, d] = entry.date.split("-").map(Number);
  const day = new Date(Date.UTC(y!, m! - 1, d!));
  const weekday = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"][day.getUTCDay()];
  const months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
  const undated = extractText(
    [`${entry.people.join(" et ")} se sont rencontrés`, `Les deux responsables se sont vus ce ${weekday} ${d} ${months[m! - 1]}, ont indiqué ${entry.people.join(" et ")}.`].join("\n"),
    "undated-calendar.txt",
  );
  const records = [...corpus, undated];
  const coldOut = cold(records);
  assert.equal(coldOut.records.at(-1)!.via.date, "calendar", "the article is dated by the calendar");
  const file = tmpFile();
  build(reopen(file), records);
  const again = reopen(file);
  again.vocabulary(k.concepts);
  again.useCalendar(k.calendar);
  const kept = records.map((r) => again.take(structuredClone(r), [], again.vocabulary(k.concepts)!, k.concepts)?.calendar ?? null);
  assert.ok(kept.some((c) => c && c.of === k.calendar && c.matches.length > 0), "matches given back");
  assert.deepStrictEqual(build(reopen(file), records), coldOut, "and the same result as a cold call");
  // another calendar (one entry's label changed): none given back, the result is the cold call's for it
  const k2 = { ...k, calendar: k.calendar.map((e) => (e === entry ? { ...e, label: `${e.label} (bis)` } : e)) };
  const other = reopen(file);
  other.vocabulary(k2.concepts);
  other.useCalendar(k2.calendar);
  assert.ok(records.every((r) => other.take(structuredClone(r), [], other.vocabulary(k2.concepts)!, k2.concepts)?.calendar == null));
  const withStore = linkCorpus(structuredClone(records), k2, reopen(file));
  assert.deepStrictEqual(withStore, linkCorpus(structuredClone(records), k2));
});
