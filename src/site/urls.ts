/**
 * Site URLs, root-relative. Eleventy's HTML base plugin adds PATH_PREFIX to
 * every href/src of the HTML output, so templates never write the prefix.
 */
import slugify from "@sindresorhus/slugify";

/**
 * A path segment: ASCII slug characters only, so the file Eleventy writes and
 * the URL a browser asks for are the same string ("sergueï-lavrov" → "serguei-lavrov").
 */
function seg(id: string): string {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) ? id : slugify(id) || "x";
}

export const urls = {
  home: () => "/",
  article: (id: string) => `/articles/${seg(id)}/`,
  event: (id: string) => `/evenements/${seg(id)}/`,
  person: (id: string) => `/personnes/${seg(id)}/`,
  outlet: (id: string) => `/medias/${seg(id)}/`,
  /** The seed copied as bytes, always with a .txt name so a browser never runs an HTML seed. */
  source: (recordId: string) => `/sources/${seg(recordId)}.txt`,
  timeline: (page: number) => (page <= 1 ? "/chronologie/" : `/chronologie/page-${page}/`),
  undated: (page: number) => (page <= 1 ? "/non-dates/" : `/non-dates/page-${page}/`),
  quotes: (page: number) => (page <= 1 ? "/citations/" : `/citations/page-${page}/`),
  report: (page: number) => (page <= 1 ? "/rapport/" : `/rapport/page-${page}/`),
};

/** Slug for things that have a name but no id (agencies, authors). */
export function nameSlug(name: string): string {
  return slugify(name) || "x";
}

/** Join a site base ("https://host") and path prefix ("/revue/") with a root-relative URL. */
export function absoluteUrl(siteUrl: string, pathPrefix: string, url: string): string {
  const prefix = ("/" + pathPrefix.replace(/^\/+|\/+$/g, "") + "/").replace(/\/\/$/, "/");
  return siteUrl.replace(/\/+$/, "") + prefix.replace(/\/$/, "") + url;
}
