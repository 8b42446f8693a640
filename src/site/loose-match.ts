/**
 * Finding a quotation inside its paragraph although the two may differ in
 * typography: apostrophes (’ vs '), runs of spaces, no-break spaces.
 */

import { sentenceSpans } from "../extract/text.js";
import { memoized } from "../memo.js";

const APOSTROPHES = new Set(["\u2019", "\u2018", "\u02bc", "`"]);

/** Is the code unit one of the characters JavaScript's \s matches? */
export function isSpaceCode(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Normalize one string, remembering for each output char the index it came from. */
function normalizeWithMap(s: string): { text: string; map: number[] } {
  let text = "";
  const map: number[] = [];
  let lastSpace = false;
  for (let i = 0; i < s.length; i++) {
    let c = s[i]!;
    if (isSpaceCode(s.charCodeAt(i))) {
      if (lastSpace) continue;
      c = " ";
      lastSpace = true;
    } else {
      lastSpace = false;
      if (APOSTROPHES.has(c)) c = "'";
    }
    text += c;
    map.push(i);
  }
  return { text, map };
}

/**
 * A paragraph in which quotations are looked for: its normalized form and its sentences are
 * made once, when first needed, not again for each quotation.
 */
export class LooseText {
  private normalized: { text: string; map: number[] } | null = null;
  private spans: [number, number][] | null = null;

  constructor(readonly text: string) {}

  /** [start, end) of `needle` at or after `from`, ignoring typography; null when absent. */
  find(needle: string, from = 0): [number, number] | null {
    const trimmed = needle.trim();
    if (!trimmed) return null;
    const exact = this.text.indexOf(trimmed, from);
    if (exact >= 0) return [exact, exact + trimmed.length];
    // normalizing keeps every character but repeated spaces: a trimmed needle stays non-empty
    const n = normalizeWithMap(trimmed).text;
    const h = (this.normalized ??= normalizeWithMap(this.text));
    // the first normalized character that comes from `from` or later (map only grows)
    let lo = 0;
    let hi = h.map.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (h.map[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    const at = h.text.indexOf(n, lo);
    if (at < 0) return null;
    return [h.map[at]!, h.map[at + n.length - 1]! + 1];
  }

  /** [start, end) of the sentence(s) that hold [from, to) (src/extract/text.ts's sentence spans). */
  sentenceAround(from: number, to: number): [number, number] {
    let start = from;
    let end = to;
    for (const [a, b] of (this.spans ??= sentenceSpans(this.text))) {
      if (b <= from || a >= to) continue;
      start = Math.min(start, a);
      end = Math.max(end, b);
    }
    return [start, end];
  }
}

/** Accents off, apostrophes and spaces unified, case kept: "Sergueï" → "Serguei". */
function unaccent(s: string): string {
  return nonWordsToSpace(s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "")).trim();
}

/**
 * Does `text` name someone by one of these spellings (any case), or by one of a spelling's
 * capitalized words as a whole word in the same case: the surname whatever the order of the
 * names ("Poutine", "Ren" for Ren Guoqiang, "Xi" for Xi Jinping)?
 */
export function namesAny(text: string, spellings: string[]): boolean {
  const hay = ` ${unaccent(text)} `;
  const lower = hay.toLowerCase();
  for (const s of spellings) {
    const sp = spellingForms(s);
    if (!sp) continue;
    if (lower.includes(sp.lower)) return true;
    for (const w of sp.capitalized) if (hay.includes(w)) return true;
  }
  return false;
}

/** What namesAny looks for of one spelling (" serguei choigou ", [" Serguei ", " Choigou "]); null when it has no word. */
interface SpellingForms {
  lower: string;
  capitalized: string[];
}
/** A spelling's forms, kept: the same registry spellings come back in every paragraph. */
const spellingForms = memoized((s: string): SpellingForms | null => {
  const words = unaccent(s);
  return words ? { lower: ` ${words.toLowerCase()} `, capitalized: words.split(" ").filter((w) => w.length >= 2 && /^\p{Lu}/u.test(w)).map((w) => ` ${w} `) } : null;
}, 50_000);

/** BMP code units that are letters or numbers (\p{L}, \p{N}); surrogates are looked at in pairs. */
let LETTER_OR_NUMBER: Uint8Array | null = null;
const ASTRAL_WORD = /^[\p{L}\p{N}]$/u;

function wordTable(): Uint8Array {
  if (LETTER_OR_NUMBER) return LETTER_OR_NUMBER;
  const t = new Uint8Array(65536);
  const word = /[\p{L}\p{N}]/u;
  for (let c = 0; c < 65536; c++) if ((c < 0xd800 || c > 0xdfff) && word.test(String.fromCharCode(c))) t[c] = 1;
  return (LETTER_OR_NUMBER = t);
}

/** `s.replace(/[^\p{L}\p{N}]+/gu, " ")`, a table look-up per character instead of that (slow) pattern. */
function nonWordsToSpace(s: string): string {
  const table = wordTable();
  const n = s.length;
  // the length (1 or 2) of the code point at i when it is a letter or number, else 0
  const wordAt = (i: number): number => {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) return ASTRAL_WORD.test(s.slice(i, i + 2)) ? 2 : 0;
    return table[c] === 1 ? 1 : 0;
  };
  const step = (i: number): number => (i + 1 < n && (s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1);
  let out = "";
  let kept = 0;
  let i = 0;
  while (i < n) {
    const w = wordAt(i);
    if (w) {
      i += w;
      continue;
    }
    out += s.slice(kept, i) + " ";
    i += step(i);
    while (i < n && !wordAt(i)) i += step(i);
    kept = i;
  }
  return kept === 0 ? s : out + s.slice(kept);
}

/**
 * The words of a text for comparing names: accents off, lower case, every run of characters that
 * are neither letters nor numbers one space, a space at both ends (" serguei choigou "). The same
 * string as ` ${fold(s).replace(/[^\p{L}\p{N}]+/gu, " ").trim()} ` (src/extract/text.ts's fold):
 * of fold's steps only those that change a letter or number matter here (NFKD, combining accents
 * dropped, the modifier-letter apostrophe, lower case), the others map a separator to a separator.
 */
export function foldedWords(s: string): string {
  const folded = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\u02bc/g, "'").toLowerCase();
  return ` ${nonWordsToSpace(folded).trim()} `;
}
