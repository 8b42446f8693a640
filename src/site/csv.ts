/**
 * quotes.csv for analysts: RFC 4180 quoting, one row per quotation.
 *
 * A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return as a formula (CSV injection): as OWASP recommends, such a
 * cell gets a leading single quote and is always quoted, so it opens as text.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(v: string | number | boolean | null): string {
  let s = v === null ? "" : String(v);
  const formula = typeof v === "string" && FORMULA_START.test(s);
  if (formula) s = `'${s}`;
  return formula || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: (string | number | boolean | null)[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
