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
 * at the end. The build holds the other end of the remover's stdin, which closes
 * when the build says it is over (end()) or when it ends or dies whatever the way:
 * the remover then removes the folder if it was given one, and ends. It is started
 * at the beginning of the build, while the build's process is small (a fork from a
 * large process is slow: src/site/launcher.ts), and at the lowest priority. While
 * it runs, its pid marks the folder as in use (cleanLeftovers leaves it); if it
 * dies, the next build removes what is left.
 */
const REMOVER = `
const fs = require("node:fs");
const path = require("node:path");
const [dir, prefix] = process.argv.slice(1);
const target = path.join(dir, prefix + process.pid + ".trash");
const over = () => {
  if (fs.existsSync(target)) fs.rmSync(target, { recursive: true, force: true, maxRetries: 3 });
  process.exit(0);
};
process.stdin.on("end", over).on("error", over).resume();
`;

/** A remover (see REMOVER) started now, for the folder renamed later by `give`; null when none could be started. */
export interface Remover {
  /** Rename `old` to the remover's name: it is removed once renamed (rejects when the rename fails). */
  give(old: string): Promise<void>;
  /** The build is over (its end or death closes the pipe as well): the remover removes what it was given, and ends. */
  end(): void;
}

export function startRemover(dir: string, prefix: string): Remover | null {
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(process.execPath, ["-e", REMOVER, dir, prefix], { detached: true, stdio: ["pipe", "ignore", "ignore"], windowsHide: true });
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
