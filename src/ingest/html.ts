/**
 * HTML saved from a browser. Metadata: html-meta.ts. Content: the article container
 * (itemprop=articleBody, <article>, <main>, else <body>) with menus, asides, forms,
 * scripts and furniture-classed elements removed; figure captions kept as captions.
 * The resulting lines go through the same text rules as plain text.
 */
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import type { Doc } from "./doc.js";
import type { Line } from "../extract/segment.js";
import { squash } from "../extract/text.js";
import { readHtmlMeta } from "./html-meta.js";
import { ingestText } from "./text.js";

const REMOVE = "script, style, noscript, template, nav, aside, form, iframe, button, svg, select, input, dialog";
/** class/id words of page furniture (share bars, related links, comments, ads, newsletter boxes). */
const FURNITURE_CLASS = /(^|[-_\s])(share|sharing|social|related|recommend|newsletter|promo|advert|ads?|outbrain|taboola|breadcrumbs?|comments?|sidebar|widget|popup|cookie|subscribe|paywall|tags?|footer|menu|navbar|teaser)([-_\s]|$)/i;

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
  const { meta, warnings } = readHtmlMeta($);

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
