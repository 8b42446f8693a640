/**
 * HTML saved from a browser. Metadata in priority order: JSON-LD NewsArticle →
 * Open Graph / article:* meta → <time datetime>. Content: the article container
 * (itemprop=articleBody, <article>, <main>, else <body>) with menus, asides, forms,
 * scripts and furniture-classed elements removed; figure captions kept as captions.
 * The resulting lines go through the same text rules as plain text.
 */
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import type { Doc, DocMeta } from "./doc.js";
import type { Line } from "../extract/segment.js";
import { squash } from "../extract/text.js";
import { findDates } from "../extract/dates.js";
import { ingestText } from "./text.js";

const REMOVE = "script, style, noscript, template, nav, aside, form, iframe, button, svg, select, input, dialog";
/** class/id words of page furniture (share bars, related links, comments, ads, newsletter boxes). */
const FURNITURE_CLASS = /(^|[-_\s])(share|sharing|social|related|recommend|newsletter|promo|advert|ads?|outbrain|taboola|breadcrumbs?|comments?|sidebar|widget|popup|cookie|subscribe|paywall|tags?|footer|menu|navbar|teaser)([-_\s]|$)/i;

type JsonObject = Record<string, unknown>;

function asArray(x: unknown): unknown[] {
  return Array.isArray(x) ? x : x == null ? [] : [x];
}

function nameOf(x: unknown): string | null {
  if (typeof x === "string") return x;
  if (x && typeof x === "object" && typeof (x as JsonObject).name === "string") return (x as JsonObject).name as string;
  return null;
}

function findNewsArticle(nodes: unknown[]): JsonObject | null {
  for (const n of nodes) {
    if (!n || typeof n !== "object") continue;
    const o = n as JsonObject;
    const types = asArray(o["@type"]).map(String);
    if (types.some((t) => /(News|Reportage|Analysis|Opinion|Report)?Article$|^BlogPosting$/.test(t))) return o;
    const inner = findNewsArticle([...asArray(o["@graph"]), ...(Array.isArray(n) ? n : [])]);
    if (inner) return inner;
  }
  return null;
}

/** Deeper than this, the DOM utilities recurse past the stack: the page is read as text. */
export const MAX_HTML_DEPTH = 400;
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"]);

/** Maximum element nesting, by a linear scan of the tags. */
export function htmlDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]{0,30})[^<>]{0,2000}?(\/?)>/g)) {
    const tag = m[2].toLowerCase();
    if (VOID.has(tag) || m[3]) continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) max = depth;
  }
  return max;
}

export function ingestHtml(html: string): Doc {
  if (htmlDepth(html) > MAX_HTML_DEPTH) {
    const text = html.replace(/<(script|style)[^<>]*>[^]*?<\/\1>/gi, " ").replace(/<[^<>]{0,2000}>/g, "\n");
    const doc = ingestText(text);
    return { ...doc, format: "html", warnings: [`HTML nested more than ${MAX_HTML_DEPTH} levels deep: read as plain text`] };
  }
  const $ = cheerio.load(html);
  const warnings: string[] = [];
  const meta: DocMeta = { via: "html-meta" };
  const metaContent = (sel: string) => squash($(sel).first().attr("content") ?? "") || null;

  // JSON-LD
  const ldNodes: unknown[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      ldNodes.push(JSON.parse($(el).text()));
    } catch {
      warnings.push("a JSON-LD block is not valid JSON: ignored");
    }
  });
  const ld = findNewsArticle(ldNodes);
  let via: DocMeta["via"] = "html-meta";
  if (ld) {
    via = "json-ld";
    if (typeof ld.headline === "string") meta.title = squash(ld.headline);
    const published = typeof ld.datePublished === "string" ? ld.datePublished : null;
    const d = published ? findDates(published)[0] : undefined;
    if (d?.iso) meta.date = { iso: d.iso, evidence: published! };
    meta.outlet = nameOf(ld.publisher);
    meta.authors = asArray(ld.author).map(nameOf).filter((x): x is string => !!x);
    if (typeof ld.url === "string") meta.url = ld.url;
    if (typeof ld.inLanguage === "string") meta.language = ld.inLanguage.slice(0, 2).toLowerCase();
  }
  meta.via = via;
  meta.title ??= metaContent('meta[property="og:title"]') ?? (squash($("h1").first().text()) || squash($("title").first().text()) || null);
  meta.outlet ??= metaContent('meta[property="og:site_name"]');
  if (!meta.date) {
    for (const sel of ['meta[property="article:published_time"]', 'meta[name="date"]', 'meta[name="pubdate"]', 'meta[name="DC.date.issued"]', 'meta[itemprop="datePublished"]']) {
      const v = metaContent(sel);
      const d = v ? findDates(v)[0] : undefined;
      if (d?.iso) {
        meta.date = { iso: d.iso, evidence: v! };
        break;
      }
    }
  }
  if (!meta.date) {
    const t = $("article time[datetime], time[datetime]").first();
    const v = t.attr("datetime");
    const d = v ? findDates(v)[0] : undefined;
    if (d?.iso) meta.date = { iso: d.iso, evidence: squash(t.text()) || v! };
  }
  if (!meta.authors?.length) {
    const a = metaContent('meta[name="author"]');
    if (a) meta.authors = [a];
  }
  meta.url ??= $('link[rel="canonical"]').attr("href") ?? metaContent('meta[property="og:url"]');
  meta.language ??= ($("html").attr("lang") ?? "").slice(0, 2).toLowerCase() || null;
  // a site name appended to the title: "Titre - Le Monde"
  if (meta.title && meta.outlet) {
    // "Titre | TV5MONDE - Informations", "Titre - Le Monde": cut at the separator before the site's name
    const name = meta.outlet.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    meta.title = meta.title.replace(new RegExp(`\\s+[-|–—:]\\s+${name}(\\s.*)?$`, "i"), "");
  }

  // content
  $(REMOVE).remove();
  $("[class], [id]").each((_, el) => {
    const e = $(el);
    const tag = (el as Element).tagName?.toLowerCase();
    if (tag === "html" || tag === "body" || tag === "article" || tag === "main") return;
    const words = `${e.attr("class") ?? ""} ${e.attr("id") ?? ""}`;
    if (FURNITURE_CLASS.test(words)) e.remove();
  });
  const candidates: cheerio.Cheerio<AnyNode>[] = [$('[itemprop="articleBody"]'), $("article"), $("main"), $('[role="main"]'), $("body")];
  const root: cheerio.Cheerio<AnyNode> = candidates.find((x) => x.length)?.first() ?? $.root();
  // the headline usually sits just above the article body container
  const lines: Line[] = [];
  const h1 = $("h1").first();
  if (h1.length && !root.find("h1").length) lines.push({ text: squash(h1.text()), hint: "heading" });
  flatten($, root.get(0)!, lines, false);
  // a headline that only metadata carries
  if (meta.title && !lines.some((l) => l.hint === "heading")) lines.unshift({ text: meta.title, hint: "heading" });
  return { format: "html", lines, structured: false, meta, warnings };
}

