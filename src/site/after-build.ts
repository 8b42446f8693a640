/**
 * Steps after Eleventy has written the pages: copy each seed (bytes as read)
 * next to its article, and index the site with Pagefind.
 */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { SiteBuild } from "./data.js";
import { urls } from "./urls.js";

export async function copySeeds(build: SiteBuild, outDir: string): Promise<number> {
  await mkdir(path.join(outDir, "sources"), { recursive: true });
  let n = 0;
  for (const f of build.corpus.report.files) {
    if (!f.recordId || !build.corpus.records.some((r) => r.id === f.recordId && r.source.file === f.file)) continue;
    const dest = path.join(outDir, decodeURIComponent(urls.source(f.recordId)));
    await copyFile(path.join(build.seedsDir, f.file), dest);
    n++;
  }
  return n;
}

/** Pagefind over outDir (French; only elements marked data-pagefind-body are indexed). */
export async function indexSearch(outDir: string): Promise<{ pages: number }> {
  const pagefind = await import("pagefind");
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "fr" });
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
  try {
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length) throw new Error(`pagefind: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: path.join(outDir, "pagefind") });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}
