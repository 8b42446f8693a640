/**
 * The page-writing half of `npm run build`: seeds → records → Eleventy pages →
 * seed copies (src/site/eleventy-config.ts), into the folder given (REVUE_SEEDS, REVUE_CACHE,
 * REVUE_PREVIOUS in the environment).
 *
 * src/cli/build.ts calls renderSite() in its own process for a small corpus, and
 * runs this file as a child process for a large one (REVUE_RENDER_CHILD=1, the
 * summary back over IPC): when the child exits, the memory Eleventy and the
 * records held is returned, so most of Pagefind's runs (started by the parent) do
 * not run beside them. While the child renders, the parent indexes the search
 * buckets whose pages are written, one at a time (on the other core), and it copies
 * the seeds while the child builds the site model.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SEARCH_READY, settleBackground, SOURCES_ELSEWHERE, type SearchBucket, type SourceJob } from "./after-build.js";
import { lastBuild } from "./data.js";

/** Eleventy's configuration, src/site/eleventy-config: its .ts under tsx, its compiled .js otherwise (scripts/run.mjs). */
export function eleventyConfigPath(): string {
  const here = fileURLToPath(import.meta.url);
  return path.join(path.dirname(here), `eleventy-config${path.extname(here)}`);
}

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

/** From the child: a search bucket whose pages are written (see watchSearchBuckets), then the outcome. */
export type RenderMessage =
  | { bucket: SearchBucket }
  | { sources: SourceJob[]; seedsDir: string }
  | { ok: true; summary: RenderSummary }
  | { ok: false; error: string };

/**
 * `onBucket`: called with each search bucket whose pages are all written, while Eleventy renders the others.
 * `onSources`: called with the seed copies to make as soon as the records are ready; the caller makes them
 * (none are made here then).
 */
export async function renderSite(
  outDir: string,
  onBucket?: (bucket: SearchBucket) => void,
  onSources?: (jobs: SourceJob[], seedsDir: string) => void,
): Promise<RenderSummary> {
  // Eleventy registers a module-resolution hook (cache busting for its watch mode) that, on Node < 22.15,
  // runs on a loader thread every later import waits for (our site modules, 0.2–0.3 s CPU); a one-shot build
  // re-imports nothing. Set before Eleventy is first imported (its config imports it too); the dev server keeps it.
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
  const { default: Eleventy } = await import("@11ty/eleventy");
  const elev = new Eleventy("templates", outDir, { configPath: eleventyConfigPath(), quietMode: true, runMode: "build" });
  // Eleventy's own lines ("[11ty] Wrote N files") on stderr: stdout carries only the build's summary
  const toStderr = (m: unknown) => void process.stderr.write(`${String(m)}\n`);
  elev.logger.overrideLogger({ log: toStderr, info: toStderr, warn: toStderr, error: toStderr } as unknown as Console);
  const slot = globalThis as Record<symbol, unknown>;
  slot[SEARCH_READY] = onBucket;
  slot[SOURCES_ELSEWHERE] = onSources;
  try {
    await elev.write(); // the config's eleventy.after step links unchanged pages and copies the seeds
  } catch (err) {
    // a failed render's folder is removed next (by the build): nothing may still be making folders or links in it
    await settleBackground();
    throw err;
  } finally {
    delete slot[SEARCH_READY];
    delete slot[SOURCES_ELSEWHERE];
  }
  const built = lastBuild();
  if (!built) throw new Error("the site data was never loaded (src/site/eleventy-config.ts)");
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

if (process.env.REVUE_RENDER_CHILD === "1" && process.send) {
  const send = (m: RenderMessage) => new Promise<void>((resolve) => process.send!(m, () => resolve()));
  // buckets go to the parent, which runs Pagefind on them while this process renders
  // and so do the seed copies, made there while this process builds the site model
  renderSite(
    process.argv[2]!,
    process.env.REVUE_RENDER_SEARCH === "1" ? (bucket) => process.send!({ bucket } satisfies RenderMessage) : undefined,
    (sources, seedsDir) => process.send!({ sources, seedsDir } satisfies RenderMessage),
  ).then(
    (summary) => send({ ok: true, summary }),
    (err: unknown) => {
      process.exitCode = 1;
      return send({ ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) });
    },
  );
}
