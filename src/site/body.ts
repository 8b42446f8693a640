/**
 * Rendering an article's text: blocks → mdast (one paragraph or intertitle per
 * block, its text a single text node: seed text is never parsed, so it can never
 * become markup) → our quotation plugin → remark-rehype → rehype-stringify. The
 * HTML that comes out has every seed character escaped by the serializer.
 */
import { unified } from "unified";
import remarkRehype from "remark-rehype";
import rehypeStringify from "rehype-stringify";
import type { Root, RootContent } from "mdast";
import type { ArticleRecord, Block, Person } from "../record.js";
import remarkQuotes, { type QuoteMark } from "./remark-quotes.js";
import { urls } from "./urls.js";
import { clipAtWord } from "../clip.js";

/** What blockText changes: white space other than a single space between words (`[^\S ]`: \s less the space), or NUL. */
const NOT_PLAIN = /[^\S ]|\0| {2}|^ | $/;

/** A block's text as shown: each run of white space (or NUL) one space, none at the ends. */
export function blockText(s: string): string {
  return NOT_PLAIN.test(s) ? s.replace(/[\s\u0000]+/g, " ").trim() : s;
}

/**
 * The mdast of an article's blocks: a paragraph per text block, an `<h2>` per intertitle, each
 * holding its text as one text node (an empty paragraph is left out), and each paragraph the
 * quotations placed in its block (`data.quotes`, read by remark-quotes). This is the tree that
 * remark-parse gives for the blocks written as Markdown with every ASCII punctuation
 * backslash-escaped, one line each (what this module did before; tests/site-units.test.ts
 * compares the two), without writing and parsing that Markdown.
 */
export function blocksToMdast(blocks: Block[], marks: QuoteMark[] = []): Root {
  const children: RootContent[] = [];
  blocks.forEach((b, i) => {
    if (typeof b !== "string") {
      const value = blockText(b.heading);
      children.push({ type: "heading", depth: 2, children: value ? [{ type: "text", value }] : [] });
      return;
    }
    const value = blockText(b);
    if (!value) return;
    const quotes = marks.filter((m) => m.block === i);
    children.push({ type: "paragraph", children: [{ type: "text", value }], ...(quotes.length ? { data: { quotes } } : {}) });
  });
  return { type: "root", children };
}

/** Anchor of the n-th quotation of an article, shared by the article page and the links to it. */
export function quoteAnchor(index: number): string {
  return `q-${index + 1}`;
}

/** One processor for every article (frozen: its plugins are set up once). */
const processor = unified().use(remarkQuotes).use(remarkRehype).use(rehypeStringify).freeze();

/** The HTML of an mdast made by blocksToMdast (the quotations marked). */
export function mdastToHtml(tree: Root): string {
  return processor.stringify(processor.runSync(tree));
}

function render(blocks: Block[], marks: QuoteMark[]): string {
  return mdastToHtml(blocksToMdast(blocks, marks));
}

/** Other spellings of a person or organization (the registry's), by id. */
export type SpellingsOf = (id: string) => string[];
const noSpellings: SpellingsOf = () => [];

function marksFor(record: ArticleRecord, location: "lede" | "body", spellingsOf: SpellingsOf): QuoteMark[] {
  const people = new Map<string, Person>(record.speakers.map((p) => [p.id, p]));
  const marks: QuoteMark[] = [];
  // a quotation of the headline printed again in the text is marked where the text prints it
  const inLede = (t: string) => !!record.lede?.includes(t);
  const bodyIndex = (t: string) => record.body.findIndex((b) => typeof b === "string" && b.includes(t));
  record.quotes.forEach((q, i) => {
    let block = q.paragraph;
    if (q.location === "title") {
      if (location === "lede" && inLede(q.text)) block = 0;
      else if (location === "body" && !inLede(q.text) && bodyIndex(q.text) >= 0) block = bodyIndex(q.text);
      else return;
    } else if (q.location !== location) return;
    const person = q.speakerId ? people.get(q.speakerId) : undefined;
    marks.push({
      block: location === "body" ? block : 0,
      text: q.text,
      anchor: quoteAnchor(i),
      speakerName: person ? clipAtWord(person.name) : null, // printed after each run of quotations: bounded
      speakerUrl: q.speakerId ? urls.person(q.speakerId) : null,
      spellings: person ? [person.name, ...spellingsOf(person.id)] : [],
      manual: q.via === "manual",
    });
  });
  return marks;
}

/** The article body as HTML, intertitles demoted to <h2>, quotations marked. */
export function renderBody(record: ArticleRecord, spellingsOf: SpellingsOf = noSpellings): string {
  return render(record.body, marksFor(record, "body", spellingsOf));
}

/** The standfirst as HTML (one paragraph), quotations marked. */
export function renderLede(record: ArticleRecord, spellingsOf: SpellingsOf = noSpellings): string {
  if (!record.lede) return "";
  return render([record.lede], marksFor(record, "lede", spellingsOf));
}
