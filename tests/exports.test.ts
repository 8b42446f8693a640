/**
 * Sharing and exports (issue 12): Atom and JSON Feed entries with the lede and the
 * key quotation, undated articles pointed to rather than left out, the TimelineJS
 * export, quotes.csv for French spreadsheets, source copies in UTF-8 with a BOM,
 * and the SITE_URL warning of a deployment build. Pure builders first, then the
 * files a real build writes.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { SaxesParser } from "saxes";
import { z } from "zod";
import { feedEntries, jsonFeed, timelineJs, sourceTextCopy, articleKeyQuote, FEED_LEDE_MAX, TIMELINE_GROUPS, type FeedArticle, type TimelineEvent } from "../src/site/exports.js";
import { toCsv, quotesCsv, SPREADSHEET_FR, QUOTES_CSV_COLUMNS } from "../src/site/csv.js";
import type { ArticleView, LinkRef, QuoteView } from "../src/site/model.js";
import type { ArticleRecord, EventRecord } from "../src/record.js";
import { parseCsv, runBuild, type BuildResult } from "./helpers/site.js";
import { seedFolder } from "./helpers/seed-folder.js";

const abs = (u: string) => `https://exemple.test${u}`;

// ---- formats, written from their specifications ----

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const httpUrl = z.string().regex(/^https?:\/\/[^\s]+$/);

/** JSON Feed 1.1 (jsonfeed.org/version/1.1): the keys it defines, nothing else (extensions start with "_"). */
const JsonFeedItem = z
  .object({
    id: z.string().min(1),
    url: httpUrl.optional(),
    external_url: httpUrl.optional(),
    title: z.string().optional(),
    content_html: z.string().optional(),
    content_text: z.string().optional(),
    summary: z.string().optional(),
    image: httpUrl.optional(),
    date_published: z.string().regex(RFC3339).optional(),
    date_modified: z.string().regex(RFC3339).optional(),
    authors: z.array(z.object({ name: z.string().min(1), url: httpUrl.optional() }).strict()).min(1).optional(),
    tags: z.array(z.string()).optional(),
    language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/).optional(),
  })
  .strict()
  .refine((i) => i.content_html !== undefined || i.content_text !== undefined, "an item needs content_html or content_text");
const JsonFeed = z
  .object({
    version: z.literal("https://jsonfeed.org/version/1.1"),
    title: z.string().min(1),
    home_page_url: httpUrl.optional(),
    feed_url: httpUrl.optional(),
    description: z.string().optional(),
    language: z.string().optional(),
    items: z.array(JsonFeedItem),
  })
  .strict();

/** TimelineJS 3 data (timeline.knightlab.com/docs/json-format.html): slides, dates as numbers. */
const TlDate = z.object({ year: z.number().int(), month: z.number().int().min(1).max(12).optional(), day: z.number().int().min(1).max(31).optional() }).strict();
const TlText = z.object({ headline: z.string().optional(), text: z.string().optional() }).strict();
const TlSlide = z
  .object({
    start_date: TlDate,
    end_date: TlDate.optional(),
    text: TlText.optional(),
    group: z.string().optional(),
    display_date: z.string().optional(),
    unique_id: z.string().optional(),
    autolink: z.boolean().optional(),
  })
  .strict();
const Timeline = z.object({ title: z.object({ text: TlText }).strict().optional(), events: z.array(TlSlide) }).strict();

/** Well-formed XML or the parser's error (saxes checks well-formedness strictly; cheerio does not). */
function xmlError(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: true });
  let error: string | null = null;
  parser.on("error", (e) => {
    error ??= e.message;
  });
  parser.write(xml).close();
  return error;
}

// ---- builders ----

const quote = (text: string, speaker: string | null, fragment = false): QuoteView =>
  ({ text, speaker: speaker && { id: speaker.toLowerCase().replace(/ /g, "-"), name: speaker, url: "/p/", role: null }, fragment }) as unknown as QuoteView;

