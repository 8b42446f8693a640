/**
 * Helpers for the rebuild tests: a copy of the project (its code, templates and
 * data, the installed packages linked in) that a test may edit without touching
 * the working tree; builds run in it; whole output trees compared byte for byte.
 */
import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { ROOT } from "./site.js";

/** A copy of what a build reads (src/, templates/, data/, the config, package files) with node_modules linked. */
export async function projectCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "revue-project-"));
  for (const p of ["src", "templates", "data", ".eleventy.ts", "package.json", "package-lock.json", "tsconfig.json"]) {
    await cp(path.join(ROOT, p), path.join(dir, p), { recursive: true });
  }
  await symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

export interface Built {
  code: number;
  stdout: string;
  stderr: string;
  /** Pages rendered / taken from the previous build, from the summary line. */
  rendered: number;
  reused: number;
}

/** `src/cli/build.ts` of `project` (its working folder) over `seeds` into `out`. */
export function buildIn(project: string, seeds: string, out: string, args: string[] = [], env: Record<string, string> = {}): Promise<Built> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/build.ts", "--seeds", seeds, "--out", out, "--cache", path.join(path.dirname(out), "cache"), ...args],
    { cwd: project, env: { ...process.env, TZ: "UTC", CI: "1", PATH_PREFIX: "", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      const m = /(\d+) pages? écrites? et (\d+) reprises?/.exec(stdout);
      resolve({ code: code ?? 1, stdout, stderr, rendered: m ? Number(m[1]) : -1, reused: m ? Number(m[2]) : -1 });
    });
  });
}

/** Every file under dir (dot files included), sorted, relative with "/". */
export async function treeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** Two output folders hold the same files with the same bytes (nothing excluded). */
export async function assertSameTree(got: string, want: string, what: string): Promise<void> {
  const [a, b] = [await treeFiles(got), await treeFiles(want)];
  assert.deepEqual(a, b, `${what}: not the same files`);
  const differ: string[] = [];
  for (const f of a) {
    const [x, y] = await Promise.all([readFile(path.join(got, f)), readFile(path.join(want, f))]);
    if (!x.equals(y)) differ.push(f);
  }
  assert.deepEqual(differ, [], `${what}: files whose bytes differ from a cold build's`);
}
