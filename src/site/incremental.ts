/**
 * Rebuilds that render only what changed (README, "How rebuilds work").
 *
 * Every page a paginated template writes from one item (`pagination.size: 1`)
 * gets a hash of its inputs: the build's fingerprint (every file of templates/,
 * src/, data/, .eleventy.ts, package-lock.json, the Node version, PATH_PREFIX,
 * SITE_URL, TZ), the template, the item (its view, as the model built it), and
 * the value of every `site.…` path the template, its layout and its includes
 * read. A page whose hash is the one the previous build recorded for that file
 * is not rendered: the build links the previous file into its new folder. The
 * other pages (home, lists without pagination, feeds, data files) are always
 * rendered.
 *
 * What the templates read is found by reading them, not by knowing them: the
 * `site.a.b` paths inside `{{ }}` and `{% %}` of the template, its 11tydata.js,
 * its layouts and everything they include. Anything that cannot be followed
 * that way makes the template render every page, every time: `site` used other
 * than as `site.name…`, `pagination.` or `collections` read, an include whose
 * name is not a plain string, a permalink not given as a function in the
 * 11tydata.js, a page size other than 1, another pagination option, or a global
 * data file in templates/_data (the site's data is `site`, from the configuration).
 */
import { createHash, hash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { copyFile, link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import YAML from "yaml";
import { eachLimited } from "../each-limited.js";
import { filesUnder, hashFiles } from "./file-hash.js";
import { writeAtomic } from "../cache-write.js";

/** The record of a build inside its output folder (the same bytes whether the build was cold or not). */
export const MANIFEST_DIR = ".revue";
export const PAGES_MANIFEST = `${MANIFEST_DIR}/pages.json`;
export const SEARCH_MANIFEST = `${MANIFEST_DIR}/search.json`;
/** Each copy in sources/ → the key of the seed bytes it was made from (src/site/after-build.ts, copySeeds). */
export const SOURCES_MANIFEST = `${MANIFEST_DIR}/sources.json`;
/** Article id → the group whose articles share a search bucket (their event): written with the pages. */
export const SEARCH_GROUPS = `${MANIFEST_DIR}/search-groups.json`;
const MANIFEST_VERSION = 1;

export interface PagedTemplate {
  /** As Eleventy names it: "./templates/article.njk". */
  inputPath: string;
  /** "site.articles" */
  dataPath: string;
  alias: string;
  /** The `site` paths its pages read (besides the item), sorted; empty when `incremental` is false. */
  refs: string[];
  permalink: ((data: Record<string, unknown>) => unknown) | null;
  incremental: boolean;
  /** Why not, when it is not. */
  reason?: string;
}

export interface PageEntry {
  /** Output file, relative to the output folder, with "/". */
  file: string;
  hash: string;
}

export interface TemplatePlan {
  template: PagedTemplate;
  /** One per item of the pagination data, in order (only for incremental templates). */
  pages: PageEntry[];
  /** Indexes of the items to render. */
  render: Set<number>;
}

export interface RenderPlan {
  fingerprint: string;
  templates: Map<string, TemplatePlan>;
  /** Pages taken from the previous build: file → where it is now. */
  reuse: PageEntry[];
  /** Every page of the new build that the manifest records. */
  manifest: Record<string, string>;
  counts: { render: number; reuse: number; always: number };
  /** Article id → search group (see SEARCH_GROUPS); set by the caller. */
  searchGroups: Record<string, string>;
  /** The items of a template's pagination data to render (Eleventy's `pagination.before`, in each 11tydata.js). */
  select<T>(inputPath: string, items: T[]): T[];
}

/** One-shot hashing (crypto.hash): a quarter of createHash's time on the many short strings hashed here. */
const sha = (s: string | Buffer) => hash("sha256", s, "hex");

// ---------------------------------------------------------------- fingerprint

/**
 * Everything besides the site model that a page's bytes can depend on: the code
 * and templates that render it, the curated data, the installed packages, the
 * environment the build reads.
 */
export function buildFingerprint(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const h = createHash("sha256");
  h.update(`revue-pages ${MANIFEST_VERSION}\0node ${process.version}\0`);
  for (const k of ["PATH_PREFIX", "SITE_URL", "TZ"]) h.update(`${k}=${env[k] ?? ""}\0`);
  const files = [
    ...["templates", "src", "data"].flatMap((d) => filesUnder(path.join(root, d))),
    ...[".eleventy.ts", "package-lock.json", "package.json"].map((f) => path.join(root, f)).filter((f) => existsSync(f)),
  ];
  return hashFiles(h, root, files).digest("hex");
}

// ---------------------------------------------------------------- templates

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function splitTemplate(text: string): { fm: Record<string, unknown>; body: string } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { fm: {}, body: text };
  return { fm: (YAML.parse(m[1]!) as Record<string, unknown>) ?? {}, body: text.slice(m[0].length) };
}

/** The code inside `{{ }}`, `{% %}` of a template (prose between them cannot read data). */
function tagCode(body: string): string[] {
  return [...body.matchAll(/\{\{([\s\S]*?)\}\}|\{%-?([\s\S]*?)-?%\}/g)].map((m) => m[1] ?? m[2] ?? "");
}

interface Reads {
  /** `site.a.b` paths. */
  refs: Set<string>;
  /** Why the reads cannot be known, if they cannot. */
  opaque: string | null;
}

/**
 * The `site` paths a piece of template code (or, `js`, of an 11tydata.js, where
 * they are read as `data.site…` and an object key `pagination:` is a definition)
 * reads; opaque when it uses `site`, `pagination` or `collections` otherwise.
 */
function readsOf(code: string, where: string, into: Reads, js = false): void {
  const re = js
    ? /(?<![\w$])(site|pagination|collections)\b(?!\s*:)((?:\s*\.\s*[A-Za-z_$][\w$]*)*)/g
    : /(?<![\w$.])(site|pagination|collections)\b((?:\s*\.\s*[A-Za-z_$][\w$]*)*)/g;
  for (const m of code.matchAll(re)) {
    const name = m[1]!;
    const chain = m[2]!.replace(/\s+/g, "");
    if (name !== "site") into.opaque ??= `${where} reads ${name}`;
    else if (!chain) into.opaque ??= `${where} uses site as a whole`;
    else into.refs.add(`site${chain}`);
  }
}

/** The names a Nunjucks body includes, imports or extends; null when one is not a plain string. */
function includedNames(body: string): string[] | null {
  const names: string[] = [];
  for (const code of tagCode(body)) {
    const m = /^\s*(include|import|extends|from)\b\s*([\s\S]*)$/.exec(code);
    if (!m) continue;
    const arg = /^(["'])([^"']+)\1(?=\s|$)/.exec(m[2]!.trim());
    if (!arg) return null;
    names.push(arg[2]!);
  }
  return names;
}

/**
 * The paginated templates of `dir` and, for each, whether its pages can be
 * rendered one by one and what they read.
 */
export async function analyseTemplates(root: string, dir = "templates"): Promise<PagedTemplate[]> {
  const abs = path.join(root, dir);
  const includes = path.join(abs, "_includes");
  const dataDir = path.join(abs, "_data");
  // the one global data is `site`, given by the configuration; a data file could hold anything
  const otherGlobalData = filesUnder(dataDir);
  const allIncludes = () => filesUnder(includes);
  const out: PagedTemplate[] = [];
  for (const name of readdirSync(abs).filter((n) => n.endsWith(".njk")).sort()) {
    const file = path.join(abs, name);
    const { fm, body } = splitTemplate(readFileSync(file, "utf8"));
    const pg = fm.pagination as Record<string, unknown> | undefined;
    if (!pg || typeof pg !== "object") continue;
    const inputPath = `./${path.relative(root, file).split(path.sep).join("/")}`;
    const t: PagedTemplate = { inputPath, dataPath: String(pg.data), alias: String(pg.alias ?? "pagination.items"), refs: [], permalink: null, incremental: false };
    out.push(t);
    const no = (reason: string) => {
      t.reason = reason;
      t.refs = [];
    };
    if (otherGlobalData.length) {
      no(`global data files: ${otherGlobalData.map((f) => path.relative(abs, f)).join(", ")}`);
      continue;
    }
    if (!/^site(\.[A-Za-z_$][\w$]*)+$/.test(t.dataPath)) {
      no(`pagination data ${t.dataPath} is not a path in site`);
      continue;
    }
    if (pg.size !== 1 || typeof pg.alias !== "string") {
      no("pagination size is not 1 or has no alias");
      continue;
    }
    const extra = Object.keys(pg).filter((k) => !["data", "size", "alias"].includes(k));
    if (extra.length) {
      no(`pagination options ${extra.join(", ")}`);
      continue;
    }
    if ("permalink" in fm || "eleventyComputed" in fm) {
      no("permalink or eleventyComputed in front matter");
      continue;
    }
    const reads: Reads = { refs: new Set(), opaque: null };
    const { pagination: _p, ...fmRest } = fm;
    readsOf(JSON.stringify(fmRest), `${name} (front matter)`, reads);
    // its 11tydata.js: the permalink (a function, so the page's file is known before rendering), and what it reads
    const dataFile = file.replace(/\.njk$/, ".11tydata.js");
    if (existsSync(dataFile)) {
      const src = readFileSync(dataFile, "utf8");
      // comments and plain strings read nothing ("revue.site.renderPlan" is a symbol's name)
      readsOf(src.replace(/\/\/.*$/gm, "").replace(/"[^"\n]*"|'[^'\n]*'/g, '""'), path.basename(dataFile), reads, true);
      const mod = (await import(pathToFileURL(dataFile).href)) as { default?: Record<string, unknown> };
      const permalink = mod.default?.permalink;
      if (typeof permalink === "function") t.permalink = permalink as PagedTemplate["permalink"];
      if (mod.default && "layout" in mod.default) reads.opaque ??= `${path.basename(dataFile)} sets the layout`;
    }
    if (!t.permalink) {
      no("no permalink function in its 11tydata.js");
      continue;
    }
    // the template, its layout chain and every file they include
    const seen = new Set<string>();
    const queue: { file: string; body: string; fm: Record<string, unknown> }[] = [{ file, body, fm }];
    while (queue.length && !reads.opaque) {
      const cur = queue.shift()!;
      if (seen.has(cur.file)) continue;
      seen.add(cur.file);
      // string literals read nothing ("site du média" is text)
      for (const code of tagCode(cur.body)) readsOf(code.replace(/"[^"]*"|'[^']*'/g, '""'), path.relative(abs, cur.file), reads);
      if (cur.file !== file) readsOf(JSON.stringify(cur.fm), `${path.relative(abs, cur.file)} (front matter)`, reads);
      const names = includedNames(cur.body);
      let next: string[];
      if (names === null) next = allIncludes();
      else next = names.map((n) => path.join(includes, n));
      if (typeof cur.fm.layout === "string") {
        const layout = cur.fm.layout;
        next.push(...(layout.includes("{") ? allIncludes() : [path.join(includes, layout)]));
      }
      for (const n of next) {
        if (!existsSync(n)) {
          reads.opaque ??= `${path.relative(abs, cur.file)} includes ${path.relative(abs, n)}, not found`;
          continue;
        }
        const parts = splitTemplate(readFileSync(n, "utf8"));
        queue.push({ file: n, ...parts });
      }
    }
    if (reads.opaque) {
      no(reads.opaque);
      continue;
    }
    t.refs = [...reads.refs].sort();
    t.incremental = true;
  }
  return out;
}

/** The file that keeps the last analysis of a project's templates, in the cache folder. */
export const TEMPLATES_ANALYSIS_FILE = "paged-templates.json";
const ANALYSIS_FORMAT = "revue-paged-templates 1";

/** An analysis as kept: a template's permalink function as the 11tydata.js it is taken from (relative to the project). */
type KeptTemplate = Omit<PagedTemplate, "permalink"> & { permalinkFrom: string | null };

/**
 * analyseTemplates, kept in `cacheDir` under the build's fingerprint (buildFingerprint: it covers every
 * file of templates/ and of the code that reads them): a rebuild reads the templates and parses their
 * front matter again only when one of those changed (the analysis was ~20–25 ms of each rebuild, most of
 * it the YAML parser's first run); each permalink function is taken again from its 11tydata.js. A kept
 * analysis that cannot be read or used is made again and written afresh.
 */
export async function analyseTemplatesKept(root: string, fingerprint: string, cacheDir: string | null, dir = "templates"): Promise<PagedTemplate[]> {
  const file = cacheDir ? path.join(cacheDir, TEMPLATES_ANALYSIS_FILE) : null;
  const kept = file ? await readKeptAnalysis(file, fingerprint, dir, root) : null;
  if (kept) return kept;
  const made = await analyseTemplates(root, dir);
  if (file) {
    // the permalink of "./templates/x.njk" is that of templates/x.11tydata.js (analyseTemplates)
    const templates: KeptTemplate[] = made.map(({ permalink, ...t }) => ({ ...t, permalinkFrom: permalink ? `${t.inputPath.slice(2).replace(/\.njk$/, "")}.11tydata.js` : null }));
    writeAtomic(file, JSON.stringify({ format: ANALYSIS_FORMAT, fingerprint, dir, templates }));
  }
  return made;
}

/** A kept analysis made under `fingerprint` for `dir`, its permalink functions imported; null when there is none usable. */
async function readKeptAnalysis(file: string, fingerprint: string, dir: string, root: string): Promise<PagedTemplate[] | null> {
  try {
    const kept = JSON.parse(await readFile(file, "utf8")) as { format?: unknown; fingerprint?: unknown; dir?: unknown; templates?: KeptTemplate[] };
    if (kept.format !== ANALYSIS_FORMAT || kept.fingerprint !== fingerprint || kept.dir !== dir || !Array.isArray(kept.templates)) return null;
    const out: PagedTemplate[] = [];
    for (const { permalinkFrom, ...t } of kept.templates) {
      let permalink: PagedTemplate["permalink"] = null;
      if (permalinkFrom !== null) {
        const mod = (await import(pathToFileURL(path.join(root, permalinkFrom)).href)) as { default?: Record<string, unknown> };
        if (typeof mod.default?.permalink !== "function") return null;
        permalink = mod.default.permalink as PagedTemplate["permalink"];
      }
      if (typeof t.inputPath !== "string" || typeof t.dataPath !== "string" || !Array.isArray(t.refs) || typeof t.incremental !== "boolean") return null;
      out.push({ ...t, permalink });
    }
    return out;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- hashing

/** The value at "site.a.b" in the model (the model is `site`). */
function getPath(model: unknown, dotted: string): unknown {
  let cur = model;
  for (const k of dotted.split(".").slice(1)) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

class NotPlain extends Error {}

/**
 * A digest of plain data, as its JSON would be (key order, values; undefined
 * properties left out), computed as a tree: each object's digest is made of its
 * members' and kept for that object, so that an article's view is hashed once
 * however many event, outlet or person pages hold it, and no page's data is ever
 * written out whole as one string. A digest the caller already holds (`memo`
 * filled beforehand, e.g. a record's) starts with `=`, one made here with `#`.
 * Throws NotPlain for what JSON would not show whole (functions, Maps, class
 * instances…).
 */
function plainDigest(value: unknown, memo: WeakMap<object, string>): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") throw new NotPlain();
    return value === undefined ? "u" : JSON.stringify(value);
  }
  const known = memo.get(value);
  if (known) return known;
  // one string per object, hashed in one call (a hash update per member costs more than the hashing)
  let text: string;
  if (Array.isArray(value)) {
    text = "[";
    for (const v of value) text += `${plainDigest(v, memo)},`;
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new NotPlain();
    text = "{";
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) text += `${JSON.stringify(k)}:${plainDigest(v, memo)},`;
    }
  }
  const d = `#${hash("sha256", text, "base64")}`;
  memo.set(value, d);
  return d;
}

/** Output file of a URL the way Eleventy writes it: "/a/b/" → "a/b/index.html". */
export function fileOfUrl(url: string): string | null {
  if (!url.startsWith("/") || url.includes("..") || url.includes("\\")) return null;
  const rel = url.endsWith("/") ? `${url}index.html` : url;
  return rel.slice(1);
}

/** The previous build's page hashes (its manifest), or an empty record. */
export async function readManifest(dir: string | null, rel = PAGES_MANIFEST): Promise<Record<string, string>> {
  if (!dir) return {};
  try {
    const m = JSON.parse(await readFile(path.join(dir, rel), "utf8")) as { version?: number; entries?: Record<string, string> };
    return m.version === MANIFEST_VERSION && m.entries && typeof m.entries === "object" ? m.entries : {};
  } catch {
    return {};
  }
}

/** A manifest's bytes: sorted, so that a cold build and a rebuild write the same file. */
export function manifestText(entries: Record<string, string>): string {
  const sorted = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({ version: MANIFEST_VERSION, entries: sorted }, null, 0) + "\n";
}

/**
 * Which pages to render: for each incremental template, each item's file and
 * hash; an item is rendered unless the previous build recorded the same hash for
 * the same file and that file is still there.
 *
 * `known`: objects of the model whose digest the caller already holds — the
 * SHA-256 (hex) of a record's JSON, or a key of all a view is made from under the
 * build's fingerprint (src/site/data.ts planDigests) — so that they are not walked
 * (an article view's text is then read from the view cache only when its page is rendered).
 */
export function planPages(
  model: Record<string, unknown>,
  templates: PagedTemplate[],
  fingerprint: string,
  previous: { dir: string | null; entries: Record<string, string> },
  known: Iterable<[object, string]> = [],
): RenderPlan {
  const plan: RenderPlan = {
    fingerprint,
    templates: new Map(),
    reuse: [],
    manifest: {},
    counts: { render: 0, reuse: 0, always: 0 },
    searchGroups: {},
    select(inputPath, items) {
      const tp = this.templates.get(inputPath);
      if (!tp?.template.incremental) return items;
      if (items.length !== tp.pages.length) throw new Error(`incremental rendering: ${inputPath} pages ${items.length} items, the plan ${tp.pages.length}`);
      return items.filter((_, i) => tp.render.has(i));
    },
  };
  const claimed = new Set<string>();
  const memo = new WeakMap<object, string>();
  for (const [o, d] of known) memo.set(o, `=${d}`);
  for (const t of templates) {
    const items = getPath(model, t.dataPath);
    const list = Array.isArray(items) ? items : [];
    const tp: TemplatePlan = { template: t, pages: [], render: new Set(list.map((_, i) => i)) };
    plan.templates.set(t.inputPath, tp);
    if (!t.incremental || !Array.isArray(items)) {
      plan.counts.always += list.length;
      continue;
    }
    let globals: string;
    try {
      globals = plainDigest(t.refs.map((r) => [r, getPath(model, r) ?? null]), memo);
    } catch (e) {
      if (!(e instanceof NotPlain)) throw e;
      t.incremental = false;
      t.reason = "a value it reads is not plain data";
      plan.counts.always += list.length;
      continue;
    }
    const pages: PageEntry[] = [];
    let ok = true;
    for (const item of list) {
      const url = t.permalink!({ [t.alias]: item });
      const file = typeof url === "string" ? fileOfUrl(url) : null;
      let json: string | null = null;
      try {
        json = plainDigest(item, memo);
      } catch (e) {
        if (!(e instanceof NotPlain)) throw e;
      }
      if (!file || json === null || claimed.has(file)) {
        ok = false;
        break;
      }
      claimed.add(file);
      pages.push({ file, hash: sha(`${fingerprint}\0${t.inputPath}\0${globals}\0${json}`) });
    }
    if (!ok) {
      t.incremental = false;
      t.reason = "an item has no file of its own, or is not plain data";
      plan.counts.always += list.length;
      continue;
    }
    tp.pages = pages;
    tp.render = new Set();
    pages.forEach((p, i) => {
      plan.manifest[p.file] = p.hash;
      if (previous.dir && previous.entries[p.file] === p.hash && existsSync(path.join(previous.dir, p.file))) plan.reuse.push(p);
      else tp.render.add(i);
    });
    plan.counts.render += tp.render.size;
    plan.counts.reuse += pages.length - tp.render.size;
  }
  return plan;
}

// ---------------------------------------------------------------- the running build

const PLAN_KEY = Symbol.for("revue.site.renderPlan");

export function setRenderPlan(plan: RenderPlan | undefined): void {
  (globalThis as Record<symbol, unknown>)[PLAN_KEY] = plan;
}

export function renderPlan(): RenderPlan | undefined {
  return (globalThis as Record<symbol, RenderPlan | undefined>)[PLAN_KEY];
}

/**
 * A hard link of `from` at `to` (its folders made), or a copy where links are
 * not possible (another file system, a system without them).
 */
export async function linkOrCopy(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await link(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      await rm(to, { force: true });
      return linkOrCopy(from, to);
    }
    await copyFile(from, to);
  }
}

/**
 * The linking thread (linkPages): plain synchronous mkdir and link, no module of ours. A folder is
 * made one level at a time, never recursively: once the output folder is gone (a failed build's,
 * removed) nothing is made again. Sends back the files it could not link.
 */
const LINKER = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const path = require("node:path");
const { from, to, files } = workerData;
const made = new Set([""]);
const dirOf = (f) => f.slice(0, Math.max(0, f.lastIndexOf("/")));
const folder = (d) => {
  if (made.has(d)) return;
  folder(dirOf(d));
  try {
    fs.mkdirSync(path.join(to, d));
  } catch (err) {
    if (err.code !== "EEXIST") throw err;
  }
  made.add(d);
};
const failed = [];
for (const f of files) {
  try {
    folder(dirOf(f));
    fs.linkSync(path.join(from, f), path.join(to, f));
  } catch {
    failed.push(f);
  }
}
parentPort.postMessage(failed);
`;

/**
 * From this many pages on, linkPages links them on a thread of its own (a build links them that way
 * whatever their number, while Eleventy renders: after-build.ts, linkEarly). Below, on this thread: a
 * thread costs tens of milliseconds of CPU to start, more than it saves on a rebuild of 1,000
 * articles (1,680 pages linked: 0.20–0.33 s CPU with the thread, 0.17–0.20 s without, 3 rebuilds
 * each, loaded machine); at 10,000 articles (17,000 pages) it took 0.66 s CPU against 1.28 s.
 */
export const LINK_THREAD_MIN = 4000;

/**
 * `files` (relative, "/"-separated) hard-linked from `from` into `to`: from `threadMin` pages
 * on, on a thread of its own, with plain synchronous calls (about half the CPU time of as many
 * asynchronous ones, and this thread's event loop stays free for the search indexing going on);
 * what it could not link (another file system, a file already there) and the pages of a smaller
 * rebuild are linked or copied here (linkOrCopy), a few at a time.
 */
export async function linkPages(from: string, to: string, files: string[], threadMin = LINK_THREAD_MIN): Promise<void> {
  let left = files;
  if (files.length >= threadMin) {
    const { Worker } = await import("node:worker_threads");
    left = await new Promise<string[]>((resolve) => {
      const w = new Worker(LINKER, { eval: true, workerData: { from, to, files } });
      let got: string[] | null = null;
      w.on("message", (m: string[]) => (got = m));
      w.on("error", () => undefined);
      w.on("exit", () => resolve(got ?? files));
    });
  }
  // a few at a time: thousands of links at once would only queue in libuv's pool
  await eachLimited(left, 8, (f) => linkOrCopy(path.join(from, f), path.join(to, f)));
}

/** Write a file afresh (never through a hard link into the previous build's copy). */
export async function writeFresh(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await rm(file, { force: true });
  await writeFile(file, data);
}

/** Eleventy's record of a page it wrote (`eleventy.after` results). */
export interface WrittenPage {
  inputPath: string;
  outputPath: string | false;
}

/**
 * After Eleventy has written the pages of a plan into `outDir`: check that each
 * template wrote exactly the files the plan expected (otherwise the links would
 * be wrong: the build fails, the previous site stays), bring in the pages taken
 * from the previous build, remove (when building in place) the pages no longer
 * in the site, and record the new manifest.
 *
 * `early`: the pages taken from the previous build that were linked while Eleventy
 * rendered (src/site/eleventy-config.ts, linkEarly), and the linking: awaited here
 * (it fails the build if it failed), the other pages of `plan.reuse` linked now.
 */
export async function finishRender(
  plan: RenderPlan,
  written: WrittenPage[],
  outDir: string,
  previousDir: string | null,
  early: { files: ReadonlySet<string>; done: Promise<void> } | null = null,
): Promise<void> {
  const rel = (p: string) => path.relative(outDir, p).split(path.sep).join("/");
  const byTemplate = new Map<string, string[]>();
  for (const w of written) {
    if (typeof w.outputPath !== "string") continue;
    const list = byTemplate.get(w.inputPath) ?? [];
    list.push(rel(path.resolve(w.outputPath)));
    byTemplate.set(w.inputPath, list);
  }
  for (const [inputPath, tp] of plan.templates) {
    if (!tp.template.incremental) continue;
    const expected = [...tp.render].map((i) => tp.pages[i]!.file).sort();
    const got = (byTemplate.get(inputPath) ?? []).sort();
    if (expected.join("\n") !== got.join("\n")) {
      const missing = expected.filter((f) => !got.includes(f)).slice(0, 3);
      const extra = got.filter((f) => !expected.includes(f)).slice(0, 3);
      throw new Error(
        `incremental rendering: ${inputPath} wrote other files than its pages' permalinks predict ` +
          `(expected but not written: ${missing.join(", ") || "none"}; written, not expected: ${extra.join(", ") || "none"})`,
      );
    }
  }
  const inPlace = previousDir !== null && path.resolve(previousDir) === path.resolve(outDir);
  if (previousDir && !inPlace) {
    await early?.done;
    await linkPages(previousDir, outDir, plan.reuse.map((p) => p.file).filter((f) => !early?.files.has(f)));
  }
  if (inPlace) {
    const before = await readManifest(outDir, `${PAGES_MANIFEST}.previous`);
    for (const file of Object.keys(before)) if (!(file in plan.manifest)) await rm(path.join(outDir, file), { force: true });
    await rm(path.join(outDir, `${PAGES_MANIFEST}.previous`), { force: true });
  }
  await writeFresh(path.join(outDir, SEARCH_GROUPS), manifestText(plan.searchGroups));
  await writeFresh(path.join(outDir, PAGES_MANIFEST), manifestText(plan.manifest));
}
