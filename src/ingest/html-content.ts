/**
 * The article container of a saved page, chosen by its content (after Readability's
 * model, written anew): every run of text ≥ 25 characters is a paragraph scoring
 * 1 + its commas + one point per 100 characters (max 3); the score goes to the
 * paragraph's container, half to the one above, less further up. A container's
 * score is scaled by (1 − its link density) and weighed by the words of its
 * class/id, matched as whole parts of a class name ("entry-content" → entry, content).
 * The best container climbs to its parent when the parent scores as well, and takes
 * in siblings that score too. Inside it, furniture (share bars, teaser lists, tag
 * lists) is removed only when it holds a small part of the text: a class word never
 * removes the article itself.
 *
 * `REVUE_DEBUG=html` prints the candidates and their scores to stderr.
 */
import type { AnyNode, Element } from "domhandler";

/** Tags whose text flows inside a paragraph (anything else breaks a run of text). */
const INLINE = new Set([
  "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img", "ins", "kbd", "label",
  "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "br",
]);
/** A paragraph of its own: its score goes to its container. */
const PARAGRAPH = new Set(["p", "pre", "blockquote", "dd", "li", "h2", "h3", "h4", "h5", "h6", "figcaption"]);
/** Containers that are never the article (their score is not kept). */
const NOT_CANDIDATE = new Set(["html", "a", "table", "tbody", "thead", "tr", "ul", "ol", "dl", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "header", "footer", "nav", "p", "th", "pre", "blockquote", "dd", "dt", "label"]);

/** Parts of class/id names that mark page furniture or the article (Readability's lists, as whole words). */
const NEGATIVE_PARTS = new Set([
  "ad", "ads", "advert", "advertisement", "advertising", "adsense", "sponsor", "sponsored", "promo", "banner", "outbrain", "taboola",
  "share", "sharing", "sharer", "social", "socials", "related", "recommended", "recommend", "comment", "comments", "disqus", "replies",
  "sidebar", "widget", "footer", "masthead", "newsletter", "subscribe", "subscription", "paywall", "popup", "modal", "cookie", "cookies",
  "gdpr", "consent", "breadcrumb", "breadcrumbs", "menu", "navbar", "nav", "navigation", "pagination", "pager", "tags", "tag", "tagcloud",
  "teaser", "teasers", "rss", "shoutbox", "skyscraper", "shopping", "combx", "contact", "toolbar", "hidden", "print", "login",
]);
const POSITIVE_PARTS = new Set(["article", "articlebody", "body", "content", "entry", "hentry", "main", "post", "text", "blog", "story", "story-body", "prose", "chapo", "corps"]);

/** Never article text: removed during the scoring walk. A <form> stays: ASP.NET pages hold the whole page in one. */
const NEVER_TEXT = new Set([
  "script", "style", "noscript", "template", "nav", "aside", "iframe", "button", "svg", "select", "input", "textarea", "dialog", "object", "embed",
]);

/** Hidden by the page itself (hidden attribute, aria-hidden, display:none). */
function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a.hidden !== undefined || a["aria-hidden"] === "true") return true;
  const style = a.style;
  return !!style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

export const isDebug = () => /\bhtml\b/.test(process.env.REVUE_DEBUG ?? "");

interface Stats {
  /** Characters of text (whitespace runs as one). */
  chars: number;
  /** Of which inside links. */
  linkChars: number;
  commas: number;
  /** Paragraphs (runs of ≥ 25 characters) inside. */
  paras: number;
}

export interface Content {
  /** The article: one element, or siblings in document order. */
  nodes: Element[];
  /** Characters of text in them. */
  chars: number;
}

const tagOf = (el: Element) => el.name.toLowerCase();

/**
 * A class name that describes the layout or the post's taxonomy, not the element:
 * "no-sidebar", "has-sidebar", "layout-right-sidebar", WordPress "tag-share" or
 * "category-ads" on the post itself. Its furniture words do not count.
 */
const LAYOUT_NAME = /^(no|not|has|have|with|without|hide|show|is|layout|page|body|tag|category|categories|format|template|theme)[-_]/;

const partsMemo = new WeakMap<Element, { all: string[]; furniture: string[] }>();

/**
 * The words of the class names and id: "entry-content", "post_body", "articleBody" →
 * entry, content, post, body, article, body; `forFurniture` leaves out layout names.
 */
function classParts(el: Element, forFurniture = false): string[] {
  const cls = el.attribs.class;
  const id = el.attribs.id;
  if (!cls && !id) return [];
  let m = partsMemo.get(el);
  if (!m) {
    m = { all: [], furniture: [] };
    for (const name of `${cls ?? ""} ${id ?? ""}`.split(/\s+/)) {
      if (!name) continue;
      const layout = LAYOUT_NAME.test(name.toLowerCase());
      for (const p of name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/)) {
        if (!p) continue;
        m.all.push(p);
        if (!layout) m.furniture.push(p);
      }
    }
    partsMemo.set(el, m);
  }
  return forFurniture ? m.furniture : m.all;
}

