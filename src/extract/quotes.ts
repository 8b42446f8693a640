/**
 * Direct quotations and who said them.
 *
 * Spans: « … », “ … ”, „ … “ and straight "…" (paired at word boundaries). A lone
 * closing mark ("Lire la suite »") is not a quotation. Closers are found through a
 * precomputed next-closer table, so unbalanced input stays linear.
 *
 * Attribution, in order, within the quotation's sentence:
 *  1. a reporting cue right after it: `", a déclaré X"`, `", a-t-il souligné"`, `", selon X"`;
 *  2. "selon X," / "d'après X," right before it;
 *  3. the nearest speech verb before it (`X a estimé que "…"`), its subject found
 *     left of the verb (the sentence subject for participles and infinitives);
 *  4. a speech verb later in the sentence; 5. "selon X" anywhere in the sentence;
 *  6. otherwise the quotation continues the previous quotation's speaker in the same
 *     paragraph, or the previous paragraph's when the paragraph opens on it.
 * Pronouns (il, elle, lui) resolve to the last speaker; "son homologue" to the other party.
 */
import type { Quote } from "../record.js";
import { AUXILIARIES, SPEECH_VERBS, SPEECH_VERBS_AFTER_QUOTE, SPEECH_VERBS_EN, VERB_FILLERS, WEEKDAYS, MONTHS } from "./lexicon.js";
import { type ArticlePerson, type Mention, PeopleIndex, scanMentions, type Token, tokenize } from "./people.js";
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

interface Cue {
  verb: number; // token index of the cue word
  kind: "verb" | "source";
  inverted: boolean; // "a-t-il souligné", "estime-t-il"
  pronoun: string | null;
  nonFinite: boolean; // participle (-ant) or infinitive: subject is the sentence's subject
}

const INFINITIVES_RE = new Set(["dire", "écrire", "conclure", "répondre", "reconnaître", "admettre", "promettre", "poursuivre", "redire"]);
const SOURCE_WORDS = new Set(["selon", "apres", "according"]);
/** Documents that speak for their author: "selon un communiqué du Kremlin". */
const DOCUMENT_NOUNS = new Set(["communique", "declaration", "statement", "transcription", "compte-rendu", "texte", "message", "porte-parole", "readout"]);

function isSpeechVerb(t: Token, en: boolean): Cue | null {
  if (!t.word) return null;
  const f = t.f;
  const parts = f.split("-");
  if (parts.length >= 2 && /^(il|elle|ils|elles|on)$/.test(parts[parts.length - 1])) {
    const base = parts[0];
    if (AUXILIARIES.has(base) || SPEECH_VERBS.has(base))
      return { verb: -1, kind: "verb", inverted: true, pronoun: parts[parts.length - 1], nonFinite: false };
  }
  if (SPEECH_VERBS.has(f) || (en && SPEECH_VERBS_EN.has(f))) {
    const lower = t.text.toLowerCase();
    const nonFinite = /(ant|er|ir|ing)$/.test(lower) || INFINITIVES_RE.has(lower);
    return { verb: -1, kind: "verb", inverted: false, pronoun: null, nonFinite };
  }
  return null;
}

/** "a fait valoir", "a fait savoir", "a mis en garde": speech cues of several words, found at their last word. */
function multiWordCue(tokens: Token[], i: number): Cue | null {
  const f = tokens[i].f;
  const prev = tokens[i - 1]?.f;
  const fait = prev === "fait" || prev === "faisant" || prev === "faire";
  const garde = f === "garde" && prev === "en" && /^(mis|met|mettant|mettre)$/.test(tokens[i - 2]?.f ?? "");
  if ((fait && /^(valoir|savoir|remarquer|observer)$/.test(f)) || garde)
    return { verb: i, kind: "verb", inverted: false, pronoun: null, nonFinite: prev === "faisant" || prev === "faire" };
  return null;
}

function cueAt(tokens: Token[], i: number, en: boolean): Cue | null {
  const t = tokens[i];
  if (SOURCE_WORDS.has(t.f)) {
    if (t.f === "apres" && tokens[i - 1]?.f !== "d'") return null;
    if (t.f === "according" && tokens[i + 1]?.f !== "to") return null;
    return { verb: i, kind: "source", inverted: false, pronoun: null, nonFinite: false };
  }
  const c = isSpeechVerb(t, en) ?? multiWordCue(tokens, i);
  if (!c) return null;
  // "a-t-il" is an auxiliary: the participle follows
  c.verb = i;
  return c;
}

