/**
 * Steps after Eleventy has written the pages: copy each seed (bytes as read)
 * next to its article, and index the site with Pagefind.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import type { SiteBuild } from "./data.js";
import { urls } from "./urls.js";

export async function copySeeds(build: SiteBuild, outDir: string): Promise<number> {
  await mkdir(path.join(outDir, "sources"), { recursive: true });
  const fileOf = new Map(build.corpus.records.map((r) => [r.id, r.source.file]));
  let n = 0;
  for (const f of build.corpus.report.files) {
    if (!f.recordId || fileOf.get(f.recordId) !== f.file) continue;
    const dest = path.join(outDir, decodeURIComponent(urls.source(f.recordId)));
    await copyFile(path.join(build.seedsDir, f.file), dest);
    n++;
  }
  return n;
}

/**
 * Pagefind over outDir (French; only elements marked data-pagefind-body are
 * indexed). Run as its CLI, a child process: the Node API's writeFiles can
 * return before its service has finished writing (files came out truncated).
 * The binary is started directly, not through the package's Node wrapper
 * (lib/runner/bin.cjs), which would hold a Node process in memory beside it.
 */
export async function indexSearch(outDir: string): Promise<{ pages: number }> {
  // The package exports only its API; the wrapper's binary look-up sits beside it.
  const lib = pathToFileURL(path.dirname(fileURLToPath(import.meta.resolve("pagefind"))) + "/");
  const { resolveBinaryPath } = (await import(new URL("resolveBinary.js", lib).href)) as {
    resolveBinaryPath: (names: string[]) => string;
  };
  const bin = resolveBinaryPath(["pagefind_extended", "pagefind"]); // the wrapper's own choice, in its order
  const { stdout } = await run(bin, ["--site", outDir, "--force-language", "fr"]);
  const m = /Indexed (\d+) pages?/.exec(stdout);
  return { pages: m ? Number(m[1]) : 0 };
}

function run(cmd: string, args: string[]): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`pagefind failed: ${stderr || err.message}`));
      else resolve({ stdout });
    });
  });
}