const weightMemo = new WeakMap<Element, number>();

/** Readability's class weight: −25 for a furniture word, +25 for an article word (both may apply). */
export function classWeight(el: Element): number {
  let w = weightMemo.get(el);
  if (w === undefined) {
    w = weighClass(el);
    weightMemo.set(el, w);
  }
  return w;
}

function weighClass(el: Element): number {
  let w = 0;
  if (classParts(el, true).some((p) => NEGATIVE_PARTS.has(p))) w -= 25;
  if (classParts(el).some((p) => POSITIVE_PARTS.has(p))) w += 25;
  if (el.attribs.itemprop === "articleBody" || el.attribs.itemprop === "text") w += 25;
  return w;
}

function tagWeight(tag: string): number {
  if (tag === "div" || tag === "article" || tag === "main" || tag === "section") return 5;
  if (tag === "pre" || tag === "td" || tag === "blockquote") return 3;
  if (tag === "form" || tag === "ol" || tag === "ul" || tag === "dl" || tag === "address") return -3;
  return 0;
}

function collapsedLength(s: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 160) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

const COMMA = /[,،、，]/g;

/**
 * One pass over the tree: text statistics for every element, and paragraph scores
 * given to the containers above each paragraph.
 */
class Scorer {
  stats = new Map<Element, Stats>();
  scores = new Map<Element, number>();

  private candidate(el: Element): boolean {
    return !NOT_CANDIDATE.has(tagOf(el)) && !INLINE.has(tagOf(el));
  }

  private give(el: Element, points: number) {
    let s = this.scores.get(el);
    if (s === undefined) s = tagWeight(tagOf(el)) + classWeight(el);
    this.scores.set(el, s + points);
  }

