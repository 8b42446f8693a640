/**
 * The dev server's watch of the seeds folder (src/cli/serve.ts), and of data/
 * for the deletions Eleventy's watcher does not rebuild for.
 */
import { readdirSync, statSync, watch, type Dirent } from "node:fs";
import path from "node:path";

/** Quiet time after a file's last event before the rebuild it asks for (a file written in several pieces). */
const SEED_SETTLE_MS = 20;

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
 * per-file watch. Any event in the folder (a seed or sidecar added, changed,
 * renamed or removed) runs Eleventy's watch step once the file has been quiet
 * for SEED_SETTLE_MS; a file still being written makes a second rebuild, which
 * reads it whole. Returns a function that stops watching.
 */
export function watchSeeds(root: string, onChange: (file: string) => void): () => void {
  const watchers = new Map<string, ReturnType<typeof watch>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const fire = (file: string) => {
    clearTimeout(timers.get(file));
    timers.set(file, setTimeout(() => {
      timers.delete(file);
      onChange(file);
    }, SEED_SETTLE_MS));
  };
  const add = (dir: string) => {
    if (watchers.has(dir)) return;
    let w: ReturnType<typeof watch>;
    try {
      w = watch(dir, { persistent: true }, (_event, name) => {
        const file = name ? path.join(dir, name.toString()) : dir;
        fire(file);
        // a folder created (or moved in) is watched too, with everything under it
        if (name && statSync(file, { throwIfNoEntry: false })?.isDirectory()) addTree(file);
      });
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
    for (const t of timers.values()) clearTimeout(t);
  };
}
