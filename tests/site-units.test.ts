/** Unit tests of src/site: formatting, body rendering and quotation marks, variant diff, chart, CSV, grouping. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as cheerio from "cheerio";
import { dateFr, monthFr, numberFr, plural } from "../src/site/format.js";
import { blockText, renderBody } from "../src/site/body.js";
import { markDifferences, compareVariants } from "../src/site/diff.js";
import { coverageChart, monthRange } from "../src/site/chart.js";
import { toCsv } from "../src/site/csv.js";
import { groupByMonth } from "../src/site/model.js";
import { LooseText, foldedWords } from "../src/site/loose-match.js";
import { fold } from "../src/extract/text.js";
import fc from "fast-check";
import { urls } from "../src/site/urls.js";
import { parseCsv } from "./helpers/site.js";
import { ArticleRecord } from "../src/record.js";

test("dates in French with date-fns fr, the first of the month as 1er", () => {
  assert.equal(dateFr("2022-12-30"), "30 décembre 2022");
  assert.equal(dateFr("2023-11-01"), "1er novembre 2023");
  assert.equal(dateFr(null), "date inconnue");
  assert.equal(monthFr("2024-02"), "février 2024");
  assert.equal(plural(1, "article"), "1 article");
  assert.equal(plural(2, "article"), "2 articles");
});

test("numberFr prints any number as toLocaleString('fr-FR') does, thin spaces as no-break spaces (its shortcut for 0–999 too)", () => {
  const reference = (n: number) => n.toLocaleString("fr-FR").replace(/\u202f/g, "\u00a0");
  for (const n of [0, -0, 1, 999, 1000, 12345, 1234567, -1, -1000, 1.5, 999.5, 0.1234, NaN, Infinity, -Infinity, 2 ** 53]) assert.equal(numberFr(n), reference(n), String(n));
  fc.assert(fc.property(fc.oneof(fc.integer(), fc.double()), (n) => numberFr(n) === reference(n)));
});

test("seed text is never markup: every character stays literal", () => {
  for (const s of ["# titre", "1. liste", "- tiret", "<script>x</script>", "**gras** _x_", "&amp; [lien](http://x)", "> cité", "    code"]) {
    const html = renderBody(record({ body: [s] }));
    const $ = cheerio.load(html);
    assert.equal($("p").length, 1, s);
    assert.equal($("p").text(), s.trim(), s);
  }
  assert.equal(blockText(" a\n\u00a0b "), "a b");
});

function record(over: Partial<ArticleRecord>): ArticleRecord {
  return ArticleRecord.parse({
    id: "a", source: { file: "a.txt", sha256: "0".repeat(64), format: "text", encoding: "utf-8", bytes: 1, url: null },
    title: "T", date: null, dateConfidence: "none", dateEvidence: null, outlet: null, authors: [], agencies: [],
    language: "fr", lede: null, body: [], captions: [], speakers: [], mentions: [], quotes: [], eventId: null,
    via: {}, manual: [], warnings: [], ...over,
  });
}

test("the quotation plugin wraps each quotation in <q cite> and marks a hand-corrected attribution", () => {
  const putin = { id: "vladimir-poutine", name: "Vladimir Poutine", role: null, kind: "person" as const, wikidata: null, via: "registry" as const };
  const r = record({
    body: [{ heading: "Intertitre" }, "Il a dit « nous défendons nos positions » puis « la coopération a une place à part », a déclaré Vladimir Poutine.", "Sans citation."],
    speakers: [putin],
    quotes: [
      { text: "nous défendons nos positions", speakerId: putin.id, cue: null, location: "body", paragraph: 1, fragment: false, via: "text" },
      { text: "la coopération a une place à part", speakerId: putin.id, cue: null, location: "body", paragraph: 1, fragment: false, via: "manual" },
      { text: "absente du texte", speakerId: null, cue: null, location: "body", paragraph: 2, fragment: false, via: "text" },
    ],
  });
  const $ = cheerio.load(renderBody(r));
  assert.equal($("h2").text(), "Intertitre");
  const qs = $("q");
  assert.equal(qs.length, 2);
  assert.equal(qs.eq(0).text(), "nous défendons nos positions");
  assert.equal(qs.eq(0).attr("cite"), urls.person(putin.id));
  assert.equal(qs.eq(0).attr("id"), "q-1");
  assert.equal(qs.eq(0).attr("title"), "Vladimir Poutine");
  // the sentence names the speaker: no label, but the hand-corrected attribution is said, at the sentence's end
  assert.equal($("a.q-by").length, 1);
  assert.equal($("a.q-by").text(), "Vladimir Poutine (attribution corrigée à la main)");
  // The text is kept whole, marks included, the label after it.
  assert.equal($("p").first().text(), `${r.body[1]} Vladimir Poutine (attribution corrigée à la main)`);
  assert.equal($("p").last().text(), "Sans citation.");
});

test("an unattributed quotation in the article text is marked « non attribuée », never given a neighbour's name", () => {
  const putin = { id: "vladimir-poutine", name: "Vladimir Poutine", role: null, kind: "person" as const, wikidata: null, via: "registry" as const };
  const r = record({
    body: ["« Nous défendons nos positions », a déclaré Vladimir Poutine. « Rien ne changera », lit-on ailleurs."],
    speakers: [putin],
    quotes: [
      { text: "Nous défendons nos positions", speakerId: putin.id, cue: null, location: "body", paragraph: 0, fragment: false, via: "text" },
      { text: "Rien ne changera", speakerId: null, cue: null, location: "body", paragraph: 0, fragment: false, via: "text" },
    ],
  });
  const $ = cheerio.load(renderBody(r));
  assert.equal($("a.q-by").length, 0, "the sentence names Vladimir Poutine: no label");
  const unknown = $(".q-unattributed");
  assert.equal(unknown.length, 1);
  assert.equal(unknown.text(), "non attribuée");
  assert.ok(unknown.is("[data-pagefind-ignore]"), "the label is kept out of the search index");
  assert.equal(unknown.prev("q").text(), "Rien ne changera");
});

test("a speaker label only where the sentence does not name the speaker, at its end, out of the search index", () => {
  const putin = { id: "vladimir-poutine", name: "Vladimir Poutine", role: null, kind: "person" as const, wikidata: null, via: "registry" as const };
  const shoigu = { id: "serguei-choigou", name: "Sergueï Choïgou", role: null, kind: "person" as const, wikidata: null, via: "registry" as const };
  const q = (text: string, speakerId: string, paragraph: number) => ({ text, speakerId, cue: null, location: "body" as const, paragraph, fragment: false, via: "text" as const });
  const r = record({
    body: [
      "« Nous coopérons », a déclaré Poutine devant la presse.", // the surname alone names him
      "Il a ajouté que la coopération n'était pas « dirigée contre des pays tiers », selon l'agence.", // a pronoun: label
      "Le ministre a parlé de « bloc » puis de « pays occidentaux agressifs » devant les journalistes.", // two of one speaker: one label
      "« Pas un bloc militaire », a dit Sergei Shoigu.", // a registry spelling of the speaker
      '"The exercise does not target any third parties," Ren said.', // a Chinese name: the surname comes first
    ],
    speakers: [putin, shoigu, { ...putin, id: "ren-guoqiang", name: "Ren Guoqiang" }],
    quotes: [q("Nous coopérons", putin.id, 0), q("dirigée contre des pays tiers", shoigu.id, 1), q("bloc", shoigu.id, 2), q("pays occidentaux agressifs", shoigu.id, 2), q("Pas un bloc militaire", shoigu.id, 3), q("The exercise does not target any third parties", "ren-guoqiang", 4)],
  });
  const $ = cheerio.load(renderBody(r, (id) => (id === shoigu.id ? ["Sergei Shoigu", "Choïgou"] : ["Poutine"])));
  const labels = $("p").map((_, p) => $(p).find("a.q-by").map((__, a) => $(a).text()).get().join("|")).get();
  assert.deepEqual(labels, ["", "Sergueï Choïgou", "Sergueï Choïgou", "", ""]);
  // at the end of the sentence, after its full stop, kept out of Pagefind's index, with a space before it
  assert.match($("p").eq(1).html()!, /selon l'agence\. <a href="\/personnes\/serguei-choigou\/" class="q-by" data-pagefind-ignore="">/);
  // the speaker stays on each quotation (cite, and a tooltip)
  assert.equal($("p").eq(0).find("q").attr("title"), "Vladimir Poutine");
});

test("a fragment is shown inside its sentence, the quoted words marked, escaped", async () => {
  const { fragmentInContext } = await import("../src/site/model.js");
  const r = record({ body: ["Premier point. Le président a dénoncé les « pressions <sans> précédent » de l'Occident, a-t-il dit. Autre phrase."] });
  const q = { text: "pressions <sans> précédent", speakerId: null, cue: null, location: "body" as const, paragraph: 0, fragment: true, via: "text" as const };
  const html = fragmentInContext(r, q)!;
  assert.equal(html, "Le président a dénoncé les « <mark class=\"frag\">pressions &lt;sans&gt; précédent</mark> » de l&#39;Occident, a-t-il dit.");
  assert.equal(fragmentInContext(r, { ...q, text: "absent" }), null);
});

test("search terms: the registry's other spellings of the people named, and ligature words without the ligature", async () => {
  const { searchTermsOf } = await import("../src/site/model.js");
  const belousov = { id: "andrei-belooussov", name: "Andreï Belooussov", role: null, kind: "person" as const, wikidata: null, via: "registry" as const };
  const r = record({ body: ["Andreï Belooussov a assisté aux manœuvres navales."], mentions: [belousov] });
  const terms = searchTermsOf(r, () => ["Andreï Belooussov", "Andrei Belousov", "Belousov"]);
  // the spelling the text prints is not repeated (the excerpt then comes from the text)
  assert.equal(terms, "Autres graphies : Andrei Belousov, Belousov, manoeuvres");
  assert.equal(searchTermsOf(record({ body: ["Rien à ajouter."] }), () => []), "");
});

test("French typography: narrow no-break spaces inside « » and before ; : ! ? in text only", async () => {
  const { frenchTypography } = await import("../src/site/filters.js");
  const { frenchSpaces } = await import("../src/site/format.js");
  const nb = (s: string) => s.replace(/\u202f/g, "_");
  assert.equal(nb(frenchSpaces("Il a dit : « oui » ! Et toi ? a ; b")), "Il a dit_: «_oui_»_! Et toi_? a_; b");
  assert.equal(nb(frenchSpaces("à 10:30, voir http://x.fr ou « »")), "à 10:30, voir http://x.fr ou «_»");
  const html = frenchTypography('<p title="a : b">Fin : « <q>oui</q> » !</p><code>x : y</code><a href="/?a=1 ;">lien ?</a><div lang="en"><p>Note : x</p><br><p>y : z</p></div><script>a ? b : c</script><p>fin : ok</p>');
  assert.equal(nb(html), '<p title="a : b">Fin_: «_<q>oui</q>_»_!</p><code>x : y</code><a href="/?a=1 ;">lien_?</a><div lang="en"><p>Note : x</p><br><p>y : z</p></div><script>a ? b : c</script><p>fin_: ok</p>');
});

test("French typography reads markup as its former pattern did: same page on any mix of tags, comments, quotes and marks", async () => {
  const { frenchTypography } = await import("../src/site/filters.js");
  const { frenchSpaces } = await import("../src/site/format.js");
  // the former implementation: one regular expression for every tag-like piece
  const KEEP = new Set(["script", "style", "code", "pre", "textarea", "kbd", "samp"]);
  const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
  const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\/?([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  const reference = (html: string): string => {
    let out = "";
    let last = 0;
    let skip: { name: string; depth: number } | null = null;
    for (const m of html.matchAll(TAG)) {
      const text = html.slice(last, m.index);
      out += skip ? text : frenchSpaces(text);
      out += m[0];
      last = m.index + m[0].length;
      const name = m[1]?.toLowerCase();
      if (!name) continue;
      const closing = m[0][1] === "/";
      const selfClosing = VOID.has(name) || /\/\s*$/.test(m[2]);
      if (skip) {
        if (name !== skip.name || selfClosing) continue;
        skip.depth += closing ? -1 : 1;
        if (skip.depth === 0) skip = null;
      } else if (!closing && !selfClosing) {
        const lang = /\slang\s*=\s*["']?([^"'\s>]*)/i.exec(m[2])?.[1];
        if (KEEP.has(name) || (lang !== undefined && !/^fr\b/i.test(lang))) skip = { name, depth: 1 };
      }
    }
    return out + (skip ? html.slice(last) : frenchSpaces(html.slice(last)));
  };
  const tricky = [
    "<!-->« x</p> : y", "<!--- a -- b -->fin : x", "<![CDATA[ a ; b ]]> c ; d", "<![CDATA[ x > y ; z", "<!doctype html>a : b", "<!x",
    '<p title="a > b">c : d</p>', "<p title='it\"s'>e ; f</p>", '<p title="open>g : h', '<p title="a ; b>c', "<p a='x ! y>z</p>", "</ p> i ; j", "<1> k ; l", "< p>m : n",
    '<pre lang="en"><pre>a : b</pre> c : d</pre> e : f', '<div LANG=EN>a : b</div>c : d', '<span lang="fr-CA">a : b</span>', "<br/>a : b<code/>c : d",
    "<a:b-c_d x=1>« e »</a:b-c_d>", "<script>if (a < b) x ? y : z</script> fin ?", "", "« ", " ;", "<", ">", "<<p>>a : b",
    // the walk's shortcuts: "lang" in text before a tag, a name that starts like the element skipped, upper case, no mark at all
    "lang <p>a : b</p><p lang=en>c : d</p> e : f", '<p data-lang="en">a : b</p>', "<P LANG=en><p>a : b</P>c : d",
    "<pre><p>a : b</p><pr>c</pr><prex>d</prex></pre> e ; f", "<Script>a ? b</SCRIPT> c ? d", "<kbd>a : b</kbd><samp>c ; d</samp><textarea>e ! f</textarea> g ?",
    "<p>sans rien à changer</p><code>a : b</code>", "<p lang=en>a : b</p><p>c</p><p title=\"lang\">d : e</p>",
  ];
  for (const t of tricky) assert.equal(frenchTypography(t), reference(t), JSON.stringify(t));
  const piece = fc.constantFrom(
    "<", ">", "</", "/>", "<!--", "-->", "<![CDATA[", "]]>", "<!", '"', "'", "=", " ", "\n", "p", "span", "pre", "code", "script", "br", "div",
    " lang=", ' lang="en"', " lang='fr'", " LANG=EN", " lang=fr-ca", "lang", "Lang", "pr", "kbd", "SAMP", "« ", " »", " ;", " :", " !", " ?", "x", "é", "-", "_", ":",
  );
  fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
    const html = parts.join("");
    assert.equal(frenchTypography(html), reference(html));
  }), { numRuns: 20000, seed: 11 });
});

test("dates: one vocabulary, a metadata timestamp shown as a date", async () => {
  const { dateConfidenceLabel, timestampFr } = await import("../src/site/format.js");
  assert.equal(timestampFr("2024-07-15T09:42:00+02:00"), "15 juillet 2024 à 9\u00a0h\u00a042");
  assert.equal(timestampFr("2024-07-15T00:00:00Z"), "15 juillet 2024");
  assert.equal(dateConfidenceLabel("explicit", "2024-07-15T09:42:00+02:00", "html-meta"), "date des métadonnées : 15 juillet 2024 à 9\u00a0h\u00a042");
  assert.equal(dateConfidenceLabel("explicit", "08/11/2023 à 15:35", "byline"), "date imprimée : « 08/11/2023 à 15:35 »");
  assert.match(dateConfidenceLabel("inferred", "« ce lundi »", "corpus"), /^date déduite d'après/);
  assert.equal(dateConfidenceLabel("inferred", null), "date déduite");
});

test("foldedWords is fold's words with a table instead of the slow pattern: same string on any text", () => {
  const reference = (t: string) => ` ${fold(t).replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
  const tricky = ["Sergueï Choïgou", "l\u02bcOccident", "İstanbul", "½ ²", "𝐀𝐁 𝟏", "a\ud800b\udc00c", "\ud835\udc00\ud835", "한국어", "e\u0301\u0327\u1dc0x", "ﬁn", "  « x » ", "", "‘’`´", "Æsir œuvre", "Ǆ ǅ"];
  for (const t of tricky) assert.equal(foldedWords(t), reference(t), JSON.stringify(t));
  assert.equal(foldedWords("  Sergueï  CHOÏGOU, l’armée. "), " serguei choigou l armee ");
  fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 40 }), (t) => foldedWords(t) === reference(t)), { numRuns: 5000, seed: 11 });
  fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 20 }), (t) => foldedWords(t) === reference(t)), { numRuns: 2000, seed: 12 });
});

test("typography does not stop a quotation from being found", () => {
  assert.deepEqual(new LooseText("l’Occident  et\u00a0nous").find("l'Occident et nous"), [0, 19]);
  assert.equal(new LooseText("abc").find("xyz"), null);
});

test("variant diff marks the differing words of each variant, ignoring case and typography", () => {
  const a = "au maintien de la stabilité dans les régions clés";
  const b = "le maintien de la stabilité dans les régions clé";
  const $a = cheerio.load(markDifferences(a, b).html);
  assert.deepEqual($a("mark").map((_, m) => $a(m).text()).get(), ["au", "clés"]);
  const views = compareVariants([{ articleId: "x", text: a }, { articleId: "y", text: b }]);
  assert.ok(views.every((v) => v.differs));
  const $b = cheerio.load(views[1].html);
  assert.deepEqual($b("mark").map((_, m) => $b(m).text()).get(), ["le", "clé"]);
  assert.equal(markDifferences("La coopération d’abord", "la coopération d'abord").differs, false);
  assert.match(markDifferences("<b>x</b>", "y").html, /&lt;b&gt;/);
});

test("variant diff: a variant with the same words as the other (typography aside) is what diffWords gave, without running it", async () => {
  const { diffWords } = await import("diff");
  const { escapeHtml } = await import("../src/site/escape.js");
  const norm = (s: string) => s.replace(/[\u2019\u2018]/g, "'").replace(/[\s\u00a0\u202f]+/g, " ").trim();
  const viaDiff = (text: string, other: string) => {
    let html = "";
    let differs = false;
    for (const p of diffWords(norm(other), norm(text), { ignoreCase: true })) {
      if (p.added || p.removed) differs = true;
      if (!p.removed) html += escapeHtml(p.value);
    }
    return { html, differs };
  };
  const typographic = (s: string) => s.replace(/'/g, "\u2019").replace(/ /g, "\u00a0 ");
  for (const t of ["", "  ", "« Nous défendons  nos positions » !", "l'Occident & <b>x</b>", "a\n\tb  c", "’'‘"]) {
    assert.deepEqual(markDifferences(t, t), viaDiff(t, t), JSON.stringify(t));
    assert.deepEqual(markDifferences(typographic(t), t), viaDiff(typographic(t), t), JSON.stringify(t));
    assert.deepEqual(markDifferences(t.toUpperCase(), t), viaDiff(t.toUpperCase(), t), JSON.stringify(t));
  }
  fc.assert(fc.property(fc.string({ maxLength: 60 }), (t) => {
    assert.deepEqual(markDifferences(t, typographic(t)), viaDiff(t, typographic(t)));
  }), { numRuns: 2000, seed: 11 });
});

test("coverage chart: one bar per month with articles, labelled for screen readers", () => {
  assert.deepEqual(monthRange("2022-11", "2023-02"), ["2022-11", "2022-12", "2023-01", "2023-02"]);
  const svg = coverageChart(["2022-12-30", "2022-12-30", "2023-11-08", null]);
  const $ = cheerio.load(svg, { xml: true });
  assert.equal($("rect.bar").length, 2);
  assert.equal($("rect.bar-empty").length, 10);
  assert.match($("svg").attr("aria-label")!, /3 articles au total/);
  assert.equal(coverageChart([null]), "");
  // each month with articles links to its month in the timeline, its count in words (aria-label, tooltip)
  const linked = cheerio.load(coverageChart(["2022-12-30", "2022-12-30", "2023-11-08"], (m) => `/chronologie/#mois-${m}`));
  const bars = linked("svg a");
  assert.deepEqual(bars.map((_, a) => linked(a).attr("href")).get(), ["/chronologie/#mois-2022-12", "/chronologie/#mois-2023-11"]);
  assert.deepEqual(bars.map((_, a) => linked(a).attr("aria-label")).get(), ["décembre 2022 : 2 articles", "novembre 2023 : 1 article"]);
  assert.equal(bars.first().find("title").text(), "décembre 2022 : 2 articles");
  // the first and last months as HTML text, readable however small the SVG is drawn
  assert.match(linked(".chart-axis").text(), /déc\. 2022.*nov\. 2023/);
  // no year label so near the right edge that it would be cut
  const long = cheerio.load(coverageChart(["2017-07-01", "2026-01-10"]), { xml: true });
  const width = Number(long("svg").attr("viewBox")!.split(" ")[2]);
  for (const t of long("text.tick").toArray()) assert.ok(Number(long(t).attr("x")) + 30 <= width, long(t).text());
});

test("CSV quoting survives commas, quotes and newlines", () => {
  const csv = toCsv(["a", "b"], [["x, y", 'il a dit "non"'], ["ligne\nsuivante", null]]);
  assert.deepEqual(parseCsv(csv), [["a", "b"], ["x, y", 'il a dit "non"'], ["ligne\nsuivante", ""]]);
});

test("grouping by year and month keeps undated items in a last group", () => {
  const g = groupByMonth([{ date: "2023-11-08" }, { date: "2023-11-01" }, { date: "2022-12-30" }, { date: null }]);
  assert.deepEqual(g.map((y) => y.label), ["2023", "2022", "Sans date"]);
  assert.equal(g[0].months[0].label, "novembre 2023");
  assert.equal(g[0].months[0].items.length, 2);
  assert.equal(g[2].months[0].items.length, 1);
});

test("URLs are ASCII slugs, whatever the id", () => {
  assert.equal(urls.person("sergueï-lavrov"), "/personnes/serguei-lavrov/");
  assert.equal(urls.article("002-ea7b43bf03d6d809"), "/articles/002-ea7b43bf03d6d809/");
  assert.equal(urls.source("a"), "/sources/a.txt");
});

test("the build report is paginated: 500 files a page, every file listed once", async () => {
  const { buildSite, PAGE_SIZES } = await import("../src/site/model.js");
  const files = Array.from({ length: 1201 }, (_, i) => ({ file: `f${i}.txt`, status: "skipped" as const, recordId: null, warnings: ["unsupported"] }));
  const site = buildSite({ records: [], events: [], report: { files, extracted: 0, fromCache: 0 } as never }, { siteUrl: "https://example.org", pathPrefix: "/" });
  assert.equal(PAGE_SIZES.report, 500);
  assert.deepEqual(site.reportPages.map((p) => p.url), ["/rapport/", "/rapport/page-2/", "/rapport/page-3/"]);
  assert.equal(site.reportPages.flatMap((p) => p.items).length, 1201);
  assert.equal(site.reportPages[1].prev, "/rapport/");
  assert.equal(site.report.warnings.length, 1201);
});

test("outlet and person pages are paginated, 100 items a page", async () => {
  const { buildSite, PAGE_SIZES } = await import("../src/site/model.js");
  const { extractRecord } = await import("../src/pipeline.js");
  const records = Array.from({ length: 230 }, (_, i) =>
    extractRecord({
      file: `a${String(i).padStart(3, "0")}.txt`,
      bytes: new TextEncoder().encode(
        `Un titre d'article numéro ${i} assez long pour un titre\nPar euronews avec AFP\n« Nous coopérons, jour ${i} », a déclaré Vladimir Poutine lors d'une rencontre au Kremlin.`,
      ),
    }),
  );
  const site = buildSite({ records, events: [], report: { files: [], extracted: 230, fromCache: 0 } as never }, { siteUrl: "https://example.org", pathPrefix: "/" });
  assert.equal(PAGE_SIZES.outlet, 100);
  assert.deepEqual(site.outletPages.map((p) => p.url), ["/medias/euronews/", "/medias/euronews/page-2/", "/medias/euronews/page-3/"]);
  assert.equal(site.outletPages.flatMap((p) => p.items).length, 230);
  const putin = site.personPages.filter((p) => p.person.id === "vladimir-poutine");
  assert.deepEqual(putin.map((p) => p.items.length), [100, 100, 30]);
  assert.equal(putin[2].prev, "/personnes/vladimir-poutine/page-2/");
});

test("search buckets: each id in one bucket, chosen by the id alone; the first never empty", async () => {
  const { searchBuckets, SEARCH_BUCKET_PAGES, SEARCH_MAX_BUCKETS } = await import("../src/site/after-build.js");
  assert.deepEqual(searchBuckets(["b", "a"]), [["a", "b"]]);
  const ids = Array.from({ length: SEARCH_BUCKET_PAGES * 5 }, (_, i) => `a${i}`);
  const buckets = searchBuckets(ids);
  assert.equal(buckets.length, 8);
  assert.deepEqual(buckets.flat().sort(), [...ids].sort());
  assert.ok(buckets[0]!.length > 0);
  // one more id changes one bucket only
  const more = searchBuckets([...ids, "nouveau"]);
  assert.equal(more.filter((b, k) => b.join() !== buckets[k]!.join()).length, 1);
  assert.ok(searchBuckets(Array.from({ length: 100_000 }, (_, i) => `x${i}`)).length <= SEARCH_MAX_BUCKETS);
  // the articles of one group (an event) share a bucket
  const grouped = searchBuckets(ids, (id) => (id.endsWith("7") ? "event x" : id));
  assert.equal(grouped.filter((b) => b.some((id) => id.endsWith("7"))).length, 1);
});

test("a headline quotation printed again in the text is marked there", async () => {
  const { extractRecord } = await import("../src/pipeline.js");
  const r = extractRecord({
    file: "t.txt",
    bytes: new TextEncoder().encode(
      'Poutine salue une coopération "de plus en plus importante"\nPar Paul Roux, publié le 08/11/2023\nLa coopération est "de plus en plus importante", s\'est réjoui mercredi le président Vladimir Poutine devant la presse.\nUn second paragraphe pour que le premier soit le chapeau de cet article de test.',
    ),
  });
  assert.equal(r.quotes[0].location, "title");
  const html = renderBody(r);
  const lede = (await import("../src/site/body.js")).renderLede(r);
  assert.match(lede + html, /<q[^>]*>de plus en plus importante<\/q>|de plus en plus importante<\/q>/);
});
