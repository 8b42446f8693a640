/**
 * The publication date of a saved HTML page, from a written-down priority list.
 * Each source gives candidates; the best-ranked one wins, then is checked against the
 * others for the page's local day. A wrong date is worse than none: when a source is
 * ambiguous (03/04/2021) and nothing else confirms a reading, it gives no date.
 *
 * | rank | source | evidence shows |
 * |---|---|---|
 * | 1 | JSON-LD `datePublished` (then `dateCreated`) of the article node; sloppy JSON repaired (CDATA, comments, trailing commas, raw newlines) | `JSON-LD datePublished "…"` |
 * | 2 | publication meta tags: `article:published_time`, `og:published_time`, `itemprop=datePublished`, `pubdate`, `publish-date`, `date`, Dublin Core (`DC.date.issued`, `dcterms.created`…), `parsely-pub-date`, `sailthru.date`, `citation_publication_date`… | `meta article:published_time "…"` |
 * | 3 | the article header's own `<time>`: `itemprop=datePublished`, `pubdate`, or a class naming publication; else the first `<time>` after the headline | `<time datetime="…">` and its text |
 * | 4 | a printed "Publié le …", "Published …", "Posted on …", "Veröffentlicht am …" or a date-classed element (`date`, `byline`, `post-meta`…) after the headline | the printed words |
 * | 4.65 | on a list page, the item whose title is the headline (below metadata) | the printed words |
 * | 5 | the page's address (canonical link, og:url): a dated path `/2023/11/08/` | the URL |
 * | 5.5 | the page's script state (inline JS/JSON, not JSON-LD), when all its values give one day | `script publication_date "…"` |
 * | 6 | update dates (`dateModified`, `article:modified_time`, `og:updated_time`, printed "Aktualisiert: …", hAtom `updated`), only when nothing above dates the page; an update shown alone by the headline (see choose) | `meta article:modified_time "…"` |
 *
 * Never a date: elements inside comments, related posts, teasers, sidebars, footers, asides,
 * figures and captions (`<time>` there dates another text).
 *
 * The page's local day: a timestamp is read as written (`2019-06-29T23:30:00-04:00` is the 29th).
 * A UTC timestamp (`Z`, `+00:00`) may sit on the next day: when another source gives the
 * same instant with the page's offset, or prints a day one apart from it, that day wins.
 */
import type * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { findDates, pad } from "../extract/dates.js";
import { squash } from "../extract/text.js";

export interface HtmlDate {
  iso: string;
  /** The words or markup the date was read from, naming its source. */
  evidence: string;
  /** Which rank of the list gave it (see the table above). */
  source: "json-ld" | "meta" | "time" | "printed" | "url" | "modified";
}

interface Stamp {
  iso: string;
  /** Instant in ms when the zone is known. */
  instant: number | null;
  /** Written in UTC (Z, +00:00, GMT): the local day may differ. */
  utc: boolean;
  /** Has a time of day. */
  timed: boolean;
  /** Day and month could be swapped (03/04/2021) and no other source settled it. */
  ambiguous: boolean;
  /** The wall-clock reading in ms (as if UTC), for a timed stamp without a zone. */
  clock?: number;
}

export interface Candidate extends Stamp {
  rank: number;
  source: HtmlDate["source"];
  evidence: string;
}

const MIN_YEAR = 1993;

