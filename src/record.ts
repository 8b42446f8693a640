/**
 * The article record: the one definition of what the pipeline produces.
 *
 * Everything downstream (the extract CLI, the cache, the site templates, the
 * JSON Schema in docs/record.schema.json) derives from the zod schemas below.
 * Regenerate the JSON Schema with `npm run schema` after changing this file.
 */
import { z } from "zod";

/** Where a value came from, so a reader (and a maintainer) can judge it. */
export const Via = z.enum([
  "json-ld", // <script type="application/ld+json"> NewsArticle
  "html-meta", // <meta property="og:…"> / article:published_time / <time datetime>
  "front-matter", // Markdown YAML front matter
  "byline", // the page's own byline / dateline ("Par X", "information fournie par Y")
  "text", // found by pattern in the article text
  "first-sentence", // no headline: the lede's first sentence stands in
  "registry", // curated knowledge in data/
  "corpus", // inferred from other articles of the corpus
  "calendar", // inferred from the curated calendar of events (data/events.yaml)
  "manual", // a sidecar file (seeds/NAME.meta.yaml) set it
]);
export type Via = z.infer<typeof Via>;

export const Source = z.object({
  /** Path of the seed relative to the seeds folder (or the path given on the command line). */
  file: z.string(),
  /** SHA-256 of the file's bytes, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  format: z.enum(["text", "html", "markdown"]),
  /** Character encoding the bytes were decoded from (utf-8, utf-16le, windows-1252…). */
  encoding: z.string(),
  bytes: z.number().int().nonnegative(),
  /** The original web address when the seed says it (canonical link, og:url, front matter `url`). */
  url: z.string().nullable(),
});
export type Source = z.infer<typeof Source>;

export const Outlet = z.object({
  /** Stable slug, e.g. "euronews". */
  id: z.string(),
  name: z.string(),
});
export type Outlet = z.infer<typeof Outlet>;

export const Person = z.object({
  /** Stable slug of the canonical name, e.g. "vladimir-poutine". */
  id: z.string(),
  /** Canonical name (registry spelling when known). */
  name: z.string(),
  /** Role at the article's date, e.g. "président de la Russie"; null when unknown. */
  role: z.string().nullable(),
  kind: z.enum(["person", "organization"]),
  /** Wikidata item (Q…) when the registry knows it. */
  wikidata: z.string().nullable(),
  /** "registry" when the person is in data/people.yaml, "text" when found by pattern only. */
  via: z.enum(["registry", "text"]),
});
export type Person = z.infer<typeof Person>;

/** A paragraph is a string; an intertitle (sub-heading inside the article) is { heading }. */
export const Block = z.union([z.string(), z.object({ heading: z.string() })]);
export type Block = z.infer<typeof Block>;

/** How a quotation was attributed: the sieves of src/extract/attribution.ts, in their order. */
export const QuoteVia = z.enum([
  "text", "manual", "cue-after", "pronoun", "headline-colon", "selon", "lead-colon", "cue-before", "cue-later", "headline-subject", "pour",
  "source-in-sentence", "next-sentence", "continuation", "paragraph-continuation", "interview-answer", "headline-echo",
  "unknown-subject", "none",
]);
export type QuoteVia = z.infer<typeof QuoteVia>;

export const Quote = z.object({
  /** The words inside the quotation marks, as printed (ellipses such as "(...)" kept). */
  text: z.string(),
  /** Id of an entry of `speakers`; null when the quotation could not be attributed. */
  speakerId: z.string().nullable(),
  /** The reporting words that attribute it: a speech verb ("a-t-il souligné"), "selon", "d'après"… */
  cue: z.string().nullable(),
  /** Where it stands: the title, the lede, or body[paragraph]. */
  location: z.enum(["title", "lede", "body"]),
  /** Index in `body` when location is "body", else 0. */
  paragraph: z.number().int().nonnegative(),
  /** True for a few quoted words inside a sentence rather than a quoted statement. */
  fragment: z.boolean(),
  /**
   * The attribution rule that gave the speaker (docs/attribution.md): "cue-after", "selon",
   * "pronoun", "interview-answer"…; "unknown-subject" when the reporting structure names no one,
   * "none" when no rule applied; "manual" when a sidecar set the speaker ("text": older records).
   */
  via: QuoteVia.default("text"),
  /** How sure the rule is, 0–1 (0 for an unattributed quotation, 1 for a manual one). */
  confidence: z.number().min(0).max(1).optional(),
});
export type Quote = z.infer<typeof Quote>;

