/**
 * data/ is read through a JSON snapshot (src/extract/knowledge.ts): the snapshot must give
 * exactly what the YAML gives, follow every edit of the data, and never serve a snapshot
 * edited or corrupted on disk.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import slugify from "@sindresorhus/slugify";
import { DEFAULT_DATA_DIR, loadKnowledge, slugOnce } from "../src/extract/knowledge.js";

async function copyOfData(): Promise<{ data: string; snapshot: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "revue-knowledge-"));
  await cp(DEFAULT_DATA_DIR, path.join(dir, "data"), { recursive: true });
  return { data: path.join(dir, "data"), snapshot: path.join(dir, "snapshots") };
}

/** The snapshot files in the folder. */
async function snapshotFiles(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [])).map((n) => path.join(dir, n));
}

test("the snapshot gives the same knowledge as the YAML, and is written on the first load", async () => {
  const { data, snapshot } = await copyOfData();
  const fromYaml = loadKnowledge(data, null);
  assert.deepEqual(await snapshotFiles(snapshot), []);
  assert.deepEqual(loadKnowledge(data, snapshot), fromYaml);
  assert.equal((await snapshotFiles(snapshot)).length, 1, "snapshot written");
  assert.deepEqual(loadKnowledge(data, snapshot), fromYaml, "read back from the snapshot");
});

test("an edited data file is read again, not taken from the snapshot", async () => {
  const { data, snapshot } = await copyOfData();
  loadKnowledge(data, snapshot);
  const file = path.join(data, "outlets.yaml");
  await writeFile(file, (await readFile(file, "utf8")).replace(/^agencies:\n/m, "agencies:\n  - name: Agence Test\n    aliases: [ATX]\n"));
  const k = loadKnowledge(data, snapshot);
  assert.equal(k.agencyByAlias.get("atx"), "Agence Test");
  assert.deepEqual(loadKnowledge(data, snapshot), loadKnowledge(data, null));
  assert.equal((await snapshotFiles(snapshot)).length, 2, "one snapshot per version of the data: copies with other data do not overwrite each other's");
});

test("a snapshot edited or corrupted on disk is never served", async () => {
  const { data, snapshot } = await copyOfData();
  const fromYaml = loadKnowledge(data, null);
  loadKnowledge(data, snapshot);
  const [file] = await snapshotFiles(snapshot);
  const text = await readFile(file, "utf8");
  assert.ok(text.includes("Poutine"));
  // same key, data changed by hand: the checksum no longer matches
  await writeFile(file, text.replace(/Poutine/g, "Putain"));
  assert.deepEqual(loadKnowledge(data, snapshot), fromYaml);
  // cut short
  await writeFile(file, text.slice(0, text.length / 2));
  assert.deepEqual(loadKnowledge(data, snapshot), fromYaml);
});

test("a malformed data file is an error naming it, snapshot or not", async () => {
  const { data, snapshot } = await copyOfData();
  loadKnowledge(data, snapshot);
  await writeFile(path.join(data, "events.yaml"), "events:\n  - date: tomorrow\n");
  assert.throws(() => loadKnowledge(data, snapshot), /events\.yaml : /);
});

test("a plain ASCII name is slugged as slugify slugs it (the fast path of slugOnce)", () => {
  const alphabet = "aBz09 ._-";
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 30 }), (name) => {
      assert.equal(slugOnce(name), slugify(name, { decamelize: false }) || "x");
    }),
    { numRuns: 5000 },
  );
  for (const name of ["00001_7fc1f1389915ab58", "Mon Article 2", "a--b", "_x_", "A.B", "2024-10-14_foo.bar", ""]) {
    assert.equal(slugOnce(name), slugify(name, { decamelize: false }) || "x", name);
  }
});
