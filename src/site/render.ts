/**
 * The page-writing half of `npm run build`, run by src/cli/build.ts in a child
 * process: seeds → records → Eleventy pages → seed copies (.eleventy.ts), into the folder given
 * as argument (REVUE_SEEDS and REVUE_CACHE in the environment). The summary goes
 * back to the parent over IPC. When this process exits, the memory Eleventy and
 * the records held is returned, so Pagefind (started next by the parent) never
 * runs beside them: the build's peak is the larger of the two, not their sum.
 */
import Eleventy from "@11ty/eleventy";
import { lastBuild } from "./data.js";

export interface RenderSummary {
  files: number;
  records: number;
  fromCache: number;
  extracted: number;
  warnings: number;
  /** Pages rendered, and taken from the previous build unchanged (src/site/incremental.ts). */
  rendered: number;
  reused: number;
}

export type RenderMessage = { ok: true; summary: RenderSummary } | { ok: false; error: string };

async function render(outDir: string): Promise<RenderSummary> {
  const elev = new Eleventy("templates", outDir, { configPath: ".eleventy.ts", quietMode: true, runMode: "build" });
  await elev.write(); // the config's eleventy.after step copies the seeds
  const built = lastBuild();
  if (!built) throw new Error("the site data was never loaded (templates/_data/site.ts)");
  const { report, records } = built.corpus;
  return {
    files: report.files.length,
    records: records.length,
    fromCache: report.fromCache,
    extracted: report.extracted,
    warnings: report.files.reduce((n, f) => n + f.warnings.length, 0),
    rendered: built.plan.counts.render + built.plan.counts.always,
    reused: built.plan.counts.reuse,
  };
}

const send = (m: RenderMessage) =>
  new Promise<void>((resolve) => (process.send ? process.send(m, () => resolve()) : resolve()));

render(process.argv[2]!).then(
  (summary) => send({ ok: true, summary }),
  (err: unknown) => {
    process.exitCode = 1;
    return send({ ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  },
);
