/**
 * The corpus stage: link articles that report the same event, infer dates that an
 * article only gives as a weekday, and group the same quotation as printed by
 * different outlets.
 *
 * Near-linear: which articles report one event is decided in cluster.ts (quotation
 * passages through an inverted index, same day + people + key terms through day
 * buckets); no article is compared with every other one.
 *
 * Dates inferred here never contradict the text: a printed day and month ("lundi
 * 15 mai") binds — a calendar entry or a partner article on another day does not
 * date it; a weekday alone is a weaker clue, used only when no day and month is printed.
 */
import type { ArticleRecord, EventRecord } from "../record.js";
import type { CorpusResult } from "../pipeline.js";
import { defaultKnowledge, type CalendarEvent, type Knowledge, slug } from "./knowledge.js";
import { findDates, frenchDay, isoWeekday, mentionedWeekdays, pad } from "./dates.js";
import { fold, words } from "./text.js";
import { prepareClustering, remembersLinkFeatures, SHINGLE, YEARS_AHEAD, type CalendarMatch, type DayClue, type FeatureStore, type PreparedClustering, type QuoteGroupRefs } from "./cluster.js";
import { derivedRecord } from "../record-digest.js";


/** Runs of SHINGLE folded words (a shorter quotation: its words as one). */
function shinglesOf(w: string[]): string[] {
  if (w.length < SHINGLE) return w.length >= 2 ? [w.join(" ")] : [];
  const out: string[] = [];
  for (let i = 0; i + SHINGLE <= w.length; i++) out.push(w.slice(i, i + SHINGLE).join(" "));
  return out;
}

function articleText(r: ArticleRecord, paragraphs = Infinity): string {
  const body = r.body.filter((b): b is string => typeof b === "string").slice(0, paragraphs);
  return [r.title ?? "", r.lede ?? "", ...body].join("\n");
}

/** What an undated article says of its day: a weekday ("ce vendredi") or a day and month without a year ("lundi 14 octobre"). */
function dayClues(text: string): DayClue[] {
  const clues: DayClue[] = findDates(text)
    .filter((d) => !d.iso)
    .map((d) => ({ evidence: d.evidence, dayAndMonth: true, month: d.month, day: d.day, weekday: d.weekday }));
  // a printed day and month binds: a weekday alone ("lundi") may not override "lundi 15 mai"
  if (clues.length) return clues;
  for (const w of mentionedWeekdays(text)) clues.push({ evidence: w.evidence, dayAndMonth: false, month: null, day: null, weekday: w.weekday });
  return clues;
}

/** The day `iso` (YYYY-MM-DD) is one the clue may mean. */
function clueFits(c: DayClue, iso: string): boolean {
  if (c.dayAndMonth && (Number(iso.slice(5, 7)) !== c.month || Number(iso.slice(8, 10)) !== c.day)) return false;
  return !c.weekday || isoWeekday(iso) === c.weekday;
}

/** Calendar entries that fit an undated article: its people, a day it names, keywords, no later year. */
function calendarMatches(r: ArticleRecord, k: Knowledge, clues: DayClue[], maxYear: number | null): CalendarMatch[] {
  const names = new Set([...r.speakers, ...r.mentions].map((p) => p.name));
  // the text is read only for an entry whose people the article names
  let text: string | undefined;
  const out: CalendarMatch[] = [];
  for (const e of k.calendar) {
    if (!e.people.every((p) => names.has(p))) continue;
    if (e.keywords.length && !e.keywords.some((kw) => (text ??= fold(articleText(r))).includes(fold(kw)))) continue;
    if (maxYear !== null && maxYear > Number(e.date.slice(0, 4))) continue;
    for (const c of clues) {
      const day = daysOf(e).find((d) => clueFits(c, d));
      if (day) {
        out.push({ entry: e, day, evidence: c.evidence });
        break;
      }
    }
  }
  return out;
}

const daysMemo = new WeakMap<CalendarEvent, string[]>();
/** The days of a calendar entry (at most 31), listed once per entry: every undated article with a day clue asks for them. */
function daysOf(e: CalendarEvent): string[] {
  let days = daysMemo.get(e);
  if (!days) daysMemo.set(e, (days = listDays(e)));
  return days;
}

