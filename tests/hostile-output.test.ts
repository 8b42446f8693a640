/**
 * Issue 10, unsafe or wrong output: each case is built from a seed (or read
 * through the cache) and checked in what lands in dist/: quotes.csv cells that
 * a spreadsheet would run, characters XML forbids in the feed, non-http source
 * URLs, cache status in the build report, and the size of the site for a
 * headline-less transcript full of quotations.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { seedFolder } from "./helpers/seed-folder.js";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ArticleRecord } from "../src/record.js";
import { toCsv } from "../src/site/csv.js";
import { stripNonXmlChars } from "../src/site/escape.js";
import { httpUrl } from "../src/safe-url.js";
import { clipAtWord, TITLE_MAX } from "../src/clip.js";
import { listFiles, load, parseCsv, runBuild, type BuildResult } from "./helpers/site.js";

/** Characters outside XML 1.0's Char production. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const FORMULA_QUOTES = ["=HYPERLINK(\"http://evil.example\",\"clic\")", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0"];

function hostileSeeds(): Promise<string> {
  return seedFolder({
    "formules.txt": "La Russie et la Chine signent un accord de défense\nPar Paul Roux, publié le 02/02/2025\n\n" +
      FORMULA_QUOTES.map((q) => `« ${q} », a déclaré Sergueï Choïgou lors de la réunion à Moscou.`).join("\n\n") + "\n",
    // U+FFFE, U+FFFF and a C0 control in the headline (all valid UTF-8)
    "interdits.txt": "Pékin\uFFFE et Moscou\uFFFF renforcent\u0001 leur coopération\nPar Anne Nord, publié le 03/02/2025\n\n« Nos armées travaillent ensemble », a déclaré Dong Jun à Pékin.\n",
    "canonique.html": `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Exercice naval conjoint en mer de Chine</title>
<link rel="canonical" href="javascript:alert(document.domain)"></head>
<body><article><h1>Exercice naval conjoint en mer de Chine</h1><p>Publié le 04/02/2025</p>
<p>« Les manœuvres dureront une semaine », a déclaré Dmitri Peskov devant la presse au Kremlin.</p></article></body></html>\n`,
    "jsonld.html": `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Visite du ministre chinois à Moscou</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Visite du ministre chinois à Moscou","url":"data:text/html,<script>alert(1)</script>","datePublished":"2025-02-05"}</script></head>
<body><article><h1>Visite du ministre chinois à Moscou</h1>
<p>« Une visite historique », a déclaré Sergueï Lavrov lors d'une conférence de presse.</p></article></body></html>\n`,
    "front.md": "---\ntitle: Patrouille aérienne commune au-dessus du Pacifique\ndate: 2025-02-06\nurl: \"javascript:alert('front')\"\n---\n\n« Une patrouille de routine », a déclaré Wu Qian, porte-parole du ministère chinois de la Défense.\n",
    "bonne-adresse.md": "---\ntitle: Manœuvres terrestres en Mongolie-Intérieure\ndate: 2025-02-07\nurl: https://www.example.org/2025/02/07/manoeuvres\n---\n\n« Tout s'est bien passé », a déclaré Dmitri Peskov.\n",
  }, "revue-output-");
}

describe("hostile output", () => {
  let cold: BuildResult;
  let warm: BuildResult;
  let records: ArticleRecord[];

  before(async () => {
    const seeds = await hostileSeeds();
    // The same cache folder (beside both outputs) for both builds: the second takes every record from it.
    const dir = await mkdtemp(path.join(tmpdir(), "revue-output-builds-"));
    cold = await runBuild({ seeds, out: path.join(dir, "dist"), args: ["--no-search"] });
    assert.equal(cold.code, 0, cold.stderr);
    warm = await runBuild({ seeds, out: path.join(dir, "dist-warm"), args: ["--no-search"] });
    assert.equal(warm.code, 0, warm.stderr);
    records = JSON.parse(await readFile(path.join(cold.out, "records.json"), "utf8")).records;
  });

  test("quotes.csv: cells starting with = + - @ open as text (a leading ' and quoted)", async () => {
    const raw = await readFile(path.join(cold.out, "quotes.csv"), "utf8");
    const rows = parseCsv(raw, ";");
    const text = rows[0].indexOf("text");
    const cells = rows.slice(1).map((r) => r[text]);
    for (const q of FORMULA_QUOTES) {
      assert.ok(cells.includes(`'${q}`), `${q} not neutralized in ${JSON.stringify(cells)}`);
      assert.ok(raw.includes(`"'${q.replace(/"/g, '""')}"`), `${q} not quoted`);
    }
    for (const row of rows.slice(1)) for (const c of row) assert.doesNotMatch(c, /^[=+\-@\t\r]/, `raw formula cell ${c}`);
  });

  test("feed.xml and sitemap.xml hold no character XML forbids; the headline keeps its words", async () => {
    for (const f of ["feed.xml", "sitemap.xml"]) {
      const xml = await readFile(path.join(cold.out, f), "utf8");
      assert.doesNotMatch(xml, NOT_XML, f);
    }
    const feed = await readFile(path.join(cold.out, "feed.xml"), "utf8");
    assert.match(feed, /<title>Pékin et Moscou renforcent leur coopération<\/title>/);
  });

  test("records.json and the pages keep only http(s) source URLs", async () => {
    const json = await readFile(path.join(cold.out, "records.json"), "utf8");
    assert.doesNotMatch(json, /javascript:|data:text/i);
    const byFile = new Map(records.map((r) => [r.source.file, r]));
    for (const f of ["canonique.html", "jsonld.html", "front.md"]) assert.equal(byFile.get(f)?.source.url, null, f);
    assert.equal(byFile.get("bonne-adresse.md")?.source.url, "https://www.example.org/2025/02/07/manoeuvres");
    for (const f of (await listFiles(cold.out)).filter((x) => x.endsWith(".html"))) {
      const $ = await load(cold.out, f);
      $("[href], [src]").each((_, el) => {
        const v = $(el).attr("href") ?? $(el).attr("src") ?? "";
        assert.doesNotMatch(v, /^\s*(javascript|data|vbscript):/i, `${f}: ${v}`);
      });
    }
    const good = byFile.get("bonne-adresse.md")!;
    const $ = await load(cold.out, `articles/${good.id}/index.html`);
    assert.equal($(".article-source a[rel~=external]").attr("href"), "https://www.example.org/2025/02/07/manoeuvres");
  });

  test("a warm build (every record from the cache) writes the same bytes as a cold one; the figures stay on the terminal", async () => {
    assert.match(cold.stdout, /0 du cache/);
    assert.match(warm.stdout, /6 du cache/);
    const a = await listFiles(cold.out);
    assert.deepEqual(await listFiles(warm.out), a);
    for (const f of a) {
      const [x, y] = await Promise.all([readFile(path.join(cold.out, f)), readFile(path.join(warm.out, f))]);
      assert.ok(x.equals(y), `${f} differs between a cold and a warm build`);
    }
    const report = await readFile(path.join(warm.out, "rapport/index.html"), "utf8");
    assert.doesNotMatch(report, /cache|cached/i);
  });
});

describe("a headline-less transcript full of quotations", () => {
  test("the title is cut at a word boundary and the site stays proportionate to the seed", { timeout: 300_000 }, async () => {
    // one paragraph, no full stop, no headline: ~70 KB and ~2,000 quotations
    const parts: string[] = [];
    for (let i = 0; parts.join(" ; ").length < 70_000; i++) parts.push(`« réponse ${i} », a dit Choïgou`);
    const seed = parts.join(" ; ") + "\n";
    const seeds = await seedFolder({ "transcription.txt": seed }, "revue-transcript-");
    const b = await runBuild({ seeds, args: ["--no-search"] });
    assert.equal(b.code, 0, b.stderr);
    const rec: ArticleRecord = JSON.parse(await readFile(path.join(b.out, "records.json"), "utf8")).records[0];
    assert.ok(rec.quotes.length > 1000, `${rec.quotes.length} quotations`);
    assert.ok(rec.title && rec.title.length <= TITLE_MAX, `title of ${rec.title?.length} characters`);
    assert.ok(rec.title.endsWith("…"));
    assert.ok(seed.startsWith(rec.title.slice(0, -1)), "the title is the start of the text");
    assert.match(seed.slice(rec.title.length - 1), /^[\s,;:.]/u, "cut at a word boundary");
    let total = 0;
    let largest = { file: "", size: 0 };
    for (const f of await listFiles(b.out)) {
      const { size } = await stat(path.join(b.out, f));
      total += size;
      if (size > largest.size) largest = { file: f, size };
    }
    // every page lists each quotation once or not at all, with a bounded label: a few hundred bytes of
    // markup per quotation and page (about 2.8 KB in all for these 10-character quotations), whatever the title.
    // Before the title limit, the whole 78 KB paragraph was printed with every quotation (hundreds of MB).
    const bytes = Buffer.byteLength(seed);
    assert.ok(total / rec.quotes.length < 4_000, `${Math.round(total / rec.quotes.length)} bytes of site per quotation`);
    assert.ok(total < 100 * bytes, `the site is ${total} bytes for a ${bytes}-byte seed`);
    assert.ok(largest.size < 25 * bytes, `${largest.file} is ${largest.size} bytes for a ${bytes}-byte seed`);
  });
});

describe("output helpers", () => {
  test("the labels printed with each quotation are bounded even for a sidecar's long title, outlet or speaker", async () => {
    const { buildSite } = await import("../src/site/model.js");
    const { extractRecord } = await import("../src/pipeline.js");
    const r = extractRecord({
      file: "a.txt",
      bytes: new TextEncoder().encode("Un titre\nPar Paul Roux, publié le 02/02/2025\n« Oui », a déclaré Vladimir Poutine. « Non », a déclaré Vladimir Poutine.\n"),
    });
    const long = "mot ".repeat(5_000).trim();
    const speakers = r.speakers.map((p) => ({ ...p, name: `${p.name} ${long}`, role: long }));
    const outlet = { id: "long", name: long };
    const site = buildSite({ records: [{ ...r, title: long, outlet, speakers, manual: ["title", "outlet"] }], events: [], report: { files: [], extracted: 1, fromCache: 0 } as never }, { siteUrl: "https://example.org", pathPrefix: "/" });
    assert.ok(site.articles[0].quotes.length >= 2);
    for (const q of site.articles[0].quotes) {
      for (const label of [q.articleTitle, q.outlet!.name, q.speaker!.name, q.speaker!.role!]) assert.ok(label.length <= TITLE_MAX && label.endsWith("…"), label.slice(0, 40));
    }
    const text = site.articles[0].ledeHtml + site.articles[0].bodyHtml;
    assert.match(text, /<q /, "quotations marked in the text");
    assert.ok(!text.includes(long), "the speaker link after a quotation carries the whole name");
    assert.equal(site.articles[0].title, long, "the page's own headline is the sidecar's, whole");
  });

  test("toCsv neutralizes every formula start OWASP lists: = + - @ tab CR", () => {
    const csv = toCsv(["a"], [["=1+1"], ["+1"], ["-1"], ["@A1"], ["\tx"], ["\rx"], ["ordinaire"], [-3], [null]]);
    assert.deepEqual(parseCsv(csv).slice(1).map((r) => r[0]), ["'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "ordinaire", "-3", ""]);
    assert.ok(csv.includes(`"'=1+1"`));
  });

  test("stripNonXmlChars drops C0 controls, U+FFFE/U+FFFF and lone surrogates, keeps the rest", () => {
    assert.equal(stripNonXmlChars("a\u0000b\u0008c\u000Bd\uFFFEe\uFFFFf\uD800g\uDC00h"), "abcdefgh");
    assert.equal(stripNonXmlChars("tab\tLF\nCR\r é 😀 \uE000"), "tab\tLF\nCR\r é 😀 \uE000");
  });

  test("httpUrl keeps absolute http(s) addresses only", () => {
    assert.equal(httpUrl("https://example.org/a?b=1"), "https://example.org/a?b=1");
    assert.equal(httpUrl(" HTTP://example.org/ "), "HTTP://example.org/");
    for (const bad of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example/", "/relative", "https://", "https://exa mple.org/", "https://a.example/\u0000", null, undefined, ""]) {
      assert.equal(httpUrl(bad), null, String(bad));
    }
  });

  test("clipAtWord cuts long text at a word boundary with an ellipsis, never over the limit", () => {
    assert.equal(clipAtWord("court"), "court");
    const long = "mot ".repeat(100).trim();
    const cut = clipAtWord(long, 50);
    assert.ok(cut.length <= 50 && cut.endsWith("mot…"), cut);
    assert.equal(clipAtWord("x".repeat(80), 20), "x".repeat(19) + "…");
    assert.ok(clipAtWord("😀".repeat(30), 21).length <= 21);
    assert.doesNotMatch(clipAtWord("😀".repeat(30), 21), /[\uD800-\uDBFF]…$/);
  });
});
