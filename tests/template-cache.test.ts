/**
 * src/site/template-cache.ts: Nunjucks's compiled templates read back from the cache folder
 * instead of compiled again, and compiled again whenever what the compiler is given differs.
 * Nunjucks is Eleventy's (the library Eleventy hands over with "eleventy.engine.njk").
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, utimes, writeFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { cacheCompiledTemplates, KEEP_TEMPLATES, packagesDigest, type NunjucksLibrary } from "../src/site/template-cache.js";
import { inTempDir } from "./helpers/temp-dir.js";

interface Env {
  addFilter(name: string, fn: (...a: never[]) => unknown, async?: boolean): void;
  renderString(src: string, ctx: object, cb?: (err: Error | null, out: string) => void): string;
  render(name: string, ctx: object, cb?: (err: Error | null, out: string) => void): string;
}
type Nunjucks = NunjucksLibrary & {
  Environment: new (loader?: unknown, opts?: object) => Env;
  FileSystemLoader: new (dir: string) => unknown;
  parser: { parse: (...a: unknown[]) => unknown };
};
const nunjucks = createRequire(import.meta.url)("nunjucks") as Nunjucks;

/** Templates Nunjucks parsed (compiled) while `work` ran. */
async function parsed(work: () => unknown): Promise<number> {
  const parse = nunjucks.parser.parse;
  let n = 0;
  nunjucks.parser.parse = (...a: unknown[]) => (n++, parse(...a));
  try {
    await work();
  } finally {
    nunjucks.parser.parse = parse;
  }
  return n;
}

const inRoot = (work: (root: string) => Promise<void>) => inTempDir("revue-njk-", work);

test("a template compiled in one build is read back in the next (a new environment, as each build makes): same output, nothing parsed; an edited one is compiled again", () =>
  inRoot(async (root) => {
    const templates = path.join(root, "templates");
    await mkdir(templates);
    await writeFile(path.join(templates, "page.njk"), '{% import "m.njk" as m %}<h1>{{ title }}</h1>{{ m.item(n) }}');
    await writeFile(path.join(templates, "m.njk"), "{% macro item(x) %}<li>{{ x + 1 }}</li>{% endmacro %}");
    const cache = path.join(root, "cache");
    cacheCompiledTemplates(nunjucks, cache, "p1", "c");
    const render = () => new nunjucks.Environment(new nunjucks.FileSystemLoader(templates), { autoescape: true }).render("page.njk", { title: "a < b", n: 1 });
    let out = "";
    assert.equal(await parsed(() => (out = render())), 2);
    assert.equal(out, "<h1>a &lt; b</h1><li>2</li>");
    assert.equal(await parsed(() => assert.equal(render(), out)), 0, "both read from the cache");
    await writeFile(path.join(templates, "m.njk"), "{% macro item(x) %}<li>{{ x + 2 }}</li>{% endmacro %}");
    assert.equal(await parsed(() => assert.equal(render(), "<h1>a &lt; b</h1><li>3</li>")), 1, "the edited one compiled again");
    // other packages installed, or other code: compiled again, in a folder of their own; the former one removed
    let [former] = await readdir(cache);
    for (const [packages, code] of [["p2", "c"], ["p2", "c2"]]) {
      cacheCompiledTemplates(nunjucks, cache, packages!, code!);
      assert.equal(await parsed(() => render()), 2);
      const now = await readdir(cache);
      assert.equal(now.length, 1, now.join());
      assert.notEqual(now[0], former);
      former = now[0];
    }
  }));

