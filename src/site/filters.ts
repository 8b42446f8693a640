/**
 * Eleventy plugin: the filters templates use, and the French-typography transform
 * of the HTML pages. Formatting lives here (and in model.ts), not in templates.
 */
import { dateFr, monthFr, plural, frenchSpaces } from "./format.js";
import { absoluteUrl } from "./urls.js";
import { isSpaceCode } from "./loose-match.js";

// Eleventy's config types are JSDoc in a .js file; this is the part we use.
interface FilterHost {
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addTransform(name: string, fn: (content: string, outputPath: string | false) => string): void;
}

/** Elements whose text is not French prose: left as written. */
const KEEP = new Set(["script", "style", "code", "pre", "textarea", "kbd", "samp"]);
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** [\w:-] */
const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45;

/** Where a tag found by tagAt ends, and for an element tag where its name ends (-1 for a comment, CDATA, declaration). */
let tagEnd = 0;
let tagNameEnd = -1;

/**
 * Whether markup starts at `at` (a "<"), read as the pattern
 * `<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\/?([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>`
 * would match there (a comment, CDATA, a declaration, an element tag: its alternatives tried in
 * that order); when it does, sets tagEnd (and tagNameEnd). It does what that pattern did without
 * running it character by character over every attribute of every page. False where the pattern
 * does not match (the "<" is then text).
 */
function tagAt(html: string, at: number): boolean {
  tagNameEnd = -1;
  if (html.charCodeAt(at + 1) === 33 /* ! */) {
    if (html.startsWith("<!--", at)) {
      const close = html.indexOf("-->", at + 4);
      if (close >= 0) return ((tagEnd = close + 3), true);
    }
    if (html.startsWith("<![CDATA[", at)) {
      const close = html.indexOf("]]>", at + 9);
      if (close >= 0) return ((tagEnd = close + 3), true);
    }
    const gt = html.indexOf(">", at + 2);
    return gt >= 0 && ((tagEnd = gt + 1), true);
  }
  let i = at + 1;
  if (html.charCodeAt(i) === 47 /* / */) i++;
  if (!isLetter(html.charCodeAt(i))) return false;
  i++;
  while (isNameChar(html.charCodeAt(i))) i++;
  const nameEnd = i;
  for (const n = html.length; i < n; i++) {
    const c = html.charCodeAt(i);
    if (c === 62 /* > */) {
      tagNameEnd = nameEnd;
      tagEnd = i + 1;
      return true;
    }
    if (c === 34 || c === 39 /* " ' */) {
      const close = html.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return false;
      i = close;
    }
  }
  return false;
}

