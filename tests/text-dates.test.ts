// Publication dates proved by text copied from web pages: header formats, wire datelines,
// the lede's "ce mardi 9 juillet", years settled only when one fits. A wrong date is worse than none.
import { test } from "node:test";
import assert from "node:assert/strict";
import { exerciseYears, findDates, LATEST_YEAR, printedYears, publicationDate, resolveYear } from "../src/extract/dates.js";
import { extractText } from "./helpers/extract.js";

const HEADLINE = "Moscou et Pékin annoncent de nouvelles manœuvres navales conjointes";
const PROSE = "Les deux marines mèneront des exercices de tir et de sauvetage pendant plusieurs jours, a indiqué le ministère de la Défense.";
const PROSE_EN = "The two navies will hold live-fire and rescue drills over several days, the defence ministry said in a statement.";

test("header formats of news sites are bylines and date the article", () => {
  const cases: [string, string, string][] = [
    ["Publié le 2019-03-05 à 07:41", PROSE, "2019-03-05"],
    ["Xinhua | 14.06.2018 11h02", PROSE, "2018-06-14"],
    ["Chine Nouvelle | 03.02.2020 17h45", PROSE, "2020-02-03"],
    ["10-23-2017 14:05", PROSE_EN, "2017-10-23"],
    ["09:12, March 04, 2024", PROSE_EN, "2024-03-04"],
    ["Published: Sep 2, 2021 11:30 AM", PROSE_EN, "2021-09-02"],
    ["17 October, 2023, 08:05 pm", PROSE_EN, "2023-10-17"],
    ["3 March 2022 - 09:40 By Anna Smith and Peter Long", PROSE_EN, "2022-03-03"],
    ["Dernière mise à jour le 12/05/2021 à 10h20", PROSE, "2021-05-12"],
    ["french.china.org.cn | Publié le 2017-06-30 à 09:12", PROSE, "2017-06-30"],
    ["Source: Xinhua | 2015-04-08 10:45:00", PROSE_EN, "2015-04-08"],
    ["Jun 30, 2017 | 09:12", PROSE_EN, "2017-06-30"],
    ["Friday 30 June 2017 09.12 BST", PROSE_EN, "2017-06-30"],
    ["Posted on June 30, 2017 by admin", PROSE_EN, "2017-06-30"],
  ];
  for (const [line, prose, iso] of cases) {
    const r = extractText([HEADLINE, line, "", prose, prose.replace("plusieurs", "trois").replace("several", "three")].join("\n"));
    assert.equal(r.date, iso, line);
    assert.equal(r.dateConfidence, "explicit", line);
    assert.ok(r.dateEvidence && line.includes(r.dateEvidence), `${line}: evidence ${r.dateEvidence}`);
    assert.ok(!r.body.some((b) => typeof b === "string" && b.includes(line)), `${line} left in the body`);
  }
});

test("an ambiguous numeric date is read day first in French, and outside French only when the text settles it", () => {
  const [d] = findDates("07/08/2016");
  assert.equal(d.iso, "2016-08-07");
  assert.equal(d.alt, "2016-07-08");
  assert.equal(findDates("07-29-2016")[0].iso, "2016-07-29", "29 cannot be a month");
  assert.equal(findDates("29/07/2016")[0].alt, null);
  // "6/13/2018" with a slash: American only where the caller reads a page's own byline
  assert.equal(findDates("On 6/13/2018 by the editor").length, 0);
  assert.equal(findDates("On 6/13/2018 by the editor", { monthFirst: true })[0].iso, "2018-06-13");
  assert.equal(extractText([HEADLINE, "06/13/2018 09:28", "", PROSE_EN, PROSE_EN].join("\n")).date, "2018-06-13");
  const fr = publicationDate({ bylines: ["Publié le 04/09/2019"], opening: [], text: "", language: "fr" });
  assert.equal(fr?.iso, "2019-09-04");
  const en = publicationDate({ bylines: ["04/09/2019 10:00"], opening: [], text: PROSE_EN, language: "en" });
  assert.equal(en, null, "4 September or April 9: left null");
  const settled = publicationDate({ bylines: ["04/09/2019 10:00"], opening: [], text: "The talks opened on April 9 in Vladivostok.", language: "en" });
  assert.equal(settled?.iso, "2019-04-09");
});

