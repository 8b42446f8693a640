/**
 * Who said a quotation: an ordered list of small rules (sieves), most precise first,
 * in the spirit of the quote → mention → entity sieves of Muzny et al. (2017).
 *
 * Each sieve looks at one reporting structure around the quotation. The first sieve
 * that is sure gives the speaker, the rule's name (`via`), a confidence and the reason;
 * a sieve that finds the structure but not who it names ("un porte-parole de la marine
 * a affirmé") stops the search and leaves the quotation unattributed: unknown rather
 * than wrong. The table of sieves, with the fixtures that motivated each, is in
 * docs/attribution.md.
 */
import { AUXILIARIES, SPEECH_VERBS, SPEECH_VERBS_AFTER_QUOTE, SPEECH_VERBS_EN, VERB_FILLERS, WEEKDAYS, MONTHS, ANALYST_HEADS, SUBORDINATORS, SPEECH_INFINITIVES, SOURCE_WORDS, DOCUMENT_NOUNS, SPEECH_NOUNS, FAIRE_CUES, FAIRE_FORMS, GARDE, METTRE_FORMS } from "./lexicon.js";
import type { ArticlePerson, Mention, PeopleIndex, Token } from "./people.js";
import type { QuoteVia } from "../record.js";
import { fold } from "./text.js";

/** The rules, in the order they are tried, and the names a record's `via` takes. */
export const SIEVES = [
  { via: "interview-answer", confidence: 0.8, what: "after a question turn, a paragraph \"Name : …\" or \"– …\" is one quotation of the interviewee (over the paragraphs that follow)" },
  { via: "cue-after", confidence: 0.95, what: "a reporting verb right after the quotation: « … », a déclaré X / \"…\", X said / said X" },
  { via: "pronoun", confidence: 0.85, what: "an inverted pronoun right after the quotation: « … », a-t-il ajouté / \"…\", he added" },
  { via: "headline-colon", confidence: 0.85, what: "a headline « … » : X répond …" },
  { via: "selon", confidence: 0.9, what: "selon X / d'après X / according to X right before the quotation" },
  { via: "lead-colon", confidence: 0.85, what: "X à Pékin : « … » — the person before the colon" },
  { via: "cue-before", confidence: 0.9, what: "X a déclaré que « … » — the speech verb before the quotation (the one governing a que-clause), its subject" },
  { via: "cue-later", confidence: 0.8, what: "a speech verb later in the sentence, not in a subordinate clause: « … » et …, a ajouté X" },
  { via: "headline-subject", confidence: 0.75, what: "a headline « Le ministre chinois « déterminé » à … »: the subject right before the quoted words, no verb between" },
  { via: "pour", confidence: 0.75, what: "Pour X, « … » — an opinion introduced by 'Pour X,'" },
  { via: "source-in-sentence", confidence: 0.75, what: "selon X / according to X / selon un communiqué de X anywhere in the sentence" },
  { via: "next-sentence", confidence: 0.7, what: "a quotation standing alone, its speaker the subject of a speech verb opening the next sentence" },
  { via: "continuation", confidence: 0.7, what: "no structure: the quotation continues the previous quotation of the paragraph (or the 'Selon X' sentence between)" },
  { via: "paragraph-continuation", confidence: 0.65, what: "a paragraph opening on a bare quotation continues the previous paragraph's speaker" },
  { via: "headline-echo", confidence: 0.8, what: "a headline or intertitle quotation whose words are quoted again in the text takes that quotation's speaker" },
] as const satisfies readonly { via: QuoteVia; confidence: number; what: string }[];
export type SieveVia = (typeof SIEVES)[number]["via"];
/** A reporting structure found, its subject unnamed ("un porte-parole de la marine a affirmé"). */
export const VIA_UNKNOWN = "unknown-subject";
/** No rule applied. */
export const VIA_NONE = "none";

export const CONFIDENCE: Record<string, number> = Object.fromEntries(SIEVES.map((s) => [s.via, s.confidence]));

export interface Attribution {
  person: ArticlePerson | null;
  cue: string | null;
  via: SieveVia | typeof VIA_UNKNOWN | typeof VIA_NONE;
  confidence: number;
  /** Why, for `extract --explain`. */
  reason: string;
}

