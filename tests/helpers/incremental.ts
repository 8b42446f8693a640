/**
 * Helpers for the rebuild tests: a copy of the project (its code, templates and
 * data, the installed packages linked in) that a test may edit without touching
 * the working tree; builds run in it; whole output trees compared byte for byte.
 */
import { cp, mkdtemp, readFile, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { ROOT } from "./root.js";
import { listFiles, runBuild } from "./site.js";

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
  /** Records taken from the cache (the summary's "N du cache"). */
  fromCache: number;
}

/** `src/cli/build.ts` of `project` (its working folder) over `seeds` into `out` (runBuild), with the summary's page counts. */
export async function buildIn(project: string, seeds: string, out: string, args: string[] = [], env: Record<string, string> = {}): Promise<Built> {
  const { code, stdout, stderr } = await runBuild({ project, seeds, out, args, env });
  const m = /(\d+) pages? écrites? et (\d+) reprises?/.exec(stdout);
  const c = /\((\d+) du cache/.exec(stdout);
  return { code, stdout, stderr, rendered: m ? Number(m[1]) : -1, reused: m ? Number(m[2]) : -1, fromCache: c ? Number(c[1]) : -1 };
}

/** Two output folders hold the same files with the same bytes (nothing excluded). */
export async function assertSameTree(got: string, want: string, what: string): Promise<void> {
  const [a, b] = [await listFiles(got), await listFiles(want)];
  assert.deepEqual(a, b, `${what}: not the same files`);
  const differ: string[] = [];
  for (const f of a) {
    const [x, y] = await Promise.all([readFile(path.join(got, f)), readFile(path.join(want, f))]);
    if (!x.equals(y)) differ.push(f);
  }
  assert.deepEqual(differ, [], `${what}: files whose bytes differ from a cold build's`);
}
