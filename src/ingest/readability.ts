/**
 * A second opinion on a page's article text: Mozilla's Readability on linkedom's DOM,
 * asked only when our own container holds little text (it costs several times more).
 * Returns the article's HTML, or null.
 */
import { linkedom, readability } from "./lazy.js";
import { squash } from "../extract/text.js";

export function readabilityArticle(html: string): { content: string; chars: number } | null {
  try {
    const doc = new (linkedom().DOMParser)().parseFromString(html, "text/html");
    const article = new (readability().Readability)(doc as unknown as Document, { charThreshold: 300 }).parse();
    if (!article?.content) return null;
    const chars = squash(article.textContent ?? "").length;
    return chars ? { content: article.content, chars } : null;
  } catch {
    return null; // a page Readability cannot read: our own lines stand
  }
}
