/**
 * One seed's work once its bytes are read: refuse what is not text, extract, write
 * the record cache's entry — the same function in the main thread and in the
 * extraction workers (src/worker.ts), so that a worker does the whole of a seed's
 * work and the main thread only hands out bytes and collects records. Synchronous:
 * a worker has nothing else to do meanwhile, and in the main thread the cache
 * entry's write (a few tens of microseconds) no longer waits for turns of the event
 * loop between the other seeds' extractions (it did: the workers then waited too).
 * No reading of seeds here: the loader reads them (src/corpus.ts), once (twice past its HOLD_BYTES).
 */
import { createHash } from "node:crypto";
import { type Decoded, decode, foldForComparison, sniffBinary } from "./ingest/decode.js";
import { extractRecord } from "./pipeline.js";
import { RecordCache } from "./cache.js";
import type { ArticleRecord } from "./record.js";

export interface SeedJob {
  /** Path relative to the seeds folder. */
  file: string;
  bytes: Uint8Array;
  latestYear?: number;
  /** The SHA-256 (hex) of `bytes`, when known (src/corpus.ts computes it for the cache look-up): not computed again. */
  sha256?: string;
  /** The record cache to write the record to (folder and version), if any. */
  cache?: { dir: string; version: string } | null;
}

export type SeedOutcome =
  /**
   * contentKey: the record's key for duplicate detection (src/corpus.ts), made where the record is, a worker's share of the work;
   * digest: the SHA-256 of its JSON when the record cache computed it (src/record-digest.ts)
   */
  | { kind: "record"; record: ArticleRecord; contentKey: string | null; digest?: string }
  | { kind: "refused"; status: "skipped" | "failed"; reason: string; bytes?: number };

/** Why these bytes cannot make an article, or what decoding them met. */
function examine(bytes: Uint8Array): { refused: string } | Decoded {
  const binary = sniffBinary(bytes);
  if (binary) return { refused: `${binary} : ignoré` };
  if (bytes.length === 0) return { refused: "fichier vide : ignoré" };
  const decoded = decode(bytes);
  if (decoded.text.trim() === "") return { refused: "le fichier ne contient que des espaces : ignoré" };
  return decoded;
}

/** The warning for an extraction that threw (or was stopped: those messages begin with "l'extraction "). */
export function extractionFailed(message: string): string {
  return /^l'extraction /.test(message) ? `${message}, fichier ignoré` : `l'extraction a échoué (${message}) : ignoré`;
}

const caches = new Map<string, RecordCache>();

/** Refuse, or extract and cache: never throws. */
export function runSeedJob(job: SeedJob): SeedOutcome {
  const { bytes } = job;
  const examined = examine(bytes);
  if ("refused" in examined) return { kind: "refused", status: "skipped", reason: examined.refused, bytes: bytes.length };
  let record: ArticleRecord;
  try {
    // the text examine() decoded is not decoded again
    record = extractRecord({ file: job.file, bytes, latestYear: job.latestYear, decoded: examined, sha256: job.sha256 });
  } catch (err) {
    return { kind: "refused", status: "failed", reason: extractionFailed(err instanceof Error ? err.message : String(err)), bytes: bytes.length };
  }
  // what decoding met (invalid bytes replaced, a charset declared…) belongs to the record, cached with it
  if (examined.warnings.length) record = { ...record, warnings: [...examined.warnings, ...record.warnings] };
  let digest: string | undefined;
  if (job.cache) {
    const key = `${job.cache.dir}\0${job.cache.version}`;
    let cache = caches.get(key);
    if (!cache) caches.set(key, (cache = new RecordCache(job.cache.dir, job.cache.version)));
    digest = cache.put(record);
  }
  return { kind: "record", record, contentKey: computeContentKey(record), ...(digest ? { digest } : {}) };
}

/** Title and text folded for comparison, hashed: the key of duplicate detection; null when there is no text to compare. */
export function computeContentKey(r: ArticleRecord): string | null {
  const body = r.body.map((b) => (typeof b === "string" ? b : b.heading)).join("\n");
  const folded = foldForComparison(body);
  if (folded === "") return null;
  return createHash("sha256").update(foldForComparison(r.title ?? "")).update("\0").update(folded).digest("hex");
}
