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
import { type Attribution, Attributor, CONFIDENCE, type Discourse, VIA_NONE } from "./attribution.js";
import { type ArticlePerson, PeopleIndex, scanMentions, tokenize } from "./people.js";
import { sentenceSpans, wordCount } from "./text.js";
export interface QuoteSpan {
  /** offset of the opening mark */
  open: number;
  /** offset of the closing mark */
  close: number;
  text: string;
}

const PAIRS: Record<string, string[]> = { "«": ["»"], "“": ["”"], "„": ["“", "”"], '"': ['"'] };
const MAX_QUOTE = 3000;

/** Quotation spans of a paragraph, outermost only. Linear in the text length. */
export function findQuoteSpans(text: string): QuoteSpan[] {
  if (!/[«“„"]/.test(text)) return [];
  const n = text.length;
  // next occurrence of each closer at or after i
  const closers = ["»", "”", "“", '"'];
  const next: Record<string, Int32Array> = {};
  for (const c of closers) {
    const arr = new Int32Array(n + 1).fill(-1);
    for (let i = n - 1; i >= 0; i--) arr[i] = text[i] === c ? i : arr[i + 1];
    next[c] = arr;
  }
  const out: QuoteSpan[] = [];
  for (let i = 0; i < n; i++) {
    const c = text[i];
    const cl = PAIRS[c];
    if (!cl) continue;
    if (c === '"') {
      // an opening straight quote starts a word
      if (i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1])) continue;
    }
    let j = -1;
    for (const x of cl) {
      let k = next[x][i + 1];
      if (c === '"') {
        // a closing straight quote ends a word: skip ones glued to a following letter
        while (k >= 0 && k + 1 < n && /[\p{L}\p{N}]/u.test(text[k + 1]) && k - i < MAX_QUOTE) k = next[x][k + 1];
      }
      if (k >= 0 && (j < 0 || k < j)) j = k;
    }
    if (j < 0 || j - i > MAX_QUOTE) continue;
    const inner = text.slice(i + 1, j).replace(/[\s\u00a0\u202f]+/g, " ").trim();
    if (/[\p{L}]/u.test(inner)) out.push({ open: i, close: j, text: inner });
    i = j;
  }
  return out;
}

/** The text with quotation contents blanked (same length): the narrator's words only. */
export function maskQuotes(text: string, spans: QuoteSpan[]): string {
  let out = "";
  let last = 0;
  for (const s of spans) {
    out += text.slice(last, s.open + 1) + " ".repeat(s.close - s.open - 1);
    last = s.close;
  }
  return out + text.slice(last);
}

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
    };
    this.attributor = new Attributor(this.d);
  }

  /** Quotes of one paragraph (title, lede or body[i]). */
  paragraph(text: string, location: Quote["location"], paragraph: number, prevParagraphSpeaker: ArticlePerson | null): { quotes: FoundQuote[]; last: ArticlePerson | null } {
    const spans = findQuoteSpans(text);
    const masked = maskQuotes(text, spans);
    const tokens = tokenize(masked);
    const mentions = scanMentions(tokens, this.ctx.idx);
    const en = this.ctx.language === "en";
    const sentenceRanges = sentenceSpans(masked).map(([a, b]) => [tokens.findIndex((t) => t.start >= a), lastIndex(tokens, (t) => t.end <= b)] as [number, number]);
    const out: FoundQuote[] = [];
    let lastInParagraph: ArticlePerson | null = null;
    for (const span of spans) {
      const openTok = tokens.findIndex((t) => t.start === span.open);
      const closeTok = tokens.findIndex((t) => t.start === span.close);
      const [sa, sb] = sentenceRanges.find(([a, b]) => openTok >= a && openTok <= b) ?? [0, tokens.length - 1];
      this.d.paragraphSubject = null;
      if (!lastInParagraph) {
        const prev = [...sentenceRanges].reverse().find(([, b]) => b < sa);
        const subject = prev ? mentions.find((m) => m.start >= prev[0] && m.start <= prev[0] + 2 && m.kind !== "pronoun" && !m.person?.metonym) : undefined;
        this.d.paragraphSubject = subject?.person ?? null;
      }
      let a: Attribution | null = this.attributor.attribute({ tokens, mentions, openTok, closeTok, sa, sb, en });
      this.d.paragraphSubject = null;
      const otherSubject = mentions.some((m) => m.start >= sa && m.end <= sb && m.kind !== "pronoun" && m.person && m.person !== lastInParagraph && !m.person.metonym && (m.end <= openTok || m.start > closeTok));
      if (!a && !otherSubject) {
        const opensParagraph = text.slice(0, span.open).trim() === "";
        if (lastInParagraph) a = { person: lastInParagraph, cue: null, via: "continuation", confidence: CONFIDENCE["continuation"], reason: `no reporting structure: continues ${lastInParagraph.name}, quoted before in the paragraph` };
        else if (opensParagraph && prevParagraphSpeaker)
          a = { person: prevParagraphSpeaker, cue: null, via: "paragraph-continuation", confidence: CONFIDENCE["paragraph-continuation"], reason: `the paragraph opens on a bare quotation: continues ${prevParagraphSpeaker.name}, the previous paragraph's speaker` };
      }
      a ??= { person: null, cue: null, via: VIA_NONE, confidence: 0, reason: otherSubject ? "no reporting structure; the sentence names someone else" : "no reporting structure" };
      const person: ArticlePerson | null = a.person;
      if (person) {
        lastInParagraph = person;
        this.ctx.lastSpeaker = person;
      }
      const before = text.slice(0, span.open).trimEnd();
      const standalone = before === "" || /[:.!?]$/.test(before);
      const q: FoundQuote = {
        text: span.text.replace(/\s+([.;:!?])$/, "$1").replace(/[\s,;]+$/, ""),
        speakerId: person?.key ?? null,
        cue: a.cue,
        location,
        paragraph,
        fragment: wordCount(span.text) <= 6 && !(standalone && /^\p{Lu}/u.test(span.text)),
        via: a.via,
        confidence: a.confidence,
        person,
      };
      out.push(q);
      traceSink?.({ location, paragraph, open: span.open, close: span.close, text: q.text, speaker: person?.name ?? null, via: a.via, confidence: a.confidence, reason: a.reason });
    }
    return { quotes: out, last: lastInParagraph };
  }
}

function lastIndex<T>(arr: T[], pred: (x: T) => boolean): number {
  for (let i = arr.length - 1; i >= 0; i--) if (pred(arr[i])) return i;
  return -1;
}
