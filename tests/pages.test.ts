/**
 * Pages copied from other outlets' layouts (tests/fixtures/pages/): each checks the
 * furniture, byline and reporting structures that layout brings.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { bodyText, extractFile, speakerOf } from "./helpers/extract.js";

test("Le Monde: standfirst above the byline is the lede; 'Lire aussi |' teasers and tool bars dropped", () => {
  const r = extractFile("tests/fixtures/pages/lemonde.txt");
  assert.equal(r.title, "Xi Jinping et Vladimir Poutine affichent leur « amitié sans limites » à Moscou");
  assert.match(r.lede ?? "", /^Le président chinois, en visite d’Etat/);
  assert.deepEqual([r.date, r.dateConfidence], ["2023-03-20", "explicit"]);
  assert.deepEqual([r.outlet?.name, r.agencies], ["Le Monde", ["AFP"]]);
  const text = bodyText(r);
  for (const junk of ["Lire aussi", "Offrir", "sélections", "Temps de Lecture", "Les plus lus", "séisme", "Contribuer"]) assert.ok(!text.includes(junk), junk);
  assert.equal(speakerOf(r, "Nous avons pris connaissance"), "Vladimir Poutine", "'le chef de l’Etat russe'");
  assert.equal(speakerOf(r, "prête à se tenir"), "Xi Jinping");
  assert.equal(speakerOf(r, "couverture diplomatique"), "John Kirby");
  assert.equal(r.speakers.find((s) => s.name === "Xi Jinping")?.role, "président de la République populaire de Chine");
  assert.ok(!r.mentions.some((m) => m.name.includes("KARPUKHIN")), "a photo credit is not a person");
});

test("France 24: 'Publié le : … - HH:MM', 'Texte par :', a trailing 'Avec AFP'", () => {
  const r = extractFile("tests/fixtures/pages/france24.txt");
  assert.deepEqual([r.date, r.outlet?.name, r.agencies], ["2024-08-05", "France 24", ["AFP"]]);
  assert.equal(r.captions.length, 1);
  assert.ok(!bodyText(r).includes("Avec AFP"));
  assert.equal(speakerOf(r, "patrouilleront ensemble"), "ministère russe de la Défense");
  assert.equal(speakerOf(r, "maintenir la paix"), "Wu Qian");
  assert.equal(speakerOf(r, "Moscou dépend"), "Alexandre Gabouïev");
});

test("RFI: caption credited 'via REUTERS', date after the caption, pronoun continues the speaker", () => {
  const r = extractFile("tests/fixtures/pages/rfi.txt");
  assert.equal(r.date, "2024-10-15");
  assert.match(r.captions[0] ?? "", /via REUTERS/);
  assert.match(r.lede ?? "", /^Le nouveau ministre russe de la Défense/);
  assert.equal(speakerOf(r, "Nous sommes prêts"), "Andreï Belooussov");
  assert.equal(speakerOf(r, "intérêts communs"), "Dong Jun");
});

test("Le Figaro: 'Publié le …, mis à jour le …', audio player and glued 'À lire aussi' dropped", () => {
  const r = extractFile("tests/fixtures/pages/figaro.txt");
  assert.deepEqual([r.date, r.outlet?.name, r.agencies], ["2022-11-30", "Le Figaro", ["AFP"]]);
  const text = bodyText(r);
  for (const junk of ["Écouter", "00:00", "À lire aussi", "rédaction vous conseille", "alliance sans limites"]) assert.ok(!text.includes(junk), junk);
  assert.equal(speakerOf(r, "stricte conformité"), "ministère russe de la Défense", "'il' is the subject of the sentence before");
  assert.equal(speakerOf(r, "démonstration de force"), "Yasukazu Hamada");
});

test("Ouest-France: 'X avec AFP. Publié le …' on one line; caption credited '| SPUTNIK / VIA REUTERS'", () => {
  const r = extractFile("tests/fixtures/pages/ouestfrance.txt");
  assert.deepEqual([r.date, r.outlet?.name, r.agencies], ["2023-03-21", "Ouest-France", ["AFP"]]);
  assert.equal(r.captions.length, 1);
  assert.match(r.lede ?? "", /^Le président russe a reçu/);
  assert.ok(!bodyText(r).includes("Cet article vous a été utile"));
  assert.equal(speakerOf(r, "continuera de se développer"), "Vladimir Poutine", "'le maître du Kremlin'");
  assert.equal(speakerOf(r, "couverture diplomatique"), "Antony Blinken");
});

test("20 Minutes: headline over a standfirst; a quotation in another subject's sentence is not continued", () => {
  const r = extractFile("tests/fixtures/pages/vingtminutes.txt");
  assert.equal(r.title, "Russie et Chine : Pékin promet de « ne jamais abandonner » Moscou");
  assert.match(r.lede ?? "", /^Le ministre chinois des Affaires étrangères s’est entretenu/);
  assert.equal(r.date, "2024-04-01");
  assert.equal(speakerOf(r, "solides comme un roc"), "Wang Yi", "'le chef de la diplomatie chinoise' in April 2024");
  assert.equal(speakerOf(r, "équilibrée"), "Sergueï Lavrov");
  assert.ok(!bodyText(r).includes("ridicule"));
});

test("Libération: an unnamed spokesperson stays unattributed; a capital speaks as a metonym", () => {
  const r = extractFile("tests/fixtures/pages/libe.txt");
  assert.deepEqual([r.date, r.outlet?.name, r.agencies], ["2023-07-22", "Libération", ["AFP"]]);
  assert.equal(speakerOf(r, "sauvegarder la sécurité"), "ministère chinois de la Défense");
  assert.equal(speakerOf(r, "dix navires"), null, "'un porte-parole de la marine russe' names nobody");
  assert.equal(speakerOf(r, "menace sérieuse"), "Tokyo");
});

test("AP (English): dateline agency, '… told reporters', copyright line as outlet", () => {
  const r = extractFile("tests/fixtures/pages/ap-en.txt");
  assert.equal(r.language, "en");
  assert.deepEqual([r.date, r.outlet?.name, r.agencies, r.authors], ["2023-07-22", "Associated Press", ["AP"], []], "'By AP Staff' names no author");
  assert.equal(speakerOf(r, "great concern"), "Hirokazu Matsuno");
  assert.equal(speakerOf(r, "continue to monitor"), "Hirokazu Matsuno");
  assert.ok(!bodyText(r).includes("Copyright"));
});

test("Reuters (English): dateline opening with the date, family name first ('Dong said'), wire credits dropped", () => {
  const r = extractFile("tests/fixtures/pages/reuters-en.txt");
  assert.deepEqual([r.language, r.date, r.dateConfidence, r.agencies], ["en", "2024-10-14", "explicit", ["Reuters"]]);
  assert.deepEqual(r.authors, ["Laurie Chen", "Guy Faulconbridge"]);
  assert.equal(speakerOf(r, "withstood tests"), "Dong Jun");
  assert.equal(r.quotes.find((q) => q.text.includes("withstood tests"))?.cue, "said");
  assert.equal(speakerOf(r, "unprecedented level"), "Andrei Belousov", "English copy keeps its spelling of a registry name");
  for (const junk of ["Reporting by", "Our Standards"]) assert.ok(!bodyText(r).includes(junk), junk);
});

test("Le Point: 'Par Le Point.fr (avec AFP)'; the subscription call ends the text", () => {
  const r = extractFile("tests/fixtures/pages/lepoint.txt");
  assert.deepEqual([r.date, r.outlet?.name, r.agencies], ["2023-04-16", "Le Point", ["AFP"]]);
  assert.match(r.lede ?? "", /^Le ministre russe de la Défense a reçu/);
  assert.match(bodyText(r), /selon le ministère russe\.$/);
  assert.equal(speakerOf(r, "sans précédent"), "Sergueï Choïgou");
  assert.equal(speakerOf(r, "travailler avec la partie russe"), "Li Shangfu");
  assert.equal(speakerOf(r, "dans tous les domaines"), "Li Shangfu");
});

test("Courrier international: a headline with a kicker ('Vu de Chine. …'), a source line kept out", () => {
  const r = extractFile("tests/fixtures/pages/courrier.txt");
  assert.equal(r.title, "Vu de Chine. Pékin et Moscou, « une amitié plus solide qu'un roc »");
  assert.deepEqual([r.date, r.outlet?.name], ["2023-03-22", "Courrier international"]);
  const text = bodyText(r);
  for (const junk of ["Global Times - Pékin", "www.globaltimes.cn"]) assert.ok(!text.includes(junk), junk);
  assert.equal(speakerOf(r, "ne comprennent pas"), "Wang Yiwei");
  assert.equal(speakerOf(r, "ne fournit pas d'armes"), "Wang Yiwei");
});
