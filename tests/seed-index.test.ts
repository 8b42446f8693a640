/**
 * The seed index (src/seed-index.ts): a rebuild takes unchanged seeds' records
 * without reading them, and never a stale record — a seed edited in place with
 * its size and modification time kept, replaced by another file, or an index
 * file damaged, cut short or of another version all give the records of a load
 * without any index.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rename, stat, utimes, writeFile } from "node:fs/promises";
import { realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadCorpus, type Corpus } from "../src/corpus.js";
import { recordVersion } from "../src/cache.js";
import { WRITE_SLACK } from "../src/cache-write.js";
import { forgetSeedIndexes, processSeedIndex, readIndexFile, seedIndexFile, seedIndexKey } from "../src/seed-index.js";
import { seedFolder } from "./helpers/seed-folder.js";

const text = (n: number, word = "Moscou") => `Article numéro ${n}\n\nLe ministre a évoqué à ${word} la coopération militaire ${n} fois.\n`;

async function setUp(count = 3) {
  const seeds = await seedFolder(Object.fromEntries(Array.from({ length: count }, (_, i) => [`a${i + 1}.txt`, text(i + 1)])));
  const cacheDir = await mkdtemp(path.join(tmpdir(), "revue-index-cache-"));
  const root = realpathSync(seeds);
  // trustAfterMs -1000: the files just written (their change time in the same millisecond as the look, or a
  // coarse clock's tick after it) count as old enough to be trusted (a real build waits TRUST_AFTER_MS)
  const load = (index: { trustTimes?: boolean } = {}) => loadCorpus({ paths: [seeds], cacheDir, index: { trustAfterMs: -1000, ...index } });
  const plain = () => loadCorpus({ paths: [seeds], cacheDir: null });
  const used = () => processSeedIndex(cacheDir, root, recordVersion()).last;
  const file = seedIndexFile(cacheDir, root);
  return { seeds, cacheDir, load, plain, used, file };
}

const same = (a: Corpus, b: Corpus) => {
  assert.deepEqual(a.records, b.records);
  assert.deepEqual(a.events, b.events);
};

test("unchanged seeds are not read again; the records are those of a load without index", async () => {
  const s = await setUp();
  const first = await s.load();
  assert.deepEqual(s.used(), { unread: 0, read: 0, missing: 3 });
  const second = await s.load();
  assert.deepEqual(s.used(), { unread: 3, read: 0, missing: 0 });
  assert.equal(second.report.fromCache, 3);
  same(second, first);
  same(second, await s.plain());
  // a new process: the index comes from its file
  forgetSeedIndexes();
  await s.load();
  assert.deepEqual(s.used(), { unread: 3, read: 0, missing: 0 });
  // --full: every seed read again, its record still found by its bytes
  await s.load({ trustTimes: false });
  assert.deepEqual(s.used(), { unread: 0, read: 3, missing: 0 });
});

test("a seed edited in place with its size and modification time kept is read again", async () => {
  const s = await setUp();
  const file = path.join(s.seeds, "a2.txt");
  const when = new Date("2024-05-01T10:00:00Z"); // whole seconds: set back exactly below
  await utimes(file, when, when);
  await s.load();
  const before = await stat(file);
  const edited = text(2, "Tokyo!");
  assert.equal(Buffer.byteLength(edited), before.size);
  await writeFile(file, edited);
  await utimes(file, when, when);
  assert.equal((await stat(file)).mtimeMs, before.mtimeMs);
  const c = await s.load();
  assert.deepEqual(s.used(), { unread: 2, read: 0, missing: 1 });
  assert.match(JSON.stringify(c.records.find((r) => r.source.file === "a2.txt")), /Tokyo!/);
  same(c, await s.plain());
});

test("a seed replaced by another file (renamed over it) is read again", async () => {
  const s = await setUp();
  await s.load();
  await writeFile(path.join(s.seeds, ".tmp"), text(3, "Séoul, en Corée"));
  await rename(path.join(s.seeds, ".tmp"), path.join(s.seeds, "a3.txt"));
  const c = await s.load();
  assert.equal(s.used().missing, 1);
  assert.match(JSON.stringify(c.records.find((r) => r.source.file === "a3.txt")), /Séoul/);
  same(c, await s.plain());
});

test("an index file damaged, cut short or of another key is not used, and is written afresh", async () => {
  const s = await setUp();
  const reference = await s.load();
  const good = await readFile(s.file);
  const root = realpathSync(s.seeds);
  assert.ok(readIndexFile(s.file, seedIndexKey(recordVersion(), root)));
  // a letter of a record's text changed: still a well-formed serialization, only the checksum tells
  const flipped = Buffer.from(good);
  const at = flipped.indexOf("militaire");
  assert.ok(at > 0);
  flipped[at] = "M".charCodeAt(0);
  const otherKey = Buffer.from(good.toString("latin1").replace(/"key":"[0-9a-f]{8}/, '"key":"00000000'), "latin1");
  for (const [what, bytes] of [
    ["a byte altered", flipped],
    ["cut short", good.subarray(0, Math.floor(good.length / 2))],
    ["another key", otherKey],
    ["not an index", Buffer.from("{}\n")],
  ] as const) {
    await writeFile(s.file, bytes);
    forgetSeedIndexes();
    const c = await s.load();
    assert.equal(s.used().unread, 0, `${what}: entries were taken from it`);
    same(c, reference);
    assert.ok(readIndexFile(s.file, seedIndexKey(recordVersion(), root)), `${what}: not written afresh`);
  }
  // nothing else of ours is left in the cache folder (the temporary file was renamed)
  assert.deepEqual((await readdir(s.cacheDir)).filter((n) => n.endsWith(".tmp")), []);
});

test("the file is written again only when more than WRITE_SLACK seeds differ from it; a file behind still gives the right records", async () => {
  const s = await setUp();
  await s.load();
  const written = await readFile(s.file);
  await writeFile(path.join(s.seeds, "b1.txt"), text(101));
  const c = await s.load();
  assert.deepEqual(await readFile(s.file), written, "rewritten for one seed");
  // a new process, the file one seed behind: that seed is read (its record from the records cache)
  forgetSeedIndexes();
  const again = await s.load();
  assert.deepEqual(s.used(), { unread: 3, read: 0, missing: 1 });
  same(again, c);
  same(again, await s.plain());
  for (let i = 2; i <= WRITE_SLACK + 1; i++) await writeFile(path.join(s.seeds, `b${i}.txt`), text(100 + i));
  await s.load();
  assert.notDeepEqual(await readFile(s.file), written, "not rewritten for more than WRITE_SLACK seeds");
  forgetSeedIndexes();
  await s.load();
  assert.deepEqual(s.used(), { unread: WRITE_SLACK + 4, read: 0, missing: 0 });
});

test("duplicates (same title and text) are found the same way from the index, whose entries carry their content key", async () => {
  const s = await setUp();
  await writeFile(path.join(s.seeds, "z-copie.txt"), `${text(1)}\n\n`); // other bytes, same title and text as a1.txt
  const first = await s.load();
  assert.equal(first.report.duplicates, 1);
  const entries = readIndexFile(s.file, seedIndexKey(recordVersion(), realpathSync(s.seeds)))!;
  assert.equal(entries.size, 4);
  assert.ok([...entries.values()].every((e) => typeof e.contentKey === "string"), "every entry has its content key");
  forgetSeedIndexes();
  const again = await s.load();
  assert.equal(s.used().unread, 4);
  assert.deepEqual(again.report, { ...first.report, fromCache: 4, extracted: 0, files: again.report.files });
  assert.deepEqual(again.report.files.map((f) => [f.file, f.status === "cached" ? "extracted" : f.status, f.duplicateOf]), first.report.files.map((f) => [f.file, f.status, f.duplicateOf]));
  same(again, await s.plain());
});
