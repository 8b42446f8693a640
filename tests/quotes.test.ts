import { test } from "node:test";
import assert from "node:assert/strict";
import { findQuoteSpans } from "../src/extract/spans.js";
import { articleWith, extractText, speakerOf } from "./helpers/extract.js";

const art = (...paras: string[]) => articleWith("05/09/2024", ...paras);

test("quotation marks: « », “ ”, straight quotes; a lone » is not a quotation", () => {
  assert.deepEqual(findQuoteSpans("Il a dit « oui » puis “non” et \"peut-être\".").map((s) => s.text), ["oui", "non", "peut-être"]);
  assert.deepEqual(findQuoteSpans("Lire la suite »"), []);
  assert.deepEqual(findQuoteSpans("l'amitié d'aujourd'hui"), []);
  assert.deepEqual(findQuoteSpans("« citation « imbriquée » fin »").length, 1);
});

test("unbalanced marks in large numbers stay linear and yield nothing spurious", () => {
  const text = "«".repeat(50_000) + " texte " + '"'.repeat(50_001);
  const spans = findQuoteSpans(text);
  assert.ok(spans.every((s) => /\p{L}/u.test(s.text)));
});

test("speech verbs after the quotation, inverted or not", () => {
  const r = art(
    "« Nous sommes prêts », a martelé le ministre chinois de la Défense, Dong Jun, lors d'une conférence de presse.",
    "« La situation est grave », estime-t-il encore, en appelant au calme les deux parties au conflit.",
    "« Rien n'est décidé », a tranché vendredi à Moscou Dmitri Peskov, le porte-parole du Kremlin.",
  );
  assert.equal(speakerOf(r, "Nous sommes prêts"), "Dong Jun");
  assert.equal(speakerOf(r, "La situation est grave"), "Dong Jun");
  assert.equal(speakerOf(r, "Rien n'est décidé"), "Dmitri Peskov");
});

test("speech verb before: 'X a estimé que « … »', participles and 'selon'", () => {
  const r = art(
    "Maria Zakharova a dénoncé jeudi des « provocations » occidentales, jugeant que l'Otan voulait « étendre son influence » en Asie.",
    "Selon Li Qiang, la coopération doit « s'approfondir encore ».",
    "Les deux pays doivent « rester unis », d'après le ministère chinois des Affaires étrangères.",
  );
  assert.equal(speakerOf(r, "provocations"), "Maria Zakharova");
  assert.equal(speakerOf(r, "étendre son influence"), "Maria Zakharova");
  assert.equal(speakerOf(r, "s'approfondir"), "Li Qiang");
  assert.equal(speakerOf(r, "rester unis"), "ministère chinois des Affaires étrangères");
});

test("pronouns and unattributed follow-up quotations continue the last speaker", () => {
  const r = art(
    "« Le monde change », a déclaré Xi Jinping à son arrivée à Moscou lundi soir.",
    "« Nous devons avancer ensemble. » Selon lui, l'amitié entre les deux pays est « éternelle ».",
  );
  assert.equal(speakerOf(r, "Nous devons avancer"), "Xi Jinping");
  assert.equal(speakerOf(r, "éternelle"), "Xi Jinping");
});

test("a quotation with no reporting structure stays unattributed", () => {
  const r = art("Les deux dirigeants se sont souvent rencontrés pour afficher une « amitié sans limite » entre leurs pays depuis 2022.");
  assert.equal(r.quotes.length, 1);
  assert.equal(r.quotes[0].speakerId, null);
  assert.equal(r.quotes[0].fragment, true);
});

test("the same quotation in the title and the body is one quote, attributed", () => {
  const r = extractText(
    "Pékin et Moscou doivent \"rester unis\", estime le ministre chinois de la Défense\nPar Paul Roux, publié le 14/10/2024\nLes armées doivent \"rester unis\", a déclaré lundi le ministre chinois de la Défense, Dong Jun, à son homologue russe.",
  );
  assert.equal(r.quotes.filter((q) => q.text === "rester unis").length, 1);
  assert.equal(speakerOf(r, "rester unis"), "Dong Jun");
});

test("fragments are marked: a few words inside a sentence", () => {
  const r = art("« La coopération militaire entre nos deux pays atteint un niveau inédit », a affirmé Vladimir Poutine, saluant des liens « très solides ».");
  assert.equal(r.quotes.find((q) => q.text.startsWith("La coopération"))?.fragment, false);
  assert.equal(r.quotes.find((q) => q.text === "très solides")?.fragment, true);
  assert.equal(r.quotes.find((q) => q.text.startsWith("La coopération"))?.cue, "a affirmé");
});

test("verbs that report speech only after a quotation; 'Pour X, « … »'; a colon lead-in", () => {
  const r = art(
    "« Nous ne céderons pas », lance le porte-parole du Kremlin, Dmitri Peskov, devant la presse.",
    "Pour Mao Ning, « la coopération ne vise personne ».",
    "Vladimir Poutine a été clair : « La Russie ne reculera pas ».",
    "Moscou lance une offensive diplomatique et note une « évolution positive » sans en dire plus.",
  );
  assert.equal(speakerOf(r, "Nous ne céderons pas"), "Dmitri Peskov");
  assert.equal(speakerOf(r, "ne vise personne"), "Mao Ning");
  assert.equal(speakerOf(r, "ne reculera pas"), "Vladimir Poutine");
  assert.notEqual(speakerOf(r, "évolution positive"), "Dmitri Peskov", "'note' before a quotation is not a speech verb here, and the subject differs");
});

test("a pronoun agrees in gender with the person it stands for", () => {
  const r = art(
    "« Le dialogue continue », a déclaré Sergueï Lavrov après sa rencontre avec Maria Zakharova.",
    "« Nous n'accepterons aucun ultimatum », a-t-elle ajouté un peu plus tard dans la journée.",
  );
  assert.equal(speakerOf(r, "aucun ultimatum"), "Maria Zakharova");
});

test("documents speak for their author; a headline that names the speaker after a colon", () => {
  const r = art(
    "Les deux armées sont « prêtes à agir ensemble », selon un communiqué du ministère russe de la Défense.",
    "« Nous ne reculerons pas » : le Kremlin répond aux accusations occidentales sur son soutien militaire.",
  );
  assert.equal(speakerOf(r, "prêtes à agir ensemble"), "ministère russe de la Défense");
  assert.equal(speakerOf(r, "Nous ne reculerons pas"), "Kremlin");
  const en = extractText('Russia and China hold drills\nBy Ann Lee\n"The drills are routine and target no one," according to a statement from the Kremlin released on Monday evening.', "en.txt");
  assert.equal(speakerOf(en, "drills are routine"), "Kremlin");
});