test("a wire dateline without a year: the year only when the text settles it", () => {
  const y = 2026;
  // the same day printed with its year
  const tass = "MOSCOW, October 5. /TASS/. Russian and Chinese warships began a joint patrol, the ministry said.";
  assert.equal(publicationDate({ bylines: [], opening: [tass], text: `${tass}\n"On October 5, 2020, the ships left port," it said.`, language: "en", latestYear: y })?.iso, "2020-10-05");
  // the code name of the exercise being reported
  const xinhua = "BEIJING, Aug. 8 (Xinhua) -- China and Russia opened the Western/Interaction-2021 exercise in Ningxia.";
  const r = publicationDate({ bylines: [], opening: [xinhua], text: xinhua, language: "en", latestYear: y });
  assert.equal(r?.iso, "2021-08-08");
  assert.equal(r?.confidence, "inferred");
  assert.match(r?.evidence ?? "", /Aug\. 8.*Interaction-2021/);
  const reuters = "MOSCOU, 12 mars (Reuters) - Les marines russe et chinoise ont entamé les manœuvres « Mer commune - 2019 » au large de Vladivostok.";
  assert.equal(publicationDate({ bylines: [], opening: [reuters], text: reuters, language: "fr", latestYear: y })?.iso, "2019-03-12");
  // nothing settles it: null, never the latest year printed
  const bare = "MOSCOU, 12 mars (Reuters) - La Russie a dénoncé les sanctions adoptées en 2018 et 2019 par les Européens.";
  assert.equal(publicationDate({ bylines: [], opening: [bare], text: bare, language: "fr", latestYear: y }), null);
  // an anniversary prints the same day of an earlier year: that settles nothing
  const anniv = "KYIV, Feb. 24 (Reuters) - Ukraine marked the anniversary of the invasion launched on Feb. 24, 2022.";
  assert.equal(publicationDate({ bylines: [], opening: [anniv], text: anniv, language: "en", latestYear: y }), null);
});

test("a day and month with a weekday: the one year that fits from the latest year printed", () => {
  // 14 November fell on a Thursday in 2019, 2024 and 2030
  assert.equal(resolveYear({ month: 11, day: 14, weekday: 4 }, "Les accords signés en 2021 restent en vigueur.", 2026)?.year, 2024);
  assert.equal(resolveYear({ month: 11, day: 14, weekday: 4 }, "Les accords signés en 2017 restent en vigueur.", 2026), null, "2019 and 2024 both fit");
  assert.equal(resolveYear({ month: 11, day: 14, weekday: 4 }, "Aucune année n'est citée.", 2026), null);
  assert.equal(resolveYear({ month: 11, day: 14, weekday: null }, "Les accords signés en 2021.", 2026), null, "no weekday: 2021 to 2026 all fit");
  // a year the text puts ahead does not count: "d'ici 2030", "through 2025"
  assert.deepEqual(printedYears("un plan d'ici 2030, signé en 2021, valable through 2025").map((p) => p.year), [2021]);
});

test("the lede names the day of the news: 'ce mardi 9 juillet 2024', 'on Tuesday (31 January 2023)'", () => {
  const lede = (s: string) => publicationDate({ bylines: [], opening: [s], text: s, language: "fr", latestYear: 2026 });
  assert.equal(lede("Le Kremlin a salué ce vendredi 6 octobre 2023 la visite du ministre chinois à Moscou.")?.iso, "2023-10-06");
  assert.equal(lede("La rencontre entre les deux dirigeants se tient ce 22 août 2023 à Johannesburg, en marge du sommet.")?.iso, "2023-08-22");
  assert.equal(
    publicationDate({ bylines: [], opening: ["The Secretary General met the Prime Minister in Seoul on Monday (29 May 2023) for talks on security."], text: "", language: "en" })?.iso,
    "2023-05-29",
  );
  // a weekday with no year: settled by the latest year printed (2022) and the latest year allowed
  const t = "Les ministres se sont réunis mercredi 13 mars à Pékin, deux ans après l'invasion de février 2022.";
  assert.equal(lede(t)?.iso, "2024-03-13");
  // the latest year allowed is an input (LATEST_YEAR by default), never the clock: the same text, the same date
  const jan = "Le ministre a déclaré mardi 27 janvier que les exercices de 2025 avaient réussi.";
  assert.equal(LATEST_YEAR, 2026);
  assert.equal(publicationDate({ bylines: [], opening: [jan], text: jan, language: "fr" })?.iso, "2026-01-27");
  assert.equal(publicationDate({ bylines: [], opening: [jan], text: jan, language: "fr", latestYear: 2025 }), null);
  // a window, a past day, a weekday that does not fall on the date: not the day of the news
  assert.equal(lede("Les manœuvres se dérouleront du 11 au 15 mars 2024 près du golfe d'Oman."), null);
  assert.equal(lede("Depuis le 3 mai 2024, les deux armées patrouillent ensemble."), null);
  assert.equal(lede("Le ministre s'est exprimé ce jeudi 9 juillet 2024 devant la presse."), null, "9 July 2024 was a Tuesday");
  assert.equal(lede("Le ministre avait signé l'accord le 4 février 2022 à Pékin."), null, "no weekday, no 'ce'");
  // a past day named with its weekday: an anniversary, or a year older than the text's latest
  assert.equal(lede("Deux ans après le jeudi 24 février 2022, l'armée russe avance toujours."), null);
  assert.equal(lede("Kiev se souvient du jeudi 24 février, il y a deux ans, quand les chars sont entrés en 2022."), null);
  assert.equal(lede("Le traité signé le jeudi 24 février 2022 est contesté depuis les élections de 2024."), null);
  assert.equal(lede("Les attentats de ce 11 septembre 2001 ont changé la politique américaine."), null);
});

