/**
 * The project's two graders, in TypeScript, for the quality gates:
 * - `gradeArticles`: records against gold annotations (the seeds, `tests/fixtures/realworld`),
 *   the same scoring as `../shared/tools/grade`;
 * - `gradePages`: records of saved web pages against the peers' expectations
 *   (`tests/fixtures/peer`), the same scoring as `../shared/tools/pagegrade`.
 * Both return totals and the per-document misses, so a failing gate says what went wrong.
 */
import type { ArticleRecord } from "../../src/record.js";

// ---------------------------------------------------------------- articles

export interface GoldQuote {
  text: string;
  speaker: string | null;
  minor?: boolean;
  speakerAlternatives?: (string | null)[];
}

export interface GoldArticle {
  file: string;
  title?: string | null;
  titleNote?: string;
  titleUngraded?: boolean;
  date: string | null;
  dateAlternatives?: string[];
  dateUngraded?: boolean;
  date_text_only?: string | null;
  outlet: string | null;
  outletAlternatives?: string[];
  outletUngraded?: boolean;
  bodyStart: string;
  bodyEnd: string;
  notInBody?: string[];
  speakers?: string[];
  quotes: GoldQuote[];
  event_id?: string | null;
}

const QUOTE_MARKS = /[«»“”„"]/g;
const ELLIPSIS = /\(\s*(\.\.\.|…)\s*\)|\[\s*(\.\.\.|…)\s*\]|…|\.\.\./g;

/** The grader's normalisation: NFKC, quotes and ellipses out, lower case, accents folded. */
export function gradeFold(s: string | null | undefined): string {
  let t = (s ?? "").normalize("NFKC").replace(/\u2019|\u2018/g, "'").replace(/\u00a0|\u202f/g, " ");
  t = t.replace(QUOTE_MARKS, " ").replace(ELLIPSIS, " ").toLowerCase();
  t = t.replace(/\s+/g, " ").replace(/^[ .,;:!?\-–—']+|[ .,;:!?\-–—']+$/g, "");
  return t.normalize("NFKD").replace(/\p{M}/gu, "");
}

const words = (s: string | null | undefined): string[] => gradeFold(s).match(/[\p{L}\p{N}_]+/gu) ?? [];

function bagOverlap(a: string[], b: string[]): number {
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of b) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      common++;
      counts.set(t, c - 1);
    }
  }
  return common;
}

/** Similarity of two quotation texts (1 equal, 0.95 nearly contained, else token Dice). */
export function quoteSimilarity(a: string, b: string): number {
  const [na, nb] = [gradeFold(a), gradeFold(b)];
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const [short, long] = na.length <= nb.length ? [na, nb] : [nb, na];
  if (long.includes(short) && short.length / long.length >= 0.85) return 0.95;
  const [ta, tb] = [words(a), words(b)];
  if (!ta.length || !tb.length) return 0;
  return (2 * bagOverlap(ta, tb)) / (ta.length + tb.length);
}

const NAME_STOP = new Set(["le", "la", "les", "l", "m", "mme", "de", "du", "des", "the", "mr", "mrs", "ms"]);

/** Whether a found speaker name is one of the accepted ones (null accepts "no speaker"). */
export function nameAccepted(got: string | null, accepted: (string | null)[]): boolean {
  for (const want of accepted) {
    if (want === null) {
      if (!got) return true;
      continue;
    }
    if (!got) continue;
    const g = new Set(words(got).filter((t) => !NAME_STOP.has(t)));
    const w = new Set(words(want).filter((t) => !NAME_STOP.has(t)));
    if (g.size && w.size && ([...g].every((t) => w.has(t)) || [...w].every((t) => g.has(t)))) return true;
  }
  return false;
}

export interface ArticleScore {
  docs: number;
  title: number;
  titleGraded: number;
  date: number;
  dateWrong: number;
  outlet: number;
  outletGraded: number;
  body: number;
  leaked: number;
  quoteRecall: number;
  quotePrecision: number;
  attribution: number;
  speakerRecall: number;
  speakerPrecision: number;
  textDates: number;
  textDatesGraded: number;
  textDatesWrong: number;
  eventsLinked: number;
  eventsSame: number;
  eventsMerged: number;
  /** One line per thing that went wrong, naming the file. */
  problems: string[];
}

const ratio = (a: number, b: number) => (b ? a / b : 1);

