import { test } from "node:test";
import assert from "node:assert/strict";
import { findQuoteSpans, isDesignation, openTail } from "../src/extract/spans.js";
import { articleWith, extractText, speakerOf } from "./helpers/extract.js";

test("''…'' marks, alone or closing a straight quote, are quotation marks", () => {
  assert.deepEqual(findQuoteSpans("''Nous ne cherchons aucun bloc,'' a-t-il ajouté.").map((s) => s.text), ["Nous ne cherchons aucun bloc,"]);
  assert.deepEqual(findQuoteSpans("\"La Norvège participe aussi à des exercices,'' a dit M. Berg.").map((s) => s.text), ["La Norvège participe aussi à des exercices,"]);
  assert.deepEqual(findQuoteSpans("l'aujourd''hui"), []);
});

test("names in quotation marks are not quotations: exercises, formats, titles of works", () => {
  const d = (inner: string, before: string, after = "") => isDesignation(inner, before, after);
  assert.ok(d("Zapad-2021", "les manœuvres "), "an exercise with a year");
  assert.ok(d("Vostok 2018", "", " a réuni 300 000 soldats"), "a capitalized name ending in a year");
  assert.ok(d("Northern/Interaction-2023", "to participate in ", " drills in the"));
  assert.ok(d("Aukus", "connus sous le nom de "), "a name introduced as such");
  assert.ok(d("defending the sea lanes together", "the drills are themed "));
  assert.ok(d("Pacific Shield", "les exercices ", " se tiendront"), "an exercise name, all capitalized");
  assert.ok(d("Ocean Guard", "[", ", en anglais]"), "a translation in brackets");
  assert.ok(d("Le Capital", "dans son livre "), "a title of a work");
  assert.ok(!d("Nous ne menaçons personne", "a déclaré le ministre : "));
  assert.ok(!d("provocations", "a dénoncé des "));
  assert.ok(!d("La coopération ne vise personne", "Pour Mao Ning, "));
});

test("a quotation over two paragraphs (« opens each, » closes the last) is one quotation", () => {
  const r = articleWith(
    "12/03/2024",
    "Le vice-amiral Piotr Sokolov a tenu à rassurer les voisins : « Ces patrouilles suivent un plan annuel.",
    "« Elles ne visent aucun pays tiers et se dérouleront dans les eaux internationales », a-t-il conclu.",
  );
  const q = r.quotes.find((x) => x.text.startsWith("Ces patrouilles"));
  assert.equal(q?.text, "Ces patrouilles suivent un plan annuel.\n\nElles ne visent aucun pays tiers et se dérouleront dans les eaux internationales");
  assert.equal(speakerOf(r, "Ces patrouilles"), "Piotr Sokolov");
  assert.equal(r.quotes.length, 1);
});

test("English: a quotation over two paragraphs whose second paragraph lost its opening mark", () => {
  const r = extractText(
    'Navies meet\nBy Ann Lee\nPublished March 2, 2024\n"The fleets carried out joint manoeuvres in the Pacific and practised search and rescue.\n\nThey agreed to hold the next round of drills in the autumn near the coast," the ministry said in a statement.',
    "en.txt",
  );
  assert.ok(r.quotes.some((q) => q.text.startsWith("The fleets") && q.text.includes("\n\nThey agreed")), JSON.stringify(r.quotes));
  assert.equal(openTail('He said "we will', []), 8);
  assert.equal(openTail('the end," the ministry said', []), -1, "a closing quote followed by a space opens nothing");
});
