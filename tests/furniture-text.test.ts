// Page furniture in text copied from news pages: ad breaks, video teasers, pasted addresses,
// editor's notes, emoji asides, link-preview snippets, photo credits; and the capture's cut.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isBreadcrumb } from "../src/extract/segment.js";
import { bodyText, extractText } from "./helpers/extract.js";

const P1 = "Les ministres de la Défense chinois et russe se sont entretenus par visioconférence, selon un communiqué publié à Pékin.";
const P2 = "Les deux hommes ont promis d'intensifier les patrouilles communes et les exercices conjoints au cours de l'année à venir.";
const P3 = "Aucune date n'a été annoncée pour la prochaine rencontre, a précisé le ministère, qui n'a pas donné d'autres détails.";

function body(lines: string[]): string {
  return bodyText(extractText(["Pékin et Moscou promettent davantage d'exercices communs", "", ...lines].join("\n")));
}

test("an ad break inside the text is dropped, the text after it kept", () => {
  for (const ad of ["La suite après cette publicité", "Publicité - La suite ci-dessous", "Story continues below advertisement", "Advertisement - Scroll to continue"]) {
    const text = body([P1, ad, P2, P3]);
    assert.ok(!text.includes(ad), `${ad} leaked`);
    assert.match(text, /pas donné d'autres détails/, ad);
  }
});

test("a list of video teasers (duration, headline) ends the article", () => {
  const text = body([P1, P2, P3, "02:31", "Soudan : les combats reprennent à Khartoum", "00:48", "Inondations meurtrières au Brésil", "Aller à la vidéo", "Un autre reportage sans rapport"]);
  assert.match(text, /pas donné d'autres détails\.$/);
  for (const junk of ["02:31", "Khartoum", "Brésil", "Aller à la vidéo"]) assert.ok(!text.includes(junk), `${junk} leaked`);
});

test("a web address pasted inside the text and an editor's note are not the article", () => {
  const note = "Ce texte montre bien que la diplomatie avance malgré les obstacles, il faut le lire attentivement jusqu'au bout (note de Marc Dupuis, traduction de Léa)";
  const text = body([note, P1, "https://tass.ru/politika/12345678", P2, P3]);
  assert.ok(!text.includes("tass.ru"));
  assert.ok(!text.includes("note de Marc Dupuis"));
  assert.match(text, /^Les ministres de la Défense/);
});

test("a line with an emoji is an aside or a button, not news copy", () => {
  const text = body(["Encore un grand jour pour l'amitié entre nos peuples, bravo les gars ! 👏", P1, P2, P3, "👍 J'aime · 💬 Commenter"]);
  assert.ok(!text.includes("bravo les gars"));
  assert.ok(!text.includes("J'aime"));
  // a quoted post keeps its emoji: it is a quotation
  const quoted = body([P1, "« Une amitié sans limites 🤝 », a écrit le ministre sur son compte, avant la rencontre de mardi.", P2, P3]);
  assert.match(quoted, /Une amitié sans limites/);
});

test("a link-preview snippet with its date and site is a dateline, not the lede", () => {
  const r = extractText(
    [
      "Pékin et Moscou promettent davantage d'exercices communs",
      "",
      "Les deux armées veulent « aller plus loin » dans leur coopération, a déclaré... 05.06.2023, RIA Novosti",
      "",
      P1,
      P2,
    ].join("\n"),
  );
  assert.ok(!bodyText(r).includes("a déclaré..."));
  assert.equal(r.date, "2023-06-05");
});

test("photo credits printed with © or a photographer/agency pair are captions, and the article goes on", () => {
  const r = extractText(
    [
      "Russian and Chinese warships hold joint drills in the Sea of Japan",
      "A Chinese destroyer during the drills Li Gang/Xinhua via AP",
      "© Li Gang/Xinhua via AP",
      "Defence Minister Andrei Belousov speaks to reporters in Moscow. File photo.",
      "Image: Ministry of Defence/Handout via Reuters",
      "",
      "MOSCOW, July 20. /TASS/. Russian and Chinese warships began joint drills in the Sea of Japan, the defence ministry said on Saturday.",
      "The drills will last five days and involve more than ten ships and several aircraft from both navies, the ministry added.",
    ].join("\n"),
  );
  const text = bodyText(r);
  assert.match(text, /^MOSCOW, July 20/);
  assert.match(text, /several aircraft from both navies/);
  for (const junk of ["Xinhua via AP", "File photo", "Image:"]) assert.ok(!text.includes(junk), `${junk} leaked`);
  assert.ok(r.captions.some((c) => c.includes("File photo")));
  assert.notEqual(r.outlet?.name, "Li Gang/Xinhua via AP", "a photo credit names no outlet");
});

test("the capture's cut: the last line stopped mid-sentence is still article text", () => {
  assert.match(body([P1, P2, "Le porte-parole du ministère a ensuite affirmé que"]), /a ensuite affirmé que$/);
  assert.match(body([P1, P2, "Les négociat"]), /Les négociat$/);
  // a closing label is not
  assert.ok(!body([P1, P2, "Avec AFP"]).includes("Avec AFP"));
});

test("the cut line counts after an intertitle, never after a dateline or as a call to read on", () => {
  assert.match(body([P1, P2, "Des tensions sur l'énergie", "Par ailleurs,"]), /Par ailleurs,$/);
  const r = body([P1, P2, "Author: Jeanne Morel", "Published at: 2024-05-02 10:00:00", "Still want to read the full version? Full article"]);
  assert.ok(!r.includes("Still want to read"));
  assert.ok(!r.includes("Author:"));
});

test("'Par ailleurs', 'par exemple', 'By contrast' open sentences, they are not bylines", () => {
  const r = extractText(
    ["Diplomatie", "Moscou et Pékin signent un accord sur le gaz naturel", "", P1, P2, "Un accord sur le gaz", "Par ailleurs, les deux pays ont évoqué la sécurité régionale.", "Par exemple", P3].join("\n"),
  );
  assert.equal(r.title, "Moscou et Pékin signent un accord sur le gaz naturel");
  assert.deepEqual(r.authors, []);
  assert.match(bodyText(r), /^Les ministres de la Défense/);
});

test("a headline printed in capitals is a headline when it is long; a short one is a section label", () => {
  const r = extractText(["ASIE-PACIFIQUE", "ENTRETIEN AVEC LE MINISTRE CHINOIS AVANT SA VISITE À MOSCOU", "", "09:30 12.06.2024", "", P1, P2].join("\n"));
  assert.equal(r.title, "ENTRETIEN AVEC LE MINISTRE CHINOIS AVANT SA VISITE À MOSCOU");
  assert.equal(r.date, "2024-06-12");
});

test("English page furniture: inline 'Read more:' teasers, share and listen buttons, reading time, cookie notices", () => {
  const E1 = "Russian and Chinese bombers flew a joint patrol over the Sea of Japan on Tuesday, the defence ministry in Tokyo said.";
  const E2 = "Japan scrambled fighter jets in response and voiced its concern to both governments through diplomatic channels.";
  const E3 = "Beijing said the flight was part of an annual cooperation plan and was not aimed at any third country.";
  const r = extractText(
    [
      "We use cookies to personalise content and ads, to provide social media features and to analyse our traffic. By continuing to browse you agree.",
      "Accept all",
      "Manage preferences",
      "Russian and Chinese bombers fly joint patrol near Japan",
      "4 min read",
      "Listen to this article",
      "",
      E1,
      "Read more: Japan protests over Russian warships near Hokkaido",
      E2,
      "Share this article",
      E3,
      "Follow us on X and Facebook",
      "Trending: a different story",
    ].join("\n"),
  );
  const text = bodyText(r);
  assert.equal(r.title, "Russian and Chinese bombers fly joint patrol near Japan");
  assert.match(text, /^Russian and Chinese bombers flew/);
  assert.match(text, /not aimed at any third country\.$/);
  for (const junk of ["cookies", "Accept all", "Read more", "Hokkaido", "Share this", "min read", "Listen to", "Follow us", "Trending"]) assert.ok(!text.includes(junk), `${junk} leaked`);
});

test("a French cookie notice is furniture however long; photo credits 'Photo AFP' and 'Image source, …' are captions", () => {
  const r = extractText(
    [
      "En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de cookies et de traceurs par nos partenaires pour vous proposer des publicités adaptées à vos centres d'intérêt et réaliser des statistiques de visites.",
      "Tout accepter",
      "Continuer sans accepter",
      "Pékin et Moscou promettent davantage d'exercices communs",
      "",
      "Le ministre russe de la Défense à Pékin, le 26 avril. Photo AFP",
      "Image source, Getty Images",
      P1,
      P2,
      P3,
    ].join("\n"),
  );
  const text = bodyText(r);
  assert.match(text, /^Les ministres de la Défense/);
  for (const junk of ["cookies", "accepter", "Photo AFP", "Getty"]) assert.ok(!text.includes(junk), `${junk} leaked`);
  assert.ok(r.captions.some((c) => c.endsWith("Photo AFP")));
});

test("a section path above the headline is not the headline; a headline with a dash still is", () => {
  assert.ok(isBreadcrumb("Europe et International - Défense"));
  assert.ok(isBreadcrumb("Monde > Asie-Pacifique"));
  assert.ok(!isBreadcrumb("Guerre Russie - Ukraine : une attaque massive sur Kiev"));
  assert.ok(!isBreadcrumb("Poutine à Pékin - les enjeux d'une visite"));
  const r = extractText(["Rechercher", "Europe et International - Défense", "« Pékin reste l'allié dont Moscou a besoin »", "Le Kremlin a salué une coopération « exemplaire ».", "", P1, P2].join("\n"));
  assert.equal(r.title, "« Pékin reste l'allié dont Moscou a besoin »");
});
