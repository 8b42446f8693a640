/**
 * Eleventy configuration: wiring only. The site's one global data, `site`, is
 * the model of src/site/data.ts (loadSite); formatting from src/site/filters.ts,
 * post-build steps from src/site/after-build.ts.
 *
 * It lives in src/ so that it is compiled with the rest (scripts/run.mjs):
 * `npm run build` and `npm start` run without tsx. .eleventy.ts re-exports it
 * for Eleventy's own command line (under tsx).
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { HtmlBasePlugin } from "@11ty/eleventy";
import rssPlugin from "@11ty/eleventy-plugin-rss";
import siteFilters from "./filters.js";
import {
  assertNotLinked,
  copySeeds,
  indexSearch,
  linkEarly,
  makePageFolders,
  SEARCH_RANK,
  SEARCH_READY,
  SOURCES_ELSEWHERE,
  sourceJobs,
  watchSearchBuckets,
  type EarlyLinks,
  type SearchBucket,
  type SourceJob,
} from "./after-build.js";
import { lastBuild, loadSite, siteEnv } from "./data.js";
import { finishRender, type WrittenPage } from "./incremental.js";
import { stripNonXmlChars } from "./escape.js";
import { cacheCompiledTemplates, packagesDigest, type NunjucksLibrary } from "./template-cache.js";
import { codeFingerprint } from "./view-cache.js";
import { timing } from "./progress.js";

/** Passthrough copies: input folder → output folder. */
const PASSTHROUGH = { "templates/assets": "assets" };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export default function (eleventyConfig: any) {
  // read again at every build and every rebuild of the dev server
  // the folders of the pages to write, made on other threads while Eleventy renders (after-build.ts)
  let outputDir: string | null = null;
  let folders: Promise<void> | null = null;
  eleventyConfig.on("eleventy.before", ({ directories }: { directories: { output: string } }) => {
    outputDir = directories.output;
  });
  // the search buckets whose pages are all written, handed to the build while Eleventy renders the others
  let search: Awaited<ReturnType<typeof watchSearchBuckets>> = null;
  // the seed copies, made by the build's own process while this one builds the site model (src/cli/build.ts)
  let copiesElsewhere = false;
  // the pages taken from the previous build, linked while Eleventy renders the others (after-build.ts, linkEarly)
  let early: EarlyLinks | null = null;
  eleventyConfig.addGlobalData("site", async () => {
    const sourcesTo = (globalThis as Record<symbol, ((jobs: SourceJob[], seedsDir: string) => void) | undefined>)[SOURCES_ELSEWHERE];
    copiesElsewhere = sourcesTo !== undefined;
    const model = await loadSite(process.env, sourcesTo && ((corpus, seedsDir) => sourcesTo(sourceJobs(corpus), seedsDir)));
    const plan = lastBuild()?.plan;
    const { previousDir, inPlace } = siteEnv();
    if (plan && outputDir) {
      folders = makePageFolders(plan, outputDir);
      early = previousDir && !inPlace && path.resolve(previousDir) !== path.resolve(outputDir) && plan.reuse.length
        ? linkEarly(plan, previousDir, outputDir, Object.values(PASSTHROUGH))
        : null;
    }
    const ready = (globalThis as Record<symbol, ((b: SearchBucket) => void) | undefined>)[SEARCH_READY];
    search = plan && outputDir && ready && !inPlace ? await watchSearchBuckets(plan, outputDir, previousDir, ready, early) : null;
    // article pages in bucket order (templates/article.11tydata.js): the buckets fill one after the other
    (globalThis as Record<symbol, unknown>)[SEARCH_RANK] = search?.rank;
    return Object.freeze(model); // frozen: Eleventy then neither copies it into each template's data nor wraps it in a new proxy at each site.… lookup of a page (render: 15 % fewer instructions)
  });
  // Nunjucks's compiled templates kept in the cache folder between builds (src/site/template-cache.ts)
  eleventyConfig.on("eleventy.engine.njk", ({ nunjucks }: { nunjucks: NunjucksLibrary }) => {
    const { cacheDir } = siteEnv();
    if (cacheDir) cacheCompiledTemplates(nunjucks, cacheDir, packagesDigest(process.cwd()), codeFingerprint());
  });
  eleventyConfig.addWatchTarget("src/");
  // the dev server (src/cli/serve.ts) watches the seeds folder itself: REVUE_WATCH_SEEDS=revue
  if (process.env.REVUE_WATCH_SEEDS !== "revue") eleventyConfig.addWatchTarget(process.env.REVUE_SEEDS ? `${process.env.REVUE_SEEDS}/` : "seeds/");
  eleventyConfig.addWatchTarget("data/");
  // a saved file is already waited for until its size holds (Eleventy's watcher, 150 ms): a short batch window only
  eleventyConfig.setWatchThrottleWaitTime(50);

  eleventyConfig.addPlugin(HtmlBasePlugin);
  // The RSS plugin's filters (absoluteUrl, dateToRfc3339) serve our own Atom template.
  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.addPlugin(siteFilters);
  // Last transform (a plugin's transforms are added when it runs, so this one is added after the
  // typography transform of siteFilters): in a build, each page's final text as UTF-8 bytes. Eleventy
  // keeps every page's output until the build ends (its render cache and the results it returns);
  // as a string most pages are two bytes a character (’, « »…), as bytes about one: 0.22 GB less at
  // the peak of the 10,000-article build. The same bytes are written. The dev server keeps strings
  // (its live reload reads them).
  // It also tells the search buckets' watch which page is about to be written, and how long it is.
  eleventyConfig.addPlugin((config: { addTransform: (name: string, fn: (this: { outputPath: unknown }, content: unknown) => unknown) => void }) =>
    config.addTransform("revue-utf8", async function (content) {
      // a page written over one linked from the previous build would write into that build's file
      if (early && outputDir && typeof this.outputPath === "string") assertNotLinked(early, outputDir, this.outputPath);
      if (typeof content !== "string" || process.env.ELEVENTY_RUN_MODE !== "build") return content;
      const bytes = Buffer.from(content);
      if (search && typeof this.outputPath === "string") await search.written(this.outputPath, bytes.length);
      return bytes;
    }),
  );
  eleventyConfig.addPassthroughCopy(PASSTHROUGH);
  eleventyConfig.setQuietMode(true);
  // feed.xml, sitemap.xml: a character XML forbids (U+FFFF in a headline, a stray control) would make the file unreadable
  eleventyConfig.addTransform("xml-chars", (content: string, outputPath: string | false) =>
    typeof outputPath === "string" && outputPath.endsWith(".xml") ? stripNonXmlChars(content) : content,
  );

  // After each build (and each rebuild of `npm start`): the pages not rendered this time taken
  // from the previous build and the new page manifest (src/site/incremental.ts), seed copies,
  // and the search index when serving (the build CLI indexes its temp folder itself).
  eleventyConfig.on("eleventy.after", async ({ directories, runMode, results }: { directories: { output: string }; runMode: string; results: WrittenPage[] }) => {
    await folders;
    folders = null;
    delete (globalThis as Record<symbol, unknown>)[SEARCH_RANK];
    const watch = search;
    search = null;
    const linked = early;
    early = null;
    const build = lastBuild();
    try {
      if (!build) return;
      timing("pages rendues par Eleventy");
      const { previousDir } = siteEnv();
      // a bucket waiting for the pages linked early is handed over when they are
      await finishRender(build.plan, results, directories.output, previousDir, linked);
      timing("pages reprises liées, manifeste écrit");
    } finally {
      watch?.stop(); // every page is there: what is not handed over yet is left to indexSearch
    }
    const { previousDir, inPlace } = siteEnv();
    // in place (the dev server): every copy is written again below, and a removed seed's must go
    if (inPlace) await rm(path.join(directories.output, "sources"), { recursive: true, force: true });
    // copies linked from the previous site, unless the build writes into it
    if (!copiesElsewhere) {
      await copySeeds(build, directories.output, undefined, inPlace || previousDir === path.resolve(directories.output) ? null : previousDir);
      timing("sources copiées");
    }
    if (runMode !== "build" && process.env.REVUE_NO_SEARCH !== "1") await indexSearch(directories.output, previousDir);
  });

  return {
    dir: { input: "templates", includes: "_includes", data: "_data" },
    pathPrefix: process.env.PATH_PREFIX || "/",
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
  };
}
