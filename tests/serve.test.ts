/**
 * `npm start`: the dev server on 127.0.0.1 picks up a seed dropped into the seeds
 * folder, and one removed from it, without a restart; it refuses requests that
 * would crash it or read outside the site, and foreign Host headers (issue 10).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, listFiles, runBuild } from "./helpers/site.js";
import { seedFolder } from "./helpers/seed-folder.js";
import { checkPath, checkRequest, isLoopbackHost, isLoopbackOrigin } from "../src/site/dev-guard.js";

test("dev-guard: loopback Host and Origin only; paths decoded once and contained", () => {
  for (const h of ["localhost", "localhost:8080", "127.0.0.1:1", "[::1]:8080", "LOCALHOST"]) assert.ok(isLoopbackHost(h), h);
  for (const h of [undefined, "", "evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "127.0.0.2", "[::2]", "localhost:80:80", "0.0.0.0"]) assert.ok(!isLoopbackHost(h), String(h));
  assert.ok(isLoopbackOrigin(undefined) && isLoopbackOrigin("http://localhost:8080"));
  assert.ok(!isLoopbackOrigin("http://evil.example") && !isLoopbackOrigin("null"));
  const root = "/srv/site";
  assert.deepEqual(checkPath("/articles/a%C3%A9/?q=1", root), { ok: true, path: "/articles/aé/" });
  for (const bad of ["/%", "/%E0%A4%A", "/..%2fsite-secret%2fx", "/a/%2e%2e/%2e%2e/etc/passwd", "/../x", "/./x", "/a%5c..%5cx", "/a%00", "//evil.example/x", "x", "", undefined]) {
    const v = checkPath(bad, root);
    assert.equal(v.ok, false, String(bad));
  }
  assert.deepEqual(checkRequest({ method: "POST", url: "/", headers: { host: "localhost" } }, root), { ok: false, status: 405, reason: "only GET and HEAD" });
  assert.equal(checkRequest({ method: "GET", url: "/", headers: { host: "evil.example" } }, root).ok, false);
  assert.equal(checkRequest({ method: "HEAD", url: "/", headers: { host: "localhost:9" } }, root).ok, true);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** `npm start` on a free port over `seeds`, writing to `out`; `log()` is what it printed so far. */
async function startServe(seeds: string, out: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/serve.ts", "--seeds", seeds, "--out", out, "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, TZ: "UTC", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  return { port, child, log: () => log };
}

test("the dev server shows an added seed and drops a removed one", { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "revue-serve-"));
  const seeds = path.join(dir, "seeds");
  await cp(path.join(ROOT, "seeds"), seeds, { recursive: true });
  const { port, child, log } = await startServe(seeds, path.join(dir, "site"));
  const home = () => fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
  try {
    await waitFor(async () => (await home()).includes("Chronologie"), "the first build");
    const title = "Pékin et Moscou inaugurent un centre de commandement conjoint";
    await writeFile(path.join(seeds, "nouveau.txt"), `${title}\nPar Paul Roux, publié le 02/02/2025\n« C'est une étape historique », a déclaré Dmitri Peskov lors d'un point de presse au Kremlin, saluant la coopération militaire.`);
    await waitFor(async () => (await home()).includes(title), "the added seed on the timeline");
    // edited in place, then one more in a subfolder made while the server runs (src/cli/watch-seeds.ts)
    const edited = "Pékin et Moscou inaugurent un second centre de commandement conjoint";
    await writeFile(path.join(seeds, "nouveau.txt"), (await readFile(path.join(seeds, "nouveau.txt"), "utf8")).replace(title, edited));
    await waitFor(async () => (await home()).includes(edited), "the edited seed's new title");
    await mkdir(path.join(seeds, "lot-2"));
    const third = "Exercice naval sino-russe en mer de Chine orientale";
    await writeFile(path.join(seeds, "lot-2", "troisieme.txt"), `${third}\nPar Paul Roux, publié le 03/02/2025\n« Nos marines s'entraînent ensemble », a déclaré Dmitri Peskov à Moscou.`);
    await waitFor(async () => (await home()).includes(third), "a seed in a new subfolder");
    await rm(path.join(seeds, "nouveau.txt"));
    await waitFor(async () => !(await home()).includes(edited), "the removed seed to disappear");
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- server log ---\n${log().slice(-3000)}`);
  } finally {
    child.kill("SIGTERM");
  }
});

test("the dev server stopped right after a rebuild still writes the seed index and the link features it was waiting to write", { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "revue-serve-stop-"));
  const seeds = path.join(dir, "seeds");
  const cache = path.join(dir, "cache");
  await cp(path.join(ROOT, "seeds"), seeds, { recursive: true });
  // the caches' files are written 2 s after a rebuild (src/cache-write.ts): the server is stopped as soon
  // as its first build has its records and events (the timing line says so), well before that
  const { child, log } = await startServe(seeds, path.join(dir, "site"), { REVUE_NO_SEARCH: "1", REVUE_TIMING: "1", REVUE_CACHE: cache });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    await waitFor(async () => log().includes("fiches prêtes"), "the first build's records", 120_000);
    child.kill("SIGTERM");
    assert.equal(await exited, 143, "the server exits as SIGTERM asks");
    const files = await readdir(cache);
    const index = files.find((f) => /^seed-index-.*\.json$/.test(f));
    assert.ok(index, `the seed index is written (${files.join(", ")})`);
    const text = await readFile(path.join(cache, index), "utf8");
    for (const seed of await readdir(seeds)) assert.ok(text.includes(JSON.stringify(seed)), `the seed index holds ${seed}`);
    assert.ok(files.some((f) => /^link-features-.*\.bin$/.test(f)), "the link features are written");
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- server log ---\n${log().slice(-3000)}`);
  } finally {
    child.kill("SIGKILL");
  }
});

