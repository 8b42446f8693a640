/**
 * Metadata of saved HTML pages (src/ingest/html-meta.ts, html-date.ts): each case is a
 * minimal page reproducing the structure of a real one that was misread.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { readHeadMeta, readHtmlMeta } from "../src/ingest/html-meta.js";
import { dateCandidates, parseJsonLd, parsePrinted, parseRfc2822, parseStamp } from "../src/ingest/html-date.js";
import { findAuthors, namesOf } from "../src/ingest/byline.js";
import { extractText, ROOT } from "./helpers/extract.js";

const fixture = (name: string) => readFileSync(path.join(ROOT, "tests/fixtures/html-meta", name), "utf8");
const metaOf = (name: string) => readHtmlMeta(cheerio.load(fixture(name))).meta;
const recordOf = (name: string) => extractText(fixture(name), name);

test("JSON-LD wrapped in CDATA, with trailing commas and a raw newline in a string, is repaired and read", () => {
  const m = metaOf("jsonld-cdata.html");
  assert.equal(m.date?.iso, "2023-07-20");
  assert.match(m.date?.evidence ?? "", /JSON-LD datePublished "2023-07-20T10:00:00\+02:00"/);
  assert.equal(m.date?.via, "json-ld");
  assert.deepEqual(m.authors, ["Marie Durand"]);
  assert.equal(parseJsonLd('{"a": [1, 2,], }')?.constructor, Object);
  assert.equal(parseJsonLd("{not json"), null);
});

test("a timestamp keeps the page's local day, not the UTC one", () => {
  assert.equal(parseStamp("2019-06-29T23:30:00-04:00")?.iso, "2019-06-29");
  const m = metaOf("offset-day.html");
  assert.equal(m.date?.iso, "2019-06-29");
  assert.match(m.date?.evidence ?? "", /^meta article:published_time "2019-06-29T23:30:00-04:00"$/);
});

test("a UTC timestamp on the next day gives way to the same instant written with the page's offset", () => {
  const m = metaOf("utc-local-day.html");
  assert.equal(m.date?.iso, "2023-11-08");
  // value and evidence agree: the evidence is the local timestamp, not the UTC meta tag
  assert.match(m.date?.evidence ?? "", /2023-11-08T18:09:55-07:00/);
});

test("dates in comments and related posts never date the page; the header's 'Publié le' does", () => {
  const r = recordOf("comments-related.html");
  assert.equal(r.date, "2019-06-29");
  assert.match(r.dateEvidence ?? "", /Publié le 29 juin 2019/);
});

test("a page dated only by a sidebar teaser and a footer update is left undated", () => {
  const m = metaOf("teaser-only.html");
  assert.equal(m.date ?? null, null);
});

test("a numeric date that reads both ways (11/01/2023) with nothing to settle it gives no date", () => {
  assert.equal(parsePrinted("11/01/2023 12:43:42")?.ambiguous, true);
  assert.equal(parsePrinted("25/01/2023")?.ambiguous, false);
  assert.equal(metaOf("ambiguous-numeric.html").date ?? null, null);
});

test("a date printed in German after the headline ('Veröffentlicht am 3. Dezember 2020')", () => {
  assert.equal(parsePrinted("3. Dezember 2020")?.iso, "2020-12-03");
  const m = metaOf("german-printed.html");
  assert.equal(m.date?.iso, "2020-12-03");
  assert.match(m.date?.evidence ?? "", /Veröffentlicht am 3\. Dezember 2020/);
});

test("an update date dates the page only when nothing else does", () => {
  const m = metaOf("modified-only.html");
  assert.equal(m.date?.iso, "2022-01-27");
  assert.match(m.date?.evidence ?? "", /article:modified_time/);
});

test("a byline is cleaned and split into names; job titles, handles and publications are not names", () => {
  assert.deepEqual(namesOf("By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU"), ["Daniel Kahn Gillmor"]);
  assert.deepEqual(namesOf("Martin Untersinger (avec Damien Leloup et Morgane Tual)"), ["Martin Untersinger", "Damien Leloup", "Morgane Tual"]);
  assert.deepEqual(namesOf("Stella Kim, Jennifer Jett"), ["Stella Kim", "Jennifer Jett"]);
  assert.deepEqual(namesOf("Richard (R.J.) Eskow"), ["Richard R.J. Eskow"]);
  assert.deepEqual(namesOf("JOE HILDEBRAND"), ["JOE HILDEBRAND"]);
  assert.deepEqual(namesOf("Glen Owen And Brendan Carlin For The Mail On Sunday"), ["Glen Owen", "Brendan Carlin"]);
  assert.deepEqual(namesOf("Le Monde"), []);
  assert.deepEqual(namesOf("@lazharichir"), []);
  assert.deepEqual(namesOf("AP Staff"), []);
});

test("a signature line 'Le Monde | date | Par X (avec Y et Z)' credits the people, not the outlet", () => {
  const m = metaOf("byline-signature.html");
  assert.deepEqual(m.authors, ["Martin Untersinger", "Damien Leloup", "Morgane Tual"]);
  const a = findAuthors(cheerio.load(fixture("byline-signature.html")), null, "Le Monde.fr");
  assert.match(a?.evidence ?? "", /itemprop="author"/);
});

test("itemprop=author in the article header wins over a teaser's byline and a commenter's name", () => {
  assert.deepEqual(metaOf("byline-itemprop-list.html").authors, ["Steven Musil"]);
  assert.deepEqual(recordOf("byline-itemprop-list.html").authors, ["Steven Musil"]);
});

test("meta byl 'By X' names the author; an article:author that is a URL does not", () => {
  const a = findAuthors(cheerio.load(fixture("byline-meta-byl.html")), null, null);
  assert.deepEqual(a?.names, ["Corey Kilgannon"]);
  assert.match(a?.evidence ?? "", /^meta byl/);
});

test("a blog without <h1>: the heading that repeats the page title anchors the header, its date-header dates it", () => {
  const m = metaOf("blog-no-h1.html");
  assert.equal(m.date?.iso, "2016-12-23");
  assert.match(m.date?.evidence ?? "", /Friday, December 23, 2016/);
});

test("itemprop=datePublished in the article's own footer block dates the page", () => {
  const m = metaOf("footer-itemprop.html");
  assert.equal(m.date?.iso, "2022-01-21");
  assert.match(m.date?.evidence ?? "", /datetime="2022-01-21"/);
});

test("a date opening the first paragraph '(18.01.2018) …' dates the page; 'Letzte Aktualisierung' does not", () => {
  const m = metaOf("dateline-paragraph.html");
  assert.equal(m.date?.iso, "2018-01-18");
});

test("a date in the page's <title> when nothing else dates it", () => {
  const m = metaOf("title-date.html");
  assert.equal(m.date?.iso, "2021-11-02");
  assert.match(m.date?.evidence ?? "", /^<title>/);
});

test("an RFC 2822 GMT timestamp gives way to the day printed in the header, one day apart", () => {
  assert.equal(parseRfc2822("Wed, 04 May 2022 02:41:00 GMT")?.utc, true);
  const m = metaOf("rfc2822-utc.html");
  assert.equal(m.date?.iso, "2022-05-03");
  assert.match(m.date?.evidence ?? "", /Published May 3, 2022/);
});

test("a UTC timestamp gives way to the day printed under the headline and in the address, not to a masthead's 'today'", () => {
  const m = metaOf("masthead-today.html");
  assert.equal(m.date?.iso, "2023-11-08");
  assert.match(m.date?.evidence ?? "", /Nov\. 8, 2023|2023\/11\/08/);
  assert.deepEqual(m.authors, ["Jane Smith"]);
});

test("the one day printed in the article header wins over a metadata tag that disagrees", () => {
  const m = metaOf("printed-beats-stale-meta.html");
  assert.equal(m.date?.iso, "2020-04-29");
  assert.match(m.date?.evidence ?? "", /29\.04\.2020/);
});

test("a single hidden <meta itemprop> in the body does not overturn article:published_time", () => {
  const m = metaOf("body-meta-itemprop.html");
  assert.equal(m.date?.iso, "2015-09-17");
  assert.match(m.date?.evidence ?? "", /article:published_time/);
});

test("a long first line dates the page by its opening words; a teaser's sub-heading does not", () => {
  const m = metaOf("long-dateline-heading.html");
  assert.equal(m.date?.iso, "2022-02-01");
  assert.match(m.date?.evidence ?? "", /^01\.02\.2022/);
});

test("a sub-heading 'Datum: 22.12.2012' under the headline dates the page", () => {
  const m = metaOf("heading-datum.html");
  assert.equal(m.date?.iso, "2012-12-22");
  assert.match(m.date?.evidence ?? "", /Datum: 22\.12\.2012/);
});

test("a header date labelled 'Last Updated:' in a child element does not overturn datePublished", () => {
  const m = metaOf("update-label-child.html");
  assert.equal(m.date?.iso, "2020-07-10");
  assert.match(m.date?.evidence ?? "", /JSON-LD datePublished/);
});

test("metadata dated later than the page's dated address (a page re-saved since) gives way to the address", () => {
  const m = metaOf("url-older-than-meta.html");
  assert.equal(m.date?.iso, "2017-07-12");
  assert.match(m.date?.evidence ?? "", /\/2017\/7\/12\//);
});

test("a line opening with a credit ('Von Claudia Lindner') next to the headline names the author, not a teaser's", () => {
  const a = findAuthors(cheerio.load(fixture("credit-line.html")), null, null);
  assert.deepEqual(a?.names, ["Claudia Lindner"]);
  assert.deepEqual(namesOf("Autorin: Uta Staschewski, Projektleiterin der HSS"), ["Uta Staschewski"]);
});

test("a job title is a word or the head of a German compound, not any part of a name ('Anna Kleiter' is a name)", () => {
  // surnames that contain a title: the old pattern matched "leiter" inside "Kleiter", "minister" inside "Administer…"
  assert.deepEqual(namesOf("Von Anna Kleiter"), ["Anna Kleiter"]);
  assert.deepEqual(namesOf("By Paul Gleiter and Mary Officerson"), ["Paul Gleiter", "Mary Officerson"]);
  // compounds and whole words still end the credit
  assert.deepEqual(namesOf("Von Max Muster, Pressesprecher"), ["Max Muster"]);
  assert.deepEqual(namesOf("Von Eva Beispiel, Chefredakteurin"), ["Eva Beispiel"]);
  assert.deepEqual(namesOf("By John Smith, Chief Spokesperson"), ["John Smith"]);
  assert.deepEqual(namesOf("Jane Roe, Vice-President"), ["Jane Roe"]);
  assert.deepEqual(namesOf("Leiter Hans Weber"), []);
  // Minister, Manager, Analyst are German words too (compounds, feminines); German plurals and genitives are titles
  assert.deepEqual(namesOf("Außenministerin Annalena Baerbock"), []);
  assert.deepEqual(namesOf("Ministerin Lisa Paus"), []);
  assert.deepEqual(namesOf("Produktmanagerin Eva Beispiel"), []);
  assert.deepEqual(namesOf("Direktoren Hans Weber"), []);
  assert.deepEqual(namesOf("Von Eva Muster (Redakteure)"), []);
  assert.deepEqual(namesOf("Von Maria Administer"), ["Maria Administer"]);
  // titles the list lacked at first: managing director, secretary, chair, head ("-chef" compounds)
  assert.deepEqual(namesOf("Von Jan Beispiel, Geschäftsführer"), ["Jan Beispiel"]);
  assert.deepEqual(namesOf("Von Jan Beispiel, Generalsekretärin der Partei"), ["Jan Beispiel"]);
  assert.deepEqual(namesOf("Von Jan Beispiel, Vorsitzender"), ["Jan Beispiel"]);
  assert.deepEqual(namesOf("Pressechefin Eva Beispiel"), []);
  assert.deepEqual(namesOf("Von Anna Chefer"), ["Anna Chefer"]);
});

test("twitter:data1 names the author when its label says so ('Verfasst von', 'Written by')", () => {
  const a = findAuthors(cheerio.load(fixture("twitter-label.html")), null, null);
  assert.deepEqual(a?.names, ["Patrick Czerny"]);
  assert.match(a?.evidence ?? "", /^meta twitter:data1/);
});

test("a long paragraph counts by the date that opens it ('(18.01.2018) Deutschlands …'), not a story's date inside it", () => {
  const m = metaOf("long-lead-date.html");
  assert.equal(m.date?.iso, "2018-01-18");
  assert.match(m.date?.evidence ?? "", /^\(18\.01\.2018\) Deutschlands/);
});

test("a printed update date ('Aktualisiert: 30.12.2016') dates a page that prints nothing else", () => {
  const m = metaOf("printed-update-only.html");
  assert.equal(m.date?.iso, "2016-12-30");
  assert.match(m.date?.evidence ?? "", /Aktualisiert: 30\.12\.2016/);
});

test("an hAtom <span class=\"updated\" title=\"…\"> dates a page that prints nothing else", () => {
  const m = metaOf("hatom-updated.html");
  assert.equal(m.date?.iso, "2013-04-04");
  assert.match(m.date?.evidence ?? "", /class="updated" title="2013-04-04T18:52:11\+00:00"/);
});

test("month names of other languages: Arabic, German abbreviations after 'DD.', month first ('Juli 12, 2017')", () => {
  const m = metaOf("arabic-month.html");
  assert.equal(m.date?.iso, "2020-10-07");
  assert.equal(parsePrinted("Georg Quaas, 21. Jan. 2015")?.iso, "2015-01-21");
  assert.equal(parsePrinted("21. Jan 2022 // Dominik Rick")?.iso, "2022-01-21");
  assert.equal(parsePrinted("Juli 12, 2017")?.iso, "2017-07-12");
  // a month's name inside a word is not one
  assert.equal(parsePrinted("Tag 12 Janosch 2017") ?? null, null);
});

test("a date whose label is the element just before it ('Erschienen am:' then <h2>13.10.2021</h2>) beats a meta tag", () => {
  const m = metaOf("sibling-label.html");
  assert.equal(m.date?.iso, "2021-10-13");
  assert.match(m.date?.evidence ?? "", /^Erschienen am: 13\.10\.2021/);
});

test("a post footer 'Dieser Beitrag wurde am Samstag, 3. Dezember 2011 … veröffentlicht' dates the post", () => {
  const m = metaOf("entry-footer-weekday.html");
  assert.equal(m.date?.iso, "2011-12-03");
  assert.match(m.date?.evidence ?? "", /Beitrag wurde vor am Samstag, 3\. Dezember 2011/);
});

test("a link to the day's archive printing that day dates the post, inside a page-wide wrapper classed 'sidebar'", () => {
  const m = metaOf("archive-link-sidebar-wrapper.html");
  assert.equal(m.date?.iso, "2017-08-08");
  assert.match(m.date?.evidence ?? "", /\/2017\/08\/08\/"> 08\/08\/2017/);
});

test("JSON-LD with a stray closing brace and its dates nested in mainEntityOfPage is read; related items built alike, printing different days, date nothing", () => {
  const m = metaOf("teaser-list-stray-brace.html");
  assert.equal(m.date?.iso, "2020-10-26");
  assert.match(m.date?.evidence ?? "", /^JSON-LD datePublished "2020-10-26T18:10:00\+01:00"$/);
  assert.equal(parseJsonLd('{"a": {"b": 1}} }')?.constructor, Object);
  const $ = cheerio.load(fixture("teaser-list-stray-brace.html"));
  const days = dateCandidates($, null, []).map((c) => c.iso);
  assert.ok(!days.includes("2020-08-09") && !days.includes("2020-05-25"), days.join(" "));
});

test("a list page: the item whose title is the headline dates the page", () => {
  const m = metaOf("list-page.html");
  assert.equal(m.date?.iso, "2014-07-19");
  assert.match(m.date?.evidence ?? "", /^19\. Juli 2014$/);
});

test("a page showing no publication date, only 'Updated Mar 12, 2020' by the headline (and dateModified agrees), is dated by the update; not years later", () => {
  const m = metaOf("header-update-only.html");
  assert.equal(m.date?.iso, "2020-03-12");
  assert.match(m.date?.evidence ?? "", /^Updated Mar 12, 2020/);
  // an update three years after the publication: an old article refreshed, dated by its publication
  assert.equal(metaOf("header-update-years-later.html").date?.iso, "2016-10-15");
  // the same with an update four and a half years later, its label in a child element
  assert.equal(metaOf("update-label-child.html").date?.iso, "2020-07-10");
});

test("two publication stamps that are one clock reading in two zones, on different days, with nothing printed: no date", () => {
  assert.equal(metaOf("zone-slip.html").date ?? null, null);
});

test("a page's script state dates it when its values agree ({\"publishedDate\":…}); a list's state giving many days does not", () => {
  const m = metaOf("script-state-json.html");
  // the review's own state: one day; the list's state (2016-10-01, 2016-09-01) disagrees, so only the review counts
  assert.equal(m.date, undefined);
  const $ = cheerio.load(fixture("script-state-json.html").replace(/<script>window[^]*?<\/script>/, ""));
  const d = readHtmlMeta($).meta.date;
  assert.equal(d?.iso, "2016-11-04");
  assert.match(d?.evidence ?? "", /^script publishedDate "2016-11-04T20:37:27Z"$/);
});

test("a page nested too deep to parse: its head alone dates it; a UTC stamp takes the local day of the same clock reading in the script state", () => {
  const deep = fixture("script-state-local.html").replace("<!--DEEP-->", "<div>".repeat(450) + "<p>Testo.</p>" + "</div>".repeat(450));
  const m = readHeadMeta(deep)?.meta;
  assert.equal(m?.date?.iso, "2020-12-06");
  assert.match(m?.date?.evidence ?? "", /^script publication_date "2020-12-06 00:15"$/);
  assert.equal(m?.language, "it");
  assert.equal(parseStamp("2020-12-05T23:15:0Z")?.utc, true);
  assert.equal(readHeadMeta("<p>no head</p>"), null);
});
