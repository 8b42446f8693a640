/**
 * Which articles report the same event: a small, explainable scoring over
 * candidate pairs found through inverted indexes (never all pairs), then a
 * constrained union of clusters. Every link that joins two clusters records why.
 *
 * What links two articles (docs/events.md has the whole list, with what never does):
 *  - a shared quotation: passages of 4 words of a quotation of one article printed
 *    in the other (its quotations or its text), counting only passages with two
 *    informative words (not grammar words, not words most of the corpus uses);
 *    ≥ QUOTE_MIN_DATED when both are dated ≤ 2 days apart, ≥ QUOTE_MIN_UNDATED
 *    when one is undated (an official formula repeated at every exercise is short);
 *  - the same day (± 1), both dated, with at least two of the same people and
 *    SAMEDAY_MIN_TERMS of the same key terms (informative words of title, lede and
 *    first paragraphs that at most √n articles of the corpus use);
 *  - an undated article and a dated one in another language naming
 *    CROSS_LANGUAGE_MIN of the same facts (data/glossary.yaml), on a day the undated one prints.
 * What never does:
 *  - dates more than 2 days apart within one event;
 *  - an article naming a year later than the year after the event's date;
 *  - an undated article as a bridge: a cluster holding an undated article grows
 *    only when every article that joins has some evidence of its own (a shared
 *    quotation passage, key terms, facts across languages) with every member.
 */
import type { ArticleRecord } from "../record.js";
import type { CalendarEvent, Concept } from "./knowledge.js";
import { maxYearMentioned } from "./dates.js";
import { fold, unitClass, UNIT_ALNUM, words } from "./text.js";

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
/** …and this many of the same key terms, each used by at most √n articles of the corpus (at least 3). */
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
  rule: "quotation" | "same-day" | "same-facts";
  /** For ordering: stronger links are tried first. */
  strength: number;
  /** The evidence in words (computed for the links kept only). */
  detail: () => string;
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