const BLOCK_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "figcaption", "pre", "dt", "dd", "td", "th"]);
const CONTAINER_TAGS = new Set([
  "div", "section", "article", "main", "header", "footer", "ul", "ol", "dl", "figure", "table", "thead", "tbody", "tr", "center", "body", "html",
]);
const CAPTION_CLASS = /(^|[-_\s])(caption|legende|légende|credit|crédit|photo-?credit|wp-caption-text)([-_\s]|$)/i;

function hintOf(el: Element, inCaption: boolean): Line["hint"] {
  const tag = el.tagName.toLowerCase();
  if (inCaption || tag === "figcaption") return "caption";
  if (/^h[1-6]$/.test(tag)) return "heading";
  if (tag === "li") return "item";
  if (tag === "blockquote") return "quote";
  return "paragraph";
}

/**
 * Block elements → one line each, in document order; text standing directly in a
 * container (div soup: <div class="meta">Publié le …</div>) is a line too.
 * Depth is bounded by MAX_HTML_DEPTH (checked before parsing).
 */
function flatten($: cheerio.CheerioAPI, el: AnyNode, out: Line[], inCaption: boolean): void {
  let inline = "";
  const flush = (hint: Line["hint"]) => {
    const t = squash(inline);
    if (t) out.push({ text: t, hint: inCaption ? "caption" : hint });
    inline = "";
  };
  for (const child of "children" in el ? (el.children as AnyNode[]) : []) {
    if (child.type === "text") {
      inline += (child as unknown as { data: string }).data;
      continue;
    }
    if (child.type !== "tag" && child.type !== "script" && child.type !== "style") continue;
    const e = child as Element;
    const tag = e.tagName.toLowerCase();
    const caption = inCaption || tag === "figure" || CAPTION_CLASS.test(`${e.attribs.class ?? ""} ${e.attribs.id ?? ""}`);
    if (tag === "br") {
      inline += " ";
    } else if (BLOCK_TAGS.has(tag) && !$(e).find("p, div, h1, h2, h3, h4, h5, h6, li, blockquote, figure").length) {
      flush("paragraph");
      const t = squash(textOf($, e));
      if (t) out.push({ text: t, hint: hintOf(e, caption) });
    } else if (BLOCK_TAGS.has(tag) || CONTAINER_TAGS.has(tag) || caption) {
      flush("paragraph");
      flatten($, e, out, caption);
    } else {
      inline += textOf($, e);
    }
  }
  flush("paragraph");
}

/** Text of an element, with <br> as a space. */
function textOf($: cheerio.CheerioAPI, el: AnyNode): string {
  $(el).find("br").replaceWith(" ");
  return $(el).text();
}
