/**
 * Which articles report the same event: a small, explainable scoring over
 * candidate pairs found through inverted indexes (never all pairs), then a
 * constrained union of clusters. Every link that joins two clusters records why.
 *
 * What links two articles (docs/events.md):
 *  - a shared quotation: passages of 4 words of a quotation of one article printed
 *    in the other (its quotations or its text), counting only passages with two
 *    informative words (not grammar words, not words most of the corpus uses);
 *    ≥ QUOTE_MIN_DATED when both are dated ≤ 2 days apart, ≥ QUOTE_MIN_UNDATED
 *    when one is undated (an official formula repeated at every exercise is short);
 *  - the same day (± 1), both dated, with at least two of the same people and
 *    SAMEDAY_MIN_TERMS of the same key terms (informative words of title and lede).
 * What never does:
 *  - dates more than 2 days apart within one event;
 *  - an article naming a year later than the year after the event's date;
 *  - an undated article as a bridge: a cluster holding an undated article grows
 *    only when every undated member has some evidence of its own (a shared
 *    quotation passage or key terms) with every article that joins.
 */
import type { ArticleRecord } from "../record.js";
import { maxYearMentioned } from "./dates.js";
import { words } from "./text.js";

export const SHINGLE = 4;
/** A passage printed in more articles than this says nothing about one event. */
const MAX_POSTING = 64;
/** Shared quotation passages needed when both articles are dated at most MAX_DAYS_APART apart… */
export const QUOTE_MIN_DATED = 3;
/** …and when one of them is undated: a longer shared run (about 8 words), so a repeated official formula is not enough. */
export const QUOTE_MIN_UNDATED = 5;
/** An article may name the next year (a visit planned "au printemps 2023"), not later ones. */
export const YEARS_AHEAD = 1;
/** Articles of one event are dated at most this many days apart. */
export const MAX_DAYS_APART = 2;
/** The same-day rule: dates at most this many days apart… */
const SAMEDAY_DAYS = 1;
/** …at least this many of the same people (persons, not organizations)… */
const SAMEDAY_MIN_PEOPLE = 2;
/** …and this many of the same key terms. */
const SAMEDAY_MIN_TERMS = 3;
/**
 * An undated article sharing fewer than QUOTE_MIN_UNDATED passages (but at least
 * QUOTE_MIN_DATED) still joins when the day it prints fits its partner's date, or
 * when the two also share this many key terms (the same facts told in the same words).
 */
export const CORROBORATING_TERMS = 10;
/** Evidence that two articles may be one event, asked of every pair when a cluster with an undated article grows: one shared quotation passage, or this many key terms. */
const WEAK_MIN_TERMS = 8;
/** Above this many pairs across two clusters, only the link's own articles are checked against the other side. */
const BRIDGE_CHECK = 4096;
/** Paragraphs (after title and lede) whose words are key terms. */
const KEY_PARAGRAPHS = 2;

/**
 * Grammar words and words of any news report: they tell nothing about which event
 * is reported. French and English, folded (no accents).
 */
const STOPWORDS = new Set(
  (
    // French function words
    "a au aux avec ce ces cet cette c ca d dans de des du elle elles en et eux il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses si son sur t ta te tes toi ton tu un une vos votre vous y " +
    "est sont etait etaient ete etre a ont avait avaient avoir sera seront serait fait faire font plus moins tres aussi comme tout tous toute toutes autre autres entre apres avant depuis lors sans sous selon contre vers chez dont ou quand alors ainsi donc car ni " +
    "deux trois premier premiere dernier derniere cette celui celle ceux celles leur peut doit doivent pourrait devrait " +
    // English function words
    "the of and to in on at for from by with as is are was were be been being has have had it its this that these those an or but not no he she they we you i his her their our your who which what when where than then there here also into over after before about against between said says " +
    // reporting words and days (any article has them)
    "declare declaree souligne indique precise ajoute affirme estime explique annonce annonce selon told added stated according " +
    "lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday hier aujourd demain yesterday today"
  ).split(" "),
);

