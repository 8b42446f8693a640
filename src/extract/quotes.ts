/**
 * Direct quotations and who said them.
 *
 * Spans: « … », “ … ”, „ … “ and straight "…" (paired at word boundaries). A lone
 * closing mark ("Lire la suite »") is not a quotation. Closers are found through a
 * precomputed next-closer table, so unbalanced input stays linear.
 *
 * Attribution: the sieves of attribution.ts, most precise first, within the
 * quotation's sentence; then the paragraph-level rules here (continuation of the
 * previous quotation, of the previous paragraph's speaker). Every quotation records
 * the rule (`via`) and a confidence; `setQuoteTrace` receives the reasons.
 */
import type { Quote } from "../record.js";
import { type Attribution, Attributor, CONFIDENCE, type Discourse, type QuoteSite, VIA_NONE } from "./attribution.js";
import { type ArticlePerson, type Mention, PeopleIndex, scanMentions, type Token, tokenize } from "./people.js";
import { fold, sentenceSpans, squash, wordCount } from "./text.js";
import { closesFirst, findQuoteSpans, isDesignation, maskQuotes, openTail, type QuoteSpan } from "./spans.js";

export interface Context {
  idx: PeopleIndex;
  language: string;
  lastSpeaker: ArticlePerson | null;
}

/** One line of `extract --explain`: a quotation, where it stands, the rule that attributed it and why. */
export interface QuoteTrace {
  location: Quote["location"];
  paragraph: number;
  open: number;
  close: number;
  text: string;
  speaker: string | null;
  via: string;
  confidence: number;
  reason: string;
}
let traceSink: ((t: QuoteTrace) => void) | null = null;
/** Receive the reason of every attribution (the CLI's --explain); null to stop. */
export function setQuoteTrace(sink: ((t: QuoteTrace) => void) | null): void {
  traceSink = sink;
}

export type FoundQuote = Quote & { person: ArticlePerson | null };

export class QuoteExtractor {
  private readonly d: Discourse;
  private readonly attributor: Attributor;
  constructor(readonly ctx: Context) {
    this.d = {
      idx: ctx.idx,
      get lastSpeaker() {
        return ctx.lastSpeaker;
      },
      set lastSpeaker(p) {
        ctx.lastSpeaker = p;
      },
      paragraphSubject: null,
      lastGroup: null,
    };
    this.attributor = new Attributor(this.d);
  }

  /**
   * The discourse model's first pass: every person and organization the article names
   * (with appositions and roles), before any quotation is attributed, so that a
   * description ("le ministre chinois de la Défense") resolves to the holder the text
   * names further on, and a surname to the full name given later.
   */
  introduce(texts: string[]): void {
    for (const t of texts) {
      if (!t) continue;
      const mentions = scanMentions(this.tokensOf(t), this.ctx.idx);
      // "Dans une interview accordée à RIA Novosti, Wang Yi a…", "INTERVIEW DE X": the interviewee
      if (!this.interviewee && INTERVIEW_WORDS.test(t)) this.interviewee = mentions.find((m) => m.kind === "name" && m.person?.kind === "person")?.person ?? null;
    }
  }

  /** Each text's quotation spans, and the tokens of each masked text: the first pass and the paragraphs read them once. */
  private readonly spanMemo = new Map<string, QuoteSpan[]>();
  private readonly tokenMemo = new Map<string, Token[]>();
  private spansOf(text: string): QuoteSpan[] {
    let spans = this.spanMemo.get(text);
    if (!spans) this.spanMemo.set(text, (spans = findQuoteSpans(text)));
    return spans;
  }
  private tokensOfMasked(masked: string): Token[] {
    let tokens = this.tokenMemo.get(masked);
    if (!tokens) this.tokenMemo.set(masked, (tokens = tokenize(masked)));
    return tokens;
  }
  /** The tokens of a text with its quotations masked (the speaker's words are not the narrator's). */
  tokensOf(text: string): Token[] {
    return this.tokensOfMasked(maskQuotes(text, this.spansOf(text)));
  }

  /** The person interviewed, when the article says it is an interview. */
  private interviewee: ArticlePerson | null = null;
  /** The last turn of a question/answer interview, and the answer being built. */
  private turn: "question" | "answer" | null = null;
  private answer: FoundQuote | null = null;

