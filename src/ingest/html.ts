/**
 * HTML saved from a browser. Metadata: html-meta.ts. Content: the article container
 * chosen by its text (html-content.ts), after scripts, menus, asides and hidden
 * elements are removed; the headline and the lines between it and the article
 * (byline, date, standfirst) come first; figure captions are kept as captions. With
 * little text found, Readability's reading is taken when it finds more (readability.ts).
 * The resulting lines go through the same text rules as plain text.
 */
import type * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import type { Doc } from "./doc.js";
import { classify, type Line } from "../extract/segment.js";
import { isProse, squash, words } from "../extract/text.js";
import { normalizeText } from "./decode.js";
import { readHeadMeta, readHtmlMeta } from "./html-meta.js";
import { ingestText } from "./text.js";
import { findContent, hasBlockInside, isDebug, isHeaderFurniture, type Content } from "./html-content.js";
import { readabilityArticle } from "./readability.js";
import { cheerio as loadCheerio } from "./lazy.js";


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
    // the <head> is shallow even when the body is not: its metadata (date, title, authors) still counts
    const head = readHeadMeta(html);
    return {
      ...doc,
      meta: head ? { ...doc.meta, ...head.meta } : doc.meta,
      format: "html",
      warnings: [`HTML imbriqué sur plus de ${MAX_HTML_DEPTH} niveaux : lu comme du texte brut`, ...(head?.warnings ?? [])],
    };
  }
  const $ = loadCheerio().load(html);
  const { meta, warnings } = readHtmlMeta($);

  // content: the container chosen by its text (html-content.ts; scripts, menus, asides and
  // hidden elements removed on the way), furniture removed inside it only
  const body = ($("body").get(0) ?? $.root().children().get(0)) as Element | undefined;
  const content = body ? findContent(body) : null;
  let lines: Line[] = [];
  if (content) {
    lines = articleLines($, content, meta.title ?? null);
  }
  // little text: Readability's reading of the page, when it finds more
  if (!content || content.chars < FALLBACK_BELOW) {
    const second = readabilityArticle(html);
    if (second && second.chars > Math.max(200, (content?.chars ?? 0) * 1.5)) {
      if (isDebug()) process.stderr.write(`revue html: Readability's article, ${second.chars} chars (ours ${content?.chars ?? 0})\n`);
      const $r = loadCheerio().load(second.content);
      const heading = pickHeading($, null, meta.title ?? null);
      lines = heading ? [{ text: squash(textOf($, heading)), hint: "heading" }] : [];
      flatten($r, $r.root().get(0)!, lines, false);
      lines = settleLines(lines);
    }
  }
  if (!lines.length && body) flatten($, body, lines, false);
  // a headline that only metadata carries
  if (meta.title && !lines.some((l) => l.hint === "heading")) lines.unshift({ text: meta.title, hint: "heading" });
  // characters written as entities (&shy;, &#8203;, a decomposed accent) are decoded by the parser,
  // after the decoder cleaned the file: the same clean-up once more on what the page says
  for (const l of lines) l.text = normalizeText(l.text);
  if (meta.title) meta.title = normalizeText(meta.title);
  if (meta.authors) meta.authors = meta.authors.map(normalizeText);
  return { format: "html", lines, structured: false, meta, warnings };
}

/** Below this many characters of article text, Readability is asked too. */
const FALLBACK_BELOW = 500;
/** Header lines (kicker, byline, date, standfirst) kept between the headline and the article, at most. */
const MAX_HEADER_LINES = 15;

/**
 * The headline, then the lines between it and the article (byline, date, standfirst:
 * the text rules sort them), then the article's own lines.
 */
function articleLines($: cheerio.CheerioAPI, content: Content, metaTitle: string | null): Line[] {
  const lines: Line[] = [];
  const nodes = content.nodes;
  const first = nodes[0];
  const inArticle = (el: Element) => nodes.some((n) => n === el || isInside(el, n));
  const heading = pickHeading($, first, metaTitle);
  if (heading && !inArticle(heading)) {
    const zone: Line[] = [];
    const lca = commonAncestor(heading, first);
    if (lca) flatten($, lca, zone, false, { start: heading, stop: first, on: false, done: false });
    // an end-of-article label up there ("941 comments", "Partager") is a counter or a button, not the end
    const kept = zone.filter((l, i) => i === 0 || classify(l) !== "end");
    if (kept.length && kept.length <= MAX_HEADER_LINES) lines.push(...kept);
    else lines.push({ text: squash(textOf($, heading)), hint: "heading" });
  }
  for (const n of nodes) flatten($, n, lines, false);
  return settleLines(lines);
}

/**
 * Lines the text rules would misread on a page whose article container is known:
 * - a byline-looking line once the text has begun (a reference's "on 2015-04-02.", a
 *   teaser's date, a comment's "par X") is not the page's byline: left out, so that it
 *   can neither anchor the text rules on itself nor date the page;
 * - an end-of-article label early in the text ("SIGN UP FOR OUR NEWSLETTER", "Lire
 *   aussi" with more prose after it than before) is a box inside the article, not its end.
 */
