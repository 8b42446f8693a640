/**
 * Rendering an article's text: blocks → Markdown (every ASCII punctuation
 * backslash-escaped, so seed text can never become markup) → remark-parse →
 * our quotation plugin → remark-rehype → rehype-stringify. The HTML that comes
 * out has every seed character escaped by the serializer.
 */
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import rehypeStringify from "rehype-stringify";
import type { ArticleRecord, Block, Person } from "../record.js";
import remarkQuotes, { type QuoteMark } from "./remark-quotes.js";
import { urls } from "./urls.js";
import { clipAtWord } from "../clip.js";

/** CommonMark lets any ASCII punctuation be backslash-escaped: then it is always literal. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\s\u0000]+/g, " ")
    .trim()
    .replace(/[!-/:-@[-`{-~]/g, (c) => "\\" + c);
}

/** One line per block, blocks separated by a blank line: block i starts on line 2i+1. */
export function blocksToMarkdown(blocks: Block[]): string {
  return blocks
    .map((b) => (typeof b === "string" ? escapeMarkdown(b) : `## ${escapeMarkdown(b.heading)}`))
    .join("\n\n");
}

/** Anchor of the n-th quotation of an article, shared by the article page and the links to it. */
export function quoteAnchor(index: number): string {
  return `q-${index + 1}`;
}

function render(blocks: Block[], marks: QuoteMark[]): string {
  const processor = unified()
    .use(remarkParse)
    .use(remarkQuotes, { quotes: marks })
    .use(remarkRehype)
    .use(rehypeStringify);
  const tree = processor.runSync(processor.parse(blocksToMarkdown(blocks)));
  return processor.stringify(tree);
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