test("what the compiler is given besides the text keys the cache: options, asynchronous filters, custom tags", () =>
  inRoot(async (root) => {
    cacheCompiledTemplates(nunjucks, path.join(root, "cache"), "p", "c");
    const src = "{{ v }}|{{ v | twice }}";
    const env = (opts: object, asyncFilter: boolean) => {
      const e = new nunjucks.Environment(undefined, opts);
      if (asyncFilter) e.addFilter("twice", ((s: string, cb: (e: null, r: string) => void) => cb(null, s + s)) as never, true);
      else e.addFilter("twice", ((s: string) => s + s) as never);
      return e;
    };
    const render = (e: Env) => new Promise<string>((resolve, reject) => e.renderString(src, { v: "<i>" }, (err, out) => (err ? reject(err) : resolve(out))));
    assert.equal(await render(env({ autoescape: false }, false)), "<i>|<i><i>");
    assert.equal(await render(env({ autoescape: false }, true)), "<i>|<i><i>", "an asynchronous filter of that name: compiled for it");
    // an option the lexer reads: the same text compiles to another template
    const block = "{% if true %}\nx{% endif %}";
    assert.equal(new nunjucks.Environment().renderString(block, {}), "\nx");
    assert.equal(new nunjucks.Environment(undefined, { trimBlocks: true }).renderString(block, {}), "x", "trimBlocks: not the source compiled without it");
    // a custom tag: the same text is compiled with the tag's parser
    const tagged = (tag: string) => {
      const e = new nunjucks.Environment() as Env & { addExtension(name: string, ext: object): void };
      e.addExtension("shout", {
        tags: [tag],
        parse(parser: { nextToken(): { value: string }; parseSignature(a: null, b: boolean): unknown; advanceAfterBlockEnd(v: string): void }, nodes: { CallExtension: new (ext: object, m: string, args: unknown) => unknown }) {
          const tok = parser.nextToken();
          const args = parser.parseSignature(null, true);
          parser.advanceAfterBlockEnd(tok.value);
          return new nodes.CallExtension(this, "run", args);
        },
        run: (_ctx: unknown, s: string) => s.toUpperCase(),
      });
      return e;
    };
    assert.equal(tagged("shout").renderString('{% shout "hé" %}', {}), "HÉ");
    assert.throws(() => tagged("yell").renderString('{% shout "hé" %}', {}), /unknown block tag: shout/);
  }));

test("a custom tag that compiles otherwise by what its closure holds (as Eleventy's shortcodes, synchronous or not), its text the same: compiled again under other code", () =>
  inRoot(async (root) => {
    type Parser = { nextToken(): { value: string }; parseSignature(a: null, b: boolean): unknown; advanceAfterBlockEnd(v: string): void };
    type Nodes = Record<"CallExtension" | "CallExtensionAsync", new (ext: object, m: string, args: unknown) => unknown>;
    const shout = (isAsync: boolean) => ({
      tags: ["shout"],
      parse(parser: Parser, nodes: Nodes) {
        const tok = parser.nextToken();
        const args = parser.parseSignature(null, true);
        parser.advanceAfterBlockEnd(tok.value);
        return new (isAsync ? nodes.CallExtensionAsync : nodes.CallExtension)(this, "run", args);
      },
      run: isAsync ? (_ctx: unknown, s: string, cb: (e: null, r: string) => void) => cb(null, `${s.toUpperCase()}!`) : (_ctx: unknown, s: string) => s.toUpperCase(),
    });
    const render = (code: string, isAsync: boolean) => {
      cacheCompiledTemplates(nunjucks, path.join(root, "cache"), "p", code);
      const e = new nunjucks.Environment() as Env & { addExtension(name: string, ext: object): void };
      e.addExtension("shout", shout(isAsync));
      return new Promise<string>((resolve, reject) => e.renderString('{% shout "hé" %}', {}, (err, out) => (err ? reject(err) : resolve(out))));
    };
    assert.equal(await render("c1", false), "HÉ");
    assert.equal(await render("c2", true), "HÉ!", "the code changed: not the synchronous call kept");
    assert.equal(await render("c1", false), "HÉ", "read back under its code");
  }));

test("a cache folder that cannot be made: the template is compiled and rendered all the same", () =>
  inRoot(async (root) => {
    const file = path.join(root, "a-file");
    await writeFile(file, "");
    cacheCompiledTemplates(nunjucks, path.join(file, "cache"), "p", "c"); // under a file: no folder can be made there
    assert.equal(new nunjucks.Environment().renderString("{{ 1 + 1 }}", {}), "2");
  }));

test("a kept template cut short (a crash before it reached the disk) or altered is compiled again, and the build renders it", () =>
  inRoot(async (root) => {
    const cache = path.join(root, "cache");
    cacheCompiledTemplates(nunjucks, cache, "p", "c");
    const render = () => new nunjucks.Environment().renderString("<b>{{ 6 * 7 }}</b>", {});
    assert.equal(render(), "<b>42</b>");
    const dir = path.join(cache, (await readdir(cache))[0]!);
    const [kept] = await readdir(dir);
    const file = path.join(dir, kept!);
    const whole = await readFile(file);
    for (const damaged of [Buffer.alloc(0), whole.subarray(0, whole.length >> 1), Buffer.from(whole.toString("utf8").replace("6 * 7", "1"))]) {
      await writeFile(file, damaged);
      assert.equal(await parsed(() => assert.equal(render(), "<b>42</b>")), 1, "compiled again");
      assert.deepEqual(await readFile(file), whole, "written again whole");
    }
  }));

test("the packages' digest follows the lock files", () =>
  inRoot(async (root) => {
    const none = packagesDigest(root);
    await writeFile(path.join(root, "package-lock.json"), "{}");
    const one = packagesDigest(root);
    await mkdir(path.join(root, "node_modules"));
    await writeFile(path.join(root, "node_modules", ".package-lock.json"), '{"a":1}');
    assert.equal(new Set([none, one, packagesDigest(root)]).size, 3);
  }));

