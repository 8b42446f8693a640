/**
 * Quality gates: the extractor against gold annotations, scored as `../shared/tools/grade`
 * scores them (tests/helpers/grade.ts), held to floors pinned in tests/fixtures/floors.json.
 * - seeds: the five bundled seeds (gold copied into tests/fixtures/gold);
 * - realworld: 44 real articles copied as text (tests/fixtures/realworld, see its README).
 * Floors can be raised; lowering one needs a commit that says why.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadCorpus } from "../src/corpus.js";
import { type GoldArticle, gradeArticles } from "./helpers/grade.js";
import { checkFloors, FLOORS } from "./helpers/floors.js";
import { ROOT } from "./helpers/extract.js";

async function grade(goldDir: string, textDir: string) {
  const golds: GoldArticle[] = readdirSync(goldDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(path.join(goldDir, f), "utf8")));
  const { records } = await loadCorpus({ paths: golds.map((g) => path.join(textDir, g.file)), cacheDir: null });
  return gradeArticles(golds, records);
}

test("the seeds meet their pinned floors", async () => {
  const score = await grade(path.join(ROOT, "tests/fixtures/gold"), path.join(ROOT, "seeds"));
  checkFloors("seeds", score, FLOORS.seeds);
});

test("the real articles meet their pinned floors", async () => {
  const dir = path.join(ROOT, "tests/fixtures/realworld");
  const score = await grade(path.join(dir, "gold"), path.join(dir, "texts"));
  checkFloors("realworld", score, FLOORS.realworld);
});

test("the floors file pins every figure it names for both sets", () => {
  for (const set of ["seeds", "realworld"] as const) {
    assert.ok(Object.keys(FLOORS[set].min).length >= 8, `${set}: minimum floors`);
    assert.ok("dateWrong" in FLOORS[set].max && "leaked" in FLOORS[set].max, `${set}: maximum floors`);
  }
});