function validDay(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** "2019-06-29T23:30:00-04:00", "2020-02-24 21:25:54", "20200224", "2020/02/24". */
export function parseStamp(raw: string): Stamp | null {
  const s = raw.trim();
  const m = s.match(/^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{1,2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?(?![\d])/i);
  if (!m) return null;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  if (!validDay(y, mo, d)) return null;
  const timed = m[4] !== undefined;
  const zone = m[7];
  let instant: number | null = null;
  let utc = false;
  if (timed && zone) {
    let off = 0;
    if (/^[+-]/.test(zone)) {
      const z = zone.replace(":", "");
      off = (z[0] === "-" ? -1 : 1) * (+z.slice(1, 3) * 60 + +(z.slice(3, 5) || 0));
    }
    utc = off === 0;
    instant = Date.UTC(y, mo - 1, d, +m[4], +m[5], +(m[6] ?? 0)) - off * 60000;
  }
  const clock = timed && !zone ? Date.UTC(y, mo - 1, d, +m[4], +m[5], +(m[6] ?? 0)) : undefined;
  return { iso: `${y}-${pad(mo)}-${pad(d)}`, instant, utc, timed, ambiguous: false, ...(clock !== undefined ? { clock } : {}) };
}

const RFC_MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/** "Wed, 04 May 2022 02:41:00 GMT" (RFC 2822, as feeds and some CMS write it). */
export function parseRfc2822(raw: string): Stamp | null {
  const m = raw.trim().match(/^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|Z|[+-]\d{4})?/);
  const mo = m ? RFC_MONTHS[m[2].toLowerCase()] : undefined;
  if (!m || !mo) return null;
  const zone = m[7] ? (m[7].length === 5 ? `${m[7].slice(0, 3)}:${m[7].slice(3)}` : "Z") : "";
  return parseStamp(`${m[3]}-${pad(mo)}-${pad(+m[1])}T${pad(+m[4])}:${m[5]}:${m[6] ?? "00"}${zone}`);
}

/** German, Spanish, Italian, Portuguese and Dutch month names, for metadata printed in those languages. */
const OTHER_MONTHS: Record<string, number> = {
  januar: 1, jänner: 1, februar: 2, märz: 3, maerz: 3, april: 4, mai: 5, juni: 6, juli: 7, august: 8, september: 9, oktober: 10, november: 11, dezember: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
  gennaio: 1, febbraio: 2, aprile: 4, maggio: 5, giugno: 6, luglio: 7, settembre: 9, ottobre: 10, dicembre: 12,
  janeiro: 1, fevereiro: 2, março: 3, maio: 5, junho: 6, julho: 7, setembro: 9, outubro: 10, novembro: 11, dezembro: 12,
  januari: 1, februari: 2, maart: 3, mei: 5, augustus: 8,
  // abbreviations after a day with a full stop ("21. Jan. 2015", "21. Jan 2022"), which dates.ts does not read
  jan: 1, feb: 2, mär: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10, nov: 11, dez: 12, dec: 12,
  // Arabic ("الأربعاء، 07 أكتوبر 2020")
  "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7, "أغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
};
const MONTH_NAMES = Object.keys(OTHER_MONTHS).join("|");
const OTHER_MONTH_RE = new RegExp(String.raw`(?<![\p{L}\d])(\d{1,2})\.?\s*(?:de\s+)?(${MONTH_NAMES})(?![\p{L}])\.?\s*(?:de\s+)?(\d{4})(?!\d)`, "iu");
/** Month first, as an English template prints it in another language: "Juli 12, 2017". */
const OTHER_MONTH_FIRST_RE = new RegExp(String.raw`(?<![\p{L}\d])(${MONTH_NAMES})(?![\p{L}])\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)`, "iu");

/**
 * A date printed in a page: ISO stamps, the formats of dates.ts (French/English),
 * "3. Dezember 2020"; "11/01/2023" (both numbers ≤ 12) is marked ambiguous.
 */
export function parsePrinted(raw: string): Stamp | null {
  const s = squash(raw);
  if (!s) return null;
  const iso = s.match(/\b\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?/);
  if (iso) {
    const st = parseStamp(iso[0]);
    if (st) return st;
  }
  const dayFirst = s.match(OTHER_MONTH_RE);
  const monthFirst = dayFirst ? null : s.match(OTHER_MONTH_FIRST_RE);
  const other = dayFirst ?? (monthFirst && [monthFirst[0], monthFirst[2], monthFirst[1], monthFirst[3]]);
  const ds = findDates(s).filter((d) => d.iso && d.year! >= MIN_YEAR);
  if (other && (!ds.length || (dayFirst ?? monthFirst)!.index! < ds[0].index)) {
    const [y, mo, d] = [+other[3], OTHER_MONTHS[other[2].toLowerCase()], +other[1]];
    if (validDay(y, mo, d)) return { iso: `${y}-${pad(mo)}-${pad(d)}`, instant: null, utc: false, timed: false, ambiguous: false };
  }
  const d = ds[0];
  if (!d) return null;
  // "11/01/2023": day-first or month-first cannot be told from the numbers alone
  const num = d.evidence.match(/^(\d{1,2})\/(\d{1,2})\/(\d{2,4})/);
  const ambiguous = !!num && +num[1] <= 12 && +num[2] <= 12 && num[1] !== num[2];
  if (d.year && !/\d{4}/.test(d.evidence)) return null; // two-digit years: too weak for a page
  return { iso: d.iso!, instant: null, utc: false, timed: /\d[h:]\d/.test(d.evidence), ambiguous };
}

/** The other reading of an ambiguous "MM/DD/YYYY" vs "DD/MM/YYYY". */
function swapped(iso: string): string | null {
  const [y, a, b] = iso.split("-").map(Number);
  return validDay(y, b, a) ? `${y}-${pad(b)}-${pad(a)}` : null;
}

// ---------------------------------------------------------------------------
// JSON-LD

/** Parse a JSON-LD block, repairing what is merely sloppy. */
export function parseJsonLd(text: string): unknown | null {
  let s = text.trim();
  try {
    return JSON.parse(s);
  } catch {
    // fall through to the repairs
  }
  s = s
    .replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[/, "")
    .replace(/(?:\/\/\s*)?\]\]>\s*$/, "")
    .replace(/^\s*<!--/, "")
    .replace(/-->\s*$/, "")
    // raw newlines and tabs inside strings are invalid JSON; outside strings they are blanks
    .replace(/[\u0000-\u001f]+/g, " ")
    .replace(/,\s*([}\]])/g, "$1")
    .replace(/;\s*$/, "")
    .trim();
  try {
    return JSON.parse(s);
  } catch {
    // a stray closing brace after the object: the first balanced value, when there is one
    const end = balancedEnd(s);
    if (end > 0 && end < s.length) {
      try {
        return JSON.parse(s.slice(0, end));
      } catch {
        // not JSON at all
      }
    }
    return null;
  }
}

/** Where the first {…} or […] value of `s` closes (strings skipped), or -1. */
function balancedEnd(s: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      if (--depth === 0) return i + 1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

export type Json = Record<string, unknown>;
export const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : x == null ? [] : [x]);
const ARTICLE_TYPE = /(News|Reportage|Analysis|Opinion|Report|Review|Scholarly|Tech|Satirical|Background)?Article$|^(Blog|Social|Discussion|Live)?Posting$|^LiveBlogPosting$/;

