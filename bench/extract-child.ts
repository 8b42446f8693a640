/**
 * Runs extraction alone in its own process, for bench/run.ts to time and watch.
 *
 *   node --import tsx bench/extract-child.ts sequential DIR
 *     one core: reads every file first, then extractRecord() on each in turn,
 *     then linkCorpus() on all; prints the in-process times of each phase.
 *   node --import tsx bench/extract-child.ts corpus DIR
 *     the real loader (loadCorpus, its worker pool, no cache); prints its
 *     in-process time.
 *   node --import tsx bench/extract-child.ts corpus-inline DIR
 *     the same loader with the worker pool forbidden, to see what the pool buys.
 *
 * Prints one JSON object on stdout. The harness measures wall time, CPU time and
 * peak memory of the whole process tree from outside.
 */
import { readFileSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { extractRecord, linkCorpus } from "../src/pipeline.js";
import { loadCorpus } from "../src/corpus.js";

type Rec = Parameters<typeof linkCorpus>[0][number];

/**
 * CPU time of the main thread alone, in ms (Linux: /proc, 10 ms ticks), or null elsewhere.
 * process.cpuUsage() also counts V8's compiler and GC threads, which run beside it.
 */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return null;
  }
}

async function sequential(dir: string) {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".txt")).sort();
  let t = performance.now();
  const inputs = await Promise.all(names.map(async (file) => ({ file, bytes: new Uint8Array(await readFile(path.join(dir, file))) })));
  const readMs = performance.now() - t;
  t = performance.now();
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpuMs();
  // CPU time beside wall time (the machine is shared), and the wall time of each hundred files (JIT warm-up)
  const byHundredMs: number[] = [];
  let mark = t;
  const records: Rec[] = inputs.map((input, i) => {
    const r = extractRecord(input);
    if ((i + 1) % 100 === 0 || i === inputs.length - 1) {
      const now = performance.now();
      byHundredMs.push(Math.round(now - mark));
      mark = now;
    }
    return r;
  });
  const extractMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const extractCpuMs = (used.user + used.system) / 1000;
  const mainCpuAfter = mainThreadCpuMs();
  const extractMainCpuMs = mainCpu === null || mainCpuAfter === null ? null : mainCpuAfter - mainCpu;
  t = performance.now();
  const linked = linkCorpus(records);
  const linkMs = performance.now() - t;
  const quotes = records.reduce((s, r) => s + r.quotes.length, 0);
  const multi = linked.events.filter((e) => e.articleIds.length > 1).length;
  const largestEvent = linked.events.reduce((m, e) => Math.max(m, e.articleIds.length), 0);
  const undated = linked.records.filter((r) => !r.date).length;
  return { files: names.length, readMs, extractMs, extractCpuMs, extractMainCpuMs, byHundredMs, linkMs, records: records.length, quotes, events: linked.events.length, multiArticleEvents: multi, largestEvent, undated };
}

async function corpus(dir: string, workers: boolean | undefined) {
  const t = performance.now();
  const c = await loadCorpus({ paths: [dir], cacheDir: null, workers });
  return { ms: performance.now() - t, records: c.records.length, events: c.events.length };
}

const [mode, dir] = process.argv.slice(2);
if (!dir || (mode !== "sequential" && mode !== "corpus" && mode !== "corpus-inline")) {
  process.stderr.write("usage: node --import tsx bench/extract-child.ts sequential|corpus|corpus-inline DIR\n");
  process.exit(2);
}
const result = mode === "sequential" ? await sequential(dir) : await corpus(dir, mode === "corpus" ? undefined : false);
process.stdout.write(JSON.stringify({ ...result, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + "\n");
