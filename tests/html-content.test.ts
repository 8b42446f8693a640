/**
 * The article container of a saved HTML page, chosen by its content (src/ingest/html-content.ts):
 * each fixture in tests/fixtures/html/ is the minimal structure of a real page where the
 * article was lost when any element whose class contained a furniture word was removed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as cheerio from "cheerio";
import type { Element } from "domhandler";
import { bodyText, extractFile, extractText } from "./helpers/extract.js";
import { classWeight } from "../src/ingest/html-content.js";
import { readabilityArticle } from "../src/ingest/readability.js";
import { ingestHtml } from "../src/ingest/html.js";

const ARTICLE = ["Les marines chinoise et russe ont entamé dimanche", "Ces exercices, baptisés « Interaction maritime »", "Les deux pays affichent depuis plusieurs années"];

function assertArticle(file: string, junk: string[]) {
  const r = extractFile(`tests/fixtures/html/${file}`);
  const text = bodyText(r);
  for (const p of ARTICLE) assert.ok(text.includes(p), `${file}: missing "${p}" in ${JSON.stringify(text)}`);
  for (const j of junk) assert.ok(!text.includes(j), `${file}: furniture "${j}" leaked`);
  return r;
}

test("an article inside 'no-sidebar' / 'layout-right-sidebar' wrappers and a post classed 'tag-share tag-ads': kept; the real sidebar and the related posts ('jp-relatedposts') are not", () => {
  assertArticle("no-sidebar.html", ["Articles récents", "Un autre billet", "Un billet lié"]);
});

test("an ASP.NET page held in one <form>: the article inside it is read", () => {
  assertArticle("aspnet-form.html", ["Accueil", "VIEWSTATE"]);
});

test("Blogger: the post inside 'widget Blog' is read; the sidebar widget and share buttons are not", () => {
  assertArticle("blogger-widget.html", ["Blog ami", "BlogThis", "Envoyer par e-mail"]);
});

test("an empty <meta itemprop=articleBody> does not stand for the article; the teaser above it stays out", () => {
  assertArticle("empty-articlebody-meta.html", ["Lire aussi"]);
});

test("an article in a 'gigya-share-btns' wrapper under an 'ad-portal': share bar, related links and comments inside are pruned, the text stays", () => {
  const r = assertArticle("share-id-wrapper.html", ["Facebook", "accord de défense", "Très intéressant", "commentaires"]);
  assert.equal(r.title, "Manœuvres navales conjointes en mer du Japon");
});

test("a date in the references ('on 2015-04-02.') neither anchors the text rules nor dates the page", () => {
  const r = extractFile("tests/fixtures/html/late-byline.html");
  const text = bodyText(r);
  assert.ok(text.includes("This list covers joint naval exercises"), text);
  assert.ok(text.includes("The first exercise, Joint Sea 2012"), text);
  assert.equal(r.date, null);
});

test("lines too short to score (verse): Readability's reading is taken, without the menu", () => {
  const r = extractFile("tests/fixtures/html/short-lines.html");
  const text = bodyText(r);
  assert.ok(text.includes("les navires s'en vont."), text);
  assert.ok(!text.includes("Liens amis"), text);
});

test("class words weigh as whole parts of a class name; layout and taxonomy names carry no furniture word", () => {
  const $ = cheerio.load(
    `<div id="a" class="sidebar"></div><div id="b" class="no-sidebar"></div><div id="c" class="entry-content"></div>` +
      `<div id="d" class="post tag-share"></div><div id="e" class="shadow-box"></div><div id="f" class="gigya-share-btns text-wrapper"></div>`,
  );
  const w = (id: string) => classWeight($(`#${id}`).get(0) as Element);
  assert.ok(w("a") < 0, "sidebar");
  assert.equal(w("b"), 0, "no-sidebar");
  assert.ok(w("c") > 0, "entry-content");
  assert.ok(w("d") > 0, "post tag-share");
  assert.equal(w("e"), 0, "'shadow' holds 'ad' but not as a word");
  assert.equal(w("f"), 0, "a share word and a text word");
});

test("the second opinion never throws: empty, broken or odd pages give null or an article", () => {
  for (const html of ["", "<html>", "\u0000\u0001binary", "<body><p>court</p></body>", "<div>".repeat(300) + "texte"]) {
    assert.doesNotThrow(() => readabilityArticle(html));
  }
  const got = readabilityArticle(`<html><body><div><p>${"Une phrase assez longue pour compter dans un article, avec des virgules, ici. ".repeat(12)}</p></div></body></html>`);
  assert.ok(got && got.chars > 500 && got.content.includes("Une phrase assez longue"));
});

test("no page throws: broken markup, no body, text only, tables, nested inline blocks", () => {
  const pages = [
    "",
    "juste du texte sans balise",
    "<p>un paragraphe sans html ni body, assez long pour compter comme un paragraphe.</p>",
    "<html><body></body></html>",
    "<table><tr><td>cellule</td><td><p>Un paragraphe dans une cellule de tableau, assez long pour compter.</p></td></tr></table>",
    "<span><div><p>Un paragraphe dans un span, dans un div, assez long pour compter, oui.</p></div></span>",
    "<body><article><h1>Titre</h1><p>Il a dit « non ». Jean Dupont.</p></article></body>",
    "<body><p>Elle a répondu « peut-être » Marie Curie.</p><p>« Oui » Paul.</p></body>",
    "<ul>" + "<li><a href='#'>lien</a></li>".repeat(50) + "</ul>",
  ];
  for (const html of pages) {
    assert.doesNotThrow(() => ingestHtml(html), html);
    assert.doesNotThrow(() => extractText(html, "page.html"), html);
  }
});
