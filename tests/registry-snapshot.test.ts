/**
 * The site registry's snapshot (src/site/registry.ts): the same registry as read
 * from the YAML; an edited data file, or a snapshot altered or cut short, never
 * gives a stale one.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, readdir, writeFile, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadSiteRegistry } from "../src/site/registry.js";
import { ROOT } from "./helpers/site.js";

test("the registry from its snapshot is the registry from the YAML; data edits and damaged snapshots are not served", async () => {
  const data = await mkdtemp(path.join(tmpdir(), "revue-registry-data-"));
  await cp(path.join(ROOT, "data"), data, { recursive: true });
  const snapshots = await mkdtemp(path.join(tmpdir(), "revue-registry-snap-"));
  const fresh = loadSiteRegistry(data, null);
  assert.ok(fresh.spellings.size > 0);
  const first = loadSiteRegistry(data, snapshots);
  const [file] = await readdir(snapshots);
  assert.match(file!, /^site-registry-[0-9a-f]{16}\.json$/);
  assert.deepEqual(loadSiteRegistry(data, snapshots), fresh);
  assert.deepEqual(first, fresh);

  // the snapshot's data altered (its key and checksum line kept): read from the YAML again
  const text = await readFile(path.join(snapshots, file!), "utf8");
  const someone = [...fresh.spellings.keys()][0]!;
  await writeFile(path.join(snapshots, file!), text.replace(`"${someone}"`, '"quelqu-un-d-autre"'));
  assert.deepEqual(loadSiteRegistry(data, snapshots), fresh);
  await writeFile(path.join(snapshots, file!), text.slice(0, text.length >> 1));
  assert.deepEqual(loadSiteRegistry(data, snapshots), fresh);

  // a person added to data/: a new key, the new person
  await appendFile(path.join(data, "people.yaml"), "\n  - name: Personne Ajoutée Pour Le Test\n    aliases: [Alias De Test]\n");
  const edited = loadSiteRegistry(data, snapshots);
  assert.deepEqual(edited, loadSiteRegistry(data, null));
  assert.ok([...edited.spellings.values()].some((s) => s.includes("Alias De Test")));
});

test("a data file the site alone checks (outlets.yaml's stateOwned) is reported in French, naming the file", async () => {
  const data = await mkdtemp(path.join(tmpdir(), "revue-registry-bad-"));
  await cp(path.join(ROOT, "data"), data, { recursive: true });
  await writeFile(path.join(data, "outlets.yaml"), "outlets:\n  - name: RT\n    stateOwned: oui\n");
  assert.throws(() => loadSiteRegistry(data, null), (e: Error) => e.message.startsWith(`${path.join(data, "outlets.yaml")} : outlets.0.stateOwned : `) && /attendu/i.test(e.message));
  await writeFile(path.join(data, "outlets.yaml"), "outlets: [\n");
  assert.throws(() => loadSiteRegistry(data, null), /outlets\.yaml : YAML invalide : /);
});
