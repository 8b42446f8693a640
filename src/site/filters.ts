/**
 * Eleventy plugin: the filters templates use, and the French-typography transform
 * of the HTML pages. Formatting lives here (and in model.ts), not in templates.
 */
import { dateFr, monthFr, plural, frenchSpaces } from "./format.js";
import { absoluteUrl } from "./urls.js";

// Eleventy's config types are JSDoc in a .js file; this is the part we use.
interface FilterHost {
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addTransform(name: string, fn: (content: string, outputPath: string | false) => string): void;
}

/** Elements whose text is not French prose: left as written. */
const KEEP = new Set(["script", "style", "code", "pre", "textarea", "kbd", "samp"]);
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\/?([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

/**
 * French typography (frenchSpaces) applied to the text of an HTML page: never to tags, attributes
 * (URLs, data-*), comments, code, scripts, styles, nor to an element in another language
 * (`lang="en"` on an English article's text) and what it contains.
 */
export function frenchTypography(html: string): string {
  let out = "";
  let last = 0;
  let skip: { name: string; depth: number } | null = null;
  for (const m of html.matchAll(TAG)) {
    const text = html.slice(last, m.index);
    out += skip ? text : frenchSpaces(text);
    out += m[0];
    last = m.index + m[0].length;
    const name = m[1]?.toLowerCase();
    if (!name) continue;
    const closing = m[0][1] === "/";
    const selfClosing = VOID.has(name) || /\/\s*$/.test(m[2]);
    if (skip) {
      if (name !== skip.name || selfClosing) continue;
      skip.depth += closing ? -1 : 1;
      if (skip.depth === 0) skip = null;
    } else if (!closing && !selfClosing) {
      const lang = /\slang\s*=\s*["']?([^"'\s>]*)/i.exec(m[2])?.[1];
      if (KEEP.has(name) || (lang !== undefined && !/^fr\b/i.test(lang))) skip = { name, depth: 1 };
    }
  }
  out += skip ? html.slice(last) : frenchSpaces(html.slice(last));
  return out;
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
