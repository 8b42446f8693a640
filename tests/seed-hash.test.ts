/**
 * A seed that misses the record cache is hashed once (src/corpus.ts computes the SHA-256 for the
 * look-up and gives it to the extraction with the bytes it hashed) — and only with those bytes: a
 * seed read again at its turn (past holdBytes) is hashed again, its record names the bytes extracted.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadCorpus } from "../src/corpus.js";
import { extractRecord } from "../src/pipeline.js";
import { runSeedJob } from "../src/seed-job.js";

const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");
const TEXT = (n: number) => `Pékin et Moscou, version ${n}\n\nLe ministre a déclaré : « La coopération continue. »\n`;

test("extractRecord and a seed job take the bytes' SHA-256 when given, and compute it when not", () => {
  const bytes = Buffer.from(TEXT(1));
  const given = "0".repeat(64);
  assert.equal(extractRecord({ file: "a.txt", bytes, sha256: given }).source.sha256, given);
  assert.equal(extractRecord({ file: "a.txt", bytes }).source.sha256, sha(bytes));
  const job = runSeedJob({ file: "a.txt", bytes, sha256: given });
  assert.equal(job.kind === "record" && job.record.source.sha256, given);
});

test("loadCorpus: a record's SHA-256 is that of the bytes extracted, whether held since the look-up or read again", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "revue-seed-hash-"));
  const cache = await mkdtemp(path.join(tmpdir(), "revue-seed-hash-cache-"));
  try {
    await writeFile(path.join(dir, "a.txt"), TEXT(1));
    for (const holdBytes of [undefined, 0]) {
      // the seed changes between its look-up (first read) and its extraction (a second read, past holdBytes)
      let reads = 0;
      const corpus = await loadCorpus({
        paths: [dir], cacheDir: path.join(cache, String(holdBytes)), holdBytes,
        fs: { readSeed: async (abs) => (reads++ === 0 ? readFile(abs) : Buffer.from(TEXT(2))) },
      });
      const r = corpus.records[0]!;
      const extracted = holdBytes === 0 ? TEXT(2) : TEXT(1);
      assert.equal(reads, holdBytes === 0 ? 2 : 1);
      assert.match(r.title ?? "", new RegExp(`version ${holdBytes === 0 ? 2 : 1}`));
      assert.equal(r.source.sha256, sha(extracted), `holdBytes ${holdBytes}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(cache, { recursive: true, force: true });
  }
});
