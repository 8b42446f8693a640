/**
 * What templates/_data/site.ts returns: the corpus read from REVUE_SEEDS (with
 * the cache in REVUE_CACHE) turned into the site model. The last result is also
 * left on globalThis for the build CLI and the config's after-build step
 * (Eleventy loads data files in their own module instance).
 */
import path from "node:path";
import { currentYear, loadCorpus, type Corpus } from "../corpus.js";
import { buildSite, type SiteModel } from "./model.js";
import { createProgress } from "./progress.js";

export interface SiteBuild {
  seedsDir: string;
  corpus: Corpus;
  model: SiteModel;
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
  };
}

export async function loadSite(env: NodeJS.ProcessEnv = process.env): Promise<SiteModel> {
  const cfg = siteEnv(env);
  const progress = createProgress(process.stderr, cfg.quiet);
  const corpus = await loadCorpus({
    paths: [cfg.seedsDir],
    cacheDir: cfg.cacheDir,
    latestYear: currentYear(),
    onProgress: (done, total) => progress.step("lecture des fichiers", done, total),
    onWarning: (file, message) => progress.line(`revue: avertissement: ${file}: ${message}`),
  });
  progress.end();
  const model = buildSite(corpus, { siteUrl: cfg.siteUrl, pathPrefix: cfg.pathPrefix });
  (globalThis as Record<symbol, SiteBuild | undefined>)[KEY] = { seedsDir: cfg.seedsDir, corpus, model };
  return model;
}