export function gradeArticles(golds: GoldArticle[], records: ArticleRecord[]): ArticleScore {
  const byFile = new Map(records.map((r) => [r.source.file.split("/").pop()!, r]));
  const t = { title: 0, titleGraded: 0, date: 0, dateWrong: 0, outlet: 0, outletGraded: 0, body: 0, leaked: 0, major: 0, majorFound: 0, got: 0, gotOk: 0, attrOk: 0, spkGold: 0, spkFound: 0, spkGot: 0, spkOk: 0, td: 0, tdOk: 0, tdWrong: 0 };
  const problems: string[] = [];
  for (const g of golds) {
    const r = byFile.get(g.file);
    if (!r) {
      problems.push(`${g.file}: no record`);
      t.major += g.quotes.filter((q) => !q.minor).length;
      t.spkGold += g.speakers?.length ?? 0;
      continue;
    }
    const say = (s: string) => problems.push(`${g.file}: ${s}`);
    // title
    const titleOk = !!g.title && (gradeFold(r.title) === gradeFold(g.title) || (!!g.titleNote && gradeFold(r.title).startsWith(gradeFold(g.title).slice(0, 30))));
    if (!g.titleUngraded) {
      t.titleGraded++;
      if (titleOk) t.title++;
      else if (g.title) say(`title ${JSON.stringify(r.title)}`);
    }
    // date
    const day = r.date ? r.date.slice(0, 10) : null;
    const okDays = [g.date, ...(g.dateAlternatives ?? [])];
    if (okDays.includes(day)) t.date++;
    else if (day !== null && !g.dateUngraded) {
      t.dateWrong++;
      say(`wrong date ${day} (gold ${g.date}) from ${JSON.stringify(r.dateEvidence)}`);
    }
    if (g.date_text_only) {
      t.td++;
      const ok = [g.date_text_only, g.date, ...(g.dateAlternatives ?? [])];
      if (ok.includes(day)) t.tdOk++;
      else if (day !== null) t.tdWrong++;
      else say(`text date ${g.date_text_only} not found`);
    }
    // outlet
    const outlet = r.outlet?.name ?? null;
    const outlets = [g.outlet, ...(g.outletAlternatives ?? [])];
    const outletOk = (outlet === null && g.outlet === null) || (outlet !== null && g.outlet !== null && outlets.some((o) => o && gradeFold(o) === gradeFold(outlet)));
    if (!g.outletUngraded) {
      t.outletGraded++;
      if (outletOk) t.outlet++;
      else say(`outlet ${JSON.stringify(outlet)} (gold ${JSON.stringify(g.outlet)})`);
    }
    // body
    const body = gradeFold([r.lede ?? "", r.body.map((b) => (typeof b === "string" ? b : JSON.stringify(b))).join("\n")].join("\n"));
    if (body.includes(gradeFold(g.bodyStart)) && body.includes(gradeFold(g.bodyEnd))) t.body++;
    else say("body start or end missing");
    for (const trap of g.notInBody ?? []) {
      if (body.includes(gradeFold(trap))) {
        t.leaked++;
        say(`furniture in the body: ${trap.slice(0, 60)}`);
      }
    }
    // quotations: each distinct text once, matched greedily by similarity
    const nameOf = (id: string | null) => r.speakers.find((s) => s.id === id)?.name ?? null;
    const got: { text: string; speaker: string | null }[] = [];
    const seen = new Set<string>();
    for (const q of r.quotes) {
      const k = gradeFold(q.text);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      got.push({ text: q.text, speaker: nameOf(q.speakerId) });
    }
    const pairs: [number, number, number][] = [];
    g.quotes.forEach((gq, gi) => got.forEach((q, ti) => pairs.push([quoteSimilarity(gq.text, q.text), gi, ti])));
    pairs.sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
    const gm = new Map<number, number>();
    const tm = new Set<number>();
    for (const [s, gi, ti] of pairs) {
      if (s < 0.8) break;
      if (gm.has(gi) || tm.has(ti)) continue;
      gm.set(gi, ti);
      tm.add(ti);
    }
    g.quotes.forEach((gq, gi) => {
      if (gq.minor) return;
      t.major++;
      if (gm.has(gi)) t.majorFound++;
      else say(`quotation missed: ${gq.text.slice(0, 60)}`);
    });
    t.got += got.length;
    t.gotOk += tm.size;
    got.forEach((q, ti) => tm.has(ti) || say(`not a quotation: ${q.text.slice(0, 60)}`));
    for (const [gi, ti] of gm) {
      const gq = g.quotes[gi];
      if (nameAccepted(got[ti].speaker, [gq.speaker, ...(gq.speakerAlternatives ?? [])])) t.attrOk++;
      else say(`wrong speaker ${JSON.stringify(got[ti].speaker)} (gold ${JSON.stringify(gq.speaker)}) for ${gq.text.slice(0, 40)}`);
    }
    // speakers quoted
    const goldSpeakers = g.speakers ?? [];
    const quotedIds = new Set(r.quotes.map((q) => nameOf(q.speakerId)).filter((x): x is string => !!x));
    const names = r.speakers.map((s) => s.name);
    const quoted = quotedIds.size ? names.filter((n) => quotedIds.has(n)) : names;
    t.spkGold += goldSpeakers.length;
    for (const n of goldSpeakers) {
      if (quoted.some((x) => nameAccepted(x, [n]))) t.spkFound++;
      else say(`speaker missed: ${n}`);
    }
    t.spkGot += quoted.length;
    const allowed = [...goldSpeakers, ...g.quotes.flatMap((q) => [q.speaker, ...(q.speakerAlternatives ?? [])]).filter((x): x is string => !!x)];
    for (const x of quoted) {
      if (allowed.some((n) => nameAccepted(x, [n]))) t.spkOk++;
      else say(`not a speaker: ${x}`);
    }
  }
  // events, over all pairs of documents with a record and a gold event
  const ev = golds.filter((g) => g.event_id && byFile.has(g.file)).map((g) => ({ file: g.file, gold: g.event_id!, got: byFile.get(g.file)!.eventId ?? null }));
  let same = 0;
  let linked = 0;
  let merged = 0;
  for (let i = 0; i < ev.length; i++) {
    for (let j = i + 1; j < ev.length; j++) {
      const together = ev[i].got !== null && ev[i].got === ev[j].got;
      if (ev[i].gold === ev[j].gold) {
        same++;
        if (together) linked++;
        else problems.push(`events: ${ev[i].file} and ${ev[j].file} report one event but were not linked`);
      } else if (together) {
        merged++;
        problems.push(`events: ${ev[i].file} and ${ev[j].file} were merged but report different events`);
      }
    }
  }
  return {
    docs: golds.length,
    title: t.title,
    titleGraded: t.titleGraded,
    date: t.date,
    dateWrong: t.dateWrong,
    outlet: t.outlet,
    outletGraded: t.outletGraded,
    body: t.body,
    leaked: t.leaked,
    quoteRecall: ratio(t.majorFound, t.major),
    quotePrecision: ratio(t.gotOk, t.got),
    attribution: ratio(t.attrOk, t.gotOk),
    speakerRecall: ratio(t.spkFound, t.spkGold),
    speakerPrecision: ratio(t.spkOk, t.spkGot),
    textDates: t.tdOk,
    textDatesGraded: t.td,
    textDatesWrong: t.tdWrong,
    eventsLinked: linked,
    eventsSame: same,
    eventsMerged: merged,
    problems,
  };
}

