/**
 * data/ is read through a JSON snapshot (src/extract/knowledge.ts): the snapshot must give
 * exactly what the YAML gives, follow every edit of the data, and never serve a snapshot
 * edited or corrupted on disk.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_DATA_DIR, loadKnowledge } from "../src/extract/knowledge.js";

async function copyOfData(): Promise<{ data: string; snapshot: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "revue-knowledge-"));
  await cp(DEFAULT_DATA_DIR, path.join(dir, "data"), { recursive: true });
  return { data: path.join(dir, "data"), snapshot: path.join(dir, "snapshot.json") };
}

test("the snapshot gives the same knowledge as the YAML, and is written on the first load", async () => {
  const { data, snapshot } = await copyOfData();
  const fromYaml = loadKnowledge(data, null);
  assert.ok(!existsSync(snapshot));
  assert.deepEqual(loadKnowledge(data, snapshot), fromYaml);
  assert.ok(existsSync(snapshot), "snapshot written");
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
});

test("a snapshot edited or corrupted on disk is never served", async () => {
  const { data, snapshot } = await copyOfData();
  const fromYaml = loadKnowledge(data, null);
  loadKnowledge(data, snapshot);
  const text = await readFile(snapshot, "utf8");
  assert.ok(text.includes("Poutine"));
  // same key, data changed by hand: the checksum no longer matches
  await writeFile(snapshot, text.replace(/Poutine/g, "Putain"));
  assert.deepEqual(loadKnowledge(data, snapshot), fromYaml);
  // cut short
  await writeFile(snapshot, text.slice(0, text.length / 2));
  assert.deepEqual(loadKnowledge(data, snapshot), fromYaml);
});

test("a malformed data file is an error naming it, snapshot or not", async () => {
  const { data, snapshot } = await copyOfData();
  loadKnowledge(data, snapshot);
  await writeFile(path.join(data, "events.yaml"), "events:\n  - date: tomorrow\n");
  assert.throws(() => loadKnowledge(data, snapshot), /events\.yaml: /);
});
