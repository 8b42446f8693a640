/**
 * Nunjucks's compiled templates kept between builds. Nunjucks turns each template into
 * JavaScript source (lexer, parser, code generator) the first time it renders it, in every
 * process: some 75 ms of the render thread in a 1,000-article rebuild that renders 37 pages,
 * as much in a cold build and in each rebuild of `npm start`. That source is a function of
 * the template's text and of what the compiler is given with it, so it is kept in the cache
 * folder under a key of all of these, and read back instead of compiled:
 *
 * - the template's text and name (the name is written into the source, for error messages);
 * - the asynchronous filters' names (a call to one compiles otherwise) and the extensions
 *   (custom tags: name, tags, and the text of their parse and preprocess functions);
 * - the environment's options (autoescape, throwOnUndefined, whitespace control…);
 * - the installed packages (package-lock.json and node_modules/.package-lock.json): another
 *   Nunjucks or Eleventy, another compiler;
 * - the fingerprint of the code that sets the environment up (view-cache.ts codeFingerprint):
 *   a tag's parse function can compile otherwise with the same text, by what its closure
 *   holds (Eleventy's shortcodes are synchronous or not by a variable of theirs).
 *
 * A folder per set of packages and code (the others are removed: the folder does not grow
 * with each edit of the code), holding at most KEEP_TEMPLATES files (the latest written: it does
 * not grow with each edit of a template either).
 *
 * Eleventy hands its Nunjucks library over with the "eleventy.engine.njk" event
 * (src/site/eleventy-config.ts); Nunjucks's Template calls `compiler.compile` through the
 * module it exports as `compiler`, which this wraps. A cache that cannot be read or written,
 * or a kept file cut short (a crash) or altered (each is checksummed), costs a compile, nothing else.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { checkedFile, keepLatest, readCheckedFile, writeAtomic } from "../cache-write.js";

interface Extension {
  __name?: string;
  tags?: string[];
  parse?: unknown;
  preprocess?: unknown;
}
type Compile = (src: string, asyncFilters: string[], extensions: Extension[] | undefined, name: string, opts?: object) => string;

/** What this needs of the Nunjucks library (its `compiler` module). */
export interface NunjucksLibrary {
  compiler: { compile: Compile };
}

const ORIGINAL = Symbol.for("revue.nunjucks.compile");
const FOLDER = "templates-";
/** The header of a kept template's file (cache-write.ts checkedFile: a file cut short or altered is compiled again). */
const FORMAT = "revue-nunjucks-compiled 1";
/**
 * Kept templates at most, the latest written: within one version of the code, each edit of a template
 * (`npm start`) adds a file. The project has some 60; one evicted while still used is compiled again.
 */
export const KEEP_TEMPLATES = 400;

/** A digest of the installed packages under `root` (the lock files; either may be missing). */
export function packagesDigest(root: string): string {
  const h = createHash("sha256");
  for (const f of ["package-lock.json", "node_modules/.package-lock.json"]) {
    try {
      h.update(readFileSync(path.join(root, f)));
    } catch {
      h.update(`no ${f}`);
    }
    h.update("\0");
  }
  return h.digest("hex").slice(0, 16);
}

/**
 * From now on, `nunjucks`'s compiler reads each template's compiled source from
 * `cacheDir`/templates-HASH/ (HASH: of `packages` and `code`) if it is there, and writes it
 * there when it compiles one.
 * Called again (a rebuild of the dev server makes a new Nunjucks environment), it only moves
 * the cache to the folder given. `code`: the fingerprint of the code that adds the filters,
 * custom tags and shortcodes.
 */
export function cacheCompiledTemplates(nunjucks: NunjucksLibrary, cacheDir: string, packages: string, code: string): void {
  const compiler = nunjucks.compiler as NunjucksLibrary["compiler"] & { [ORIGINAL]?: Compile };
  const compile = (compiler[ORIGINAL] ??= compiler.compile);
  const dir = path.join(cacheDir, `${FOLDER}${createHash("sha256").update(`${packages}\0${code}`).digest("hex").slice(0, 16)}`);
  let tidied = false;
  compiler.compile = function (this: unknown, src, asyncFilters, extensions, name, opts) {
    let key: string;
    try {
      const exts = (extensions ?? []).map((e) => [e.__name ?? null, e.tags ?? null, String(e.parse), String(e.preprocess)]);
      key = createHash("sha256").update(JSON.stringify([src, name ?? null, asyncFilters ?? [], exts, opts ?? {}])).digest("hex");
    } catch {
      return compile.call(this, src, asyncFilters, extensions, name, opts); // options that cannot be written as JSON
    }
    const file = path.join(dir, `${key}.js`);
    const kept = readCheckedFile(file); // null: not compiled yet, or a file cut short (a crash) or altered
    if (kept?.head.format === FORMAT) return kept.body.toString("utf8");
    const source = compile.call(this, src, asyncFilters, extensions, name, opts);
    if (!tidied) {
      tidied = true;
      try {
        for (const old of readdirSync(cacheDir)) if (old.startsWith(FOLDER) && old !== path.basename(dir)) rmSync(path.join(cacheDir, old), { recursive: true, force: true });
      } catch {
        // no cache folder yet
      }
      keepLatest(dir, /\.js$/, KEEP_TEMPLATES - 1);
    }
    // whole or not there, for a build running beside this one; not written: compiled again next time
    writeAtomic(file, checkedFile({ format: FORMAT }, Buffer.from(source)));
    return source;
  };
}
