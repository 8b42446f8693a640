/**
 * scripts/run.mjs: `npm run extract` runs the compiled copy of the sources (.build/KEY/);
 * it must print what the TypeScript prints, and never run a copy older than the sources.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { compiled } from "../scripts/run.mjs";

const SEED = "seeds/000_4262eaa43c502efd.txt";

test("npm run extract (compiled copy) prints exactly what the TypeScript sources print", () => {
  const viaTsx = execFileSync(process.execPath, ["--import", "tsx", "src/cli/extract.ts", SEED], { encoding: "utf8" });
  const viaCopy = execFileSync(process.execPath, ["scripts/run.mjs", "src/cli/extract.ts", SEED], { encoding: "utf8" });
  assert.ok(JSON.parse(viaCopy).length === 1);
  assert.equal(viaCopy, viaTsx);
});

test("the compiled copy follows the sources: an edited file gives a new copy, run instead of the old one", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "revue-run-"));
  await mkdir(path.join(root, "src"));
  const file = path.join(root, "src", "hello.ts");
  const run = async () => {
    const dir: string = await compiled(root);
    return execFileSync(process.execPath, [path.join(dir, "src", "hello.js")], { encoding: "utf8" });
  };
  await writeFile(file, 'const who: string = "one";\nconsole.log(who);\n');
  assert.equal(await run(), "one\n");
  const first: string = await compiled(root);
  assert.equal(await compiled(root), first, "unchanged sources: the same copy, not compiled again");
  await writeFile(file, 'const who: string = "two";\nconsole.log(who);\n');
  const later = new Date(Date.now() + 5000);
  await utimes(file, later, later);
  assert.equal(await run(), "two\n");
  assert.notEqual(await compiled(root), first);
  assert.ok(existsSync(first), "a recent older copy is kept for processes still loading from it");
  assert.deepEqual((await readdir(path.join(root, ".build"))).filter((n) => n.includes(".tmp-")), [], "no temporary folder left");
});

/** `root`/src/main.ts compiled (scripts/run.mjs) and run: its copy's folder and what it printed. */
async function compileMain(root: string, source: string): Promise<{ dir: string; printed: string }> {
  await mkdir(path.join(root, "src"));
  await writeFile(path.join(root, "src", "main.ts"), source);
  const dir: string = await compiled(root);
  return { dir, printed: execFileSync(process.execPath, [path.join(dir, "src", "main.js")], { encoding: "utf8" }) };
}

/** A package in `root`/node_modules: its package.json and files. */
async function fakePackage(root: string, name: string, json: object, files: Record<string, string>): Promise<void> {
  await mkdir(path.join(root, "node_modules", name), { recursive: true });
  await writeFile(path.join(root, "node_modules", name, "package.json"), JSON.stringify(json));
  for (const [f, text] of Object.entries(files)) await writeFile(path.join(root, "node_modules", name, f), text);
}

test("the compiled copy loads statically imported libraries from its vendor/ bundle, with the names Node gives them; lazy ones stay in node_modules", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "revue-vendor-"));
  const pkg = (name: string, json: object, main: string) => fakePackage(root, name, json, { "index.js": main });
  // a CommonJS library (as yaml is for Node), an ES module library with a default export, and one loaded lazily
  await pkg("cjs-lib", { name: "cjs-lib", main: "index.js" }, 'exports.greet = (w) => "hello " + w;\nexports.count = 2;\n');
  await pkg("esm-lib", { name: "esm-lib", type: "module", exports: "./index.js" }, 'export default function shout(w) { return w.toUpperCase(); }\nexport const tag = "esm";\n');
  await pkg("lazy-lib", { name: "lazy-lib", type: "module", exports: "./index.js" }, 'export const late = "late";\n');
  const { dir, printed } = await compileMain(root, 'import { greet, count } from "cjs-lib";\nimport shout, { tag } from "esm-lib";\nconst { late } = await import("lazy-lib");\nconsole.log(greet(shout("w")), count, tag, late);\n');
  assert.equal(printed, "hello W 2 esm late\n");
  const code = await readFile(path.join(dir, "src", "main.js"), "utf8");
  assert.match(code, /from "\.\.\/vendor\/cjs_lib\.js"/);
  assert.match(code, /from "\.\.\/vendor\/esm_lib\.js"/);
  assert.match(code, /import\("lazy-lib"\)/, "a dynamic import is left to node_modules");
  assert.ok(!existsSync(path.join(dir, "vendor", "lazy_lib.js")));
});

