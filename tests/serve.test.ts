/**
 * `npm start`: the dev server on 127.0.0.1 picks up a seed dropped into the seeds
 * folder, and one removed from it, without a restart.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./helpers/site.js";

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

test("the dev server shows an added seed and drops a removed one", { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "revue-serve-"));
  const seeds = path.join(dir, "seeds");
  await cp(path.join(ROOT, "seeds"), seeds, { recursive: true });
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/serve.ts", "--seeds", seeds, "--out", path.join(dir, "site"), "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, TZ: "UTC" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const home = () => fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
  try {
    await waitFor(async () => (await home()).includes("Chronologie"), "the first build");
    const title = "Pékin et Moscou inaugurent un centre de commandement conjoint";
    await writeFile(path.join(seeds, "nouveau.txt"), `${title}\nPar Paul Roux, publié le 02/02/2025\n« C'est une étape historique », a déclaré Dmitri Peskov lors d'un point de presse au Kremlin, saluant la coopération militaire.`);
    await waitFor(async () => (await home()).includes(title), "the added seed on the timeline");
    await rm(path.join(seeds, "nouveau.txt"));
    await waitFor(async () => !(await home()).includes(title), "the removed seed to disappear");
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- server log ---\n${log.slice(-3000)}`);
  } finally {
    child.kill("SIGTERM");
  }
});