/** A raw request (the path sent as is, any Host header): status and body, or the connection error. */
function rawGet(port: number, target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path: target, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: "upgraded" });
    });
    req.on("error", (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end();
  });
}

test("the dev server refuses bad paths, foreign Host headers and sibling folders, and stays up", { timeout: 180_000 }, async () => {
  const dir = await seedFolder({
    "seeds/a.txt": "Pékin et Moscou signent un accord\nPar Paul Roux, publié le 02/02/2025\n« Une étape », a déclaré Dmitri Peskov.\n",
    // a folder beside the served one whose name starts with the served folder's name
    "site-secret/secret.txt": "SECRET-CONTENT",
  }, "revue-serve-");
  const { port, child, log } = await startServe(path.join(dir, "seeds"), path.join(dir, "site"), { REVUE_NO_SEARCH: "1" });
  let exited = false;
  child.on("exit", () => (exited = true));
  try {
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text())).includes("Chronologie"), "the first build");
    const cases: [string, Record<string, string>, number][] = [
      ["/%", {}, 400],
      ["/%E0%A4%A", {}, 400],
      ["/..%2f..%2fetc%2fpasswd", {}, 400],
      ["/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", {}, 400],
      ["/..%2fsite-secret%2fsecret.txt", {}, 400],
      ["/assets/..%2f..%2f..%2fpackage.json", {}, 400],
      ["/..%5csite-secret%5csecret.txt", {}, 400],
      ["/", { host: "evil.example" }, 403],
      ["/", { host: `evil.example:${port}` }, 403],
      ["/", { host: `127.0.0.1.evil.example:${port}` }, 403],
    ];
    for (const [target, headers, status] of cases) {
      const r = await rawGet(port, target, headers);
      assert.ok(!("error" in r), `${target} ${JSON.stringify(headers)}: ${JSON.stringify(r)} (server exited: ${exited})`);
      assert.equal(r.status, status, `${target} ${JSON.stringify(headers)}`);
      assert.doesNotMatch(r.body, /SECRET-CONTENT|root:/, target);
    }
    // live reload's WebSocket: refused for a foreign Host or Origin
    const foreign: Record<string, string>[] = [{ host: "evil.example" }, { origin: "http://evil.example" }];
    for (const headers of foreign) {
      const r = await rawGet(port, "/", { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==", ...headers });
      assert.ok("error" in r || r.status !== 101, `WebSocket upgrade with ${JSON.stringify(headers)} accepted`);
    }
    // …and still accepted from the page itself, so live reload works
    const own = await rawGet(port, "/", { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==", origin: `http://127.0.0.1:${port}` });
    assert.ok("status" in own && own.status === 101, `live reload refused: ${JSON.stringify(own)}`);
    // the loopback names, and ordinary pages, still work; the server is still up
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, "localhost"]) {
      const r = await rawGet(port, "/", { host });
      assert.ok("status" in r && r.status === 200, `${host}: ${JSON.stringify(r).slice(0, 200)}`);
    }
    const page = await rawGet(port, "/assets/site.css");
    assert.ok("status" in page && page.status === 200);
    const missing = await rawGet(port, "/pas-de-page/");
    assert.ok("status" in missing && missing.status === 404);
    assert.equal(exited, false);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- server log ---\n${log().slice(-3000)}`);
  } finally {
    child.kill("SIGTERM");
  }
});

test("the dev server's folder after a seed is added, then another removed: the bytes of a cold build", { timeout: 300_000 }, async () => {
  const { assertSameTree } = await import("./helpers/incremental.js");
  const dir = await mkdtemp(path.join(tmpdir(), "revue-serve-same-"));
  const seeds = path.join(dir, "seeds");
  const site = path.join(dir, "site");
  await cp(path.join(ROOT, "seeds"), seeds, { recursive: true });
  // the search index is the build's own test; here the pages, the seed copies and the manifests
  const { port, child, log } = await startServe(seeds, site, { REVUE_NO_SEARCH: "1", PATH_PREFIX: "" });
  /** The folder once it has held still for a second (the rebuild and its seed copies done). */
  const settled = async () => {
    let last = "";
    for (let stable = 0; stable < 4; ) {
      await new Promise((r) => setTimeout(r, 300));
      const files = await listFiles(site).catch(() => []);
      const now = (await Promise.all(files.map(async (f) => `${f}:${(await readFile(path.join(site, f)).catch(() => Buffer.alloc(0))).length}`))).join("\n");
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
  };
  const coldOf = async (what: string) => {
    const cold = await runBuild({ seeds, args: ["--no-search"] });
    assert.equal(cold.code, 0, cold.stderr);
    await assertSameTree(site, cold.out, what);
  };
  try {
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/`)).ok, "the first build");
    await settled();
    await coldOf("first build");
    const title = "Pékin et Moscou inaugurent un centre de commandement conjoint";
    await writeFile(path.join(seeds, "nouveau.txt"), `${title}\nPar Paul Roux, publié le 02/02/2025\n« C'est une étape historique », a déclaré Dmitri Peskov lors d'un point de presse au Kremlin, saluant la coopération militaire.`);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/articles/nouveau/`)).ok, "the added seed's page");
    await settled();
    await coldOf("seed added");
    const gone = (await readdir(seeds)).sort()[0]!;
    await rm(path.join(seeds, gone));
    const goneId = gone.replace(/\.[a-z]+$/, "").replace(/_/g, "-");
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/articles/${goneId}/`)).status === 404, "the removed seed's page to go");
    await settled();
    await coldOf("seed removed");
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- server log ---\n${log().slice(-3000)}`);
  } finally {
    child.kill("SIGTERM");
  }
});
