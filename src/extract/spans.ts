/**
 * Quotation spans: where quotations stand in a paragraph, which quoted words are
 * names rather than speech (« Joint Sea-2024 », « Quad », titles of works), and a
 * quotation left open at the end of a paragraph (the French convention for a
 * quotation over several paragraphs: « opens each paragraph, » only closes the last).
 */
import { EXERCISE_NOUNS, NAMING_WORDS, WORK_NOUNS } from "./lexicon.js";
import { fold, squash, unitClass, UNIT_ALNUM } from "./text.js";

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
export function findQuoteSpans(raw: string): QuoteSpan[] {
  if (!/[«“„"]|''/.test(raw)) return [];
  // ''…'' (two apostrophes, typed for want of a quotation mark) is read as "…"; same length, same offsets
  const text = raw.includes("''") ? raw.replace(/(?<![\p{L}])''|''(?![\p{L}])/gu, '" ') : raw;
  const n = text.length;
  // next occurrence of each closer at or after i
  // (a closer the text does not hold has no table: none at any offset)
  const closers = ["»", "”", "“", '"'];
  const next: Record<string, Int32Array> = {};
  for (const c of closers) {
    const code = c.charCodeAt(0);
    if (!text.includes(c)) continue;
    const arr = new Int32Array(n + 1);
    arr[n] = -1;
    for (let i = n - 1; i >= 0; i--) arr[i] = text.charCodeAt(i) === code ? i : arr[i + 1];
    next[c] = arr;
  }
  const out: QuoteSpan[] = [];
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0xab && code !== 0x201c && code !== 0x201e && code !== 0x22) continue; // « “ „ "
    const c = text[i];
    const cl = PAIRS[c];
    if (c === '"') {
      // an opening straight quote starts a word
      if (i > 0 && unitClass(text.charCodeAt(i - 1)) === UNIT_ALNUM) continue;
    }
    let j = -1;
    for (const x of cl) {
      if (!next[x]) continue;
      let k = next[x][i + 1];
      if (c === '"') {
        // a closing straight quote ends a word: skip ones glued to a following letter
        while (k >= 0 && k + 1 < n && unitClass(text.charCodeAt(k + 1)) === UNIT_ALNUM && k - i < MAX_QUOTE) k = next[x][k + 1];
      }
      if (k >= 0 && (j < 0 || k < j)) j = k;
    }
    if (j < 0 || j - i > MAX_QUOTE) continue;
    const inner = squash(text.slice(i + 1, j));
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

/**
 * An opening mark after the last span that nothing closes in the paragraph: the
 * quotation runs on into the next paragraph. Its offset, or -1.
 */
export function openTail(text: string, spans: QuoteSpan[]): number {
  const from = spans.length ? spans[spans.length - 1].close + 1 : 0;
  const rest = text.slice(from);
  for (const [o, c] of [["«", "»"], ["“", "”"]] as const) {
    const i = rest.lastIndexOf(o);
    if (i >= 0 && !rest.includes(c, i) && /\p{L}/u.test(rest.slice(i + 1))) return from + i;
  }
  const q = rest.indexOf('"');
  // one straight quote left, opening a word: "Army Gen. … China.
  if (q >= 0 && rest.indexOf('"', q + 1) < 0 && (q === 0 || !/[\p{L}\p{N}.,;:!?]/u.test(rest[q - 1])) && /^[\p{L}\p{N}]/u.test(rest.slice(q + 1))) return from + q;
  return -1;
}


/**
 * Quoted words that are a name, not speech: an exercise or event designation
 * (« Joint Sea-2024 », "Vostok 2022", "Northern/Interaction-2023" drills), a name
 * introduced as such ("connus sous le nom de « Quad »", "themed \"…\""), the title of a
 * work ("le texte de Mao « De la contradiction »"), or its translation in brackets.
 * `before`/`after`: the narrator's words around the span (a few dozen characters).
 */
export function isDesignation(inner: string, before: string, after: string): boolean {
  const words = inner.trim().split(/\s+/);
  if (words.length > 8) return false;
  const b = fold(before).replace(/[«“"„(\[,]+\s*$/, "").trimEnd();
  const a = fold(after);
  // a name introduced as such
  if (NAMING_WORDS.test(b)) return true;
  const capitalized = /^[\p{Lu}\p{N}]/u.test(inner);
  const year = /(^|[\s/-])(19|20)\d\d$/.test(inner.trim());
  if (words.length <= 5 && capitalized && year) return true; // "Interaction maritime 2024", "Ocean-2024"
  const tail = b.split(/\s+/).slice(-4);
  const head = a.replace(/^[»”"\s,)\]]+/, "").split(/\s+/).slice(0, 3);
  const allCaps = words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || /^(de|du|des|of|the|and|la|le)$/.test(w));
  if (words.length <= 4 && capitalized && (/\d/.test(inner) || allCaps) && [...tail, ...head].some((w) => EXERCISE_NOUNS.has(w))) return true;
  // a translation in brackets right after a name: ["Maritime Security Belt", en anglais]
  if (words.length <= 5 && allCaps && /^[»”"\s]*,?\s*(en anglais|en russe|en chinois|in english|in russian|in chinese)/.test(a)) return true;
  // the title of a work: a short capitalized phrase after "texte", "livre", "book"… (within a few words)
  if (words.length <= 6 && capitalized && !/[.!?]$/.test(inner.trim()) && WORK_NOUNS.test(tail.join(" "))) return true;
  return false;
}

/**
 * A paragraph that goes on with a quotation opened in the previous one without
 * repeating the opening mark ("They expressed …," the statement says.): the offset of
 * the mark that closes it, when the paragraph's first quotation mark is a closing one; else -1.
 */
export function closesFirst(text: string): number {
  const m = /«|»|“|”|"/.exec(text);
  if (!m) return -1;
  if (m[0] === "»" || m[0] === "”") return m.index;
  if (m[0] === '"' && m.index > 0 && /[\p{L}\p{N}.,;:!?)]/u.test(text[m.index - 1]) && !/[\p{L}\p{N}]/u.test(text[m.index + 1] ?? "")) return m.index;
  return -1;
}
