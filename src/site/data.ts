/**
 * The site's global data `site` (src/site/eleventy-config.ts): the corpus read from REVUE_SEEDS (with
 * the cache in REVUE_CACHE) turned into the site model. The last result is also
 * left on globalThis for the build CLI and the config's after-build step
 * (Eleventy loads data files in their own module instance).
 */
import { rename } from "node:fs/promises";
import path from "node:path";
import { currentYear, loadCorpus, type Corpus } from "../corpus.js";
import { buildSite, viewKey, type SiteModel } from "./model.js";
import { createProgress, timing } from "./progress.js";
import type { RenderPlan } from "./incremental.js";
import { recordDigest } from "../record-digest.js";

export interface SiteBuild {
  seedsDir: string;
  corpus: Corpus;
  model: SiteModel;
  plan: RenderPlan;
}

const KEY = Symbol.for("revue.site.lastBuild");

export function lastBuild(): SiteBuild | undefined {
  return (globalThis as Record<symbol, SiteBuild | undefined>)[KEY];
}

export function siteEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    seedsDir: path.resolve(env.REVUE_SEEDS || "seeds"),
    cacheDir: env.REVUE_CACHE === "" ? null : path.resolve(env.REVUE_CACHE || ".cache/records"),
    siteUrl: (env.SITE_URL || "https://revue.example").replace(/\/+$/, ""),
    pathPrefix: env.PATH_PREFIX || "/",
    quiet: env.REVUE_QUIET === "1",
    /** The previous build's folder, to take unchanged pages from (none: render every page). */
    previousDir: env.REVUE_PREVIOUS ? path.resolve(env.REVUE_PREVIOUS) : null,
    /** The build writes into that same folder (the dev server). */
    inPlace: env.REVUE_IN_PLACE === "1",
  };
}

/** `onCorpus`: called with the records as soon as they are ready, before the model is built (the build copies the seeds meanwhile). */
export async function loadSite(env: NodeJS.ProcessEnv = process.env, onCorpus?: (corpus: Corpus, seedsDir: string) => void): Promise<SiteModel> {
  timing("lecture des sources");
  const cfg = siteEnv(env);
  const progress = createProgress(process.stderr, cfg.quiet);
  const corpus = await loadCorpus({
    paths: [cfg.seedsDir],
    cacheDir: cfg.cacheDir,
    latestYear: currentYear(),
    // records of unchanged seeds from the seed index (src/seed-index.ts); --full (no previous build) reads every seed
    index: { trustTimes: cfg.previousDir !== null },
    onProgress: (done, total) => progress.step("lecture des fichiers", done, total),
    onWarning: (file, message) => progress.line(`revue: avertissement: ${file}: ${message}`),
  });
  progress.end();
  timing("fiches prêtes (cache, extraction, événements)");
  onCorpus?.(corpus, cfg.seedsDir);
  const model = buildSite(corpus, { siteUrl: cfg.siteUrl, pathPrefix: cfg.pathPrefix });
  timing("modèle du site construit");
  const plan = await planRender(model, corpus.records, cfg);
  timing(`plan : ${plan.counts.render + plan.counts.always} pages à écrire, ${plan.counts.reuse} à reprendre`);
  (globalThis as Record<symbol, SiteBuild | undefined>)[KEY] = { seedsDir: cfg.seedsDir, corpus, model, plan };
  return model;
}

/**
 * What the page plan need not walk (planPages' `known`): the records (the report's pages show them
 * whole) by their digest (src/record-digest.ts), and the views of articles, quotations and events by
 * the key of what each is made from (model.ts viewKey: an article's by the key of its rendered text
 * among the rest, so that the plan never reads that text: src/site/view-cache.ts).
 */
export function planDigests(model: SiteModel, records: Corpus["records"]): [object, string][] {
  const known = records.map((r): [object, string] => [r, recordDigest(r)]);
  // an article's view, its quotations' and an event's by the key of what they are made from (model.ts viewKey): not walked at all
  for (const v of [...model.articles, ...model.articles.flatMap((a) => a.quotes), ...model.events]) {
    const key = viewKey(v);
    if (key) known.push([v, `v${key}`]);
  }
  return known;
}

/** Which pages to render and which to take from the previous build (src/site/incremental.ts). */
async function planRender(model: SiteModel, records: Corpus["records"], cfg: ReturnType<typeof siteEnv>): Promise<RenderPlan> {
  const inc = await import("./incremental.js");
  // the project being built (Eleventy reads templates/ from there too), whether this code runs compiled or not
  const root = process.cwd();
  const entries = await inc.readManifest(cfg.previousDir);
  if (cfg.inPlace && cfg.previousDir) {
    // pages are about to be rewritten in place: until the new manifest is written, none is known good
    // (a server stopped mid-render starts with a full render); the old list says which files to remove
    const manifest = path.join(cfg.previousDir, inc.PAGES_MANIFEST);
    await rename(manifest, `${manifest}.previous`).catch(() => undefined);
  }
  const known = planDigests(model, records);
  const fingerprint = inc.buildFingerprint(root);
  const templates = await inc.analyseTemplatesKept(root, fingerprint, cfg.cacheDir);
  const plan = inc.planPages(model, templates, fingerprint, { dir: cfg.previousDir, entries }, known);
  // the articles of one event share a search bucket: a new article of an event changes the pages of that
  // event's articles (their "other articles" count), and re-indexes one bucket, not one per article
  plan.searchGroups = Object.fromEntries(model.articles.map((a) => [a.id, a.event ? `event ${a.event.id}` : `article ${a.id}`]));
  inc.setRenderPlan(plan);
  return plan;
}
