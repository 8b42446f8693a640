/**
 * Hashing a set of files by name and content: the build fingerprint of the page
 * manifest (incremental.ts) and the code fingerprint of the view cache (view-cache.ts).
 */
import type { Hash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, type Dirent } from "node:fs";
import path from "node:path";

/** Every file under `dir`, sorted; none when it does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Feed each file's path (relative to `base`) and bytes to `h`. */
export function hashFiles(h: Hash, base: string, files: string[]): Hash {
  for (const f of files) h.update(`${path.relative(base, f)}\0`).update(readFileSync(f)).update("\0");
  return h;
}
