/**
 * The site model: records + events + report → everything the templates show,
 * precomputed here so that templates only lay it out. No clock access; the only files
 * it touches are those of the view cache (src/site/view-cache.ts: each article's
 * rendered text, kept between builds, keyed by exactly what it is made from).
 */
import { hash } from "node:crypto";
import type { ArticleRecord, EventRecord, Person, Quote } from "../record.js";
import { RECORD_SCHEMA_VERSION } from "../record.js";
import type { CorpusReport } from "../corpus.js";
import { urls, absoluteUrl } from "./urls.js";
import { dateFr, monthFr, dateConfidenceLabel, fieldLabel, plural, listFr } from "./format.js";
import { renderBody, renderLede, quoteAnchor } from "./body.js";
import { defaultSiteRegistry, type SiteRegistry } from "./registry.js";
import { LooseText, foldedWords } from "./loose-match.js";
import { escapeHtml } from "./escape.js";
import { compareVariants, normalize } from "./diff.js";
import { coverageChart } from "./chart.js";
import { quotesCsv } from "./csv.js";
import { feedEntries, jsonFeed, timelineJs } from "./exports.js";
import { clipAtWord } from "../clip.js";
import { recordDigest } from "../record-digest.js";
import { memoized } from "../memo.js";
import { defaultViewCache, partsKey, type ArticleParts, type ViewCache } from "./view-cache.js";

/** Page sizes: keep every page small when the corpus reaches 10,000 articles. */
export const PAGE_SIZES = { home: 30, timeline: 60, undated: 100, quotes: 100, homeUndated: 10, filters: 12, report: 500, outlet: 100, person: 100, searchOptions: 300 };

const SITE_TITLE = "Revue";
const SITE_TAGLINE = "La coopération militaire russo-chinoise dans la presse francophone";

export interface SiteOptions {
  /** Absolute site address without the prefix, for the feed and the sitemap. */
  siteUrl: string;
  /** "/" or "/revue/". */
  pathPrefix: string;
  /** Spellings and state-owned outlets from data/ (src/site/registry.ts); read from data/ when absent. */
  registry?: SiteRegistry;
  /** Each article's rendered text kept between builds (src/site/view-cache.ts); null: none; absent: the process's. */
  viewCache?: ViewCache | null;
}

export interface LinkRef {
  id: string;
  name: string;
  url: string;
}

/** An outlet as shown: flagged when it is state-controlled (data/outlets.yaml `stateOwned`). */
export interface OutletRef extends LinkRef {
  stateOwned?: boolean;
}

export interface QuoteView {
  text: string;
  articleId: string;
  articleTitle: string;
  articleUrl: string;
  /** Link to the quotation inside the article page. */
  url: string;
  date: string | null;
  dateLabel: string;
  outlet: OutletRef | null;
  speaker: (LinkRef & { role: string | null }) | null;
  fragment: boolean;
  /**
   * A fragment (a few quoted words) inside the sentence that prints it, the quoted words in
   * <mark class="frag">: escaped HTML, or null (a full quotation, or a fragment not found again).
   */
  contextHtml: string | null;
  /** Language of the article when it is not French ("en"), for a lang attribute; null otherwise. */
  lang: string | null;
  manual: boolean;
  /** Set when another fragment's item shows this one in the same sentence (its url): lists leave it out. */
  shownIn: string | null;
}

export interface ArticleView {
  id: string;
  url: string;
  title: string;
  untitled: boolean;
  date: string | null;
  dateLabel: string;
  dateConfidence: string;
  dateNote: string;
  outlet: OutletRef | null;
  authors: string[];
  agencies: string[];
  ledeHtml: string;
  bodyHtml: string;
  sourceFile: string;
  sourceCopyUrl: string;
  sourceUrl: string | null;
  event: { id: string; url: string; title: string; others: number } | null;
  speakers: (LinkRef & { role: string | null })[];
  quotes: QuoteView[];
  manual: string[];
  manualLabels: string;
  warnings: string[];
  /** The analyst's own remarks (Markdown notes): shown apart, never indexed. */
  notes: string[];
  /** Outlet ids and speaker ids, for the client-side filter. */
  filterKeys: string;
  /** Language when not French ("en"): the lang attribute of its title and text; null for French. */
  lang: string | null;
  /** The lede (else the first paragraph) as plain text, cut at a word: cards and descriptions. */
  summary: string;
  /** Meta description and og:description of the article page. */
  description: string;
  /** Year for the search filter ("2023"), or null. */
  year: string | null;
  /**
   * Other spellings of the people and organizations the article names (registry aliases,
   * transliterations), and ligature words written without the ligature ("manoeuvres"):
   * indexed for search with the page, never shown.
   */
  searchTerms: string;
  /** Words that select the article in a search (searchFilterToken): its outlet, year, event, speakers. */
  filterTokens: string;
}

export interface VariantGroupView {
  speaker: LinkRef | null;
  identical: boolean;
  /** True for the group that holds the event's key quotation (shown first, as the key quotation). */
  key: boolean;
  variants: { html: string; differs: boolean; outletName: string; stateOwned: boolean; articleUrl: string; articleTitle: string; lang: string | null }[];
}

