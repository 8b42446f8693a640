/**
 * Finding a quotation inside its paragraph although the two may differ in
 * typography: apostrophes (’ vs '), runs of spaces, no-break spaces.
 */

import { sentenceSpans } from "../extract/text.js";

const APOSTROPHES = new Set(["\u2019", "\u2018", "\u02bc", "`"]);
const SPACES = /\s/;

/** Normalize one string, remembering for each output char the index it came from. */
function normalizeWithMap(s: string): { text: string; map: number[] } {
  let text = "";
  const map: number[] = [];
  let lastSpace = false;
  for (let i = 0; i < s.length; i++) {
    let c = s[i];
    if (SPACES.test(c)) {
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

/** [start, end) of `needle` in `hay` at or after `from`, ignoring typography; null when absent. */
export function findLoose(hay: string, needle: string, from = 0): [number, number] | null {
  const n = normalizeWithMap(needle.trim()).text;
  if (!n) return null;
  const exact = hay.indexOf(needle.trim(), from);
  if (exact >= 0) return [exact, exact + needle.trim().length];
  const h = normalizeWithMap(hay);
  let startN = 0;
  while (startN < h.map.length && h.map[startN] < from) startN++;
  const at = h.text.indexOf(n, startN);
  if (at < 0) return null;
  return [h.map[at], h.map[at + n.length - 1] + 1];
}

/** [start, end) of the sentence(s) of `text` that hold [from, to) (src/extract/text.ts's sentence spans). */
export function sentenceAround(text: string, from: number, to: number): [number, number] {
  let start = from;
  let end = to;
  for (const [a, b] of sentenceSpans(text)) {
    if (b <= from || a >= to) continue;
    start = Math.min(start, a);
    end = Math.max(end, b);
  }
  return [start, end];
}

/** Accents off, apostrophes and spaces unified, case kept: "Sergueï" → "Serguei". */
function unaccent(s: string): string {
  return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
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
    const words = unaccent(s);
    if (!words) continue;
    if (lower.includes(` ${words.toLowerCase()} `)) return true;
    for (const w of words.split(" ")) if (w.length >= 2 && /^\p{Lu}/u.test(w) && hay.includes(` ${w} `)) return true;
  }
  return false;
}