interface Cue {
  verb: number; // token index of the cue word
  kind: "verb" | "source";
  inverted: boolean; // "a-t-il souligné", "estime-t-il"
  pronoun: string | null;
  nonFinite: boolean; // participle (-ant) or infinitive: subject is the sentence's subject
}


function isSpeechVerb(t: Token, en: boolean): Cue | null {
  if (!t.word) return null;
  const f = t.f;
  const parts = f.includes("-") ? f.split("-") : null;
  if (parts && /^(il|elle|ils|elles|on)$/.test(parts[parts.length - 1])) {
    const base = parts[0];
    if (AUXILIARIES.has(base) || SPEECH_VERBS.has(base))
      return { verb: -1, kind: "verb", inverted: true, pronoun: parts[parts.length - 1], nonFinite: false };
  }
  if (SPEECH_VERBS.has(f) || (en && SPEECH_VERBS_EN.has(f))) {
    const lower = t.text.toLowerCase();
    const nonFinite = /(ant|er|ir|ing)$/.test(lower) || SPEECH_INFINITIVES.has(lower);
    return { verb: -1, kind: "verb", inverted: false, pronoun: null, nonFinite };
  }
  return null;
}

/** "a fait valoir", "a fait savoir", "a mis en garde": speech cues of several words, found at their last word. */
function multiWordCue(tokens: Token[], i: number): Cue | null {
  const f = tokens[i].f;
  const prev = tokens[i - 1]?.f;
  const fait = FAIRE_FORMS.has(prev ?? "");
  if ((fait && FAIRE_CUES.has(f)) || isMiseEnGarde(tokens, i))
    return { verb: i, kind: "verb", inverted: false, pronoun: null, nonFinite: prev === "faisant" || prev === "faire" };
  return null;
}

/** "mis en garde" ending at token i (lexicon.ts GARDE). */
function isMiseEnGarde(tokens: Token[], i: number): boolean {
  return tokens[i].f === GARDE && tokens[i - 1]?.f === "en" && METTRE_FORMS.has(tokens[i - 2]?.f ?? "");
}

/** Every word a cue can be read at (cueAt's first tests), besides a hyphenated one ("a-t-il"). */
const CUE_WORDS = new Set([...SOURCE_WORDS, ...SPEECH_VERBS, ...SPEECH_VERBS_EN, ...FAIRE_CUES, GARDE]);

function cueAt(tokens: Token[], i: number, en: boolean): Cue | null {
  const t = tokens[i];
  if (!t) return null;
  // most words are no cue: one look-up instead of the tests below (each needs its word in one of these sets, or a hyphen)
  if (!CUE_WORDS.has(t.f) && !t.f.includes("-")) return null;
  if (SOURCE_WORDS.has(t.f)) {
    if (t.f === "apres" && tokens[i - 1]?.f !== "d'") return null;
    if (t.f === "according" && tokens[i + 1]?.f !== "to") return null;
    return { verb: i, kind: "source", inverted: false, pronoun: null, nonFinite: false };
  }
  const c = isSpeechVerb(t, en) ?? multiWordCue(tokens, i);
  if (!c) return null;
  c.verb = i;
  return c;
}

/** Small sets of folded words the rules test tokens against. */
const SKIPPABLE_WORDS = new Set(["d'", "l'", "s'", "se", "fait", "mis", "met"]);
const TIME_WORDS = new Set(["soir", "matin", "midi", "apres-midi", "dernier", "derniere", "prochain", "er", "hier", "aujourd'hui", "yesterday", "today", "on", "in", "at"]);
const THAT = new Set(["que", "qu'", "that"]);
const ARTICLES_FR = new Set(["le", "la", "l'", "les"]);
const THE = new Set(["le", "la", "l'", "the"]);
const ENDS_DESCRIPTION = new Set(["qui", "que", "de", "du", "des", "et", "a", "en", "dans", "sur", "pour"]);
const RELATIVES = new Set(["qui", "who", "which"]);
const AND = new Set(["et", "and", "puis"]);

function isSkippable(t: Token): boolean {
  return !t.word ? t.text === "," : VERB_FILLERS.has(t.f) || AUXILIARIES.has(t.f) || SKIPPABLE_WORDS.has(t.f);
}

