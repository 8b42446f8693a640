/**
 * Libraries that only some inputs need, loaded the first time one does: a run on
 * plain-text seeds never loads the HTML parsers (cheerio and linkedom: about a
 * quarter of a second of start-up between them), nor Markdown's, nor franc.
 * `require` is synchronous, as extraction is; for the packages published only as
 * ES modules (franc-min, unified, remark-parse) it needs Node ≥ 20.19 (package.json
 * "engines"). Each is loaded once per process.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function lazy<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}

export const cheerio = lazy<typeof import("cheerio")>("cheerio");
export const linkedom = lazy<typeof import("linkedom")>("linkedom");
export const readability = lazy<typeof import("@mozilla/readability")>("@mozilla/readability");
export const franc = lazy<typeof import("franc-min")>("franc-min");
export const unified = lazy<typeof import("unified")>("unified");
export const remarkParse = lazy<typeof import("remark-parse")>("remark-parse");