export interface Link {
  a: number;
  b: number;
  rule: "quotation" | "same-day";
  /** For ordering: stronger links are tried first. */
  strength: number;
  detail: string;
}

export interface Clustering {
  /** Cluster representative of each article (the smallest index of its cluster). */
  clusterOf: number[];
  /** The links that joined clusters, in the order they were applied. */
  links: Link[];
  /** Informative quotation passages shared by a pair, for later stages. */
  sharedPassages: (a: number, b: number) => number;
  /** Key terms shared by a pair. */
  commonTerms: (a: number, b: number) => string[];
}

function pairKey(a: number, b: number, n: number): number {
  return a < b ? a * n + b : b * n + a;
}

export function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(a + "T00:00:00Z") - Date.parse(b + "T00:00:00Z")) / 86400000;
}

function stem(w: string): string {
  return w.length > 4 && (w.endsWith("s") || w.endsWith("x")) ? w.slice(0, -1) : w;
}

function paragraphs(r: ArticleRecord): string[] {
  return r.body.filter((b): b is string => typeof b === "string");
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
}

/** The corpus's own common words: used by more than this many articles, a word is no evidence of one event. */
function commonCap(n: number): number {
  return Math.max(4, Math.floor(n * 0.3));
}

/**
 * `printedDayFits(i, iso)`: the words by which article i prints a day that `iso` fits
 * ("ce mardi", "lundi 15 mai"), or null.
 */