function isTimeOrPlace(tokens: Token[], i: number): number {
  const t = tokens[i];
  if (!t) return 0;
  if (WEEKDAYS[t.f] || MONTHS[t.f] || /^\d/.test(t.f) || TIME_WORDS.has(t.f)) return 1;
  if ((t.f === "a" || t.f === "au" || t.f === "depuis" || t.f === "devant") && tokens[i + 1]?.cap) return 2; // "à Pékin"
  if (t.text === ",") return 1;
  return 0;
}

/** A subject the text gives but does not name: the quotation is not continued from anyone. */
const UNKNOWN = Symbol("unknown speaker");
type Subject = { person: ArticlePerson; how: string } | typeof UNKNOWN | null;

/** What the sieves see of one quotation. */
export interface QuoteSite {
  tokens: Token[];
  mentions: Mention[];
  openTok: number;
  closeTok: number;
  /** first and last token of the quotation's sentence */
  sa: number;
  sb: number;
  en: boolean;
  /** the quotation stands in the headline */
  title?: boolean;
}

/** The discourse state the sieves resolve against: the article's people, the last speaker, the previous sentence's subject. */
export interface Discourse {
  idx: PeopleIndex;
  lastSpeaker: ArticlePerson | null;
  /** subject of the sentence before the quotation's, while nothing in the paragraph is attributed */
  paragraphSubject: ArticlePerson | null;
  /** the last organization or group that was the subject of a sentence: what "ils", "they" stand for */
  lastGroup: ArticlePerson | null;
}

export class Attributor {
  constructor(readonly d: Discourse) {}

  private hit(via: SieveVia, person: ArticlePerson, cue: string | null, how: string, discount = 1): Attribution {
    return { person, cue, via, confidence: Math.round(CONFIDENCE[via] * discount * 100) / 100, reason: how };
  }

  private unknown(cue: string | null, why: string): Attribution {
    return { person: null, cue, via: VIA_UNKNOWN, confidence: 0, reason: why };
  }

  /** Run the sentence-level sieves, in order. */
  attribute(s: QuoteSite): Attribution | null {
    return this.cueAfter(s) ?? this.headlineColon(s) ?? this.selonBefore(s) ?? this.leadColon(s) ?? this.cueBefore(s) ?? this.cueLater(s) ?? this.headlineSubject(s) ?? this.pourX(s) ?? this.sourceInSentence(s);
  }

  private tryCue(s: QuoteSite, i: number, after: boolean, via: SieveVia): Attribution | null {
    const c = cueAt(s.tokens, i, s.en);
    if (!c) return null;
    const subj = this.subjectOf(s, c, after ? s.closeTok + 1 : s.sa, after);
    const cue = cueText(s.tokens, c);
    if (subj === UNKNOWN) return this.unknown(cue, `"${cue}": its subject is a role the text does not name`);
    if (!subj) return null;
    // a description labels a speaker only in the tight structures, not for a verb later in the sentence
    if (via === "cue-later" && subj.how.startsWith("description")) return this.unknown(cue, `"${cue}": its subject is a description, too far from the quotation`);
    const v: SieveVia = c.pronoun && via === "cue-after" ? "pronoun" : via;
    return this.hit(v, subj.person, cue, `"${cue}" → ${subj.how}`, discountOf(subj.how));
  }