  /** A paragraph of `chars` characters and `commas` commas, owned by `owner` (a <p>) or standing in the container `owner`. */
  private paragraph(owner: Element, ownIsParagraph: boolean, chars: number, commas: number) {
    if (chars < 25) return;
    const score = 1 + commas + Math.min(Math.floor(chars / 100), 3);
    let el: Element | null = ownIsParagraph ? (owner.parent as Element | null) : owner;
    let level = 0;
    while (el && el.type === "tag" && level < 5) {
      if (this.candidate(el)) {
        this.give(el, score / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
        level++;
      }
      el = el.parent as Element | null;
    }
  }

  /** Walks a block element; returns its stats. */
  block(el: Element): Stats {
    const st: Stats = { chars: 0, linkChars: 0, commas: 0, paras: 0 };
    const run = { chars: 0, commas: 0, link: 0 };
    const own = PARAGRAPH.has(tagOf(el));
    const flush = () => {
      if (run.chars >= 25) {
        st.paras++;
        this.paragraph(el, own, run.chars, run.commas);
      }
      run.chars = run.commas = run.link = 0;
    };
    const visit = (node: AnyNode, inLink: boolean) => {
      if (node.type === "text") {
        const data = (node as unknown as { data: string }).data;
        const n = collapsedLength(data);
        if (!n) return;
        const commas = data.match(COMMA)?.length ?? 0;
        run.chars += n;
        run.commas += commas;
        st.chars += n;
        st.commas += commas;
        if (inLink) st.linkChars += n;
        return;
      }
      if (node.type !== "tag") {
        if (node.type === "script" || node.type === "style") removeNode(node as Element);
        return;
      }
      const child = node as Element;
      const tag = tagOf(child);
      if (NEVER_TEXT.has(tag) || isHidden(child)) {
        removeNode(child);
        return;
      }
      if (INLINE.has(tag)) {
        if (tag === "br") return;
        const link = inLink || tag === "a";
        for (const c of child.children.slice()) visit(c, link);
        return;
      }
      flush();
      const cs = this.block(child);
      st.chars += cs.chars;
      st.linkChars += inLink ? cs.chars : cs.linkChars;
      st.commas += cs.commas;
      st.paras += cs.paras;
    };
    for (const c of el.children.slice()) visit(c, false);
    flush();
    this.stats.set(el, st);
    return st;
  }

  linkDensity(el: Element): number {
    const s = this.stats.get(el);
    return s && s.chars ? s.linkChars / s.chars : 0;
  }

  finalScore(el: Element): number | undefined {
    const s = this.scores.get(el);
    return s === undefined ? undefined : s * (1 - this.linkDensity(el));
  }
}

function ancestors(el: Element): Element[] {
  const out: Element[] = [];
  for (let p = el.parent as Element | null; p && p.type === "tag"; p = p.parent as Element | null) out.push(p);
  return out;
}

function elementChildren(el: Element): Element[] {
  return el.children.filter((c): c is Element => c.type === "tag");
}

/** The article's elements in `body`, or null when no paragraph of text was found. */
export function findContent(body: Element): Content | null {
  const sc = new Scorer();
  sc.block(body);
  const ranked = [...sc.scores.keys()]
    .map((el) => ({ el, score: sc.finalScore(el)! }))
    .sort((a, b) => b.score - a.score);
  // a candidate inside furniture (a gallery widget, a comment thread, a sidebar) counts half
  for (const c of ranked.slice(0, 10)) {
    for (const a of ancestors(c.el)) {
      if (a === body) break;
      if (classWeight(a) < 0) {
        c.score /= 2;
        break;
      }
    }
  }
  ranked.sort((a, b) => b.score - a.score);
  if (!ranked.length || ranked[0].score <= 0) return null;
  let top = ranked[0].el;
  const topScore = ranked[0].score;
  const debug = isDebug();
  if (debug) {
    for (const c of ranked.slice(0, 8)) {
      const s = sc.stats.get(c.el)!;
      process.stderr.write(`revue html: candidate ${describe(c.el)} score ${c.score.toFixed(1)} chars ${s.chars} links ${(sc.linkDensity(c.el) * 100).toFixed(0)}% paras ${s.paras}\n`);
    }
  }

  // several near-best candidates under one ancestor: the article is that ancestor (paragraphs split in several blocks)
  const near = ranked.slice(1, 5).filter((c) => c.score >= 0.75 * topScore).map((c) => new Set(ancestors(c.el)));
  if (near.length >= 2) {
    for (const a of ancestors(top)) {
      if (tagOf(a) === "body") break;
      if (near.filter((s) => s.has(a)).length >= 2) {
        top = a;
        break;
      }
    }
  }
  // climb while the parent scores better (the article's own container above its text blocks)
  let last = sc.finalScore(top) ?? 0;
  const threshold = last / 3;
  for (let p = top.parent as Element | null; p && p.type === "tag" && tagOf(p) !== "body"; p = p.parent as Element | null) {
    const s = sc.finalScore(p);
    if (s === undefined) continue;
    if (s < threshold) break;
    if (s > last) {
      top = p;
      break;
    }
    last = s;
  }
  // an only child stands for its parent
  while (top.parent && (top.parent as Element).type === "tag" && tagOf(top.parent as Element) !== "body" && elementChildren(top.parent as Element).length === 1) {
    top = top.parent as Element;
  }

  // siblings that score as well, or plain paragraphs beside it
  const nodes: Element[] = [];
  const parent = top.parent as Element | null;
  const siblings = parent && parent.type === "tag" ? elementChildren(parent) : [top];
  const bestScore = sc.finalScore(top) ?? topScore;
  // the best container inside each element
  const below = new Map<Element, number>();
  for (const c of ranked) {
    for (const a of ancestors(c.el)) {
      if ((below.get(a) ?? -Infinity) >= c.score) break;
      below.set(a, c.score);
    }
  }
  const bestBelow = (el: Element) => below.get(el);
  const need = Math.max(10, bestScore * 0.2);
  const topClass = top.attribs.class ?? "";
  for (const s of siblings) {
    if (s === top) {
      nodes.push(s);
      continue;
    }
    const st = sc.stats.get(s);
    if (!st || !st.chars) continue;
    const sameClass = !!topClass && s.attribs.class === topClass;
    // a section of the article like the best one, its paragraphs wrapped deeper than their scores reach
    const score = sc.finalScore(s) ?? (sameClass ? bestBelow(s) : undefined);
    const bonus = sameClass ? bestScore * 0.2 : 0;
    const density = sc.linkDensity(s);
    if (score !== undefined && score + bonus >= need && classWeight(s) >= 0) nodes.push(s);
    else if (tagOf(s) === "p" && density < 0.25 && st.chars > 80) nodes.push(s);
    else if (tagOf(s) === "p" && density === 0 && st.chars < 80 && /\.( |$)/.test(textOf(s))) nodes.push(s);
  }

  // furniture inside: a furniture class or a block of links, holding a small part of the text
  let chars = 0;
  for (const n of nodes) chars += sc.stats.get(n)?.chars ?? 0;
  const pruner = new Pruner(sc, chars, debug);
  for (const n of nodes) pruner.prune(n);
  chars -= pruner.removedChars;
  if (debug) process.stderr.write(`revue html: article ${nodes.map(describe).join(" + ")} chars ${chars}\n`);
  return { nodes, chars };
}

/** Removes furniture under an article element. */
class Pruner {
  removedChars = 0;
  constructor(
    private sc: Scorer,
    private articleChars: number,
    private debug: boolean,
  ) {}