const CANDIDATES = /« | [;:!?»]/g;
/** Where an attribute text may hold a `lang` (the pattern below needs these four letters). */
const LANG_WORD = /lang/gi;
const LANG_ATTR = /\slang\s*=\s*["']?([^"'\s>]*)/i;

/** Whether a lowercase tag name may be one of KEEP's (their first letters): the others need not be cut out of the page. */
const mayKeep = (c: number) => c === 115 /* s */ || c === 99 /* c */ || c === 112 /* p */ || c === 116 /* t */ || c === 107; /* k */

/**
 * French typography (frenchSpaces) applied to the text of an HTML page: never to tags, attributes
 * (URLs, data-*), comments, code, scripts, styles, nor to an element in another language
 * (`lang="en"` on an English article's text) and what it contains.
 *
 * Most of a page's tags change nothing: the walk looks at a tag's name only when it may open or
 * close an element left as written (KEEP, or the one being skipped), at its attributes only where
 * they hold the letters "lang", and it stops where no candidate for frenchSpaces is left.
 */
export function frenchTypography(html: string): string {
  CANDIDATES.lastIndex = 0;
  let candidate = CANDIDATES.exec(html)?.index ?? Infinity; // the first place at or after the last text looked at where frenchSpaces has work
  if (candidate === Infinity) return html;
  let out = "";
  let copied = 0; // html[copied…] not yet in out
  let last = 0; // end of the last tag
  let skip: { name: string; depth: number } | null = null;
  let langAt = -1; // the next "lang" (any case) at or after the attributes last looked at
  const text = (from: number, to: number) => {
    if (skip || from >= to) return;
    if (candidate < from) {
      CANDIDATES.lastIndex = from;
      candidate = CANDIDATES.exec(html)?.index ?? Infinity;
    }
    if (candidate + 2 > to) return; // no candidate inside: frenchSpaces would give the piece back
    const piece = html.slice(from, to);
    const spaced = frenchSpaces(piece);
    if (spaced === piece) return;
    out += html.slice(copied, from) + spaced;
    copied = to;
  };
  for (let lt = html.indexOf("<"); lt >= 0; lt = html.indexOf("<", lt + 1)) {
    if (!tagAt(html, lt)) continue;
    text(last, lt);
    if (candidate === Infinity) break; // no text left that frenchSpaces would change
    const start = lt;
    last = tagEnd;
    lt = tagEnd - 1;
    if (tagNameEnd < 0) continue;
    const closing = html.charCodeAt(start + 1) === 47;
    if (closing && !skip) continue;
    const nameStart = closing ? start + 2 : start + 1;
    let hasLang = false;
    if (!skip) {
      if (langAt < tagNameEnd) {
        LANG_WORD.lastIndex = tagNameEnd;
        langAt = LANG_WORD.exec(html)?.index ?? Infinity;
      }
      hasLang = langAt + 4 <= tagEnd - 1;
      // neither in KEEP nor with a lang: the element changes nothing
      if (!hasLang && !mayKeep(html.charCodeAt(nameStart) | 32)) continue;
    } else if ((html.charCodeAt(nameStart) | 32) !== skip.name.charCodeAt(0) || tagNameEnd - nameStart !== skip.name.length) continue;
    const name = html.slice(nameStart, tagNameEnd).toLowerCase();
    // /\/\s*$/ on the attributes: a "/" before the ">", spaces aside
    let k = tagEnd - 2;
    while (k >= tagNameEnd && isSpaceCode(html.charCodeAt(k))) k--;
    const selfClosing = VOID.has(name) || (k >= tagNameEnd && html.charCodeAt(k) === 47);
    if (skip) {
      if (name !== skip.name || selfClosing) continue;
      skip.depth += closing ? -1 : 1;
      if (skip.depth === 0) skip = null;
    } else if (!selfClosing) {
      const lang = hasLang ? LANG_ATTR.exec(html.slice(tagNameEnd, tagEnd - 1))?.[1] : undefined;
      if (KEEP.has(name) || (lang !== undefined && !/^fr\b/i.test(lang))) skip = { name, depth: 1 };
    }
  }
  text(last, html.length);
  return copied === 0 ? html : out + html.slice(copied);
}

export default function siteFilters(eleventyConfig: FilterHost): void {
  eleventyConfig.addFilter("dateFr", (iso: string | null) => dateFr(iso));
  eleventyConfig.addFilter("monthFr", (m: string) => monthFr(m));
  eleventyConfig.addFilter("plural", (n: number, one: string, many?: string) => plural(n, one, many));
  /** "2022-12-30" → a Date at midnight UTC, for the RSS plugin's dateToRfc3339. */
  eleventyConfig.addFilter("utcDate", (iso: string) => new Date(`${iso}T00:00:00Z`));
  /** A page's absolute address (canonical link, og:url): SITE_URL, the path prefix, the page's URL. */
  eleventyConfig.addFilter("siteAbsolute", (url: string, siteUrl: string, pathPrefix: string) => absoluteUrl(siteUrl, pathPrefix, url));
  /** Current page marker for navigation links. */
  eleventyConfig.addFilter("ariaCurrent", (pageUrl: string, section: string) =>
    section === "/" ? (pageUrl === "/" ? "page" : null) : pageUrl.startsWith(section) ? "page" : null,
  );
  // no-break spaces inside « » and before ; : ! ? in the HTML itself (not only in CSS): a
  // guillemet never stands alone at a line end, whatever the reader's browser
  eleventyConfig.addTransform("french-typography", (content: string, outputPath: string | false) =>
    typeof outputPath === "string" && outputPath.endsWith(".html") ? frenchTypography(content) : content,
  );
}
