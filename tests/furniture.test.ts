import { test } from "node:test";
import assert from "node:assert/strict";
import { bodyText, extractFile, extractText, speakerOf } from "./helpers/extract.js";

const PAGE = [
  "Aller au contenu principal",
  "  • Accueil",
  "  • International",
  "Défense",
  "Pékin et Moscou renforcent leurs patrouilles aériennes communes",
  "Par Julie Lefort avec AFP",
  "Mis à jour le 25/07/2024 à 08:10",
  "Partager",
  "Des bombardiers russes Tu-95 au-dessus du Pacifique, le 24 juillet 2024 ( AFP / HANDOUT )",
  "",
  "Des bombardiers russes et chinois ont mené une patrouille commune près de l'Alaska, une première qui inquiète Washington.",
  "PUBLICITÉ",
  "Le ministère chinois de la Défense a assuré que l'opération « ne visait aucun pays tiers ».",
  "Une première",
  "Le Pentagone a dit suivre la situation de près, sans y voir de menace immédiate pour le territoire américain.",
  "Newsletter",
  "Recevez chaque matin l'essentiel de l'actualité internationale.",
  "12 commentaires",
  "Jean D. — 25 juillet 09:12",
  "Encore une provocation, « inadmissible » !",
  "© 2024 Le Quotidien. Tous droits réservés.",
].join("\n");

test("menus, share bars, ads, newsletter, comments and copyright stay out of the body", () => {
  const r = extractText(PAGE);
  const text = bodyText(r);
  assert.equal(r.title, "Pékin et Moscou renforcent leurs patrouilles aériennes communes");
  assert.match(text, /^Des bombardiers russes et chinois/);
  assert.match(text, /sans y voir de menace immédiate pour le territoire américain\.$/);
  for (const junk of ["Aller au contenu", "Accueil", "PUBLICITÉ", "Partager", "Newsletter", "Recevez chaque matin", "commentaires", "inadmissible", "©"])
    assert.ok(!text.includes(junk), `"${junk}" leaked into the body`);
});

test("captions and credits go to captions; intertitles are marked", () => {
  const r = extractText(PAGE);
  assert.deepEqual(r.captions, ["Des bombardiers russes Tu-95 au-dessus du Pacifique, le 24 juillet 2024 ( AFP / HANDOUT )"]);
  assert.ok(r.body.some((b) => typeof b !== "string" && b.heading === "Une première"));
  assert.ok(!bodyText(r).includes("Tu-95 au-dessus"));
});

test("a quotation in a reader comment is not extracted", () => {
  const r = extractText(PAGE);
  assert.ok(!r.quotes.some((q) => q.text === "inadmissible"));
  assert.ok(r.quotes.some((q) => q.text === "ne visait aucun pays tiers"));
});

test("byline gives authors and agencies; the outlet comes from the copyright line", () => {
  const r = extractText(PAGE);
  assert.deepEqual(r.authors, ["Julie Lefort"]);
  assert.deepEqual(r.agencies, ["AFP"]);
  assert.equal(r.outlet?.name, "Le Quotidien");
  assert.equal(r.date, "2024-07-25");
});

test("teasers introduced by 'Sur le même sujet' or 'Similar News' are dropped, with their quotes", () => {
  const r = extractText(
    "Xi Jinping attendu à Moscou pour une visite d'Etat de trois jours\nLe président chinois arrive lundi à Moscou pour une visite très attendue par le Kremlin et suivie de près par les Occidentaux.\nSimilar News:Vous pouvez également lire des articles d'actualité similaires.\nPoutine salue « la volonté de la Chine »\nLire la suite »",
  );
  assert.ok(!bodyText(r).includes("Similar News"));
  assert.equal(r.quotes.length, 0, "'Lire la suite »' and teaser quotes are not quotations");
});

test("an aggregator page that does not name the outlet gets a null outlet", () => {
  const r = extractFile("seeds/003_524b27c85d49c1c8.txt");
  assert.equal(r.outlet, null);
  assert.match(r.title ?? "", /^Poutine va rencontrer Xi Jinping/);
  assert.equal(r.via.title, "first-sentence");
});

test("'Par la rédaction' is not an outlet; a lower-case brand is", () => {
  const a = extractText("Un titre d'article assez long pour être un titre\nPar la rédaction\nPublié le 02/03/2024\nLe ministre a parlé longuement devant la presse sans que personne ne sache pourquoi exactement.");
  assert.equal(a.outlet, null);
  assert.deepEqual(a.authors, []);
  const b = extractText("Un titre d'article assez long pour être un titre\nPar euronews avec AFP\nLe ministre a parlé longuement devant la presse sans que personne ne sache pourquoi exactement.");
  assert.deepEqual([b.outlet?.name, b.agencies], ["Euronews", ["AFP"]]);
});

