/**
 * An analyst's own remark in a Markdown note — a blockquote starting "note:" or the
 * front matter's `notes:` — is the record's `notes`, not press text: out of the body,
 * no quotation taken from it, shown on the article page apart and out of the search
 * index (tests/fixtures/notes/note-analyste.md, README "Markdown notes").
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { ingestMarkdown } from "../src/ingest/markdown.js";
import { extractRecord } from "../src/pipeline.js";
import { ArticleRecord } from "../src/record.js";
import { ROOT, runBuild, type BuildResult } from "./helpers/site.js";
import { seedFolder } from "./helpers/seed-folder.js";

const FIXTURE = path.join(ROOT, "tests/fixtures/notes/note-analyste.md");
const FM_NOTE = "À recouper avec le communiqué du ministère chinois de la Défense.";
const BODY_NOTE = "la dépêche TASS du même jour parle de « manœuvres défensives » ; chiffre de 11 navires non confirmé, vérifier auprès de l'AFP.";

describe("record", () => {
  test("the fixture: front matter notes then the note blockquote, out of the body and the quotations", async () => {
    const bytes = await readFile(FIXTURE);
    const r = ArticleRecord.parse(extractRecord({ file: "note-analyste.md", bytes }));
    assert.deepEqual(r.notes, [FM_NOTE, BODY_NOTE]);
    const text = [r.lede ?? "", ...r.body.map((b) => (typeof b === "string" ? b : b.heading))].join("\n");
    assert.doesNotMatch(text, /TASS|recouper/);
    assert.ok(!r.quotes.some((q) => /manœuvres défensives/.test(q.text)), "no quotation taken from the note");
    // the article's own quotations and its other blockquote are untouched
    assert.ok(r.quotes.some((q) => q.text === "Ces manœuvres renforcent notre capacité à répondre ensemble aux menaces"));
    assert.ok(r.body.includes("Les deux pays assurent que l'exercice « ne vise aucun pays tiers »."));
    assert.equal(r.title, "Exercice naval conjoint en mer du Japon");
    assert.deepEqual(r.warnings, [], "notes is a known front matter key");
  });

  test("forms of the label; a plain blockquote stays text; a single string; an empty note is dropped", () => {
    const doc = ingestMarkdown(
      "---\nnotes: Une seule remarque\n---\n\nTexte.\n\n> **Note :** premier point\n> sur deux lignes.\n\n> NOTES: second\n\n> note:\n\n> Citation d'un communiqué.\n\n- > note: dans une liste, reste du texte\n",
    );
    assert.deepEqual(doc.notes, ["Une seule remarque", "premier point sur deux lignes.", "second"]);
    assert.deepEqual(doc.lines.map((l) => l.text), ["Texte.", "Citation d'un communiqué.", "note: dans une liste, reste du texte"]);
  });

  test("a seed without notes has an empty list; a record from before the field parses with it empty", () => {
    const r = extractRecord({ file: "a.md", bytes: Buffer.from("# Titre\n\nUn paragraphe de texte ordinaire.\n") });
    assert.deepEqual(r.notes, []);
    const { notes: _, ...old } = r;
    assert.deepEqual(ArticleRecord.parse(old).notes, []);
  });
});

describe("site", () => {
  let build: BuildResult;
  before(async () => {
    const seeds = await seedFolder({
      "note-analyste.md": await readFile(FIXTURE),
      "hostile.md": "# Une note\n\nUn paragraphe de texte ordinaire sur la coopération.\n\n> note: <script>alert(1)</script> & <b>gras</b>\n",
    });
    build = await runBuild({ seeds, args: ["--no-search"] });
    assert.equal(build.code, 0, build.stderr);
  });

  test("the article page shows the notes apart, out of the indexed text", async () => {
    const $ = cheerio.load(await readFile(path.join(build.out, "articles/note-analyste/index.html"), "utf8"));
    const aside = $("aside.analyst-notes");
    assert.equal(aside.length, 1);
    assert.equal(aside.attr("data-pagefind-ignore"), "");
    assert.equal(aside.find("h2").text(), "Notes de l'analyste");
    const shown = aside.find(".analyst-note").map((_, p) => $(p).text().replace(/[\u00a0\u202f]/g, " ")).get();
    assert.deepEqual(shown, [FM_NOTE, BODY_NOTE]);
    assert.equal(aside.closest("[data-pagefind-body]").length, 0);
    assert.doesNotMatch($("[data-pagefind-body]").text(), /TASS|recouper/);
    // not among the article's quotations either
    assert.doesNotMatch($(".article-quotes").text(), /manœuvres défensives/);
  });

  test("a note is shown as text, never as markup", async () => {
    const $ = cheerio.load(await readFile(path.join(build.out, "articles/hostile/index.html"), "utf8"));
    assert.equal($(".analyst-note").text(), "<script>alert(1)</script> & <b>gras</b>");
    assert.equal($(".analyst-notes script, .analyst-notes b").length, 0);
    assert.equal($(".analyst-notes h2").text(), "Note de l'analyste");
  });
});
