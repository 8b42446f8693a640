/**
 * The corpus stage on small made-up corpora: events, inferred dates, stability.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { linkCorpus } from "../src/pipeline.js";
import { extractText } from "./helpers/extract.js";

const dated = (file: string, date: string, ...paras: string[]) =>
  extractText(["Un titre d'article assez long pour être un titre", `Par Paul Roux, publié le ${date}`, ...paras].join("\n"), file);
const undated = (file: string, ...paras: string[]) => extractText(["Un titre d'article assez long pour être un titre", ...paras].join("\n"), file);

const Q1 = "« Nos deux armées doivent approfondir leur coopération stratégique dans tous les domaines », a déclaré Dong Jun.";
const Q2 = "« La Russie et la Chine ne forment pas une alliance dirigée contre des pays tiers », a ajouté le ministre chinois.";

test("a day and month without a year, plus the calendar's people, date an article", () => {
  const r = undated("a.txt", "Andreï Belooussov a été reçu lundi 14 octobre à Pékin par son homologue Dong Jun, qui a salué des relations « au plus haut ».");
  const { records } = linkCorpus([r]);
  assert.deepEqual([records[0].date, records[0].dateConfidence, records[0].via.date], ["2024-10-14", "inferred", "calendar"]);
  assert.match(records[0].dateEvidence ?? "", /lundi 14 octobre/);
});

test("an undated article takes the date of the article it shares quotations with, when its weekday fits", () => {
  const a = dated("a.txt", "14/10/2024", "Le ministre chinois de la Défense Dong Jun a reçu son homologue russe.", Q1, Q2);
  const b = undated("b.txt", "Dong Jun a reçu ce lundi son homologue russe à Pékin, selon la télévision d'Etat.", Q1, Q2);
  const c = undated("c.txt", "Dong Jun a reçu ce mardi son homologue russe à Pékin, selon la télévision d'Etat.", Q1, Q2);
  const { records, events } = linkCorpus([a, b, c]);
  assert.equal(records[1].date, "2024-10-14");
  assert.equal(records[1].via.date, "corpus");
  assert.equal(records[2].date, null, "14 October 2024 was a Monday, not a Tuesday: no date rather than a wrong one");
  assert.equal(new Set(records.map((r) => r.eventId)).size, 1);
  assert.equal(events.length, 1);
  assert.ok(events[0].quoteGroups.some((g) => g.variants.length === 3));
});

test("the same people and quotations a year apart make two events", () => {
  const a = dated("a.txt", "14/10/2024", Q1, Q2);
  const b = dated("b.txt", "14/10/2025", Q1, Q2);
  const { events } = linkCorpus([a, b]);
  assert.equal(events.length, 2);
});

test("an undated article joins one event only, never bridging two", () => {
  const a = dated("a.txt", "14/10/2024", Q1, Q2);
  const b = dated("b.txt", "14/10/2025", Q1, Q2);
  const u = undated("u.txt", Q1, Q2);
  const { records, events } = linkCorpus([a, b, u]);
  assert.equal(events.length, 2);
  assert.notEqual(records[0].eventId, records[1].eventId);
  assert.ok([records[0].eventId, records[1].eventId].includes(records[2].eventId));
});

test("event ids are stable when an unrelated article is added", () => {
  const a = dated("a.txt", "14/10/2024", Q1, Q2);
  const before = linkCorpus([a]).events.map((e) => e.id);
  const other = dated("z.txt", "01/02/2023", "« Un tout autre sujet de discussion entre les deux pays voisins », a dit Xi Jinping.");
  const after = linkCorpus([a, other]).events.map((e) => e.id);
  assert.ok(before.every((id) => after.includes(id)));
});
