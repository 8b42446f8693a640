/** src/cache-write.ts: the atomic write and the pruning shared by the caches and data snapshots. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { keepLatest, writeAtomic } from "../src/cache-write.js";

test("writeAtomic replaces the file whole and leaves no temporary file; false where it cannot write", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "revue-cache-write-"));
  const file = path.join(dir, "sub", "a.json");
  assert.equal(writeAtomic(file, "one"), true);
  assert.equal(writeAtomic(file, Buffer.from("two")), true);
  assert.equal(readFileSync(file, "utf8"), "two");
  assert.deepEqual(readdirSync(path.dirname(file)), ["a.json"]);
  writeFileSync(path.join(dir, "plain"), "x");
  assert.equal(writeAtomic(path.join(dir, "plain", "b.json"), "y"), false, "a file where a folder should be");
  assert.deepEqual(readdirSync(dir).sort(), ["plain", "sub"]);
});

test("keepLatest removes all but the newest matching files, and nothing else", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "revue-cache-keep-"));
  for (let i = 0; i < 5; i++) {
    const f = path.join(dir, `snap-${i}.json`);
    writeFileSync(f, String(i));
    utimesSync(f, 1_000_000 + i, 1_000_000 + i);
  }
  writeFileSync(path.join(dir, "other.txt"), "");
  keepLatest(dir, /^snap-\d\.json$/, 2);
  assert.deepEqual(readdirSync(dir).sort(), ["other.txt", "snap-3.json", "snap-4.json"]);
  keepLatest(path.join(dir, "missing"), /x/, 1); // no folder: nothing to do, no error
});
