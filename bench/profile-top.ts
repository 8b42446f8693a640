/**
 * Reads V8 .cpuprofile files (from `node --cpu-prof`) and prints where the time
 * went: the top functions by self time, and the top project files by self time.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/extract-child.ts corpus-inline DIR
 *   npx tsx bench/profile-top.ts /tmp/prof [--top 30] [--total]
 *
 * Several files (main thread + worker threads) are added up. `--total` also
 * ranks project functions by total (inclusive) time.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const sources = new Map<string, string[]>();

/**
 * tsx hands V8 transformed code, so a profile's line numbers do not point into the
 * .ts file (often all "line 1"). For the project's own files, find the line that
 * defines the function by name instead.
 */
function definitionLine(file: string, name: string, fallback: number): number {
  if (!name || !/\.(ts|js)$/.test(file)) return fallback;
  let lines = sources.get(file);
  if (!lines) {
    try {
      lines = readFileSync(file, "utf8").split("\n");
    } catch {
      lines = [];
    }
    sources.set(file, lines);
  }
  const n = name.replace(/[$]/g, "\\$");
  const re = new RegExp(`(function\\*?\\s+${n}\\b|\\b(const|let|var)\\s+${n}\\s*[=:]|^\\s*(export\\s+)?(async\\s+)?(static\\s+)?(private\\s+)?${n}\\s*[(<])`);
  const k = lines.findIndex((l) => re.test(l));
  return k >= 0 ? k + 1 : fallback;
}

function where(cf: Node["callFrame"]): string {
  let url = cf.url;
  try {
    if (url.startsWith("file://")) url = fileURLToPath(url);
  } catch {
    /* keep as is */
  }
  let line = cf.lineNumber + 1;
  if (url.startsWith("/") && !url.includes("node_modules")) line = definitionLine(url, cf.functionName, line);
  if (url.startsWith(ROOT)) url = path.relative(ROOT, url);
  url = url.replace(/^.*node_modules\//, "~/");
  return url ? `${url}:${line}` : "(native)";
}

export function summarize(files: string[], top = 30, total = false): string {
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  const incl = new Map<string, number>();
  let all = 0;
  for (const f of files) {
    const p = JSON.parse(readFileSync(f, "utf8")) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const ms = new Map<number, number>();
    p.samples.forEach((id, i) => ms.set(id, (ms.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
    for (const [id, t] of ms) {
      const n = byId.get(id)!;
      const key = `${n.callFrame.functionName || "(anonymous)"}  ${where(n.callFrame)}`;
      self.set(key, (self.get(key) ?? 0) + t);
      const file = where(n.callFrame).replace(/:\d+$/, "");
      byFile.set(file, (byFile.get(file) ?? 0) + t);
      all += t;
      if (total) {
        const seen = new Set<string>();
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
          const cn = byId.get(cur)!;
          if (!cn.callFrame.url.includes("/src/")) continue;
          const k = `${cn.callFrame.functionName || "(anonymous)"}  ${where(cn.callFrame)}`;
          if (seen.has(k)) continue;
          seen.add(k);
          incl.set(k, (incl.get(k) ?? 0) + t);
        }
      }
    }
  }
  const rank = (m: Map<string, number>, k: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, t]) => `${t.toFixed(0).padStart(7)} ms ${((100 * t) / all).toFixed(1).padStart(5)} %  ${name}`);
  return [
    `${files.length} profile(s), ${all.toFixed(0)} ms sampled`,
    "", "self time by function:", ...rank(self, top),
    "", "self time by file:", ...rank(byFile, 15),
    ...(total ? ["", "total time, project functions:", ...rank(incl, top)] : []),
  ].join("\n");
}

function main(argv: string[]) {
  const topArg = argv.indexOf("--top");
  const top = topArg >= 0 ? Number(argv[topArg + 1]) : 30;
  const inputs = argv.filter((a, i) => !a.startsWith("--") && argv[i - 1] !== "--top");
  const files = inputs.flatMap((p) =>
    statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(p, f)) : [p],
  );
  if (files.length === 0) {
    process.stderr.write("usage: tsx bench/profile-top.ts DIR_OR_FILES… [--top N] [--total]\n");
    return 2;
  }
  process.stdout.write(summarize(files, top, argv.includes("--total")) + "\n");
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