test("an author bio after the text ends it; 'Source : AFP' credits the agency; '© AFP' is not an outlet", () => {
  const r = extractText(
    [
      "Moscou et Pékin signent un accord de coopération militaire",
      "Par Claire Martin",
      "Publié le 12/06/2024",
      "La Russie et la Chine ont signé mercredi un accord de coopération militaire, a annoncé le Kremlin dans un communiqué publié à Moscou.",
      "Les deux pays prévoient des exercices conjoints réguliers dans le Pacifique dès l'automne, selon le texte de l'accord signé par les ministres.",
      "Source : AFP",
      "Claire Martin est journaliste au service International depuis 2015, spécialiste de l'Asie centrale.",
      "© AFP",
    ].join("\n"),
  );
  assert.ok(!bodyText(r).includes("est journaliste"));
  assert.ok(!bodyText(r).includes("Source"));
  assert.deepEqual(r.agencies, ["AFP"]);
  assert.deepEqual(r.authors, ["Claire Martin"]);
  assert.equal(r.outlet, null);
});

test("a dated web address dates an HTML page that says nothing else", () => {
  const r = extractText(
    `<html><head><link rel="canonical" href="https://www.example.org/international/2023/11/08/poutine-zhang/"></head><body><article><h1>Poutine reçoit un général chinois à Moscou</h1><p>Vladimir Poutine a reçu le général Zhang Youxia, vice-président de la Commission militaire centrale chinoise, au Kremlin.</p></article></body></html>`,
    "page.html",
  );
  assert.deepEqual([r.date, r.via.date], ["2023-11-08", "html-meta"]);
});

test("a caption without a credit, between the headline and the byline, is not the headline", () => {
  const r = extractText(
    "Menu\nLe Kremlin vante une coopération militaire « exemplaire » avec Pékin\nVladimir Poutine au Kremlin, à Moscou, le 8 novembre 2023.\nPar Anne Petit\nLe président russe a vanté mercredi une coopération militaire « exemplaire » avec la Chine, lors d'une réunion au Kremlin.",
  );
  assert.equal(r.title, "Le Kremlin vante une coopération militaire « exemplaire » avec Pékin");
  assert.deepEqual(r.captions, ["Vladimir Poutine au Kremlin, à Moscou, le 8 novembre 2023."]);
});

test("a hard-wrapped paragraph is joined again, so its quotation is whole", () => {
  const r = extractText(
    [
      "Pékin promet un soutien militaire accru à Moscou",
      "Par Paul Roux, publié le 03/04/2024",
      "",
      "Le ministre chinois de la Défense, Dong Jun, a déclaré mercredi que les deux",
      "armées allaient « renforcer leur coopération dans tous les domaines, sans",
      "exception », lors d'une rencontre à Pékin avec une délégation russe.",
      "",
      "Les exercices conjoints reprendront à l'automne, selon le communiqué publié à l'issue de la rencontre.",
    ].join("\n"),
  );
  assert.equal(r.lede?.startsWith("Le ministre chinois de la Défense, Dong Jun, a déclaré mercredi que les deux armées"), true);
  assert.equal(speakerOf(r, "renforcer leur coopération dans tous les domaines, sans exception"), "Dong Jun");
});

test("a site name appended to the headline is cut; a dash inside a headline is kept", () => {
  const a = extractText("Xi Jinping à Moscou pour trois jours de visite d'État | Euronews\nPar euronews\nLe président chinois est arrivé lundi à Moscou pour une visite d'État de trois jours très attendue.");
  assert.equal(a.title, "Xi Jinping à Moscou pour trois jours de visite d'État");
  const b = extractText("Liens militaires Chine-Russie - un partenariat qui s'intensifie\nPar Paul Roux\nLa coopération militaire entre Moscou et Pékin s'intensifie depuis 2022, selon plusieurs analystes.");
  assert.equal(b.title, "Liens militaires Chine-Russie - un partenariat qui s'intensifie");
});

test("an unknown publication in the byline is the outlet, not an author", () => {
  const r = extractText("Un titre d'article assez long pour être un titre\nPar Le Courrier de Russie avec AFP\nLe ministre a parlé longuement devant la presse sans que personne ne sache pourquoi exactement.");
  assert.deepEqual([r.outlet?.name, r.authors, r.agencies], ["Le Courrier de Russie", [], ["AFP"]]);
});

test("a web address pasted above the text is the source URL: outlet and date from it, not body", () => {
  const r = extractText(
    "https://www.lemonde.fr/international/article/2023/03/21/xi-jinping-et-vladimir-poutine_6166410_3210.html\nXi Jinping et Vladimir Poutine affichent leur entente au Kremlin\nLe président chinois et son homologue russe ont affiché mardi leur entente lors d'un second jour de pourparlers au Kremlin.",
  );
  assert.equal(r.source.url, "https://www.lemonde.fr/international/article/2023/03/21/xi-jinping-et-vladimir-poutine_6166410_3210.html");
  assert.deepEqual([r.date, r.outlet?.name, r.title], ["2023-03-21", "Le Monde", "Xi Jinping et Vladimir Poutine affichent leur entente au Kremlin"]);
  assert.ok(!bodyText(r).includes("https://"));
});

test("a headline that asks a question, with no byline under it", () => {
  const r = extractText("Menu\nLa Chine va-t-elle livrer des armes à la Russie ?\nWashington s'inquiète d'un possible soutien militaire chinois à Moscou, que Pékin dément fermement depuis des mois.\nLes analystes restent partagés sur la question.");
  assert.equal(r.title, "La Chine va-t-elle livrer des armes à la Russie ?");
  assert.match(r.lede ?? "", /^Washington s'inquiète/);
});
