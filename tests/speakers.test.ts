import { test } from "node:test";
import assert from "node:assert/strict";
import { resolvePerson } from "../src/extract/people.js";
import { articleWith, speakerOf } from "./helpers/extract.js";

const art = articleWith;

test("'M. Poutine', 'le président russe' and 'le chef du Kremlin' are Vladimir Poutine", () => {
  const r = art(
    "10/05/2023",
    "« Nous voulons la paix », a déclaré M. Poutine lors d'une cérémonie organisée au Kremlin mercredi matin.",
    "« La Chine est notre amie », a ajouté le président russe devant les militaires rassemblés sur la place Rouge.",
    "Le chef du Kremlin a aussi estimé que l'Occident voulait « diviser » les deux pays, selon les agences russes présentes.",
  );
  assert.equal(speakerOf(r, "Nous voulons la paix"), "Vladimir Poutine");
  assert.equal(speakerOf(r, "La Chine est notre amie"), "Vladimir Poutine");
  assert.equal(speakerOf(r, "diviser"), "Vladimir Poutine");
  assert.equal(r.speakers.length, 1);
  assert.equal(r.speakers[0].role, "président de la Russie");
  assert.equal(r.speakers[0].wikidata, "Q7747");
});

test("'le ministre russe de la Défense' is Choïgou in 2023 and Belooussov from May 2024", () => {
  const para = "« Nos armées coopèrent étroitement », a déclaré le ministre russe de la Défense lors d'une visite officielle.";
  assert.equal(speakerOf(art("20/06/2023", para), "Nos armées"), "Sergueï Choïgou");
  assert.equal(speakerOf(art("20/06/2024", para), "Nos armées"), "Andreï Belooussov");
});

test("unknown people are found by pattern: role then name, name then role", () => {
  const r = art(
    "02/02/2025",
    "« Les exercices se dérouleront en mer Baltique », a précisé le vice-ministre kazakh de la Défense, Nurlan Abdrakhmanov, devant des journalistes.",
    "Olga Petrovna, porte-parole de la flotte du Nord, a pour sa part assuré que la flotte était « prête à toute éventualité ».",
  );
  assert.equal(speakerOf(r, "mer Baltique"), "Nurlan Abdrakhmanov");
  assert.equal(speakerOf(r, "prête à toute"), "Olga Petrovna");
  const olga = r.speakers.find((s) => s.name === "Olga Petrovna");
  assert.equal(olga?.via, "text");
  assert.match(olga?.role ?? "", /^porte-parole de la flotte du Nord/);
});

test("an organization speaks: 'le G7 a appelé Pékin à « ne pas aider »'", () => {
  const r = art("08/11/2023", "Mercredi, le G7 a d'ailleurs appelé Pékin à « ne pas aider » Moscou dans ce conflit qui dure depuis près de deux ans.");
  assert.equal(speakerOf(r, "ne pas aider"), "G7");
  assert.equal(r.speakers[0].kind, "organization");
});

test("people named but not quoted are mentions, not speakers", () => {
  const r = art("08/11/2023", "Vladimir Poutine recevait le général chinois Zhang Youxia à Moscou, où le président russe a dit que les liens étaient « de plus en plus importants ».");
  assert.deepEqual(r.speakers.map((s) => s.name), ["Vladimir Poutine"]);
  assert.ok(r.mentions.some((m) => m.name === "Zhang Youxia"));
});

test("resolvePerson: registry names and roles, else the name as given", () => {
  assert.equal(resolvePerson("Poutine", "2023-01-01").id, "vladimir-poutine");
  assert.equal(resolvePerson("le ministre russe de la Défense", "2024-10-14").name, "Andreï Belooussov");
  assert.deepEqual(resolvePerson("Jeanne Inconnue", null), { id: "jeanne-inconnue", name: "Jeanne Inconnue", role: null, kind: "person", wikidata: null, via: "text" });
});
