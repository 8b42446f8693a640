import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractRecord } from "../../src/pipeline.js";
import type { ArticleRecord } from "../../src/record.js";
import { ROOT } from "./root.js";

export { ROOT };

/** Extract a record from text given inline (file name decides the format). */
export function extractText(text: string, file = "article.txt"): ArticleRecord {
  return extractRecord({ file, bytes: new TextEncoder().encode(text) });
}

/** Extract a record from a file of the repository. */
export function extractFile(rel: string): ArticleRecord {
  return extractRecord({ file: path.basename(rel), bytes: readFileSync(path.join(ROOT, rel)) });
}

/** The records of every real-world fixture text and every seed, in file order: the corpus the link-stage tests use. */
export function extractLinkCorpus(): ArticleRecord[] {
  const files = (dir: string) =>
    readdirSync(path.join(ROOT, dir))
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .map((f) => `${dir}/${f}`);
  return [...files("tests/fixtures/realworld/texts"), ...files("seeds")].map(extractFile);
}

/** The name of the speaker of the quote whose text contains `fragment`. */
export function speakerOf(r: ArticleRecord, fragment: string): string | null {
  const q = r.quotes.find((x) => x.text.includes(fragment));
  if (!q) throw new Error(`no quote containing "${fragment}" in ${JSON.stringify(r.quotes.map((x) => x.text))}`);
  return r.speakers.find((s) => s.id === q.speakerId)?.name ?? null;
}

export function bodyText(r: ArticleRecord): string {
  return [r.lede ?? "", ...r.body.map((b) => (typeof b === "string" ? b : b.heading))].join("\n");
}

/** A plain-text article with a headline, a dated byline and the given paragraphs. */
export function articleWith(date: string, ...paras: string[]): ArticleRecord {
  return extractText(["Un titre d'article assez long pour être un titre", `Par Paul Roux, publié le ${date}`, ...paras].join("\n"));
}
