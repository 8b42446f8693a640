/**
 * `npm run build -- [--seeds DIR] [--out DIR] [--cache DIR] [--strict] [--no-search]`
 *
 * seeds → records (src/corpus.ts, through src/site/data.ts) → Eleventy
 * pages → seed copies → Pagefind index, all in a temporary folder beside the
 * output, swapped in at the end: a failed build leaves the previous site intact.
 * Progress and warnings on stderr; the summary on stdout.
 *
 * Only the pages whose inputs changed are rendered; the others are linked from
 * the previous output (src/site/incremental.ts; --full renders them all).
 *
 * Above inProcessMax() seed files the pages are written by a child process
 * (src/site/render.ts) that exits before most of Pagefind's runs: the records and
 * Eleventy's pages are out of memory while Pagefind indexes with a lane per core.
 * Below, the pages are written in this process: a second Node and TypeScript
 * start-up would cost more than the memory saved.
 *
 * Pagefind starts while Eleventy still writes: each search bucket whose article
 * pages are all written is indexed then, one at a time (Eleventy renders on one
 * core, Pagefind on the other; src/site/after-build.ts, watchSearchBuckets and
 * SearchRuns), the rest once the pages are all written.
 */
import { fork } from "node:child_process";
import { readdir, rename, rm, mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { copySources, exists, indexSearch, SearchRuns, type SearchBucket, type SourceJob } from "../site/after-build.js";
import { count, summaryLine, type BuildSummary } from "./build-summary.js";
import { startLauncher } from "../site/launcher.js";
import { startRemover, type Remover } from "../remover.js";
import { createProgress, timing } from "../site/progress.js";
import type { RenderMessage, RenderSummary } from "../site/render.js";

const USAGE = "usage: npm run build -- [--seeds DIR] [--out DIR] [--cache DIR] [--strict] [--no-search] [--full]";

/** render.ts under tsx, render.js in the compiled copy (scripts/run.mjs): the child runs as this process does. */
const COMPILED = import.meta.url.endsWith(".js");
const RENDER = new URL(`../site/render.${COMPILED ? "js" : "ts"}`, import.meta.url);
/** Seed files up to which the pages are written in this process (see above): 2,000, or REVUE_IN_PROCESS_MAX (for the tests of the other path). */
function inProcessMax(value = process.env.REVUE_IN_PROCESS_MAX): number {
  if (!value) return 2000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`REVUE_IN_PROCESS_MAX : « ${value} » n’est pas un nombre entier de fichiers`);
  return n;
}

/** Whether `dir` holds more than `max` files (counting stops there). */
async function moreFilesThan(dir: string, max: number): Promise<boolean> {
  let n = 0;
  const walk = async (d: string): Promise<boolean> => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory() ? await walk(path.join(d, e.name)) : ++n > max) return true;
    }
    return false;
  };
  return walk(dir);
}

/**
 * Write the pages into `outDir`: in this process for a small corpus, in a child process for a large one.
 * `search`: where the search buckets whose pages are written go, to be indexed while the others are written.
 * The seed copies are made by this process in both cases. In this process, they start once the pages
 * are written (beside the render they would slow it: it seldom lets the event loop run) and are pushed
 * on `copying`, for the caller to await after the search index: the Pagefind runs started after the
 * render (a cold build's last buckets) do not wait for them.
 */
