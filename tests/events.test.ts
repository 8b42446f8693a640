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

// ---- issue 8: linking rules, each with the case that motivated it (other names, outlets, dates) ----

/** Articles with their own headline (a shared headline would be shared key terms). */
const on = (file: string, title: string, date: string | null, ...paras: string[]) =>
  extractText([title, ...(date ? [`Par Léa Martin, publié le ${date}`] : []), ...paras].join("\n"), file);

test("a printed day and month binds: a calendar entry on another day of the same weekday does not date the article", () => {
  // data/events.yaml has Poutine and Xi on Monday 20 March 2023 (no keyword): "lundi" alone would fit it
  const r = undated(
    "k.txt",
    "Le Kremlin a dénoncé lundi 9 octobre les propos de Vladimir Poutine et de Xi Jinping rapportés par la presse.",
    "Lundi, un porte-parole a ajouté que « cette lecture des relations entre les deux pays est erronée ».",
  );
  const { records } = linkCorpus([r]);
  assert.equal(records[0].date, null, "9 October is printed: no calendar day other than a 9 October may date it");
});

const SUMMIT = (file: string, date: string, lead: string) =>
  on(
    file,
    file === "a.txt" ? "Moscou et Pékin affichent leur entente au forum de l'Asean" : "Diplomatie : le tête-à-tête russo-chinois de Vientiane",
    date,
    `${lead} Sergueï Lavrov et Wang Yi se sont entretenus à Vientiane en marge du forum régional de l'Asean, consacré à la sécurité en Asie du Sud-Est.`,
    "Les deux ministres ont évoqué la péninsule coréenne, la mer de Chine méridionale et les sanctions occidentales.",
  );

test("the same day, the same people and the same key terms make one event without a shared quotation, and the link says why", () => {
  const a = SUMMIT("a.txt", "27/07/2023", "Entretien à Vientiane.");
  const b = SUMMIT("b.txt", "28/07/2023", "Rencontre au forum.");
  const { records, events } = linkCorpus([a, b]);
  assert.equal(records[0].eventId, records[1].eventId);
  const e = events.find((x) => x.id === records[0].eventId)!;
  assert.equal(e.links.length, 1);
  assert.equal(e.links[0].rule, "same-day");
  assert.match(e.links[0].detail, /Sergueï Lavrov/);
  assert.match(e.links[0].detail, /asean/);
});

test("the same people and key terms three days apart are two events", () => {
  const a = SUMMIT("a.txt", "24/07/2023", "Entretien à Vientiane.");
  const b = SUMMIT("b.txt", "27/07/2023", "Rencontre au forum.");
  const { records } = linkCorpus([a, b]);
  assert.notEqual(records[0].eventId, records[1].eventId);
});

test("the same day and the same people but other subjects are two events", () => {
  const a = on("a.txt", "Accord gazier entre Moscou et Pékin", "12/03/2024", "Sergueï Lavrov et Wang Yi ont signé un accord portant sur un gazoduc sibérien.");
  const b = on("b.txt", "Soudan : appel au cessez-le-feu", "12/03/2024", "Sergueï Lavrov a critiqué l'élargissement de l'Otan ; Wang Yi a appelé à une trêve au Soudan.");
  const { records } = linkCorpus([a, b]);
  assert.notEqual(records[0].eventId, records[1].eventId);
});

const FORMULA = "« approfondir le partenariat stratégique global de coordination »";

test("a short official formula repeated at every exercise does not join two undated articles", () => {
  const a = on("a.txt", "Manœuvres navales au large de Qingdao", null, `La marine chinoise a entamé des manœuvres au large de Qingdao, qui visent à ${FORMULA}, a indiqué le ministère.`);
  const b = on("b.txt", "Patrouille de bombardiers en mer de Béring", null, `Des bombardiers ont survolé la mer de Béring lors d'une patrouille qui doit ${FORMULA}, selon le ministère.`);
  const { records, events } = linkCorpus([a, b]);
  assert.notEqual(records[0].eventId, records[1].eventId);
  assert.equal(events.length, 2);
});