  /** 1. ", a déclaré X" / '," Putin said' / ", lance le ministre" right after the quotation. */
  private cueAfter(s: QuoteSite): Attribution | null {
    const { tokens, mentions, closeTok, sb, en } = s;
    for (let i = closeTok + 1, seen = 0; i <= sb && seen < 5; i++) {
      const t = tokens[i];
      if (!en && SPEECH_VERBS_AFTER_QUOTE.has(t.f) && !SPEECH_VERBS.has(t.f)) {
        const c: Cue = { verb: i, kind: "verb", inverted: false, pronoun: null, nonFinite: false };
        const subj = this.subjectOf(s, c, closeTok + 1, true);
        const cue = cueText(tokens, c);
        if (subj === UNKNOWN) return this.unknown(cue, `"${cue}": its subject is a role the text does not name`);
        if (subj) return this.hit("cue-after", subj.person, cue, `"${cue}" after the quotation → ${subj.how}`, discountOf(subj.how));
      }
      const m = mentionAt(mentions, i);
      if (m && m.end <= sb) {
        // a subject between the quotation and its verb: '," Putin said', '," Matsuno, Japan's top spokesperson, told…'
        let after = m.end;
        if (tokens[after]?.text === ",") {
          const close = indexOfComma(tokens, after + 1, after + 8);
          if (close > 0 && !this.hasVerb(s, after + 1, close - 1)) after = close + 1;
        }
        const r = cueAt(tokens, after, en) ?? cueAt(tokens, after + 1, en) ?? cueAt(tokens, m.end, en) ?? cueAt(tokens, m.end + 1, en);
        if (r && r.kind === "verb") {
          const subj = r.pronoun ? this.pronoun(r.pronoun) : this.personOf(m);
          const cue = cueText(tokens, r); // r.verb: where the cue was found
          if (subj) return this.hit(m.kind === "pronoun" || r.pronoun ? "pronoun" : "cue-after", subj.person, cue, `subject before "${cue}" → ${subj.how}`, discountOf(subj.how));
        }
        break;
      }
      if (t.text === "»" || t.text === "”" || t.text === '"' || t.text === ")") continue;
      // '« … » selon un communiqué du ministère' does not override 'X a déclaré que « … »'
      const cue = cueAt(tokens, i, en);
      if (cue?.kind === "source") {
        const before = this.cueBefore(s);
        if (before?.person) return before;
      }
      if (cue) return this.tryCue(s, i, true, "cue-after"); // a cue without a resolvable subject: stop here
      if (!isSkippable(t)) break;
      seen++;
    }
    return null;
  }

  /** 1b. a headline "« Nous sommes prêts » : le Kremlin répond à l'Otan". */
  private headlineColon(s: QuoteSite): Attribution | null {
    if (s.tokens[s.closeTok + 1]?.text !== ":") return null;
    const m = s.mentions.find((x) => (x.start === s.closeTok + 2 || x.start === s.closeTok + 3) && x.kind !== "pronoun");
    const subj = m ? this.personOf(m) : null;
    return subj ? this.hit("headline-colon", subj.person, ":", `named after the colon → ${subj.how}`) : null;
  }

  /** 2. "selon X, « … »". */
  private selonBefore(s: QuoteSite): Attribution | null {
    const { tokens, openTok, sa } = s;
    for (let i = openTok - 1; i >= Math.max(sa, openTok - 8); i--) {
      if (SOURCE_WORDS.has(tokens[i].f)) return this.tryCue(s, i, true, "selon");
      if (tokens[i].text === "»" || tokens[i].text === '"' || tokens[i].text === "”") break;
    }
    return null;
  }

  /** 2b. a headline or lead-in "Choïgou à Pékin : « … »": the person before the colon. */
  private leadColon(s: QuoteSite): Attribution | null {
    if (s.tokens[s.openTok - 1]?.text !== ":") return null;
    const m = s.mentions.find((x) => x.start >= s.sa && x.end < s.openTok && !x.person?.metonym && x.kind !== "pronoun");
    const subj = m ? this.personOf(m) : null;
    return subj ? this.hit("lead-colon", subj.person, ":", `named before the colon → ${subj.how}`) : null;
  }

  /**
   * 3. the nearest speech verb before the quotation — but a reporting verb that governs a
   * que-clause wins over a verb inside it ("X a affirmé que la relation relevait de « … »").
   */
  private cueBefore(s: QuoteSite): Attribution | null {
    for (let i = Math.max(s.sa, s.openTok - 40); i < s.openTok; i++) {
      const c = cueAt(s.tokens, i, s.en);
      if (c?.kind !== "verb" || c.nonFinite) continue;
      let k = i + 1;
      while (k < s.openTok && k <= i + 4 && !THAT.has(s.tokens[k].f)) k++;
      if (k >= s.openTok || k > i + 4) continue;
      // another speech verb between the que-clause and the quotation: the governing one speaks
      if (!this.hasVerb(s, k + 1, s.openTok - 1)) break;
      const r = this.tryCue(s, i, false, "cue-before");
      if (r) return r;
      break;
    }
    return this.verbInRange(s, s.openTok - 1, s.sa, -1, false, "cue-before");
  }

