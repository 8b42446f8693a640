/**
 * One seed → one ArticleRecord: ingest (format) → segment (furniture out) →
 * language → date → outlet/authors/agencies → people and quotations.
 * Pure: the bytes come in, the record goes out; knowledge is passed or the default.
 */
import { hash } from "node:crypto";
import type { ArticleRecord, Block, Quote, Via } from "../record.js";
import type { SeedInput } from "../pipeline.js";
import { decode } from "../ingest/decode.js";
import type { Doc } from "../ingest/doc.js";
import { ingestHtml } from "../ingest/html.js";
import { ingestMarkdown } from "../ingest/markdown.js";
import { ingestText } from "../ingest/text.js";
import { publicationDate } from "./dates.js";
import { defaultKnowledge, type Knowledge, slug } from "./knowledge.js";
import { findOutlet } from "./outlet.js";
import { type ArticlePerson, PeopleIndex, scanMentions } from "./people.js";
import { type Context, QuoteExtractor, resolveEchoes } from "./quotes.js";
import { segment } from "./segment.js";
import { fold, unitTest } from "./text.js";
import { clipAtWord, TITLE_MAX } from "../clip.js";
import { httpUrl } from "../safe-url.js";
import { franc } from "../ingest/lazy.js";

export function formatOf(file: string, text: string): Doc["format"] {
  const ext = file.toLowerCase().split(".").pop() ?? "";
  if (ext === "html" || ext === "htm") return "html";
  if (ext === "md" || ext === "markdown") return "markdown";
  if (/^\s*(<!doctype html|<html[\s>])/i.test(text.slice(0, 500))) return "html";
  return "text";
}

const LANGS: Record<string, string> = {
  fra: "fr", eng: "en", deu: "de", spa: "es", ita: "it", por: "pt", rus: "ru", cmn: "zh", nld: "nl", pol: "pl", ukr: "uk", arb: "ar", tur: "tr",
};

const FRENCH_WORDS = new Set(["le", "la", "les", "des", "du", "et", "est", "une", "dans", "que", "qui", "pour", "sur", "au", "aux", "avec", "pas", "ont", "été", "selon", "entre", "il", "elle"]);
const ENGLISH_WORDS = new Set(["the", "and", "of", "to", "in", "is", "that", "was", "for", "on", "with", "said", "by", "has", "have", "its", "from", "are", "it", "he", "she"]);

const LETTER = /\p{L}/u;
const isLetterUnit = unitTest(LETTER); // per UTF-16 unit outside surrogates
/** The number of UTF-16 units of the letter (\p{L}) at i: 1 or 2 (a surrogate pair), or 0 when no letter starts there. */
function letterAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return isLetterUnit(c) ? 1 : 0;
  const cp = s.codePointAt(i)!;
  return cp > 0xffff && LETTER.test(String.fromCodePoint(cp)) ? 2 : 0; // a lone surrogate is no letter
}

/** At least `min` UTF-16 units of letters in s (counted up to min only). */
function lettersAtLeast(s: string, min: number): boolean {
  let n = 0;
  for (let i = 0; i < s.length; ) {
    const w = letterAt(s, i);
    if (w && (n += w) >= min) return true;
    i += w || (s.codePointAt(i)! > 0xffff ? 2 : 1);
  }
  return false;
}

/** The longest word of FRENCH_WORDS and ENGLISH_WORDS, in UTF-16 units: a longer run of letters is neither. */
const LONGEST_COMMON_WORD = Math.max(...[...FRENCH_WORDS, ...ENGLISH_WORDS].map((w) => w.length));

/**
 * How many words of s (runs of letters, as s.match(/\p{L}+/gu) gives them) are in FRENCH_WORDS,
 * and how many in ENGLISH_WORDS. A character loop: only the short runs are cut out and looked up.
 */
