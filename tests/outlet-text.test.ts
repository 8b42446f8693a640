// The outlet named by copied page text itself: house-style datelines, interview turns,
// "information fournie par AGENCY", photo credits that name no outlet.
import { test } from "node:test";
import assert from "node:assert/strict";
import { extractText } from "./helpers/extract.js";

const P = "The two navies will hold live-fire and rescue drills over several days, the defence ministry said in a statement on its website.";
const PF = "Les deux marines mèneront des exercices de tir et de sauvetage pendant plusieurs jours, a indiqué le ministère de la Défense.";

test("a dateline with the credit between slashes is the agency's own site", () => {
  const r = extractText(["Russian and Chinese warships begin joint patrol in the Pacific", "", "VLADIVOSTOK, March 3. /TASS/. Russian and Chinese warships began a joint patrol in the Pacific, the Eastern Military District said.", P].join("\n"));
  assert.equal(r.outlet?.name, "TASS");
  assert.equal(r.via.outlet, "text");
  // a wire dateline in brackets is a reprint: the agency wrote the text, the site is unknown
  const reprint = extractText(["Russian and Chinese warships begin joint patrol in the Pacific", "", "BEIJING (Reuters) - Russian and Chinese warships began a joint patrol in the Pacific, the Chinese defence ministry said.", P].join("\n"));
  assert.equal(reprint.outlet, null);
  assert.deepEqual(reprint.agencies, ["Reuters"]);
});

test("interview turns opening with a known outlet's name credit that outlet; a person's name does not", () => {
  const lines = (who: string) =>
    [
      "« Moscou a besoin de Pékin plus que l'inverse »",
      "",
      "Chercheuse à l'Ifri, Marie Durand est spécialiste de la politique étrangère russe et auteure de plusieurs ouvrages.",
      `${who} : Comment analysez-vous le rapprochement entre les deux armées depuis 2022 ?`,
      "Marie Durand : Il est réel mais déséquilibré, la Russie dépend de plus en plus de la Chine pour ses composants.",
    ].join("\n");
  assert.equal(extractText(lines("Le Point")).outlet?.name, "Le Point");
  assert.equal(extractText(lines("Marianne")).outlet?.name, "Marianne");
  assert.equal(extractText(lines("Jean Martin")).outlet, null);
});

test("'information fournie par' an agency credits the agency, not an outlet", () => {
  const r = extractText(["Exercices aériens conjoints de Pékin et Moscou au-dessus du Pacifique", "information fournie par AFP 12/06/2023 à 08:15", "", PF, PF.replace("plusieurs", "trois")].join("\n"));
  assert.equal(r.outlet, null);
  assert.deepEqual(r.agencies, ["AFP"]);
  assert.equal(r.date, "2023-06-12");
});

test("an outlet of data/outlets.yaml printed alone in the page header", () => {
  const r = extractText(["Global Times", "China, Russia start joint naval exercise in the Sea of Japan", "Published: Aug 02, 2025 09:40 PM", "", P, P.replace("several", "five")].join("\n"));
  assert.equal(r.outlet?.name, "Global Times");
  assert.equal(r.date, "2025-08-02");
});

test("a photo credit printed with © above the headline names no outlet", () => {
  const r = extractText(["© Wang Lei/Xinhua via Getty Images", "China, Russia start joint naval exercise in the Sea of Japan", "", P, P.replace("several", "five")].join("\n"));
  assert.equal(r.outlet, null);
});
