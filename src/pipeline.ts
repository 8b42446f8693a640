/**
 * The extraction pipeline: one seed file's bytes → one ArticleRecord, and the
 * corpus stage that links records (events, dates inferred from other articles).
 *
 * Pure functions: no file system, no clock. The CLI and the corpus loader do I/O.
 */
import type { ArticleRecord, EventRecord } from "./record.js";

export interface SeedInput {
  /** Path relative to the seeds folder (or as given on the command line); used for the id and `source.file`. */
  file: string;
  bytes: Uint8Array;
  /**
   * The latest year the article can be from: the year the command runs, read from the
   * clock by the CLI (`currentYear()` in src/corpus.ts), never by the extractor. A day
   * printed without its year is resolved up to it. Default: `LATEST_YEAR` (dates.ts).
   */
  latestYear?: number;
  /** `decode(bytes)`, when the caller has already made it (src/corpus.ts does, to refuse empty text): not made twice. */
  decoded?: { text: string; encoding: string };
  /** The SHA-256 (hex) of `bytes`, when the caller has already computed it (src/corpus.ts does, to look the seed up in the record cache): not computed twice. */
  sha256?: string;
}

export interface CorpusResult {
  records: ArticleRecord[];
  events: EventRecord[];
}

export { extractRecord } from "./extract/record.js";
export { linkCorpus } from "./extract/events.js";