function settleLines(lines: Line[]): Line[] {
  // bylines and end labels are short lines: long paragraphs are not classified here (the text rules will)
  const kinds = lines.map((l) => (l.hint === "caption" ? "caption" : l.text.length > 200 ? "text" : classify(l)));
  const proseChars = lines.map((l, i) => (kinds[i] === "text" && isProse(l.text) ? l.text.length : 0));
  const total = proseChars.reduce((a, b) => a + b, 0);
  let prose = 0;
  let before = 0;
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (prose >= 2 && kinds[i] === "byline") {
      if (isDebug()) process.stderr.write(`revue html: late byline-like line left out: ${l.text.slice(0, 80)}\n`);
      continue;
    }
    if (kinds[i] === "end" && before < total - before) {
      if (isDebug()) process.stderr.write(`revue html: end label inside the text left out: ${l.text.slice(0, 80)}\n`);
      continue;
    }
    if (proseChars[i]) prose++;
    before += proseChars[i];
    out.push(l);
  }
  return out;
}

/** Words only, folded (text.ts): a headline compared with the metadata title. */
const foldTitle = (s: string) => words(s).join(" ");

/**
 * The headline element: an h1/h2 whose text is the metadata headline (or part of
 * it), the one closest before the article; else the last h1 before the article.
 */
function pickHeading($: cheerio.CheerioAPI, first: Element | null, metaTitle: string | null): Element | null {
  const title = metaTitle ? foldTitle(metaTitle) : "";
  let best: Element | null = null;
  let bestMatches = false;
  let passed = false;
  for (const h of $("h1, h2").toArray() as Element[]) {
    if (first && !passed && (h === first || isInside(h, first) || !precedes(h, first))) passed = true;
    const text = foldTitle(textOf($, h));
    if (!text) continue;
    const matches = !!title && text.length >= 10 && (title.includes(text) || text.includes(title));
    if (passed && (best || !first)) {
      if (matches && !bestMatches) return h; // after the article's start, only a matching heading
      continue;
    }
    if (matches) {
      best = h;
      bestMatches = true;
    } else if (!bestMatches && h.name === "h1") best = h;
  }
  return best;
}

function isInside(el: AnyNode, container: AnyNode): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === container) return true;
  return false;
}

function pathOf(el: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (let p: AnyNode | null = el; p; p = p.parent) out.unshift(p);
  return out;
}

/** The paths from the root to a and to b, and how many nodes they share from the root down. */
function paths(a: AnyNode, b: AnyNode): { pa: AnyNode[]; pb: AnyNode[]; shared: number } {
  const pa = pathOf(a);
  const pb = pathOf(b);
  let shared = 0;
  while (shared < pa.length && shared < pb.length && pa[shared] === pb[shared]) shared++;
  return { pa, pb, shared };
}

function commonAncestor(a: AnyNode, b: AnyNode): AnyNode | null {
  const { pa, shared } = paths(a, b);
  return shared ? pa[shared - 1] : null;
}

/** a comes before b in document order (neither inside the other). */
function precedes(a: AnyNode, b: AnyNode): boolean {
  const { pa, pb, shared: i } = paths(a, b);
  if (i >= pa.length || i >= pb.length || !i) return false;
  const kids = (pa[i - 1] as Element).children;
  return kids.indexOf(pa[i] as never) < kids.indexOf(pb[i] as never);
}

const BLOCK_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "figcaption", "pre", "dt", "dd", "td", "th"]);
const CONTAINER_TAGS = new Set([
  "div", "section", "article", "main", "header", "footer", "ul", "ol", "dl", "figure", "table", "thead", "tbody", "tr", "center", "body", "html", "form", "fieldset", "address", "hgroup", "details",
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

/** Lines are kept only between `start` (included) and `stop` (excluded), in document order. */
interface Gate {
  start: AnyNode;
  stop: AnyNode;
  on: boolean;
  done: boolean;
}

/**
 * Block elements → one line each, in document order; text standing directly in a
 * container (div soup: <div class="meta">Publié le …</div>) is a line too; an
 * unknown element holding blocks (<form>, <font>, <span> around paragraphs) is a container.
 * Depth is bounded by MAX_HTML_DEPTH (checked before parsing).
 */
function flatten($: cheerio.CheerioAPI, el: AnyNode, out: Line[], inCaption: boolean, gate?: Gate): void {
  let inline = "";
  const flush = (hint: Line["hint"]) => {
    const t = squash(inline);
    if (t && (!gate || gate.on)) out.push({ text: t, hint: inCaption ? "caption" : hint });
    inline = "";
  };
  for (const child of "children" in el ? (el.children as AnyNode[]) : []) {
    if (gate) {
      if (gate.done) return;
      if (child === gate.stop) {
        flush("paragraph");
        gate.done = true;
        return;
      }
      if (child === gate.start) {
        inline = "";
        gate.on = true;
      }
    }
    if (child.type === "text") {
      inline += (child as unknown as { data: string }).data;
      continue;
    }
    if (child.type !== "tag" && child.type !== "script" && child.type !== "style") continue;
    const e = child as Element;
    // above the article, share bars and ads go (never an element holding the article)
    if (gate?.on && isHeaderFurniture(e) && !isInside(gate.stop, e)) continue;
    const tag = e.tagName.toLowerCase();
    const caption = inCaption || tag === "figure" || CAPTION_CLASS.test(`${e.attribs.class ?? ""} ${e.attribs.id ?? ""}`);
    if (tag === "br") {
      inline += " ";
    } else if (BLOCK_TAGS.has(tag) && !hasBlockInside(e)) {
      flush("paragraph");
      const t = squash(textOf($, e));
      if (t && (!gate || gate.on)) out.push({ text: t, hint: hintOf(e, caption) });
    } else if (BLOCK_TAGS.has(tag) || CONTAINER_TAGS.has(tag) || caption || hasBlockInside(e)) {
      flush("paragraph");
      flatten($, e, out, caption, gate);
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