export interface EventView {
  id: string;
  url: string;
  title: string;
  date: string | null;
  dateLabel: string;
  articles: ArticleView[];
  outlets: OutletRef[];
  speakers: LinkRef[];
  /** The most widely printed quotation (the timeline shows it). */
  keyQuote: { text: string; speaker: LinkRef | null; url: string | null; lang: string | null } | null;
  /** True when a variant group holds the key quotation: the event page shows that group first, not the quotation again. */
  keyInGroup: boolean;
  groups: VariantGroupView[];
  /** The quotations that neither the key quotation nor a variant group shows: each once. */
  otherQuotes: QuoteView[];
  description: string;
  filterOutlets: string;
  filterSpeakers: string;
  articleCountLabel: string;
  quoteCount: number;
}

export interface MonthGroup<T> {
  key: string;
  label: string;
  items: T[];
}
export interface YearGroup<T> {
  /** "2023", or "nd" for items without a date (kept, last). */
  year: string;
  label: string;
  months: MonthGroup<T>[];
}

export interface PageView<T> {
  url: string;
  number: number;
  count: number;
  items: T[];
  years: YearGroup<T>[];
  prev: string | null;
  next: string | null;
  all: { number: number; url: string }[];
}

export interface PersonView extends LinkRef {
  kind: string;
  wikidata: string | null;
  role: string | null;
  roles: { role: string; from: string; to: string }[];
  quotes: QuoteView[];
  articleCount: number;
  quoteCountLabel: string;
  description: string;
}

export interface OutletView extends OutletRef {
  articles: ArticleView[];
  events: number;
  articleCountLabel: string;
}

function byDateThenId(a: { date: string | null; id: string }, b: { date: string | null; id: string }): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}

/** Items grouped by year then month, in the order given; undated items in a last group, never dropped. */
export function groupByMonth<T extends { date: string | null }>(items: T[]): YearGroup<T>[] {
  const years: YearGroup<T>[] = [];
  const undated = items.filter((it) => !it.date);
  for (const it of items) {
    if (!it.date) continue;
    const y = it.date.slice(0, 4);
    const m = it.date.slice(0, 7);
    let yg = years[years.length - 1];
    if (!yg || yg.year !== y) years.push((yg = { year: y, label: y, months: [] }));
    let mg = yg.months[yg.months.length - 1];
    if (!mg || mg.key !== m) yg.months.push((mg = { key: m, label: monthFr(m), items: [] }));
    mg.items.push(it);
  }
  if (undated.length) years.push({ year: "nd", label: "Sans date", months: [{ key: "nd", label: "Date inconnue", items: undated }] });
  return years;
}

/** Items cut into pages of `size`, each knowing its neighbours (for the pager). Always at least one page. */
function pagesOf<T>(items: T[], size: number, urlOf: (n: number) => string) {
  const pages = chunk(items, size);
  const all = pages.map((_, i) => ({ number: i + 1, url: urlOf(i + 1) }));
  return pages.map((p, i) => ({
    url: urlOf(i + 1),
    number: i + 1,
    count: pages.length,
    items: p,
    prev: i > 0 ? urlOf(i) : null,
    next: i < pages.length - 1 ? urlOf(i + 2) : null,
    all,
  }));
}

function paginate<T extends { date: string | null }>(items: T[], size: number, urlOf: (n: number) => string): PageView<T>[] {
  return pagesOf(items, size, urlOf).map((p) => ({ ...p, years: groupByMonth(p.items) }));
}

/** The record's language when it is neither French nor undetermined: a lang attribute for its text. */
function foreignLang(language: string): string | null {
  return language && language !== "fr" && language !== "und" ? language : null;
}

/** The lede, else the first paragraph, as one line cut at a word (cards, meta descriptions). */
function summaryOf(r: ArticleRecord, max = 280): string {
  const first = r.lede ?? r.body.find((b): b is string => typeof b === "string") ?? "";
  return clipAtWord(first.replace(/\s+/g, " ").trim(), max);
}

/** The text of the block a quotation stands in. */
function blockText(r: ArticleRecord, q: Quote): string {
  if (q.location === "title") return r.title ?? "";
  if (q.location === "lede") return r.lede ?? "";
  const b = r.body[q.paragraph];
  return typeof b === "string" ? b : "";
}

/** At most `max` characters of context on one side, cut at a word, an ellipsis where cut. */
function clipSide(s: string, max: number, side: "before" | "after"): string {
  if (s.length <= max) return s;
  if (side === "after") return clipAtWord(s, max);
  const cut = s.slice(s.length - max);
  const space = cut.search(/\s/);
  return "…" + (space >= 0 && space < max / 2 ? cut.slice(space) : cut);
}

/** Where a fragment stands: its block's text, its [start, end) and its sentence's. */
interface FragmentSpan {
  text: string;
  at: [number, number];
  sentence: [number, number];
}

/** Where a fragment stands; null when not found again. `blocks`: the blocks already looked into (a LooseText's forms are made once). */
function fragmentSpan(r: ArticleRecord, q: Quote, blocks = new Map<string, LooseText>()): FragmentSpan | null {
  const text = blockText(r, q);
  let loose = blocks.get(text);
  if (!loose) blocks.set(text, (loose = new LooseText(text)));
  const at = loose.find(q.text);
  return at ? { text, at, sentence: loose.sentenceAround(at[0], at[1]) } : null;
}

/** Where each quotation of a record stands when it is a fragment (null: a full quotation, or a fragment not found again). */
function fragmentSpans(r: ArticleRecord): (FragmentSpan | null)[] {
  const blocks = new Map<string, LooseText>();
  return r.quotes.map((q) => (q.fragment ? fragmentSpan(r, q, blocks) : null));
}

