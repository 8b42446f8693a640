/**
 * The corpus stage: link articles that report the same event, infer dates that an
 * article only gives as a weekday, and group the same quotation as printed by
 * different outlets.
 *
 * Near-linear: quotations are cut into word 4-gram shingles; an inverted index from
 * shingle to articles yields candidate pairs (very common shingles are skipped), so
 * no article is compared with every other one.
 */
import type { ArticleRecord, EventRecord } from "../record.js";
import type { CorpusResult } from "../pipeline.js";
import { defaultKnowledge, type CalendarEvent, type Knowledge, slug } from "./knowledge.js";
import { findDates, isoWeekday, maxYearMentioned, mentionedWeekdays, pad } from "./dates.js";
import { fold, words } from "./text.js";
import { format } from "date-fns";
import { fr } from "date-fns/locale";

const SHINGLE = 4;
/** A shingle shared by more articles than this says nothing about one event. */
const MAX_POSTING = 64;
/** Two articles share an event when this many quotation shingles are common to both… */
const MIN_SHARED = 3;
/** …and their dates (when both known) are at most this many days apart. */
const MAX_DAYS_APART = 2;

function shingles(text: string): string[] {
  const w = words(text);
  if (w.length < SHINGLE) return w.length >= 2 ? [w.join(" ")] : [];
  const out: string[] = [];
  for (let i = 0; i + SHINGLE <= w.length; i++) out.push(w.slice(i, i + SHINGLE).join(" "));
  return out;
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(a + "T00:00:00Z") - Date.parse(b + "T00:00:00Z")) / 86400000;
}

class UnionFind {
  parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function articleText(r: ArticleRecord, paragraphs = Infinity): string {
  const body = r.body.filter((b): b is string => typeof b === "string").slice(0, paragraphs);
  return [r.title ?? "", r.lede ?? "", ...body].join("\n");
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return format(new Date(y, m - 1, d), "EEEE d MMMM yyyy", { locale: fr });
}

/** What an undated article says of its day: a weekday ("ce vendredi") or a day and month without a year ("lundi 14 octobre"). */
interface DayClue {
  fits: (iso: string) => boolean;
  evidence: string;
}

function dayClues(text: string): DayClue[] {
  const clues: DayClue[] = findDates(text)
    .filter((d) => !d.iso)
    .map((d) => ({
      fits: (iso: string) => Number(iso.slice(5, 7)) === d.month && Number(iso.slice(8, 10)) === d.day && (!d.weekday || isoWeekday(iso) === d.weekday),
      evidence: d.evidence,
    }));
  for (const w of mentionedWeekdays(text)) clues.push({ fits: (iso) => isoWeekday(iso) === w.weekday, evidence: w.evidence });
  return clues;
}

/** Calendar entries that fit an undated article: its people, a day it names, keywords, no later year. */
function calendarMatches(r: ArticleRecord, k: Knowledge): { entry: CalendarEvent; day: string; evidence: string }[] {
  const names = new Set([...r.speakers, ...r.mentions].map((p) => p.name));
  const text = fold(articleText(r));
  const clues = dayClues(articleText(r, 3));
  const maxYear = maxYearMentioned(articleText(r));
  const out: { entry: CalendarEvent; day: string; evidence: string }[] = [];
  for (const e of k.calendar) {
    if (!e.people.every((p) => names.has(p))) continue;
    if (e.keywords.length && !e.keywords.some((kw) => text.includes(fold(kw)))) continue;
    if (maxYear !== null && maxYear > Number(e.date.slice(0, 4))) continue;
    for (const c of clues) {
      const day = daysOf(e).find((d) => c.fits(d));
      if (day) {
        out.push({ entry: e, day, evidence: c.evidence });
        break;
      }
    }
  }
  return out;
}

function daysOf(e: CalendarEvent): string[] {
  const out: string[] = [];
  const end = e.end ?? e.date;
  for (let t = Date.parse(e.date + "T00:00:00Z"); t <= Date.parse(end + "T00:00:00Z") && out.length < 31; t += 86400000) {
    const d = new Date(t);
    out.push(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
  }
  return out;
}

export function linkCorpus(input: ArticleRecord[], k: Knowledge = defaultKnowledge()): CorpusResult {
  const records = input.map((r) => ({ ...r }));
  const n = records.length;
  // 1. quotation shingles → inverted index → shared counts per candidate pair
  const index = new Map<string, number[]>();
  const own: Set<string>[] = records.map((r) => {
    const set = new Set<string>();
    for (const q of r.quotes) if (words(q.text).length >= 3) for (const s of shingles(q.text)) set.add(s);
    return set;
  });
  own.forEach((set, i) => {
    for (const s of set) {
      const list = index.get(s);
      if (!list) index.set(s, [i]);
      else if (list.length <= MAX_POSTING) list.push(i);
    }
  });
  const shared = new Map<number, number>(); // pair key a*n+b → count
  for (const list of index.values()) {
    if (list.length < 2 || list.length > MAX_POSTING) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const key = list[x] * n + list[y];
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  const uf = new UnionFind(n);
  const quotePartners: number[][] = records.map(() => []);
  // an undated article joins only its best partner: otherwise undated articles would chain events years apart
  const bestUndated = new Map<number, { partner: number; count: number }>();
  const offer = (undated: number, partner: number, count: number) => {
    const cur = bestUndated.get(undated);
    const better = !cur || count > cur.count || (count === cur.count && !!records[partner].date && !records[cur.partner].date) || (count === cur.count && partner < cur.partner && !!records[partner].date === !!records[cur.partner].date);
    if (better) bestUndated.set(undated, { partner, count });
  };
  for (const [key, count] of shared) {
    if (count < MIN_SHARED) continue;
    const a = Math.floor(key / n);
    const b = key % n;
    quotePartners[a].push(b);
    quotePartners[b].push(a);
    const da = records[a].date;
    const db = records[b].date;
    if (da && db) {
      if (daysBetween(da, db) <= MAX_DAYS_APART) uf.union(a, b);
      continue;
    }
    if (!da) offer(a, b, count);
    if (!db) offer(b, a, count);
  }
  for (const [undated, { partner }] of bestUndated) uf.union(undated, partner);
  // same explicit date and at least two of the same speakers: the same event without shared quotations
  const byDate = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (!r.date || r.dateConfidence !== "explicit") return;
    const list = byDate.get(r.date);
    if (list) list.push(i);
    else byDate.set(r.date, [i]);
  });
  for (const list of byDate.values()) {
    if (list.length > MAX_POSTING) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const a = new Set(records[list[x]].speakers.filter((p) => p.kind === "person").map((p) => p.id));
        const common = records[list[y]].speakers.filter((p) => p.kind === "person" && a.has(p.id)).length;
        if (common >= 2) uf.union(list[x], list[y]);
      }
  }