  prune(el: Element) {
    for (const c of elementChildren(el)) {
      const st = this.sc.stats.get(c);
      if (!st) {
        if (!INLINE.has(tagOf(c)) || c.children.length) this.prune(c);
        continue;
      }
      if (isFurniture(c, st, this.sc, this.articleChars)) {
        if (this.debug) process.stderr.write(`revue html: removed ${describe(c)} chars ${st.chars} links ${(this.sc.linkDensity(c) * 100).toFixed(0)}%\n`);
        removeNode(c);
        this.removedChars += st.chars;
      } else {
        this.prune(c);
      }
    }
  }
}

const STRONG_FURNITURE = new Set([
  "comment", "comments", "disqus", "replies", "related", "recommended", "share", "sharing", "social", "newsletter", "subscribe", "subscription",
  "paywall", "popup", "modal", "cookie", "cookies", "consent", "gdpr", "ad", "ads", "advert", "advertisement", "advertising", "sponsor",
  "sponsored", "promo", "outbrain", "taboola", "footer", "login", "disclaimer", "donate", "donation",
]);

/** Run-together names: "jp-relatedposts", "sharedaddy", "socialbar", "advertbox". */
const STRONG_PREFIX = /^(related|share|sharing|social|sponsor|newsletter|advert|outbrain|taboola|disqus)/;

/** Parts of the text's own structure: never removed one by one (a table's cells, a paragraph). */
const KEPT_WHOLE = new Set(["p", "figure", "figcaption", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "dd", "dt", "caption"]);

function isFurniture(el: Element, st: Stats, sc: Scorer, articleChars: number): boolean {
  const tag = tagOf(el);
  if (KEPT_WHOLE.has(tag)) return false;
  const share = articleChars ? st.chars / articleChars : 1;
  if (share >= 0.5) return false; // never the bulk of the article
  const density = sc.linkDensity(el);
  const w = classWeight(el);
  const words = classParts(el, true);
  // comments, related posts, ads, paywall notices: whatever their prose
  if (words.some((p) => STRONG_FURNITURE.has(p) || STRONG_PREFIX.test(p))) return true;
  // tag lists, widgets, menus: a furniture word and little prose
  if (w < 0 && (st.commas < 10 || density > 0.3) && !(st.paras >= 3 && density < 0.2)) return true;
  // blocks of links (teaser lists, menus) with no prose of their own
  if (tag !== "li" && st.chars > 0 && density > (w > 0 ? 0.5 : 0.33) && st.commas < 10) return true;
  return false;
}

const HEADER_FURNITURE = /^(share|sharing|social|sponsor|newsletter|advert|subscribe|breadcrumb)|^(ads?|related|menu|nav|navbar|navigation|comments?|toolbar|print|tags?)$/;

/** Above the article (headline, byline, date), only share bars, ads and the like go: a byline is often all links. */
export function isHeaderFurniture(el: Element): boolean {
  return classParts(el, true).some((p) => HEADER_FURNITURE.test(p));
}

const BLOCKS = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figure", "table", "section", "article", "ul", "ol", "dl", "pre", "form", "header", "footer", "main"]);
const blockMemo = new WeakMap<Element, boolean>();

/** The element holds a block element (a paragraph, a div, a list…) somewhere inside. */
export function hasBlockInside(el: Element): boolean {
  let r = blockMemo.get(el);
  if (r !== undefined) return r;
  r = false;
  for (const c of el.children) {
    if (c.type === "tag" && (BLOCKS.has(tagOf(c as Element)) || hasBlockInside(c as Element))) {
      r = true;
      break;
    }
  }
  blockMemo.set(el, r);
  return r;
}

function removeNode(el: Element) {
  const p = el.parent;
  if (!p) return;
  const i = p.children.indexOf(el);
  if (i >= 0) p.children.splice(i, 1);
  if (el.prev) el.prev.next = el.next;
  if (el.next) el.next.prev = el.prev;
  el.parent = el.prev = el.next = null;
}

function textOf(el: AnyNode): string {
  if (el.type === "text") return (el as unknown as { data: string }).data;
  if (!("children" in el)) return "";
  let s = "";
  for (const c of (el as Element).children) s += textOf(c);
  return s;
}

export function describe(el: Element): string {
  const id = el.attribs.id ? `#${el.attribs.id}` : "";
  const cls = el.attribs.class ? `.${el.attribs.class.trim().split(/\s+/).slice(0, 3).join(".")}` : "";
  return `${tagOf(el)}${id}${cls}`.slice(0, 80);
}
