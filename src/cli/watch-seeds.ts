/**
 * The dev server's watch of the seeds folder (src/cli/serve.ts), and of data/
 * for the deletions Eleventy's watcher does not rebuild for.
 */
import { readdirSync, statSync, watch, type Dirent } from "node:fs";
import path from "node:path";

/** Quiet time in a folder after its last event before the rebuild it asks for (a file written in several pieces, a batch of files copied)… */
const SEED_SETTLE_MS = 20;
/** …but no longer than this after the first one (a folder where some file never stops changing). */
const SEED_MAX_WAIT_MS = 1000;

/**
 * The seeds folder is watched here, not by Eleventy's watcher (chokidar), which is
 * told to leave it (REVUE_WATCH_SEEDS, src/site/eleventy-config.ts):
 *
 * - a seed written just after the server came up over 10,000 files was not
 *   built (docs/benchmark.md, "Rebuilds and dev server, 1 Dec evening"): chokidar
 *   reports itself ready while it has looked at about 190 of the entries (its
 *   ready count races with Eleventy's hundred watch targets), so the server starts
 *   while chokidar still reads the seeds folder entry by entry, and chokidar puts
 *   its watch on a folder only once that reading is over — a file created in
 *   between is never reported, until another change in the folder makes chokidar
 *   read it again;
 * - it waits 150 ms for every file to stop growing, and puts a watch on each of
 *   the 10,000 files.
 *
 * Here: one `fs.watch` per folder (each new subfolder gets its own), no scan, no
 * per-file watch. Any event in a folder (a seed or sidecar added, changed,
 * renamed or removed) asks for one rebuild, naming the files changed, once the
 * folder has been quiet for SEED_SETTLE_MS (at most SEED_MAX_WAIT_MS after its
 * first event): one timer per folder, so a batch of 10,000 files copied in is one
 * call, not 10,000 timers and calls. A file still being written makes a second
 * rebuild, which reads it whole. Returns a function that stops watching.
 */
/** A folder now; false when gone, or when it cannot be looked at (its folder replaced by a file since the event: ENOTDIR). */
function isDirectory(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

export function watchSeeds(root: string, onChange: (files: string[]) => void): () => void {
  const watchers = new Map<string, ReturnType<typeof watch>>();
  /** Per folder: the files changed since its last call, its timer, when its first event came. */
  const pending = new Map<string, { files: Set<string>; timer: NodeJS.Timeout; since: number }>();
  const settle = (dir: string) => {
    const p = pending.get(dir)!;
    pending.delete(dir);
    for (const file of p.files) {
      if (file === dir) continue;
      // a folder removed, or replaced (removed and made again, moved over): its watchers (and those under it) watch
      // nothing any more, and would keep the new one from being watched
      if (watchers.has(file)) drop(file);
      // a folder created (or moved in) is watched too, with everything under it, before the rebuild reads it
      if (isDirectory(file)) addTree(file);
    }
    onChange([...p.files]);
  };
  /** Stops watching `dir` and every folder under it. */
  const drop = (dir: string) => {
    for (const [d, w] of watchers)
      if (d === dir || d.startsWith(dir + path.sep)) {
        w.close();
        watchers.delete(d);
      }
  };
  const fire = (dir: string, file: string) => {
    const p = pending.get(dir);
    const now = Date.now();
    if (p) clearTimeout(p.timer);
    const since = p?.since ?? now;
    const timer = setTimeout(() => settle(dir), Math.max(0, Math.min(SEED_SETTLE_MS, since + SEED_MAX_WAIT_MS - now)));
    if (p) {
      p.files.add(file);
      p.timer = timer;
    } else pending.set(dir, { files: new Set([file]), timer, since });
  };
  const add = (dir: string) => {
    if (watchers.has(dir)) return;
    let w: ReturnType<typeof watch>;
    try {
      w = watch(dir, { persistent: true }, (_event, name) => fire(dir, name ? path.join(dir, name.toString()) : dir));
    } catch {
      return; // gone meanwhile, or unreadable: the loader reports it
    }
    w.on("error", () => {
      w.close();
      watchers.delete(dir);
    });
    watchers.set(dir, w);
  };
  const addTree = (dir: string) => {
    add(dir);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) if (e.isDirectory()) addTree(path.join(dir, e.name));
  };
  addTree(root);
  return () => {
    for (const w of watchers.values()) w.close();
    for (const p of pending.values()) clearTimeout(p.timer);
  };
}