  // 2. dates the text gives only as a weekday
  records.forEach((r, i) => {
    if (r.date) return;
    const clues = dayClues(articleText(r, 3));
    for (const j of quotePartners[i]) {
      const o = records[j];
      if (!o.date || o.dateConfidence !== "explicit") continue;
      const c = clues.find((x) => x.fits(o.date!));
      if (!c) continue;
      r.date = o.date;
      r.dateConfidence = "inferred";
      r.dateEvidence = `« ${c.evidence} » et les citations qu'il partage avec « ${o.title ?? o.id} »${o.outlet ? ` (${o.outlet.name})` : ""}, daté du ${frenchDate(o.date)}`;
      r.via = { ...r.via, date: "corpus" };
      return;
    }
    const cal = calendarMatches(r, k);
    const days = new Set(cal.map((c) => c.day));
    if (days.size === 1) {
      const c = cal[0];
      r.date = c.day;
      r.dateConfidence = "inferred";
      r.dateEvidence = `« ${c.evidence} » et le calendrier des événements connus : ${c.entry.label} (${frenchDate(c.day)})`;
      r.via = { ...r.via, date: "calendar" };
    }
  });

  // 3. events
  const clusters = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    const list = clusters.get(root);
    if (list) list.push(i);
    else clusters.set(root, [i]);
  }
  const events: EventRecord[] = [];
  const usedIds = new Set<string>();
  const ordered = [...clusters.values()].map((m) => m.sort((a, b) => (records[a].id < records[b].id ? -1 : 1)));
  ordered.sort((a, b) => (records[a[0]].id < records[b[0]].id ? -1 : 1));
  for (const members of ordered) {
    const rs = members.map((i) => records[i]);
    const dated = rs.filter((r) => r.date).sort((a, b) => (a.dateConfidence === "explicit" ? -1 : 1) - (b.dateConfidence === "explicit" ? -1 : 1) || (a.date! < b.date! ? -1 : 1));
    const date = dated[0]?.date ?? null;
    const people = new Set(rs.flatMap((r) => [...r.speakers, ...r.mentions].map((p) => p.name)));
    const label = date ? (k.calendar.find((e) => daysOf(e).includes(date) && e.people.every((p) => people.has(p)))?.label ?? null) : null;
    const rep = dated[0] ?? rs[0];
    const title = label ?? rep.title ?? rep.id;
    let id = `${date ?? "sans-date"}-${slug(title).split("-").slice(0, 8).join("-")}`;
    for (let s = 2; usedIds.has(id); s++) id = `${id.replace(/-\d+$/, "")}-${s}`;
    usedIds.add(id);
    for (const r of rs) r.eventId = id;
    const quoteGroups = groupQuotes(rs);
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
    });
  }
  events.sort((a, b) => (a.date ?? "9999") < (b.date ?? "9999") ? -1 : (a.date ?? "9999") > (b.date ?? "9999") ? 1 : a.id < b.id ? -1 : 1);
  return { records, events };
}

/** The same quotation in several articles: Dice similarity of shingles ≥ 0.5, one variant per article. */
function groupQuotes(rs: ArticleRecord[]): EventRecord["quoteGroups"] {
  if (rs.length < 2) return [];
  const groups: { speakerId: string | null; variants: { articleId: string; text: string }[]; sh: Set<string> }[] = [];
  const byShingle = new Map<string, number[]>(); // shingle → groups that have it
  for (const r of rs)
    for (const q of r.quotes) {
      if (words(q.text).length < 4) continue;
      const sh = new Set(shingles(q.text));
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
        groups[best].variants.push({ articleId: r.id, text: q.text });
        groups[best].speakerId ??= q.speakerId;
        continue;
      }
      groups.push({ speakerId: q.speakerId, variants: [{ articleId: r.id, text: q.text }], sh });
      for (const x of sh) {
        const list = byShingle.get(x);
        if (list) list.push(groups.length - 1);
        else byShingle.set(x, [groups.length - 1]);
      }
    }
  return groups.filter((g) => g.variants.length >= 2).map(({ speakerId, variants }) => ({ speakerId, variants }));
}