  /** A speech verb in [from, to] whose subject is not named right before it ("la relation relevait", not "X estime"). */
  private hasVerb(s: QuoteSite, from: number, to: number): boolean {
    for (let i = from; i <= to; i++) {
      if (cueAt(s.tokens, i, s.en)?.kind !== "verb") continue;
      const named = s.mentions.some((m) => m.end <= i && m.end >= i - 2 && m.start >= from && m.person && !m.person.metonym);
      if (!named) return true;
    }
    return false;
  }

  /**
   * A quotation standing alone, its speaker given by the next sentence, which opens on a
   * reporting structure: "« … ». C'est ce qu'a affirmé X", "« … ». Ainsi s'exprimait X".
   */
  nextSentence(s: QuoteSite, a: number, b: number): Attribution | null {
    for (let i = a; i <= Math.min(b, a + 5); i++) {
      const c = cueAt(s.tokens, i, s.en);
      if (c?.kind !== "verb" || c.nonFinite) continue;
      if (c.pronoun) return null;
      const site: QuoteSite = { ...s, openTok: i, closeTok: i, sa: a, sb: b };
      const subj = this.subjectOf(site, c, i + 1, true) ?? this.subjectOf(site, c, a, false);
      const cue = cueText(s.tokens, c);
      if (!subj || subj === UNKNOWN || subj.how.startsWith("pronoun")) return null;
      return this.hit("next-sentence", subj.person, cue, `the next sentence opens on "${cue}" → ${subj.how}`, discountOf(subj.how));
    }
    return null;
  }

  /** 4. a speech verb later in the sentence. */
  private cueLater(s: QuoteSite): Attribution | null {
    return this.verbInRange(s, s.closeTok + 1, s.sb, 1, true, "cue-later");
  }

  /**
   * The first speech verb from `from` to `to` (inclusive, stepping by `step`) whose subject resolves.
   * Looking forward, a subordinate clause ("après que X l'a accusée", "while X said") is someone else's.
   */
  private verbInRange(s: QuoteSite, from: number, to: number, step: 1 | -1, after: boolean, via: SieveVia): Attribution | null {
    for (let i = from; step > 0 ? i <= to : i >= to; i += step) {
      if (step > 0 && SUBORDINATORS.has(s.tokens[i].f)) return null;
      if (cueAt(s.tokens, i, s.en)?.kind !== "verb") continue;
      const r = this.tryCue(s, i, after, via);
      if (r) return r;
    }
    return null;
  }

  /** 4a. a headline "Le ministre chinois de la Défense « déterminé » à …": the subject glued to the quoted words. */
  private headlineSubject(s: QuoteSite): Attribution | null {
    if (!s.title) return null;
    const m = s.mentions.find((x) => x.end === s.openTok && x.start >= s.sa);
    if (!m || m.kind === "pronoun" || m.person?.metonym) return null;
    const subj = this.personOf(m);
    return subj && !subj.how.startsWith("description") ? this.hit("headline-subject", subj.person, null, `headline: the subject right before the quoted words → ${subj.how}`) : null;
  }

  /** 4b. "Pour le Kremlin, « … »": an opinion introduced by a sentence-initial "Pour X,". */
  private pourX(s: QuoteSite): Attribution | null {
    const { tokens, mentions, sa, openTok } = s;
    if (tokens[sa]?.f !== "pour") return null;
    const m = mentions.find((x) => x.start === sa + 1 || x.start === sa + 2);
    const comma = m ? tokens[m.end] : undefined;
    if (!m || comma?.text !== "," || m.end >= openTok) return null;
    const subj = this.personOf(m);
    return subj ? this.hit("pour", subj.person, "pour", `"Pour X," opens the sentence → ${subj.how}`) : null;
  }

  /** 5. "selon X" anywhere in the sentence. */
  private sourceInSentence(s: QuoteSite): Attribution | null {
    for (let i = s.sa; i <= s.sb; i++) {
      if (i >= s.openTok && i <= s.closeTok) continue;
      const c = cueAt(s.tokens, i, s.en);
      if (c && c.kind === "source") {
        const r = this.tryCue(s, i, true, "source-in-sentence");
        if (r) return r;
      }
    }
    return null;
  }

