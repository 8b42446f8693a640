/**
 * Eleventy plugin: the filters templates use. Formatting lives here (and in
 * model.ts), not in templates.
 */
import { dateFr, monthFr, plural } from "./format.js";

// Eleventy's config types are JSDoc in a .js file; this is the part we use.
interface FilterHost {
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
}

export default function siteFilters(eleventyConfig: FilterHost): void {
  eleventyConfig.addFilter("dateFr", (iso: string | null) => dateFr(iso));
  eleventyConfig.addFilter("monthFr", (m: string) => monthFr(m));
  eleventyConfig.addFilter("plural", (n: number, one: string, many?: string) => plural(n, one, many));
  /** "2022-12-30" → a Date at midnight UTC, for the RSS plugin's dateToRfc3339. */
  eleventyConfig.addFilter("utcDate", (iso: string) => new Date(`${iso}T00:00:00Z`));
  /** Current page marker for navigation links. */
  eleventyConfig.addFilter("ariaCurrent", (pageUrl: string, section: string) =>
    section === "/" ? (pageUrl === "/" ? "page" : null) : pageUrl.startsWith(section) ? "page" : null,
  );
}
