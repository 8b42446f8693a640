/**
 * Dates in French (and English) news text: "30.12.2022", "08/11/2023 à 15:35",
 * "mercredi 8 novembre 2023", "14 octobre", "2024-10-14", "November 8, 2023".
 * Weekdays are checked against the date (date-fns accepts a wrong one silently).
 */
// one module each, not the packages' indexes (which load every function and every locale: a tenth of a second at start-up)
import { getISODay } from "date-fns/getISODay";
import { isExists } from "date-fns/isExists";
import { MONTHS, WEEKDAYS } from "./lexicon.js";
import { fold, sentences } from "./text.js";

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
  /**
   * A numeric date whose day and month can be swapped ("07/08/2016": 7 August in French,
   * July 8 in American English): `iso` is the day-first reading, `alt` the month-first one.
   * Null when only one reading exists ("07-29-2016", "29/07/2016", "08/08/2016").
   */
  alt: string | null;
  /** The words as printed. */
  evidence: string;
  index: number;
}

const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join("|");
const WEEKDAY_NAMES = Object.keys(WEEKDAYS).join("|");
/** A time after the date: "à 15:35", "08h24", ", 10:15 am", "- 13:13", "05:10 PM". */
const TIME = String.raw`(?:\s*(?:à|a|,|-|at)?\s*\d{1,2}\s?[h:]\s?\d{2}(?:\s?[ap]\.?m\b\.?)?)?`;
/** A weekday before the date: "mercredi 8", "Wednesday, November 8", "Tuesday (31 January 2023)". */
const WEEKDAY_BEFORE = String.raw`(?:\b(${WEEKDAY_NAMES})\s*[,(]?\s*)?`;

type Read = [year: number | null, month: number, day: number, weekday: string | null, alt?: [month: number, day: number] | null];

/**
 * A numeric date: day first (French, and most of the world). When the second number cannot
 * be a month ("07-29-2016", "6/13/2018") the date is American, month first: read so with a
 * hyphen, and with a slash or a dot only when the caller asks (a page's own byline; in HTML the
 * page's metadata is the better witness). When both readings exist the month-first one is kept
 * as `alt`, for the caller to settle with the language or another date of the text.
 */
