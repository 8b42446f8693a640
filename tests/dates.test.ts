import { test } from "node:test";
import assert from "node:assert/strict";
import { format } from "date-fns/format";
import { fr } from "date-fns/locale/fr";
import { findDates, frenchDay, mentionedWeekdays, pad } from "../src/extract/dates.js";
import { extractText } from "./helpers/extract.js";

test("French numeric dates, with and without time", () => {
  assert.equal(findDates("30.12.2022 par Etienne Dhuit")[0].iso, "2022-12-30");
  assert.equal(findDates("Publié le 08/11/2023 à 15:35")[0].iso, "2023-11-08");
  assert.equal(findDates("Publié le 08/11/2023 à 15:35")[0].evidence, "08/11/2023 à 15:35");
});

test("textual French dates, weekday checked against the date", () => {
  const [d] = findDates("mercredi 8 novembre 2023");
  assert.equal(d.iso, "2023-11-08");
  assert.equal(d.weekdayOk, true);
  const [wrong] = findDates("jeudi 30 décembre 2022");
  assert.equal(wrong.iso, "2022-12-30");
  assert.equal(wrong.weekdayOk, false, "30 December 2022 was a Friday");
  assert.equal(findDates("le 1er juillet 2025")[0].iso, "2025-07-01");
});

test("a day and month without a year is found but has no ISO date", () => {
  const [d] = findDates("a déclaré lundi 14 octobre à Pékin");
  assert.equal(d.iso, null);
  assert.equal(d.month, 10);
  assert.equal(d.day, 14);
});

test("ISO and English dates", () => {
  assert.equal(findDates("2024-10-14T16:29:00+02:00")[0].iso, "2024-10-14");
  assert.equal(findDates("Updated November 8, 2023")[0].iso, "2023-11-08");
  assert.equal(findDates("on 8 November 2023")[0].iso, "2023-11-08");
});

test("impossible dates are rejected", () => {
  assert.equal(findDates("31.02.2023").length, 0);
  assert.equal(findDates("le 45 mars 2023").length, 0);
});

test("weekday mentions", () => {
  assert.deepEqual(mentionedWeekdays("Poutine a dit ce vendredi vouloir").map((w) => w.weekday), [5]);
  assert.deepEqual(mentionedWeekdays("mercredi 8 novembre").length, 0, "a weekday followed by a day number is a full date");
});

test("the publication date is the byline's, not a caption's, a teaser's or the copyright year", () => {
  const r = extractText(
    [
      "Menu",
      "Le Kremlin salue une coopération « exemplaire » avec Pékin",
      "Par Anne Martin, publié le 12/03/2024 à 10:00",
      "Vladimir Poutine à Moscou, le 4 février 2022 ( AFP / Pool )",
      "Le porte-parole du Kremlin, Dmitri Peskov, a salué mardi une coopération « exemplaire » avec la Chine, lors d'un point de presse à Moscou.",
      "« Nos relations n'ont jamais été aussi bonnes », a-t-il ajouté devant les journalistes réunis au Kremlin.",
      "A lire aussi",
      "Un autre sujet sans rapport",
      "01.07.2025",
      "© 2019 Le Journal. Tous droits réservés.",
    ].join("\n"),
  );
  assert.equal(r.date, "2024-03-12");
  assert.equal(r.dateConfidence, "explicit");
  assert.match(r.dateEvidence ?? "", /12\/03\/2024/);
});

test("no date in the text gives null, never a guess", () => {
  const r = extractText("Un titre sans date aucune pour cet article\n\nLe ministre a parlé longuement devant la presse sans que personne ne sache quand exactement cela se passait.");
  assert.equal(r.date, null);
  assert.equal(r.dateConfidence, "none");
});

test("a wire dateline dates the article", () => {
  const r = extractText("Moscou et Pékin signent un accord militaire important\n\nMOSCOU, 3 mai 2024 (AFP) - La Russie et la Chine ont signé vendredi un accord de coopération militaire, a annoncé le Kremlin dans un communiqué.");
  assert.equal(r.date, "2024-05-03");
  assert.deepEqual(r.agencies, ["AFP"]);
});

test("more layouts: two-digit years in bylines, year-first with slashes", () => {
  assert.equal(findDates("Publié le 08/11/23 à 15h35")[0].iso, "2023-11-08");
  assert.equal(findDates("2023/11/08")[0].iso, "2023-11-08");
  assert.equal(findDates("15:20 08.11.2023 (mis à jour: 16:00 08.11.2023)")[0].iso, "2023-11-08");
});

test("the publication date wins over the update date, whichever comes first", () => {
  const a = extractText("Un titre d'article assez long pour être un titre\nMis à jour le 09/11/2023 à 10:00, publié le 08/11/2023 à 15:35\nLe ministre a parlé longuement devant la presse sans que personne ne sache pourquoi exactement.");
  assert.equal(a.date, "2023-11-08");
  const b = extractText("Un titre d'article assez long pour être un titre\nUpdated November 9, 2023\nPublished November 8, 2023\nThe minister spoke at length to the press and nobody quite knew why he did so that day.");
  assert.equal(b.date, "2023-11-08");
});

test("a wire dateline in mixed case credits its agency", () => {
  const r = extractText("La Russie et la Chine renforcent leur coopération navale\n\nMoscou (AFP) – La Russie et la Chine ont entamé lundi des manœuvres navales conjointes, a annoncé le ministère russe de la Défense.");
  assert.deepEqual(r.agencies, ["AFP"]);
});

test("frenchDay writes every day of 1950–2100 as date-fns's French format does, with and without the year", () => {
  for (let t = Date.UTC(1950, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86_400_000) {
    const day = new Date(t);
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    const expected = format(new Date(y, m - 1, d), d === 1 ? "EEEE '1er' MMMM" : "EEEE d MMMM", { locale: fr });
    assert.equal(frenchDay(`${y}-${pad(m)}-${pad(d)}`), expected);
    assert.equal(frenchDay(`${y}-${pad(m)}-${pad(d)}`, true), format(new Date(y, m - 1, d), "EEEE d MMMM yyyy", { locale: fr }));
  }
});
