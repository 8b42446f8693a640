/**
 * Records are never changed in place. A process that builds more than once (the
 * dev server) gets the same record objects back from the seed index at every
 * rebuild, and the site's caches trust that: a record's digest is remembered per
 * object and reused when its fields are the same values (src/site/view-cache.ts
 * recordDigest), and the page plan takes that digest (src/site/data.ts). A stage
 * that changed a record, or an object it holds, in place would leave a page
 * stale on rebuild. Here every object of a first load is frozen; a second load of
 * the same seeds plus one (new events, the same records from the index) and the
 * site model of both must run without writing to any of them (ES modules are
 * strict: a write to a frozen object throws).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { loadCorpus } from "../src/corpus.js";
import { buildSite } from "../src/site/model.js";
import { ViewCache } from "../src/site/view-cache.js";
import { seedFolder } from "./helpers/seed-folder.js";
import { ROOT } from "./helpers/root.js";

function deepFreeze(value: unknown, seen = new Set<object>()): void {
  if (!value || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  for (const v of Object.values(value)) deepFreeze(v, seen);
  Object.freeze(value);
}

test("loading again and building the site never write to the records of an earlier load", async () => {
  const dir = path.join(ROOT, "seeds");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".txt")).sort();
  const files: Record<string, Uint8Array> = {};
  for (const n of names) files[n] = await readFile(path.join(dir, n));
  const seeds = await seedFolder(files);
  const cacheDir = await mkdtemp(path.join(tmpdir(), "revue-unchanged-cache-"));
  // trustAfterMs -1000: the files just written count as unchanged (a real build waits TRUST_AFTER_MS)
  const load = () => loadCorpus({ paths: [seeds], cacheDir, index: { trustAfterMs: -1000 } });
  const opts = { siteUrl: "https://example.org", pathPrefix: "/", viewCache: new ViewCache(null) };

  const first = await load();
  buildSite(first, opts);
  deepFreeze(first);

  // one more article: the events are linked again over all of them
  await writeFile(
    path.join(seeds, "zz-new.txt"),
    "Moscou et Pékin annoncent un exercice naval conjoint\n\nLe ministre russe de la Défense a déclaré : « Nous renforçons la coopération militaire avec la Chine. »\n",
  );
  const second = await load();
  assert.equal(second.records.length, first.records.length + 1);
  // the index handed back the same record contents (the test would prove nothing otherwise)
  const byFile = new Map(first.records.map((r) => [r.source.file, r]));
  const shared = second.records.filter((r) => byFile.get(r.source.file)?.body === r.body);
  assert.equal(shared.length, first.records.length, "the second load did not reuse the first load's records");

  buildSite(second, opts);
  buildSite(first, opts);
});