test("vendor/: a dual package's ES module names, an import-only package, and two specifiers that read alike each load as from node_modules", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "revue-vendor-kinds-"));
  const pkg = (name: string, json: object, files: Record<string, string>) => fakePackage(root, name, { name, ...json }, files);
  // Node imports dual-lib's ES module (its CommonJS build lacks `onlyEsm`); import-only has no "require" condition
  await pkg("dual-lib", { exports: { import: "./index.mjs", require: "./index.cjs" } }, { "index.mjs": 'export const shared = "esm";\nexport const onlyEsm = 1;\n', "index.cjs": 'exports.shared = "cjs";\n' });
  await pkg("import-only", { type: "module", exports: { import: "./index.js" } }, { "index.js": 'export const io = "io";\n' });
  await pkg("a.b", { main: "index.js" }, { "index.js": 'exports.which = "a.b";\n' });
  await pkg("a-b", { main: "index.js" }, { "index.js": 'exports.which = "a-b";\n' });
  const { printed } = await compileMain(root, 'import { shared, onlyEsm } from "dual-lib";\nimport { io } from "import-only";\nimport { which as w1 } from "a.b";\nimport { which as w2 } from "a-b";\nconsole.log(shared, onlyEsm, io, w1, w2);\n');
  assert.equal(printed, "esm 1 io a.b a-b\n");
});

test("a library bundled into vendor/, lazily imported, finds its own files as from node_modules, and what it imports lazily stays there", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "revue-vendor-own-"));
  // named as Eleventy, which run.mjs bundles although our files import it lazily
  const lib = "@11ty/eleventy";
  await fakePackage(root, lib, { name: "own-files", type: "module", exports: "./src/index.js" }, {});
  await mkdir(path.join(root, "node_modules", lib, "src"));
  await writeFile(path.join(root, "node_modules", lib, "own.txt"), "own file");
  await writeFile(
    path.join(root, "node_modules", lib, "src", "index.js"),
    [
      'import { readFileSync } from "node:fs";',
      'import { createRequire } from "node:module";',
      'import { dir } from "./cjs.cjs";',
      // as Eleventy reads its package.json, finds its root, and refers to a file to load later
      'const load = createRequire(import.meta.url);',
      'export const name = load("../package.json").name;',
      'export const own = readFileSync(new URL("../own.txt", import.meta.url), "utf8");',
      'export const here = [import.meta.dirname, import.meta.filename, dir];',
      'export const text = "import.meta is only named here";',
      'export const later = () => import("later-lib").then((m) => m.where);',
    ].join("\n"),
  );
  await writeFile(path.join(root, "node_modules", lib, "src", "cjs.cjs"), "exports.dir = __dirname;\n");
  await fakePackage(root, "later-lib", { name: "later-lib", type: "module", exports: "./index.js" }, { "index.js": 'export const where = import.meta.url;\nexport const mark = "later-lib code";\n' });
  const { dir, printed } = await compileMain(root, 'const m = await import("@11ty/eleventy");\nconsole.log(JSON.stringify([m.name, m.own, m.here, m.text, await m.later()]));\n');
  const src = path.join(root, "node_modules", lib, "src");
  assert.deepEqual(JSON.parse(printed), ["own-files", "own file", [src, path.join(src, "index.js"), src], "import.meta is only named here", pathToFileURL(path.join(root, "node_modules", "later-lib", "index.js")).href]);
  assert.match(await readFile(path.join(dir, "src", "main.js"), "utf8"), /import\("\.\.\/vendor\/_11ty_eleventy\.js"\)/, "the lazy import points at the bundle");
  for (const f of await readdir(path.join(dir, "vendor"))) assert.ok(!(await readFile(path.join(dir, "vendor", f), "utf8")).includes("later-lib code"), `later-lib is not in vendor/${f}`);
  // the bundle alone: the library's code gone from node_modules, its files still there
  await rm(path.join(src, "index.js"));
  await rm(path.join(src, "cjs.cjs"));
  assert.equal(execFileSync(process.execPath, [path.join(dir, "src", "main.js")], { encoding: "utf8" }), printed);
});

