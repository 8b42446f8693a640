/**
 * People and organizations: finding them in a text (registry aliases, role phrases,
 * civility + name, capitalized name patterns, appositions "le ministre chinois de la
 * Défense, Dong Jun" / "Dong Jun, porte-parole de…"), and resolving each mention to
 * one canonical person of the article.
 */
import type { Person } from "../record.js";
import { CIVILITIES, NATIONALITIES, NOT_A_NAME, ROLE_HEADS, PRONOUNS, CIVILITY_WORDS, ANONYMOUS_SOURCES, SPOKES_HEADS, DOCUMENT_SUBJECTS, TITLE_WORDS, PLACE_PREPOSITIONS, GROUP_NOUNS } from "./lexicon.js";
import { defaultKnowledge, type Entity, type Knowledge, type Role, roleHeldOn, roleOn, slug } from "./knowledge.js";
import { charClass, fold, unitClass, unitTest, UNIT_ALNUM, UNIT_OTHER, UNIT_SPACE } from "./text.js";

export interface Token {
  text: string;
  f: string; // folded
  start: number;
  end: number;
  word: boolean;
  cap: boolean;
}

/**
 * The tokens are what this pattern matches, left to right (a word with inner hyphens,
 * apostrophes and periods and an optional final period, or one other character that is
 * not a space); tokenize() reads them with a character loop instead (same tokens, a
 * third of the time, tokenSpans below): TOKEN_PATTERN is the definition, and
 * tests/tokenize.test.ts checks the loop against it.
 */
export const TOKEN_PATTERN = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*\.?|[^\s\p{L}\p{N}]/gu;
const ELISION = /^(l|d|qu|s|n|j|m|c|jusqu|lorsqu|puisqu)['’](?=\p{L})/iu;
/** Abbreviations that keep their final period as part of the token. */
const ABBREVIATION = /^(M|MM|Mme|Dr|Pr|Mr|Mrs|Ms|St|Gén)\.$/u;

/** Class of the code point at i, plus 4 when it takes two UTF-16 units (a surrogate pair). */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return unitClass(c);
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
  if (c > 0xdbff || next < 0xdc00 || next > 0xdfff) return UNIT_OTHER; // a lone surrogate is a code point of its own, neither space nor letter
  return charClass(text.slice(i, i + 2)) + 4;
}

/**
 * Where TOKEN_PATTERN's matches are, left to right, as [start, end, start, end, …]
 * (a character loop, not the pattern: same tokens, less time).
 */
export function tokenSpans(text: string): number[] {
  const spans: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const k = classAt(text, i);
    const width = k > 4 ? 2 : 1;
    if ((k & 3) === UNIT_SPACE) {
      i += width;
      continue;
    }
    const start = i;
    i += width;
    if ((k & 3) === UNIT_ALNUM) {
      // letters and digits, joined by one hyphen, apostrophe or period between two of them, then an optional period
      for (;;) {
        let x: number;
        while (i < n && ((x = classAt(text, i)) & 3) === UNIT_ALNUM) i += x > 4 ? 2 : 1;
        const c = i + 1 < n ? text.charCodeAt(i) : 0;
        if ((c === 45 || c === 39 || c === 0x2019 || c === 46) && (classAt(text, i + 1) & 3) === UNIT_ALNUM) {
          i++;
          continue;
        }
        break;
      }
      if (i < n && text.charCodeAt(i) === 46) i++;
    }
    spans.push(start, i);
  }
  return spans;
}

/** Words and punctuation with offsets; elisions split ("l'Occident" → "l'", "Occident"). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const spans = tokenSpans(text);
  for (let t = 0; t < spans.length; t += 2) {
    let start = spans[t];
    const end = spans[t + 1];
    const length = end - start;
    const last = text.charCodeAt(end - 1);
    // keep a trailing period only for abbreviations such as "M." (four characters at most)
    if (length > 1 && last === 46 && !(length <= 4 && ABBREVIATION.test(text.slice(start, end)))) {
      push(out, text.slice(start, end - 1), start);
      push(out, ".", end - 1);
      continue;
    }
    // English possessive: "Putin's" → "Putin", "'s"
    if (length > 3 && last === 115 && (text.charCodeAt(end - 2) === 39 || text.charCodeAt(end - 2) === 0x2019)) {
      push(out, text.slice(start, end - 2), start);
      push(out, text.slice(end - 2, end), end - 2);
      continue;
    }
    let s = text.slice(start, end);
    const el = length > 2 && (s.includes("'") || s.includes("’")) ? s.match(ELISION) : null;
    if (el && s.length > el[0].length) {
      push(out, el[0], start);
      start += el[0].length;
      s = s.slice(el[0].length);
    }
    push(out, s, start);
  }
  return out;
}

/** String.fromCharCode(c) !== String.fromCharCode(c).toLowerCase(), remembered per unit. */
const changesInLowerCase = unitTest((ch) => ch !== ch.toLowerCase());

