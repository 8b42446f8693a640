// Whole pages copied as text (tests/fixtures/pages): dates, furniture and outlet together.
import { test } from "node:test";
import assert from "node:assert/strict";
import { bodyText, extractFile } from "./helpers/extract.js";

test("Chine Nouvelle (French): 'SOURCE | 19.09.2018 16h42', an ad break, a pasted address and video teasers left out", () => {
  const r = extractFile("tests/fixtures/pages/chinenouvelle-fr.txt");
  assert.equal(r.title, "La Chine et la Russie achèvent leurs manœuvres conjointes en Sibérie");
  assert.equal(r.date, "2018-09-19");
  assert.equal(r.dateConfidence, "explicit");
  const text = bodyText(r);
  assert.match(text, /^Les forces armées chinoises et russes/);
  assert.match(text, /assister à la phase finale des manœuvres\.$/);
  for (const junk of ["publicité", "example.org", "01:02", "Harbin", "Aller à la vidéo", "Lire aussi", "©"]) assert.ok(!text.includes(junk), `${junk} leaked`);
  assert.ok(r.captions.some((c) => c.includes("Li Ming")));
});

test("TASS (English): a yearless '/TASS/' dateline dated by the exercise's code name, TASS the outlet", () => {
  const r = extractFile("tests/fixtures/pages/tass-en.txt");
  assert.equal(r.title, "Russian, Chinese warships start joint drills in Sea of Japan");
  assert.equal(r.date, "2023-07-20");
  assert.equal(r.dateConfidence, "inferred");
  assert.match(r.dateEvidence ?? "", /July 20.*Northern\/Interaction-2023/);
  assert.equal(r.outlet?.name, "TASS");
  const text = bodyText(r);
  assert.match(text, /^VLADIVOSTOK, July 20/);
  assert.match(text, /anti-submarine exercises, it said\.$/);
  assert.ok(!text.includes("Vitaly Ankov"));
  assert.ok(!text.includes("Tags"));
});