function daysBetween(a: string, b: string): number {
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

export interface PreparedClustering {
  /** Informative quotation passages shared by a pair. */
  sharedPassages: (a: number, b: number) => number;
  /** Articles sharing at least QUOTE_MIN_DATED passages with article i. */
  quotePartners: (i: number) => number[];
  /** The latest year article i names (maxYearMentioned of its title, lede and body). */
  maxYear: (i: number) => number | null;
  /** Links and clusters from the articles' dates as they are when called. */
  link: () => Clustering;
  /** What was read of article i alone (events.ts keeps its day clues and calendar matches there). */
  features: (i: number) => RecordFeatures;
}

/**
 * What does not depend on dates (word ids, key terms, shared passages), computed once: dates may be learnt before `link()`.
 * `printedDayFits(i, iso)`: the words by which article i prints a day that `iso` fits ("ce mardi", "lundi 15 mai"), or null.
 */
export function prepareClustering(
  records: ArticleRecord[],
  glossary: Concept[],
  printedDayFits: (i: number, iso: string) => string | null = () => null,
  keys: readonly object[] = records,
  store: FeatureStore | null = null,
): PreparedClustering {
  const n = records.length;
  // what each article's own text gives (word ids, candidate key terms, facts, people, years):
  // remembered per input record (`keys[i]`), so a rebuild reads again only new or changed articles;
  // a store (src/link-store.ts) keeps them between processes, with the vocabulary their word ids are of
  const vocab = store?.vocabulary(glossary) ?? currentVocabulary();
  const starts = phraseStarts(glossary, vocab);
  const feats = records.map((r, i) => recordFeatures(r, keys[i] ?? r, vocab, glossary, starts, store));
  const quoteIds = feats.map((f) => f.quoteIds);
  const quoteTexts = feats.map((f) => f.quoteTexts);
  const { stemId, stemWords } = vocab;
  // document frequency of each stem over the key-term zones and the quotations
  const df = new Uint32Array(stemWords.length);
  for (let i = 0; i < n; i++) {
    const stems = feats[i].dfStems;
    for (let x = 0; x < stems.length; x++) df[stems[x]]++;
  }
  const cap = commonCap(n);
  const informativeId = new Uint8Array(vocab.words.length);
  for (let id = 0; id < informativeId.length; id++) if (vocab.plain[id] && df[stemId[id]] <= cap) informativeId[id] = 1;
  // key terms (stems): what is told, not who tells it (registry people are compared on their own)
  // made when first asked (most articles are never compared on their key terms: the same-day rule counts rare ones apart)
  const keyTermSets: (Set<number> | undefined)[] = new Array(n);
  const keyTerms = (i: number): Set<number> => {
    let set = keyTermSets[i];
    if (!set) {
      set = keyTermSets[i] = new Set<number>();
      for (const st of feats[i].keyCandidates) if (df[st] <= cap) set.add(st);
    }
    return set;
  };
  const concepts = feats.map((f) => f.concepts);
  const people = feats.map((f) => f.people);
  const maxYear = feats.map((f) => f.maxYear);

  // 1. quotation passages (4 word ids, two of them informative) → inverted index
  const index = new PassageIndex();
  quoteIds.forEach((qs, i) => {
    for (let q = 0; q < qs.length; q++) {
      const w = qs[q];
      for (let k = 0; k + SHINGLE <= w.length; k++) {
        let inf = 0;
        for (let x = k; x < k + SHINGLE; x++) if (informativeId[w[x]]) inf++;
        if (inf >= 2) index.add(w, k, i); // an article is listed once per passage
      }
    }
  });
  // every article's text is looked up in it
  const textIds = feats.map((f) => f.textIds); // a quotation is in its paragraph: read there
  // first pass: which passages each text prints (each once), and in how many texts each is printed
  const found: Passage[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = textIds[i];
    const hits: Passage[] = (found[i] = []);
    for (let k = 0; k + SHINGLE <= t.length; k++) {
      const p = index.passage(t, k);
      if (!p || p.seenBy === i) continue;
      p.seenBy = i;
      if (p.list.length > MAX_POSTING) continue;
      hits.push(p);
      p.printed++;
    }
  }
  // second pass: a passage printed by more than MAX_POSTING articles is no evidence of one event
  // (indexed loops here and below: a loop run once is run by the interpreter at first, where `for…of` allocates
  // at every step; and the pairs' keys are listed in the order the map gives them, without its iterator)
  const directed = new Map<number, number>();
  const pairKeys: number[] = [];
  for (let i = 0; i < n; i++) {
    const hits = found[i];
    for (let h = 0; h < hits.length; h++) {
      const { list, printed } = hits[h];
      if (printed > MAX_POSTING) continue;
      for (let x = 0; x < list.length; x++) {
        const j = list[x];
        if (j === i) continue;
        const key = i * n + j;
        const count = directed.get(key);
        if (count === undefined) pairKeys.push(key);
        directed.set(key, (count ?? 0) + 1);
      }
    }
  }
  const sharedPassages = (a: number, b: number) => Math.max(directed.get(a * n + b) ?? 0, directed.get(b * n + a) ?? 0);
  /** The evidence of a quotation link that is kept: how many passages, and the quotation that holds most of them. */
  const quotationDetail = (a: number, b: number): string => {
    // the passages printed by one and quoted by the other, marked (a passage is one list of the index)
    const mark = ++detailMark;
    let size = 0;
    for (const [x, y] of [[a, b], [b, a]]) {
      const hits = found[x];
      for (let h = 0; h < hits.length; h++) {
        const p = hits[h];
        if (p.printed <= MAX_POSTING && p.mark !== mark && listed(p.list, y)) {
          p.mark = mark;
          size++;
        }
      }
    }
    let best: { text: string; hits: number } | null = null;
    for (const i of [a, b])
      quoteIds[i].forEach((w, q) => {
        let hits = 0;
        for (let k = 0; k + SHINGLE <= w.length; k++) if (index.passage(w, k)?.mark === mark) hits++;
        if (hits > 0 && (!best || hits > best.hits)) best = { text: quoteTexts[i][q], hits };
      });
    const short = excerptOf((best as { text: string } | null)?.text ?? "");
    return `citation commune (${size} passages de ${SHINGLE} mots) : « ${short} »`;
  };
  let detailMark = 0;
  const commonStems = (a: number, b: number) => {
    const [ka, kb] = [keyTerms(a), keyTerms(b)];
    const [x, y] = ka.size <= kb.size ? [ka, kb] : [kb, ka];
    const out: number[] = [];
    for (const w of x) if (y.has(w)) out.push(w);
    return out;
  };
  const commonTerms = (a: number, b: number) => commonStems(a, b).map((st) => stemWords[st]);
  const termsAtLeast = (a: number, b: number, min: number) => {
    const [ka, kb] = [keyTerms(a), keyTerms(b)];
    const [x, y] = ka.size <= kb.size ? [ka, kb] : [kb, ka];
    if (x.size < min) return false;
    let c = 0;
    for (const w of x) if (y.has(w) && ++c >= min) return true;
    return false;
  };
  const conceptsAtLeast = (a: number, b: number, min: number) => {
    let c = 0;
    for (const x of concepts[a]) if (concepts[b].has(x) && ++c >= min) return true;
    return false;
  };
  // a term that few articles use: the same-day rule asks for these (people and days recur across events)
  const rareCap = Math.max(3, Math.floor(Math.sqrt(n)));
  const rare = (st: number) => df[st] <= rareCap;
  const date = (i: number) => records[i].date;
  /** Links and clusters from the articles' dates as they are now (the features above do not depend on dates). */
  const link = (): Clustering => {
    const yearFits = (undated: number, dated: number) => maxYear[undated] === null || maxYear[undated]! <= Number(date(dated)!.slice(0, 4)) + YEARS_AHEAD;

    const links: Link[] = [];
    for (const key of pairKeys) {
      const a = Math.floor(key / n);
      const b = key % n;
      if (a > b && directed.has(b * n + a)) continue; // the pair is seen from its other side
      const count = sharedPassages(a, b);
      const da = date(a);
      const db = date(b);
      if (da && db) {
        if (count < QUOTE_MIN_DATED || daysBetween(da, db) > MAX_DAYS_APART) continue;
        links.push({ a, b, rule: "quotation", strength: 1000 + count, detail: () => quotationDetail(a, b) });
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
      links.push({ a, b, rule: "quotation", strength: 1000 + count, detail: () => quotationDetail(a, b) + also });
    }
    // 2b. an undated article and a dated one in another language: the same facts named, on a day the undated one prints
    const byConcept = new Map<number, number[]>();
    records.forEach((r, i) => {
      if (!date(i) || date(i)!.length !== 10 || concepts[i].size < CROSS_LANGUAGE_MIN) return;
      for (const c of concepts[i]) (byConcept.get(c) ?? byConcept.set(c, []).get(c)!).push(i);
    });
    records.forEach((r, u) => {
      if (date(u) || concepts[u].size < CROSS_LANGUAGE_MIN) return;
      const shared = new Map<number, number>();
      for (const c of concepts[u]) {
        const list = byConcept.get(c) ?? [];
        if (list.length > MAX_POSTING * 4) continue;
        for (const d of list) if (records[d].language !== r.language) shared.set(d, (shared.get(d) ?? 0) + 1);
      }
      for (const [d, count] of shared) {
        if (count < CROSS_LANGUAGE_MIN || !yearFits(u, d)) continue;
        const day = printedDayFits(u, date(d)!);
        if (!day) continue;
        const facts = [...concepts[u]].filter((c) => concepts[d].has(c)).map((c) => glossary[c].name);
        links.push({
          a: u, b: d, rule: "same-facts", strength: 500 + facts.length,
          detail: () => `mêmes faits dans une autre langue (${facts.join(", ")}) ; « ${day} » tombe le ${date(d)}`,
        });
      }
    });
    // 2. same day (± 1), same people, same key terms: dated articles, bucketed by day
    const byDay = new Map<string, number[]>();
    records.forEach((r, i) => {
      if (!r.date || r.date.length !== 10 || people[i].size < SAMEDAY_MIN_PEOPLE) return;
      const list = byDay.get(r.date);
      if (list) list.push(i);
      else byDay.set(r.date, [i]);
    });
    const dayKeys = [...byDay.keys()].sort();
    // most pairs of a day are told apart by counts alone (shared people, shared rare key terms), done on small
    // integers: an article's people and rare terms are marked once, then each partner's are looked up
    const { personIds, rareTerms } = sameDayIds(people, feats, byDay, df, rareCap);
    const personMark = new Int32Array(personIds.count).fill(-1);
    const termMark = new Int32Array(stemWords.length).fill(-1);
    for (const d of dayKeys) {
      const here = byDay.get(d)!;
      const near = [...here];
      for (let s = 1; s <= SAMEDAY_DAYS; s++) near.push(...(byDay.get(shiftDay(d, s)) ?? []));
      if (here.length * near.length > 40_000) continue; // a day with thousands of articles: no pairwise look
      for (const a of here) {
        const pa = personIds.of[a];
        for (let x = 0; x < pa.length; x++) personMark[pa[x]] = a;
        const ta = rareTerms[a];
        for (let x = 0; x < ta.length; x++) termMark[ta[x]] = a;
        for (let y = 0; y < near.length; y++) {
          const b = near[y];
          if (b === a || (date(b) === d && b < a)) continue;
          const pb = personIds.of[b];
          let sharedPeople = 0;
          for (let x = 0; x < pb.length; x++) if (personMark[pb[x]] === a) sharedPeople++;
          if (sharedPeople < SAMEDAY_MIN_PEOPLE) continue;
          // the key terms in common that few articles use (commonStems(a, b).filter(rare), counted)
          const tb = rareTerms[b];
          let sharedTerms = 0;
          for (let x = 0; x < tb.length; x++) if (termMark[tb[x]] === a) sharedTerms++;
          if (sharedTerms < SAMEDAY_MIN_TERMS) continue;
          const persons = [...people[a]].filter((p) => people[b].has(p));
          // the same terms as counted above (keyCandidates are distinct; rareCap ≤ the common cap), now as words
          const terms = commonStems(a, b).filter(rare).map((st) => stemWords[st]);
          const names = persons.map((id) => records[a].speakers.concat(records[a].mentions).find((p) => p.id === id)?.name ?? id);
          links.push({
            a, b, rule: "same-day", strength: persons.length * 10 + terms.length,
            detail: () => `même jour à un jour près (${date(a)} / ${date(b)}), mêmes personnes (${names.join(", ")}), mêmes termes (${terms.sort().slice(0, 8).join(", ")})`,
          });
        }
      }
    }
    links.sort((x, y) => y.strength - x.strength || Math.min(x.a, x.b) - Math.min(y.a, y.b) || Math.max(x.a, x.b) - Math.max(y.a, y.b));

    // 3. constrained union
    const uf = new UnionFind(n);
    const members: number[][] = records.map((_, i) => [i]);
    const span: ({ min: string; max: string } | null)[] = records.map((r) => (r.date && r.date.length === 10 ? { min: r.date, max: r.date } : null));
    const topYear: (number | null)[] = [...maxYear];
    const undated = (i: number) => !date(i) || date(i)!.length !== 10;
    const weak = (u: number, x: number) =>
      sharedPassages(u, x) >= 1 || termsAtLeast(u, x, WEAK_MIN_TERMS) || (records[u].language !== records[x].language && conceptsAtLeast(u, x, WEAK_MIN_CONCEPTS));
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
  };
  let partners: number[][] | null = null;
  const quotePartners = (i: number) => {
    if (!partners) {
      const p: number[][] = records.map(() => []);
      for (const key of pairKeys) {
        const a = Math.floor(key / n);
        const b = key % n;
        if (a > b && directed.has(b * n + a)) continue;
        if (sharedPassages(a, b) >= QUOTE_MIN_DATED) {
          p[a].push(b);
          p[b].push(a);
        }
      }
      partners = p;
    }
    return partners[i];
  };
  return { sharedPassages, quotePartners, maxYear: (i) => maxYear[i], link, features: (i) => feats[i] };
}

/**
 * For the same-day rule, each article of a day bucket as small integers: its persons (numbered in order of first
 * appearance) and its key terms used by at most `rareCap` articles (rareCap ≤ the common cap: these are key terms).
 */
function sameDayIds(people: Set<string>[], feats: RecordFeatures[], byDay: Map<string, number[]>, df: Uint32Array, rareCap: number) {
  const numbers = new Map<string, number>();
  const of: number[][] = new Array(people.length);
  const rareTerms: number[][] = new Array(people.length);
  for (const list of byDay.values())
    for (const i of list) {
      const ids: number[] = (of[i] = []);
      people[i].forEach((p) => {
        let id = numbers.get(p);
        if (id === undefined) numbers.set(p, (id = numbers.size));
        ids.push(id);
      });
      const rare: number[] = [];
      const candidates = feats[i].keyCandidates;
      for (let x = 0; x < candidates.length; x++) if (df[candidates[x]] <= rareCap) rare.push(candidates[x]);
      rareTerms[i] = rare;
    }
  return { personIds: { of, count: numbers.size }, rareTerms };
}

/** Every pair across A and B (the link's own pair aside) has some evidence; over BRIDGE_CHECK pairs, the undated members are checked. */
function crossEvidence(A: number[], B: number[], l: Link, weak: (x: number, y: number) => boolean): boolean {
  const own = (x: number, y: number) => (x === l.a && y === l.b) || (x === l.b && y === l.a);
  if (A.length * B.length <= BRIDGE_CHECK) return A.every((x) => B.every((y) => own(x, y) || weak(x, y)));
  const few = (side: number[]) => side.slice(0, 64);
  return [l.a, l.b].every((u) => (A.includes(u) ? few(B) : few(A)).every((y) => own(u, y) || weak(u, y)));
}

/** Whether the ascending list holds x. */
function listed(list: number[], x: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid];
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * A quotation as a link's evidence shows it: spaces made one, cut before 90 characters at a word's end. Only its
 * beginning is read when that gives more than 91 characters (the rest can change neither the cut nor the words kept).
 */
export function excerptOf(text: string): string {
  const whole = (t: string) => t.replace(/\s+/g, " ").trim();
  let excerpt = text.length > 400 ? whole(text.slice(0, 400)) : "";
  if (excerpt.length < 92) excerpt = whole(text);
  return excerpt.length > 90 ? excerpt.slice(0, 87).replace(/\s\S*$/, "") + "…" : excerpt;
}

/** Facts in common that join an undated article to a dated one in another language on a day it prints… */
export const CROSS_LANGUAGE_MIN = 5;
/** …and that count as some evidence (across languages) when a cluster with an undated article grows. */
const WEAK_MIN_CONCEPTS = 3;

const QUOTE_MARK = /[«»“”"„]|''/;

/** Folded words as small integers: a word is folded once, however often it recurs. Its stem and whether it may be informative are kept with it. */
export class Vocabulary {
  /** A vocabulary giving `words` the ids 0, 1, 2… in that order (and their stems the ids they had), or null if a word repeats. */
  static of(words: readonly string[]): Vocabulary | null {
    const v = new Vocabulary();
    for (const w of words) if (v.idOf(w) !== v.words.length - 1) return null;
    return v;
  }
  words: string[] = [];
  /** The stem of each word ("exercices" and "exercice" are one key term), as a small integer. */
  stemId: number[] = [];
  stemWords: string[] = [];
  /** 1 when the word may be informative (3 letters or more, not a grammar word, not a number); the corpus decides the rest. */
  plain: number[] = [];
  private stems = new Map<string, number>();
  private seen = new Int32Array(1024);
  private stamp = 0;
  /** Marks stems seen: `first(st)` is true the first time `st` is given since this call. */
  marker(): (st: number) => boolean {
    if (this.seen.length < this.stemWords.length) this.seen = new Int32Array(this.stemWords.length * 2);
    const seen = this.seen;
    const stamp = ++this.stamp;
    return (st) => seen[st] !== stamp && ((seen[st] = stamp), true);
  }
  private byWord = new Map<string, number>();
  private byToken = new Map<string, number>();
  private names = new Map<string, string[]>();
  /** The stems of a person's name (kept with the vocabulary: for one call in a one-shot build, not the process's life). */
  nameStems(name: string): string[] {
    let out = this.names.get(name);
    if (!out) this.names.set(name, (out = words(name).map(stem)));
    return out;
  }
  /** The id of a folded word (given one if no text had it yet). */
  idOf(word: string): number {
    return this.byWord.get(word) ?? this.add(word);
  }
  private add(w: string): number {
    const id = this.words.length;
    this.words.push(w);
    this.byWord.set(w, id);
    const st = stem(w);
    let s = this.stems.get(st);
    if (s === undefined) {
      s = this.stemWords.length;
      this.stemWords.push(st);
      this.stems.set(st, s);
    }
    this.stemId.push(s);
    this.plain.push(w.length >= 3 && !STOPWORDS.has(w) && !/^\d+$/.test(w) ? 1 : 0);
    return id;
  }
  ids(text: string): number[] {
    const out: number[] = [];
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && isWordChar(text.charCodeAt(i))) {
        if (start < 0) start = i;
        continue;
      }
      if (start < 0) continue;
      const token = text.slice(start, i);
      start = -1;
      let id = this.byToken.get(token);
      if (id === undefined) {
        const w = fold(token);
        id = this.byWord.get(w) ?? this.add(w);
        if (this.byToken.size < 1_000_000) this.byToken.set(token, id);
      }
      out.push(id);
    }
    return out;
  }
}

/**
 * One vocabulary per process, so that an article's word ids stay valid from one call to the next
 * (ids are exact keys only: no result depends on their numbering). Replaced by a new one past
 * VOCABULARY_MAX words (a long-running dev server seeing ever new texts: about 100 MB at most);
 * features made with the old one are then made again.
 */
let vocabulary = new Vocabulary();
export const VOCABULARY_MAX = 1_000_000;
/** `fn` run with a new vocabulary (word ids numbered anew, nothing remembered), then the process's one back: tests compare with it. */
export function withNewVocabulary<T>(fn: () => T): T {
  const kept = vocabulary;
  vocabulary = new Vocabulary();
  try {
    return fn();
  } finally {
    vocabulary = kept;
  }
}
function currentVocabulary(): Vocabulary {
  if (!remember) return new Vocabulary(); // one-shot: nothing kept after the call
  if (vocabulary.words.length > VOCABULARY_MAX) vocabulary = new Vocabulary();
  return vocabulary;
}

/**
 * Whether the corpus stage keeps what it read of each record after the call (here and in
 * src/extract/events.ts). Only a long-lived process that links the same record objects again
 * gains from it: the dev server turns it on (rememberLinkFeatures). A one-shot build leaves it
 * off: kept, the features of 10,000 articles held some 50 MB more at the build's peak, for nothing.
 */
let remember = false;
export function rememberLinkFeatures(): void {
  remember = true;
}
/** Whether a call keeps what it read (rememberLinkFeatures): src/extract/events.ts and the tests ask. */
export const remembersLinkFeatures = (): boolean => remember;

/** Word ids or stem ids: arrays when read here, views of one buffer when read back from a store. */
export type Ids = number[] | Int32Array;

/** What an undated article prints of its day: a day and month ("lundi 14 octobre", with its weekday if named), or else a weekday alone ("ce vendredi"). */
export interface DayClue {
  evidence: string;
  /** A day and month are printed (not only a weekday). */
  dayAndMonth: boolean;
  month: number | null;
  day: number | null;
  /** ISO weekday (1 = Monday), null when none is named. */
  weekday: number | null;
}

/** A calendar entry that fits an undated article's clue (events.ts): the day it fits, and the words that say so. */
export type CalendarMatch = { entry: CalendarEvent; day: string; evidence: string };

/**
 * What the corpus stage reads of one article alone (here: with the vocabulary and the glossary; in events.ts:
 * its day clues and calendar matches), remembered per input record object and kept between processes by a
 * FeatureStore.
 */
export interface RecordFeatures {
  /** The record's fields these were read from: a record given again with other values is read again. */
  from: readonly unknown[];
  vocab: Vocabulary;
  glossary: Concept[];
  /** Word ids of title, lede and paragraphs, one after the other (beyond the key-term zone, only paragraphs with quotation marks). */
  textIds: Ids;
  quoteIds: Ids[];
  /** The quotations read (a fragment under SHINGLE words is not): their indexes in the record's quotes, and their texts. */
  quoteAt: number[];
  quoteTexts: string[];
  /** The distinct stems of the key-term zone and the quotations (the document frequency counts them). */
  dfStems: Ids;
  /** Stems of the key-term zone that are key terms unless the corpus uses them too often, in order of first use. */
  keyCandidates: Ids;
  concepts: Set<number>;
  people: Set<string>;
  maxYear: number | null;
  /** What the text says of its day (events.ts), read when first asked: most articles are dated and never need it. */
  clues: DayClue[] | null;
  /** slug() of the record's title (events.ts: an event's id), made when first asked. */
  titleSlug: string | null;
  /** The calendar entries that fit the record's clues (events.ts), for one calendar (a knowledge's, by identity). */
  calendar: { of: CalendarEvent[]; matches: CalendarMatch[] } | null;
}

/**
 * Features kept between processes (src/link-store.ts): `vocabulary` gives the vocabulary their word ids are of
 * (null: the store does not serve this glossary), `take` the features kept for a record, `keep` says which
 * features the call used (the store writes them).
 */
export interface FeatureStore {
  vocabulary(glossary: Concept[]): Vocabulary | null;
  take(r: ArticleRecord, from: readonly unknown[], vocab: Vocabulary, glossary: Concept[]): RecordFeatures | null;
  /** `how`: remembered in memory (rememberLinkFeatures), taken from the store, or read from the record now. */
  keep(r: ArticleRecord, f: RecordFeatures, how: "memo" | "kept" | "read"): void;
  /** The calendar the call's matches are for (events.ts): the store gives back the matches it kept for that calendar only. */
  useCalendar(calendar: CalendarEvent[]): void;
  /** An event's quotation groups kept (events.ts), and the key they are kept by: a digest of the event's articles (ids and contents, in order). */
  quoteGroups(rs: readonly ArticleRecord[]): { key: string; kept: QuoteGroupRefs | undefined };
  /** The groups this call used (`made`: made now, not kept): the store writes them. */
  keepQuoteGroups(key: string, groups: QuoteGroupRefs, made: boolean): void;
}

/**
 * An event's quotation groups by position (events.ts): each group's speaker id, and its variants as
 * [article's place in the event, quotation's place in the article] pairs, flat.
 */
export type QuoteGroupRefs = [speakerId: string | null, variants: number[]][];

/** Features per input record object (here and in events.ts); a record dropped by the caller frees its features. */
const featureMemo = new WeakMap<object, RecordFeatures>();

/** The fields the corpus stage reads of a record: what it remembered is good while they are the same values. */
const sourceFields = (r: ArticleRecord): unknown[] => [r.title, r.lede, r.body, r.quotes, r.speakers, r.mentions];
const sameFields = (a: readonly unknown[], b: readonly unknown[]): boolean => a.every((x, k) => x === b[k]);

function recordFeatures(r: ArticleRecord, key: object, vocab: Vocabulary, glossary: Concept[], starts: PhraseStarts, store: FeatureStore | null): RecordFeatures {
  const from = sourceFields(r);
  const known = featureMemo.get(key);
  if (known && known.vocab === vocab && known.glossary === glossary && sameFields(known.from, from)) {
    store?.keep(r, known, "memo");
    return known;
  }
  const kept = store?.take(r, from, vocab, glossary);
  const f = kept ?? readFeatures(r, vocab, glossary, starts, from);
  if (remember) featureMemo.set(key, f);
  store?.keep(r, f, kept ? "kept" : "read");
  return f;
}

/** Glossary phrases as word ids, by their first word. */
type PhraseStarts = Map<number, { c: number; ids: number[] }[]>;

/**
 * The glossary's phrases in a vocabulary's word ids (its words are given ids: no text is needed for that, and a word
 * no text has counts nowhere). Made at each call (a glossary is small), never kept: kept per glossary, it would hold
 * a one-shot call's vocabulary for the process's whole life.
 */
function phraseStarts(glossary: Concept[], vocab: Vocabulary): PhraseStarts {
  const start: PhraseStarts = new Map();
  glossary.forEach(({ forms }, c) => {
    for (const f of forms) {
      const ids = f.map((w) => vocab.idOf(w));
      if (ids.length) (start.get(ids[0]) ?? start.set(ids[0], []).get(ids[0])!).push({ c, ids });
    }
  });
  return start;
}

function readFeatures(r: ArticleRecord, vocab: Vocabulary, glossary: Concept[], starts: PhraseStarts, from: unknown[]): RecordFeatures {
  // beyond the key-term zone, only paragraphs with quotation marks are read: a quotation is
  // printed again as a quotation (or in the headline, lede and first paragraphs, without marks)
  const segments = [r.title ?? "", r.lede ?? "", ...paragraphs(r)].map((t, k) => (k < 2 + KEY_PARAGRAPHS || QUOTE_MARK.test(t) ? vocab.ids(t) : []));
  const quoteAt = r.quotes.flatMap((q, k) => (!q.fragment || words(q.text).length >= SHINGLE ? [k] : []));
  const quoteIds = quoteAt.map((k) => vocab.ids(r.quotes[k].text));
  const { stemId, stemWords } = vocab;
  const keyZone = segments.slice(0, 2 + KEY_PARAGRAPHS);
  const dfStems: number[] = [];
  let first = vocab.marker();
  for (const ids of [...keyZone, ...quoteIds]) for (const id of ids) if (first(stemId[id])) dfStems.push(stemId[id]);
  const names = new Set<string>();
  for (const p of [...r.speakers, ...r.mentions]) if (p.kind === "person" && p.via === "registry") for (const w of vocab.nameStems(p.name)) names.add(w);
  const keyCandidates: number[] = [];
  first = vocab.marker();
  for (const seg of keyZone)
    for (const id of seg) if (vocab.plain[id] && vocab.words[id].length >= 4 && !names.has(stemWords[stemId[id]]) && first(stemId[id])) keyCandidates.push(stemId[id]);
  // facts named (data/glossary.yaml), from the words read
  const concepts = new Set<number>();
  for (const t of segments)
    for (let k = 0; k < t.length; k++)
      for (const p of starts.get(t[k]) ?? []) if (p.ids.every((id, x) => t[k + x] === id)) concepts.add(p.c);
  return {
    from,
    vocab,
    glossary,
    textIds: segments.flat(),
    quoteIds,
    quoteAt,
    quoteTexts: quoteAt.map((k) => r.quotes[k].text),
    dfStems,
    keyCandidates,
    concepts,
    people: peopleOf(r),
    maxYear: maxYearMentioned([r.title ?? "", r.lede ?? "", ...paragraphs(r)].join(" ")),
    clues: null,
    titleSlug: null,
    calendar: null,
  };
}

/** The persons a record names (speakers and mentions; not organizations): the same-day rule compares them. */
export function peopleOf(r: ArticleRecord): Set<string> {
  return new Set([...r.speakers, ...r.mentions].filter((p) => p.kind === "person").map((p) => p.id));
}

/** Letters and digits (the same as /[\p{L}\p{N}]/), ASCII first, other code units looked up once. */
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return unitClass(c) === UNIT_ALNUM;
}

