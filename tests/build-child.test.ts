/**
 * The two ways `npm run build` writes the pages (src/cli/build.ts): in its own process,
 * or, above IN_PROCESS_MAX seeds, in a render child whose parent copies the seeds and
 * indexes the search buckets while the child renders. Both give the same site, byte
 * for byte (the page manifests, the seed copies' manifest and the search index included).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { runBuild } from "./helpers/site.js";

async function tree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(path.relative(dir, path.join(e.parentPath, e.name)), await readFile(path.join(e.parentPath, e.name)));
  }
  return out;
}

test("a site written by the render child is the one written in process, byte for byte", async () => {
  const inProcess = await runBuild();
  const child = await runBuild({ env: { REVUE_IN_PROCESS_MAX: "0" } });
  try {
    assert.equal(inProcess.code, 0, inProcess.stderr);
    assert.equal(child.code, 0, child.stderr);
    const a = await tree(inProcess.out);
    const b = await tree(child.out);
    assert.ok([...a.keys()].some((f) => f.startsWith("sources/")), "seed copies");
    assert.ok(a.has(path.join(".revue", "sources.json")));
    assert.ok(a.has(path.join("pagefind", "pagefind-entry.json")));
    assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
    for (const [f, bytes] of a) assert.ok(bytes.equals(b.get(f)!), `${f} differs`);
    assert.equal(child.stdout, inProcess.stdout.replace(inProcess.out, child.out).replace(path.relative(process.cwd(), inProcess.out), path.relative(process.cwd(), child.out)));
  } finally {
    await rm(path.dirname(inProcess.out), { recursive: true, force: true });
    await rm(path.dirname(child.out), { recursive: true, force: true });
  }
});

test("a REVUE_IN_PROCESS_MAX that is not a whole number fails the build, naming it, instead of rendering in process", async () => {
  const r = await runBuild({ env: { REVUE_IN_PROCESS_MAX: "deux mille" } });
  try {
    assert.equal(r.code, 1);
    assert.match(r.stderr, /REVUE_IN_PROCESS_MAX : « deux mille » n’est pas un nombre entier/);
  } finally {
    await rm(path.dirname(r.out), { recursive: true, force: true });
  }
});