function article(id: string, over: Partial<FeedArticle>): FeedArticle {
  return {
    id, url: `/articles/${id}/`, title: `Titre ${id}`, date: null, dateLabel: "date inconnue", outlet: { id: "o", name: "Le Monde", url: "/medias/o/" } as FeedArticle["outlet"],
    authors: [], sourceUrl: null, quotes: [], event: null, lede: null, language: "fr", ...over,
  };
}

describe("feed entries (Atom and JSON Feed)", () => {
  const keyOfEvent = (id: string) => (id === "e1" ? "PAS un  bloc militaire" : null);
  const articles = [
    article("a1", {
      date: "2024-01-02", dateLabel: "2 janvier 2024", lede: "<b>Lede</b> & co", sourceUrl: "https://www.lemonde.fr/x",
      event: { id: "e1", url: "/evenements/e1/", title: "Visite", others: 1 },
      quotes: [quote("pressions", "Vladimir Poutine", true), quote("Nous coopérons", null), quote("Pas un bloc militaire", "Vladimir Poutine")],
    }),
    article("a2", { date: "2024-03-01", dateLabel: "1er mars 2024", lede: "x ".repeat(500), quotes: [quote("au printemps", "Xi Jinping", true)] }),
    article("a3", { title: "Sans date <script>" }),
    article("a4", { outlet: null }),
  ];
  const opts = { abs, keyQuoteOfEvent: keyOfEvent, undatedUrl: "/non-dates/" };

  test("dated articles newest first, each with its lede, its key quotation and its speaker, escaped", () => {
    const entries = feedEntries(articles, opts);
    assert.deepEqual(entries.map((e) => e.url), [abs("/articles/a2/"), abs("/articles/a1/"), abs("/non-dates/")]);
    const a1 = entries[1];
    assert.equal(a1.updated, "2024-01-02T00:00:00Z");
    // the event's key quotation, printed by this article (case and spaces aside), wins over the first full one
    assert.match(a1.contentHtml, /<p>&lt;b&gt;Lede&lt;\/b&gt; &amp; co<\/p><blockquote><p>«\u00a0Pas un bloc militaire\u00a0»<\/p><p>— Vladimir Poutine<\/p><\/blockquote>/);
    assert.match(a1.contentHtml, /2 janvier 2024 · Le Monde/);
    assert.match(a1.contentHtml, /<a href="https:\/\/www.lemonde.fr\/x">article original<\/a>/);
    assert.match(a1.contentHtml, /<a href="https:\/\/exemple.test\/evenements\/e1\/">Visite<\/a>/);
    assert.equal(a1.summary, "<b>Lede</b> & co «\u00a0Pas un bloc militaire\u00a0» (Vladimir Poutine)");
    // fragments only: no key quotation; a long lede is cut at a word
    assert.doesNotMatch(entries[0].contentHtml, /blockquote/);
    assert.ok(entries[0].summary.length <= FEED_LEDE_MAX && entries[0].summary.endsWith("…"));
  });

  test("the key quotation: a fragment is never one; without a speaker it says so", () => {
    assert.equal(articleKeyQuote({ quotes: [quote("pressions", "A B", true)] }, null), null);
    assert.deepEqual(articleKeyQuote({ quotes: [quote("Nous coopérons", null), quote("Oui", "A B")] }, null), { text: "Oui", speaker: "A B" });
    assert.deepEqual(articleKeyQuote({ quotes: [quote("Nous coopérons", null)] }, null), { text: "Nous coopérons", speaker: null });
    const [e] = feedEntries([article("u", { date: "2024-01-01", quotes: [quote("Nous coopérons", null)] })], opts);
    assert.match(e.contentHtml, /<p>— citation non attribuée<\/p>/);
  });

  test("undated articles: one entry points to their page and lists them; it changes with them", () => {
    const entries = feedEntries(articles, opts);
    const notice = entries[entries.length - 1];
    assert.equal(notice.title, "Articles sans date (2)");
    assert.equal(notice.date, "2024-03-01", "the feed's latest date: no clock");
    assert.match(notice.contentHtml, /<a href="https:\/\/exemple.test\/non-dates\/">Articles sans date<\/a>/);
    assert.match(notice.contentHtml, /<li><a href="https:\/\/exemple.test\/articles\/a3\/">Sans date &lt;script&gt;<\/a> \(Le Monde\)<\/li>/);
    assert.match(notice.contentHtml, /<li><a href="https:\/\/exemple.test\/articles\/a4\/">Titre a4<\/a><\/li>/);
    const fewer = feedEntries(articles.slice(0, 3), opts);
    assert.notEqual(fewer[fewer.length - 1].id, notice.id, "a new id when the undated articles change");
    assert.equal(feedEntries(articles, opts)[2].id, notice.id, "the same id for the same articles");
    assert.ok(feedEntries(articles.slice(0, 2), opts).every((e) => !e.url.endsWith("/non-dates/")), "no entry when every article is dated");
  });

  test("feed.json is JSON Feed 1.1", () => {
    const feed = JSON.parse(jsonFeed(feedEntries(articles, opts), { title: "Revue", description: "d", homeUrl: abs("/"), feedUrl: abs("/feed.json") }));
    const parsed = JsonFeed.safeParse(feed);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.equal(feed.items.length, 3);
    assert.equal(feed.items[1].external_url, "https://www.lemonde.fr/x");
    assert.deepEqual(feed.items[1].authors, [{ name: "Le Monde" }]);
    assert.deepEqual(feed.items[1].tags, ["Visite"]);
    // and the schema is not a formality: a feed without content or with a bare date fails it
    assert.equal(JsonFeed.safeParse({ ...feed, items: [{ id: "x" }] }).success, false);
    assert.equal(JsonFeed.safeParse({ ...feed, items: [{ ...feed.items[0], date_published: "2024-01-02" }] }).success, false);
  });
});

