/**
 * Length limits for text that is shown as a label (a title, a link text):
 * a one-paragraph transcript without a headline must not become a 70 KB title
 * printed once per quotation.
 */

/** A title longer than this is cut (headlines run to 150 characters at most). */
export const TITLE_MAX = 200;

/**
 * `text` when it has at most `max` characters; otherwise cut at the last word
 * boundary before `max` (mid-word only when the first word is longer), with
 * trailing punctuation and spaces dropped, and "…" added. Never splits a
 * surrogate pair; the result has at most `max` characters.
 */
export function clipAtWord(text: string, max: number = TITLE_MAX): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max); // one character kept for the ellipsis below
  const space = cut.search(/\s\S*$/u);
  if (space >= max / 2) cut = cut.slice(0, space);
  else cut = cut.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/[\s,;:.\-–—(«“"']+$/u, "");
  return `${cut}…`;
}
