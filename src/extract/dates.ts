/**
 * Dates in French (and English) news text: "30.12.2022", "08/11/2023 à 15:35",
 * "mercredi 8 novembre 2023", "14 octobre", "2024-10-14", "November 8, 2023".
 * Weekdays are checked against the date (date-fns accepts a wrong one silently).
 */
import { getISODay, isExists } from "date-fns";
import { MONTHS, WEEKDAYS } from "./lexicon.js";
import { fold } from "./text.js";

export interface DateMatch {
  /** YYYY-MM-DD when the year is known, else null. */
  iso: string | null;
  year: number | null;
  month: number;
  day: number;
  /** ISO weekday named next to the date (1 = Monday), if any. */
  weekday: number | null;
  /** False when a weekday was named and does not fall on that date. */
  weekdayOk: boolean;
  /** The words as printed. */
  evidence: string;
  index: number;
}

const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join("|");
const WEEKDAY_NAMES = Object.keys(WEEKDAYS).join("|");
const TIME = String.raw`(?:\s*(?:à|a|,|-|at)?\s*\d{1,2}\s?[h:]\s?\d{2})?`;

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => [number | null, number, number, string | null] }[] = [
  // ISO 2024-10-14(T16:29)
  { re: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?/g, read: (m) => [+m[1], +m[2], +m[3], null] },
  // 2023/11/08
  { re: /\b(\d{4})\/(\d{1,2})\/(\d{1,2})\b/g, read: (m) => [+m[1], +m[2], +m[3], null] },
  // 30.12.2022, 08/11/2023 à 15:35 (day first, as in French)
  { re: new RegExp(String.raw`\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b${TIME}`, "g"), read: (m) => [+m[3], +m[2], +m[1], null] },
  // 08/11/23 (two-digit year, as in "Publié le 08/11/23 à 15h35")
  { re: new RegExp(String.raw`\b(\d{1,2})/(\d{1,2})/(\d{2})\b(?![/.]\d)${TIME}`, "g"), read: (m) => [2000 + +m[3], +m[2], +m[1], null] },
  // (mercredi) 8 novembre (2023)
  {
    re: new RegExp(String.raw`(?:\b(${WEEKDAY_NAMES})\s+)?\b(\d{1,2})(?:er|st|nd|rd|th)?\s+(${MONTH_NAMES})\.?(?:\s+(\d{4}))?\b${TIME}`, "gi"),
    read: (m) => [m[4] ? +m[4] : null, MONTHS[fold(m[3])], +m[2], m[1] ?? null],
  },
  // (Wednesday,) November 8, 2023
  {
    re: new RegExp(String.raw`(?:\b(${WEEKDAY_NAMES}),?\s+)?\b(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, "gi"),
    read: (m) => [+m[4], MONTHS[fold(m[2])], +m[3], m[1] ?? null],
  },
];

export function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function isoWeekday(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return getISODay(new Date(y, m - 1, d));
}

/** Lower-case and strip accents character by character, so offsets stay those of the original. */
export function foldKeepOffsets(s: string): string {
  // fast path: precomposed Latin letters decompose to one base letter and marks
  const quick = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  if (quick.length === s.length) return quick.replace(/[\u00a0\u202f]/g, " ");
  let out = "";
  for (const c of s) {
    const base = c.normalize("NFD")[0] ?? c;
    const low = (/[\u0300-\u036f]/.test(c.normalize("NFD")) ? base : c).toLowerCase();
    out += low.length === c.length ? low : c;
  }
  return out.replace(/[\u00a0\u202f]/g, " ");
}

/** Every date written in the text, in order of appearance. */
export function findDates(text: string): DateMatch[] {
  const folded = foldKeepOffsets(text);
  const sameLength = folded.length === text.length;
  const out: DateMatch[] = [];
  const taken: [number, number][] = [];
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(folded))) {
      const a = m.index;
      const b = a + m[0].length;
      if (taken.some(([x, y]) => a < y && b > x)) continue;
      const [year, month, day, wd] = read(m);
      if (!month || month < 1 || month > 12 || day < 1 || day > 31) continue;
      if (year !== null && (year < 1900 || year > 2100 || !isExists(year, month - 1, day))) continue;
      const weekday = wd ? WEEKDAYS[fold(wd)] : null;
      const iso = year !== null ? `${year}-${pad(month)}-${pad(day)}` : null;
      const weekdayOk = !(weekday && iso && isoWeekday(iso) !== weekday);
      taken.push([a, b]);
      out.push({ iso, year, month, day, weekday, weekdayOk, evidence: (sameLength ? text.slice(a, b) : m[0]).trim(), index: a });
    }
  }
  return out.sort((x, y) => x.index - y.index);
}

/** Weekdays the text names on their own ("ce vendredi", "a dit lundi"), as ISO numbers, in order. */
export function mentionedWeekdays(text: string): { weekday: number; evidence: string }[] {
  const out: { weekday: number; evidence: string }[] = [];
  const re = new RegExp(String.raw`\b((?:ce|this|on)\s+)?(${WEEKDAY_NAMES})\b(?!\s+\d)`, "gi");
  const folded = foldKeepOffsets(text);
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded))) out.push({ weekday: WEEKDAYS[m[2]], evidence: text.slice(m.index, m.index + m[0].length) });
  return out;
}

/** The largest four-digit year the text names (to rule out dating it earlier). */
export function maxYearMentioned(text: string): number | null {
  let max: number | null = null;
  for (const m of text.matchAll(/\b(19[5-9]\d|20\d\d)\b/g)) {
    const y = +m[1];
    if (max === null || y > max) max = y;
  }
  return max;
}

/** A wire dateline at the start of the text: "MOSCOU, 8 novembre 2023 (AFP) -". */
export function wireDateline(text: string): DateMatch | null {
  const head = text.slice(0, 80);
  if (!/^[\p{Lu}][\p{Lu}\p{L}\s'-]{2,30},/u.test(head) || !/\((AFP|Reuters|AP|Belga|ATS)\)/.test(head)) return null;
  const d = findDates(head)[0];
  return d && d.iso ? d : null;
}
