/**
 * Metadata of a saved HTML page, in priority order: JSON-LD NewsArticle →
 * Open Graph / article:* meta → <time datetime>. The article text is html.ts's business.
 */
import type * as cheerio from "cheerio";
import { cheerio as loadCheerio } from "./lazy.js";
import type { DocMeta } from "./doc.js";
import { squash } from "../extract/text.js";
import { findAuthors } from "./byline.js";
import { findHtmlDate, isArticleNode, jsonLdNodes, pageIndex, parseJsonLd, type Json } from "./html-date.js";

function nameOf(x: unknown): string | null {
  if (typeof x === "string") return x;
  if (x && typeof x === "object" && typeof (x as Json).name === "string") return (x as Json).name as string;
  return null;
}

export function readHtmlMeta($: cheerio.CheerioAPI): { meta: DocMeta; warnings: string[] } {
  const warnings: string[] = [];
  const meta: DocMeta = { via: "html-meta" };
  // the page's meta tags, JSON-LD blocks, canonical link: gathered in one walk (html-date.ts)
  const page = pageIndex($);
  const metaContent = (key: string) => squash(page.metas.get(key) ?? "") || null;

  // JSON-LD (sloppy blocks repaired: CDATA wrappers, trailing commas, raw newlines)
  const ldBlocks: unknown[] = [];
  for (const text of page.jsonLd) {
    const parsed = parseJsonLd(text);
    if (parsed === null) warnings.push("un bloc JSON-LD n'est pas du JSON valide, même une fois réparé : ignoré");
    else ldBlocks.push(parsed);
  }
  const ldNodes = jsonLdNodes(ldBlocks);
  const ld = ldNodes.find(isArticleNode) ?? null;
  let via: DocMeta["via"] = "html-meta";
  if (ld) {
    via = "json-ld";
    if (typeof ld.headline === "string") meta.title = squash(ld.headline);
    meta.outlet = nameOf(ld.publisher);
    if (typeof ld.url === "string") meta.url = ld.url;
    if (typeof ld.inLanguage === "string") meta.language = ld.inLanguage.slice(0, 2).toLowerCase();
  }
  meta.via = via;
  meta.title ??= metaContent("og:title") ?? (squash($("h1").first().text()) || squash($("title").first().text()) || null);
  meta.outlet ??= metaContent("og:site_name");
  // the date: html-date.ts's priority list, each value with the source it was read from
  const date = findHtmlDate($, meta.url ?? null, ldNodes);
  if (date) meta.date = { iso: date.iso, evidence: date.evidence, via: date.source === "json-ld" ? "json-ld" : "html-meta" };
  // the authors: byline.ts's priority list (JSON-LD people, meta tags, byline markup)
  const authors = findAuthors($, ld, meta.outlet ?? null);
  meta.authors = authors?.names ?? [];
  meta.url ??= page.canonical ?? metaContent("og:url");
  meta.language ??= ($("html").attr("lang") ?? "").slice(0, 2).toLowerCase() || null;
  // a site name appended to the title: "Titre - Le Monde"
  if (meta.title && meta.outlet) {
    // "Titre | TV5MONDE - Informations", "Titre - Le Monde": cut at the separator before the site's name
    const name = meta.outlet.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    meta.title = meta.title.replace(new RegExp(`\\s+[-|–—:]\\s+${name}(\\s.*)?$`, "i"), "");
  }

  return { meta, warnings };
}

/**
 * The metadata of a page's <head> alone, found by a cheap scan of the raw HTML: for a page
 * too deeply nested to parse whole (html.ts reads its body as text). Dates then come from
 * JSON-LD, meta tags, the head's script state and the address only. Null without a <head>.
 */
export function readHeadMeta(html: string): { meta: DocMeta; warnings: string[] } | null {
  const head = html.match(/<head[\s>][^]*?<\/head\s*>/i);
  if (!head) return null;
  const open = html.match(/<html(?:\s[^<>]{0,2000})?>/i)?.[0] ?? "<html>";
  return readHtmlMeta(loadCheerio().load(`${open}${head[0]}<body></body></html>`));
}
