/**
 * Helpers for the site tests: build into a temporary folder with the real CLI
 * (a child process, as a user runs it), list and read its files, check links.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { ROOT } from "./root.js";

export { ROOT };

export interface BuildResult {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
}

/**
 * Run `src/cli/build.ts` with these arguments; `out` defaults to a fresh temp folder.
 * `project`: the project folder whose build runs (its working folder; default: this one).
 */
export async function runBuild(
  opts: { args?: string[]; env?: Record<string, string>; out?: string; seeds?: string; project?: string } = {},
): Promise<BuildResult> {
  const project = opts.project ?? ROOT;
  const out = opts.out ?? path.join(await mkdtemp(path.join(tmpdir(), "revue-site-")), "dist");
  const cache = path.join(path.dirname(out), "cache");
  const args = [
    "--import", "tsx", path.join(project, "src/cli/build.ts"),
    "--out", out, "--cache", cache, "--seeds", opts.seeds ?? path.join(ROOT, "seeds"),
    ...(opts.args ?? []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: project,
      env: { ...process.env, TZ: "UTC", CI: "1", PATH_PREFIX: "", ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr, out }));
  });
}

/** Every file below dir (dot files and links included), as sorted paths relative to it (with "/"). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

export async function load(out: string, rel: string): Promise<cheerio.CheerioAPI> {
  return cheerio.load(await readFile(path.join(out, rel), "utf8"));
}

export async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

/** The file a site URL ("/articles/x/#q-1") is served from, or null when it points outside the site. */
export function fileForUrl(url: string, pageUrl: string, prefix: string): string | null {
  const u = new URL(url, `http://site.test${pageUrl}`);
  if (u.host !== "site.test") return null;
  let p = decodeURIComponent(u.pathname);
  if (!p.startsWith(prefix)) return `__outside_prefix__${p}`;
  p = p.slice(prefix.length);
  if (p === "" || p.endsWith("/")) p += "index.html";
  return p;
}

/** URL of the page that an output file is (for "articles/x/index.html": "/articles/x/"). */
export function urlOfFile(rel: string, prefix: string): string {
  return prefix + rel.replace(/index\.html$/, "");
}

export interface LinkProblem {
  page: string;
  attr: string;
  url: string;
}

/** Every href/src/cite/action of every HTML page that is on this site but names no file. */
export async function brokenLinks(out: string, prefix = "/"): Promise<{ broken: LinkProblem[]; checked: number; external: LinkProblem[] }> {
  const files = await listFiles(out);
  const set = new Set(files);
  const broken: LinkProblem[] = [];
  const external: LinkProblem[] = [];
  let checked = 0;
  for (const rel of files.filter((f) => f.endsWith(".html"))) {
    const $ = await load(out, rel);
    const pageUrl = urlOfFile(rel, prefix);
    // a canonical link states the page's own public address (SITE_URL): not a request, not a link to follow
    $("[href], [src], [cite], form[action]").not("link[rel=canonical]").each((_, el) => {
      for (const attr of ["href", "src", "cite", "action"]) {
        const v = $(el).attr(attr);
        if (v === undefined) continue;
        if (/^(https?:)?\/\//i.test(v)) {
          // Only the "source URL" of an article may leave the site, as a plain link.
          if (!(el.tagName === "a" && attr === "href")) external.push({ page: rel, attr, url: v });
          continue;
        }
        if (/^(mailto:|data:)/i.test(v)) continue;
        checked++;
        const file = fileForUrl(v, pageUrl, prefix);
        if (file === null || !set.has(file)) broken.push({ page: rel, attr, url: v });
      }
    });
  }
  return { broken, checked, external };
}

/** RFC 4180 CSV → rows of cells (`sep` between cells; quotes.csv uses ";"). A leading BOM is not part of the first cell. */
export function parseCsv(text: string, sep = ","): string[][] {
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    } else cell += c;
  }
  if (quoted) throw new Error("unterminated quoted cell");
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}