/**
 * Passages of four word ids → the articles whose quotations hold them. Looked up by a 32-bit hash of the
 * four ids (small-integer map keys: two ids made one number key were doubles, slow to hash and allocated
 * at each look-up), each passage of a bucket compared id by id: exact.
 */
class PassageIndex {
  private map = new Map<number, Passage[]>();
  /** A bit per hash of the passages held: most positions of a text are passed over on this test alone. */
  private bits = new Uint32Array(1 << 19);
  /** The passage at w[k…k+3], or undefined. */
  passage(w: Ids, k: number): Passage | undefined {
    const h = hash4(w, k);
    if ((this.bits[h >>> 13] & (1 << (h & 31))) === 0) return undefined;
    return this.find(this.map.get(h & BUCKET_MASK), w, k);
  }
  add(w: Ids, k: number, article: number): void {
    const h = hash4(w, k);
    this.bits[h >>> 13] |= 1 << (h & 31);
    // the hash made once: the bucket looked up here, not through passage()
    const bucket = this.map.get(h & BUCKET_MASK);
    const found = this.find(bucket, w, k);
    if (!found) {
      const p: Passage = { a: w[k]!, b: w[k + 1]!, c: w[k + 2]!, d: w[k + 3]!, list: [article], printed: 0, seenBy: -1, mark: 0 };
      if (bucket) bucket.push(p);
      else this.map.set(h & BUCKET_MASK, [p]);
    } else if (found.list.length <= MAX_POSTING && found.list[found.list.length - 1] !== article) found.list.push(article);
  }
  /** The passage of the bucket equal to w[k…k+3], id by id. */
  private find(bucket: Passage[] | undefined, w: Ids, k: number): Passage | undefined {
    if (bucket) for (const p of bucket) if (p.a === w[k] && p.b === w[k + 1] && p.c === w[k + 2] && p.d === w[k + 3]) return p;
    return undefined;
  }
}
interface Passage {
  a: number;
  b: number;
  c: number;
  d: number;
  list: number[];
  /** In how many texts it is printed (counted when at most MAX_POSTING articles quote it). */
  printed: number;
  /** The last text found printing it (a text counts each passage once). */
  seenBy: number;
  /** The last link whose evidence names it (quotationDetail). */
  mark: number;
}
/** The bits of a passage's hash that key its bucket (a small integer: a fast map key). */
const BUCKET_MASK = 0x3fffffff;
/** 32-bit hash of four word ids (its top 19 bits pick a word of the bit set, its low 5 the bit). */
function hash4(w: Ids, k: number): number {
  let h = 0x811c9dc5;
  for (let x = k; x < k + SHINGLE; x++) h = Math.imul(h ^ w[x], 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}
function shiftDay(iso: string, days: number): string {
  const d = new Date(Date.parse(iso + "T00:00:00Z") + days * 86400000);
  return d.toISOString().slice(0, 10);
}