export function clusterArticles(records: ArticleRecord[], printedDayFits: (i: number, iso: string) => string | null = () => null): Clustering {
  const n = records.length;
  // key-term zone and quotations, folded into words
  const zone = records.map((r) => [r.title ?? "", r.lede ?? "", ...paragraphs(r).slice(0, KEY_PARAGRAPHS)].join("\n"));
  const zoneWords = zone.map((z) => new Set(words(z).map(stem)));
  const quoteWords = records.map((r) => r.quotes.filter((q) => !q.fragment || words(q.text).length >= SHINGLE).map((q) => words(q.text)));
  const df = new Map<string, number>();
  records.forEach((_, i) => {
    const seen = new Set<string>(zoneWords[i]);
    for (const q of quoteWords[i]) for (const w of q) seen.add(stem(w));
    for (const w of seen) df.set(w, (df.get(w) ?? 0) + 1);
  });
  const cap = commonCap(n);
  const informative = (w: string) => w.length >= 3 && !STOPWORDS.has(w) && !/^\d+$/.test(w) && (df.get(stem(w)) ?? 0) <= cap;
  // key terms: what is told, not who tells it (people are compared on their own)
  const nameWords = records.map((r) => new Set([...r.speakers, ...r.mentions].filter((p) => p.kind === "person" && p.via === "registry").flatMap((p) => words(p.name).map(stem))));
  const keyTerms = zoneWords.map((set, i) => new Set([...set].filter((w) => w.length >= 4 && informative(w) && !nameWords[i].has(w))));
  const people = records.map((r) => new Set([...r.speakers, ...r.mentions].filter((p) => p.kind === "person").map((p) => p.id)));
  const maxYear = records.map((r) => maxYearMentioned([r.title ?? "", r.lede ?? "", ...paragraphs(r)].join("\n")));

  // 1. quotation passages → inverted index; every article's text is looked up in it
  const index = new Map<string, number[]>();
  quoteWords.forEach((qs, i) => {
    const own = new Set<string>();
    for (const w of qs) {
      if (w.length < 3) continue;
      for (let k = 0; k + SHINGLE <= w.length; k++) {
        const s = w.slice(k, k + SHINGLE);
        if (s.filter(informative).length >= 2) own.add(s.join(" "));
      }
    }
    for (const s of own) {
      const list = index.get(s);
      if (!list) index.set(s, [i]);
      else if (list.length <= MAX_POSTING) list.push(i);
    }
  });
  const shared = new Map<number, Set<string>>();
  records.forEach((r, i) => {
    const text = words([r.title ?? "", r.lede ?? "", ...paragraphs(r), ...r.quotes.map((q) => q.text)].join("\n"));
    const seen = new Set<string>();
    for (let k = 0; k + SHINGLE <= text.length; k++) {
      const s = text.slice(k, k + SHINGLE).join(" ");
      if (seen.has(s)) continue;
      seen.add(s);
      const list = index.get(s);
      if (!list || list.length > MAX_POSTING) continue;
      for (const j of list) {
        if (j === i) continue;
        const key = pairKey(i, j, n);
        const set = shared.get(key);
        if (set) set.add(s);
        else shared.set(key, new Set([s]));
      }
    }
  });
  const sharedPassages = (a: number, b: number) => shared.get(pairKey(a, b, n))?.size ?? 0;
  const commonTerms = (a: number, b: number) => {
    const [x, y] = keyTerms[a].size <= keyTerms[b].size ? [keyTerms[a], keyTerms[b]] : [keyTerms[b], keyTerms[a]];
    const out: string[] = [];
    for (const w of x) if (y.has(w)) out.push(w);
    return out;
  };
  const date = (i: number) => records[i].date;
  const yearFits = (undated: number, dated: number) => maxYear[undated] === null || maxYear[undated]! <= Number(date(dated)!.slice(0, 4)) + YEARS_AHEAD;

  const links: Link[] = [];
  for (const [key, set] of shared) {
    const a = Math.floor(key / n);
    const b = key % n;
    const count = set.size;
    const da = date(a);
    const db = date(b);
    if (da && db) {
      if (count < QUOTE_MIN_DATED || daysBetween(da, db) > MAX_DAYS_APART) continue;
      links.push({ a, b, rule: "quotation", strength: 1000 + count, detail: quotationDetail(records, a, b, set) });
      continue;
    }
    if (count < QUOTE_MIN_DATED) continue;
    if ((da && !yearFits(b, a)) || (db && !yearFits(a, b))) continue;
    let also = "";
    if (count < QUOTE_MIN_UNDATED) {
      const day = da ? printedDayFits(b, da) : db ? printedDayFits(a, db) : null;
      const terms = day ? [] : commonTerms(a, b);
      if (day) also = ` ; « ${day} » tombe le ${da ?? db}`;
      else if (terms.length >= CORROBORATING_TERMS) also = ` ; mêmes termes (${terms.sort().slice(0, 12).join(", ")})`;
      else continue;
    }
    links.push({ a, b, rule: "quotation", strength: 1000 + count, detail: quotationDetail(records, a, b, set) + also });
  }
  // 2. same day (± 1), same people, same key terms: dated articles, bucketed by day
  const byDay = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (!r.date || r.date.length !== 10 || people[i].size < SAMEDAY_MIN_PEOPLE) return;
    const list = byDay.get(r.date);
    if (list) list.push(i);
    else byDay.set(r.date, [i]);
  });
  const dayKeys = [...byDay.keys()].sort();
  for (const d of dayKeys) {
    const here = byDay.get(d)!;
    const near = [...here];
    for (let s = 1; s <= SAMEDAY_DAYS; s++) near.push(...(byDay.get(shiftDay(d, s)) ?? []));
    if (here.length * near.length > 40_000) continue; // a day with thousands of articles: no pairwise look
    for (const a of here)
      for (const b of near) {
        if (b === a || (date(b) === d && b < a)) continue;
        const persons = [...people[a]].filter((p) => people[b].has(p));
        if (persons.length < SAMEDAY_MIN_PEOPLE) continue;
        const terms = commonTerms(a, b);
        if (terms.length < SAMEDAY_MIN_TERMS) continue;
        const names = persons.map((id) => records[a].speakers.concat(records[a].mentions).find((p) => p.id === id)?.name ?? id);
        links.push({
          a, b, rule: "same-day", strength: persons.length * 10 + terms.length,
          detail: `même jour à un jour près (${date(a)} / ${date(b)}), mêmes personnes (${names.join(", ")}), mêmes termes (${terms.sort().slice(0, 8).join(", ")})`,
        });
      }
  }
  links.sort((x, y) => y.strength - x.strength || Math.min(x.a, x.b) - Math.min(y.a, y.b) || Math.max(x.a, x.b) - Math.max(y.a, y.b));

  // 3. constrained union
  const uf = new UnionFind(n);
  const members: number[][] = records.map((_, i) => [i]);
  const span: ({ min: string; max: string } | null)[] = records.map((r) => (r.date && r.date.length === 10 ? { min: r.date, max: r.date } : null));
  const topYear: (number | null)[] = [...maxYear];
  const undated = (i: number) => !date(i) || date(i)!.length !== 10;
  const weak = (u: number, x: number) => sharedPassages(u, x) >= 1 || commonTerms(u, x).length >= WEAK_MIN_TERMS;
  const applied: Link[] = [];
  for (const l of links) {
    const ra = uf.find(l.a);
    const rb = uf.find(l.b);
    if (ra === rb) continue;
    const sa = span[ra];
    const sb = span[rb];
    const merged = sa && sb ? { min: sa.min < sb.min ? sa.min : sb.min, max: sa.max > sb.max ? sa.max : sb.max } : (sa ?? sb);
    if (merged && daysBetween(merged.min, merged.max) > MAX_DAYS_APART) continue;
    const years = [topYear[ra], topYear[rb]].filter((y): y is number => y !== null);
    const yearTop = years.length ? Math.max(...years) : null;
    if (merged && yearTop !== null && yearTop > Number(merged.max.slice(0, 4)) + YEARS_AHEAD) continue;
    const A = members[ra];
    const B = members[rb];
    // with an undated article on either side, every article that joins needs evidence of its own
    // with every member (not only through the link): an undated article never bridges two events
    const anyUndated = A.some(undated) || B.some(undated);
    const bridgeFree = !anyUndated || crossEvidence(A, B, l, weak);
    if (!bridgeFree) continue;
    const root = Math.min(ra, rb);
    const other = Math.max(ra, rb);
    uf.parent[other] = root;
    members[root] = [...A, ...B];
    members[other] = [];
    span[root] = merged ?? null;
    topYear[root] = yearTop;
    applied.push(l);
  }
  return { clusterOf: records.map((_, i) => uf.find(i)), links: applied, sharedPassages, commonTerms };
}

