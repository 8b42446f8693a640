import { test } from "node:test";
import assert from "node:assert/strict";
import { extractFile, speakerOf } from "./helpers/extract.js";

test("English wire copy: language, dateline, byline and English reporting structures", () => {
  const r = extractFile("tests/fixtures/english-wire.txt");
  assert.equal(r.language, "en");
  assert.equal(r.title, "Russia and China pledge closer military ties as Putin meets top general");
  assert.equal(r.date, "2023-11-08");
  assert.deepEqual(r.authors, ["Jane Smith"]);
  assert.deepEqual(r.agencies, ["Reuters"]);
  assert.equal(speakerOf(r, "increasingly important"), "Vladimir Putin", "registry people keep their English spelling in English copy");
  assert.equal(r.speakers.find((s) => s.name === "Vladimir Putin")?.id, "vladimir-poutine", "…and the same id as in French articles");
  assert.equal(speakerOf(r, "Our contacts"), "Vladimir Putin", "'Putin told X': the subject, not the addressee");
  assert.equal(speakerOf(r, "not building a military alliance"), "Vladimir Putin", "'he added' continues the speaker");
  assert.equal(speakerOf(r, "not creating a bloc"), "Sergei Shoigu", "'said Russian Defence Minister Sergei Shoigu'");
  assert.equal(speakerOf(r, "talks were constructive"), "Kremlin", "'According to the Kremlin'");
  assert.ok(!r.quotes.some((q) => q.text.endsWith(",")), "the comma inside English quotes is not part of the quotation");
  assert.ok(!r.body.some((b) => typeof b === "string" && b.includes("Related stories")));
});

test("language: French, English, and other languages through franc", async () => {
  const { detectLanguage } = await import("../src/extract/record.js");
  assert.equal(detectLanguage("Le président russe a déclaré que la coopération avec la Chine était importante pour les deux pays."), "fr");
  assert.equal(detectLanguage("The Russian president said that cooperation with China was important for both countries."), "en");
  assert.equal(detectLanguage("Der russische Präsident sagte, dass die Zusammenarbeit mit China für beide Länder sehr wichtig sei und weiter ausgebaut werde."), "de");
  assert.equal(detectLanguage("123 456"), "und");
});

test("English possessives: \"Putin's spokesman Dmitry Peskov\"", async () => {
  const { extractText, speakerOf } = await import("./helpers/extract.js");
  const r = extractText('Kremlin hails China ties\nBy Ann Lee\nPublished March 21, 2023\n"Relations have never been better," Putin\'s spokesman Dmitry Peskov told reporters on Tuesday in Moscow.');
  assert.equal(speakerOf(r, "never been better"), "Dmitry Peskov");
  assert.ok(r.mentions.some((m) => m.name === "Vladimir Putin"));
});
