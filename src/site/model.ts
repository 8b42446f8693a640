/**
 * The site model: records + events + report → everything the templates show,
 * precomputed here so that templates only lay it out. Pure: no file or clock access.
 */
import type { ArticleRecord, EventRecord, Person } from "../record.js";
import { RECORD_SCHEMA_VERSION } from "../record.js";
import type { CorpusReport } from "../corpus.js";
import { urls, absoluteUrl } from "./urls.js";
import { dateFr, monthFr, dateConfidenceLabel, fieldLabel, plural, listFr } from "./format.js";
import { renderBody, renderLede, quoteAnchor } from "./body.js";
import { compareVariants } from "./diff.js";
import { coverageChart } from "./chart.js";
import { toCsv } from "./csv.js";
import { feedEntries, jsonFeed, timelineJs } from "./exports.js";
import { clipAtWord } from "../clip.js";

/** Page sizes: keep every page small when the corpus reaches 10,000 articles. */
export const PAGE_SIZES = { home: 30, timeline: 60, undated: 100, quotes: 100, homeUndated: 10, filters: 12, report: 500, outlet: 100, person: 100 };

const SITE_TITLE = "Revue";
const SITE_TAGLINE = "La coopération militaire russo-chinoise dans la presse francophone";

export interface SiteOptions {
  /** Absolute site address without the prefix, for the feed and the sitemap. */
  siteUrl: string;
  /** "/" or "/revue/". */
  pathPrefix: string;
}

export interface LinkRef {
  id: string;
  name: string;
  url: string;
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
  outlet: LinkRef | null;
  speaker: (LinkRef & { role: string | null }) | null;
  fragment: boolean;
  manual: boolean;
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
  outlet: LinkRef | null;
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
}

export interface VariantGroupView {
  speaker: LinkRef | null;
  identical: boolean;
  variants: { html: string; differs: boolean; outletName: string; articleUrl: string; articleTitle: string }[];
}

export interface EventView {
  id: string;
  url: string;
  title: string;
  date: string | null;
  dateLabel: string;
  articles: ArticleView[];
  outlets: LinkRef[];
  speakers: LinkRef[];
  keyQuote: { text: string; speaker: LinkRef | null } | null;
  groups: VariantGroupView[];
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
}

export interface OutletView extends LinkRef {
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
  const outletRef = (o: { id: string; name: string } | null): LinkRef | null =>
    o ? { id: o.id, name: o.name, url: urls.outlet(o.id) } : null;

  const eventById = new Map(input.events.map((e) => [e.id, e]));

  const articles: ArticleView[] = records.map((r) => {
    const outlet = outletRef(r.outlet);
    const event = r.eventId ? eventById.get(r.eventId) : undefined;
    // Labels printed with every quotation (pages, quotes.csv) are bounded, whatever a sidecar or a page's
    // metadata says: a page never repeats an unbounded text once per quotation.
    const quoteOutlet = outlet && { ...outlet, name: clipAtWord(outlet.name) };
    const quotes: QuoteView[] = r.quotes.map((q, i) => {
      const speaker = q.speakerId ? (() => {
        const own = r.speakers.find((p) => p.id === q.speakerId);
        const ref = own ? { id: own.id, name: own.name, url: urls.person(own.id), role: own.role } : personRef(q.speakerId);
        return ref && { ...ref, name: clipAtWord(ref.name), role: ref.role && clipAtWord(ref.role) };
      })() : null;
      return {
        text: q.text,
        articleId: r.id,
        articleTitle: clipAtWord(r.title ?? r.source.file),
        articleUrl: urls.article(r.id),
        url: `${urls.article(r.id)}#${quoteAnchor(i)}`,
        date: r.date,
        dateLabel: dateFr(r.date),
        outlet: quoteOutlet,
        speaker,
        fragment: q.fragment,
        manual: q.via === "manual",
      };
    });
    const speakerIds = [...new Set(r.quotes.map((q) => q.speakerId).filter((x): x is string => !!x))];
    return {
      id: r.id,
      url: urls.article(r.id),
      title: r.title ?? r.source.file,
      untitled: r.title === null,
      date: r.date,
      dateLabel: dateFr(r.date),
      dateConfidence: r.dateConfidence,
      dateNote: dateConfidenceLabel(r.dateConfidence, r.dateEvidence),
      outlet,
      authors: r.authors,
      agencies: r.agencies,
      ledeHtml: renderLede(r),
      bodyHtml: renderBody(r),
      sourceFile: r.source.file,
      sourceCopyUrl: urls.source(r.id),
      sourceUrl: r.source.url, // http(s) only: checked where it is set (extraction, sidecar)
      event: event
        ? { id: event.id, url: urls.event(event.id), title: event.label ?? event.title, others: event.articleIds.length - 1 }
        : null,
      speakers: r.speakers.map((p) => ({ id: p.id, name: p.name, url: urls.person(p.id), role: p.role })),
      quotes,
      manual: r.manual,
      manualLabels: listFr(r.manual.map(fieldLabel)),
      warnings: r.warnings,
      notes: r.notes ?? [],
      filterKeys: [r.outlet?.id ?? "", ...speakerIds].filter(Boolean).join(" "),
    };
  });
  const articleById = new Map(articles.map((a) => [a.id, a]));