function listDays(e: CalendarEvent): string[] {
  const out: string[] = [];
  const end = e.end ?? e.date;
  for (let t = Date.parse(e.date + "T00:00:00Z"); t <= Date.parse(end + "T00:00:00Z") && out.length < 31; t += 86400000) {
    const d = new Date(t);
    out.push(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
  }
  return out;
}

/** The only fields linkCorpus sets on its copy of a record (dates inferred, the event): its digest reads these (tests/record-digest.test.ts checks no other changes). */
export const LINKED_FIELDS = ["date", "dateConfidence", "dateEvidence", "via", "eventId"] as const;

/**
 * Events, inferred dates and quotation groups over the whole corpus. What is read of each record alone
 * (cluster.ts RecordFeatures, with the day clues and calendar matches used here) is remembered per input
 * record object in a long-lived process (rememberLinkFeatures), and kept between processes by `store`.
 */
export function linkCorpus(input: ArticleRecord[], k: Knowledge = defaultKnowledge(), store: FeatureStore | null = null): CorpusResult {
  const records = input.map((r) => ({ ...r }));
  // each output record is its input with LINKED_FIELDS set (src/record-digest.ts: its digest without writing its JSON)
  records.forEach((r, i) => derivedRecord(r, input[i], LINKED_FIELDS));
  // day clues and calendar matches depend on the text, not on dates learnt here: kept with the record's features
  const cluesOf = (i: number) => (prepared.features(i).clues ??= dayClues(articleText(records[i], 3)));
  const printedDayFits = (i: number, iso: string) => cluesOf(i).find((c) => clueFits(c, iso))?.evidence ?? null;
  // what links articles, apart from their dates (shared quotation passages, key terms, the latest year named: cluster.ts)
  // calendar matches the store kept are read back against this calendar (src/link-store.ts)
  store?.useCalendar(k.calendar);
  const prepared = prepareClustering(records, k.concepts, printedDayFits, input, store);
  /** The calendar dates an undated article on the one entry day that fits the day it prints (never another day). */
  const calendarDate = (i: number, dayAndMonthOnly: boolean): boolean => {
    const r = records[i];
    if (r.date) return false;
    // dayClues gives days and months, or weekdays alone when none is printed (never both): the first step reads only the former
    const clues = cluesOf(i);
    if (!clues.length || (dayAndMonthOnly && !clues[0].dayAndMonth)) return false;
    // a pure function of the record's text, people and clues, the knowledge and the latest year named: remembered
    const m = prepared.features(i);
    if (m.calendar?.of !== k.calendar) m.calendar = { of: k.calendar, matches: calendarMatches(r, k, clues, prepared.maxYear(i)) };
    const cal = m.calendar.matches;
    if (new Set(cal.map((c) => c.day)).size !== 1) return false;
    const c = cal[0];
    r.date = c.day;
    r.dateConfidence = "inferred";
    r.dateEvidence = `« ${c.evidence} » et le calendrier des événements connus : ${c.entry.label} (${frenchDay(c.day, true)})`;
    r.via = { ...r.via, date: "calendar" };
    return true;
  };
  // 1. a printed day and month ("jeudi 16 mai") that one calendar entry fits
  records.forEach((_, i) => calendarDate(i, true));
  // 2. an undated article takes the day of an explicitly dated article that prints the same
  //    quotation, when its own clue fits that day; else a weekday that one calendar entry fits
  corpusDates(records, prepared, cluesOf);
  records.forEach((_, i) => calendarDate(i, false));
  // 3. events: shared quotations, or the same day with the same people and key terms
  const clustering = prepared.link();
  const { clusterOf, links } = clustering;
  const byCluster = new Map<number, number[]>();
  clusterOf.forEach((c, i) => (byCluster.get(c) ?? byCluster.set(c, []).get(c)!).push(i));
  const linksOf = new Map<number, typeof links>();
  for (const l of links) (linksOf.get(clusterOf[l.a]) ?? linksOf.set(clusterOf[l.a], []).get(clusterOf[l.a])!).push(l);

  // 4. the event records
  const calendarDays = k.calendar.map((entry) => ({ entry, days: daysOf(entry) }));
  const clusters = byCluster;
  const events: EventRecord[] = [];
  const uniqueId = eventIds();
  const ordered = [...clusters.values()].map((m) => m.sort((a, b) => (records[a].id < records[b].id ? -1 : 1)));
  ordered.sort((a, b) => (records[a[0]].id < records[b[0]].id ? -1 : 1));
  for (const members of ordered) {
    const rs = members.map((i) => records[i]);
    const evidence = (linksOf.get(clusterOf[members[0]]) ?? []).map((l) => ({ articles: [records[l.a].id, records[l.b].id].sort(), rule: l.rule, detail: l.detail() }));
    const dated = rs.filter((r) => r.date).sort((a, b) => (a.dateConfidence === "explicit" ? -1 : 1) - (b.dateConfidence === "explicit" ? -1 : 1) || (a.date! < b.date! ? -1 : 1));
    const date = dated[0]?.date ?? null;
    // the names of the event's people, gathered only when a calendar entry covers its date
    let people: Set<string> | undefined;
    const named = (p: string) => (people ??= new Set(rs.flatMap((r) => [...r.speakers, ...r.mentions].map((p) => p.name)))).has(p);
    const label = date ? (calendarDays.find(({ entry, days }) => days.includes(date) && entry.people.every(named))?.entry.label ?? null) : null;
    const rep = dated[0] ?? rs[0];
    const title = label ?? rep.title ?? rep.id;
    // the slug of an article's title is kept with its features (transliterating thousands of titles is most of it)
    const f = label === null && rep.title !== null ? prepared.features(members[rs.indexOf(rep)]) : null;
    const titleSlug = f ? (f.titleSlug ??= slug(title)) : slug(title);
    const id = uniqueId(`${date ?? "sans-date"}-${titleSlug.split("-").slice(0, 8).join("-")}`);
    for (const r of rs) r.eventId = id;
    const quoteGroups = quoteGroupsOf(rs, store);
    const best = quoteGroups.sort((a, b) => b.variants.length - a.variants.length)[0];
    const fallback = rep.quotes.filter((q) => !q.fragment).sort((a, b) => b.text.length - a.text.length)[0] ?? rep.quotes[0];
    events.push({
      id,
      date,
      title,
      label,
      articleIds: rs.map((r) => r.id),
      outletIds: [...new Set(rs.map((r) => r.outlet?.id).filter((x): x is string => !!x))],
      speakerIds: [...new Set(rs.flatMap((r) => r.speakers.map((s) => s.id)))],
      keyQuote: best ? { text: best.variants[0].text, speakerId: best.speakerId } : fallback ? { text: fallback.text, speakerId: fallback.speakerId } : null,
      quoteGroups,
      links: evidence,
    });
  }
  events.sort((a, b) => (a.date ?? "9999") < (b.date ?? "9999") ? -1 : (a.date ?? "9999") > (b.date ?? "9999") ? 1 : a.id < b.id ? -1 : 1);
  return { records, events };
}

/**
 * Event ids made unique in order: an id already given becomes its stem (without a trailing "-digits") followed by
 * -2, -3…, the first not given yet. Ids are only ever added, so the first free suffix of a stem never goes down: it
 * is remembered per id, and an id shared by hundreds of events (untitled, undated) is not tried from -2 each time.
 */
function eventIds(): (id: string) => string {
  const used = new Set<string>();
  const next = new Map<string, number>();
  return (first) => {
    let id = first;
    let s = next.get(first) ?? 2;
    for (; used.has(id); s++) id = `${first.replace(/-\d+$/, "")}-${s}`;
    if (id !== first) next.set(first, s);
    used.add(id);
    return id;
  };
}

/** Dates from an explicitly dated article sharing a quotation (at least QUOTE_MIN_DATED passages). */
function corpusDates(records: ArticleRecord[], { quotePartners, maxYear: maxYearOf }: PreparedClustering, cluesOf: (i: number) => DayClue[]): void {
  records.forEach((r, i) => {
    if (r.date) return;
    const clues = cluesOf(i);
    if (!clues.length) return;
    const maxYear = maxYearOf(i);
    const partners = quotePartners(i);
    const fits: { o: ArticleRecord; c: DayClue }[] = [];
    for (const j of partners) {
      const o = records[j];
      if (!o.date || o.date.length !== 10 || (o.dateConfidence !== "explicit" && o.via.date !== "manual")) continue;
      if (maxYear !== null && maxYear > Number(o.date.slice(0, 4)) + YEARS_AHEAD) continue;
      const c = clues.find((x) => clueFits(x, o.date!));
      if (c) fits.push({ o, c });
    }
    // partners on different days that all fit: no date rather than a guess
    if (!fits.length || new Set(fits.map((f) => f.o.date)).size !== 1) return;
    const { o, c } = fits[0];
    r.date = o.date;
    r.dateConfidence = "inferred";
    r.dateEvidence = `« ${c.evidence} » et les citations qu'il partage avec « ${o.title ?? o.id} »${o.outlet ? ` (${o.outlet.name})` : ""}, daté du ${frenchDay(o.date!, true)}`;
    r.via = { ...r.via, date: "corpus" };
  });
}

/** A quotation's shingles (null under 4 words), per quotation object; read again if its text was replaced. */
const shingleMemo = new WeakMap<object, { text: string; sh: Set<string> | null }>();
function quoteShingles(q: ArticleRecord["quotes"][number]): Set<string> | null {
  const known = shingleMemo.get(q);
  if (known && known.text === q.text) return known.sh;
  const w = words(q.text);
  const sh = w.length < 4 ? null : new Set(shinglesOf(w));
  if (remembersLinkFeatures()) shingleMemo.set(q, { text: q.text, sh });
  return sh;
}

/**
 * An event's quotation groups (groupQuoteRefs), kept by `store` between builds under a digest of all they are
 * made of — the event's articles in order, their ids, their contents (src/link-store.ts: the seed's bytes, or the
 * fields a sidecar changed, quotations and speakers included) — so a rebuild groups again only the events whose
 * articles changed.
 */
function quoteGroupsOf(rs: ArticleRecord[], store: FeatureStore | null): EventRecord["quoteGroups"] {
  if (rs.length < 2) return [];
  if (!store) return fromRefs(rs, groupQuoteRefs(rs));
  const { key, kept } = store.quoteGroups(rs);
  const refs = kept && refsFit(rs, kept) ? kept : groupQuoteRefs(rs);
  store.keepQuoteGroups(key, refs, refs !== kept);
  return fromRefs(rs, refs);
}

/** Kept groups name quotations the articles have (a digest that matched is of these very articles). */
const refsFit = (rs: ArticleRecord[], refs: QuoteGroupRefs): boolean =>
  refs.every(([, v]) => v.every((x, k) => (k % 2 === 0 ? x < rs.length : x < rs[v[k - 1]].quotes.length)));

/** The groups as the event record gives them: each variant's article id and text. */
function fromRefs(rs: ArticleRecord[], refs: QuoteGroupRefs): EventRecord["quoteGroups"] {
  return refs.map(([speakerId, v]) => {
    const variants: { articleId: string; text: string }[] = [];
    for (let k = 0; k < v.length; k += 2) variants.push({ articleId: rs[v[k]].id, text: rs[v[k]].quotes[v[k + 1]].text });
    return { speakerId, variants };
  });
}

/** The same quotation in several articles: Dice similarity of shingles ≥ 0.5, one variant per article. */
function groupQuoteRefs(rs: ArticleRecord[]): QuoteGroupRefs {
  const groups: { speakerId: string | null; variants: { articleId: string; at: [number, number] }[]; sh: Set<string> }[] = [];
  const byShingle = new Map<string, number[]>(); // shingle → groups that have it
  rs.forEach((r, m) =>
    r.quotes.forEach((q, qi) => {
      const sh = quoteShingles(q);
      if (!sh) return;
      const common = new Map<number, number>();
      for (const x of sh) for (const g of byShingle.get(x) ?? []) common.set(g, (common.get(g) ?? 0) + 1);
      let best = -1;
      let bestScore = 0;
      for (const [g, c] of common) {
        if (groups[g].variants.some((v) => v.articleId === r.id)) continue;
        const score = (2 * c) / (sh.size + groups[g].sh.size);
        if (score > bestScore || (score === bestScore && g < best)) {
          best = g;
          bestScore = score;
        }
      }
      if (best >= 0 && bestScore >= 0.5) {
        groups[best].variants.push({ articleId: r.id, at: [m, qi] });
        groups[best].speakerId ??= q.speakerId;
        return;
      }
      groups.push({ speakerId: q.speakerId, variants: [{ articleId: r.id, at: [m, qi] }], sh });
      for (const x of sh) {
        const list = byShingle.get(x);
        if (list) list.push(groups.length - 1);
        else byShingle.set(x, [groups.length - 1]);
      }
    }),
  );
  return groups.filter((g) => g.variants.length >= 2).map(({ speakerId, variants }) => [speakerId, variants.flatMap((v) => v.at)]);
}
