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
 * every build, extraction and worker thread). Eleventy, imported lazily, is bundled
 * there too (LAZY_BUNDLED), its import left lazy; the other libraries loaded lazily
 * (`import()`, `require`: cheerio, linkedom…) and those in UNBUNDLED (Pagefind, tsx)
 * stay in node_modules. Bundled modules keep their own address (keepOwnAddress). KEY is a hash of the path, size
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
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
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
const UNBUNDLED = new Set(["pagefind", "tsx", "esbuild", "typescript"]);
/**
 * Libraries our files load lazily (`import("…")`) that are bundled into vendor/ all the same, still
 * loaded only when a run needs them (the import stays dynamic, pointed at the bundle): Eleventy
 * (some 430 files; importing it takes 330–480 ms from node_modules, ~130 ms from the bundle).
 * Only where it measurably helps: a library a run may never load costs nothing where it is.
 */
const LAZY_BUNDLED = new Set(["@11ty/eleventy"]);

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
 * The names are read by importing each library from a probe module beside the entries: the same
 * resolution (`root`'s node_modules, the "import" condition of a package that also ships CommonJS) as
 * esbuild's. The probe runs in a process of its own: a library imported here would be loaded twice by
 * the run that compiles (once from node_modules, once from the bundle), and some change the process
 * they are loaded in (Eleventy registers a module-resolution hook every later import then goes through).
 */
function vendorEntries(dir, vendored) {
  const probe = path.join(dir, "probe.mjs");
  const out = path.join(dir, "probe.json");
  const list = JSON.stringify([...vendored]);
  // the names in a file: a library may print when loaded (on stderr then, not on the stdout of the run that
  // compiles); the probe ends itself once they are written (a library may leave a timer or a handle open);
  // its error, or a probe still running after a minute, stops the compile
  writeFileSync(probe, `import { writeFileSync } from "node:fs";\nconst names = {};\nfor (const [specifier, name] of ${list}) names[name] = Object.keys(await import(specifier));\nwriteFileSync(${JSON.stringify(out)}, JSON.stringify(names));\nprocess.exit(0);\n`);
  execFileSync(process.execPath, [probe], { cwd: dir, stdio: ["ignore", 2, "inherit"], timeout: 60_000 });
  const names = JSON.parse(readFileSync(out, "utf8"));
  for (const [specifier, name] of vendored) {
    const lines = [`import * as ns from ${JSON.stringify(specifier)};`];
    names[name].forEach((n, i) => lines.push(`const v${i} = ns[${JSON.stringify(n)}];`));
    if (names[name].length) lines.push(`export { ${names[name].map((n, i) => `v${i} as ${JSON.stringify(n)}`).join(", ")} };`);
    writeFileSync(path.join(dir, `${name}.mjs`), `${lines.join("\n")}\n`);
  }
}

/**
 * esbuild plugin: each bundled module keeps its own address. A library that finds files beside its own
 * (Eleventy: its package.json through `createRequire(import.meta.url)`, its module-resolution hook
 * registered by `module.register("./EsmResolver.js", import.meta.url)`, its root as "../../../" from
 * `import.meta.url`) would otherwise look beside the bundle, in vendor/. In each module of a library,
 * `import.meta.url`, `.filename`, `.dirname`, and CommonJS's `__dirname` and `__filename` become that
 * module's own address in node_modules, as strings (esbuild's `define`: references only, not a local
 * of that name, a property or a string). What cannot be kept so is refused, naming the file, rather
 * than bundled to look in the wrong place: another use of `import.meta` (`import.meta.resolve("./x")`)
 * and `require.resolve` of a relative path (the bundle's `require` is vendor/'s), or of a package name
 * that vendor/ would resolve to another copy than the library's own (one nested in its node_modules;
 * a name given by a variable cannot be checked: Nunjucks's NodeResolveLoader, unused by Eleventy).
 * Such a library goes in UNBUNDLED.
 */
function keepOwnAddress(esbuild, root) {
  return {
    name: "revue-keep-own-address",
    setup(b) {
      b.onLoad({ filter: /\.[cm]?js$/ }, (a) => {
        const text = readFileSync(a.path, "utf8");
        const refuse = (what) => {
          throw new Error(`${a.path}: ${what}: this library cannot be bundled into vendor/ (put its package in UNBUNDLED, scripts/run.mjs)`);
        };
        if (/\brequire\.resolve\(\s*["'`]\.\.?\//.test(text)) refuse("resolves a relative path with require.resolve");
        // a package it resolves by name: from vendor/, the root's copy, not one nested in its own node_modules
        for (const [, spec] of text.matchAll(/\brequire\.resolve\(\s*["'`]([^"'`./][^"'`]*)["'`]\s*\)/g)) {
          const [its, ours] = [a.path, path.join(root, "package.json")].map((from) => {
            try {
              return createRequire(from).resolve(spec);
            } catch {
              return null;
            }
          });
          if (its !== ours) refuse(`its require.resolve("${spec}") is ${its ?? "missing"}, but from vendor/ it would be ${ours ?? "missing"}`);
        }
        if (!/import\.meta|__dirname|__filename/.test(text)) return undefined; // loaded by esbuild as usual
        const own = (value) => JSON.stringify(value);
        const url = pathToFileURL(a.path).href;
        const { code } = esbuild.transformSync(text, {
          loader: "js",
          sourcefile: a.path,
          define: {
            "import.meta.url": own(url),
            "import.meta.filename": own(a.path),
            "import.meta.dirname": own(path.dirname(a.path)),
            __filename: own(a.path),
            __dirname: own(path.dirname(a.path)),
          },
        });
        // what is left of import.meta (esbuild says where, as it cannot be written as CommonJS)
        const left = code.includes("import.meta") ? esbuild.transformSync(code, { loader: "js", format: "cjs", logLevel: "silent" }).warnings.find((w) => /import\.meta/.test(w.text)) : undefined;
        if (left) refuse(`uses import.meta other than its url, dirname and filename (line ${left.location?.line}: ${left.location?.lineText.trim()})`);
        return { contents: code, loader: "js" };
      });
    },
  };
}

/** Compile the sources of `root` into `root`/.build/KEY (if not there yet); returns that folder. */
export async function compiled(root = ROOT) {
  const build = path.join(root, ".build");
  const files = sources(root);
  const key = buildKey(root, files);
  const dir = path.join(build, key);
  if (existsSync(path.join(dir, ".done"))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  try {
    await compileInto(root, files, tmp);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true }); // nothing half-made left behind
    throw err;
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

/** The compiled copy of `files` (relative to `root`) written into the folder `tmp`. */
async function compileInto(root, files, tmp) {
  // esbuild as tsx has it: the project depends on tsx, tsx on esbuild
  const esbuild = createRequire(createRequire(import.meta.url).resolve("tsx"))("esbuild");
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
            const bundled = isBare(a.path) && !UNBUNDLED.has(packageOf(a.path))
              && (a.kind === "import-statement" || (a.kind === "dynamic-import" && LAZY_BUNDLED.has(packageOf(a.path))));
            if (!bundled) return { path: a.path, external: true };
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
    vendorEntries(entries, vendored);
    await esbuild.build({
      ...common,
      entryPoints: [...vendored.values()].map((name) => path.join(entries, `${name}.mjs`)),
      outdir: vendor,
      bundle: true,
      splitting: true,
      absWorkingDir: root,
      nodePaths: [path.join(root, "node_modules")],
      plugins: [
        keepOwnAddress(esbuild, root),
        {
          // What a library imports lazily from another package (Eleventy: its dev server) stays lazy, in node_modules,
          // imported from vendor/: refused if that is not what the library would get (a copy nested in its own node_modules).
          name: "revue-lazy-stays",
          setup(b) {
            const again = Symbol("resolved here");
            b.onResolve({ filter: /.*/ }, async (a) => {
              if (a.kind !== "dynamic-import" || !isBare(a.path) || a.pluginData === again) return undefined;
              const [its, ours] = await Promise.all([a.resolveDir, root].map((resolveDir) => b.resolve(a.path, { kind: a.kind, resolveDir, pluginData: again })));
              if (its.path !== ours.path) throw new Error(`${a.importer}: its import("${a.path}") is ${its.path}, but from vendor/ it would be ${ours.path || "missing"} (put its package in UNBUNDLED, scripts/run.mjs)`);
              return { path: a.path, external: true };
            });
          },
        },
      ],
      // bundled CommonJS calls require() for Node's own modules
      banner: { js: 'import { createRequire as __revueRequire } from "node:module"; const require = __revueRequire(import.meta.url);' },
    });
    rmSync(entries, { recursive: true, force: true });
  }
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