describe("timeline.json (TimelineJS)", () => {
  const ev = (id: string, date: string | null, over: Partial<TimelineEvent> = {}): TimelineEvent =>
    ({ id, url: `/evenements/${id}/`, title: `Événement ${id} <i>`, date, dateLabel: date ?? "date inconnue", outlets: [{ id: "o", name: "RT", url: "/" }] as unknown as LinkRef[], articles: [{}, {}] as ArticleView[], keyQuote: null, known: false, ...over }) as TimelineEvent;
  const events = [
    ev("b", "2024-10-14", { known: true, keyQuote: { text: "approfondir <la> coopération", speaker: { id: "dong-jun", name: "Dong Jun", url: "/" } } as TimelineEvent["keyQuote"] }),
    ev("a", "2022-12-30"),
    ev("nd", null),
  ];
  const data = JSON.parse(timelineJs(events, { abs, title: "Revue", tagline: "t", undatedArticles: 3, undatedUrl: "/non-dates/" }));

  test("Knight Lab's format: one slide per dated event, numeric dates, text, group; a title slide", () => {
    const parsed = Timeline.safeParse(data);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.deepEqual(data.events.map((e: { start_date: unknown }) => e.start_date), [{ year: 2022, month: 12, day: 30 }, { year: 2024, month: 10, day: 14 }]);
    assert.deepEqual(data.events.map((e: { group: string }) => e.group), [TIMELINE_GROUPS.press, TIMELINE_GROUPS.calendar]);
    assert.deepEqual(data.events.map((e: { unique_id: string }) => e.unique_id), ["a", "b"]);
    // TimelineJS renders headline and text as HTML: seed text is escaped
    assert.equal(data.events[1].text.headline, "Événement b &lt;i&gt;");
    assert.match(data.events[1].text.text, /«\u00a0approfondir &lt;la&gt; coopération\u00a0»<\/p><p>— Dong Jun/);
    assert.match(data.events[1].text.text, /<a href="https:\/\/exemple.test\/evenements\/b\/">/);
    // the undated are not on the axis, and the title slide says where they are
    assert.match(data.title.text.text, /3 articles sans date .*<a href="https:\/\/exemple.test\/non-dates\/">/);
    assert.equal(Timeline.safeParse({ events: [{ start_date: { year: "2024" } }] }).success, false, "a year as text is not the documented number");
  });
});