/** The sentence [s0, s1) of `text` as escaped HTML, each range of quoted words in <mark class="frag">. */
function sentenceWithMarks(text: string, [s0, s1]: [number, number], ranges: [number, number][]): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let html = escapeHtml(clipSide(text.slice(s0, sorted[0][0]).trimStart(), 160, "before"));
  sorted.forEach(([a, b], k) => {
    html += `<mark class="frag">${escapeHtml(text.slice(a, b))}</mark>`;
    const next = k + 1 < sorted.length ? sorted[k + 1][0] : null;
    html += escapeHtml(next === null ? clipSide(text.slice(b, s1).trimEnd(), 160, "after") : text.slice(b, next));
  });
  return html;
}

/**
 * A fragment shown inside the sentence that prints it, the quoted words marked: "Vladimir
 * Poutine a dénoncé les « <mark>pressions</mark> » de l'Occident". Escaped HTML; null when the
 * words are not found again in their block.
 */
export function fragmentInContext(r: ArticleRecord, q: Quote): string | null {
  const f = fragmentSpan(r, q);
  return f ? sentenceWithMarks(f.text, f.sentence, [f.at]) : null;
}

/**
 * Fragments of one speaker in one sentence are shown once, the sentence with all their words
 * marked: the first carries that sentence (contextHtml), the others point to it (shownIn) and
 * quotation lists leave them out. Each quotation stays in the record, the CSV and the article.
 */