// ---------------------------------------------------------------- saved pages

export interface GoldPage {
  title?: string;
  date?: string;
  publishedTime?: string;
  byline?: string;
  author?: string;
  siteName?: string;
  sitename?: string;
  text?: string;
  with?: string[];
  without?: string[];
}

export interface PageScore {
  pages: number;
  empty: number;
  title: number;
  titleGraded: number;
  date: number;
  dateWrong: number;
  dateGraded: number;
  byline: number;
  bylineGraded: number;
  site: number;
  siteGraded: number;
  /** averaged per page with a gold text; null when no page has one */
  bodyF1: number | null;
  /** shares of `with` snippets found and `without` snippets leaked; null without snippets */
  withFound: number | null;
  withoutLeaked: number | null;
  problems: string[];
}

const ws = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
const PAGE_TOKEN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[\p{L}\p{N}]+/gu;
const pageTokens = (s: string | null | undefined) => (s ?? "").normalize("NFKC").toLowerCase().match(PAGE_TOKEN) ?? [];
const QUOTE_FOLD: Record<string, string> = { "’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-", "\u00ad": "", "\u200b": "" };
const normTitle = (s: string) =>
  s.normalize("NFKC").replace(/[’‘“”„«»–—\u00ad\u200b]/g, (c) => QUOTE_FOLD[c]).toLowerCase().replace(/[^\p{L}\p{N}_\s]/gu, " ").replace(/\s+/g, " ").trim();