  /**
   * Interviews in question/answer form: after a question turn (a paragraph ending on "?"),
   * a paragraph "Name : …" or "– …" is an answer turn, one quotation of the interviewee
   * (continued over the paragraphs that follow it without a new turn).
   */
  private interviewTurn(text: string, location: Quote["location"], paragraph: number): FoundQuote[] | null {
    if (location === "title") return null;
    const t = text.trim();
    // ends on a question mark, or on one and a closing quotation mark (its last sentence then is a question;
    // no need to split the paragraph into sentences: t is trimmed, the test reads its last two characters)
    const question = /\?["»”]?\s*$/.test(t);
    if (!question && !this.turn) return null; // no question and no interview under way: nothing to read (most paragraphs)
    const labelled = t.match(/^([\p{Lu}][\p{L}.'’ -]{1,40}?)\s?:\s+(\S.*)$/su);
    const dashed = t.match(/^[–—-]\s*(\S.*)$/su);
    if (question) {
      this.turn = labelled || dashed || this.turn || this.interviewee ? "question" : null;
      this.answer = null;
      return null;
    }
    if (!this.turn) return null;
    let speaker: ArticlePerson | null = null;
    let body: string | null = null;
    let how = "";
    if (labelled) {
      const label = labelled[1].trim();
      const person = this.ctx.idx.k.outletByAlias.has(fold(label)) ? null : this.ctx.idx.byName(label);
      if (person?.kind === "person") {
        speaker = person;
        body = labelled[2];
        how = `answer turn "${label} :" after a question`;
      }
    } else if (this.interviewee && this.turn === "question") {
      // "– …" (or the bare paragraph once the dash is gone) after a question
      speaker = this.interviewee;
      body = dashed ? dashed[1] : t;
      how = `answer turn after a question; the interviewee is ${this.interviewee.name}`;
    } else if (this.turn === "answer" && this.answer && !labelled && !dashed) {
      // the answer goes on in a new paragraph
      this.answer.text += `\n\n${t}`;
      return [];
    }
    if (!speaker || !body) {
      this.turn = null;
      this.answer = null;
      return null;
    }
    this.turn = "answer";
    const q: FoundQuote = {
      text: squash(body), speakerId: speaker.key, cue: null, location, paragraph, fragment: false,
      via: "interview-answer", confidence: CONFIDENCE["interview-answer"], person: speaker,
    };
    this.answer = q;
    this.ctx.lastSpeaker = speaker;
    traceSink?.({ location, paragraph, open: 0, close: text.length, text: q.text, speaker: speaker.name, via: q.via, confidence: q.confidence!, reason: how });
    return [q];
  }

  /** A quotation left open at the end of a paragraph, waiting for the next paragraph to continue it. */
  private pending: { text: string; location: Quote["location"]; paragraph: number; open: number; site: QuoteSite } | null = null;

  /** Quotes of one paragraph (title, lede or body[i]). */
  paragraph(text: string, location: Quote["location"], paragraph: number, prevParagraphSpeaker: ArticlePerson | null): { quotes: FoundQuote[]; last: ArticlePerson | null } {
    const answer = this.pending ? null : this.interviewTurn(text, location, paragraph);
    if (answer) return { quotes: answer, last: answer[0]?.person ?? this.answer?.person ?? null };
    const pending = this.pending;
    this.pending = null;
    // a quotation over several paragraphs: this paragraph opens on a mark that continues it,
    // or goes on without one up to its closing mark
    const continues = pending && location !== "title" && /^\s*(«|“|"|'')/.test(text) ? text.search(/«|“|"|''/) : -1;
    const closes = pending && continues < 0 && location !== "title" ? closesFirst(text) : -1;
    const spans = closes >= 0 ? [{ open: -1, close: closes, text: squash(text.slice(0, closes)) }, ...findQuoteSpans(" ".repeat(closes + 1) + text.slice(closes + 1))] : this.spansOf(text);
    const tail = location === "title" ? -1 : openTail(text, spans);
    const masked = maskQuotes(text, tail >= 0 ? [...spans, { open: tail, close: text.length, text: "" }] : spans);
    const tokens = this.tokensOfMasked(masked);
    const mentions = scanMentions(tokens, this.ctx.idx);
    const en = this.ctx.language === "en";
    // token offsets only grow: a sentence's first and last tokens by binary search (not a scan of the paragraph per sentence)
    const sentenceRanges = splitAfterQuotedSentences(sentenceSpans(masked), spans, text).map(([a, b]) => {
      const first = firstTokenFrom(tokens, a);
      return [first < tokens.length ? first : -1, firstTokenEndingAfter(tokens, b) - 1] as [number, number];
    });
    const designations = new Set(spans.filter((sp) => sp.open >= 0 && isDesignation(sp.text, text.slice(Math.max(0, sp.open - 60), sp.open), text.slice(sp.close + 1, sp.close + 40))));
    const opens = spans.filter((sp) => !designations.has(sp)).map((sp) => sp.open).concat(tail >= 0 ? [tail] : []).sort((x, y) => x - y);
    const r = new ParagraphReading(this.ctx, this.d, this.attributor, text, location, paragraph, tokens, mentions, sentenceRanges, opens);
    for (const span of spans) {
      if (pending && (span.open === continues || span.open < 0)) {
        // the last paragraph of a quotation over several: « … » closes it here
        r.emit(`${pending.text}\n\n${span.text}`, r.siteOf(span.open, span.close), pending.open, span.close, pending, false, pending.site, prevParagraphSpeaker);
        continue;
      }
      if (designations.has(span)) continue;
      const before = text.slice(0, span.open).trimEnd();
      const standalone = before === "" || /[:.!?]$/.test(before);
      r.emit(span.text, r.siteOf(span.open, span.close), span.open, span.close, { location, paragraph }, wordCount(span.text) <= 6 && !(standalone && /^\p{Lu}/u.test(span.text)), null, prevParagraphSpeaker);
    }
    this.d.lastGroup = r.groupSubject(tokens.length) ?? this.d.lastGroup;
    r.reportUpTo(tokens.length);
    if (tail >= 0) {
      const inner = squash(text.slice(tail + 1).replace(/^'/, ""));
      if (pending && tail === continues) this.pending = { ...pending, text: `${pending.text}\n\n${inner}` };
      else this.pending = { text: inner, location, paragraph, open: tail, site: r.siteOf(tail, text.length) };
    }
    return { quotes: r.out, last: r.lastInParagraph };
  }
}

/**
 * One paragraph as the quotations read it, left to right: its tokens, mentions and sentences,
 * and cursors that only move forward (sentences that report speech, subjects that are groups).
 * (A class rather than closures in QuoteExtractor.paragraph: one object per paragraph.)
 */
class ParagraphReading {
  /** token index by offset: made only for a paragraph that has a quotation */
  private tokenMap: Map<number, number> | null = null;
  /** per sentence: its subject when a group or an organization, and whether it holds a quotation */
  private readonly sentenceGroup: (ArticlePerson | null)[] = [];
  private readonly sentenceQuoted: boolean[] = [];
  private groupCursor = 0;
  private groupSeen: ArticlePerson | null = null;
  private reportCursor = 0;
  readonly out: FoundQuote[] = [];
  lastInParagraph: ArticlePerson | null = null;
  private readonly en: boolean;

  constructor(
    private readonly ctx: Context,
    private readonly d: Discourse,
    private readonly attributor: Attributor,
    private readonly text: string,
    private readonly location: Quote["location"],
    private readonly paragraph: number,
    private readonly tokens: Token[],
    private readonly mentions: Mention[],
    private readonly sentenceRanges: [number, number][],
    /** offsets of the quotations' opening marks (designations left out), in order */
    opens: number[],
  ) {
    this.en = ctx.language === "en";
    // per sentence, in one pass: its subject when a group or an organization, and whether it holds a quotation
    let mi = 0;
    let si = 0;
    for (const [a, b] of sentenceRanges) {
      while (mi < mentions.length && mentions[mi].start < a) mi++;
      const m = mi < mentions.length && a >= 0 && mentions[mi].start <= a + 2 ? mentions[mi] : undefined;
      this.sentenceGroup.push(m?.person && (m.plural || (m.kind === "org" && !m.person.metonym)) ? m.person : null);
      const from = a >= 0 ? tokens[a].start : Infinity;
      const to = b >= 0 ? tokens[b].end : -1;
      while (si < opens.length && opens[si] < from) si++;
      this.sentenceQuoted.push(si < opens.length && opens[si] <= to);
    }
  }

  private tokenAt(offset: number): number | undefined {
    return (this.tokenMap ??= new Map(this.tokens.map((t, k) => [t.start, k]))).get(offset);
  }

  /** The sentence holding token `tok` (binary search), or -1. */
  private sentenceOf(tok: number): number {
    const ranges = this.sentenceRanges;
    const k = firstNotBefore(ranges.length, (i) => ranges[i][1] < tok);
    return k < ranges.length && ranges[k][0] <= tok ? k : -1;
  }

  siteOf(open: number, close: number): QuoteSite {
    const { tokens } = this;
    const openTok = open < 0 ? 0 : (this.tokenAt(open) ?? -1);
    const closeTok = close >= this.text.length ? tokens.length : (this.tokenAt(close) ?? -1);
    const k = this.sentenceOf(openTok);
    const [sa, sb] = k >= 0 ? this.sentenceRanges[k] : [0, tokens.length - 1];
    return { tokens, mentions: this.mentions, openTok, closeTok, sa, sb, en: this.en, title: this.location === "title" };
  }

  private firstMentionFrom(tok: number): number {
    const { mentions } = this;
    return firstNotBefore(mentions.length, (i) => mentions[i].start < tok);
  }

  /** The last sentence (starting before token `limit`) whose subject is an organization or a group; limits only grow. */
  groupSubject(limit: number): ArticlePerson | null {
    while (this.groupCursor < this.sentenceRanges.length && this.sentenceRanges[this.groupCursor][0] < limit) this.groupSeen = this.sentenceGroup[this.groupCursor++] ?? this.groupSeen;
    return this.groupSeen;
  }

  /** Sentences without quotation that report speech update the last speaker ("X said. « … », he added"). */
  reportUpTo(limit: number): void {
    for (; this.reportCursor < this.sentenceRanges.length && this.sentenceRanges[this.reportCursor][1] < limit; this.reportCursor++) {
      const [a, b] = this.sentenceRanges[this.reportCursor];
      if (a < 0 || this.sentenceQuoted[this.reportCursor]) continue;
      const who = this.attributor.reporter(this.tokens, this.mentions, a, b, this.en);
      if (who?.kind === "person") {
        this.ctx.lastSpeaker = who;
        // a bare quotation after "Selon X, …" continues X, not the speaker quoted before
        if (this.lastInParagraph) this.lastInParagraph = who;
      } else if (who) this.d.lastGroup = who;
    }
  }

  emit(quoteText: string, site: QuoteSite, open: number, close: number, where: { location: Quote["location"]; paragraph: number }, fragment: boolean, fallback: QuoteSite | null, prevParagraphSpeaker: ArticlePerson | null): void {
    const { sentenceRanges, mentions, text } = this;
    const { sa, sb, openTok, closeTok } = site;
    this.reportUpTo(sa);
    this.d.lastGroup = this.groupSubject(sa) ?? this.d.lastGroup;
    this.d.paragraphSubject = null;
    if (!this.lastInParagraph) {
      const k = this.sentenceOf(sa);
      const prev = k > 0 ? sentenceRanges[k - 1] : undefined;
      const subject = prev ? mentions.slice(this.firstMentionFrom(prev[0]), this.firstMentionFrom(prev[0] + 3)).find((m) => m.kind !== "pronoun" && !m.person?.metonym) : undefined;
      this.d.paragraphSubject = subject?.person ?? null;
    }
    let a: Attribution | null = this.attributor.attribute(site) ?? (fallback ? this.attributor.attribute(fallback) : null);
    this.d.paragraphSubject = null;
    const last = this.lastInParagraph;
    const otherSubject = mentions.slice(this.firstMentionFrom(sa), this.firstMentionFrom(sb + 1)).some((m) => m.end <= sb && m.kind !== "pronoun" && m.person && m.person !== last && !m.person.metonym && (m.end <= openTok || m.start > closeTok));
    if (!a && !otherSubject && !last) {
      const next = sentenceRanges.find(([x]) => x > sb);
      if (next) a = this.attributor.nextSentence(site, next[0], next[1]);
    }
    if (!a && !otherSubject) {
      const opensParagraph = text.slice(0, open).trim() === "";
      if (last) a = { person: last, cue: null, via: "continuation", confidence: CONFIDENCE["continuation"], reason: `no reporting structure: continues ${last.name}, quoted before in the paragraph` };
      else if (opensParagraph && prevParagraphSpeaker)
        a = { person: prevParagraphSpeaker, cue: null, via: "paragraph-continuation", confidence: CONFIDENCE["paragraph-continuation"], reason: `the paragraph opens on a bare quotation: continues ${prevParagraphSpeaker.name}, the previous paragraph's speaker` };
    }
    a ??= { person: null, cue: null, via: VIA_NONE, confidence: 0, reason: otherSubject ? "no reporting structure; the sentence names someone else" : "no reporting structure" };
    const person: ArticlePerson | null = a.person;
    if (person) {
      this.lastInParagraph = person;
      this.ctx.lastSpeaker = person;
    }
    const q: FoundQuote = {
      text: quoteText.replace(/\s+([.;:!?])$/, "$1").replace(/[\s,;]+$/, ""),
      speakerId: person?.key ?? null,
      cue: a.cue,
      location: where.location,
      paragraph: where.paragraph,
      fragment,
      via: a.via,
      confidence: a.confidence,
      person,
    };
    this.out.push(q);
    traceSink?.({ location: where.location, paragraph: where.paragraph, open, close, text: q.text, speaker: person?.name ?? null, via: a.via, confidence: a.confidence, reason: a.reason });
  }
}

/**
 * A quotation that ends its own sentence ("« … offertes. » Or, X estime…") ends the
 * narrator's sentence too; the masked text lost that period, so split there.
 */
function splitAfterQuotedSentences(ranges: [number, number][], spans: { open: number; close: number; text: string }[], text: string): [number, number][] {
  const cuts = spans.filter((sp) => /[.!?…]$/.test(sp.text) && /^\s+[\p{Lu}«"“]/u.test(text.slice(sp.close + 1, sp.close + 4))).map((sp) => sp.close + 1);
  if (!cuts.length) return ranges;
  const out: [number, number][] = [];
  for (const [a, b] of ranges) {
    let start = a;
    for (const c of cuts) if (c > start && c < b) {
      out.push([start, c]);
      start = c + (text.slice(c).match(/^\s*/)?.[0].length ?? 0);
    }
    out.push([start, b]);
  }
  return out;
}

/** A text that says the article is an interview. */
const INTERVIEW_WORDS = /\binterview\s+(accordée|donnée|exclusive|de|avec|with|to|à|au)\b|\b(entretien|entrevue)\s+(accordée?|exclusi[fv]e?)\b|propos recueillis/i;

const echoWords = (t: string) => fold(t).match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Article-level rule, after every paragraph: a headline quotation, or a paragraph that is
 * only a quotation (an intertitle echoing the text), takes the speaker of the quotation of
 * the text it repeats (most of its words, in a longer quotation), when no sentence-level
 * rule attributed it.
 */
export function resolveEchoes(quotes: FoundQuote[], paragraphs: Map<number, string>): void {
  // the attributed quotations and their words, made when a first quotation needs them (most articles have none
  // that stands alone): before any is changed below, so the same list as made up front
  let sayers: { q: FoundQuote; words: Set<string> }[] | null = null;
  for (const q of quotes) {
    if (!["none", "continuation", "paragraph-continuation"].includes(q.via)) continue;
    const para = q.location === "body" ? (paragraphs.get(q.paragraph) ?? "") : "";
    const standalone = q.location === "title" || (para.length <= q.text.length + 12 && fold(para).replace(/[^\p{L}\p{N}]/gu, "") === fold(q.text).replace(/[^\p{L}\p{N}]/gu, ""));
    if (!standalone) continue;
    const words = echoWords(q.text);
    if (words.length < 2) continue;
    sayers ??= quotes.filter((q) => q.person && q.location !== "title" && !["continuation", "paragraph-continuation"].includes(q.via)).map((q) => ({ q, words: new Set(echoWords(q.text)) }));
    const source = sayers.find(({ q: o, words: other }) => o !== q && other.size >= words.length && words.filter((w) => other.has(w)).length >= Math.ceil(words.length * 0.75))?.q;
    if (!source?.person) continue;
    Object.assign(q, { person: source.person, speakerId: source.person.key, cue: source.cue, via: "headline-echo", confidence: CONFIDENCE["headline-echo"] });
    traceSink?.({ location: q.location, paragraph: q.paragraph, open: -1, close: -1, text: q.text, speaker: source.person.name, via: "headline-echo", confidence: CONFIDENCE["headline-echo"], reason: `repeats « ${source.text.slice(0, 40)}… », attributed to ${source.person.name}` });
  }
}

/** The first index of [0, n) for which `before` is false, `before` holding on a prefix only (binary search; n if none). */
function firstNotBefore(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first token starting at or after `offset` (tokens.length if none). */
function firstTokenFrom(tokens: Token[], offset: number): number {
  return firstNotBefore(tokens.length, (i) => tokens[i].start < offset);
}

/** Index of the first token ending after `offset` (tokens.length if none). */
function firstTokenEndingAfter(tokens: Token[], offset: number): number {
  return firstNotBefore(tokens.length, (i) => tokens[i].end <= offset);
}