/** Every object of the JSON-LD blocks, depth first (@graph, arrays, mainEntity…). */
export function jsonLdNodes(blocks: unknown[]): Json[] {
  const out: Json[] = [];
  const walk = (x: unknown, depth: number) => {
    if (depth > 6 || x == null || typeof x !== "object") return;
    if (Array.isArray(x)) return x.forEach((y) => walk(y, depth + 1));
    const o = x as Json;
    out.push(o);
    for (const k of ["@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement"]) if (k in o) walk(o[k], depth + 1);
  };
  blocks.forEach((b) => walk(b, 0));
  return out;
}

export function isArticleNode(o: Json): boolean {
  return asArray(o["@type"]).map(String).some((t) => ARTICLE_TYPE.test(t));
}

// ---------------------------------------------------------------------------
// meta tags

/** Publication meta tags, by name/property/itemprop (lower case), in priority order. */
const PUBLISHED_META = [
  "article:published_time", "og:article:published_time", "og:published_time", "article:published", "published_time", "article.published",
  "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "date_published", "pub_date", "article_date_original",
  "originalpublicationdate", "parsely-pub-date", "sailthru.date", "citation_publication_date", "citation_date", "dc.date.issued", "dcterms.issued",
  "dc.date.created", "dcterms.created", "dc.date", "dcterms.date", "dc:date", "date", "displaydate", "rnews:datepublished", "cxenseparse:recs:publishtime",
  "article:post_date", "post_date", "created", "creation_date", "datecreated",
];
const MODIFIED_META = ["article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "dc.date.modified", "last-modified", "lastmod", "modified", "revised"];

// ---------------------------------------------------------------------------
// where a date never comes from

/** class/id words of blocks about other texts: comments, related posts, teasers, sidebars, footers, captions. */
const ELSEWHERE = /^(comments?|commentlist|reply|replies|respond|discussion|disqus|related|relatedposts|recommended?|recommendations?|teasers?|sidebar|aside|footer|caption|wp-caption|more|most|popular|trending|read-?more|latest|recent|next|prev|previous|pager|pagination|promo|newsletter|also)(?=$|[-_A-Z])/;
const ELSEWHERE_TAG = new Set(["aside", "footer", "figure", "figcaption", "nav", "blockquote", "li"]);

function classWords(el: Element): string[] {
  return `${el.attribs?.class ?? ""} ${el.attribs?.id ?? ""}`.split(/\s+/).filter(Boolean).map((w) => w.toLowerCase());
}

/** True when the element sits in a block about another text (or is one). */
export function elsewhere(el: Element, lists = true, marked = false, keep?: Set<Element>): boolean {
  for (let e: Element | null = el; e && e.type === "tag"; e = e.parent as Element | null) {
    // a block holding the page's headline is the article's own, whatever its class ("mainwrap sidebar")
    if (keep?.has(e)) continue;
    const tag = e.tagName?.toLowerCase();
    if (tag === "body" || tag === "html") return false;
    if (ELSEWHERE_TAG.has(tag) && (lists || tag !== "li") && !(marked && tag === "footer")) {
      // a list item holds the page's own date only inside the article header's meta list
      if (tag !== "li" || !PUBLISHED_CLASS.test(`${e.attribs?.class ?? ""}`)) return true;
    }
    // an element marked itemprop=datePublished keeps its date in the article's own footer
    if (classWords(e).some((w) => ELSEWHERE.test(w) && !(marked && /^footer/.test(w)))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------

const PUBLISHED_CLASS = /(publi|pub-?date|pubdate|posted|post-?date|entry-?date|created|article-?date|datum|date-?line|dateline|byline|timestamp|time-?stamp|date|meta|info|zeit)/i;
const UPDATED_WORDS = /(mis à jour|mise à jour|modifié|actualisé|updated?|modified|aktualisiert|aktualisierung|geändert|änderung|last edited|edited|revised|revision)\s*(le|on|am|:)?\s*$/i;
const PRINTED_CUE = /(publié|mise? en ligne|published|posted|veröffentlicht|erschienen|erstellt|publicado|pubblicato|date|datum|stand)\s*(le|on|am|:|el|il)?\s*:?\s*$/i;
/** WordPress's German post footer: "Dieser Beitrag wurde (vor) am Samstag, 3. Dezember 2011 … veröffentlicht". */
const ENTRY_CUE = /\b(beitrag|artikel|eintrag)\s+wurde\s+(?:\p{L}+\s+)?am\s*$/iu;
const WEEKDAY_TAIL = /(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?,?\s*$/i;
/** "Next to the headline", in characters of visible text: a kicker or date just above it, the header just below. */
const NEAR_BEFORE = 150;
const NEAR_AFTER = 1500;
/** Publication keys of a page's script state: one list for the cheap test (SCRIPT_KEY) and the reading (SCRIPT_DATE). */
const SCRIPT_KEYS = "datePublished|publishDate|publishedDate|publicationDate|publication_date|pubDate|published_at|publishedAt|date_published|first_published_at|firstPublishedAt";
const SCRIPT_KEY = new RegExp(SCRIPT_KEYS);
/** A publication key of a page's script state, with a quoted ISO value. */
const SCRIPT_DATE = new RegExp(String.raw`["']?\b(${SCRIPT_KEYS})["']?\s*[:=]\s*["'](\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)["']`, "g");
/** A date this close to the headline (in characters of text) belongs to the item the headline titles. */
const HEADLINE_ITEM = 200;
/** The words that announce a publication date, wherever they stand in a line. */
const PRINTED_WORD = /publi|posted|veröffentlicht|erschienen|erstellt|datum|stand/i;
/** A cheap test before the date parsers: a year next to a day and month, in figures or words. */
const DATE_LIKE = /\b\d{1,2}[./-]\s?\d{1,2}[./-]\s?(?:\d{4}|\d{2}\b)|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\b\d{1,2}(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?\p{L}{3,}\.?,?\s+(?:de\s+)?\d{4}|\p{L}{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}/u;
/** What may stand before a date that opens a line next to the headline: "(18.01.2018) …", "Hamburg, 2. November 2021", "Von Christian am …". */
const DATELINE_BEFORE = /^(\(|[\p{Lu}][\p{L} .'-]{1,30},\s*|(?:von|by|par)\s+[\p{L} .'-]{1,30}\s+(?:am|on|le)\s+|(?:le|on|am)\s+|(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?,?\s+)?$/iu;

export function findHtmlDate($: cheerio.CheerioAPI, url: string | null, jsonLd: Json[]): HtmlDate | null {
  return choose(dateCandidates($, url, jsonLd));
}

/** Every dated mark of the page, with its rank in the list above (lower is better). */
export function dateCandidates($: cheerio.CheerioAPI, url: string | null, jsonLd: Json[]): Candidate[] {
  const cands: Candidate[] = [];
  const add = (rank: number, source: HtmlDate["source"], evidence: string, st: Stamp | null) => {
    if (st) cands.push({ ...st, rank, source, evidence });
  };

  // 1. JSON-LD
  const articles = jsonLd.filter(isArticleNode);
  // the article's dates, or, when it has none, those of a node with datePublished (a block may nest them in mainEntityOfPage)
  const dated = articles.filter((o) => typeof o.datePublished === "string" || typeof o.dateCreated === "string");
  const withDate = dated.length ? dated : jsonLd.filter((o) => typeof o.datePublished === "string" && !/VideoObject|ImageObject|Event|Product|Person|Organization|Comment/.test(String(o["@type"])));
  for (const o of withDate) {
    for (const key of ["datePublished", "dateCreated"]) {
      const v = o[key];
      if (typeof v === "string") add(key === "datePublished" ? 1 : 1.5, "json-ld", `JSON-LD ${key} "${v}"`, parseStamp(v) ?? parseRfc2822(v) ?? parsePrinted(v));
    }
    if (typeof o.dateModified === "string") add(6, "modified", `JSON-LD dateModified "${o.dateModified}"`, parseStamp(o.dateModified) ?? parseRfc2822(o.dateModified) ?? parsePrinted(o.dateModified));
  }

  // 2. meta tags
  const page = pageIndex($);
  const metas = page.metas;
  PUBLISHED_META.forEach((k, i) => {
    const v = metas.get(k);
    if (v) add(2 + i / 100, "meta", `meta ${k} "${v}"`, parseStamp(v) ?? parseRfc2822(v) ?? parsePrinted(v));
  });
  const parsely = metas.get("parsely-page");
  if (parsely) {
    const v = (parseJsonLd(parsely) as Json | null)?.pub_date;
    if (typeof v === "string") add(2.5, "meta", `meta parsely-page pub_date "${v}"`, parseStamp(v));
  }
  MODIFIED_META.forEach((k) => {
    const v = metas.get(k);
    if (v) add(6.1, "modified", `meta ${k} "${v}"`, parseStamp(v) ?? parseRfc2822(v) ?? parsePrinted(v));
  });

  // 3–4. the article's own header: one walk in document order, counting text to place each
  // date against the headline; unmarked dates count only next to it
  const h1 = page.headline;
  const body = page.body;
  const keep = new Set<Element>();
  for (let e = h1?.parent; e && e.type === "tag"; e = e.parent) keep.add(e as Element);
  let pos = 0;
  let h1Pos = -1;
  const unmarked: (Candidate & { pos: number; sig?: string })[] = [];
  const updates: (Candidate & { pos: number })[] = [];
  const walk = (node: AnyNode) => {
    if (node.type === "text") {
      pos += visibleLength((node as unknown as { data: string }).data);
      return;
    }
    if (node.type !== "tag") return;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (tag === "script" || tag === "style" || tag === "noscript" || tag === "template" || tag === "svg") return;
    if (tag === "nav" || tag === "aside" || tag === "select") {
      // never a date of the page, but their text still stands between the headline and a date
      pos += subtreeLength(el);
      return;
    }
    if (el === h1) h1Pos = pos;
    // a <meta itemprop=datePublished> in the body is read with the other meta tags (rank 2)
    if (tag === "meta" || tag === "link") return;
    const a = el.attribs;
    // microformats (hAtom): <abbr class="published" title="2013-04-04T18:52:11+00:00">, <span class="updated" title="…">
    if (a.title && tag !== "time" && /(^|\s)(published|updated)(\s|$)/.test(a.class ?? "") && !elsewhere(el, true, false, keep)) {
      const st = parseStamp(a.title);
      const evidence = `<${tag} class="${a.class}" title="${a.title}">`;
      if (st && /(^|\s)published(\s|$)/.test(a.class!)) cands.push({ ...st, rank: 3, source: "time", evidence });
      else if (st) updates.push({ ...st, rank: 6.2, source: "modified", evidence, pos });
    }
    if (tag === "time" || a.itemprop === "datePublished" || a.itemprop === "dateCreated") {
      const markedProp = a.itemprop === "datePublished" || a.itemprop === "dateCreated" || "pubdate" in a;
      if (!elsewhere(el, true, markedProp, keep)) {
        const dt = a.datetime ?? a.content ?? a.title ?? "";
        const printed = shortText(el, 120);
        const st = (dt && (parseStamp(dt) ?? parseRfc2822(dt) ?? parsePrinted(dt))) || parsePrinted(printed);
        const label = `<${tag}${dt ? ` datetime="${dt}"` : ""}>${printed ? ` ${printed.slice(0, 60)}` : ""}`;
        const before = el.parent && el.parent.type === "tag" ? ownText(el.parent as Element) : "";
        const updated = UPDATED_WORDS.test(before.slice(-40)) || UPDATED_WORDS.test(printed.split(/\d/)[0] ?? "") || /updated|modified|aktualisiert/i.test(`${a.class ?? ""} ${a.itemprop ?? ""}`);
        const marked = a.itemprop === "datePublished" || a.itemprop === "dateCreated" || "pubdate" in a || /publi|pub-?date|posted|entry-date|created/i.test(`${a.class ?? ""} ${a.id ?? ""}`);
        if (st && updated) updates.push({ ...st, rank: 6.2, source: "modified", evidence: label, pos });
        if (st && !updated) {
          if (marked) add(3, "time", label, st);
          else unmarked.push({ ...st, rank: 3.5, source: "time", evidence: label, pos, sig: signature(el) });
        }
      }
      pos += shortText(el, 1000).length;
      return;
    }
    // a link to the day's archive printing that day: <a href="/blog/2017/08/08/">08/08/2017</a>
    if (tag === "a" && a.href && /\/(?:19|20)\d\d\/\d\d?\/\d\d?\/?$/.test(a.href)) {
      const text = shortText(el, 40);
      const st = DATE_LIKE.test(text) ? parsePrinted(text) : null;
      const m = a.href.match(/\/((?:19|20)\d\d)\/(\d\d?)\/(\d\d?)\/?$/)!;
      const day = `${m[1]}-${pad(+m[2])}-${pad(+m[3])}`;
      if (st && (st.iso === day || (st.ambiguous && swapped(st.iso) === day)) && !elsewhere(el, true, false, keep)) {
        unmarked.push({ ...st, iso: day, ambiguous: false, rank: 4.5, source: "printed", evidence: `<a href="${a.href}"> ${text}`, pos, sig: signature(el) });
      }
    }
    if (el !== h1 && tag !== "a") {
      // a sub-heading is a teaser's title more often than a date: only "Datum: …", "Publié le …"
      const heading = tag === "h2" || tag === "h3";
      // a short element classed as a date or byline, or a text line "Publié le …"
      let raw = "";
      for (const c of el.children) if (c.type === "text") raw += (c as unknown as { data: string }).data;
      let full = "";
      // with its label when the label is a child: <div><em>Last Updated:</em> January 7, 2025</div>
      // a long text counts by its opening words: "<strong>(18.01.2018) Deutschlands Landwirte …</strong>"
      const veryLong = raw.length >= 400;
      if (/\d/.test(raw)) full = veryLong ? squash(raw.slice(0, 200)) : el.children.some((c) => c.type === "tag") ? shortText(el, 200) : squash(raw);
      else if (PRINTED_WORD.test(raw) && PRINTED_CUE.test(squash(raw))) full = shortText(el, 200);
      // <div class="date"><span>21</span> <span>janv. 2022</span></div>
      else if ((a.class || a.id) && raw.trim().length < 12 && el.children.length > 1 && PUBLISHED_CLASS.test(`${a.class ?? ""} ${a.id ?? ""}`)) full = shortText(el, 200);
      const parent = el.parent && el.parent.type === "tag" ? (el.parent as Element).attribs : {};
      const words = a.class || a.id ? `${a.class ?? ""} ${a.id ?? ""}` : `${parent.class ?? ""} ${parent.id ?? ""}`;
      // a long line counts only by its opening words: "(18.01.2018) Deutschlands Landwirte …"
      const long = full.length >= 160;
      if (long) full = full.slice(0, 60);
      if (full && DATE_LIKE.test(full) && !elsewhere(el, true, false, keep)) {
        const dateClass = !long && !heading && PUBLISHED_CLASS.test(words);
        const st = parsePrinted(full);
        if (st) {
          const d = findDates(full)[0];
          const at = d && full.indexOf(d.evidence) >= 0 ? full.indexOf(d.evidence) : full.search(/\d/);
          const before = full.slice(0, at);
          // "Posted on Saturday, December 3rd, 2011": the cue before the weekday
          const cueBefore = before.replace(WEEKDAY_TAIL, "");
          // the label in the element just before: <span>Erschienen am:</span> <h2>13.10.2021</h2>
          const label = before.trim() ? "" : previousLabel(el);
          if (UPDATED_WORDS.test(before)) {
            // "Aktualisiert: 30.12.2016", "Date of Last Revision: August 9, 2017": the page's only date, at worst
            if (!long) updates.push({ ...st, rank: 6.2, source: "modified", evidence: full.slice(0, 120), pos });
          } else {
            if (PRINTED_CUE.test(cueBefore) || ENTRY_CUE.test(cueBefore)) unmarked.push({ ...st, rank: 4, source: "printed", evidence: full.slice(0, 120), pos, sig: signature(el) });
            else if (label && PRINTED_CUE.test(label)) unmarked.push({ ...st, rank: 4, source: "printed", evidence: `${label} ${full.slice(0, 100)}`, pos, sig: signature(el) });
            else if (dateClass) unmarked.push({ ...st, rank: 4.5, source: "printed", evidence: full.slice(0, 120), pos, sig: signature(el) });
            // a paragraph of 400 characters and more: only a date that opens it ("(18.01.2018) Deutschlands …"),
            // not a story's "Am Sonntag, 5. November 2023, kurz nach 21.25 Uhr"
            else if (!heading && DATELINE_BEFORE.test(before) && (!veryLong || /^\(?$/.test(before))) unmarked.push({ ...st, rank: 4.6, source: "printed", evidence: full.slice(0, 120), pos, sig: signature(el) });
          }
        }
      }
    }
    for (const c of el.children) walk(c);
  };
  walk(body);
  // a list of teasers: blocks built alike (the same tags and classes around the date) printing
  // different days date other texts, never this one ("new-raleted-item" × 3)
  const daysBySig = new Map<string, Set<string>>();
  for (const c of unmarked) if (c.sig) daysBySig.set(c.sig, (daysBySig.get(c.sig) ?? new Set()).add(c.iso));
  // … except the item whose title is the headline (a list page: the date right by it, within HEADLINE_ITEM characters)
  const byHeadline = (c: { pos: number }) => h1Pos >= 0 && Math.abs(c.pos - h1Pos) <= HEADLINE_ITEM;
  // (rank 4.65: it does not overturn metadata, as the header's own date would)
  for (let i = unmarked.length - 1; i >= 0; i--) {
    if ((daysBySig.get(unmarked[i].sig!)?.size ?? 0) < 2) continue;
    if (byHeadline(unmarked[i])) unmarked[i] = { ...unmarked[i], rank: 4.65 };
    else unmarked.splice(i, 1);
  }
  // next to the headline: a little before it (a kicker, a date above the title) or soon after
  let firstTime = false;
  for (const c of unmarked) {
    const nearHeadline = h1Pos >= 0 && c.pos >= h1Pos - NEAR_BEFORE && c.pos <= h1Pos + NEAR_AFTER;
    if (nearHeadline) {
      if (c.source === "time") {
        if (firstTime) continue;
        firstTime = true;
      }
      cands.push(c);
    } else if (c.rank === 4) cands.push({ ...c, rank: 4.7 });
  }
  // far from the headline (a blog's post footer, a page without a headline): dated marks
  // count only when they all give the same day (a list of teasers gives many)
  const far = unmarked.filter((c) => c.rank !== 4.6 && !(h1Pos >= 0 && c.pos >= h1Pos - NEAR_BEFORE && c.pos <= h1Pos + NEAR_AFTER));
  if (far.length && far.length <= 3 && far.every((c) => c.iso === far[0].iso)) cands.push({ ...far[0], rank: 4.8 });
  // printed update dates: only when they all print one day (rank 6, used when nothing else dates the page)
  if (updates.length && updates.length <= 3 && updates.every((c) => c.iso === updates[0].iso)) cands.push(updates[0]);
  // the update printed next to the headline (rank 6.3): see choose, for a page that shows no publication date
  const headerUpdate = updates.find((c) => h1Pos >= 0 && c.pos >= h1Pos - NEAR_BEFORE && c.pos <= h1Pos + NEAR_AFTER);
  if (headerUpdate) cands.push({ ...headerUpdate, rank: 6.3 });
  // the page's title: "Autonome Waffensysteme | 02.11.2021"
  const title = page.title;
  const inTitle = title.match(/(?:^|[|–—-]\s*)(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})(?:\s*[|–—-]|$)/);
  if (inTitle) add(4.9, "printed", `<title> ${title.slice(0, 100)}`, parsePrinted(inTitle[1]));

  // 5.5 the page's script state (inline JS or JSON, not JSON-LD): "publication_date = '2020-12-06 00:15'",
  // {"publishedDate":"2016-11-04T20:37:27Z"}; only when every such value gives one day (a list's state gives many)
  const inScripts: Candidate[] = [];
  for (const text of page.scripts) {
    for (const m of text.matchAll(SCRIPT_DATE)) {
      const st = parseStamp(m[2]);
      if (st) inScripts.push({ ...st, rank: 5.5, source: "printed", evidence: `script ${m[1]} "${m[2]}"` });
      if (inScripts.length > 10) break;
    }
  }
  if (inScripts.length && inScripts.length <= 10 && inScripts.every((c) => c.iso === inScripts[0].iso)) cands.push(...inScripts.slice(0, 3));

  // 5. the address
  const addresses = [url, page.canonical, metas.get("og:url")].filter((x): x is string => !!x);
  for (const u of addresses) {
    const m = u.match(/\/(20\d\d|199\d)[/_-]?(\d{2})[/_-]?(\d{2})(?=[/_.-]|$)/) ?? u.match(/\/(20\d\d|199\d)\/(\d{1,2})\/(\d{1,2})\//);
    if (m && validDay(+m[1], +m[2], +m[3])) {
      add(5, "url", u, { iso: `${m[1]}-${pad(+m[2])}-${pad(+m[3])}`, instant: null, utc: false, timed: false, ambiguous: false });
      break;
    }
  }

  return cands;
}

/** Characters other than blanks, counted without building a string. */
export function visibleLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 160) n++;
  }
  return n;
}

function subtreeLength(el: Element): number {
  let n = 0;
  for (const c of el.children) {
    if (c.type === "text") n += visibleLength((c as unknown as { data: string }).data);
    else if (c.type === "tag") n += subtreeLength(c as Element);
  }
  return n;
}

/** The tags and classes of an element and its two nearest ancestors: alike for the items of a list. */
function signature(el: Element): string {
  let sig = "";
  let e: Element | null = el;
  for (let i = 0; i < 3 && e && e.type === "tag"; i++, e = e.parent as Element | null) sig += `${e.tagName}.${e.attribs.class ?? ""}<`;
  return sig;
}

/** The short text of the element just before (a label: "Erschienen am:", "Mise en ligne"), or "". */
function previousLabel(el: Element): string {
  let p = el.prev;
  while (p && p.type === "text" && !(p as unknown as { data: string }).data.trim()) p = p.prev;
  if (!p) return "";
  const t = p.type === "text" ? squash((p as unknown as { data: string }).data) : p.type === "tag" ? shortText(p as Element, 40) : "";
  return t.length <= 30 ? t : "";
}

/** The text of an element's own text children. */
function ownText(el: Element): string {
  let s = "";
  for (const c of el.children) if (c.type === "text") s += " " + (c as unknown as { data: string }).data;
  return squash(s);
}

/** The element's text, up to about `max` characters (a big container is not read whole). */
export function shortText(el: Element, max: number): string {
  let s = "";
  const go = (n: AnyNode) => {
    if (s.length > max) return;
    if (n.type === "text") s += (n as unknown as { data: string }).data;
    else if (n.type === "tag" && !/^(script|style|noscript|template)$/i.test((n as Element).tagName)) for (const c of (n as Element).children) go(c);
  };
  go(el);
  return squash(s).slice(0, max);
}

export interface PageIndex {
  /** meta name/property/itemprop (lower case) → content, the first of each, outside comments and teasers. */
  metas: Map<string, string>;
  /** Inline scripts other than JSON-LD that name a publication key (their text). */
  scripts: string[];
  /** The JSON-LD blocks (`<script type="application/ld+json">`), their text. */
  jsonLd: string[];
  body: Element;
  title: string;
  canonical: string | null;
  headline: Element | undefined;
}

const INDEXES = new WeakMap<object, PageIndex>();

/** What both date and byline rules need from the page, gathered in one pass and kept per document. */
export function pageIndex($: cheerio.CheerioAPI): PageIndex {
  const root = $.root().get(0)!;
  const known = INDEXES.get(root);
  if (known) return known;
  const metas = new Map<string, string>();
  const scripts: string[] = [];
  const jsonLd: string[] = [];
  const h1s: Element[] = [];
  const headings: Element[] = [];
  let body: Element | null = null;
  let title: string | null = null;
  let canonical: string | null = null;
  const walk = (n: AnyNode) => {
    if (n.type !== "tag" && n.type !== "root" && n.type !== "script") return;
    const el = n as Element;
    const tag = el.tagName?.toLowerCase();
    const a = el.attribs ?? {};
    if (tag === "meta") {
      const key = (a.property ?? a.name ?? a.itemprop ?? a["http-equiv"] ?? "").toLowerCase().trim();
      const v = a.content ?? a.datetime ?? "";
      if (key && v && !metas.has(key) && !elsewhere(el)) metas.set(key, v);
      return;
    }
    if (tag === "script") {
      const text = el.children.length === 1 && el.children[0].type === "text" ? (el.children[0] as unknown as { data: string }).data : "";
      if (/ld\+json/i.test(a.type ?? "")) {
        if (/^application\/ld\+json$/i.test(a.type!)) jsonLd.push(text);
      } else if (!a.src && SCRIPT_KEY.test(text)) scripts.push(text);
      return;
    }
    if (tag === "style" || tag === "noscript" || tag === "svg") return;
    if (tag === "body" && !body) body = el;
    else if (tag === "title" && title === null) title = shortText(el, 400);
    else if (tag === "link" && /\bcanonical\b/i.test(a.rel ?? "") && !canonical) canonical = a.href ?? null;
    else if (tag === "h1") h1s.push(el);
    else if (!h1s.length && headings.length < 40 && (tag === "h2" || tag === "h3" || /title/i.test(a.class ?? ""))) headings.push(el);
    for (const c of el.children ?? []) walk(c);
  };
  walk(root as unknown as AnyNode);
  const index: PageIndex = { metas, scripts, jsonLd, body: body ?? (root as unknown as Element), title: title ?? "", canonical, headline: undefined };
  index.headline = pickHeadline($, h1s.length ? h1s : headings, `${metas.get("og:title") ?? ""} ${title ?? ""}`);
  INDEXES.set(root, index);
  return index;
}

function pickHeadline($: cheerio.CheerioAPI, h1s: Element[], pageTitle: string): Element | undefined {
  // no <h1> (blogs: <h3 class="post-title">): the heading that repeats the page's title
  if (h1s.length < 2 && h1s[0]?.tagName === "h1") return h1s[0];
  if (!h1s.length) return undefined;
  const title = pageTitle.toLowerCase();
  const words = new Set(title.match(/\p{L}{3,}/gu) ?? []);
  let best = h1s[0];
  let bestScore = -1;
  for (const h of h1s) {
    const ws = shortText(h, 300).toLowerCase().match(/\p{L}{3,}/gu) ?? [];
    const score = ws.length ? ws.filter((w) => words.has(w)).length / ws.length + Math.min(ws.length, 8) / 100 : -1;
    if (score > bestScore) [best, bestScore] = [h, score];
  }
  return best.tagName === "h1" || bestScore >= 0.6 ? best : undefined;
}

const DAY = 86400000;
/** An update shown instead of an invisible publication date: at most this long after it. */
const UPDATE_WITHIN_DAYS = 366;
const dayNum = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;

/** Two instants a whole number of hours apart (1 to 14), to the second: one clock reading given two zones. */
function zoneSlip(a: number, b: number): boolean {
  const d = Math.abs(a - b);
  return d >= 3600000 && d <= 14 * 3600000 && d % 3600000 === 0;
}

/** A wall-clock reading that is an instant in some zone: at most 14 hours off, by quarter hours. */
function localReading(clock: number, instant: number): boolean {
  const d = Math.abs(clock - instant);
  return d > 0 && d <= 14 * 3600000 && d % 900000 === 0;
}

function choose(all: Candidate[]): HtmlDate | null {
  // an ambiguous 03/04 reading stands only when another source confirms it (either way round)
  const cands: Candidate[] = [];
  for (const c of all) {
    if (!c.ambiguous) {
      cands.push(c);
      continue;
    }
    const other = swapped(c.iso);
    const sure = all.filter((x) => !x.ambiguous);
    if (sure.some((x) => x.iso === c.iso)) cands.push({ ...c, ambiguous: false });
    else if (other && sure.some((x) => x.iso === other)) cands.push({ ...c, iso: other, ambiguous: false });
  }
  if (!cands.length) return null;
  cands.sort((a, b) => a.rank - b.rank);
  const published = cands.filter((c) => c.source !== "modified");
  let best = published[0] ?? cands[0];
  // update dates date a page only when nothing else does, and never a day after a printed publication
  if (best.source === "modified" && cands.some((c) => c.iso !== best.iso)) return null;
  // what the reader sees: metadata that disagrees with the one day printed in the article's
  // header (not labelled as an update) gives way to it; a UTC stamp one day apart is the
  // local-day question below, not a disagreement
  if (best.rank < 3) {
    const header = published.filter((c) => c.rank >= 3 && c.rank <= 4.6);
    const days = new Set(header.map((c) => c.iso));
    if (days.size === 1 && !days.has(best.iso) && !(best.utc && Math.abs(dayNum(header[0].iso) - dayNum(best.iso)) <= 1)) {
      // … unless JSON-LD and a meta tag agree against it and the header prints it only once
      const d = header[0].iso;
      const metaFamilies = new Set(published.filter((c) => c.rank < 3 && c.iso === best.iso).map((c) => c.source)).size;
      const support = new Set(published.filter((c) => c.iso === d && c.rank <= 5).map((c) => c.evidence)).size;
      if (support >= metaFamilies) best = header[0];
    }
  }
  // a page whose reader sees no publication date (none printed, no dated address: only invisible
  // metadata) and, next to the headline, only "Updated Mar 12, 2020": the reader's date is the update,
  // when the metadata's own modification stamp gives that day and it is within a year of the
  // publication (later, it is an old article refreshed or re-rendered, still dated by its publication)
  const headerUpdate = cands.find((c) => c.rank === 6.3);
  if (headerUpdate && best.rank < 3 && !cands.some((c) => c.rank >= 3 && c.rank < 6)) {
    const confirmed = cands.some((c) => c.source === "modified" && c.rank < 6.2 && c.iso === headerUpdate.iso);
    const later = dayNum(headerUpdate.iso) - dayNum(best.iso);
    if (confirmed && later > 0 && later <= UPDATE_WITHIN_DAYS) best = headerUpdate;
  }
  // two publication stamps of the metadata that are the same clock reading hours apart
  // ("07:25:06Z" and "21:25:06+00:00"): one's zone is wrong; on different days, and with no
  // printed day or address to settle it, the day is unsure: no date rather than a wrong one
  if (best.rank < 3 && best.instant !== null) {
    const clash = published.find((c) => c.rank < 3 && c.instant !== null && c.iso !== best.iso && zoneSlip(c.instant, best.instant!));
    if (clash && !cands.some((c) => c.rank >= 3 && c.rank <= 5 && (c.iso === best.iso || c.iso === clash.iso))) return null;
  }
  // a dated address is fixed when the page is created: metadata dated later than it (by more
  // than a day) was rewritten since
  const address = cands.find((c) => c.source === "url");
  if (address && best.rank < 3 && dayNum(best.iso) - dayNum(address.iso) > 1) best = address;
  let evidence = best.evidence;
  let iso = best.iso;
  if (best.utc || (best.timed && best.instant === null && best.rank < 3)) {
    // the page's local day: the same instant written with the page's offset …
    const local =
      cands.find((c) => c !== best && c.instant !== null && !c.utc && best.instant !== null && Math.abs(c.instant - best.instant) <= 60000) ??
      // … or written without a zone, a whole number of quarter hours away ("2020-12-06 00:15" for 23:15Z)
      cands.find((c) => c !== best && c.clock !== undefined && best.instant !== null && c.iso !== best.iso && localReading(c.clock, best.instant));
    // … or a day printed on the page (or in its address) one day apart
    // (marks next to the headline and the address; the day that more of them print wins)
    const onPage = cands.filter((c) => (c.source === "time" || c.source === "printed" || c.source === "url") && (c.rank <= 4.6 || c.rank === 5) && !c.utc);
    const support = (iso: string) => new Set(onPage.filter((c) => c.iso === iso).map((c) => c.evidence)).size;
    const printed = onPage.find((c) => Math.abs(dayNum(c.iso) - dayNum(best.iso)) === 1 && support(c.iso) > support(best.iso));
    const pick = local ?? printed;
    if (pick) {
      iso = pick.iso;
      evidence = pick.evidence;
      best = pick;
    }
  }
  return { iso, evidence, source: best.source };
}
