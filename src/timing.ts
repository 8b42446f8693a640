/**
 * `REVUE_TIMING=1`: where a build's seconds go, on stderr — each step's time
 * since the process started (Node's own start-up and module loading included),
 * and the CPU time (user + system, every thread of the process) spent by then:
 * on a shared machine the CPU figures move less than the wall-clock ones. Where
 * Linux tells it (/proc), also the CPU time of the main thread alone (10 ms
 * steps): the build's critical path, without the threads beside it (linking,
 * libuv's pool) that the other cores run.
 * (Here, not in src/site/progress.ts which re-exports it, so that the loader
 * does not depend on a site module.)
 */
import { readFileSync } from "node:fs";

/** The main thread's CPU seconds (user + system), or null where /proc does not say. */
function mainThreadCpu(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "latin1");
    // after the command's name in parentheses: state, ppid… utime and stime are fields 14 and 15, in clock ticks (100 a second)
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export function timing(label: string): void {
  if (process.env.REVUE_TIMING !== "1") return;
  const { user, system } = process.cpuUsage();
  const main = mainThreadCpu();
  const thread = main === null ? "" : `, fil principal ${main.toFixed(2)} s`;
  process.stderr.write(`revue: temps ${(performance.now() / 1000).toFixed(2)} s (CPU ${((user + system) / 1e6).toFixed(2)} s${thread}) ${label} (pid ${process.pid})\n`);
}