describe("quotes.csv for French spreadsheets", () => {
  test("BOM, ';' between cells, CRLF, RFC 4180 quoting, formulas neutralized; it parses back", () => {
    const csv = toCsv(["a", "b"], [["x; y", 'il a dit "non"'], ["=1+1", "ligne\nsuivante"], ["Pékin", null]], SPREADSHEET_FR);
    const bytes = Buffer.from(csv, "utf8");
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(csv.slice(1, csv.indexOf("\r\n")), "a;b");
    assert.ok(csv.includes('"x; y"'), "a cell holding the separator is quoted");
    assert.ok(csv.includes(`"'=1+1"`));
    assert.ok(csv.endsWith("\r\n"));
    assert.deepEqual(parseCsv(csv, ";"), [["a", "b"], ["x; y", 'il a dit "non"'], ["'=1+1", "ligne\nsuivante"], ["Pékin", ""]]);
    // read with the wrong separator, the row falls apart: the separator is what a French spreadsheet expects
    assert.notDeepEqual(parseCsv(csv, ",")[1], ["x; y", 'il a dit "non"']);
  });

  test("columns: event, title and original URL with each quotation", () => {
    const q = { ...quote("Nous coopérons", "Vladimir Poutine"), articleId: "a1", date: "2024-01-02", articleTitle: "Titre; long", url: "/articles/a1/#q-1", outlet: { id: "o", name: "Le Monde", url: "/" }, manual: false } as QuoteView;
    const a = { ...article("a1", { sourceUrl: "https://www.lemonde.fr/x", event: { id: "e1", url: "/evenements/e1/", title: "Visite d'État", others: 0 } }) } as unknown as ArticleView;
    const rows = parseCsv(quotesCsv([q], (id) => (id === "a1" ? a : undefined), abs), ";");
    assert.deepEqual(rows[0], QUOTES_CSV_COLUMNS);
    const row = Object.fromEntries(rows[0].map((c, i) => [c, rows[1][i]]));
    assert.deepEqual(
      { title: row.title, event: row.event, event_id: row.event_id, source_url: row.source_url, url: row.url, speaker: row.speaker },
      { title: "Titre; long", event: "Visite d'État", event_id: "e1", source_url: "https://www.lemonde.fr/x", url: abs("/articles/a1/#q-1"), speaker: "Vladimir Poutine" },
    );
  });
});

describe("source copies: UTF-8 with a BOM", () => {
  const BOM = [0xef, 0xbb, 0xbf];
  test("a UTF-8 seed keeps its bytes after the mark; other encodings are re-encoded; no second mark", () => {
    const utf8 = Buffer.from("Pékin et Moscou\n", "utf8");
    assert.deepEqual([...sourceTextCopy(utf8)], [...BOM, ...utf8]);
    const withBom = Buffer.from([...BOM, ...utf8]);
    assert.deepEqual([...sourceTextCopy(withBom)], [...withBom]);
    const cp1252 = Buffer.from([0x50, 0xe9, 0x6b, 0x69, 0x6e, 0x20, 0x93, 0x6f, 0x75, 0x69, 0x94, 0x0a]); // Pékin “oui”
    const copy = sourceTextCopy(cp1252);
    assert.deepEqual([...copy.subarray(0, 3)], BOM);
    assert.equal(new TextDecoder("utf-8", { ignoreBOM: false }).decode(copy), "Pékin “oui”\n");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Choïgou\n", "utf16le")]);
    assert.equal(Buffer.from(sourceTextCopy(utf16)).toString("utf8"), "\uFEFFChoïgou\n");
  });
});

