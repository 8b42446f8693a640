/**
 * sources/: each seed is copied as the bytes that were extracted. A seed deleted or
 * edited between extraction and the copy is not copied (the copy would not be the
 * text the page shows) and a warning names it; the other seeds are copied.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadCorpus } from "../src/corpus.js";
import { copySeeds } from "../src/site/after-build.js";
import type { SiteBuild } from "../src/site/data.js";
import { seedFolder } from "./helpers/seed-folder.js";

const article = (title: string) => `${title}\n\nPar Jeanne Martin, le 3 mars 2024\n\nL'article « ${title} » raconte autre chose que les autres, assez longuement pour être lu comme un paragraphe de presse ordinaire.\n`;

test("seeds gone or changed after extraction are not copied, and are named", async () => {
  const seeds = await seedFolder({ "kept.txt": article("Gardé"), "gone.txt": article("Effacé"), "edited.txt": article("Modifié") });
  const out = await mkdtemp(path.join(tmpdir(), "revue-out-"));
  const corpus = await loadCorpus({ paths: [seeds], cacheDir: null, onWarning: () => {} });
  assert.equal(corpus.records.length, 3);
  await rm(path.join(seeds, "gone.txt"));
  await writeFile(path.join(seeds, "edited.txt"), article("Modifié ensuite"));
  const warnings: string[] = [];
  const n = await copySeeds({ seedsDir: seeds, corpus } as unknown as SiteBuild, out, (file, message) => warnings.push(`${file}: ${message}`));
  assert.equal(n, 1);
  const copied = await readdir(path.join(out, "sources"));
  assert.equal(copied.length, 1);
  assert.equal(await readFile(path.join(out, "sources", copied[0]), "utf8"), "\uFEFF" + article("Gardé")); // UTF-8 with a BOM (docs/site.md)
  assert.equal(warnings.length, 2);
  assert.ok(warnings.some((w) => w.startsWith("gone.txt: ")), warnings.join("\n"));
  assert.ok(warnings.some((w) => w.startsWith("edited.txt: ") && /modifié depuis sa lecture/.test(w)), warnings.join("\n"));
});