export const DateConfidence = z.enum(["explicit", "inferred", "none"]);
export type DateConfidence = z.infer<typeof DateConfidence>;

export const ArticleRecord = z.object({
  /** Stable, unique, URL-safe slug (from the file name). */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  source: Source,
  title: z.string().nullable(),
  /** Publication date, YYYY-MM-DD, or null when it cannot be established. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  dateConfidence: DateConfidence,
  /** The words the date came from ("08/11/2023 à 15:35"), or the reason it was inferred. */
  dateEvidence: z.string().nullable(),
  outlet: Outlet.nullable(),
  authors: z.array(z.string()),
  /** News agencies credited for the text (AFP, Reuters, AP…), not for photos. */
  agencies: z.array(z.string()),
  /** ISO 639-1 code ("fr", "en"…) or "und" when undetermined. */
  language: z.string(),
  /** The standfirst / first paragraph; null when the article has none distinct from the body. */
  lede: z.string().nullable(),
  /** The article text, in order: paragraphs (strings) and intertitles ({ heading }). */
  body: z.array(Block),
  /** Photo captions and credits found in the page. */
  captions: z.array(z.string()),
  /** People and organizations quoted in the article. */
  speakers: z.array(Person),
  /** People named but not quoted. */
  mentions: z.array(Person),
  quotes: z.array(Quote),
  /** Event shared by the articles that report it; set by the corpus stage. */
  eventId: z.string().nullable(),
  /** Where each top-level value came from: { title: "byline", date: "text", … }. */
  via: z.record(z.string(), Via),
  /** Fields set or corrected by hand in a sidecar file. */
  manual: z.array(z.string()),
  /** Problems met while reading this seed (also printed on stderr). */
  warnings: z.array(z.string()),
  /**
   * The analyst's own remarks on a Markdown note (`> note: …` blockquotes, front matter `notes:`):
   * shown as a note on the article page, never read as press text (no quotation, not indexed).
   * Empty for other seeds.
   */
  notes: z.array(z.string()).default([]),
});
export type ArticleRecord = z.infer<typeof ArticleRecord>;

/** An event: articles of the corpus that report the same thing. */
export const EventRecord = z.object({
  id: z.string(),
  date: z.string().nullable(),
  /** One-line summary (the title of the earliest / best-dated article, or the calendar's label). */
  title: z.string(),
  /** Label from data/events.yaml when the event matches a known one. */
  label: z.string().nullable(),
  articleIds: z.array(z.string()),
  outletIds: z.array(z.string()),
  speakerIds: z.array(z.string()),
  /** The most widely printed major quotation. */
  keyQuote: z.object({ text: z.string(), speakerId: z.string().nullable() }).nullable(),
  /**
   * The same quotation as printed by different articles of the event (only groups
   * printed by two articles or more). Each variant is the quote as one article has it.
   */
  quoteGroups: z.array(
    z.object({
      speakerId: z.string().nullable(),
      variants: z.array(z.object({ articleId: z.string(), text: z.string() })),
    }),
  ),
  /**
   * Why these articles are one event: each link that joined two of them, with its rule
   * (`quotation`: a quotation printed by both; `same-day`: same day ± 1, same people,
   * same key terms; `same-facts`: an undated article and a dated one in another
   * language naming the same facts, on a day the undated one prints) and the evidence
   * in words, so a wrong merge can be traced.
   */
  links: z.array(
    z.object({
      articles: z.array(z.string()),
      rule: z.enum(["quotation", "same-day", "same-facts"]),
      detail: z.string(),
    }),
  ),
});
export type EventRecord = z.infer<typeof EventRecord>;

export const RECORD_SCHEMA_VERSION = 1;
