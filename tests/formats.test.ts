import { test } from "node:test";
import assert from "node:assert/strict";
import { ArticleRecord } from "../src/record.js";
import { bodyText, extractFile, extractText, speakerOf } from "./helpers/extract.js";

test("saved HTML page: JSON-LD and meta win, furniture elements removed, captions kept", () => {
  const r = extractFile("tests/fixtures/le-figaro-saved.html");
  ArticleRecord.parse(r);
  assert.equal(r.source.format, "html");
  assert.equal(r.title, "Moscou et Pékin lancent des manœuvres navales conjointes");
  assert.equal(r.via.title, "json-ld");
  assert.equal(r.date, "2024-07-15");
  assert.equal(r.via.date, "json-ld");
  assert.deepEqual(r.outlet, { id: "le-figaro", name: "Le Figaro" });
  assert.deepEqual(r.authors, ["Marie Durand"]);
  assert.deepEqual(r.agencies, ["AFP"]);
  assert.equal(r.source.url, "https://www.lefigaro.fr/international/moscou-et-pekin-manoeuvres-20240715");
  assert.equal(r.language, "fr");
  assert.deepEqual(r.captions, ["Des navires chinois en mer du Japon, le 12 juillet 2024 (AFP / Li Wei)"]);
  const text = bodyText(r);
  for (const junk of ["Accueil", "Partager", "À lire aussi", "prêt à tout", "honte", "Tous droits réservés"]) assert.ok(!text.includes(junk), junk);
  assert.ok(r.body.some((b) => typeof b !== "string" && b.heading === "Une coopération qui s'intensifie"));
  assert.equal(speakerOf(r, "Ces manœuvres"), "Dmitri Peskov");
  assert.equal(speakerOf(r, "solide comme le roc"), "Dong Jun");
  assert.equal(speakerOf(r, "aussi proches"), "Dong Jun");
  assert.equal(speakerOf(r, "avance prudemment"), "Jean-Pierre Martin");
});

test("a page with no JSON-LD falls back to og: and <time datetime>", () => {
  const r = extractText(
    `<html lang="fr"><head><meta property="og:site_name" content="France 24"><meta property="og:title" content="Exercices conjoints en mer de Chine"></head>
     <body><article><h1>Exercices conjoints en mer de Chine</h1><time datetime="2023-07-20T10:00:00Z">20 juillet</time>
     <p>Les marines russe et chinoise ont commencé jeudi des exercices conjoints en mer du Japon, a indiqué le ministère chinois de la Défense.</p></article></body></html>`,
    "page.html",
  );
  assert.equal(r.date, "2023-07-20");
  assert.equal(r.via.date, "html-meta");
  assert.equal(r.outlet?.name, "France 24");
  assert.equal(r.title, "Exercices conjoints en mer de Chine");
});

test("Markdown note: front matter wins, headings become intertitles, images give captions", () => {
  const r = extractFile("tests/fixtures/note-manuelle.md");
  ArticleRecord.parse(r);
  assert.equal(r.source.format, "markdown");
  assert.equal(r.title, "Choïgou à Pékin : « une coopération sans précédent »");
  assert.equal(r.via.title, "front-matter");
  assert.equal(r.date, "2023-04-18");
  assert.equal(r.dateConfidence, "explicit");
  assert.deepEqual(r.outlet, { id: "xinhua", name: "Xinhua" });
  assert.deepEqual(r.agencies, ["Xinhua"]);
  assert.equal(r.source.url, "https://french.news.cn/exemple");
  assert.ok(!bodyText(r).includes("Un titre de travail"));
  assert.ok(r.body.some((b) => typeof b !== "string" && b.heading === "Réponse chinoise"));
  assert.deepEqual(r.captions, ["Sergueï Choïgou et Li Shangfu à Pékin, le 18 avril 2023"]);
  assert.equal(speakerOf(r, "une coopération sans précédent"), "Sergueï Choïgou");
  assert.equal(speakerOf(r, "Notre coopération militaire"), "Sergueï Choïgou");
  assert.equal(speakerOf(r, "confiance mutuelle"), "Li Shangfu");
  assert.equal(r.speakers.find((s) => s.name === "Li Shangfu")?.role, "ministre chinois de la Défense");
});

test("malformed front matter: a warning with the line, the note still extracted", () => {
  const r = extractText("---\ntitle: ok\ndate: [2023\n---\n\nUn paragraphe de texte assez long pour faire un article à lui seul ici.", "note.md");
  assert.ok(r.warnings.some((w) => /en-tête YAML : YAML invalide à la ligne \d+/.test(w)), JSON.stringify(r.warnings));
  assert.ok(bodyText(r).includes("Un paragraphe de texte"));
});

test("HTML made of divs: text standing in containers is read, caption by class, <title> suffix cut", () => {
  const r = extractFile("tests/fixtures/pages/tv5monde-divs.html");
  assert.equal(r.title, "Chine-Russie : exercices aériens conjoints près de la Corée du Sud");
  assert.deepEqual([r.date, r.outlet?.name, r.agencies], ["2024-11-06", "TV5Monde", ["AFP"]]);
  assert.deepEqual(r.captions, ["Un bombardier russe Tu-95, le 6 novembre 2024. © Ministère russe de la Défense"]);
  const text = bodyText(r);
  for (const junk of ["Accueil", "Partager", "main dans la main", "Afrique"]) assert.ok(!text.includes(junk), junk);
  assert.equal(speakerOf(r, "plan de coopération annuel"), "Zhang Xiaogang");
});

test("a WordPress page: entry meta, share and related-post boxes, comments; 'a fait valoir'", () => {
  const r = extractFile("tests/fixtures/pages/wordpress.html");
  assert.deepEqual([r.title, r.date, r.outlet?.name, r.authors], ["La Chine et la Russie renforcent leur coopération navale", "2024-07-20", "Zone Militaire", ["Laurent Lagneau"]]);
  const text = bodyText(r);
  for (const junk of ["Partager", "Articles similaires", "main dans la main", "propagande", "réflexions", "Derniers articles"]) assert.ok(!text.includes(junk), junk);
  assert.match(text, /patrouille navale conjointe dans le Pacifique\.$/);
  assert.equal(speakerOf(r, "approfondir le partenariat"), "ministère chinois de la Défense");
  assert.equal(r.quotes.find((q) => q.text.includes("approfondir le partenariat"))?.cue, "a fait valoir");
});