async function renderPages(outDir: string, inProcess: boolean, search: SearchRuns | null, copying: Promise<unknown>[]): Promise<RenderSummary> {
  const onBucket = search ? (bucket: SearchBucket) => void search.add(bucket) : undefined;
  if (inProcess) {
    const { renderSite } = await import("../site/render.js");
    let sources: { jobs: SourceJob[]; seedsDir: string } | null = null;
    const summary = await renderSite(outDir, onBucket, (jobs, seedsDir) => (sources = { jobs, seedsDir }));
    if (sources) {
      // started once the pages are written (not beside the render, which they would slow), with its plan's fingerprint
      const { lastBuild } = await import("../site/data.js");
      const { jobs, seedsDir } = sources as { jobs: SourceJob[]; seedsDir: string };
      const copies = copySourcesHere(jobs, seedsDir, outDir, lastBuild()!.plan.fingerprint);
      copies.catch(() => undefined); // reported when awaited (build), not as unhandled now
      copying.push(copies);
    }
    return summary;
  }
  return new Promise((resolve, reject) => {
    // the child's stdout (Eleventy's own "[11ty] Wrote N files") goes to stderr: stdout carries only our summary
    const child = fork(RENDER, [outDir], {
      execArgv: COMPILED ? [] : ["--import", import.meta.resolve("tsx")],
      stdio: ["ignore", 2, "inherit", "ipc"],
      env: { ...process.env, REVUE_RENDER_CHILD: "1", REVUE_RENDER_SEARCH: onBucket ? "1" : "0" },
    });
    let message: Extract<RenderMessage, { ok: boolean }> | undefined;
    // the seed copies, made here (on the other core) while the child builds the site model
    let copies: Promise<unknown> = Promise.resolve();
    child.on("message", (m: RenderMessage) => {
      if ("bucket" in m) onBucket?.(m.bucket);
      else if ("sources" in m) {
        copies = copySourcesHere(m.sources, m.seedsDir, outDir);
        copies.catch(() => undefined); // reported when the child has ended (below), not as unhandled now
      }
      else message = m;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      // settled before the build goes on, or removes outDir
      // the child's own failure first: a copy that failed beside it is the lesser news
      const childFailure = message?.ok && code === 0 ? null
        : new Error(message && !message.ok ? message.error : `the page-writing process stopped (${signal ?? `exit code ${code}`})`);
      copies.then(
        () => (childFailure ? reject(childFailure) : resolve((message as { summary: RenderSummary }).summary)),
        (err: unknown) => reject(childFailure ?? err),
      );
    });
  });
}

/** The seed copies (after-build.ts, copySources); the render child's with the fingerprint its plan has (the same files, read from here). */
async function copySourcesHere(jobs: SourceJob[], seedsDir: string, outDir: string, fingerprint?: string): Promise<void> {
  const { buildFingerprint } = await import("../site/incremental.js");
  const previous = process.env.REVUE_PREVIOUS ? path.resolve(process.env.REVUE_PREVIOUS) : null;
  await copySources(jobs, seedsDir, outDir, fingerprint ?? buildFingerprint(process.cwd()), undefined, previous);
  timing("sources copiées");
}

/** `old` removed after the build has ended, by `remover` (src/remover.ts); in this process if there is none or it has gone. */
async function removeLater(old: string, remover: Remover | null): Promise<void> {
  if (remover) {
    try {
      return await remover.give(old);
    } catch {
      // removed below
    }
  }
  await rm(old, { recursive: true, force: true });
}

/**
 * Move `tmp` to `out`: the old `out` is renamed away first (`.old`: a build killed
 * between the two renames gets it back), then removed — by a detached process,
 * once the new site is in place, so that the build does not wait for thousands of
 * unlinks (README, "How rebuilds work").
 */
async function swapIn(tmp: string, out: string, remover: Remover | null): Promise<void> {
  const old = `${tmp}.old`;
  const had = await exists(out);
  if (had) await rename(out, old);
  try {
    await rename(tmp, out);
  } catch (err) {
    if (had) await rename(old, out);
    throw err;
  }
  if (had) await removeLater(old, remover);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, another user's
  }
}

/**
 * What an interrupted build left beside `out` (`.dist.tmp-PID`, `.dist.tmp-PID.old`
 * of a process that no longer runs): a build killed between the two renames of
 * the swap left no `out` but the previous site as `.old`, which is put back;
 * the rest is removed. Folders of a build still running are left alone.
 */
async function cleanLeftovers(out: string, log: (line: string) => void): Promise<void> {
  const dir = path.dirname(out);
  const prefix = `.${path.basename(out)}.tmp-`;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(prefix)).sort();
  const stale = names.filter((n) => {
    const pid = Number(/^(\d+)/.exec(n.slice(prefix.length))?.[1]);
    return !(pid > 0 && pid !== process.pid && alive(pid));
  });
  let old = stale.find((n) => n.endsWith(".old"));
  if (old && !(await exists(out))) {
    await rename(path.join(dir, old), out);
    log(`revue: ${path.basename(out)}/ manquait (construction interrompue pendant l'échange) : site précédent rétabli depuis ${old}`);
  } else old = undefined;
  for (const n of stale) {
    if (n === old) continue; // put back as `out`
    await rm(path.join(dir, n), { recursive: true, force: true });
    if (n.endsWith(".trash")) log(`revue: ancien site dont la suppression a été interrompue supprimé : ${n}`);
    else log(`revue: dossier temporaire d'une construction interrompue supprimé : ${n}`);
  }
}

