/**
 * `REVUE_TIMING=1`: where a build's seconds go, on stderr — each step's time
 * since the process started (Node's own start-up and module loading included),
 * and the CPU time (user + system, every thread of the process) spent by then:
 * on a shared machine the CPU figures move less than the wall-clock ones. Where
 * Linux tells it (/proc), also the main thread's own CPU time (the build's
 * critical path, without the threads and processes beside it: linking, libuv's
 * pool, Pagefind) and how long it was blocked, waiting for them or for files (not
 * for a CPU): on a quiet machine the time to a step is about the sum of the two.
 * (Here, not in src/site/progress.ts which re-exports it, so that the loader
 * does not depend on a site module.)
 */
import { readFileSync } from "node:fs";

/**
 * The main thread's seconds on a CPU, and waiting for one (the machine busy), from Linux's
 * schedstat; null where /proc does not say. The rest of its time since the start it was blocked:
 * waiting for files, threads, child processes — what a quiet machine would still wait for.
 */
function mainThread(): { cpu: number; queued: number } | null {
  try {
    const [cpu, queued] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, "latin1").split(" ").map(Number);
    return Number.isFinite(cpu) && Number.isFinite(queued) ? { cpu: cpu! / 1e9, queued: queued! / 1e9 } : null;
  } catch {
    return null;
  }
}

export function timing(label: string): void {
  if (process.env.REVUE_TIMING !== "1") return;
  const { user, system } = process.cpuUsage();
  const wall = performance.now() / 1000;
  const main = mainThread();
  const thread = main === null ? "" : `, fil principal ${main.cpu.toFixed(2)} s, bloqué ${Math.max(0, wall - main.cpu - main.queued).toFixed(2)} s`;
  process.stderr.write(`revue: temps ${wall.toFixed(2)} s (CPU ${((user + system) / 1e6).toFixed(2)} s${thread}) ${label} (pid ${process.pid})\n`);
}