// ---- a real build ----

const DATED = `---
title: Pékin et Moscou renforcent leur coopération
date: 2024-03-03
outlet: Le Figaro
url: https://www.lefigaro.fr/exemple
---

Le ministre russe de la Défense a été reçu à Pékin pour des entretiens sur la coopération militaire entre les deux pays, selon l'agence officielle.

« Notre coopération n'est dirigée contre aucun pays tiers », a déclaré le porte-parole du ministère chinois.
`;
const UNDATED = `Une note de synthèse sans date

Les échanges entre les états-majors se poursuivent, d'après plusieurs sources diplomatiques qui n'ont pas souhaité être nommées ici.

« Rien n'est encore décidé », a indiqué un diplomate européen en poste dans la région.
`;
// Windows-1252: "é" is one byte, 0xE9
const LATIN1 = Buffer.from("Exercice conjoint en mer\n\nPar Paul Roux, le 5 avril 2024\n\nLes marines des deux pays ont mené un exercice conjoint en mer, a indiqué le ministère, précisant que l'opération était prévue de longue date.\n", "latin1");

describe("the files a build writes", () => {
  let plain: BuildResult;
  let deployed: BuildResult;
  let records: ArticleRecord[];
  let events: EventRecord[];
  before(async () => {
    const seeds = await seedFolder({ "datee.md": DATED, "sans-date.txt": UNDATED, "latin.txt": LATIN1 });
    const env = { SITE_URL: "" };
    plain = await runBuild({ seeds, env, args: ["--no-search"] });
    assert.equal(plain.code, 0, plain.stderr);
    deployed = await runBuild({ seeds, env: { SITE_URL: "https://revue.exemple.fr/" }, args: ["--no-search"] });
    assert.equal(deployed.code, 0, deployed.stderr);
    ({ records, events } = JSON.parse(await readFile(path.join(plain.out, "records.json"), "utf8")));
    assert.ok(records.some((r) => !r.date) && records.some((r) => r.date), "the corpus has dated and undated articles");
  });

  test("a build without SITE_URL says so on stderr; with it, the feeds use it", async () => {
    assert.match(plain.stderr, /avertissement : SITE_URL n'est pas défini.*https:\/\/revue\.example/);
    assert.doesNotMatch(deployed.stderr, /SITE_URL/);
    const feed = await readFile(path.join(deployed.out, "feed.xml"), "utf8");
    assert.match(feed, /<link href="https:\/\/revue\.exemple\.fr\/feed\.xml" rel="self"\/>/);
    assert.doesNotMatch(feed, /revue\.example/);
  });

  test("feed.xml and sitemap.xml are well-formed XML; entries carry the lede and the quotation; the undated are pointed to", async () => {
    const xml = await readFile(path.join(plain.out, "feed.xml"), "utf8");
    assert.equal(xmlError(xml), null);
    assert.equal(xmlError(await readFile(path.join(plain.out, "sitemap.xml"), "utf8")), null);
    assert.notEqual(xmlError(xml.replace("</feed>", "")), null, "the check does fail on broken XML");
    const $ = cheerio.load(xml, { xml: true });
    const dated = records.filter((r) => r.date);
    assert.equal($("entry").length, dated.length + 1);
    const entry = $("entry").filter((_, e) => $(e).find("title").text() === "Pékin et Moscou renforcent leur coopération");
    const content = cheerio.load(entry.find("content[type=html]").text());
    assert.match(content("p").first().text(), /Le ministre russe de la Défense a été reçu à Pékin/);
    assert.match(content("blockquote").text(), /Notre coopération n'est dirigée contre aucun pays tiers/);
    const notice = $("entry").last();
    assert.match(notice.find("link").attr("href")!, /\/non-dates\/$/);
    assert.match(notice.find("content").text(), /Une note de synthèse sans date/);
  });

  test("feed.json: JSON Feed 1.1 with the same entries, linked from every page", async () => {
    const feed = JSON.parse(await readFile(path.join(plain.out, "feed.json"), "utf8"));
    const parsed = JsonFeed.safeParse(feed);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    const $ = cheerio.load(await readFile(path.join(plain.out, "feed.xml"), "utf8"), { xml: true });
    assert.deepEqual(feed.items.map((i: { id: string }) => i.id), $("entry > id").map((_, e) => $(e).text()).get());
    for (const page of ["index.html", `articles/${records[0].id}/index.html`]) {
      const html = cheerio.load(await readFile(path.join(plain.out, page), "utf8"));
      assert.equal(html('link[rel=alternate][type="application/feed+json"]').attr("href"), "/feed.json", page);
    }
  });

  test("timeline.json: TimelineJS data with one slide per dated event", async () => {
    const data = JSON.parse(await readFile(path.join(plain.out, "timeline.json"), "utf8"));
    const parsed = Timeline.safeParse(data);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.equal(data.events.length, events.filter((e) => e.date).length);
    assert.match(data.title.text.text, /sans date/);
  });

  test("quotes.csv: BOM, ';', one row per quotation with title, event and original URL", async () => {
    const raw = await readFile(path.join(plain.out, "quotes.csv"));
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = parseCsv(raw.toString("utf8"), ";");
    assert.deepEqual(rows[0], QUOTES_CSV_COLUMNS);
    assert.equal(rows.length - 1, records.reduce((n, r) => n + r.quotes.length, 0));
    for (const row of rows.slice(1)) {
      assert.equal(row.length, QUOTES_CSV_COLUMNS.length);
      const r = records.find((x) => x.id === row[0])!;
      assert.equal(row[QUOTES_CSV_COLUMNS.indexOf("title")], r.title);
      const ev = events.find((e) => e.id === r.eventId);
      assert.equal(row[QUOTES_CSV_COLUMNS.indexOf("event_id")], ev?.id ?? "");
    }
  });

  test("sources/: every copy starts with a UTF-8 BOM, accents included for a Windows-1252 seed", async () => {
    const files = await readdir(path.join(plain.out, "sources"));
    assert.equal(files.length, records.length);
    for (const f of files) {
      const b = await readFile(path.join(plain.out, "sources", f));
      assert.deepEqual([...b.subarray(0, 3)], [0xef, 0xbb, 0xbf], f);
    }
    const latin = records.find((r) => r.source.file === "latin.txt")!;
    const copy = await readFile(path.join(plain.out, "sources", `${latin.id}.txt`), "utf8");
    assert.match(copy, /a indiqué le ministère, précisant que l'opération était prévue/);
  });
});

test("records.json's text is JSON.stringify of the schema version, the records by date and the events (the events' JSON written once, for their views' keys too)", async () => {
  const { buildSite } = await import("../src/site/model.js");
  const { loadCorpus, currentYear } = await import("../src/corpus.js");
  const { RECORD_SCHEMA_VERSION } = await import("../src/record.js");
  const corpus = await loadCorpus({ paths: [path.resolve("seeds")], cacheDir: null, latestYear: currentYear() });
  assert.ok(corpus.events.length > 1, "seed events");
  const opts = { siteUrl: "https://example.org", pathPrefix: "/", viewCache: null };
  for (const events of [corpus.events, []]) {
    const model = buildSite({ ...corpus, events }, opts);
    const byId = new Map(corpus.records.map((r) => [r.id, r]));
    const records = model.articles.map((a) => byId.get(a.id)!);
    assert.equal(model.recordsJson, JSON.stringify({ schemaVersion: RECORD_SCHEMA_VERSION, records, events }));
  }
});
