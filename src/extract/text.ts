/**
 * Small text helpers shared by the stages: normalization for comparison,
 * word tokens, sentence boundaries. Linear-time, no backtracking regexes.
 */

const foldMemo = new Map<string, string>();

/**
 * What `/\s+/g` matches that is not already one plain space: a run of two or more white-space
 * characters, or one that is not U+0020. Replacing these by " " gives the same string as
 * replacing every run (`\s+`), with a replacement only where something changes (most spaces
 * between words are single plain spaces).
 */
const SPACE_RUNS = /\s\s+|[^\S ]/g;

/** Lower-case, strip accents, unify apostrophes and spaces: for comparing, never for display. */
export function fold(s: string): string {
  // words repeat: remember the short ones (bounded, so memory stays flat)
  if (s.length <= 40) {
    const hit = foldMemo.get(s);
    if (hit !== undefined) return hit;
  }
  const out = s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]+/g, "")
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u00a0\u202f\u2009\u2007]/g, " ")
    .toLowerCase()
    .replace(SPACE_RUNS, " ")
    .trim();
  if (s.length <= 40) {
    if (foldMemo.size > 50_000) foldMemo.clear();
    foldMemo.set(s, out);
  }
  return out;
}

/**
 * The first character of fold(s) when s's first character after white space is an ASCII letter
 * or digit (fold keeps it, in lower case, and nothing before it gives a character); else null.
 */
function foldedFirst(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || (c < 128 ? c >= 9 && c <= 13 : unitClass(c) === UNIT_SPACE)) continue;
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) return s[i];
    if (c >= 65 && c <= 90) return String.fromCharCode(c + 32);
    return null;
  }
  return null;
}

/**
 * False when fold(a) cannot start as fold(b) does (their first characters, when foldedFirst
 * knows both, differ): fold(a) === fold(b) and fold(a).startsWith(fold(b)) (b folding to a
 * non-empty string) are then false, without folding either.
 */
export function mayFoldAlike(a: string, b: string): boolean {
  const x = foldedFirst(a);
  const y = x === null ? null : foldedFirst(b);
  return x === null || y === null || x === y;
}

/** Classes of a UTF-16 code unit (unitClass): white space (\s), letter or digit (\p{L}, \p{N}), anything else. */
export const UNIT_SPACE = 1;
export const UNIT_ALNUM = 2;
export const UNIT_OTHER = 3;
const ALNUM_UNIT = /^[\p{L}\p{N}]$/u;
const SPACE_UNIT = /^\s$/u;
const unitClasses = new Uint8Array(65536); // 0: not seen yet
/**
 * The class of one UTF-16 code unit, looked up once per unit (the character loops here, in
 * people.ts and cluster.ts). Half of a surrogate pair alone is UNIT_OTHER: a loop that reads
 * letters outside the BMP reads the pair itself (people.ts).
 */
export function unitClass(c: number): number {
  let k = unitClasses[c];
  if (k === 0) {
    unitClasses[c] = k = charClass(String.fromCharCode(c));
  }
  return k;
}

/** The class of one character (a code unit, or a surrogate pair: people.ts), as unitClass's, without the table. */
export function charClass(ch: string): number {
  return ALNUM_UNIT.test(ch) ? UNIT_ALNUM : SPACE_UNIT.test(ch) ? UNIT_SPACE : UNIT_OTHER;
}

/** Collapse runs of spaces (incl. no-break spaces) to one space and trim. */
export function squash(s: string): string {
  // most lines already are: single plain spaces between words, none at either end (a character loop, no new string)
  let plain = s.length > 0 && s.charCodeAt(0) !== 32 && s.charCodeAt(s.length - 1) !== 32;
  for (let i = 0; plain && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) plain = s.charCodeAt(i + 1) !== 32;
    else if (c < 33) plain = false;
    else if (c > 127) plain = unitClass(c) !== UNIT_SPACE;
  }
  if (plain) return s;
  return s.replace(SPACE_RUNS, " ").trim(); // \s includes U+00A0 and U+202F
}

/** Word tokens (letters, digits, inner hyphens/apostrophes kept out), folded. */
export function words(s: string): string[] {
  return fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Number of words (runs of letters and digits). A character loop: this runs on every line. */
export function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const w = c < 128 ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) : unitClass(c) === UNIT_ALNUM;
    if (w && !inWord) n++;
    inWord = w;
  }
  return n;
}

/**
 * A test of one UTF-16 code unit against a pattern of one character (or a predicate), remembered
 * per unit: the same answers as `re.test(String.fromCharCode(c))`, one look-up each time after the
 * first (here, record.ts, people.ts).
 */
export function unitTest(re: RegExp | ((ch: string) => boolean)): (c: number) => boolean {
  const test = typeof re === "function" ? re : (ch: string) => re.test(ch);
  const known = new Uint8Array(65536); // 0: not asked yet, 1: no, 2: yes
  return (c) => {
    let k = known[c];
    if (k === 0) known[c] = k = test(String.fromCharCode(c)) ? 2 : 1;
    return k === 2;
  };
}
const isCloser = unitTest(/["»”)\]]/);
const opensSentence = unitTest(/[\p{Lu}«"“(\d]/u);

const ABBREVIATIONS = new Set(["m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "gén", "gen", "col", "cdt", "av", "apr", "j.-c", "etc", "cf", "p", "n°", "vs", "mr", "mrs", "ms", "jr", "sr", "u.s", "no"]);

/**
 * Sentence spans of a paragraph: [start, end) offsets. Splits on . ! ? … followed by
 * a space and an upper-case letter or an opening quote, never inside « » quotations,
 * and not after common abbreviations ("M. Poutine").
 */
export function sentenceSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  let depth = 0; // « » nesting
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xab || c === 0x201c) depth++; // « “
    else if ((c === 0xbb || c === 0x201d) && depth > 0) depth--; // » ”
    if (depth > 0) continue;
    if (c !== 0x2e && c !== 0x21 && c !== 0x3f && c !== 0x2026) continue; // . ! ? …
    // the terminator may be followed by closing quotes/brackets
    let j = i + 1;
    while (j < text.length && isCloser(text.charCodeAt(j))) j++;
    if (j >= text.length) break;
    if (unitClass(text.charCodeAt(j)) !== UNIT_SPACE) continue;
    let k = j;
    while (k < text.length && unitClass(text.charCodeAt(k)) === UNIT_SPACE) k++;
    if (k >= text.length) break;
    if (!opensSentence(text.charCodeAt(k))) continue;
    if (c === 0x2e) {
      const before = text.slice(Math.max(start, i - 6), i);
      const m = before.match(/([\p{L}.\-]+)$/u);
      if (m && (ABBREVIATIONS.has(m[1].toLowerCase()) || /^\p{Lu}$/u.test(m[1]))) continue;
    }
    spans.push([start, j]);
    start = k;
    i = k - 1;
  }
  if (start < text.length && text.slice(start).trim()) spans.push([start, text.length]);
  return spans;
}

export function sentences(text: string): string[] {
  return sentenceSpans(text).map(([a, b]) => text.slice(a, b).trim());
}

/** True when the text reads as running prose rather than a label or a menu item. */
export function isProse(line: string): boolean {
  const n = wordCount(line);
  if (n >= 12) return true;
  if (n >= 5 && /[.!?…»"”)]\s*$/.test(line)) return true;
  return false;
}
