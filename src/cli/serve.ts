/**
 * `npm start`: Eleventy's dev server on 127.0.0.1 with live reload. Watches
 * templates/, src/, seeds/ and data/ (see .eleventy.ts); the site is written to
 * .cache/serve (git-ignored), and Pagefind re-indexes it after each rebuild.
 * Options: --port N (default 8080), --seeds DIR.
 */
import { existsSync, watch } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import Eleventy from "@11ty/eleventy";

const require = createRequire(import.meta.url);

/** The dev server has no host option: make it listen on the loopback address only. */
function listenOnLoopback(): void {
  const DevServer = require("@11ty/eleventy-dev-server");
  DevServer.prototype._serverListen = function (this: { server: import("node:http").Server }, port: number) {
    this.server.listen({ port, host: "127.0.0.1" });
  };
}

/**
 * Eleventy 3.1's watcher logs a deleted file but does not rebuild: a seed removed
 * from seeds/ would stay on the site. Watch the seeds and data folders for
 * deletions and run Eleventy's own watch step for them.
 */
function rebuildOnDelete(dirs: string[], watchRun: (path: string) => Promise<void>): void {
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    watch(dir, { recursive: true }, (_event, name) => {
      if (!name) return;
      const file = path.join(dir, name.toString());
      if (!existsSync(file)) void watchRun(file).catch((e: unknown) => process.stderr.write(`revue: ${String(e)}\n`));
    });
  }
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== "--"),
    options: {
      port: { type: "string", default: "8080" },
      seeds: { type: "string", default: "seeds" },
      out: { type: "string", default: ".cache/serve" },
    },
  });
  process.env.REVUE_SEEDS = path.resolve(values.seeds!);
  listenOnLoopback();
  const elev = new Eleventy("templates", values.out!, { configPath: ".eleventy.ts", runMode: "serve", source: "cli" });
  await elev.init();
  const watchRun = (await elev.watch()) as unknown as (path: string) => Promise<void>;
  rebuildOnDelete([path.resolve(values.seeds!), path.resolve("data")], watchRun);
  await elev.serve(Number(values.port));
  process.stderr.write(`revue: http://127.0.0.1:${values.port}/ (Ctrl-C pour arrêter)\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`revue: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