const dayOf = (s: string | null | undefined) => (s ?? "").trim().match(/^\d{4}-\d{2}-\d{2}/)?.[0] ?? null;
const BYLINE_STOP = new Set("by par von and et und with avec mit from de por y e".split(" "));
const nameWords = (s: string) => new Set(pageTokens(s).filter((t) => !BYLINE_STOP.has(t) && t.length > 1));
const SITE_DROP = /^(the|le|la|les|l')\s+|\.(fr|com|cz|de|org|net|co\.uk)$|\s+(news|online)$/i;
function normSite(s: string | null | undefined): string {
  let t = (s ?? "").trim().toLowerCase().replace(/^https?:\/\/(www\.)?/, "");
  for (let i = 0; i < 2; i++) t = t.replace(SITE_DROP, "").trim();
  return t.replace(/[^\p{L}\p{N}_]/gu, "");
}

function prf(pred: string, gold: string): [number, number, number] {
  const [p, g] = [pageTokens(pred), pageTokens(gold)];
  if (!p.length || !g.length) return [0, 0, 0];
  const ov = bagOverlap(g, p);
  const [pr, rc] = [ov / p.length, ov / g.length];
  return [pr, rc, pr + rc ? (2 * pr * rc) / (pr + rc) : 0];
}

export function pageText(r: ArticleRecord | undefined): string {
  if (!r) return "";
  return [r.lede ?? "", ...r.body.map((b) => (typeof b === "string" ? b : b.heading ?? ""))].filter(Boolean).join("\n");
}

export function gradePages(gold: Record<string, GoldPage>, records: ArticleRecord[]): PageScore {
  const byFile = new Map(records.map((r) => [r.source.file.split("/").pop()!, r]));
  const s = { empty: 0, title: 0, titleGraded: 0, date: 0, dateWrong: 0, dateGraded: 0, byline: 0, bylineGraded: 0, site: 0, siteGraded: 0, with: 0, withN: 0, leaked: 0, withoutN: 0 };
  const f1s: number[] = [];
  const problems: string[] = [];
  const names = Object.keys(gold).sort();
  for (const name of names) {
    const g = gold[name];
    const r = byFile.get(name);
    const say = (x: string) => problems.push(`${name}: ${x}`);
    const txt = pageText(r);
    if (!pageTokens(txt).length) {
      s.empty++;
      say("empty body");
    }
    if (g.title) {
      s.titleGraded++;
      if (ws(r?.title) === ws(g.title) || (r?.title && normTitle(r.title) === normTitle(g.title))) s.title++;
      else say(`title ${JSON.stringify(r?.title)}`);
    }
    const gd = dayOf(g.date ?? g.publishedTime);
    if (gd) {
      s.dateGraded++;
      const rd = dayOf(r?.date);
      if (rd === gd) s.date++;
      else if (rd) {
        s.dateWrong++;
        say(`wrong date ${rd} (gold ${gd}) from ${JSON.stringify(r?.dateEvidence)}`);
      } else say(`date missing (gold ${gd})`);
    }
    const gb = g.byline ?? g.author;
    if (gb && nameWords(gb).size) {
      s.bylineGraded++;
      const got = nameWords((r?.authors ?? []).join(" "));
      if ([...nameWords(gb)].every((w) => got.has(w))) s.byline++;
      else say(`byline ${JSON.stringify(r?.authors)} (gold ${JSON.stringify(gb)})`);
    }
    const gs = g.siteName ?? g.sitename;
    if (gs && gs !== "None") {
      s.siteGraded++;
      const [p, w] = [normSite(r?.outlet?.name), normSite(gs)];
      if (p && (p === w || (Math.min(p.length, w.length) >= 3 && (p.includes(w) || w.includes(p))))) s.site++;
      else say(`site ${JSON.stringify(r?.outlet?.name)} (gold ${JSON.stringify(gs)})`);
    }
    if (g.text) f1s.push(prf(txt, g.text)[2]);
    const flat = ws(txt);
    for (const x of g.with ?? []) {
      s.withN++;
      if (flat.includes(ws(x))) s.with++;
    }
    for (const x of g.without ?? []) {
      s.withoutN++;
      if (flat.includes(ws(x))) s.leaked++;
    }
  }
  return {
    pages: names.length,
    empty: s.empty,
    title: s.title,
    titleGraded: s.titleGraded,
    date: s.date,
    dateWrong: s.dateWrong,
    dateGraded: s.dateGraded,
    byline: s.byline,
    bylineGraded: s.bylineGraded,
    site: s.site,
    siteGraded: s.siteGraded,
    bodyF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : null,
    withFound: s.withN ? s.with / s.withN : null,
    withoutLeaked: s.withN ? s.leaked / Math.max(1, s.withoutN) : null,
    problems,
  };
}