function isSkippable(t: Token): boolean {
  return !t.word ? t.text === "," : VERB_FILLERS.has(t.f) || AUXILIARIES.has(t.f) || /^(d'|l'|s'|se|fait|mis|met)$/.test(t.f);
}

function isTimeOrPlace(tokens: Token[], i: number): number {
  const t = tokens[i];
  if (!t) return 0;
  if (WEEKDAYS[t.f] || MONTHS[t.f] || /^\d/.test(t.f) || /^(soir|matin|midi|apres-midi|dernier|derniere|prochain|er|hier|aujourd'hui|yesterday|today|on|in|at)$/.test(t.f)) return 1;
  if ((t.f === "a" || t.f === "au" || t.f === "depuis" || t.f === "devant") && tokens[i + 1]?.cap) return 2; // "à Pékin"
  if (t.text === ",") return 1;
  return 0;
}

/** A subject the text gives but does not name: the quotation is not continued from anyone. */
const UNKNOWN = Symbol("unknown speaker");

export class QuoteExtractor {
  /**
   * While no quotation of the current paragraph is attributed: the subject of the
   * sentence before the quotation's ("Le ministère a précisé… « … », a-t-il assuré").
   */
  private paragraphSubject: ArticlePerson | null = null;
  constructor(readonly ctx: Context) {}

  /** Quotes of one paragraph (title, lede or body[i]). */
  paragraph(text: string, location: Quote["location"], paragraph: number, prevParagraphSpeaker: ArticlePerson | null): { quotes: (Quote & { person: ArticlePerson | null })[]; last: ArticlePerson | null } {
    const spans = findQuoteSpans(text);
    const masked = maskQuotes(text, spans);
    const tokens = tokenize(masked);
    const mentions = scanMentions(tokens, this.ctx.idx);
    const en = this.ctx.language === "en";
    const sentenceRanges = sentenceSpans(masked).map(([a, b]) => [tokens.findIndex((t) => t.start >= a), lastIndex(tokens, (t) => t.end <= b)] as [number, number]);
    const out: (Quote & { person: ArticlePerson | null })[] = [];
    let lastInParagraph: ArticlePerson | null = null;
    for (const span of spans) {
      const openTok = tokens.findIndex((t) => t.start === span.open);
      const closeTok = tokens.findIndex((t) => t.start === span.close);
      const [sa, sb] = sentenceRanges.find(([a, b]) => openTok >= a && openTok <= b) ?? [0, tokens.length - 1];
      this.paragraphSubject = null;
      if (!lastInParagraph) {
        const prev = [...sentenceRanges].reverse().find(([, b]) => b < sa);
        const subject = prev ? mentions.find((m) => m.start >= prev[0] && m.start <= prev[0] + 2 && m.kind !== "pronoun" && !m.person?.metonym) : undefined;
        this.paragraphSubject = subject?.person ?? null;
      }
      const found = this.attribute(tokens, mentions, openTok, closeTok, sa, sb, en);
      this.paragraphSubject = null;
      let person = found?.person ?? null;
      let cue = found?.cue ?? null;
      const otherSubject = mentions.some((m) => m.start >= sa && m.end <= sb && m.kind !== "pronoun" && m.person && m.person !== lastInParagraph && !m.person.metonym && (m.end <= openTok || m.start > closeTok));
      if (!found && !otherSubject) {
        const opensParagraph = text.slice(0, span.open).trim() === "";
        if (lastInParagraph) person = lastInParagraph;
        else if (opensParagraph && prevParagraphSpeaker) person = prevParagraphSpeaker;
        cue = null;
      }
      if (person) {
        lastInParagraph = person;
        this.ctx.lastSpeaker = person;
      }
      const before = text.slice(0, span.open).trimEnd();
      const standalone = before === "" || /[:.!?]$/.test(before);
      out.push({
        text: span.text.replace(/\s+([.;:!?])$/, "$1").replace(/[\s,;]+$/, ""),
        speakerId: person?.key ?? null,
        cue,
        location,
        paragraph,
        fragment: wordCount(span.text) <= 6 && !(standalone && /^\p{Lu}/u.test(span.text)),
        via: "text",
        person,
      });
    }
    return { quotes: out, last: lastInParagraph };
  }

  private attribute(tokens: Token[], mentions: Mention[], openTok: number, closeTok: number, sa: number, sb: number, en: boolean): { person: ArticlePerson | null; cue: string } | null {
    const tryCue = (i: number, after: boolean): { person: ArticlePerson | null; cue: string } | null => {
      const c = cueAt(tokens, i, en);
      if (!c) return null;
      const person = this.subjectOf(tokens, mentions, c, after ? closeTok + 1 : sa, sb, after);
      if (person === UNKNOWN) return { person: null, cue: cueText(tokens, c) };
      if (!person) return null;
      return { person, cue: cueText(tokens, c) };
    };
    // 1. right after the quotation (", a déclaré X", '," Putin said', ", lance le ministre")
    for (let i = closeTok + 1, seen = 0; i <= sb && seen < 5; i++) {
      const t = tokens[i];
      if (!en && SPEECH_VERBS_AFTER_QUOTE.has(t.f) && !SPEECH_VERBS.has(t.f)) {
        const c: Cue = { verb: i, kind: "verb", inverted: false, pronoun: null, nonFinite: false };
        const person = this.subjectOf(tokens, mentions, c, closeTok + 1, sb, true);
        if (person && person !== UNKNOWN) return { person, cue: cueText(tokens, c) };
        if (person === UNKNOWN) return { person: null, cue: cueText(tokens, c) };
      }
      const m = mentions.find((x) => x.start === i);
      if (m && m.end <= sb) {
        // a subject between the quotation and its verb
        const r = cueAt(tokens, m.end, en) ?? cueAt(tokens, m.end + 1, en);
        if (r && r.kind === "verb") {
          const at = cueAt(tokens, m.end, en) ? m.end : m.end + 1;
          const person = r.pronoun ? this.pronoun(r.pronoun) : this.personOf(m);
          if (person) return { person, cue: cueText(tokens, { ...r, verb: at }) };
        }
        break;
      }
      if (t.text === "»" || t.text === "”" || t.text === '"' || t.text === ")") continue;
      const r = tryCue(i, true);
      if (r) return r;
      if (cueAt(tokens, i, en)) break; // a cue without a resolvable subject: stop here
      if (!isSkippable(t)) break;
      seen++;
    }
    // 1b. a headline "« Nous sommes prêts » : le Kremlin répond à l'Otan"
    if (tokens[closeTok + 1]?.text === ":") {
      const m = mentions.find((x) => (x.start === closeTok + 2 || x.start === closeTok + 3) && x.kind !== "pronoun");
      const person = m ? this.personOf(m) : null;
      if (person) return { person, cue: ":" };
    }
    // 2. "selon X, « … »"
    for (let i = openTok - 1; i >= Math.max(sa, openTok - 8); i--) {
      if (SOURCE_WORDS.has(tokens[i].f)) {
        const r = tryCue(i, true);
        if (r) return r;
        break;
      }
      if (tokens[i].text === "»" || tokens[i].text === '"' || tokens[i].text === "”") break;
    }
    // 2b. a headline or lead-in "Choïgou à Pékin : « … »": the person before the colon
    if (tokens[openTok - 1]?.text === ":") {
      const m = mentions.find((x) => x.start >= sa && x.end < openTok && !x.person?.metonym && x.kind !== "pronoun");
      const person = m ? this.personOf(m) : null;
      if (person) return { person, cue: ":" };
    }
    // 3. nearest speech verb before, 4. speech verb after, 5. selon anywhere
    for (let i = openTok - 1; i >= sa; i--) {
      const c = cueAt(tokens, i, en);
      if (c && c.kind === "verb") {
        const r = tryCue(i, false);
        if (r) return r;
      }
    }
    for (let i = closeTok + 1; i <= sb; i++) {
      const c = cueAt(tokens, i, en);
      if (c && c.kind === "verb") {
        const r = tryCue(i, true);
        if (r) return r;
      }
    }
    // 4b. "Pour le Kremlin, « … »": an opinion introduced by a sentence-initial "Pour X," (no speech verb in the sentence)
    if (tokens[sa]?.f === "pour") {
      const m = mentions.find((x) => x.start === sa + 1 || x.start === sa + 2);
      const comma = m ? tokens[m.end] : undefined;
      if (m && comma?.text === "," && m.end < openTok) {
        const person = this.personOf(m);
        if (person) return { person, cue: "pour" };
      }
    }
    for (let i = sa; i <= sb; i++) {
      if (i >= openTok && i <= closeTok) continue;
      const c = cueAt(tokens, i, en);
      if (c && c.kind === "source") {
        const r = tryCue(i, true);
        if (r) return r;
      }
    }
    return null;
  }

  /** Who is the subject of the cue at c.verb. */
  /** sa: first token the subject may be found from (sentence start, or after the quotation). */
  private subjectOf(tokens: Token[], mentions: Mention[], c: Cue, sa: number, sb: number, afterQuote: boolean): ArticlePerson | typeof UNKNOWN | null {
    const v = c.verb;
    if (c.pronoun) return this.pronoun(c.pronoun);
    if (c.kind === "source") {
      // selon X / d'après X / according to X
      const from = tokens[v].f === "according" ? v + 2 : v + 1;
      if (/^(lui|elle|eux|him|her|them)$/.test(tokens[from]?.f ?? "")) return this.pronoun(tokens[from].f);
      const m = mentions.find((x) => x.start >= from && x.start <= from + 1);
      if (m) return this.personOf(m);
      // "selon un communiqué du Kremlin", "according to a statement from the Kremlin"
      if (DOCUMENT_NOUNS.has(tokens[from + 1]?.f ?? "") && /^(du|de|des|d'|from|by|of)$/.test(tokens[from + 2]?.f ?? "")) {
        const owner = mentions.find((x) => x.start >= from + 3 && x.start <= from + 4);
        if (owner) return this.personOf(owner);
      }
      return null;
    }
    // inverted after a quotation: ", a déclaré lundi à Pékin le ministre …"
    if (afterQuote) {
      let i = v + 1;
      // "a-t-il" followed by a participle: handled by the pronoun; here the verb itself
      for (let guard = 0; i <= sb && guard < 12; guard++) {
        const m = mentions.find((x) => x.start === i);
        if (m) {
          if (m.person?.metonym && guard > 0 && tokens[i - 1]?.f === "a") break;
          return this.personOf(m);
        }
        const skip = isTimeOrPlace(tokens, i);
        if (skip) {
          i += skip;
          continue;
        }
        if (tokens[i] && (VERB_FILLERS.has(tokens[i].f) || /^(le|la|l'|les)$/.test(tokens[i].f))) {
          i++;
          continue;
        }
        break;
      }
    }
    const before = mentions.filter((m) => m.end <= v && m.start >= sa);
    if (!before.length) return null;
    if (c.nonFinite) {
      const first = before.find((m) => !(m.person?.metonym));
      return first ? this.personOf(first) : null;
    }
    for (let k = before.length - 1; k >= 0; k--) {
      const m = before[k];
      const gap = v - m.end;
      if (m.person?.metonym && gap > 2) continue;
      // "Un porte-parole de la marine a affirmé…": someone the text does not name
      if (gap <= 7) return this.personOf(m) ?? (m.kind === "role" && !c.nonFinite ? UNKNOWN : null);
      break;
    }
    const first = before.find((m) => !(m.person?.metonym));
    return first && c.kind === "verb" ? this.personOf(first) : null;
  }

  private personOf(m: Mention): ArticlePerson | null {
    if (m.kind === "pronoun") return this.pronoun(m.pronoun ?? "il");
    if (m.kind === "homologue") {
      const last = this.ctx.lastSpeaker;
      const candidates = [...this.ctx.idx.order].reverse().filter((p) => p.kind === "person" && p !== last);
      return candidates.find((p) => !m.country || p.country === m.country) ?? null;
    }
    return m.person;
  }

  /** il/elle/lui → the previous sentence's subject, else the last speaker, else the first person named; gender must agree when known. */
  private pronoun(p: string): ArticlePerson | null {
    const wanted = /^(elle|she|her)$/.test(p) ? "f" : /^(il|lui|he|him)$/.test(p) ? "m" : null;
    const agrees = (x: ArticlePerson | null) => !!x && (!wanted || !x.gender || x.gender === wanted);
    for (const c of [this.paragraphSubject, this.ctx.lastSpeaker]) if (agrees(c)) return c;
    return this.ctx.idx.order.find((x) => x.kind === "person" && agrees(x)) ?? null;
  }
}

function cueText(tokens: Token[], c: Cue): string {
  const t = tokens[c.verb];
  if (c.kind === "source") return t.f === "apres" ? "d'après" : t.f === "according" ? "according to" : t.text.toLowerCase();
  // include the auxiliary: "a déclaré", "s'est félicité", "a-t-il souligné"
  const parts: string[] = [t.text];
  if (c.inverted && tokens[c.verb + 1]?.word && SPEECH_VERBS.has(tokens[c.verb + 1].f)) parts.push(tokens[c.verb + 1].text);
  let i = c.verb - 1;
  // the first words of "fait valoir", "mis en garde"
  const lead = t.f === "garde" ? 2 : /^(valoir|savoir|remarquer|observer)$/.test(t.f) && /^(fait|faisant|faire)$/.test(tokens[i]?.f ?? "") ? 1 : 0;
  for (let n = 0; n < lead; n++) parts.unshift(tokens[i--].text);
  const aux: string[] = [];
  while (i >= 0 && aux.length < 3 && tokens[i].word && (AUXILIARIES.has(tokens[i].f) || tokens[i].f === "s'")) aux.unshift(tokens[i--].text);
  return [...aux, ...parts].join(" ").replace(/' /g, "'");
}

function lastIndex<T>(arr: T[], pred: (x: T) => boolean): number {
  for (let i = arr.length - 1; i >= 0; i--) if (pred(arr[i])) return i;
  return -1;
}

