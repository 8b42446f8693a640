/**
 * Runs one command and measures it from outside: wall time, CPU time (user +
 * system) and peak memory of its whole process tree (npm → sh → node → workers,
 * Pagefind's native binary…).
 *
 * - Peak memory: every POLL_MS, the RSS of the process and all its descendants
 *   (found through /proc/PID/task/TID/children) is summed; the largest sum is the
 *   peak. The largest single process is kept too. A spike shorter than POLL_MS can
 *   be missed; at the sizes measured here phases last seconds.
 * - CPU time: the growth of this process's cutime + cstime (/proc/self/stat),
 *   which the kernel adds to when a waited-for child ends, its own waited-for
 *   descendants included. No dependency on GNU time. A descendant that is killed
 *   rather than waited for (Pagefind's Node API stops its service binary that
 *   way) is not counted: its CPU time is missing, its memory is not.
 */
import { spawn } from "node:child_process";
import { createWriteStream, readFileSync, readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";

const POLL_MS = 50;
const PAGE = 4096;
const TICK = 100; // CLK_TCK on Linux

export interface Measured {
  command: string;
  code: number | null;
  wallS: number;
  cpuS: number;
  /** CPU time / wall time: 2 means both cores busy the whole time. */
  cores: number;
  peakTreeMB: number;
  peakProcessMB: number;
  stdout: string;
  stderr: string;
}

function childrenCpuTicks(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(f[13]) + Number(f[14]); // cutime, cstime
}

function descendants(pid: number, out: number[] = []): number[] {
  out.push(pid);
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    let kids = "";
    try {
      kids = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8");
    } catch {
      continue;
    }
    for (const k of kids.split(" ")) if (k.trim()) descendants(Number(k), out);
  }
  return out;
}

function rssBytes(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE;
  } catch {
    return 0;
  }
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Send stdout to this file instead of keeping it (large outputs). */
  stdoutFile?: string;
  /** Keep at most this many characters of stdout / stderr. */
  keep?: number;
}

export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<Measured> {
  const keep = opts.keep ?? 200_000;
  return new Promise((resolve, reject) => {
    const cpu0 = childrenCpuTicks();
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    if (opts.stdoutFile) child.stdout.pipe(createWriteStream(opts.stdoutFile));
    else child.stdout.on("data", (d: Buffer) => { if (stdout.length < keep) stdout += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { if (stderr.length < keep) stderr += d.toString(); });
    let peakTree = 0;
    let peakProc = 0;
    const poll = () => {
      if (child.pid === undefined) return;
      let sum = 0;
      for (const pid of descendants(child.pid)) {
        const r = rssBytes(pid);
        sum += r;
        if (r > peakProc) peakProc = r;
      }
      if (sum > peakTree) peakTree = sum;
    };
    const timer = setInterval(poll, POLL_MS);
    poll();
    child.on("error", (e) => { clearInterval(timer); reject(e); });
    child.on("close", (code) => {
      clearInterval(timer);
      const wallS = (performance.now() - t0) / 1000;
      const cpuS = (childrenCpuTicks() - cpu0) / TICK;
      resolve({
        command: [cmd, ...args].join(" "),
        code,
        wallS,
        cpuS,
        cores: wallS > 0 ? cpuS / wallS : 0,
        peakTreeMB: peakTree / 2 ** 20,
        peakProcessMB: peakProc / 2 ** 20,
        stdout,
        stderr,
      });
    });
  });
}
