/**
 * Display formatting in French (date-fns `fr` locale). Dates are parsed from
 * "YYYY-MM-DD" into a local calendar date, so the output never depends on TZ.
 */
import { format } from "date-fns/format";
import { fr } from "date-fns/locale/fr";
import { memoized } from "../memo.js";

function toDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** "30 décembre 2022"; the first of the month is "1er", as French writes it. */
export function dateFr(iso: string | null | undefined): string {
  return iso ? dateLabel(iso) : "date inconnue";
}
/** dateFr's labels, kept: a site prints the same few thousand dates on every quotation and card. */
const dateLabel = memoized((iso: string): string => {
  const d = toDate(iso);
  return d ? `${d.getDate() === 1 ? "1er" : String(d.getDate())} ${format(d, "MMMM yyyy", { locale: fr })}` : iso;
}, 100_000);

/** "décembre 2022" from "2022-12" or "2022-12-30". */
export function monthFr(isoMonth: string): string {
  const d = toDate(isoMonth.length === 7 ? `${isoMonth}-01` : isoMonth);
  return d ? format(d, "MMMM yyyy", { locale: fr }) : isoMonth;
}

/** "déc. 2022": for chart axes. */
export function monthShortFr(isoMonth: string): string {
  const d = toDate(`${isoMonth.slice(0, 7)}-01`);
  return d ? format(d, "MMM yyyy", { locale: fr }) : isoMonth;
}

/** Number.prototype.toLocaleString("fr-FR") builds a formatter at every call (a site prints thousands of counts): one, kept. */
const FR_NUMBER = new Intl.NumberFormat("fr-FR");

/** A count as French prints it, "12 345" (a no-break space between thousands); 0–999 as they are. */
export function numberFr(n: number): string {
  // (not -0: French prints it "-0")
  return Number.isInteger(n) && n >= 0 && n < 1000 && !Object.is(n, -0) ? String(n) : FR_NUMBER.format(n).replace(/\u202f/g, "\u00a0");
}

/** "2 articles", "1 article", "0 article" (French keeps the singular for 0 and 1). */
export function plural(n: number, one: string, many?: string): string {
  return `${numberFr(n)} ${n < 2 ? one : (many ?? one + "s")}`;
}

/** Names joined the French way: "A, B et C". */
export function listFr(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} et ${items[items.length - 1]}`;
}

const FIELD_LABELS: Record<string, string> = {
  title: "titre",
  date: "date",
  outlet: "média",
  url: "adresse d'origine",
  "source.url": "adresse d'origine",
  authors: "auteurs",
  quotes: "citations",
};

/** French label of a record field name, for "corrigé à la main : titre, date". */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** "2024-07-15T09:42:00+02:00" → "15 juillet 2024 à 9 h 42" (the time as printed, its offset dropped); other text as it is. */
export function timestampFr(s: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m || !toDate(m[1])) return s;
  const time = m[2] && !(m[2] === "00" && m[3] === "00") ? ` à ${Number(m[2])}\u00a0h\u00a0${m[3]}` : "";
  return dateFr(m[1]) + time;
}

/** Where a date came from when it is printed: the page's metadata, or the article's own words. */
const METADATA = new Set(["json-ld", "html-meta", "front-matter"]);

/**
 * What a date confidence means, in words, with one vocabulary across the site:
 * "date imprimée" (in the text), "date des métadonnées" (the page's tags), "date déduite" (from
 * the corpus or the calendar), "date inconnue". Evidence that is a timestamp is shown as a date.
 */
export function dateConfidenceLabel(confidence: string, evidence: string | null, via?: string | null): string {
  if (confidence === "explicit") {
    if (via && METADATA.has(via)) return evidence ? `date des métadonnées : ${timestampFr(evidence)}` : "date des métadonnées de la page";
    return evidence ? `date imprimée : « ${timestampFr(evidence)} »` : "date imprimée dans l'article";
  }
  if (confidence === "inferred") return evidence ? `date déduite d'après ${evidence}` : "date déduite";
  return "date inconnue";
}

const CANDIDATE = /« | [;:!?»]/;

/**
 * French typography in text: the ordinary space before ; : ! ? and » and after « becomes a
 * narrow no-break space (U+202F), so a mark never starts a line alone. Only existing spaces are
 * replaced (never "10:30" or "http://"). Text only: callers keep it off URLs, attributes and code.
 */
export function frenchSpaces(text: string): string {
  if (!CANDIDATE.test(text)) return text;
  return text.replace(/« (?=\S|$)/g, "«\u202f").replace(/(^|\S) (?=[;:!?»](?![\p{L}\p{N}]))/gu, "$1\u202f");
}
