/**
 * The latest year an article can be from is an input of the extractor (the CLIs pass the
 * year they run in), never read from the clock: it reaches the record through the loader,
 * inline and in a worker, and a record cached under another year is extracted again.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadCorpus } from "../src/corpus.js";
import { seedFolder } from "./helpers/seed-folder.js";

// "mardi 27 janvier" after a text that names 2025: 2026 is the one year in which 27 January is a
// Tuesday up to 2031; with 2025 as the latest year allowed, no year fits and the date stays unknown.
const ARTICLE = "Exercices conjoints en mer de Chine orientale\n\nLe ministre a déclaré mardi 27 janvier que les exercices de 2025 avaient réussi, selon l'agence officielle.\n";

test("the latest year allowed reaches the record, inline and in worker threads", async () => {
  const dir = await seedFolder({ "a.txt": ARTICLE });
  for (const workers of [false, true]) {
    const in2026 = await loadCorpus({ paths: [dir], cacheDir: null, workers, latestYear: 2026, onWarning: () => {} });
    const in2025 = await loadCorpus({ paths: [dir], cacheDir: null, workers, latestYear: 2025, onWarning: () => {} });
    assert.equal(in2026.records[0].date, "2026-01-27", `workers: ${workers}`);
    assert.equal(in2026.records[0].dateConfidence, "inferred");
    assert.equal(in2025.records[0].date, null, `workers: ${workers}`);
  }
});

test("a record cached under another latest year is extracted again", async () => {
  const dir = await seedFolder({ "a.txt": ARTICLE });
  const cacheDir = await mkdtemp(path.join(tmpdir(), "revue-year-cache-"));
  const first = await loadCorpus({ paths: [dir], cacheDir, latestYear: 2025, onWarning: () => {} });
  assert.equal(first.records[0].date, null);
  const later = await loadCorpus({ paths: [dir], cacheDir, latestYear: 2026, onWarning: () => {} });
  assert.equal(later.report.fromCache, 0);
  assert.equal(later.records[0].date, "2026-01-27");
  const again = await loadCorpus({ paths: [dir], cacheDir, latestYear: 2026, onWarning: () => {} });
  assert.equal(again.report.fromCache, 1);
});
