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
 * file by file: our modules stay the same modules, with the same lazy imports. The
 * libraries they import statically (zod, yaml, date-fns, unified…) are bundled once
 * into `.build/KEY/vendor/` (esbuild, code splitting: a module shared by two libraries
 * is there once), and our files import them from there: Node then loads a dozen files
 * instead of some 700 from node_modules, which takes about half the time (start-up of
 * every build, extraction and worker thread). Libraries loaded lazily (`import()`,
 * `require`: cheerio, linkedom, Eleventy…) and those that need their own files beside
 * them (Eleventy, Pagefind, tsx) stay in node_modules. KEY is a hash of the path, size
 * and modification time of every src/ and bench/ TypeScript file, of package-lock.json,
 * of node_modules/.package-lock.json (npm writes it at every install: what the vendor
 * bundle was made from) and of this script, so a copy is never stale: after any edit
 * the next run compiles a new one (under a second) before running. A copy is written under a temporary name
 * then renamed, so processes started together never read a half-written one;
 * copies of older sources are removed after an hour (a process started before an
 * edit may still be loading modules from its own).
 *
 * Plain Node, no TypeScript: this is what makes the rest runnable.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
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
  // the lock files: the one committed, and the one npm writes in node_modules at each install (what is there)
  for (const f of [...files, "package-lock.json", "node_modules/.package-lock.json"]) {
    let st;
    try {
      st = statSync(path.join(root, f));
    } catch {
      continue; // no lock file (a bare folder in the tests)
    }
    hash.update(`${f}\0${st.size}\0${st.mtimeMs}\n`);
  }
  const self = statSync(fileURLToPath(import.meta.url));
  hash.update(`run.mjs\0${self.size}\0${self.mtimeMs}\n`);
  return hash.digest("hex").slice(0, 16);
}

/** Libraries left in node_modules even when imported statically: they find files beside their own. */
const UNBUNDLED = new Set(["@11ty/eleventy", "pagefind", "tsx", "esbuild", "typescript"]);

/** The package a bare import names (`date-fns/format` → `date-fns`, `@a/b/c` → `@a/b`). */
function packageOf(specifier) {
  const parts = specifier.split("/");
  return parts.slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
}

const isBare = (p) => !p.startsWith(".") && !p.startsWith("/") && !p.startsWith("node:") && !builtinModules.includes(p);

/**
 * One entry module per library, written in `dir` (inside `root`): it re-exports, by name, what the
 * library exports when our files import it from there (for a CommonJS library, the names Node finds;
 * `export *` from CommonJS cannot be bundled), so their named imports work as from node_modules.
 * The names are read by importing it from a probe module beside the entry: the same resolution
 * (`root`'s node_modules, the "import" condition of a package that also ships CommonJS) as esbuild's.
 */
async function vendorEntry(dir, specifier, name) {
  const probe = path.join(dir, `${name}.probe.mjs`);
  writeFileSync(probe, `import * as ns from ${JSON.stringify(specifier)};\nexport default ns;\n`);
  const names = Object.keys((await import(pathToFileURL(probe).href)).default);
  const lines = [`import * as ns from ${JSON.stringify(specifier)};`];
  names.forEach((n, i) => lines.push(`const v${i} = ns[${JSON.stringify(n)}];`));
  if (names.length) lines.push(`export { ${names.map((n, i) => `v${i} as ${JSON.stringify(n)}`).join(", ")} };`);
  writeFileSync(path.join(dir, `${name}.mjs`), `${lines.join("\n")}\n`);
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
  const vendor = path.join(tmp, "vendor");
  const vendored = new Map(); // bare specifier → its file in vendor/
  const common = { format: "esm", platform: "node", target: "node20", logLevel: "error" };
  // our files one by one (bundle mode only to see their imports): relative imports stay as written,
  // static imports of libraries point into vendor/, the rest stays in node_modules
  await esbuild.build({
    ...common,
    entryPoints: files.map((f) => path.join(root, f)),
    outdir: tmp,
    outbase: root,
    bundle: true,
    sourcemap: "linked",
    plugins: [
      {
        name: "revue-vendor",
        setup(b) {
          b.onResolve({ filter: /.*/ }, (a) => {
            if (a.kind === "entry-point") return undefined;
            if (a.kind !== "import-statement" || !isBare(a.path) || UNBUNDLED.has(packageOf(a.path))) return { path: a.path, external: true };
            let name = vendored.get(a.path);
            if (!name) {
              // one file per specifier ("lodash.merge" and "lodash-merge" are two libraries)
              const taken = new Set(vendored.values());
              for (name = a.path.replace(/[^A-Za-z0-9]+/g, "_"); taken.has(name); ) name += "_";
              vendored.set(a.path, name);
            }
            const from = path.dirname(path.join(tmp, path.relative(root, a.importer)));
            return { path: path.relative(from, path.join(vendor, `${name}.js`)).split(path.sep).join("/"), external: true };
          });
        },
      },
    ],
  });
  if (vendored.size) {
    const entries = path.join(tmp, ".vendor-entries");
    mkdirSync(entries, { recursive: true });
    for (const [specifier, name] of vendored) await vendorEntry(entries, specifier, name);
    await esbuild.build({
      ...common,
      entryPoints: [...vendored.values()].map((name) => path.join(entries, `${name}.mjs`)),
      outdir: vendor,
      bundle: true,
      splitting: true,
      absWorkingDir: root,
      nodePaths: [path.join(root, "node_modules")],
      // bundled CommonJS calls require() for Node's own modules
      banner: { js: 'import { createRequire as __revueRequire } from "node:module"; const require = __revueRequire(import.meta.url);' },
    });
    rmSync(entries, { recursive: true, force: true });
  }
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
