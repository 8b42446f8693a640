/**
 * The two ways `npm run build` writes the pages (src/cli/build.ts): in its own process,
 * or, above IN_PROCESS_MAX seeds, in a render child whose parent copies the seeds and
 * indexes the search buckets while the child renders. Both give the same site, byte
 * for byte (the page manifests, the seed copies' manifest and the search index included).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
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

// Loaded in the build's process: each seed copy written into sources/ waits until the build says it indexes the
// search (its "index de recherche (Pagefind)…" line), or 20 s; which of the two let it go is printed.
const COPY_GATE = `
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";
let open;
const gate = new Promise((resolve) => (open = resolve));
const timer = setTimeout(() => open("timeout"), 20000);
timer.unref();
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  if (String(chunk).includes("index de recherche (Pagefind)")) open("search");
  return write(chunk, ...rest);
};
const writeFile = fs.promises.writeFile;
fs.promises.writeFile = async (file, ...rest) => {
  if (typeof file === "string" && file.includes(path.sep + "sources" + path.sep)) write("copy gate: " + (await gate) + "\\n");
  return writeFile(file, ...rest);
};
syncBuiltinESMExports();
`;

test("a build in process makes the seed copies beside the search indexing: Pagefind's last runs do not wait for them", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "revue-gate-"));
  await writeFile(path.join(dir, "gate.mjs"), COPY_GATE);
  const r = await runBuild({ env: { NODE_OPTIONS: `--import ${pathToFileURL(path.join(dir, "gate.mjs")).href}`, REVUE_TIMING: "1" } });
  try {
    assert.equal(r.code, 0, r.stderr);
    // cold, in process: every copy is written afresh, after the search indexing has started
    assert.match(r.stderr, /copy gate: search/);
    assert.doesNotMatch(r.stderr, /copy gate: timeout/);
    const searching = r.stderr.indexOf("index de recherche (Pagefind)");
    const copied = r.stderr.indexOf("sources copiées");
    assert.ok(searching >= 0 && copied > searching, r.stderr);
    assert.ok((await readdir(path.join(r.out, "sources"))).length > 0, "seed copies");
  } finally {
    await rm(path.dirname(r.out), { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
});