export async function build(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== "--"),
    options: {
      seeds: { type: "string", default: "seeds" },
      out: { type: "string", default: "dist" },
      cache: { type: "string", default: ".cache/records" },
      strict: { type: "boolean", default: false },
      "no-search": { type: "boolean", default: false },
      full: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const out = path.resolve(values.out!);
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.tmp-${process.pid}`);
  process.env.REVUE_SEEDS = path.resolve(values.seeds!);
  process.env.REVUE_CACHE = path.resolve(values.cache!);
  // unchanged pages are taken from the site there (README, "How rebuilds work"); --full renders every page
  if (values.full) delete process.env.REVUE_PREVIOUS;
  else process.env.REVUE_PREVIOUS = out;
  delete process.env.REVUE_IN_PLACE;
  const progress = createProgress();
  timing("début de la construction");

  if (!(await exists(process.env.REVUE_SEEDS))) {
    process.stderr.write(`revue: dossier des sources introuvable : ${values.seeds}\n${USAGE}\n`);
    return 2;
  }
  // a build is meant for deployment (`npm start` does not come here): without SITE_URL its feeds, sitemap and
  // canonical links would give the placeholder address. Said, not fatal (nor counted by --strict): docs/site.md, "Addresses".
  if (!process.env.SITE_URL) {
    progress.line("revue: avertissement : SITE_URL n'est pas défini, les adresses absolues (flux, plan du site, liens canoniques) seront en https://revue.example ; pour un site en ligne : SITE_URL=https://exemple.fr npm run build");
  }
  await mkdir(path.dirname(out), { recursive: true });
  await cleanLeftovers(out, (line) => progress.line(line));
  await rm(tmp, { recursive: true, force: true });
  // the previous site's remover, started while this process is small (none for a first build)
  const remover = (await exists(out)) ? startRemover(path.dirname(out), `.${path.basename(out)}.tmp-`) : null;
  const inProcess = !(await moreFilesThan(process.env.REVUE_SEEDS, inProcessMax()));
  // Pagefind's runs over tmp, started while the pages are written; when this process renders (and so
  // grows), started by a launcher process started now: a fork from a large process is slow (launcher.ts)
  const launcher = inProcess && !values["no-search"] ? startLauncher() : null;
  const search = values["no-search"] ? null : new SearchRuns(tmp, 1, launcher?.run);
  // the seed copies still being made (renderPages): settled before tmp is removed or moved
  const copying: Promise<unknown>[] = [];
  try {
    progress.line("revue: lecture des sources et écriture des pages…");
    const rendered = await renderPages(tmp, inProcess, search, copying);
    timing(search ? `pages écrites (index de recherche : ${search.counts.ended} parties faites, ${search.counts.started - search.counts.ended} en cours)` : "pages écrites");
    let pages = 0;
    let indexed = 0;
    if (search) {
      progress.line("revue: index de recherche (Pagefind)…");
      ({ pages, indexed } = await indexSearch(tmp, process.env.REVUE_PREVIOUS ?? null, search));
    }
    await Promise.all(copying);
    const { warnings } = rendered;
    // --strict: a build with warnings fails like any other, so the previous site stays.
    if (values.strict && warnings > 0) {
      await rm(tmp, { recursive: true, force: true });
      process.stderr.write(`revue: --strict : ${count(warnings, "avertissement", "avertissements")}, le site précédent est conservé\n`);
      return 1;
    }
    // Nothing could be built from a folder that is not empty (every seed unreadable, vanished…):
    // an empty site must not replace the one there.
    if (rendered.records === 0 && warnings > 0 && (await exists(out))) {
      await rm(tmp, { recursive: true, force: true });
      process.stderr.write(`revue: aucune fiche n'a pu être construite (${count(rendered.files, "fichier", "fichiers")}, ${count(warnings, "avertissement", "avertissements")}) : le site précédent est conservé\n`);
      return 1;
    }
    if (!values["no-search"]) timing("index de recherche écrit");
    await swapIn(tmp, out, remover);
    timing("site en place");

    const summary: BuildSummary = { ...rendered, pages };
    process.stdout.write(summaryLine(summary, values["no-search"] ? null : { indexed }, path.relative(process.cwd(), out) || "."));
    return 0;
  } catch (err) {
    await Promise.allSettled(copying);
    await search?.abort(); // none still writing into tmp
    await rm(tmp, { recursive: true, force: true });
    throw err;
  } finally {
    remover?.end(); // it has what it was given (or nothing): it ends once that is removed
    await launcher?.close();
    timing("lanceur fermé");
  }
}

// REVUE_TIMING=1: how long the process takes to end once the build has returned (handles left open)
process.once("exit", () => timing("fin du processus"));
build(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`revue: la construction a échoué : ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