  /**
   * A sentence without quotation that reports speech ("Pentagon spokesman Pat Ryder said.",
   * "Le ministre a indiqué que…"): the person it names as speaking, or null. The next
   * "he said" may stand for them.
   */
  reporter(tokens: Token[], mentions: Mention[], sa: number, sb: number, en: boolean): ArticlePerson | null {
    // the first few reporting words of the sentence only: work per sentence stays bounded
    for (let i = sa, seen = 0; i <= sb && seen < 4; i++) {
      const c = cueAt(tokens, i, en);
      if (c) seen++;
      if (c?.kind === "source" && i <= sa + 1) {
        // "Selon Igor Orlov, rédacteur en chef de…, l'exercice est…": Orlov speaks (indirectly)
        const subj = this.subjectOf({ tokens, mentions, openTok: i, closeTok: i, sa, sb, en }, c, i + 1, true);
        if (subj && subj !== UNKNOWN && !subj.person.metonym && !subj.how.startsWith("pronoun")) return subj.person;
        continue;
      }
      if (!c || c.kind !== "verb" || c.pronoun || c.nonFinite) continue;
      const site: QuoteSite = { tokens, mentions, openTok: i, closeTok: i, sa, sb, en };
      const subj = this.subjectOf(site, c, sa, false) ?? this.subjectOf(site, c, i + 1, true);
      if (subj && subj !== UNKNOWN && !subj.person.metonym && !subj.how.startsWith("pronoun")) return subj.person;
    }
    return null;
  }