function push(out: Token[], text: string, start: number): void {
  // a token is a word (it starts with a letter or digit) or one punctuation mark
  const c = text.charCodeAt(0);
  const word = text.length > 1 || (c < 128 ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) : unitClass(c) === UNIT_ALNUM); // one unit: a letter or digit (\p{L}, \p{N})
  // capitalized: the first character changes in lower case (plain ASCII: A to Z)
  const cap = c < 128 ? c >= 65 && c <= 90 : changesInLowerCase(c);
  out.push({ text, f: word ? foldWord(text) : text, start, end: start + text.length, word, cap });
}

/**
 * fold() of one word: plain ASCII (no backquote, no space) only needs lower case, and a word
 * without an upper-case letter is its own fold (no new string; toLowerCase of a word cut
 * from a text with accents goes through ICU).
 */
export function foldWord(text: string): string {
  let upper = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || c === 96 || c <= 32) return fold(text);
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper ? text.toLowerCase() : text;
}

/** One person or organization of the article, as it accumulates mentions. */
export interface ArticlePerson {
  key: string;
  name: string;
  entity: Entity | null;
  /** Role given by the article itself ("ministre chinois de la Défense"). */
  localRole: string | null;
  kind: "person" | "organization";
  metonym: boolean;
  gender: "m" | "f" | null;
  country: string | null;
  /** Someone the text describes without naming: the name is the description. */
  label?: boolean;
}

export interface Mention {
  start: number; // token index
  end: number; // token index, exclusive
  kind: "name" | "role" | "org" | "pronoun" | "homologue" | "document";
  person: ArticlePerson | null;
  /** For homologue mentions: the nationality named, if any. */
  country?: string | null;
  pronoun?: string;
  /** For an unresolved definite role ("le porte-parole de la mission chinoise"): the description, a speaker's label. */
  label?: string;
  /** For document mentions: "le fonctionnaire", "the official" — an unnamed source met before. */
  anonymous?: boolean;
  /** For document mentions: "le ministère" itself rather than a text it issued. */
  ministry?: boolean;
  /** A group ("les dirigeants de l'Otan") that "ils" may stand for. */
  plural?: boolean;
}

/** The folded words of a name, split once per name (names are looked at for every capitalized word). */
const nameWordsMemo = new Map<string, string[]>();
function nameWords(fullName: string): string[] {
  let w = nameWordsMemo.get(fullName);
  if (!w) {
    if (nameWordsMemo.size > 20_000) nameWordsMemo.clear();
    nameWordsMemo.set(fullName, (w = fold(fullName).split(" ")));
  }
  return w;
}

/** A single word that is the first or last word of a full name. */
function isNamePart(fullName: string, word: string): boolean {
  const w = nameWords(fullName);
  return w.length >= 2 && (w[0] === word || w[w.length - 1] === word);
}

export class PeopleIndex {
  readonly people = new Map<string, ArticlePerson>();
  /** Order in which people were first mentioned. */
  readonly order: ArticlePerson[] = [];
  constructor(
    readonly k: Knowledge,
    readonly date: string | null,
    /** the article's language: an English article names registry people as English copy spells them */
    readonly language: string | null = null,
  ) {}

  private add(p: ArticlePerson): ArticlePerson {
    const existing = this.people.get(p.key);
    if (existing) {
      existing.localRole ??= p.localRole;
      return existing;
    }
    this.people.set(p.key, p);
    this.order.push(p);
    return p;
  }

  /** `printed`: the words the article used; an English article keeps a full form it printed ("Russian Defense Ministry"). */
  fromEntity(e: Entity, localRole: string | null = null, printed: string | null = null): ArticlePerson {
    const english = this.language === "en" ? (printed && printed.includes(" ") ? printed : e.english) : null;
    return this.add({
      key: e.id, name: english ?? e.name, entity: e, localRole, kind: e.kind, metonym: e.metonym, gender: e.gender, country: e.country,
    });
  }

  /** A name (possibly with civility) → the article person: registry, earlier full name, or new. */
  byName(raw: string, localRole: string | null = null): ArticlePerson | null {
    const name = raw.replace(CIVILITIES, "").trim();
    if (!name) return null;
    const e = this.k.byAlias.get(fold(name));
    if (e) return this.fromEntity(e, localRole, name);
    const parts = name.split(/\s+/);
    // a surname alone refers to someone already named in full
    if (parts.length === 1) for (const p of this.order) if (p.kind === "person" && isNamePart(p.name, fold(name))) return p;
    const last = fold(parts[parts.length - 1]);
    for (const p of this.order) if (p.kind === "person" && nameWords(p.name).at(-1) === last && p.name !== name) return p;
    if (parts.length < 2 && !CIVILITIES.test(raw)) return null;
    return this.add({ key: slug(name), name, entity: null, localRole, kind: "person", metonym: false, gender: /^(mme|madame|mlle)\b/i.test(raw) ? "f" : null, country: null });
  }