  const events: EventView[] = input.events
    .map((e): EventView => {
      const arts = e.articleIds.map((id) => articleById.get(id)).filter((a): a is ArticleView => !!a).sort(byDateThenId);
      const outlets = [...new Map(arts.filter((a) => a.outlet).map((a) => [a.outlet!.id, a.outlet!])).values()];
      const speakerIds = [...new Set([...e.speakerIds, ...arts.flatMap((a) => a.quotes.map((q) => q.speaker?.id ?? ""))])].filter(Boolean);
      const speakers = speakerIds.map(personRef).filter((p): p is LinkRef & { role: string | null } => !!p);
      const groups: VariantGroupView[] = e.quoteGroups.map((g) => {
        const views = compareVariants(g.variants);
        return {
          speaker: personRef(g.speakerId),
          identical: views.every((v) => !v.differs),
          variants: views.map((v) => {
            const a = articleById.get(v.articleId);
            return {
              html: v.html,
              differs: v.differs,
              outletName: a?.outlet?.name ?? a?.sourceFile ?? v.articleId,
              articleUrl: urls.article(v.articleId),
              articleTitle: clipAtWord(a?.title ?? v.articleId),
            };
          }),
        };
      });
      return {
        id: e.id,
        url: urls.event(e.id),
        title: e.label ?? e.title,
        date: e.date,
        dateLabel: dateFr(e.date),
        articles: arts,
        outlets,
        speakers,
        keyQuote: e.keyQuote ? { text: e.keyQuote.text, speaker: personRef(e.keyQuote.speakerId) } : null,
        groups,
        filterOutlets: outlets.map((o) => o.id).join(" "),
        filterSpeakers: speakers.map((s) => s.id).join(" "),
        articleCountLabel: plural(arts.length, "article"),
        quoteCount: arts.reduce((n, a) => n + a.quotes.length, 0),
      };
    })
    .sort(byDateThenId);

  // Timeline: newest first. Events without a date are not in it; their articles are in "non datés".
  const dated = events.filter((e) => e.date).reverse();
  const undatedArticles = articles.filter((a) => !a.date);
  const timelinePages = paginate(dated, PAGE_SIZES.timeline, urls.timeline);
  const undatedPages = paginate(undatedArticles, PAGE_SIZES.undated, urls.undated);

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

  const quotesNewestFirst = [...allQuotes].sort(byDateThenIdOfQuote).reverse();
  const quotePages = paginate(quotesNewestFirst, PAGE_SIZES.quotes, urls.quotes).map((p) => ({
    ...p,
    years: groupByMonth(p.items),
  }));

  const warnings = input.report.files.flatMap((f) => f.warnings.map((w) => ({ file: f.file, message: w })));
  // Nothing in dist/ says whether a record came from the cache: a warm build writes the same bytes as a cold one
  // (the cache figures are on the terminal).
  const report = {
    files: input.report.files.map((f) => ({
      ...f,
      status: f.status === "cached" ? "extracted" : f.status,
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
    pagesOf(o.articles, PAGE_SIZES.outlet, pageUrl(o.url)).map((pg) => ({ ...pg, outlet: o, years: groupByMonth(pg.items) })),
  );
  const personPages = peopleViews.flatMap((p) => pagesOf(p.quotes, PAGE_SIZES.person, pageUrl(p.url)).map((pg) => ({ ...pg, person: p })));

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
        return { ...a, lede: r.lede ?? first ?? null, language: r.language };
      }),
      { abs, keyQuoteOfEvent: (id) => eventById.get(id)?.keyQuote?.text ?? null, undatedUrl: urls.undated(1) },
    );
    return {
      feed: entries,
      jsonFeed: jsonFeed(entries, { title: SITE_TITLE, description: SITE_TAGLINE, homeUrl: abs("/"), feedUrl: abs("/feed.json") }),
      timelineJson: timelineJs(
        events.map((e) => ({ ...e, known: !!eventById.get(e.id)?.label })),
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
      chart: coverageChart(articles.map((a) => a.date)),
      outlets: outlets.slice(0, PAGE_SIZES.filters),
      people: peopleViews.slice(0, PAGE_SIZES.filters),
    },
    timelinePages,
    undatedPages: undatedArticles.length ? undatedPages : [],
    people: peopleViews,
    outlets,
    quotePages,
    report,
    reportPages,
    outletPages,
    personPages,
    sitemap,
    ...exportsOf(),
    recordsJson: JSON.stringify({ schemaVersion: RECORD_SCHEMA_VERSION, records, events: input.events }),
    quotesCsv: toCsv(
      ["article_id", "date", "outlet", "speaker_id", "speaker", "role", "text", "fragment", "manual", "url"],
      [...allQuotes].sort(byDateThenIdOfQuote).map((q) => [
        q.articleId, q.date, q.outlet?.name ?? null, q.speaker?.id ?? null, q.speaker?.name ?? null,
        q.speaker?.role ?? null, q.text, q.fragment, q.manual, abs(q.url),
      ]),
    ),
  };
}

function byDateThenIdOfQuote(a: QuoteView, b: QuoteView): number {
  return byDateThenId({ date: a.date, id: a.url }, { date: b.date, id: b.url });
}

export type SiteModel = ReturnType<typeof buildSite>;
