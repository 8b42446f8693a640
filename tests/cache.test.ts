import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { RecordCache, extractorVersion } from "../src/cache.js";
import { loadCorpus } from "../src/corpus.js";
import { seedFolder } from "./helpers/seed-folder.js";

async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `revue-${prefix}-`));
}

const text = (n: number) => `Article numéro ${n}\n\nLe ministre a évoqué la coopération militaire ${n} fois.\n`;

function corpusFolder(count: number): Promise<string> {
  return seedFolder(Object.fromEntries(Array.from({ length: count }, (_, i) => [`a${i + 1}.txt`, text(i + 1)])));
}

test("a second build takes every record from the cache, with the same result", async () => {
  const seeds = await corpusFolder(4);
  const cacheDir = await tempDir("cache");
  const cold = await loadCorpus({ paths: [seeds], cacheDir });
  assert.equal(cold.report.extracted, 4);
  assert.equal(cold.report.fromCache, 0);
  const warm = await loadCorpus({ paths: [seeds], cacheDir });
  assert.equal(warm.report.extracted, 0);
  assert.equal(warm.report.fromCache, 4);
  assert.deepEqual(warm.records, cold.records);
  assert.deepEqual(warm.events, cold.events);
  assert.deepEqual(warm.report.files.map((f) => f.status), ["cached", "cached", "cached", "cached"]);
});

test("adding or changing one seed re-extracts that one only; a sidecar change re-extracts nothing", async () => {
  const seeds = await corpusFolder(3);
  const cacheDir = await tempDir("cache");
  await loadCorpus({ paths: [seeds], cacheDir });
  await writeFile(path.join(seeds, "a2.txt"), text(22));
  await writeFile(path.join(seeds, "a9.txt"), text(9));
  const again = await loadCorpus({ paths: [seeds], cacheDir });
  assert.equal(again.report.extracted, 2);
  assert.equal(again.report.fromCache, 2);
  assert.match(JSON.stringify(again.records.find((r) => r.source.file === "a2.txt")), /militaire 22 fois/);
  await writeFile(path.join(seeds, "a1.meta.yaml"), "title: Titre corrigé\n");
  const corrected = await loadCorpus({ paths: [seeds], cacheDir });
  assert.equal(corrected.report.extracted, 0);
  assert.equal(corrected.records.find((r) => r.source.file === "a1.txt")?.title, "Titre corrigé");
});

test("a renamed seed is re-extracted under its new name, never served with the old one", async () => {
  const seeds = await corpusFolder(1);
  const cacheDir = await tempDir("cache");
  await loadCorpus({ paths: [seeds], cacheDir });
  const other = await seedFolder({ "renamed.txt": text(1) });
  const c = await loadCorpus({ paths: [other], cacheDir });
  assert.equal(c.report.extracted, 1);
  assert.equal(c.records[0].source.file, "renamed.txt");
});

test("a corrupt or foreign cache entry is a miss and is rewritten", async () => {
  const seeds = await corpusFolder(2);
  const cacheDir = await tempDir("cache");
  await loadCorpus({ paths: [seeds], cacheDir });
  const cache = new RecordCache(cacheDir);
  const entries = await readdir(cache.folder);
  assert.equal(entries.length, 2);
  await writeFile(path.join(cache.folder, entries[0]), "{ not json");
  await writeFile(path.join(cache.folder, entries[1]), JSON.stringify({ id: "Not A Record" }));
  const c = await loadCorpus({ paths: [seeds], cacheDir });
  assert.equal(c.report.extracted, 2);
  const after = await loadCorpus({ paths: [seeds], cacheDir });
  assert.equal(after.report.fromCache, 2);
});

test("a valid but edited cache entry fails its checksum: the seed is re-extracted, the entry rewritten", async () => {
  const seeds = await corpusFolder(2);
  const cacheDir = await tempDir("cache");
  const cold = await loadCorpus({ paths: [seeds], cacheDir });
  const cache = new RecordCache(cacheDir);
  const entries = (await readdir(cache.folder)).sort();
  assert.equal(entries.length, 2);
  // one entry edited in place (its checksum line kept), one rewritten as a bare record: both still pass ArticleRecord
  const first = await readFile(path.join(cache.folder, entries[0]), "utf8");
  const [sum, json] = [first.slice(0, first.indexOf("\n")), first.slice(first.indexOf("\n") + 1)];
  const edited = { ...JSON.parse(json), title: "Titre falsifié" };
  await writeFile(path.join(cache.folder, entries[0]), `${sum}\n${JSON.stringify(edited)}`);
  const second = await readFile(path.join(cache.folder, entries[1]), "utf8");
  await writeFile(path.join(cache.folder, entries[1]), JSON.stringify({ ...JSON.parse(second.slice(second.indexOf("\n") + 1)), title: "Autre titre falsifié" }));
  const warm = await loadCorpus({ paths: [seeds], cacheDir });
  assert.equal(warm.report.extracted, 2);
  assert.equal(warm.report.fromCache, 0);
  assert.deepEqual(warm.records.map((r) => r.title), cold.records.map((r) => r.title));
  assert.ok(!warm.records.some((r) => /falsifié/.test(r.title ?? "")));
  const after = await loadCorpus({ paths: [seeds], cacheDir });
  assert.equal(after.report.fromCache, 2);
});

test("entries of another extractor version are not used, and their folder is pruned", async () => {
  const seeds = await corpusFolder(1);
  const cacheDir = await tempDir("cache");
  const old = new RecordCache(cacheDir, "0123456789abcdef");
  const first = await loadCorpus({ paths: [seeds], cacheDir });
  await old.put({ ...first.records[0], title: "stale" });
  await mkdir(path.join(cacheDir, "not-ours"));
  const c = await loadCorpus({ paths: [seeds], cacheDir });
  assert.equal(c.report.fromCache, 1);
  assert.notEqual(c.records[0].title, "stale");
  assert.deepEqual((await readdir(cacheDir)).sort(), [path.basename(new RecordCache(cacheDir).folder), "not-ours"].sort());
});

test("the extractor version hashes src/**/*.ts and data/**: any change gives a new version", async () => {
  const make = async (files: Record<string, string>) => {
    const root = await tempDir("root");
    for (const [name, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, name)), { recursive: true });
      await writeFile(path.join(root, name), content);
    }
    return extractorVersion(root);
  };
  const base = { "src/a.ts": "export const a = 1;", "src/extract/b.ts": "b", "data/people.yaml": "people: []", "README.md": "x" };
  const v = await make(base);
  assert.match(v, /^[0-9a-f]{16}$/);
  assert.equal(await make(base), v, "same contents, same version");
  assert.equal(await make({ ...base, "README.md": "y" }), v, "files outside src/ and data/ do not count");
  assert.equal(await make({ ...base, "src/notes.txt": "z" }), v, "only .ts files of src/ count");
  assert.notEqual(await make({ ...base, "src/extract/b.ts": "c" }), v, "code change");
  assert.notEqual(await make({ ...base, "data/people.yaml": "people: [x]" }), v, "data change");
  assert.notEqual(await make({ ...base, "src/extract/c.ts": "" }), v, "new file");
});

test("an unwritable cache only costs time: the build still succeeds", async () => {
  const seeds = await corpusFolder(2);
  const blocker = path.join(await tempDir("cache"), "file-not-folder");
  await writeFile(blocker, "x");
  const c = await loadCorpus({ paths: [seeds], cacheDir: blocker });
  assert.equal(c.records.length, 2);
});