  /** Who is the subject of the cue at c.verb. `from`: first token the subject may be found at. */
  private subjectOf(s: QuoteSite, c: Cue, from: number, afterQuote: boolean): Subject {
    const { tokens, mentions, sb } = s;
    const v = c.verb;
    if (c.pronoun) return this.pronoun(c.pronoun);
    if (c.kind === "source") {
      // selon X / d'après X / according to X
      const at = tokens[v].f === "according" ? v + 2 : v + 1;
      if (/^(lui|elle|eux|him|her|them)$/.test(tokens[at]?.f ?? "")) return this.pronoun(tokens[at].f);
      const m = mentionAt(mentions, at) ?? mentionAt(mentions, at + 1);
      if (m) return this.personOf(m);
      // "selon un communiqué du Kremlin", "according to a statement from the Kremlin"
      if (DOCUMENT_NOUNS.has(tokens[at + 1]?.f ?? "") && /^(du|de|des|d'|from|by|of)$/.test(tokens[at + 2]?.f ?? "")) {
        const owner = mentionAt(mentions, at + 3) ?? mentionAt(mentions, at + 4);
        if (owner) return this.personOf(owner);
      }
      // "X a affiché sa « détermination », selon des propos rapportés par les agences": X's words
      if (SPEECH_NOUNS.has(tokens[at + 1]?.f ?? "") && /^(des|ces|ses|les|his|her|their)$/.test(tokens[at]?.f ?? "")) {
        const subject = mentions.find((x) => x.start >= s.sa && x.start <= s.sa + 2 && x.end <= v && !x.person?.metonym);
        if (subject) return this.personOf(subject);
      }
      return null;
    }
    // inverted after a quotation: ", a déclaré lundi à Pékin le ministre …"
    if (afterQuote) {
      let i = v + 1;
      for (let guard = 0; i <= sb && guard < 12; guard++) {
        const m = mentionAt(mentions, i);
        if (m) {
          if (m.person?.metonym && guard > 0 && tokens[i - 1]?.f === "a") break;
          // ", a affirmé un porte-parole des garde-côtes": someone the text does not name
          return this.personOf(m) ?? (m.kind === "role" || m.anonymous ? UNKNOWN : null);
        }
        const skip = isTimeOrPlace(tokens, i);
        if (skip) {
          i += skip;
          continue;
        }
        if (tokens[i] && (VERB_FILLERS.has(tokens[i].f) || ARTICLES_FR.has(tokens[i].f))) {
          i++;
          continue;
        }
        // a description the lexicon does not know before a name: ", souligne le sinologue russe X"
        if (THE.has(tokens[i - 1]?.f ?? "")) {
          let k = i;
          while (k < i + 3 && tokens[k]?.word && !tokens[k].cap && !ENDS_DESCRIPTION.has(tokens[k].f)) k++;
          const m2 = k > i && mentionAt(mentions, k)?.kind === "name" ? mentionAt(mentions, k) : undefined;
          if (m2) return this.personOf(m2);
        }
        break;
      }
    }
    // a relative clause between the subject and its verb ("X, qui a reçu son homologue, a appelé…") is skipped
    let relFrom = -1;
    let relTo = -1;
    for (let i = v - 1; i >= Math.max(from, v - 40); i--)
      if (RELATIVES.has(tokens[i].f) && tokens[i - 1]?.text === ",") {
        relTo = indexOfComma(tokens, i + 1, v - 1);
        if (relTo > 0) relFrom = i;
        break;
      }
    const before = mentions.filter((m) => m.end <= v && m.start >= from && !(relFrom >= 0 && m.start > relFrom && m.end <= relTo));
    if (!before.length) return null;
    if (c.nonFinite) {
      const first = before.find((m) => !m.person?.metonym);
      return first ? this.personOf(first) : null;
    }
    // coordinated predicates ("X reçoit Y et salue…"): the subject of the first verb
    let j = v - 1;
    while (j > from && tokens[j].word && (AUXILIARIES.has(tokens[j].f) || VERB_FILLERS.has(tokens[j].f))) j--;
    if (AND.has(tokens[j]?.f ?? "") && before[0] && before[0].start <= s.sa + 2 && !before[0].person?.metonym) return this.personOf(before[0]);
    for (let k = before.length - 1; k >= 0; k--) {
      const m = before[k];
      const gap = v - m.end - (relFrom >= 0 && m.end <= relFrom ? relTo - relFrom + 1 : 0);
      // a capital is the subject only right before the verb, or opening the sentence ("Pékin a en réponse mis en garde…")
      if (m.person?.metonym && gap > 2 && !(k === 0 && m.start <= s.sa + 1)) continue;
      // "Un porte-parole de la marine a affirmé…": someone the text does not name
      if (gap <= 7) return this.personOf(m) ?? ((m.kind === "role" || m.anonymous) && !c.nonFinite ? UNKNOWN : null);
      break;
    }
    const first = before.find((m) => !m.person?.metonym);
    return first && c.kind === "verb" ? this.personOf(first) : null;
  }

  personOf(m: Mention): { person: ArticlePerson; how: string } | null {
    if (m.kind === "pronoun") return this.pronoun(m.pronoun ?? "il");
    if (m.kind === "homologue") {
      const last = this.d.lastSpeaker;
      const candidates = [...this.d.idx.order].reverse().filter((p) => p.kind === "person" && p !== last);
      const p = candidates.find((p) => !m.country || p.country === m.country);
      return p ? { person: p, how: `"son homologue" → ${p.name}, the other party` } : null;
    }
    if (m.kind === "document" && m.anonymous) {
      const last = this.d.lastSpeaker;
      return last?.label ? { person: last, how: `anaphor → ${last.name}, the unnamed source described before` } : null;
    }
    if (m.kind === "document") {
      const g = this.d.lastGroup;
      if (m.ministry) {
        // "le ministère": the ministry that spoke last, else the only ministry the article names
        if (g && isMinistry(g)) return { person: g, how: `"the ministry" → ${g.name}, the ministry that spoke last` };
        const all = this.d.idx.order.filter((p) => p.kind === "organization" && isMinistry(p));
        return all.length === 1 ? { person: all[0], how: `"the ministry" → ${all[0].name}, the only ministry named` } : null;
      }
      return g ? { person: g, how: `a document → ${g.name}, the organization that spoke last` } : null;
    }
    if (!m.person && m.label) {
      // "rappelle le chercheur": an analyst's description right after quoting an analyst the registry does not know
      const last = this.d.lastSpeaker;
      if (ANALYST_HEADS.has(fold(m.label).replace(/^(le|la|l'|the)\s*/, "").split(/\s/)[0]) && last && last.kind === "person" && !last.entity)
        return { person: last, how: `description "${m.label}" → ${last.name}, the analyst quoted last` };
      const p = this.d.idx.byLabel(m.label);
      return { person: p, how: `description → "${p.name}", unnamed in the text` };
    }
    if (!m.person) return null;
    return { person: m.person, how: m.kind === "role" ? `role → ${m.person.name}` : m.person.name };
  }

  /** il/elle/lui → the previous sentence's subject, else the last speaker, else the first person named; gender must agree when known. */
  pronoun(p: string): { person: ArticlePerson; how: string } | null {
    if (/^(ils|elles|they|them|eux|it)$/.test(p)) {
      // plural: a group or an organization subject of an earlier sentence, never a single person;
      // "elles" rarely stands for a group ("les dirigeants", "le ministère" are masculine): unknown
      const g = p === "elles" ? null : this.d.lastGroup;
      return g ? { person: g, how: `pronoun "${p}" → ${g.name}, the group subject of an earlier sentence` } : null;
    }
    const wanted = /^(elle|she|her)$/.test(p) ? "f" : /^(il|lui|he|him)$/.test(p) ? "m" : null;
    // the previous sentence's subject may be an organization ("Le ministère a précisé… « … », a-t-il ajouté"), never a capital
    const subj = this.d.paragraphSubject;
    if (subj && agrees(subj, wanted) && !subj.metonym) return { person: subj, how: `pronoun "${p}" → ${subj.name}, subject of the previous sentence` };
    // otherwise a person: the last speaker, else the only person the article names
    const last = this.d.lastSpeaker;
    if (last && last.kind === "person" && agrees(last, wanted)) return { person: last, how: `pronoun "${p}" → ${last.name}, the last speaker` };
    const people = this.d.idx.order.filter((x) => x.kind === "person" && agrees(x, wanted));
    return people.length === 1 ? { person: people[0], how: `pronoun "${p}" → ${people[0].name}, the only person named` } : null;
  }
}

/**
 * The mention starting at token i, if any. A paragraph's mentions are in token order and no two
 * start at the same token (scanMentions), so this is mentions.find((m) => m.start === i),
 * through an index made once per mention array.
 */
const mentionIndex = new WeakMap<Mention[], (Mention | undefined)[]>();
function mentionAt(mentions: Mention[], i: number): Mention | undefined {
  let byStart = mentionIndex.get(mentions);
  if (!byStart) {
    byStart = [];
    for (const m of mentions) byStart[m.start] ??= m;
    mentionIndex.set(mentions, byStart);
  }
  return i >= 0 ? byStart[i] : undefined;
}

/** The first comma among tokens from..to (inclusive), or -1. */
function indexOfComma(tokens: Token[], from: number, to: number): number {
  for (let j = Math.max(from, 0); j <= to && j < tokens.length; j++) if (tokens[j].text === ",") return j;
  return -1;
}

/** The person's gender does not contradict the pronoun's (`wanted`: "m", "f" or null). */
function agrees(x: ArticlePerson | null, wanted: "m" | "f" | null): boolean {
  return !!x && (!wanted || !x.gender || x.gender === wanted);
}

function isMinistry(p: ArticlePerson): boolean {
  return /\bministere\b|\bministry\b/.test(fold(p.name));
}

/** A pronoun or description resolved by the discourse model is a little less sure than a name. */
function discountOf(how: string): number {
  return /^(pronoun|role|anaphor|description|"son homologue"|"the ministry"|a document)/.test(how) ? 0.9 : 1;
}

function cueText(tokens: Token[], c: Cue): string {
  const t = tokens[c.verb];
  if (c.kind === "source") return t.f === "apres" ? "d'après" : t.f === "according" ? "according to" : t.text.toLowerCase();
  // include the auxiliary: "a déclaré", "s'est félicité", "a-t-il souligné"
  const parts: string[] = [t.text];
  if (c.inverted && tokens[c.verb + 1]?.word && SPEECH_VERBS.has(tokens[c.verb + 1].f)) parts.push(tokens[c.verb + 1].text);
  let i = c.verb - 1;
  // the first words of "fait valoir", "mis en garde"
  const lead = isMiseEnGarde(tokens, c.verb) ? 2 : FAIRE_CUES.has(t.f) && FAIRE_FORMS.has(tokens[i]?.f ?? "") ? 1 : 0;
  for (let n = 0; n < lead; n++) parts.unshift(tokens[i--].text);
  const aux: string[] = [];
  while (i >= 0 && aux.length < 3 && tokens[i].word && (AUXILIARIES.has(tokens[i].f) || tokens[i].f === "s'")) aux.unshift(tokens[i--].text);
  return [...aux, ...parts].join(" ").replace(/' /g, "'");
}