function numeric(a: number, b: number, year: number, sep: string, monthFirst: boolean): Read {
  if (b > 12 && a <= 12) return sep === "-" || monthFirst ? [year, a, b, null, null] : [year, 0, 0, null, null];
  return [year, b, a, null, a <= 12 && b <= 12 && a !== b ? [a, b] : null];
}

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray, monthFirst: boolean) => Read; capitalMonth?: number }[] = [
  // ISO 2024-10-14(T16:29)
  { re: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?/g, read: (m) => [+m[1], +m[2], +m[3], null] },
  // 2023/11/08
  { re: /\b(\d{4})\/(\d{1,2})\/(\d{1,2})\b/g, read: (m) => [+m[1], +m[2], +m[3], null] },
  // 30.12.2022, 08/11/2023 à 15:35, 25-11-2016 (day first, as in French; 07-29-2016 is month first)
  { re: new RegExp(String.raw`\b(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b${TIME}`, "g"), read: (m, monthFirst) => numeric(+m[1], +m[3], +m[4], m[2], monthFirst) },
  // 08/11/23 (two-digit year, as in "Publié le 08/11/23 à 15h35")
  { re: new RegExp(String.raw`\b(\d{1,2})/(\d{1,2})/(\d{2})\b(?![/.]\d)${TIME}`, "g"), read: (m) => [2000 + +m[3], +m[2], +m[1], null] },
  // "le 28/07", "du 11/03": a French day/month with no year, only after the article that makes it a date
  { re: /\b(?:le|du|au)\s+(\d{1,2})\/(\d{1,2})\b(?![/.]\d)/g, read: (m) => [null, +m[2], +m[1], null] },
  // (mercredi) 8 novembre (2023), 01 December, 2022, 23rd November, 2021
  {
    re: new RegExp(String.raw`${WEEKDAY_BEFORE}\b(\d{1,2})(?:er|st|nd|rd|th)?\s+(${MONTH_NAMES})\.?(?:,?\s+(\d{4}))?\b${TIME}`, "gi"),
    read: (m) => [m[4] ? +m[4] : null, MONTHS[fold(m[3])], +m[2], m[1] ?? null],
  },
  // (Wednesday,) November 8, 2023; Aug. 8 (no year: the month must be capitalized, "may 3" is not a date)
  {
    re: new RegExp(String.raw`${WEEKDAY_BEFORE}\b(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?${TIME}`, "gi"),
    read: (m) => [m[4] ? +m[4] : null, MONTHS[fold(m[2])], +m[3], m[1] ?? null],
    capitalMonth: 2,
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

/** "Tuesday (31 January 2023": the weekday's bracket is closed in the evidence. */
function closeBracket(s: string): string {
  return s.includes("(") && !s.includes(")") ? s + ")" : s;
}

/** Every date written in the text, in order of appearance. */
export function findDates(text: string, opts: { monthFirst?: boolean } = {}): DateMatch[] {
  const folded = foldKeepOffsets(text);
  const sameLength = folded.length === text.length;
  const out: DateMatch[] = [];
  const taken: [number, number][] = [];
  for (const { re, read, capitalMonth } of PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(folded))) {
      const a = m.index;
      const b = a + m[0].length;
      if (taken.some(([x, y]) => a < y && b > x)) continue;
      const [year, month, day, wd, swapped] = read(m, opts.monthFirst ?? false);
      if (!month || month < 1 || month > 12 || day < 1 || day > 31) continue;
      if (year !== null && (year < 1900 || year > 2100 || !isExists(year, month - 1, day))) continue;
      if (year === null && capitalMonth && sameLength) {
        // "Aug. 8" is a date, "may 8" is a verb and a number
        const at = a + m[0].indexOf(m[capitalMonth], m[1] ? m[1].length : 0);
        if (!/\p{Lu}/u.test(text[at] ?? "")) continue;
      }
      const weekday = wd ? WEEKDAYS[fold(wd)] : null;
      const iso = year !== null ? `${year}-${pad(month)}-${pad(day)}` : null;
      const weekdayOk = !(weekday && iso && isoWeekday(iso) !== weekday);
      const alt = swapped && year !== null && isExists(year, swapped[0] - 1, swapped[1]) ? `${year}-${pad(swapped[0])}-${pad(swapped[1])}` : null;
      taken.push([a, b]);
      out.push({ iso, year, month, day, weekday, weekdayOk, alt, evidence: closeBracket((sameLength ? text.slice(a, b) : m[0]).trim().replace(/[\s,(-]+$/, "")), index: a });
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

/**
 * A wire dateline opening the text, and the date it prints if any:
 * "MOSCOU, 8 novembre 2023 (AFP) -", "PEKIN/MOSCOU, 11 mars (Reuters) -", "BEIJING, Aug. 8 (Xinhua) --",
 * "MOSCOW, July 23. /TASS/.", "MOSCOW (UrduPoint News / Sputnik - 23rd November, 2021)", "BEIJING (AP) —".
 * The city is in capitals (or "Moscou (AFP) –"); the credit is in brackets or between slashes.
 */
function wireDatelineAt(text: string): { date: DateMatch | null; length: number } | null {
  const m = /^([\p{Lu}][\p{Lu}\p{L}'’ .\/-]{1,40}?)(?:,\s*([^()\n]{3,40}?))?\s*(?:\(([^()\n]{2,60})\)|\/([\p{Lu}]{2,10})\/)\.?\s*(?:[-–—]{1,2}|\.|\s)/u.exec(text.slice(0, 160));
  if (!m) return null;
  const city = m[1].trim();
  // the city is printed in capitals, or it is one word with an agency in brackets ("Moscou (AFP) –")
  if (city !== city.toUpperCase() && (/\s/.test(city) || !m[3])) return null;
  const dated = findDates((m[2] ?? "") + " | " + (m[3] ?? ""))[0] ?? null;
  return { date: dated, length: m[0].length };
}

/**
 * The latest year a publication can have, for a day printed without its year ("mercredi 10 juillet"),
 * when the caller gives none. The CLIs give the year they run in (`SeedInput.latestYear`, read once
 * from the clock by the CLI, part of the record cache key); this default keeps the library and the
 * tests independent of the clock.
 */
export const LATEST_YEAR = 2026;

/** A year a phrase puts ahead of the text's own time: "d'ici 2030", "through 2025", "2021-2025". */
const FUTURE_BEFORE = /(?:d['’]ici (?:à |a )?(?:la )?(?:fin )?(?:de )?|jusqu['’](?:en|à|a|au) (?:fin )?|horizon |through |until |till |by (?:the end of )?|\d{4}\s?[-–/]\s?)$/i;

/** Four-digit years the text prints as past or present (the publication cannot be earlier than the latest one). */
export function printedYears(text: string): { year: number; index: number }[] {
  const out: { year: number; index: number }[] = [];
  for (const m of text.matchAll(/\b(19[5-9]\d|20\d\d)\b/g)) {
    if (FUTURE_BEFORE.test(text.slice(Math.max(0, m.index! - 30), m.index))) continue;
    out.push({ year: +m[1], index: m.index! });
  }
  return out;
}

/** Words that name a military exercise or patrol near its code name ("l'exercice « Joint Sea 2017 »", "Ocean-2024 exercise"). */
const EXERCISE_WORD = /exercice|exercise|drill|man(?:œ|oe)uvre|patrouille|patrol|war ?game/i;
/** Words before a year that do not make it a name ("en 2024", "mars 2024", "fin 2023"). */
const NOT_A_NAME_WORD = new Set(["en", "in", "de", "du", "des", "of", "depuis", "since", "fin", "debut", "mi", "annee", "year", "ete", "summer", "printemps", "spring", "automne", "autumn", "fall", "hiver", "winter", "avant", "apres", "before", "after", "et", "and", "a", "au", "le", "la", "the", "from", "to", "vers", "pour", "for", "l'an", "an"]);

/** The year of an exercise's code name, "Joint Sea 2017", "Ocean-2024", "Ceinture de sécurité maritime - 2024": the year it is held. */
export function exerciseYears(text: string): { year: number; evidence: string }[] {
  const out: { year: number; evidence: string }[] = [];
  for (const { year, index } of printedYears(text)) {
    const before = text.slice(Math.max(0, index - 40), index);
    const m = /([\p{L}][\p{L}/’'-]*)(\s*[-–]\s*|\s)$/u.exec(before);
    if (!m) continue;
    const word = fold(m[1]);
    if (MONTHS[word.replace(/\.$/, "")] || NOT_A_NAME_WORD.has(word)) continue;
    // the whole code name when it opens with a quotation mark: « Joint Sea 2017 », "Ceinture de sécurité maritime - 2024"
    const q = Math.max(before.lastIndexOf("«"), before.lastIndexOf('"'), before.lastIndexOf("“"), before.lastIndexOf("‘"));
    const quoted = q >= 0 && q < before.length - m[0].length && !/[»”’]/.test(before.slice(q + 1));
    // a name: joined by a hyphen, a capitalized word, or inside quotation marks
    if (!/[-–]/.test(m[2]) && !/^\p{Lu}/u.test(m[1]) && !quoted) continue;
    const around = text.slice(Math.max(0, index - 100), index + 100);
    if (!EXERCISE_WORD.test(around)) continue;
    const name = quoted ? before.slice(q + 1) : m[1] + m[2];
    out.push({ year, evidence: (name + year).replace(/\s+/g, " ").trim() });
  }
  return out;
}

/** Words of an anniversary or a look back: the same day and month in another year is not the article's. */
const ANNIVERSARY = /anniversaire|anniversary|il y a (?:un|deux|trois|quatre|cinq|dix|\d+) ans|years? ago|jour pour jour|years? after|ans après/i;

export interface ResolvedYear {
  year: number;
  /** Why that year: the words of the text that settle it. */
  reason: string;
}

/**
 * The year of a date printed without one ("11 mars", "mercredi 10 juillet", "le 28/07"), only when
 * exactly one year fits what the text says, in this order:
 *  1. the same day and month printed elsewhere with a year ("On July 23, 2019");
 *  2. the code name of the exercise the text reports ("Joint Sea 2017", "Ocean-2024"), when no later
 *     year is printed (and the weekday, if named, falls on that date);
 *  3. the weekday named with it: the only year, from the latest year printed up to `latestYear`,
 *     in which that day falls on that weekday.
 * Otherwise null: a wrong year is worse than none.
 */
export function resolveYear(d: { month: number; day: number; weekday: number | null }, text: string, latestYear: number): ResolvedYear | null {
  const fits = (y: number) => isExists(y, d.month - 1, d.day) && (!d.weekday || isoWeekday(`${y}-${pad(d.month)}-${pad(d.day)}`) === d.weekday);
  // an anniversary prints the same day of an earlier year: that day settles nothing
  const full = ANNIVERSARY.test(text) ? [] : findDates(text).filter((x) => x.iso && x.month === d.month && x.day === d.day && !x.alt);
  const fullYears = [...new Set(full.map((x) => x.year!))];
  if (fullYears.length === 1 && fits(fullYears[0])) return { year: fullYears[0], reason: `« ${full[0].evidence} »` };
  if (fullYears.length > 1) return null;
  const years = printedYears(text).map((y) => y.year);
  const latest = years.length ? Math.max(...years) : null;
  const ex = exerciseYears(text);
  const exYears = [...new Set(ex.map((x) => x.year))];
  if (exYears.length === 1 && latest !== null && exYears[0] === latest && latest <= latestYear && fits(latest)) {
    return { year: latest, reason: `« ${ex[0].evidence} »` };
  }
  if (d.weekday && latest !== null) {
    const candidates: number[] = [];
    for (let y = latest; y <= latestYear; y++) if (fits(y)) candidates.push(y);
    // a look back ("deux ans après le jeudi 24 février", 2022 printed): the printed year itself may be that past day's
    if (candidates.length === 1 && !(candidates[0] === latest && ANNIVERSARY.test(text))) return { year: candidates[0], reason: `le seul ${frenchDay(`${candidates[0]}-${pad(d.month)}-${pad(d.day)}`)} entre ${latest} (année la plus récente citée) et ${latestYear}` };
  }
  return null;
}

const FRENCH_WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
const FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/**
 * "mercredi 10 juillet", "lundi 1er mai": the day in French words, as date-fns's
 * format(·, "EEEE d MMMM", { locale: fr }) writes it (tests/dates.test.ts compares them),
 * without its formatter, slow on its first calls. With `year`: "mercredi 1 mai 2024",
 * as format(·, "EEEE d MMMM yyyy") writes it (the evidence of a date linking inferred).
 */
export function frenchDay(iso: string, year = false): string {
  const [y, m, d] = iso.split("-").map(Number);
  const day = `${FRENCH_WEEKDAYS[new Date(y, m - 1, d).getDay()]} ${d === 1 && !year ? "1er" : d} ${FRENCH_MONTHS[m - 1]}`;
  return year ? `${day} ${String(y).padStart(4, "0")}` : day;
}

export interface TextDate {
  iso: string;
  /** The words of the text that prove the date (and, for an inferred year, what settles it). */
  evidence: string;
  confidence: "explicit" | "inferred";
  /** "url": the page's web address, pasted with the text. */
  via: "byline" | "text" | "url";
  warning?: string;
}

/** Words before a date in the lede that make it something else than the day of the news: a window, a deadline, a past. */
const NOT_THE_DAY = /(?:depuis|jusqu['’]\s?(?:au|à|a)|à partir d[ue]|d['’]ici|avant|après|entre|du|au|since|until|from|through|by|before|after|between|le jour où)\s*(?:le\s+)?$/i;

/** A reporting verb right before a weekday and its date: "said Thursday, April 25, 2019", "a annoncé lundi 4 mars 2024". */
const SPOKE_BEFORE = /\b(said|says|told|announced|stated|declared|added|reported|(a|ont) (déclaré|annoncé|dit|affirmé|indiqué|précisé))\s*$/i;

/**
 * The publication date that a page's text proves, in priority order (the page's metadata is read by
 * the caller first):
 *  1. the byline or dateline line ("Publié le 08/11/2023 à 15:35", "Xinhua | 25.11.2016 08h24",
 *     "11:47, August 09, 2025"): the publication date wins over an update date; an ambiguous
 *     numeric date (07/08/2016) is read day first in French, else only when the text prints the
 *     same day in words; a day without a year ("le 28/07") gets one only by `resolveYear`;
 *  1b. a dated web address pasted with the text (…/2023/11/08/…, …/20240312/…);
 *  2. a wire dateline ("MOSCOU, 8 novembre 2023 (AFP) -", "MOSCOW, July 23. /TASS/.");
 *  3. the first sentence of the lede when it names the day as today: "ce mardi 9 juillet 2024",
 *     "ce 3 septembre 2025", "on Tuesday (31 January 2023)", "a déclaré mardi 27 janvier"
 *     (a weekday or "ce" next to the date; never a window "du 11 au 15 mars" or "depuis le …");
 *  4. a wire lede that names only a weekday ("BEIJING (AP) — China said Thursday"): the one date
 *     the text prints with that weekday ("Thursday, April 25, 2019"), if it is the latest printed.
 * Captions, teasers, comments and copyright lines are not read here: the caller passes the
 * bylines, the lede and the article text only.
 */
export function publicationDate(input: { bylines: string[]; url?: string | null; opening: string[]; text: string; language: string; latestYear?: number }): TextDate | null {
  const latestYear = input.latestYear ?? LATEST_YEAR;
  const { text } = input;
  // 1. bylines
  const candidates = input.bylines.flatMap((line) =>
    findDates(line, { monthFirst: true }).map((d) => ({ d, line, rank: /(mis à jour|mise à jour|modifié|actualisé|updated|modified)\W*(le\s*|on\s*|at\s*)?:?\s*$/i.test(line.slice(Math.max(0, d.index - 24), d.index)) ? 1 : 0 })),
  );
  candidates.sort((a, b) => a.rank - b.rank);
  for (const { d } of candidates) {
    if (d.iso) {
      let iso: string | null = d.iso;
      let evidence = d.evidence;
      if (d.alt && input.language !== "fr") {
        // "07/08/2016" outside French: only a date printed in words settles which is the month
        const readings = [d.iso.slice(5), d.alt.slice(5)];
        const words = findDates(text).filter((x) => !x.alt && readings.includes(`${pad(x.month)}-${pad(x.day)}`) && (x.year === null || x.year === d.year));
        const settled = [...new Set(words.map((x) => `${pad(x.month)}-${pad(x.day)}`))];
        iso = settled.length === 1 ? `${d.year}-${settled[0]}` : null;
        if (iso) evidence = `${d.evidence} (« ${words[0].evidence} »)`;
      }
      if (!iso) continue;
      return { iso, evidence, confidence: "explicit", via: "byline", warning: d.weekdayOk ? undefined : `le jour de la semaine de « ${d.evidence} » ne correspond pas à cette date` };
    }
    const y = resolveYear(d, text, latestYear);
    if (y) return { iso: `${y.year}-${pad(d.month)}-${pad(d.day)}`, evidence: `« ${d.evidence} », ${y.year} : ${y.reason}`, confidence: "inferred", via: "byline" };
  }
  // 1b. a dated web address: https://example.org/international/2023/11/08/…, …/20240312/…
  const u = input.url?.match(/\/(20\d\d)[/-](\d\d)[/-](\d\d)(?=[/_-]|$)|\/(20\d\d)(\d\d)(\d\d)(?=\/)/);
  if (u) {
    const [y, m, d] = u[1] ? [u[1], u[2], u[3]] : [u[4], u[5], u[6]];
    if (isExists(+y, +m - 1, +d)) return { iso: `${y}-${m}-${d}`, evidence: input.url!, confidence: "explicit", via: "url" };
  }
  // the dateline and the day of the news are in the first paragraph, or the second after a standfirst
  for (const first of input.opening.slice(0, 2)) {
    const found = openingDate(first, input.text, input.language, latestYear);
    if (found !== undefined) return found;
  }
  return null;
}

/** Steps 2–4 on one opening paragraph: a date, null (a dateline that settles nothing), undefined (nothing here). */
function openingDate(first: string, text: string, language: string, latestYear: number): TextDate | null | undefined {
  // 2. wire dateline
  const wire = wireDatelineAt(first);
  if (wire?.date) {
    const d = wire.date;
    if (d.iso && !d.alt) return { iso: d.iso, evidence: d.evidence, confidence: "explicit", via: "text" };
    if (!d.iso) {
      const y = resolveYear(d, text, latestYear);
      if (y) return { iso: `${y.year}-${pad(d.month)}-${pad(d.day)}`, evidence: `« ${first.slice(0, wire.length).trim()} », ${y.year} : ${y.reason}`, confidence: "inferred", via: "text" };
    }
    return null;
  }
  // 3. the lede names the day
  const sentence = sentences(first)[0] ?? first.slice(0, 300);
  for (const d of findDates(sentence)) {
    const before = sentence.slice(Math.max(0, d.index - 30), d.index);
    // "ce mardi", "this Tuesday" (not "de ce 11 septembre 2001", a demonstrative)
    const deictic = /\b(?:ce|this)\s*$/i.test(before) && !/\b(?:de|du|of)\s+(?:ce|this)\s*$/i.test(before);
    const weekday = d.weekday ?? weekdayJustBefore(before);
    if (NOT_THE_DAY.test(before) && !deictic) continue;
    if (!deictic && !weekday) continue;
    if (d.iso) {
      if (d.alt && language !== "fr") continue;
      if (weekday && isoWeekday(d.iso) !== weekday) continue;
      // without "ce", a weekday and a year may name a past day ("le jeudi 24 février 2022, jour de l'invasion"):
      // only the latest year printed, in a text that looks back on nothing
      if (!deictic && (ANNIVERSARY.test(text) || d.year! < Math.max(...printedYears(text).map((p) => p.year)))) continue;
      return { iso: d.iso, evidence: d.evidence, confidence: "inferred", via: "text" };
    }
    const y = resolveYear({ month: d.month, day: d.day, weekday }, text, latestYear);
    if (y) return { iso: `${y.year}-${pad(d.month)}-${pad(d.day)}`, evidence: `« ${d.evidence} », ${y.year} : ${y.reason}`, confidence: "inferred", via: "text" };
    return null;
  }
  // 4. a wire lede naming a weekday, and the one date printed with that weekday
  if (wire) {
    const named = mentionedWeekdays(sentence)[0];
    if (named) {
      const all = findDates(text).filter((x) => x.iso && !x.alt);
      // "… spokesman Ren Guoqiang said Thursday, April 25, 2019, that …": the day someone spoke, not a photo's date
      const withDay = all.filter((x) => x.weekday === named.weekday && x.weekdayOk && SPOKE_BEFORE.test(text.slice(Math.max(0, x.index - 30), x.index)));
      const latest = all.reduce((m, x) => (x.iso! > m ? x.iso! : m), "");
      const years = printedYears(text).map((p) => p.year);
      if (withDay.length && new Set(withDay.map((x) => x.iso)).size === 1 && withDay[0].iso === latest && withDay[0].year! >= Math.max(...years)) {
        return { iso: withDay[0].iso!, evidence: `« ${named.evidence} » : « ${withDay[0].evidence} »`, confidence: "inferred", via: "text" };
      }
    }
    return null;
  }
  return undefined;
}

const WEEKDAY_AT_END = new RegExp(String.raw`\b(${WEEKDAY_NAMES})\s*[,(]?\s*$`, "i");
/** "le Tuesday (", "lundi, ": a weekday standing right before a date. */
function weekdayJustBefore(before: string): number | null {
  const m = WEEKDAY_AT_END.exec(foldKeepOffsets(before));
  return m ? WEEKDAYS[m[1]] : null;
}