function commonWords(s: string): { fr: number; en: number } {
  let fr = 0;
  let en = 0;
  for (let i = 0; i < s.length; ) {
    const w = letterAt(s, i);
    if (!w) {
      i += s.codePointAt(i)! > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    i += w;
    for (let x; i < s.length && (x = letterAt(s, i)); ) i += x;
    if (i - start > LONGEST_COMMON_WORD) continue;
    const word = s.slice(start, i);
    if (FRENCH_WORDS.has(word)) fr++;
    else if (ENGLISH_WORDS.has(word)) en++;
  }
  return { fr, en };
}

/**
 * Language of the article text. French and English (nearly all of this corpus) are told
 * apart by their commonest words; anything else goes to franc, limited to the languages we name.
 */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, 800);
  if (!lettersAtLeast(sample, 20)) return "und";
  const { fr, en } = commonWords(sample.toLowerCase());
  if (fr >= 5 && fr >= 3 * en) return "fr";
  if (en >= 5 && en >= 3 * fr) return "en";
  const [best] = franc().francAll(sample, { minLength: 10, only: Object.keys(LANGS) });
  return best && best[0] !== "und" ? (LANGS[best[0]] ?? "und") : "und";
}

/** Record id from the file path: "Mon Article (2).txt" → "mon-article-2". */
export function idFromFile(file: string): string {
  return slug(file.replace(/\.[^./]+$/, "").replace(/[\\/]/g, "-"));
}

function paragraphs(body: Block[]): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  body.forEach((b, index) => {
    if (typeof b === "string") out.push({ text: b, index });
  });
  return out;
}

function stripSiteSuffix(title: string, k: Knowledge): string {
  const m = title.match(/^(.{12,}?)\s+[|–—-]\s+([^|–—-]{2,40})$/u);
  return m && (k.outletByAlias.has(fold(m[2])) || k.agencyByAlias.has(fold(m[2]))) ? m[1] : title;
}

