/**
 * quotes.csv for analysts: RFC 4180 quoting, one row per quotation.
 *
 * A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return as a formula (CSV injection): as OWASP recommends, such a
 * cell gets a leading single quote and is always quoted, so it opens as text.
 *
 * The file itself is written for French spreadsheets (`SPREADSHEET_FR`): a UTF-8
 * byte-order mark (without it Excel reads the bytes as Windows-1252 and every
 * accent breaks), `;` between cells (the list separator of French Excel, which
 * splits a double-clicked .csv on it, not on `,`), CRLF line ends. LibreOffice
 * reads the BOM as UTF-8 and offers `;` in its import dialog. docs/site.md, "Exports".
 */
import type { ArticleView, QuoteView } from "./model.js";

const FORMULA_START = /^[=+\-@\t\r]/;

export interface CsvFormat {
  separator: "," | ";" | "\t";
  /** Start the file with U+FEFF (UTF-8 byte-order mark). */
  bom: boolean;
}

/** RFC 4180 as most tools expect it: `,`, no BOM. */
export const RFC4180: CsvFormat = { separator: ",", bom: false };
/** What French Excel and LibreOffice open correctly by a double click: `;` and a BOM. */
export const SPREADSHEET_FR: CsvFormat = { separator: ";", bom: true };

function cell(v: string | number | boolean | null, sep: string): string {
  let s = v === null ? "" : String(v);
  const formula = typeof v === "string" && FORMULA_START.test(s);
  if (formula) s = `'${s}`;
  return formula || /["\r\n]/.test(s) || s.includes(sep) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: (string | number | boolean | null)[][], format: CsvFormat = RFC4180): string {
  const body = [header, ...rows].map((r) => r.map((v) => cell(v, format.separator)).join(format.separator)).join("\r\n") + "\r\n";
  return (format.bom ? "\uFEFF" : "") + body;
}

/** Columns of quotes.csv, in order (docs/site.md, "Exports"). */
export const QUOTES_CSV_COLUMNS = [
  "article_id", "date", "outlet", "title", "event_id", "event", "speaker_id", "speaker", "role",
  "text", "fragment", "manual", "url", "source_url",
];

/**
 * quotes.csv: one row per quotation, in the order given, with its article's
 * title, event and original address; `url` is the quotation on our site
 * (absolute), `source_url` the original article.
 */
export function quotesCsv(quotes: QuoteView[], articleOf: (id: string) => ArticleView | undefined, abs: (url: string) => string): string {
  return toCsv(
    QUOTES_CSV_COLUMNS,
    quotes.map((q) => {
      const a = articleOf(q.articleId);
      return [
        q.articleId, q.date, q.outlet?.name ?? null, q.articleTitle, a?.event?.id ?? null, a?.event?.title ?? null,
        q.speaker?.id ?? null, q.speaker?.name ?? null, q.speaker?.role ?? null, q.text, q.fragment, q.manual,
        abs(q.url), a?.sourceUrl ?? null,
      ];
    }),
    SPREADSHEET_FR,
  );
}