/** Every pair across A and B (the link's own pair aside) has some evidence; over BRIDGE_CHECK pairs, the undated members are checked. */
function crossEvidence(A: number[], B: number[], l: Link, weak: (x: number, y: number) => boolean): boolean {
  const own = (x: number, y: number) => (x === l.a && y === l.b) || (x === l.b && y === l.a);
  if (A.length * B.length <= BRIDGE_CHECK) return A.every((x) => B.every((y) => own(x, y) || weak(x, y)));
  const few = (side: number[]) => side.slice(0, 64);
  return [l.a, l.b].every((u) => (A.includes(u) ? few(B) : few(A)).every((y) => own(u, y) || weak(u, y)));
}

function shiftDay(iso: string, days: number): string {
  const d = new Date(Date.parse(iso + "T00:00:00Z") + days * 86400000);
  return d.toISOString().slice(0, 10);
}

/** "citation commune (N passages de 4 mots) : « … »": the quotation that holds most of the shared passages. */
function quotationDetail(records: ArticleRecord[], a: number, b: number, passages: Set<string>): string {
  let best: { text: string; hits: number } | null = null;
  for (const i of [a, b])
    for (const q of records[i].quotes) {
      const w = words(q.text);
      let hits = 0;
      for (let k = 0; k + SHINGLE <= w.length; k++) if (passages.has(w.slice(k, k + SHINGLE).join(" "))) hits++;
      if (hits > 0 && (!best || hits > best.hits)) best = { text: q.text, hits };
    }
  const excerpt = best ? best.text.replace(/\s+/g, " ").trim() : [...passages][0];
  const short = excerpt.length > 90 ? excerpt.slice(0, 87).replace(/\s\S*$/, "") + "…" : excerpt;
  return `citation commune (${passages.size} passages de ${SHINGLE} mots) : « ${short} »`;
}
