/**
 * `REVUE_TIMING=1`: where a build's seconds go, on stderr — each step's time
 * since the process started (Node's own start-up and module loading included),
 * and the CPU time (user + system, every thread of the process) spent by then:
 * on a shared machine the CPU figures move less than the wall-clock ones.
 * (Here, not in src/site/progress.ts which re-exports it, so that the loader
 * does not depend on a site module.)
 */
export function timing(label: string): void {
  if (process.env.REVUE_TIMING !== "1") return;
  const { user, system } = process.cpuUsage();
  process.stderr.write(`revue: temps ${(performance.now() / 1000).toFixed(2)} s (CPU ${((user + system) / 1e6).toFixed(2)} s) ${label} (pid ${process.pid})\n`);
}
