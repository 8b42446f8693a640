/**
 * `npm start`: Eleventy's dev server on 127.0.0.1 with live reload. Eleventy watches
 * templates/, src/ and data/ (see src/site/eleventy-config.ts), this file the seeds
 * folder (watchSeeds); the site is written to
 * .cache/serve (git-ignored), and Pagefind re-indexes it after each rebuild.
 * Each rebuild renders only the pages whose inputs changed (src/site/incremental.ts)
 * and re-indexes only the search buckets that hold them; an article's text is rendered
 * to HTML only when its record changed (src/site/view-cache.ts, kept in memory).
 * Options: --port N (default 8080), --seeds DIR.
 *
 * Every request is checked first (src/site/dev-guard.ts): loopback Host header,
 * GET/HEAD, a path that decodes and stays inside the output folder. The dev
 * server's own checks let `/%` crash it and `/..%2fNAME-secret%2fx` read a
 * sibling folder (docs/upstream-dev-server.md).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import Eleventy from "@11ty/eleventy";
import { DEFAULT_CACHE_DIR } from "../cache.js";
import { checkRequest, isLoopbackHost, isLoopbackOrigin } from "../site/dev-guard.js";
import { watchSeeds } from "./watch-seeds.js";

const require = createRequire(import.meta.url);

interface DevServerInstance {
  server: import("node:http").Server;
  /** The folder served. */
  dir: string;
}

/**
 * Eleventy's dev server (@11ty/eleventy-dev-server 2.x) has no host option and
 * no request guard we can put before its own path handling: set both on its
 * prototype, before Eleventy creates the server.
 * - It listens on 127.0.0.1 only.
 * - Every request passes `checkRequest` before the dev server's handler (which
 *   is bound when the server is created), and an error thrown while handling one
 *   is answered with a 500 instead of ending the process.
 * - A WebSocket upgrade (live reload) needs a loopback Host and Origin.
 */
function guardDevServer(): void {
  const DevServer = require("@11ty/eleventy-dev-server");
  const handle = DevServer.prototype.onRequestHandler as (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  DevServer.prototype.onRequestHandler = async function (this: DevServerInstance, req: IncomingMessage, res: ServerResponse) {
    const verdict = checkRequest(req, this.dir);
    if (!verdict.ok) {
      res.writeHead(verdict.status, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`${verdict.reason}\n`);
      return;
    }
    try {
      await handle.call(this, req, res);
    } catch (err) {
      process.stderr.write(`revue: ${req.method} ${req.url}: ${err instanceof Error ? err.message : String(err)}\n`);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end();
    }
  };
  DevServer.prototype._serverListen = function (this: DevServerInstance, port: number) {
    const server = this.server as import("node:http").Server & { revueGuarded?: boolean };
    if (!server.revueGuarded) guardUpgrades(server);
    server.revueGuarded = true;
    server.listen({ port, host: "127.0.0.1" });
  };
}

/** A WebSocket upgrade (live reload) with a foreign Host or Origin is refused before the WebSocket server sees it. */
function guardUpgrades(server: import("node:http").Server): void {
  const emit = server.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
  server.emit = function (this: typeof server, event: string | symbol, ...args: unknown[]) {
    if (event === "upgrade") {
      const [req, socket] = args as [IncomingMessage, Duplex];
      if (!isLoopbackHost(req.headers.host) || !isLoopbackOrigin(req.headers.origin)) {
        socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        return true;
      }
    }
    return emit.call(this, event, ...args);
  } as typeof server.emit;
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
  // the seeds folder is watched by watchSeeds, not by Eleventy's watcher (see there)
  process.env.REVUE_WATCH_SEEDS = "revue";
  // the records cache's folder (the default the site data reads too), named so that the articles'
  // rendered text is kept there between sessions; between rebuilds it stays in memory (src/site/view-cache.ts)
  process.env.REVUE_CACHE ??= path.resolve(DEFAULT_CACHE_DIR);
  (await import("../site/view-cache.js")).keepViewsInMemory();
  // what event linking reads of each record, kept for the next rebuild (src/extract/cluster.ts)
  (await import("../extract/cluster.js")).rememberLinkFeatures();
  // the seed index and the link features stay in memory between rebuilds; their files are written a moment
  // after a rebuild (src/cache-write.ts, WriteSoon): stopped meanwhile (Ctrl-C), the server writes them before
  // it exits, or the next session would start without them
  const { deferWrites, flushWrites } = await import("../cache-write.js");
  deferWrites();
  process.on("exit", flushWrites);
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) process.once(signal, () => process.exit(code));
  // every rebuild renders only the pages whose inputs changed, in place (src/site/incremental.ts);
  // the first one takes up what the last session left in the folder
  process.env.REVUE_PREVIOUS = path.resolve(values.out!);
  process.env.REVUE_IN_PLACE = "1";
  guardDevServer();
  const { eleventyConfigPath } = await import("../site/render.js");
  const elev = new Eleventy("templates", values.out!, { configPath: eleventyConfigPath(), runMode: "serve", source: "cli" });
  await elev.init();
  const watchRun = (await elev.watch()) as unknown as (path: string) => Promise<void>;
  // one rebuild per batch of changes: Eleventy's watch step needs one file to name (the rebuild reads the whole folder)
  const rebuild = (file: string) => void watchRun(file).catch((e: unknown) => process.stderr.write(`revue: ${String(e)}\n`));
  const shown = (file: string) => path.relative(process.cwd(), file) || file;
  watchSeeds(process.env.REVUE_SEEDS, (files) => {
    const more = files.length > 1 ? ` et ${files.length - 1} autre${files.length > 2 ? "s" : ""}` : "";
    process.stdout.write(`[revue] Source : ${shown(files[0])}${more}\n`);
    rebuild(files[0]);
  });
  // Eleventy 3.1's watcher logs a file deleted from data/ but does not rebuild (it would stay in effect):
  // the same watch as the seeds' runs Eleventy's watch step for deletions there
  watchSeeds(path.resolve("data"), (files) => {
    const gone = files.find((file) => !existsSync(file));
    if (gone) rebuild(gone);
  });
  await elev.serve(Number(values.port));
  process.stderr.write(`revue: http://127.0.0.1:${values.port}/ (Ctrl-C pour arrêter)\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`revue: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
