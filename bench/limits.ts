/**
 * `npm run bench:limits [-- --keep]`: the per-seed budget (docs/input.md, "Limits per
 * seed": any single seed extracted in under 5 s and 500 MB), measured on the largest
 * and most hostile seeds a user could drop, each extracted alone in its own process
 * (bench/limits-child.ts) so that its time and peak memory are its own.
 *
 * Prints a table (seed, size, extraction time in the process, process wall time and
 * peak memory, within budget or not) and exits 0: the benchmark measures, the table says.
 * Timing belongs here, not in the tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_SEED_BYTES } from "../src/ingest/decode.js";
import { SEED_BUDGET as BUDGET } from "../src/corpus.js";
import { run } from "./measure.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const PARAGRAPH = "Les marines chinoise et russe ont mené des exercices conjoints en mer du Japon, a indiqué le ministère, selon lequel « ces manœuvres ne visent aucun pays tiers ». ";

/** Fill to about `bytes` with `unit`, cut on a whole unit. */
const fill = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(unit))));

/** Deterministic pseudo-random choice (no Math.random: the same seeds every run). */
function mixedMarks(count: number): string {
  const parts = ["«", "»", '"', "“", "”", "„", " ", "mot ", ", a déclaré M. Durand. "];
  let x = 12345;
  let s = "";
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += parts[x % parts.length];
  }
  return s;
}

const SEEDS: [string, () => string][] = [
  ["largest-text.txt", () => `Un titre\n\nPar Jeanne Martin, le 3 mars 2024\n\n${fill(PARAGRAPH + "\n\n", MAX_SEED_BYTES - 200)}`],
  ["largest-page.html", () => `<!doctype html><html lang="fr"><head><title>Un titre</title></head><body><article><h1>Un titre</h1>${fill(`<p>${PARAGRAPH}</p>\n`, MAX_SEED_BYTES - 300)}</article></body></html>`],
  ["transcript-one-paragraph.txt", () => fill("« Bonjour à tous », a déclaré Vladimir Poutine lors de la réunion. ", 800_000)],
  ["mixed-quotation-marks.txt", () => mixedMarks(200_000)],
  ["one-long-line.txt", () => fill("mot ", 4_000_000)],
  ["many-short-lines.txt", () => fill("Ligne.\n", 4_000_000)],
];

async function main(argv: string[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "revue-limits-"));
  const rows: string[] = [];
  let over = 0;
  for (const [name, make] of SEEDS) {
    const file = path.join(dir, name);
    writeFileSync(file, make());
    process.stderr.write(`bench:limits: ${name}\n`);
    const m = await run(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/limits-child.ts"), file], { cwd: ROOT });
    const child = m.code === 0 ? (JSON.parse(m.stdout) as { bytes: number; extractS: number; quotes: number }) : null;
    const ok = child !== null && child.extractS <= BUDGET.seconds && m.peakTreeMB <= BUDGET.memoryMb;
    if (!ok) over++;
    const mb = (n: number) => (n / 1024 / 1024).toFixed(2);
    rows.push(
      `| ${name} | ${child ? mb(child.bytes) : "?"} MB | ${child ? child.extractS.toFixed(2) : `failed (${m.stderr.trim().split("\n").pop()})`} s | ${m.wallS.toFixed(2)} s | ${m.peakTreeMB.toFixed(0)} MB | ${child?.quotes ?? "–"} | ${ok ? "yes" : "**no**"} |`,
    );
  }
  if (!argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  process.stdout.write(
    [
      `Per-seed budget: ${BUDGET.seconds} s and ${BUDGET.memoryMb} MB (extraction of one seed, alone in its process)`,
      "",
      "| seed | size | extraction | process wall | process peak | quotations | within budget |",
      "|---|---|---|---|---|---|---|",
      ...rows,
      "",
      over ? `${over} of ${SEEDS.length} seeds over budget` : `all ${SEEDS.length} seeds within budget`,
      "",
    ].join("\n"),
  );
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`bench:limits: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
