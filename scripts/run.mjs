/**
 * Runs one of the project's TypeScript entry points from its compiled copy:
 *
 *   node scripts/run.mjs src/cli/extract.ts ARGS…    (what `npm run extract` does)
 *   node scripts/run.mjs --compile                    (what `npm ci` does, through `prepare`)
 *
 * Why: through tsx, every module is transformed at each start and goes through
 * loader hooks on another thread — about a second before the first line of the
 * program runs. Plain JavaScript starts in a fraction of that (docs/benchmark.md,
 * "Extraction speed").
 *
 * The copy is `.build/KEY/` (git-ignored), compiled by esbuild (the one tsx ships),
 * file by file, no bundling: the same modules, the same lazy imports. KEY is a hash
 * of the path, size and modification time of every src/ and bench/ TypeScript
 * file, so a copy is never stale: after any edit the next run compiles a new one
 * (a tenth of a second) before running. A copy is written under a temporary name
 * then renamed, so processes started together never read a half-written one;
 * copies of older sources are removed after an hour (a process started before an
 * edit may still be loading modules from its own).
 *
 * Plain Node, no TypeScript: this is what makes the rest runnable.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOURCES = ["src", "bench"];
/** Copies of other sources older than this are removed. */
const KEEP_OLD_MS = 60 * 60 * 1000;

/** Every TypeScript source under `root`, relative to it, sorted. */
function sources(root) {
  const out = [];
  for (const dir of SOURCES) {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(path.relative(root, path.join(e.parentPath, e.name)));
    }
  }
  return out.sort();
}

/** The folder of the compiled copy of the sources as they are now. */
function buildKey(root, files) {
  const hash = createHash("sha256");
  for (const f of files) {
    const st = statSync(path.join(root, f));
    hash.update(`${f}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

/** Compile the sources of `root` into `root`/.build/KEY (if not there yet); returns that folder. */
export async function compiled(root = ROOT) {
  const build = path.join(root, ".build");
  const files = sources(root);
  const key = buildKey(root, files);
  const dir = path.join(build, key);
  if (existsSync(path.join(dir, ".done"))) return dir;
  // esbuild as tsx has it: the project depends on tsx, tsx on esbuild
  const esbuild = createRequire(createRequire(import.meta.url).resolve("tsx"))("esbuild");
  const tmp = `${dir}.tmp-${process.pid}`;
  await esbuild.build({
    entryPoints: files.map((f) => path.join(root, f)),
    outdir: tmp,
    outbase: root,
    format: "esm",
    platform: "node",
    target: "node20",
    bundle: false,
    sourcemap: "linked",
    logLevel: "error",
  });
  writeFileSync(path.join(tmp, ".done"), "");
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process made the same copy first
  }
  for (const name of readdirSync(build)) {
    const old = path.join(build, name);
    if (name === key) continue;
    try {
      if (Date.now() - statSync(old).mtimeMs > KEEP_OLD_MS) rmSync(old, { recursive: true, force: true });
    } catch {
      /* removed meanwhile */
    }
  }
  return dir;
}

async function main() {
  const [entry] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write("usage: node scripts/run.mjs src/PATH.ts [ARGS…] | --compile\n");
    process.exitCode = 2;
    return;
  }
  const dir = await compiled();
  if (entry === "--compile") return;
  const target = path.join(dir, path.relative(ROOT, path.resolve(ROOT, entry)).replace(/\.ts$/, ".js"));
  // the program sees itself as argv[1], its own arguments after it, as when started directly
  process.argv.splice(1, 2, target);
  await import(pathToFileURL(target).href);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