test("the same short quotation plus the same facts in the same words join two undated articles, and the link lists the terms", () => {
  const facts = "Des frégates, un destroyer lance-missiles et des hélicoptères embarqués ont quitté Vladivostok pour des manœuvres au large de Qingdao, baptisées Bouclier du Pacifique, avec tirs d'artillerie navale et ravitaillement en haute mer.";
  const a = on("a.txt", "La flotte russe en route vers la Chine", null, facts, `Ces manœuvres doivent ${FORMULA}, a indiqué le ministère chinois.`);
  const b = on("b.txt", "Exercices conjoints en mer Jaune", null, facts.replace("Des frégates", "Trois frégates"), `Elles visent à ${FORMULA}, selon Pékin.`);
  const { records, events } = linkCorpus([a, b]);
  assert.equal(records[0].eventId, records[1].eventId);
  const e = events.find((x) => x.id === records[0].eventId)!;
  assert.equal(e.links[0].rule, "quotation");
  assert.match(e.links[0].detail, /mêmes termes \(.*bouclier/);
});

test("an undated article printing the quotations of two events of the same day joins one of them, never bridging them", () => {
  const Q3 = "« Nous ne laisserons personne menacer la navigation commerciale dans le détroit », a averti Mao Ning.";
  const a = dated("a.txt", "05/06/2024", "Pékin a accueilli les ministres des Finances des Brics.", Q1, Q2);
  const b = dated("b.txt", "05/06/2024", "La porte-parole a commenté le passage d'un navire américain dans le détroit de Taïwan.", Q3);
  const u = undated("u.txt", "Revue de la semaine.", Q1, Q2, Q3);
  const { records } = linkCorpus([a, b, u]);
  assert.notEqual(records[0].eventId, records[1].eventId);
  assert.ok([records[0].eventId, records[1].eventId].includes(records[2].eventId));
});

test("an undated article sharing a short quotation with a dated one joins it when the day it prints fits that date", () => {
  const Q = "« une coopération militaire sans précédent historique »";
  const a = on("a.txt", "Visite du ministre à Minsk", "02/04/2025", `Le ministre a salué ${Q} lors de sa visite.`);
  const fits = on("b.txt", "Le ministre à Minsk", null, `Il a salué ce mercredi ${Q}.`);
  const other = on("c.txt", "Entretien à Minsk", null, `Il a salué ce jeudi ${Q}.`);
  const { records } = linkCorpus([a, fits, other]);
  assert.equal(records[1].eventId, records[0].eventId, "2 April 2025 was a Wednesday");
  assert.notEqual(records[2].eventId, records[0].eventId, "…not a Thursday: a short quotation alone is not enough");
});

test("an undated French article and a dated English one naming five of the same facts, on a day the French one prints, are one event; with no fitting day, two", () => {
  const en = extractText(
    [
      "Russian and Chinese bombers hold joint air patrol over the Sea of Japan",
      "TOKYO, March 5, 2024 (Reuters) - Russian and Chinese bombers flew a joint air patrol over the Sea of Japan and the East China Sea on Tuesday, entering South Korea's air defense identification zone.",
      "Seoul said its jets tracked the aircraft; Moscow said no airspace was violated.",
    ].join("\n"),
    "en.txt",
  );
  const fr = (file: string, day: string) =>
    on(
      file,
      "Patrouille sino-russe près de la Corée",
      null,
      `${day}, des bombardiers chinois et russes ont mené une patrouille conjointe au-dessus de la mer du Japon et de la mer de Chine orientale.`,
      "La Corée du Sud a fait décoller ses chasseurs ; Moscou assure que l'espace aérien d'aucun pays n'a été violé.",
    );
  const fits = linkCorpus([en, fr("fr.txt", "Mardi")]);
  assert.equal(fits.records[0].date, "2024-03-05");
  assert.equal(fits.records[0].eventId, fits.records[1].eventId, "5 March 2024 was a Tuesday");
  const e = fits.events.find((x) => x.id === fits.records[0].eventId)!;
  assert.equal(e.links[0].rule, "same-facts");
  assert.match(e.links[0].detail, /mer du Japon/);
  const other = linkCorpus([en, fr("fr.txt", "Jeudi")]);
  assert.notEqual(other.records[0].eventId, other.records[1].eventId, "a Thursday: the same facts on another day are another patrol");
});

test("a quotation of one article printed without quotation marks in another's lede still links them (with its evidence)", () => {
  const q = "« les manœuvres Bouclier de l'Arctique mobiliseront douze navires et quatre sous-marins »";
  const a = on("a.txt", "Manœuvres annoncées dans l'Arctique", "18/09/2024", `Le ministère a annoncé que ${q}, a précisé son porte-parole.`);
  const b = on(
    "b.txt",
    "L'Arctique, nouveau théâtre des exercices russo-chinois",
    "19/09/2024",
    "Les manœuvres Bouclier de l'Arctique mobiliseront douze navires et quatre sous-marins, selon les autorités, qui n'ont pas précisé leur durée.",
  );
  const { records, events } = linkCorpus([a, b]);
  assert.equal(records[0].eventId, records[1].eventId);
  const e = events.find((x) => x.id === records[0].eventId)!;
  assert.equal(e.links[0].rule, "quotation");
  assert.match(e.links[0].detail, /Bouclier de l'Arctique/);
});

test("a famous quotation printed by most articles of the corpus (its words used everywhere) is no evidence that they report one event", () => {
  const famous = "« une amitié sans limites et aucun domaine de coopération interdit entre nos deux pays »";
  const subjects = ["un accord gazier", "des manœuvres navales", "un sommet régional", "une visite ministérielle", "un vote à l'ONU", "des sanctions"];
  const rs = Array.from({ length: 70 }, (_, i) =>
    on(`f${i}.txt`, `Article ${i} sur ${subjects[i % subjects.length]}`, null, `À propos de ${subjects[i % subjects.length]}, on rappelle la formule ${famous}, souvent citée.`),
  );
  const { events } = linkCorpus(rs);
  assert.equal(events.length, 70);
});
