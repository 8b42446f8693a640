/**
 * sources/: each seed is copied as the bytes that were extracted. A seed deleted or
 * edited between extraction and the copy is not copied (the copy would not be the
 * text the page shows) and a warning names it; the other seeds are copied.
 * A rebuild takes the copies of unchanged seeds from the previous site (hard links)
 * and ends with the same files and bytes as a cold build.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
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

test("a rebuild links the copies of unchanged seeds from the previous site, makes the others afresh, and drops removed ones", async () => {
  const seeds = await seedFolder({ "same.txt": article("Inchangé"), "edited.txt": article("Première version"), "removed.txt": article("Retiré") });
  const load = () => loadCorpus({ paths: [seeds], cacheDir: null, onWarning: () => {} });
  const noWarning = (file: string, message: string) => assert.fail(`${file}: ${message}`);
  const previous = await mkdtemp(path.join(tmpdir(), "revue-out-"));
  assert.equal(await copySeeds({ seedsDir: seeds, corpus: await load() } as unknown as SiteBuild, previous, noWarning, null), 3);
  const copyOf = (corpus: Awaited<ReturnType<typeof load>>, file: string) => `sources/${corpus.records.find((r) => r.source.file === file)!.id}.txt`;

  // the same name, other bytes: its copy must change; a seed removed: its copy must go
  await writeFile(path.join(seeds, "edited.txt"), article("Seconde version"));
  await rm(path.join(seeds, "removed.txt"));
  const corpus = await load();
  const warm = await mkdtemp(path.join(tmpdir(), "revue-out-"));
  const cold = await mkdtemp(path.join(tmpdir(), "revue-out-"));
  assert.equal(await copySeeds({ seedsDir: seeds, corpus } as unknown as SiteBuild, warm, noWarning, previous), 2);
  assert.equal(await copySeeds({ seedsDir: seeds, corpus } as unknown as SiteBuild, cold, noWarning, null), 2);

  assert.deepEqual((await readdir(path.join(warm, "sources"))).sort(), (await readdir(path.join(cold, "sources"))).sort());
  for (const f of [copyOf(corpus, "same.txt"), copyOf(corpus, "edited.txt"), ".revue/sources.json"]) {
    assert.ok((await readFile(path.join(warm, f))).equals(await readFile(path.join(cold, f))), `${f}: not a cold build's bytes`);
  }
  assert.equal(await readFile(path.join(warm, copyOf(corpus, "edited.txt")), "utf8"), "\uFEFF" + article("Seconde version"));
  // the unchanged copy is the previous site's file (a hard link), the edited one a new file
  const ino = async (dir: string, f: string) => (await stat(path.join(dir, f))).ino;
  assert.equal(await ino(warm, copyOf(corpus, "same.txt")), await ino(previous, copyOf(corpus, "same.txt")));
  assert.notEqual(await ino(warm, copyOf(corpus, "edited.txt")), await ino(previous, copyOf(corpus, "edited.txt")));
  assert.equal((await readdir(path.join(warm, "sources"))).length, 2);

  // a copy listed in the previous manifest but gone from the previous site is made afresh
  await rm(path.join(previous, copyOf(corpus, "same.txt")));
  const again = await mkdtemp(path.join(tmpdir(), "revue-out-"));
  assert.equal(await copySeeds({ seedsDir: seeds, corpus } as unknown as SiteBuild, again, noWarning, previous), 2);
  assert.equal(await readFile(path.join(again, copyOf(corpus, "same.txt")), "utf8"), "\uFEFF" + article("Inchangé"));
});

test("a rebuild links each unchanged seed's copy with one call, without making its folder again", async () => {
  const seeds = await seedFolder({ "a.txt": article("Premier"), "b.txt": article("Deuxième"), "c.txt": article("Troisième") });
  const corpus = await loadCorpus({ paths: [seeds], cacheDir: null, onWarning: () => {} });
  const noWarning = (file: string, message: string) => assert.fail(`${file}: ${message}`);
  const previous = await mkdtemp(path.join(tmpdir(), "revue-out-"));
  assert.equal(await copySeeds({ seedsDir: seeds, corpus } as unknown as SiteBuild, previous, noWarning, null), 3);
  // every mkdir of the modules (their `import { mkdir } from "node:fs/promises"` follows the builtin's export)
  const made: string[] = [];
  const { mkdir } = fs.promises;
  fs.promises.mkdir = ((dir: string, ...rest: unknown[]) => {
    made.push(String(dir));
    return (mkdir as (...a: unknown[]) => Promise<unknown>)(dir, ...rest);
  }) as typeof fs.promises.mkdir;
  syncBuiltinESMExports();
  const warm = await mkdtemp(path.join(tmpdir(), "revue-out-"));
  try {
    assert.equal(await copySeeds({ seedsDir: seeds, corpus } as unknown as SiteBuild, warm, noWarning, previous), 3);
  } finally {
    fs.promises.mkdir = mkdir;
    syncBuiltinESMExports();
  }
  for (const f of await readdir(path.join(warm, "sources"))) {
    assert.equal((await stat(path.join(warm, "sources", f))).ino, (await stat(path.join(previous, "sources", f))).ino, `${f}: not linked`);
  }
  // sources/ once, and .revue/ for the manifest: not one per copy
  assert.ok(made.filter((d) => d === path.join(warm, "sources")).length <= 1, made.join("\n"));
});
