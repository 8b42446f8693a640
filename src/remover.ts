/**
 * The previous site's remover (src/cli/build.ts; README, "How rebuilds work").
 */
import { spawn } from "node:child_process";
import { rename } from "node:fs/promises";
import type { Socket } from "node:net";
import { setPriority } from "node:os";
import path from "node:path";

/**
 * Removes a folder in a process of its own that outlives the build: it takes
 * the name `<prefix><its pid>.trash`, the build renames the folder to that name
 * at the end, and the process waits for it to appear, then removes it; it ends
 * without removing anything once the build has ended without giving it a folder.
 * It is started at the beginning of the build, while the build's process is small
 * (a fork from a large process is slow: src/site/launcher.ts), and at the lowest
 * priority. While it runs, its pid marks the folder as in use (cleanLeftovers
 * leaves it); if it dies, the next build removes what is left.
 */
const REMOVER = `
const fs = require("node:fs");
const path = require("node:path");
const [dir, prefix, build] = process.argv.slice(1);
const target = path.join(dir, prefix + process.pid + ".trash");
const buildRuns = () => {
  try {
    process.kill(Number(build), 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
};
// the build holds the other end of stdin: it closes when the build ends or is killed (its pid alone
// could be taken by another process meanwhile) or calls end()
let ended = false;
process.stdin.on("end", () => (ended = true)).on("error", () => (ended = true)).resume();
const wait = () => {
  const running = !ended && buildRuns(); // looked at first: a folder renamed just before the build ended is seen below
  if (fs.existsSync(target)) fs.rmSync(target, { recursive: true, force: true, maxRetries: 3 });
  else if (running) return void setTimeout(wait, 20);
  process.exit(0);
};
wait();
`;

/** A remover (see REMOVER) started now, for the folder renamed later by `give`; null when none could be started. */
export interface Remover {
  /** Rename `old` to the remover's name: it is removed once renamed (rejects when the rename fails). */
  give(old: string): Promise<void>;
  /** The build is over (as its end or death closes the pipe): the remover ends once it has removed what it was given. */
  end(): void;
}

export function startRemover(dir: string, prefix: string, build = process.pid): Remover | null {
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(process.execPath, ["-e", REMOVER, dir, prefix, String(build)], { detached: true, stdio: ["pipe", "ignore", "ignore"], windowsHide: true });
  } catch {
    return null;
  }
  child.on("error", () => undefined);
  if (!child.pid) return null;
  child.unref();
  const pipe = child.stdin as Socket | null;
  pipe?.on("error", () => undefined);
  pipe?.unref(); // the pipe alone keeps no build alive
  try {
    setPriority(child.pid, 19); // behind whatever the user does next
  } catch {
    // not allowed here: it runs at the build's priority
  }
  const pid = child.pid;
  return { give: (old) => rename(old, path.join(dir, `${prefix}${pid}.trash`)), end: () => void pipe?.end() };
}