function mergeFragmentsBySentence(r: ArticleRecord, views: QuoteView[], spans: (FragmentSpan | null)[]): void {
  const groups = new Map<string, { first: QuoteView; text: string; sentence: [number, number]; ranges: [number, number][] }>();
  r.quotes.forEach((q, i) => {
    const f = spans[i];
    if (!f) return;
    const key = `${q.location}\u0000${q.paragraph}\u0000${f.sentence.join(":")}\u0000${q.speakerId ?? ""}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { first: views[i], text: f.text, sentence: f.sentence, ranges: [f.at] });
    else if (!g.ranges.some(([a, b]) => f.at[0] < b && f.at[1] > a)) {
      g.ranges.push(f.at);
      views[i].shownIn = g.first.url;
    }
  });
  for (const g of groups.values()) if (g.ranges.length > 1) g.first.contextHtml = sentenceWithMarks(g.text, g.sentence, g.ranges);
}

/**
 * The word that stands for one value of a search filter ("xmedia_boursorama"), indexed with the
 * article (hidden) and added to the query by the search page. Pagefind's own filters are not used:
 * its filter index comes out in a different order at each run (a hash map), and two builds of the
 * same seeds must be byte-identical. "_" is a word character for Pagefind, so the token stays one word.
 */
export function searchFilterToken(filter: string, value: string): string {
  return `x${filter}_${value.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;
}

/** foldedWords of a registry spelling, kept: the same few hundred spellings come back in every article. */
const spellingWords = memoized(foldedWords, 50_000);

const LIGATURES: Record<string, string> = { œ: "oe", Œ: "Oe", æ: "ae", Æ: "Ae" };

/**
 * Words a reader may search that the text does not print: every registry spelling of the people
 * and organizations the article names (quoted or mentioned: "Shoigu", "Belousov" for Choïgou,
 * Belooussov), and each word with a ligature spelled without it ("manoeuvres" for "manœuvres";
 * the search page spells queries without ligatures too). Sorted, each once: a stable string.
 */
export function searchTermsOf(r: ArticleRecord, spellingsOf: (id: string) => string[]): string {
  const terms = new Set<string>();
  const blocks = [r.title ?? "", r.lede ?? "", ...r.body.map((b) => (typeof b === "string" ? b : b.heading))];
  const printed = foldedWords(blocks.join(" "));
  // only the spellings the text does not print: an excerpt then comes from the text whenever it can
  for (const p of [...r.speakers, ...r.mentions]) for (const sp of spellingsOf(p.id)) if (!printed.includes(spellingWords(sp))) terms.add(sp);
  // a word never spans two blocks: only the few blocks with a ligature are searched for its words (a slow pattern)
  for (const b of blocks) if (/[œŒæÆ]/.test(b)) for (const w of b.match(/[\p{L}]*[œŒæÆ][\p{L}]*/gu) ?? []) terms.add(w.replace(/[œŒæÆ]/g, (c) => LIGATURES[c]));
  return terms.size ? `Autres graphies : ${[...terms].sort().join(", ")}` : "";
}

/** The fields of an article's view that only the pages showing it read (its page, the lists it is an item of). */
type ShownFields = Pick<ArticleView, "dateNote" | "speakers" | "manualLabels" | "filterKeys" | "summary" | "description" | "filterTokens">;

/**
 * Those fields, made from what the view is made of (its record, outlet, event): made when a page being
 * rendered first reads one, not with the model — a rebuild renders the pages of a few hundred articles,
 * and these took ~0.3 s of CPU for the 10,000 articles of the benchmark's corpus.
 */
function shownFields(r: ArticleRecord, outlet: OutletRef | null, event: EventRecord | undefined): ShownFields {
  const summary = summaryOf(r);
  const speakerIds = [...new Set(r.quotes.map((q) => q.speakerId).filter((x): x is string => !!x))];
  return {
    dateNote: dateConfidenceLabel(r.dateConfidence, r.dateEvidence, r.via.date),
    speakers: r.speakers.map((p) => ({ id: p.id, name: p.name, url: urls.person(p.id), role: p.role })),
    manualLabels: listFr(r.manual.map(fieldLabel)),
    filterKeys: [r.outlet?.id ?? "", ...speakerIds].filter(Boolean).join(" "),
    summary,
    description: clipAtWord(`${outlet ? `${outlet.name}, ` : ""}${dateFr(r.date)}. ${summary}`, 200),
    filterTokens: [
      r.outlet ? searchFilterToken("media", r.outlet.id) : "",
      r.date ? searchFilterToken("annee", r.date.slice(0, 4)) : "",
      event ? searchFilterToken("evenement", event.id) : "",
      ...speakerIds.map((id) => searchFilterToken("personne", id)),
    ].filter(Boolean).join(" "),
  };
}

/** Each article, quotation and event view → a key of everything it is made from, under the same code. */
const VIEW_KEYS = new WeakMap<object, string>();

/**
 * For an article view of buildSite, one of its quotations' or an event view, a key of all it is made from
 * (records and events by digest, the registry's values and the corpus-wide people it reads): under the same
 * code, the same key is the same view — the page plan digests the key instead of walking the view
 * (src/site/data.ts; tests/plan-keys.test.ts). Undefined for any other object.
 */
export function viewKey(view: object): string | undefined {
  return VIEW_KEYS.get(view);
}

const sha = (s: string) => hash("sha256", s, "hex");

export function buildSite(
  input: { records: ArticleRecord[]; events: EventRecord[]; report: CorpusReport },
  opts: SiteOptions,
) {
  const records = [...input.records].sort(byDateThenId);
  const recordById = new Map(records.map((r) => [r.id, r]));

  // People: one entry per id; the name and role of the latest article that quotes them.
  const people = new Map<string, { person: Person; date: string | null }>();
  for (const r of records) {
    for (const p of r.speakers) {
      const prev = people.get(p.id);
      if (!prev || (r.date && (!prev.date || r.date >= prev.date))) people.set(p.id, { person: p, date: r.date });
    }
  }
  const personRef = (id: string | null): (LinkRef & { role: string | null }) | null => {
    if (!id) return null;
    const p = people.get(id)?.person;
    return p ? { id, name: p.name, url: urls.person(id), role: p.role } : null;
  };
  const registry = opts.registry ?? defaultSiteRegistry();
  const spellingsOf = (id: string) => registry.spellings.get(id) ?? [];
  const outletRef = (o: { id: string; name: string } | null): OutletRef | null =>
    o ? { id: o.id, name: o.name, url: urls.outlet(o.id), stateOwned: registry.stateOwned.has(o.id) } : null;

  const eventById = new Map(input.events.map((e) => [e.id, e]));

  // The parts of an article made from its record and the registry's spellings of whom it names, and
  // nothing else (no other article, no event): kept between builds, keyed by exactly those inputs.
  const viewCache = opts.viewCache === undefined ? defaultViewCache() : opts.viewCache;
  // (as a function: the cache reads an entry only when a page asks for it — the article's page, rendered)
  const partsOf = (r: ArticleRecord): { parts: () => ArticleParts; key: string } => {
    const make = () => ({ ledeHtml: renderLede(r, spellingsOf), bodyHtml: renderBody(r, spellingsOf), searchTerms: searchTermsOf(r, spellingsOf) });
    const named = [...new Set([...r.speakers, ...r.mentions].map((p) => p.id))].sort();
    const key = partsKey(recordDigest(r), named.map((id) => [id, spellingsOf(id)]), opts);
    if (viewCache) return { parts: viewCache.lazy(key, make), key };
    const made = make();
    return { parts: () => made, key };
  };

  const articles: ArticleView[] = records.map((r) => {
    const { parts, key } = partsOf(r);
    const outlet = outletRef(r.outlet);
    const event = r.eventId ? eventById.get(r.eventId) : undefined;
    // Labels printed with every quotation (pages, quotes.csv) are bounded, whatever a sidecar or a page's
    // metadata says: a page never repeats an unbounded text once per quotation.
    const quoteOutlet = outlet && { ...outlet, name: clipAtWord(outlet.name) };
    const articleTitle = clipAtWord(r.title ?? r.source.file);
    /** What the view reads of people beyond its record: the corpus-wide name and role of a speaker it does not name itself. */
    const othersRead: unknown[] = [];
    const spans = fragmentSpans(r);
    const quotes: QuoteView[] = r.quotes.map((q, i) => {
      const f = spans[i];
      const speaker = q.speakerId ? (() => {
        const own = r.speakers.find((p) => p.id === q.speakerId);
        const ref = own ? { id: own.id, name: own.name, url: urls.person(own.id), role: own.role } : personRef(q.speakerId);
        if (!own) othersRead.push(q.speakerId, ref);
        return ref && { ...ref, name: clipAtWord(ref.name), role: ref.role && clipAtWord(ref.role) };
      })() : null;
      return {
        text: q.text,
        articleId: r.id,
        articleTitle,
        articleUrl: urls.article(r.id),
        url: `${urls.article(r.id)}#${quoteAnchor(i)}`,
        date: r.date,
        dateLabel: dateFr(r.date),
        outlet: quoteOutlet,
        speaker,
        fragment: q.fragment,
        contextHtml: f ? sentenceWithMarks(f.text, f.sentence, [f.at]) : null,
        lang: foreignLang(r.language),
        manual: q.via === "manual",
        shownIn: null,
      };
    });
    mergeFragmentsBySentence(r, quotes, spans);
    // what only pages that show the article read: made when a rendered page first asks
    let shown: ShownFields | undefined;
    const more = () => (shown ??= shownFields(r, outlet, event));
    const view: ArticleView = {
      id: r.id,
      url: urls.article(r.id),
      title: r.title ?? r.source.file,
      untitled: r.title === null,
      date: r.date,
      dateLabel: dateFr(r.date),
      dateConfidence: r.dateConfidence,
      get dateNote() {
        return more().dateNote;
      },
      outlet,
      authors: r.authors,
      agencies: r.agencies,
      get ledeHtml() {
        return parts().ledeHtml;
      },
      get bodyHtml() {
        return parts().bodyHtml;
      },
      sourceFile: r.source.file,
      sourceCopyUrl: urls.source(r.id),
      sourceUrl: r.source.url, // http(s) only: checked where it is set (extraction, sidecar)
      event: event
        ? { id: event.id, url: urls.event(event.id), title: event.label ?? event.title, others: event.articleIds.length - 1 }
        : null,
      get speakers() {
        return more().speakers;
      },
      quotes,
      manual: r.manual,
      get manualLabels() {
        return more().manualLabels;
      },
      warnings: r.warnings,
      notes: r.notes ?? [],
      get filterKeys() {
        return more().filterKeys;
      },
      lang: foreignLang(r.language),
      get summary() {
        return more().summary;
      },
      get description() {
        return more().description;
      },
      year: r.date ? r.date.slice(0, 4) : null,
      get searchTerms() {
        return parts().searchTerms;
      },
      get filterTokens() {
        return more().filterTokens;
      },
    };
    // everything the view is made from besides the code: its parts' key (record, spellings, options), the
    // outlet's state flag, its event as shown, the people read above (the page plan digests this: viewKey)
    // (not hashed: the article's key below is, and a quotation's is hashed into its pages' by the plan)
    const ownKey = JSON.stringify([key, outlet?.stateOwned ?? null, othersRead]);
    VIEW_KEYS.set(view, sha(`${ownKey}\0${JSON.stringify(view.event)}`));
    // a quotation's view is made of its article's minus the event (a person's page keeps its hash when an
    // article joins the event of one it quotes): that key and its place say what it is
    quotes.forEach((q, i) => VIEW_KEYS.set(q, `${ownKey}:${i}`));
    return view;
  });
  const articleById = new Map(articles.map((a) => [a.id, a]));

  // a quotation's text as events compare them (quotes, spaces, case); each text normalized once (the
  // same texts are compared many times: every quotation of an event against the others)
  const normalized = new Map<string, string>();
  const norm = (t: string) => {
    let n = normalized.get(t);
    if (n === undefined) normalized.set(t, (n = normalize(t).toLowerCase()));
    return n;
  };
  // the word-level comparisons of a group of variants, kept between builds by their texts (diff.ts)
  const variantsKept = viewCache
    ? (texts: string[], make: () => string[]) => viewCache.texts(`diff:${sha(JSON.stringify(texts))}`, 2 * texts.length, make)
    : undefined;
  // each event record's JSON, written once: digested for its view's key, and put as it is in records.json
  const eventJsons = new Map<EventRecord, string>();
  const eventJson = (e: EventRecord) => {
    let j = eventJsons.get(e);
    if (j === undefined) eventJsons.set(e, (j = JSON.stringify(e)));
    return j;
  };
  const events: EventView[] = input.events
    .map((e): EventView => {
      const arts = e.articleIds.map((id) => articleById.get(id)).filter((a): a is ArticleView => !!a).sort(byDateThenId);
      const outlets = [...new Map(arts.filter((a) => a.outlet).map((a) => [a.outlet!.id, a.outlet!])).values()];
      const speakerIds = [...new Set([...e.speakerIds, ...arts.flatMap((a) => a.quotes.map((q) => q.speaker?.id ?? ""))])].filter(Boolean);
      const speakers = speakerIds.map(personRef).filter((p): p is LinkRef & { role: string | null } => !!p);
      // One place per quotation: the key quotation (or the variant group that holds it) first,
      // then the other groups, then every quotation that neither shows, once.
      const keyText = e.keyQuote ? norm(e.keyQuote.text) : null;
      const shown = new Set<string>(); // articleId + normalized text
      const quoteIn = (articleId: string, text: string) => articleById.get(articleId)?.quotes.find((q) => norm(q.text) === norm(text)) ?? null;
      const groups: VariantGroupView[] = e.quoteGroups.map((g) => {
        const views = compareVariants(g.variants, variantsKept);
        for (const v of g.variants) shown.add(`${v.articleId}\u0000${norm(v.text)}`);
        return {
          speaker: personRef(g.speakerId),
          identical: views.every((v) => !v.differs),
          key: keyText !== null && g.variants.some((v) => norm(v.text) === keyText),
          variants: views.map((v) => {
            const a = articleById.get(v.articleId);
            const q = quoteIn(v.articleId, g.variants.find((x) => x.articleId === v.articleId)?.text ?? "");
            return {
              html: v.html,
              differs: v.differs,
              outletName: a?.outlet?.name ?? a?.sourceFile ?? v.articleId,
              stateOwned: !!a?.outlet?.stateOwned,
              articleUrl: q?.url ?? urls.article(v.articleId),
              articleTitle: clipAtWord(a?.title ?? v.articleId),
              lang: a?.lang ?? null,
            };
          }),
        };
      });
      groups.sort((a, b) => Number(b.key) - Number(a.key));
      const keyInGroup = groups.some((g) => g.key);
      const keyRef = e.keyQuote ? arts.flatMap((a) => a.quotes).find((q) => norm(q.text) === keyText) ?? null : null;
      const once = new Set<string>(); // each (article, text) once: the first of the quotations not shown otherwise
      const otherQuotes = arts
        .flatMap((a) => a.quotes)
        .filter((q) => !q.shownIn && !shown.has(`${q.articleId}\u0000${norm(q.text)}`) && !(keyRef && !keyInGroup && q.url === keyRef.url))
        .filter((q) => {
          const k = `${q.articleId}\u0000${norm(q.text)}`;
          return !once.has(k) && !!once.add(k);
        });
      const keyQuote = e.keyQuote
        ? { text: e.keyQuote.text, speaker: personRef(e.keyQuote.speakerId), url: keyRef?.url ?? null, lang: keyRef?.lang ?? null }
        : null;
      // the meta description of the event's page, read by no other page: made when that page is rendered
      let description: string | undefined;
      const describe = () => {
        const keyLine = e.keyQuote ? ` « ${clipAtWord(e.keyQuote.text, 120)} »` : "";
        return clipAtWord(`${e.label ?? e.title}, ${dateFr(e.date)} : ${plural(arts.length, "article")}${outlets.length ? ` (${listFr(outlets.map((o) => o.name))})` : ""}.${keyLine}`, 220);
      };
      const view: EventView = {
        id: e.id,
        url: urls.event(e.id),
        title: e.label ?? e.title,
        date: e.date,
        dateLabel: dateFr(e.date),
        articles: arts,
        outlets,
        speakers,
        keyQuote,
        keyInGroup,
        groups,
        otherQuotes,
        get description() {
          return (description ??= describe());
        },
        filterOutlets: outlets.map((o) => o.id).join(" "),
        filterSpeakers: speakers.map((s) => s.id).join(" "),
        articleCountLabel: plural(arts.length, "article"),
        quoteCount: arts.reduce((n, a) => n + a.quotes.length, 0),
      };
      // what it is made from: its event record, its articles' views (and those its variants name), the people it reads
      const variantArticles = e.quoteGroups.flatMap((g) => g.variants.map((v) => articleById.get(v.articleId)));
      const keyOf = (a: ArticleView | undefined) => (a ? VIEW_KEYS.get(a) ?? null : null);
      VIEW_KEYS.set(view, sha(JSON.stringify([sha(eventJson(e)), arts.map(keyOf), variantArticles.map(keyOf), speakers, groups.map((g) => g.speaker), keyQuote?.speaker ?? null])));
      return view;
    })
    .sort(byDateThenId);
  // the articles' texts and the variants' comparisons this build used: kept for the next
  viewCache?.commit();

  // Timeline: newest first. Events without a date are not in it; their articles are in "non datés".
  const dated = events.filter((e) => e.date).reverse();
  const undatedArticles = articles.filter((a) => !a.date);
  const span = (items: { date: string | null }[]) =>
    items.length && items[0].date ? `du ${dateFr(items[items.length - 1].date)} au ${dateFr(items[0].date)}` : "";
  const timelinePages = paginate(dated, PAGE_SIZES.timeline, urls.timeline).map((p) => ({
    ...p,
    description: `Chronologie${p.number > 1 ? `, page ${p.number}` : ""} : ${plural(p.items.length, "événement")} ${span(p.items)}, du plus récent au plus ancien.`,
  }));
  const undatedPages = paginate(undatedArticles, PAGE_SIZES.undated, urls.undated).map((p) => ({
    ...p,
    description: `Articles dont la date n'a pu être établie ni déduite${p.number > 1 ? `, page ${p.number}` : ""} : ${plural(p.items.length, "article")}.`,
  }));
  // a bar of the coverage chart links to its month in the timeline (the page that holds it)
  const monthPage = new Map<string, string>();
  for (const p of timelinePages) for (const y of p.years) for (const m of y.months) if (!monthPage.has(m.key)) monthPage.set(m.key, `${p.url}#mois-${m.key}`);
  const monthUrl = (m: string) => monthPage.get(m) ?? null;

  const allQuotes = articles.flatMap((a) => a.quotes);
  // indexes by speaker, built once (a scan of every quote and record per person grows with people × corpus)
  const quotesBySpeaker = new Map<string, QuoteView[]>();
  for (const q of allQuotes) {
    if (!q.speaker) continue;
    const list = quotesBySpeaker.get(q.speaker.id);
    if (list) list.push(q);
    else quotesBySpeaker.set(q.speaker.id, [q]);
  }
  const rolesBySpeaker = new Map<string, PersonView["roles"]>();
  for (const r of records) {
    if (!r.date) continue;
    for (const p of r.speakers) {
      if (!p.role) continue;
      const roles = rolesBySpeaker.get(p.id) ?? [];
      rolesBySpeaker.set(p.id, roles);
      const last = roles[roles.length - 1];
      if (last && last.role === p.role) last.to = dateFr(r.date);
      else roles.push({ role: p.role, from: dateFr(r.date), to: dateFr(r.date) });
    }
  }
  const peopleViews: PersonView[] = [...people.entries()]
    .map(([id, { person }]) => {
      const quotes = (quotesBySpeaker.get(id) ?? []).sort(byDateThenIdOfQuote);
      const roles = rolesBySpeaker.get(id) ?? [];
      return {
        id,
        name: person.name,
        url: urls.person(id),
        kind: person.kind,
        wikidata: person.wikidata,
        role: person.role,
        roles,
        quotes,
        articleCount: new Set(quotes.map((q) => q.articleId)).size,
        quoteCountLabel: plural(quotes.length, "citation"),
        description: clipAtWord(
          `${person.name}${person.role ? `, ${person.role}` : ""} : ${plural(quotes.length, "citation")} relevée${quotes.length > 1 ? "s" : ""} dans la presse${quotes[0] ? `, du ${dateFr(quotes[0].date)} au ${dateFr(quotes[quotes.length - 1].date)}` : ""}.`,
          220,
        ),
      };
    })
    .sort((a, b) => b.quotes.length - a.quotes.length || a.name.localeCompare(b.name, "fr"));

  const outletMap = new Map<string, OutletView>();
  for (const a of [...articles].reverse()) {
    if (!a.outlet) continue;
    let o = outletMap.get(a.outlet.id);
    if (!o) outletMap.set(a.outlet.id, (o = { ...a.outlet, articles: [], events: 0, articleCountLabel: "" }));
    o.articles.push(a);
  }
  const outlets = [...outletMap.values()]
    .map((o) => ({
      ...o,
      events: new Set(o.articles.map((a) => a.event?.id).filter(Boolean)).size,
      articleCountLabel: plural(o.articles.length, "article"),
    }))
    .sort((a, b) => b.articles.length - a.articles.length || a.name.localeCompare(b.name, "fr"));

  // lists leave out a fragment shown in the sentence of another (mergeFragmentsBySentence)
  const quotesNewestFirst = allQuotes.filter((q) => !q.shownIn).sort(byDateThenIdOfQuote).reverse();
  const quotePages = paginate(quotesNewestFirst, PAGE_SIZES.quotes, urls.quotes).map((p) => ({
    ...p,
    years: groupByMonth(p.items),
    description: `Index des citations${p.number > 1 ? `, page ${p.number}` : ""} : ${plural(p.items.length, "citation")} relevée${p.items.length > 1 ? "s" : ""} dans la presse ${span(p.items)}, avec leur auteur et leur article.`,
  }));

  const warnings = input.report.files.flatMap((f) => f.warnings.map((w) => ({ file: f.file, message: w })));
  // Nothing in dist/ says whether a record came from the cache: a warm build writes the same bytes as a cold one
  // (the cache figures are on the terminal).
  const report = {
    files: input.report.files.map((f) => ({
      ...f,
      status: f.status === "cached" ? "extracted" : f.status,
      statusLabel: STATUS_FR[f.status === "cached" ? "extracted" : f.status] ?? f.status,
      dateConfidenceLabel: f.recordId ? CONFIDENCE_FR[recordById.get(f.recordId)?.dateConfidence ?? "none"] : "",
      recordUrl: f.recordId && recordById.has(f.recordId) ? urls.article(f.recordId) : null,
      record: f.recordId ? recordById.get(f.recordId) ?? null : null,
      manualLabels: f.recordId ? listFr((recordById.get(f.recordId)?.manual ?? []).map(fieldLabel)) : "",
    })),
    records: records.length,
    warnings,
  };
  // the list of files, 500 a page: the report stays light at 10,000 seeds
  const reportPages = pagesOf(report.files, PAGE_SIZES.report, urls.report);
  // an outlet's articles and a person's quotations, 100 a page
  const pageUrl = (first: string) => (n: number) => (n <= 1 ? first : `${first}page-${n}/`);
  const outletPages = outlets.flatMap((o) =>
    pagesOf(o.articles, PAGE_SIZES.outlet, pageUrl(o.url)).map((pg) => ({
      ...pg,
      outlet: o,
      years: groupByMonth(pg.items),
      description: `${o.name}${o.stateOwned ? " (média d'État)" : ""}${pg.number > 1 ? `, page ${pg.number}` : ""} : ${o.articleCountLabel} sur ${plural(o.events, "événement")} de la coopération militaire russo-chinoise.`,
    })),
  );
  const personPages = peopleViews.flatMap((p) =>
    pagesOf(p.quotes.filter((q) => !q.shownIn), PAGE_SIZES.person, pageUrl(p.url)).map((pg) => ({
      ...pg,
      person: p,
      description: pg.number > 1 ? `${p.description} Page ${pg.number}.` : p.description,
    })),
  );

  // the search page's filters: each value with its article count (the most frequent when there are many)
  const tokenValue = (filter: string, v: string) => searchFilterToken(filter, v).slice(filter.length + 2);
  const option = (filter: string, id: string, label: string, count: number) => ({ value: tokenValue(filter, id), label: `${label} (${count.toLocaleString("fr-FR").replace(/\u202f/g, "\u00a0")})` });
  const countBy = (keys: (string | null | undefined)[]) => {
    const m = new Map<string, number>();
    for (const k of keys) if (k) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const yearCounts = countBy(articles.map((a) => a.year));
  const eventCounts = countBy(articles.map((a) => a.event?.id));
  const speakerArticles = countBy(articles.flatMap((a) => [...new Set(a.quotes.map((q) => q.speaker?.id))]));
  const top = <T,>(items: T[], n: number) => items.slice(0, n);
  const searchFilters = [
    { param: "media", label: "Média", options: [...outlets].sort((a, b) => a.name.localeCompare(b.name, "fr")).map((o) => option("media", o.id, o.name, o.articles.length)) },
    {
      param: "personne",
      label: "Personne citée",
      options: top(peopleViews.filter((p) => speakerArticles.has(p.id)).sort((a, b) => speakerArticles.get(b.id)! - speakerArticles.get(a.id)! || a.name.localeCompare(b.name, "fr")), PAGE_SIZES.searchOptions)
        .sort((a, b) => a.name.localeCompare(b.name, "fr"))
        .map((p) => option("personne", p.id, p.name, speakerArticles.get(p.id)!)),
    },
    { param: "annee", label: "Année", options: [...yearCounts.keys()].sort().reverse().map((y) => option("annee", y, y, yearCounts.get(y)!)) },
    {
      param: "evenement",
      label: "Événement",
      // the most recent events first
      options: top(events.filter((e) => eventCounts.has(e.id)).reverse(), PAGE_SIZES.searchOptions).map((e) => option("evenement", e.id, `${e.date ? `${e.dateLabel} : ` : ""}${clipAtWord(e.title, 80)}`, eventCounts.get(e.id)!)),
    },
  ].filter((f) => f.options.length > 0);

  const abs = (u: string) => absoluteUrl(opts.siteUrl, opts.pathPrefix, u);
  const sitemap = [
    "/",
    ...timelinePages.map((p) => p.url),
    ...(undatedArticles.length ? undatedPages.map((p) => p.url) : []),
    ...quotePages.map((p) => p.url),
    ...events.map((e) => e.url),
    ...articles.map((a) => a.url),
    ...personPages.map((p) => p.url),
    "/personnes/",
    ...outletPages.map((o) => o.url),
    "/medias/",
    "/methode/",
    "/recherche/",
  ].map(abs);

  const feed = articles.filter((a) => a.date).reverse().slice(0, 50);
  // feed.xml, feed.json and timeline.json (src/site/exports.ts)
  const exportsOf = () => {
    const entries = feedEntries(
      articles.map((a) => {
        const r = recordById.get(a.id)!;
        const first = r.body.find((b): b is string => typeof b === "string");
        // the fields a feed entry reads, not the whole view (its text would be read from the cache for nothing)
        const { id, url, title, date, dateLabel, outlet, authors, sourceUrl, quotes, event } = a;
        return { id, url, title, date, dateLabel, outlet, authors, sourceUrl, quotes, event, lede: r.lede ?? first ?? null, language: r.language };
      }),
      { abs, keyQuoteOfEvent: (id) => eventById.get(id)?.keyQuote?.text ?? null, undatedUrl: urls.undated(1) },
    );
    return {
      feed: entries,
      jsonFeed: jsonFeed(entries, { title: SITE_TITLE, description: SITE_TAGLINE, homeUrl: abs("/"), feedUrl: abs("/feed.json") }),
      timelineJson: timelineJs(
        // the fields timelineJs reads (a copy of the whole view would make each page's description)
        events.map(({ id, url, title, date, dateLabel, outlets, articles, keyQuote }) => ({ id, url, title, date, dateLabel, outlets, articles, keyQuote, known: !!eventById.get(id)?.label })),
        { abs, title: SITE_TITLE, tagline: SITE_TAGLINE, undatedArticles: undatedArticles.length, undatedUrl: urls.undated(1) },
      ),
    };
  };

  return {
    meta: {
      title: SITE_TITLE,
      tagline: SITE_TAGLINE,
      siteUrl: opts.siteUrl,
      pathPrefix: opts.pathPrefix,
      feedUrl: abs("/feed.xml"),
      homeUrl: abs("/"),
      updated: feed[0]?.date ?? "1970-01-01",
      counts: {
        articles: plural(articles.length, "article"),
        events: plural(events.length, "événement"),
        quotes: plural(allQuotes.length, "citation"),
        people: plural(peopleViews.length, "personne citée", "personnes citées"),
        outlets: plural(outlets.length, "média", "médias"),
      },
    },
    articles,
    events,
    home: {
      years: groupByMonth(dated.slice(0, PAGE_SIZES.home)),
      more: dated.length > PAGE_SIZES.home,
      undated: undatedArticles.slice(0, PAGE_SIZES.homeUndated),
      undatedCount: undatedArticles.length,
      undatedMore: undatedArticles.length > PAGE_SIZES.homeUndated,
      chart: coverageChart(articles.map((a) => a.date), monthUrl),
      outlets: outlets.slice(0, PAGE_SIZES.filters),
      // people and institutions apart: the home's chips name people only
      people: peopleViews.filter((p) => p.kind === "person").slice(0, PAGE_SIZES.filters),
      institutions: peopleViews.filter((p) => p.kind !== "person").slice(0, PAGE_SIZES.filters),
    },
    timelinePages,
    undatedPages: undatedArticles.length ? undatedPages : [],
    people: peopleViews,
    persons: peopleViews.filter((p) => p.kind === "person"),
    institutions: peopleViews.filter((p) => p.kind !== "person"),
    outlets,
    quotePages,
    report,
    reportPages,
    outletPages,
    personPages,
    searchFilters,
    sitemap,
    ...exportsOf(),
    // JSON.stringify({ schemaVersion, records, events }), the events' JSON as already written
    recordsJson: `{"schemaVersion":${JSON.stringify(RECORD_SCHEMA_VERSION)},"records":${JSON.stringify(records)},"events":[${input.events.map(eventJson).join(",")}]}`,
    quotesCsv: quotesCsv([...allQuotes].sort(byDateThenIdOfQuote), (id) => articleById.get(id), abs),
  };
}

/** The build report's words in French (statuses of a file, confidence of a date). */
const STATUS_FR: Record<string, string> = { extracted: "lu", skipped: "ignoré", failed: "en échec", duplicate: "doublon" };
const CONFIDENCE_FR: Record<string, string> = { explicit: "date imprimée", inferred: "date déduite", none: "date inconnue" };

function byDateThenIdOfQuote(a: QuoteView, b: QuoteView): number {
  return byDateThenId({ date: a.date, id: a.url }, { date: b.date, id: b.url });
}

export type SiteModel = ReturnType<typeof buildSite>;
