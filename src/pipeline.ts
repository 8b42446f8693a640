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
}

export interface CorpusResult {
  records: ArticleRecord[];
  events: EventRecord[];
}

export { extractRecord } from "./extract/record.js";
export { linkCorpus } from "./extract/events.js";
