/**
 * Quality gate on saved web pages: a sample of the peers' own test pages
 * (tests/fixtures/peer, see its README), scored as `../shared/tools/pagegrade` scores
 * them (tests/helpers/grade.ts), held to floors pinned in tests/fixtures/floors.json.
 */
import { test } from "node:test";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadCorpus } from "../src/corpus.js";
import { type GoldPage, gradePages } from "./helpers/grade.js";
import { checkFloors, FLOORS } from "./helpers/floors.js";
import { ROOT } from "./helpers/extract.js";

for (const set of readdirSync(path.join(ROOT, "tests/fixtures/peer")).filter((f) => !f.includes("."))) {
  test(`saved pages of ${set} meet their pinned floors`, async () => {
    const dir = path.join(ROOT, "tests/fixtures/peer", set);
    const gold: Record<string, GoldPage> = JSON.parse(readFileSync(path.join(dir, "gold.json"), "utf8"));
    const { records } = await loadCorpus({ paths: Object.keys(gold).map((f) => path.join(dir, "pages", f)), cacheDir: null, onWarning: () => {} });
    checkFloors(`peer/${set}`, gradePages(gold, records), FLOORS[`peer/${set}`]);
  });
}