test("vendor/: a library that would look for a file beside the bundle is refused, naming the file; compiling does not load the libraries here", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "revue-vendor-refused-"));
  await fakePackage(root, "resolves-own", { name: "resolves-own", type: "module", exports: "./index.js" }, { "index.js": 'export const x = import.meta.resolve("./x.js");\n' });
  await fakePackage(root, "side-effect", { name: "side-effect", type: "module", exports: "./index.js" }, { "index.js": 'globalThis.revueSideEffect = "loaded";\nexport const y = 1;\n' });
  await mkdir(path.join(root, "src"));
  await writeFile(path.join(root, "src", "main.ts"), 'import { y } from "side-effect";\nconsole.log(y);\n');
  await compiled(root);
  assert.equal((globalThis as Record<string, unknown>).revueSideEffect, undefined, "the export names are read in a process of its own");
  await writeFile(path.join(root, "src", "main.ts"), 'import { x } from "resolves-own";\nconsole.log(x);\n');
  const later = new Date(Date.now() + 5000);
  await utimes(path.join(root, "src", "main.ts"), later, later);
  await assert.rejects(compiled(root), /resolves-own[/\\]index\.js: uses import\.meta other than .*line 1: export const x = import\.meta\.resolve\("\.\/x\.js"\)/);
  assert.deepEqual((await readdir(path.join(root, ".build"))).filter((n) => n.includes(".tmp-")), [], "no half-made copy left");
  // a package the library imports lazily, which it has in its own node_modules: from vendor/, the root's would be loaded
  await fakePackage(root, "dep", { name: "dep", type: "module", exports: "./index.js" }, { "index.js": 'export const v = "root";\n' });
  await fakePackage(root, "nests", { name: "nests", type: "module", exports: "./index.js" }, { "index.js": 'export const v = () => import("dep");\n' });
  await fakePackage(path.join(root, "node_modules", "nests"), "dep", { name: "dep", type: "module", exports: "./index.js" }, { "index.js": 'export const v = "nested";\n' });
  await writeFile(path.join(root, "src", "main.ts"), 'import { v } from "nests";\nconsole.log(v);\n');
  const later2 = new Date(Date.now() + 10000);
  await utimes(path.join(root, "src", "main.ts"), later2, later2);
  await assert.rejects(compiled(root), /nests[/\\]index\.js: its import\("dep"\) is .*nests[/\\]node_modules[/\\]dep[/\\]index\.js, but from vendor\/ it would be .*node_modules[/\\]dep[/\\]index\.js/);
  // the same with a package it resolves by name (require.resolve): the bundle's require is vendor/'s
  await fakePackage(root, "dep2", { name: "dep2", main: "index.js" }, { "index.js": "module.exports = 'root';\n" });
  await fakePackage(root, "resolver", { name: "resolver", main: "index.js" }, { "index.js": 'exports.where = require.resolve("dep2");\n' });
  await fakePackage(path.join(root, "node_modules", "resolver"), "dep2", { name: "dep2", main: "index.js" }, { "index.js": "module.exports = 'nested';\n" });
  await writeFile(path.join(root, "src", "main.ts"), 'import { where } from "resolver";\nconsole.log(where);\n');
  const later3 = new Date(Date.now() + 15000);
  await utimes(path.join(root, "src", "main.ts"), later3, later3);
  await assert.rejects(compiled(root), /resolver[/\\]index\.js: its require\.resolve\("dep2"\) is .*resolver[/\\]node_modules[/\\]dep2[/\\]index\.js, but from vendor\/ it would be .*node_modules[/\\]dep2[/\\]index\.js/);
});

test("vendor/: a library that prints on stdout and leaves a timer running when loaded neither stops the compile nor prints on the compiling run's stdout", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "revue-vendor-noisy-"));
  await fakePackage(root, "noisy", { name: "noisy", type: "module", exports: "./index.js" }, { "index.js": 'console.log("noise from noisy");\nsetInterval(() => {}, 1000);\nexport const loud = 5;\n' });
  await mkdir(path.join(root, "src"));
  await writeFile(path.join(root, "src", "main.ts"), 'import { loud } from "noisy";\nconsole.log(loud);\n');
  const run = pathToFileURL(path.resolve("scripts/run.mjs")).href;
  // compiled in a process of its own, whose stdout is kept apart (a hung compile is stopped after a minute)
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", `const { compiled } = await import(${JSON.stringify(run)});\nprocess.stderr.write("copy: " + (await compiled(${JSON.stringify(root)})));`], { encoding: "utf8", timeout: 60_000 });
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout, "");
  assert.match(child.stderr, /noise from noisy/);
  const dir = /copy: (.*)$/.exec(child.stderr)![1]!;
  assert.match(await readFile(path.join(dir, "vendor", "noisy.js"), "utf8"), /export \{[^}]*\bas loud\b/, "the library's export name read");
});