/** "MOSCOU, 8 novembre (AFP) -" / "MOSCOW (Reuters) -": the agency of a wire dateline. */
function wireAgency(first: string, k: Knowledge): string[] {
  const m = first.slice(0, 100).match(/^[\p{Lu}][\p{L}\s'-]{2,30}(?:,[^()]{0,40})?\s*\(([^()]{2,20})\)\s*[-–—]/u);
  const agency = m ? k.agencyByAlias.get(fold(m[1])) : undefined;
  return agency ? [agency] : [];
}

export function extractRecord(input: SeedInput, k: Knowledge = defaultKnowledge()): ArticleRecord {
  const { text, encoding } = input.decoded ?? decode(input.bytes);
  const format = formatOf(input.file, text);
  const doc = format === "html" ? ingestHtml(text) : format === "markdown" ? ingestMarkdown(text) : ingestText(text);
  const seg = segment(doc.lines, { structured: doc.structured });
  const via: Record<string, Via> = {};
  const warnings = [...doc.warnings];

  // a headline from the page's metadata (HTML, front matter) wins over the text's
  const metaTitle = format !== "text" ? doc.meta.title ?? null : null;
  let title = metaTitle ?? seg.title;
  if (title) via.title = metaTitle ? doc.meta.via : seg.titleVia === "first-sentence" ? "first-sentence" : "text";
  // "Titre | Euronews", "Titre - Le Monde": a site name appended to the headline
  if (title) title = stripSiteSuffix(title, k);
  // a headline-less transcript in one paragraph: its "first sentence" is the whole paragraph
  if (title) title = clipAtWord(title, TITLE_MAX);
  const lede = doc.meta.lede ?? seg.lede;
  const body = seg.body;
  const bodyParagraphs = paragraphs(body);
  // the lede and the body's paragraphs: the prose that the language, the date, the outlet and the people are read from
  const prose = [lede ?? "", ...bodyParagraphs.map((p) => p.text)];
  const language = doc.meta.language && /^[a-z]{2}$/.test(doc.meta.language) ? doc.meta.language : detectLanguage(prose.join("\n"));

  // date: metadata, then the byline, then a wire dateline
  let date: string | null = null;
  let dateEvidence: string | null = null;
  let dateConfidence: "explicit" | "inferred" = "explicit";
  if (doc.meta.date) {
    date = doc.meta.date.iso;
    dateEvidence = doc.meta.date.evidence;
    via.date = doc.meta.date.via ?? doc.meta.via;
  } else {
    // bylines, a dated URL, a wire dateline, the lede's "ce mardi 9 juillet" (src/extract/dates.ts)
    const found = publicationDate({
      bylines: seg.bylines, url: doc.meta.url, opening: prose.slice(0, 2).filter(Boolean), language, latestYear: input.latestYear,
      text: [title ?? "", ...prose, ...seg.captions].join("\n"),
    });
    if (found) {
      date = found.iso;
      dateEvidence = found.evidence;
      dateConfidence = found.confidence;
      via.date = found.via === "url" ? (format === "html" ? "html-meta" : "text") : found.via;
      if (found.warning) warnings.push(found.warning);
    }
  }

  const o = findOutlet({
    bylines: seg.bylines, header: seg.header, footer: seg.footer, metaOutlet: doc.meta.outlet, metaVia: doc.meta.via,
    metaAuthors: doc.meta.authors, url: doc.meta.url, paragraphs: prose.filter(Boolean), k,
  });
  if (o.outletVia) via.outlet = o.outletVia;
  const agencies = [...new Set([...(doc.meta.agencies ?? []), ...o.agencies, ...wireAgency(lede ?? (typeof body[0] === "string" ? body[0] : ""), k)])];

  // people and quotations: body first (it introduces people), then the title
  const idx = new PeopleIndex(k, date, language);
  const ctx: Context = { idx, language, lastSpeaker: null };
  const qx = new QuoteExtractor(ctx);
  qx.introduce([...prose, ...seg.captions]);
  const found: (Quote & { person: ArticlePerson | null })[] = [];
  let prev: ArticlePerson | null = null;
  if (lede) {
    const r = qx.paragraph(lede, "lede", 0, null);
    found.push(...r.quotes);
    prev = r.last;
  }
  for (const p of bodyParagraphs) {
    const r = qx.paragraph(p.text, "body", p.index, prev);
    found.push(...r.quotes);
    prev = r.last;
  }
  if (title) {
    ctx.lastSpeaker = null;
    const r = qx.paragraph(title, "title", 0, null);
    found.unshift(...r.quotes);
  }
  resolveEchoes(found, new Map(bodyParagraphs.map((p) => [p.index, p.text])));
  // captions name people too (mentions only)
  for (const c of seg.captions) scanMentions(qx.tokensOf(c), idx);

  // the same quotation twice is one quote; keep the first, with a speaker if any occurrence has one
  const quotes: Quote[] = [];
  const byText = new Map<string, Quote>();
  for (const q of found) {
    const key = fold(q.text).replace(/[^\p{L}\p{N} ]/gu, "").replace(/\s+/g, " ").trim();
    const seen = byText.get(key);
    if (seen) {
      if (!seen.speakerId && q.speakerId) {
        seen.speakerId = q.speakerId;
        seen.cue = q.cue;
        seen.via = q.via;
        seen.confidence = q.confidence;
      }
      continue;
    }
    const { person: _p, ...rest } = q;
    byText.set(key, rest);
    quotes.push(rest);
  }
  const speakerKeys = new Set(quotes.map((q) => q.speakerId).filter((x): x is string => !!x));
  const speakers = idx.order.filter((p) => speakerKeys.has(p.key)).map((p) => idx.toPerson(p));
  const mentions = idx.order.filter((p) => !speakerKeys.has(p.key) && p.kind === "person").map((p) => idx.toPerson(p));

  if (!title) warnings.push("aucun titre trouvé");
  if (!body.length && !lede) warnings.push("aucun texte d'article trouvé");

  return {
    id: idFromFile(input.file),
    source: {
      file: input.file,
      sha256: input.sha256 ?? hash("sha256", input.bytes, "hex"), // one-shot: a Hash object costs more than hashing a page
      format,
      encoding,
      bytes: input.bytes.length,
      url: httpUrl(doc.meta.url),
    },
    title,
    date,
    dateConfidence: date ? dateConfidence : "none",
    dateEvidence,
    outlet: o.outlet,
    authors: o.authors,
    agencies,
    language,
    lede,
    body,
    captions: seg.captions,
    speakers,
    mentions,
    quotes,
    eventId: null,
    via,
    manual: [],
    warnings,
    notes: doc.notes ?? [],
  };
}