test("a wire lede naming a weekday: the one date printed with that weekday, if it is the latest", () => {
  const opening = "BEIJING (AP) — China said Tuesday it will send warships to joint drills with Russia next month.";
  const caption = "In this July 2, 2024, photo, a Chinese destroyer leaves port. The ministry said Tuesday, Sept. 10, 2024, that drills would follow. (AP Photo/Ng Han Guan)";
  assert.equal(publicationDate({ bylines: [], opening: [opening], text: `${opening}\n${caption}`, language: "en" })?.iso, "2024-09-10");
  const older = "In this Tuesday, Sept. 10, 2019, photo, a destroyer leaves port. The drills were announced in 2024.";
  assert.equal(publicationDate({ bylines: [], opening: [opening], text: `${opening}\n${older}`, language: "en" }), null, "a dated photo of an earlier year");
});

test("exercise code names carry their year; ordinary years do not", () => {
  assert.deepEqual(exerciseYears("l'exercice - dont le nom de code est « Mer commune 2018 » - a commencé").map((x) => x.year), [2018]);
  assert.deepEqual(exerciseYears("the ongoing Vostok-2022 strategic exercise").map((x) => [x.year, x.evidence]), [[2022, "Vostok-2022"]]);
  assert.deepEqual(exerciseYears("les exercices menés en 2022 et en mars 2023"), []);
  assert.deepEqual(exerciseYears("Paris 2024 accueille les Jeux"), [], "no exercise named near it");
});

test("page dates that are not the publication date stay out: captions, teasers, comments", () => {
  const r = extractText(
    [
      "Pékin défend ses patrouilles aériennes avec Moscou",
      "Un bombardier chinois H-6K au-dessus de la mer du Japon, le 24 mai 2022. ( AFP / JIJI PRESS )",
      "",
      "La Chine a défendu lundi les patrouilles aériennes menées avec la Russie, que Tokyo juge « préoccupantes » pour la région.",
      "Le porte-parole de la diplomatie chinoise a assuré que ces vols respectaient le droit international et ne visaient personne.",
      "A lire aussi",
      "Le 3 juin 2024, Tokyo avait convoqué l'ambassadeur russe",
    ].join("\n"),
  );
  assert.equal(r.date, null);
  assert.equal(r.dateConfidence, "none");
});

test("a wire lede's weekday is matched only to a date someone spoke on, not to a photo's date", () => {
  const opening = "WASHINGTON (AP) — The Pentagon said Monday it was watching joint Russian and Chinese bomber flights near Alaska.";
  const photo = "In this file photo taken Monday, March 4, 2019, a Russian bomber flies over the Pacific. (AP Photo/Jim Lee)";
  assert.equal(publicationDate({ bylines: [], opening: [opening], text: `${opening}\n${photo}`, language: "en" }), null);
});

test("a place and a date inside the text (a quoted letter's signature) is not a byline", () => {
  const r = extractText(
    [
      "Le texte de la déclaration commune publiée par les deux ministères",
      "",
      "Les deux ministères ont publié une déclaration commune sur la sécurité régionale, dont voici les principaux passages.",
      "« Les parties réaffirment leur attachement à la stabilité régionale et à la coopération entre leurs forces armées. »",
      "Moscou, 8 mai 2015",
      "Le texte a été diffusé sur les sites officiels des deux ministères, sans autre commentaire de leur part.",
    ].join("\n"),
  );
  assert.equal(r.date, null);
});
