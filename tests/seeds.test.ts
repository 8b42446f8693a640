/**
 * The five bundled seeds, extracted together (as the build does): the corpus stage
 * links the two articles of 30 December 2022 and dates the undated ones.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { loadCorpus } from "../src/corpus.js";
import { ArticleRecord, EventRecord } from "../src/record.js";
import { ROOT } from "./helpers/extract.js";

const corpus = await loadCorpus({ paths: [path.join(ROOT, "seeds")], cacheDir: null });
const rec = (prefix: string) => {
  const r = corpus.records.find((x) => x.source.file.startsWith(prefix));
  assert.ok(r, prefix);
  return r;
};

test("every seed yields a valid record", () => {
  assert.equal(corpus.records.length, 5);
  for (const r of corpus.records) ArticleRecord.parse(r);
  for (const e of corpus.events) EventRecord.parse(e);
});

test("five seeds make four events; the two articles of 30 December 2022 share one", () => {
  assert.equal(corpus.events.length, 4);
  assert.equal(rec("000").eventId, rec("001").eventId);
  const e = corpus.events.find((x) => x.id === rec("000").eventId)!;
  assert.equal(e.date, "2022-12-30");
  assert.deepEqual(e.outletIds.sort(), ["euronews", "la-revue-internationale"]);
  assert.ok(e.quoteGroups.length >= 3, "the same quotations printed by both outlets are grouped");
  const variants = e.quoteGroups.find((g) => g.variants.some((v) => v.text.includes("régions clé")))!;
  assert.equal(variants.variants.length, 2);
  assert.equal(variants.speakerId, "vladimir-poutine");
});

test("dates: explicit from the byline; inferred from the corpus or the calendar, with the reason", () => {
  assert.deepEqual([rec("000").date, rec("000").dateConfidence], ["2022-12-30", "explicit"]);
  assert.deepEqual([rec("001").date, rec("001").dateConfidence, rec("001").via.date], ["2022-12-30", "inferred", "corpus"]);
  assert.match(rec("001").dateEvidence ?? "", /ce vendredi/);
  assert.deepEqual([rec("003").date, rec("003").dateConfidence, rec("003").via.date], ["2023-03-20", "inferred", "calendar"]);
  assert.deepEqual([rec("002").date, rec("004").date], ["2023-11-08", "2024-10-14"]);
});

test("outlets, authors, agencies", () => {
  assert.equal(rec("000").outlet?.name, "La Revue Internationale");
  assert.deepEqual(rec("000").authors, ["Etienne Dhuit"]);
  assert.deepEqual([rec("001").outlet?.name, rec("001").agencies], ["Euronews", ["AFP"]]);
  assert.deepEqual([rec("002").outlet?.name, rec("002").agencies], ["Boursorama", []]);
  assert.equal(rec("003").outlet, null);
});

test("speakers and roles at the article's date", () => {
  const s = rec("002").speakers;
  assert.deepEqual(s.map((x) => x.name).sort(), ["G7", "Sergueï Choïgou", "Vladimir Poutine", "Zhang Youxia"]);
  assert.equal(s.find((x) => x.name === "Sergueï Choïgou")?.role, "ministre russe de la Défense");
  assert.deepEqual(rec("004").speakers.map((x) => x.name), ["Pékin", "Dong Jun"], "«…», selon Pékin: the metonym speaks in the lede");
  assert.equal(rec("003").speakers.length, 0);
});

test("records are deterministic", async () => {
  const again = await loadCorpus({ paths: [path.join(ROOT, "seeds")], cacheDir: null });
  assert.equal(JSON.stringify(again.records), JSON.stringify(corpus.records));
});
