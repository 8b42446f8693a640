/**
 * A static file server for browser tests: serves `dir` under `prefix` on
 * 127.0.0.1 (a free port), the way a static host would (index.html for folders,
 * 404.html when nothing matches). Stop it with close().
 */
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};

export interface SiteServer {
  url: string;
  close(): Promise<void>;
}

export async function serveDir(dir: string, prefix = "/"): Promise<SiteServer> {
  const root = path.resolve(dir);
  const server: Server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file: string | null = null;
    if (pathname.startsWith(prefix)) {
      const rel = pathname.slice(prefix.length);
      const candidate = path.resolve(root, rel);
      if (candidate === root || candidate.startsWith(root + path.sep)) {
        const st = await stat(candidate).catch(() => null);
        if (st?.isFile()) file = candidate;
        else if (st?.isDirectory()) {
          if (!pathname.endsWith("/")) {
            res.writeHead(301, { location: pathname + "/" }).end();
            return;
          }
          if (await stat(path.join(candidate, "index.html")).catch(() => null)) file = path.join(candidate, "index.html");
        }
      }
    }
    if (!file) {
      const body = await readFile(path.join(root, "404.html")).catch(() => Buffer.from("not found"));
      res.writeHead(404, { "content-type": TYPES[".html"] }).end(body);
      return;
    }
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