  /**
   * Someone the text describes without naming ("le porte-parole de la Défense chinoise"):
   * a speaker labelled by the description, never merged with a named person.
   */
  byLabel(description: string): ArticlePerson {
    const name = description.replace(/^(le|la|l'|les|the)\s*/i, "");
    return this.add({ key: slug(name), name, entity: null, localRole: null, kind: "person", metonym: false, gender: null, country: null, label: true });
  }

  /** A role phrase ("le président russe") → who held it on the article's date. */
  byRole(phrase: string): ArticlePerson | null {
    const f = fold(phrase).replace(/^(le|la|les|l'|un|une|the)\s*/, "");
    // 1. someone the article itself describes so
    for (const p of this.order) if (p.localRole && fold(p.localRole) === f) return p;
    // 2. the registry: holders on that date, preferring people the article names
    const holders = (this.k.byRolePhrase.get(f) ?? []).filter((h) => roleHeldOn(h.role, this.date));
    const named = holders.filter((h) => this.people.has(h.entity.id));
    if (named.length >= 1) return this.people.get(named[0].entity.id)!;
    const distinct = [...new Set(holders.map((h) => h.entity))];
    if (distinct.length === 1 && (this.date || (this.k.byRolePhrase.get(f) ?? []).every((h) => h.entity === distinct[0]))) return this.fromEntity(distinct[0]);
    // 2b. a shortened description ("le ministre chinois" for "le ministre chinois de la Défense"):
    // the person named in the article whose role, on that date, it begins
    const oneWord = !f.includes(" ");
    const longer = f + " ";
    if (!oneWord)
      for (let i = this.order.length - 1; i >= 0; i--) {
        const p = this.order[i];
        if (p.entity && this.phrasesHeld(p.entity).some((ph) => ph.startsWith(longer))) return p;
        if (p.localRole && fold(p.localRole).replace(/^(le|la|l'|the)\s*/, "").startsWith(longer)) return p;
      }
    // 3. a bare head ("le président"): the last person the article gave that title
    if (!oneWord) return null;
    const head = f;
    for (let i = this.order.length - 1; i >= 0; i--) {
      const p = this.order[i];
      const role = p.localRole ?? (p.entity ? this.roleHeld(p.entity) : null);
      if (role && fold(role).startsWith(head)) return p;
    }
    return null;
  }

  /** The folded phrases of the registry roles `e` held on the article's date (asked for every person at every role phrase: made once per entity). */
  private readonly held = new Map<Entity, string[]>();
  /** roleOn(e, the article's date), once per entity (asked for every person at every bare role head). */
  private readonly title = new Map<Entity, string | null>();
  private roleHeld(e: Entity): string | null {
    let t = this.title.get(e);
    if (t === undefined) this.title.set(e, (t = roleOn(e, this.date)));
    return t;
  }
  private phrasesHeld(e: Entity): string[] {
    let phrases = this.held.get(e);
    if (!phrases) this.held.set(e, (phrases = e.roles.filter((r) => roleHeldOn(r, this.date)).flatMap(foldedPhrases)));
    return phrases;
  }

  toPerson(p: ArticlePerson): Person {
    const role = p.entity ? roleOn(p.entity, this.date) ?? p.localRole : p.localRole;
    return {
      id: p.key, name: p.name, role: role ?? null, kind: p.kind, wikidata: p.entity?.wikidata ?? null,
      via: p.entity ? "registry" : "text",
    };
  }
}

/** A registry role's phrases, folded (once per role: byRole reads them for every person at every role phrase). */
const foldedMemo = new WeakMap<Role, string[]>();
function foldedPhrases(r: Role): string[] {
  let f = foldedMemo.get(r);
  if (!f) foldedMemo.set(r, (f = r.phrases.map((ph) => fold(ph))));
  return f;
}

const ROLE_HEAD_SET = new Set(ROLE_HEADS.map((h) => fold(h)));
const ARTICLES = new Set(["le", "la", "l'", "les", "un", "une", "the", "son", "sa", "leur"]);
const ROLE_LINKS = new Set(["de", "du", "des", "la", "l'", "d'", "et", "of", "the"]);

function isNameToken(t: Token | undefined): boolean {
  // ALL-CAPS words are photo credits and acronyms ("SERGEI KARPUKHIN / AFP"), not names in running text
  return !!t && t.word && t.cap && !NOT_A_NAME.has(t.f) && !/^\d/.test(t.text) && t.text.length > 1 && !(t.text.length > 2 && isUpperCase(t.text));
}

/** s === s.toUpperCase(), answered at the first ASCII lower-case letter without making the upper-case copy. */
function isUpperCase(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 128) return s === s.toUpperCase();
  }
  return true;
}

/** Every beginning (in characters) of a registry alias or role phrase: a longer look-up cannot match once the words read are none. */
const prefixMemo = new WeakMap<Knowledge, Set<string>>();
function keyPrefixes(k: Knowledge): Set<string> {
  let set = prefixMemo.get(k);
  if (!set) {
    set = new Set<string>();
    for (const key of [...k.byAlias.keys(), ...k.byRolePhrase.keys()]) for (let n = 1; n <= key.length; n++) set.add(key.slice(0, n));
    prefixMemo.set(k, set);
  }
  return set;
}

type RegistryHit = { len: number; entity?: Entity; rolePhrase?: string };
/** Registry look-ups already made on a token array (the first pass, the paragraph pass and groupAt ask at the same tokens). */
const registryMemo = new WeakMap<Token[], { k: Knowledge; at: (RegistryHit | null | undefined)[] }>();

/** Longest registry alias or role phrase starting at token i. */
function registryAt(tokens: Token[], i: number, k: Knowledge): RegistryHit | null {
  if (!tokens[i] || !k.firstWords.has(tokens[i].f)) return null;
  let memo = registryMemo.get(tokens);
  if (!memo || memo.k !== k) registryMemo.set(tokens, (memo = { k, at: [] }));
  let hit = memo.at[i];
  if (hit === undefined) memo.at[i] = hit = registryLookup(tokens, i, k);
  return hit;
}

function registryLookup(tokens: Token[], i: number, k: Knowledge): RegistryHit | null {
  const prefixes = keyPrefixes(k);
  let best: RegistryHit | null = null;
  let s = "";
  for (let n = 0; n < k.maxAliasWords + 3 && i + n < tokens.length; n++) {
    const t = tokens[i + n];
    if (!t.word && t.text !== "'" && t.text !== "-") break;
    s = n === 0 ? t.f : s.endsWith("'") ? s + t.f : s + " " + t.f;
    if (!prefixes.has(s)) break;
    const e = k.byAlias.get(s);
    // single-word aliases must be capitalized in the text ("Xi", "Poutine", not "xi")
    if (e && (n > 0 || tokens[i].cap)) best = { len: n + 1, entity: e };
    if (k.byRolePhrase.has(s)) best = { len: n + 1, rolePhrase: s };
  }
  return best;
}

/** Length of a generic role phrase at i: ROLE_HEAD (adjectives | de la X …), e.g. "ministre chinois de la Défense". */
const ROLE_FIRST_WORDS = new Set(ROLE_HEADS.map((h) => fold(h).split(" ")[0]));

/** Tokens i to i+n-1 (those there are) are all words. */
function allWords(tokens: Token[], i: number, n: number): boolean {
  for (let x = i; x < i + n && x < tokens.length; x++) if (!tokens[x].word) return false;
  return true;
}

function genericRoleAt(tokens: Token[], i: number): number {
  if (!tokens[i] || !ROLE_FIRST_WORDS.has(tokens[i].f)) return 0;
  // the longest head of 3, 2 or 1 words ("n" words near the end: the words there are)
  const left = tokens.length - i;
  const w1 = tokens[i].f;
  const w2 = left > 1 ? `${w1} ${tokens[i + 1].f}` : w1;
  const w3 = left > 2 ? `${w2} ${tokens[i + 2].f}` : w2;
  let head = 0;
  if (ROLE_HEAD_SET.has(w3) && allWords(tokens, i, 3)) head = 3;
  else if (ROLE_HEAD_SET.has(w2) && allWords(tokens, i, 2)) head = 2;
  else if (ROLE_HEAD_SET.has(w1) && allWords(tokens, i, 1)) head = 1;
  if (!head) return 0;
  // then adjectives ("chinois", "adjoint") and complements ("de la Défense", "de la flotte du Nord")
  let j = i + head;
  let extra = 0;
  while (j < tokens.length && extra < 6) {
    const t = tokens[j];
    if (!t.word || isPersonStart(tokens, j) || ROLE_STOP.has(t.f)) break;
    if (NATIONALITIES[t.f] || ROLE_ADJECTIVES.has(t.f)) {
      j++;
      extra++;
      continue;
    }
    if (ROLE_LINKS.has(t.f)) {
      let k2 = j;
      while (k2 < tokens.length && ROLE_LINKS.has(tokens[k2].f)) k2++;
      const noun = tokens[k2];
      if (!noun?.word || isPersonStart(tokens, k2) || ROLE_STOP.has(noun.f) || WEEKDAY_OR_MONTH.test(noun.f)) break;
      j = k2 + 1;
      // "Affaires étrangères", "Commission militaire centrale": adjectives may follow
      while (tokens[j]?.word && !tokens[j].cap && (ROLE_ADJECTIVES.has(tokens[j].f) || NATIONALITIES[tokens[j].f])) j++;
      extra++;
      continue;
    }
    break;
  }
  return j - i;
}

const ROLE_ADJECTIVES = new Set([
  "adjoint", "adjointe", "general", "generale", "delegue", "deleguee", "charge", "chargee", "militaire", "militaires", "central", "centrale",
  "federal", "federale", "special", "speciale", "etrangeres", "nationale", "national", "populaire", "interieur", "exterieur", "strategique",
  "navale", "naval", "aerien", "aerienne", "superieur", "permanent", "permanente", "principal", "principale", "honoraire",
]);
/** Words that end a role phrase: verbs, conjunctions, time words. */
const ROLE_STOP = new Set(["a", "ont", "est", "sont", "avait", "etait", "qui", "que", "dont", "lors", "pour", "avec", "dans", "sur", "en", "a-t-il", "et", "ou", "mais", "devant", "apres", "avant", "selon"]);
const WEEKDAY_OR_MONTH = /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)$/;

/** Small sets of folded words the rules below test tokens against. */
const NAME_PARTICLES = new Set(["de", "van", "von", "bin", "ben", "al", "el", "da", "di", "del", "der"]);
const ANAPHOR_DETERMINERS = new Set(["le", "la", "l'", "the", "cette", "ce", "this"]);
const AFTER_ANONYMOUS_SOURCE = new Set(["a", "au", "aux", "en", "dans", "lors", "pour", "qui", "devant", "aupres", "to", "at", "in", "on", "who", "told", "said", "added"]);
const DOCUMENT_DETERMINERS = new Set(["le", "la", "the", "ce", "cette", "this"]);
const TITLES_BEFORE_NAME = new Set(["m.", "mme", "mr", "mr.", "general", "amiral", "marechal", "colonel"]);
const DEFINITE = new Set(["le", "la", "l'", "the", "du", "au"]);
const OF = new Set(["de", "des", "du", "of"]);
const GROUP_LINKS = new Set(["de", "du", "des", "d'", "l'", "la", "le", "of", "the", "pays", "countries", "member", "membres"]);

function isPersonStart(tokens: Token[], i: number): boolean {
  return isNameToken(tokens[i]) && isNameToken(tokens[i + 1]);
}

/** Capitalized name sequence at i (2–4 tokens, particles allowed inside): its length, or 0. */
function nameAt(tokens: Token[], i: number): number {
  if (!isNameToken(tokens[i])) return 0;
  let j = i + 1;
  while (j < tokens.length && j - i < 5) {
    if (isNameToken(tokens[j]) || (tokens[j].word && tokens[j].cap && /^\p{Lu}[\p{Ll}]/u.test(tokens[j].text) && !NOT_A_NAME.has(tokens[j].f))) {
      j++;
      continue;
    }
    if (NAME_PARTICLES.has(tokens[j].f) && isNameToken(tokens[j + 1]) && j > i) {
      j += 2;
      continue;
    }
    break;
  }
  return j - i >= 2 ? j - i : 0;
}

/**
 * "Dong Jun, ministre chinois de la Défense, …": the role set off by commas after a name.
 * Not when a verb follows the role ("Xi Jinping, le président russe a déclaré" names two people).
 */
function appositiveRole(tokens: Token[], comma: number): string | null {
  const a = ARTICLES.has(tokens[comma + 1]?.f ?? "") ? comma + 2 : comma + 1;
  const rl = genericRoleAt(tokens, a);
  if (!rl) return null;
  const after = tokens[a + rl];
  if (after && after.word) return null;
  return printed(tokens, a, a + rl);
}

/**
 * How a mention found in the tokens resolves to an article person (a call on the PeopleIndex):
 * none; an entity of the registry; a name (registry, earlier full name, or new); a role phrase;
 * a word that is the first or last name of someone named before.
 */
type Resolution =
  | { by: "none" }
  | { by: "entity"; entity: Entity; localRole: string | null; printed: string | null }
  | { by: "name"; name: string; localRole: string | null }
  | { by: "role"; phrase: string }
  | { by: "name-part"; word: string };

/**
 * A mention as the tokens give it, before it is resolved against the article's people: where
 * it is and what kind (null: "name" or "org" after the person it resolves to), and whether it
 * is dropped when it resolves to no one. Found once per token array (findMentions).
 */
interface MentionSite {
  start: number;
  end: number;
  kind: Mention["kind"] | null;
  resolve: Resolution;
  droppedUnresolved: boolean;
  /** the rest of the Mention, set by some rules only */
  extra: Pick<Mention, "country" | "pronoun" | "label" | "anonymous" | "ministry" | "plural">;
}

const NO_ONE: Resolution = { by: "none" };
const NO_EXTRA: MentionSite["extra"] = {};

function resolve(r: Resolution, idx: PeopleIndex): ArticlePerson | null {
  switch (r.by) {
    case "none":
      return null;
    case "entity":
      return idx.fromEntity(r.entity, r.localRole, r.printed);
    case "name":
      return idx.byName(r.name, r.localRole);
    case "role":
      return idx.byRole(r.phrase);
    case "name-part":
      return lastNamedWith(idx.order, r.word);
  }
}

/**
 * Mentions of people/organizations in the tokens, left to right, resolved against the index.
 * Tokens inside quotations must be masked by the caller (they are the speaker's words).
 * Where the mentions are depends on the tokens and the registry only (findMentions, done once
 * per token array); whom they name depends on the people the article has named so far, so
 * the article's first pass and its paragraph pass resolve the same sites, in the same order.
 */
export function scanMentions(tokens: Token[], idx: PeopleIndex): Mention[] {
  const out: Mention[] = [];
  for (const site of findMentions(tokens, idx.k)) {
    const person = resolve(site.resolve, idx);
    if (!person && site.droppedUnresolved) continue;
    const { extra } = site;
    // every mention has the same fields, in the same order (one object shape for the code that reads them)
    out.push({
      start: site.start, end: site.end, kind: site.kind ?? (person!.kind === "person" ? "name" : "org"), person,
      country: extra.country, pronoun: extra.pronoun, label: extra.label, anonymous: extra.anonymous, ministry: extra.ministry, plural: extra.plural,
    });
  }
  return out;
}

const sitesMemo = new WeakMap<Token[], { k: Knowledge; sites: MentionSite[] }>();
function findMentions(tokens: Token[], k: Knowledge): MentionSite[] {
  let memo = sitesMemo.get(tokens);
  if (!memo || memo.k !== k) sitesMemo.set(tokens, (memo = { k, sites: mentionSites(tokens, k) }));
  return memo.sites;
}

/** The words as printed from token a to token b (exclusive, at most the last token): a space only where the source had one. */
function printed(tokens: Token[], a: number, b: number): string {
  let s = "";
  for (let x = a; x < b && x < tokens.length; x++) s += (x > a && tokens[x].start > tokens[x - 1].end ? " " : "") + tokens[x].text;
  return s;
}

function addSite(out: MentionSite[], start: number, end: number, kind: Mention["kind"] | null, resolve: Resolution, droppedUnresolved = false, extra: MentionSite["extra"] = NO_EXTRA): void {
  out.push({ start, end, kind, resolve, droppedUnresolved, extra });
}

/**
 * The mention sites of scanMentions, left to right (the rules, most specific first).
 * `fast` false: without the article short cut below (tests/extract-fastpaths.test.ts compares both).
 */
export function mentionSites(tokens: Token[], k: Knowledge, fast = true): MentionSite[] {
  const out: MentionSite[] = [];
  const openers = mentionOpeners(k);
  const afterArticle = fast ? articleOpeners(k) : null;
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i];
    // most words open nothing: not capitalized and none of the words a rule below starts on (one look-up, not eight)
    if (!t.word || (!t.cap && !openers.has(t.f))) {
      i++;
      continue;
    }
    // an article before a plain word ("la visite", "les deux"): every rule below then starts on that word, and
    // needs it capitalized or among articleOpeners (the pronoun rule reads the article itself: not one of them)
    if (afterArticle && !t.cap && ARTICLES.has(t.f) && !PRONOUNS.has(t.f)) {
      const n = tokens[i + 1];
      if (n && n.word && !n.cap && !afterArticle.has(n.f)) {
        i++;
        continue;
      }
    }
    const start = ARTICLES.has(t.f) && tokens[i + 1]?.word ? i + 1 : i;
    // "le ministère", "the ministry", "the Defense Ministry": a ministry the article named (resolved by the discourse)
    const ministry = start > i ? bareMinistryAt(tokens, start) : 0;
    if (ministry) {
      addSite(out, i, start + ministry, "document", NO_ONE, false, { ministry: true });
      i = start + ministry;
      continue;
    }
    // "le fonctionnaire", "la personne", "the official": the unnamed source described just before
    if (start > i && ANAPHOR_DETERMINERS.has(t.f) && ANONYMOUS_SOURCES.has(tokens[start].f) && (!tokens[start + 1]?.word || AFTER_ANONYMOUS_SOURCE.has(tokens[start + 1].f))) {
      addSite(out, i, start + 1, "document", NO_ONE, false, { anonymous: true });
      i = start + 1;
      continue;
    }
    // "le communiqué", "the statement", "the document": it speaks for the organization that issued it
    if (start > i && DOCUMENT_DETERMINERS.has(t.f) && DOCUMENT_SUBJECTS.has(tokens[start].f)) {
      addSite(out, i, start + 1, "document", NO_ONE);
      i = start + 1;
      continue;
    }
    // "son homologue (russe)"
    if ((t.f === "son" || t.f === "sa" || t.f === "leur") && tokens[i + 1]?.f === "homologue") {
      let j = i + 2;
      const country = tokens[j] && NATIONALITIES[tokens[j].f] ? NATIONALITIES[tokens[j++].f] : null;
      const named = nameAt(tokens, j) || (registryAt(tokens, j, k)?.entity ? registryAt(tokens, j, k)!.len : 0);
      if (named) {
        addSite(out, i, j + named, "name", { by: "name", name: printed(tokens, j, j + named), localRole: null });
        i = j + named;
      } else {
        addSite(out, i, j, "homologue", NO_ONE, false, { country });
        i = j;
      }
      continue;
    }
    // "les dirigeants de l'Otan", "NATO leaders": a group that speaks for its organization
    const group = groupAt(tokens, i, k);
    if (group) {
      addSite(out, i, group.end, "org", { by: "entity", entity: group.entity, localRole: null, printed: null }, false, { plural: true });
      i = group.end;
      continue;
    }
    if (PRONOUNS.has(t.f) && t.text.length <= 5) {
      addSite(out, i, i + 1, "pronoun", NO_ONE, false, { pronoun: t.f });
      i++;
      continue;
    }
    // registry alias / role phrase
    const reg = registryAt(tokens, start, k);
    // generic role phrase
    const roleLen = reg?.rolePhrase ? reg.len : reg?.entity ? 0 : genericRoleAt(tokens, start);
    if (roleLen) {
      const roleText = printed(tokens, start, start + roleLen);
      let j = start + roleLen;
      // apposition: role[,] Name
      const comma = tokens[j]?.text === "," ? 1 : 0;
      const civ = tokens[j + comma] && TITLES_BEFORE_NAME.has(tokens[j + comma].f) ? 1 : 0;
      const regName = registryAt(tokens, j + comma + civ, k);
      const nameLen = regName?.entity && regName.entity.kind === "person" ? regName.len : nameAt(tokens, j + comma + civ);
      if (nameLen) {
        const name = printed(tokens, j + comma + civ, j + comma + civ + nameLen);
        j = j + comma + civ + nameLen;
        if (comma && tokens[j]?.text === ",") j++;
        addSite(out, i, j, "name", { by: "name", name, localRole: roleText });
        i = j;
        continue;
      }
      const definite = DEFINITE.has(tokens[start - 1]?.f ?? "");
      // "un porte-parole du ministère chinois de la Défense": the ministry speaks through its spokesperson
      const spokesOrg = !definite && SPOKES_HEADS.has(tokens[start].f) ? orgWithin(tokens, start + 1, start + roleLen, k) : null;
      // "le porte-parole de la Défense chinoise": a definite description of someone the text does not name
      addSite(out, i, start + roleLen, "role", spokesOrg ? { by: "entity", entity: spokesOrg, localRole: null, printed: null } : { by: "role", phrase: roleText }, false, {
        label: definite && roleLen >= 2 ? roleText : undefined,
      });
      i = start + roleLen;
      continue;
    }
    if (reg?.entity) {
      const e = reg.entity;
      const j = start + reg.len;
      // a capital after a preposition is a place ("réunis en sommet à Washington", "le soutien de Pékin"), not a speaker
      if (e.metonym && PLACE_PREPOSITIONS.has(tokens[start - 1]?.f ?? "")) {
        i = j;
        continue;
      }
      // apposition: Name, role (…)
      const localRole = tokens[j]?.text === "," && e.kind === "person" ? appositiveRole(tokens, j) : null;
      addSite(out, i, j, e.kind === "person" ? "name" : "org", { by: "entity", entity: e, localRole, printed: printed(tokens, start, start + reg.len) });
      i = j;
      continue;
    }
    // civility + name: "M. Dupont", "Mme Zakharova"
    if (CIVILITY_WORDS.has(t.f) && isNameToken(tokens[i + 1])) {
      const n = Math.max(1, nameAt(tokens, i + 1));
      addSite(out, i, i + 1 + n, "name", { by: "name", name: printed(tokens, i, i + 1 + n), localRole: null });
      i += 1 + n;
      continue;
    }
    let n = nameAt(tokens, start);
    // English titles before a name are capitalized: "Pentagon Press Secretary Sabrina Singh" names Sabrina Singh
    let titled = start;
    if (n > 2) for (let x = start + n - 3; x >= start; x--) if (TITLE_WORDS.has(tokens[x].f)) {
      titled = x + 1;
      break;
    }
    if (titled > start) {
      n -= titled - start;
      addSite(out, i, titled + n, "name", { by: "name", name: printed(tokens, titled, titled + n), localRole: printed(tokens, start, titled) }, true);
      i = titled + n;
      continue;
    }
    if (n) {
      const j = start + n;
      const localRole = tokens[j]?.text === "," ? appositiveRole(tokens, j) : null;
      const name = printed(tokens, start, j);
      // an agency or an outlet ("Ria Novosti", "France Télévisions") is not a person
      const notAPerson = k.agencyByAlias.has(fold(name)) || k.outletByAlias.has(fold(name));
      addSite(out, i, j, "name", notAPerson ? NO_ONE : { by: "name", name, localRole }, true);
      i = j;
      continue;
    }
    // a known surname alone ("Poutine", "Choïgou") or someone named earlier
    if (isNameToken(t)) {
      // family name first or last ("Dong" for Dong Jun, "Peskov" for Dmitri Peskov)
      const alias = k.byAlias.get(t.f);
      addSite(out, i, i + 1, null, alias ? { by: "entity", entity: alias, localRole: null, printed: null } : { by: "name-part", word: t.f }, true);
    }
    i++;
  }
  return out;
}

/**
 * Every folded word on which a rule of scanMentions can start when it is not capitalized:
 * an article or possessive, a group noun, a pronoun, a civility, the first word of a role
 * head or of a registry alias or role phrase. A lower-case word outside it starts no
 * mention (each rule's first test is a look-up in one of these sets, or needs a capital).
 * Remembered per set of registry first words (the only part that is not fixed).
 */
const openersMemo = new WeakMap<Set<string>, Set<string>>();
function mentionOpeners(k: Knowledge): Set<string> {
  let set = openersMemo.get(k.firstWords);
  if (!set) openersMemo.set(k.firstWords, (set = new Set([...ARTICLES, ...GROUP_NOUNS, ...PRONOUNS, ...CIVILITY_WORDS, ...ROLE_FIRST_WORDS, ...k.firstWords])));
  return set;
}

/**
 * Every folded word, not capitalized, on which a rule of mentionSites can start right after an
 * article: a ministry ("le ministère", bareMinistryAt), an unnamed source or a document ("le
 * fonctionnaire", "le communiqué"), "son homologue", a group noun ("les dirigeants", groupAt), the
 * first word of a registry alias or role phrase (registryAt) or of a role head (genericRoleAt).
 * The name rules need a capital. Remembered per set of registry first words, as mentionOpeners.
 */
const articleOpenersMemo = new WeakMap<Set<string>, Set<string>>();
function articleOpeners(k: Knowledge): Set<string> {
  let set = articleOpenersMemo.get(k.firstWords);
  if (!set)
    articleOpenersMemo.set(k.firstWords, (set = new Set(["ministere", "ministry", "defense", "defence", "foreign", "homologue", ...ANONYMOUS_SOURCES, ...DOCUMENT_SUBJECTS, ...GROUP_NOUNS, ...ROLE_FIRST_WORDS, ...k.firstWords])));
  return set;
}

/** The last person of the article whose first or last name is `word`. */
function lastNamedWith(order: ArticlePerson[], word: string): ArticlePerson | null {
  for (let i = order.length - 1; i >= 0; i--) if (order[i].kind === "person" && isNamePart(order[i].name, word)) return order[i];
  return null;
}



/** A registry organization (not a capital) named inside tokens [from, to): "… du ministère chinois de la Défense". */
function orgWithin(tokens: Token[], from: number, to: number, k: Knowledge): Entity | null {
  for (let i = from; i < to; i++) {
    const reg = registryAt(tokens, i, k);
    if (reg?.entity && reg.entity.kind === "organization" && !reg.entity.metonym) return reg.entity;
  }
  return null;
}


/** "ministère" / "ministry" / "Defense Ministry" (no country named): its length in tokens, or 0. */
function bareMinistryAt(tokens: Token[], i: number): number {
  const f = tokens[i]?.f;
  const next = tokens[i + 1]?.f ?? "";
  if ((f === "ministere" || f === "ministry") && !NATIONALITIES[next] && !OF.has(next)) return 1;
  if ((f === "defense" || f === "defence" || f === "foreign") && next === "ministry" && tokens[i + 2]?.f !== "of") return 2;
  return 0;
}


/** "les dirigeants de l'Otan" / "NATO leaders" / "NATO's leaders": a group mention of a registry organization (not a capital). */
function groupAt(tokens: Token[], i: number, k: Knowledge): { end: number; entity: Entity } | null {
  const s = ARTICLES.has(tokens[i].f) ? i + 1 : i;
  if (GROUP_NOUNS.has(tokens[s]?.f ?? "")) {
    let j = s + 1;
    while (tokens[j] && GROUP_LINKS.has(tokens[j].f)) j++;
    const reg = j > s + 1 ? registryAt(tokens, j, k) : null;
    if (reg?.entity && reg.entity.kind === "organization" && !reg.entity.metonym) return { end: j + reg.len, entity: reg.entity };
    return null;
  }
  const reg = registryAt(tokens, s, k);
  if (reg?.entity && reg.entity.kind === "organization" && !reg.entity.metonym) {
    let j = s + reg.len;
    if (tokens[j]?.f === "'s") j++;
    if (GROUP_NOUNS.has(tokens[j]?.f ?? "")) return { end: j + 1, entity: reg.entity };
  }
  return null;
}

/** Resolve the registry/pattern person for a name given by hand (sidecar corrections). */
export function resolvePerson(name: string, date: string | null, k: Knowledge = defaultKnowledge()): Person {
  const idx = new PeopleIndex(k, date);
  const p = k.byAlias.has(fold(name)) || /^\p{Lu}/u.test(name.trim()) ? (idx.byName(name) ?? idx.byRole(name)) : (idx.byRole(name) ?? idx.byName(name));
  if (p) return idx.toPerson(p);
  return { id: slug(name), name: name.trim(), role: null, kind: "person", wikidata: null, via: "text" };
}