test("Eleventy hands its Nunjucks over (eleventy.engine.njk): the templates it renders are compiled once, then read back", () =>
  inRoot(async (root) => {
    const input = path.join(root, "in");
    await mkdir(input);
    await writeFile(path.join(input, "index.njk"), "<p>{{ 2 * 3 }}</p>");
    const cache = path.join(root, "cache");
    const { default: Eleventy } = await import("@11ty/eleventy");
    const build = async (out: string) => {
      const elev = new Eleventy(input, out, {
        quietMode: true,
        config: (c: { on(event: string, fn: (a: { nunjucks: NunjucksLibrary }) => void): void }) => c.on("eleventy.engine.njk", ({ nunjucks: lib }) => cacheCompiledTemplates(lib, cache, "p", "c")),
      });
      await elev.write();
    };
    assert.equal(await parsed(() => build(path.join(root, "out1"))), 1, "compiled by the Nunjucks seen here");
    assert.equal((await readdir(path.join(cache, (await readdir(cache))[0]!))).length, 1, "the page's template compiled into the cache");
    assert.equal(await parsed(() => build(path.join(root, "out2"))), 0, "read back by the next build");
  }));

test("the site's Eleventy configuration puts the compiled templates in the build's cache folder (REVUE_CACHE), under the code's fingerprint", () =>
  inRoot(async (root) => {
    const handlers = new Map<string, (a: unknown) => void>();
    // an Eleventy configuration that records the event handlers and accepts the rest
    const config: unknown = new Proxy({}, { get: (_t, name) => (name === "on" ? (event: string, fn: (a: unknown) => void) => handlers.set(event, fn) : () => undefined) });
    const { default: configure } = await import("../src/site/eleventy-config.js");
    const before = process.env.REVUE_CACHE;
    process.env.REVUE_CACHE = path.join(root, "cache");
    const compile = nunjucks.compiler.compile;
    const g = globalThis as Record<symbol, unknown>;
    const FINGERPRINT = Symbol.for("revue.site.viewCache.fingerprint");
    const fingerprint = g[FINGERPRINT];
    try {
      configure(config);
      handlers.get("eleventy.engine.njk")!({ nunjucks });
      const render = () => new nunjucks.Environment().renderString("{{ 1 }}", {});
      render();
      assert.equal((await readdir(path.join(root, "cache"))).filter((d) => d.startsWith("templates-")).length, 1);
      assert.equal(await parsed(render), 0, "read back");
      // other code (view-cache.ts codeFingerprint, kept per process under this name): compiled again
      g[FINGERPRINT] = "other code";
      handlers.get("eleventy.engine.njk")!({ nunjucks });
      assert.equal(await parsed(render), 1, "compiled again under other code");
    } finally {
      if (fingerprint === undefined) delete g[FINGERPRINT];
      else g[FINGERPRINT] = fingerprint;
      nunjucks.compiler.compile = compile;
      if (before === undefined) delete process.env.REVUE_CACHE;
      else process.env.REVUE_CACHE = before;
    }
  }));

test("the kept templates' folder holds at most KEEP_TEMPLATES files, the latest written (edits of a template do not pile up)", () =>
  inRoot(async (root) => {
    const cache = path.join(root, "cache");
    cacheCompiledTemplates(nunjucks, cache, "p-keep", "c-keep");
    const env = () => new nunjucks.Environment(undefined, { autoescape: true });
    env().renderString("<p>{{ 1 }}</p>", {}); // the folder made, and tidied once by this process
    const [folder] = (await readdir(cache)).filter((d) => d.startsWith("templates-"));
    const dir = path.join(cache, folder!);
    // earlier edits of a template, older than what follows
    for (let i = 0; i < KEEP_TEMPLATES + 50; i++) {
      const f = path.join(dir, `old-${String(i).padStart(4, "0")}.js`);
      await writeFile(f, "");
      await utimes(f, new Date(1e9 + i), new Date(1e9 + i));
    }
    // a new process (its first compile tidies the folder), a template never compiled before
    cacheCompiledTemplates(nunjucks, cache, "p-keep", "c-keep");
    env().renderString("<p>{{ 2 }}</p>", {});
    const left = await readdir(dir);
    assert.equal(left.length, KEEP_TEMPLATES);
    assert.ok(!left.includes("old-0000.js"), "the oldest removed");
    assert.ok(left.includes(`old-${String(KEEP_TEMPLATES + 49).padStart(4, "0")}.js`), "the latest kept");
  }));
