/**
 * The dev server's own watch of the seeds folder (src/cli/watch-seeds.ts): every
 * kind of change in the folder, and in a subfolder made after it started, asks
 * for a rebuild naming the file; nothing is asked once it is stopped.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { watchSeeds } from "../src/cli/watch-seeds.js";
import { seedFolder } from "./helpers/seed-folder.js";

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no rebuild asked for ${what}`);
}

test("watchSeeds: a seed added, changed, renamed or removed, and one in a new subfolder, each ask for a rebuild", async () => {
  const dir = await seedFolder({ "a.txt": "un", "old/b.txt": "deux" });
  const asked: string[] = [];
  const stop = watchSeeds(dir, (file) => asked.push(path.relative(dir, file)));
  const seen = (rel: string) => asked.includes(rel);
  try {
    await writeFile(path.join(dir, "new.txt"), "nouveau");
    await until(() => seen("new.txt"), "an added seed");
    await writeFile(path.join(dir, "a.txt"), "un, modifié");
    await until(() => seen("a.txt"), "a changed seed");
    await writeFile(path.join(dir, "old/b.txt"), "deux, modifié");
    await until(() => seen("old/b.txt"), "a changed seed in a subfolder there at the start");
    await rename(path.join(dir, "new.txt"), path.join(dir, "renamed.txt"));
    await until(() => seen("renamed.txt"), "a renamed seed");
    asked.length = 0;
    await rm(path.join(dir, "a.txt"));
    await until(() => seen("a.txt"), "a removed seed (also how serve.ts sees a file deleted from data/)");
    asked.length = 0;
    await mkdir(path.join(dir, "sub"));
    await until(() => seen("sub"), "a new subfolder");
    await writeFile(path.join(dir, "sub/c.txt"), "trois");
    await until(() => seen("sub/c.txt"), "a seed in the new subfolder");
    await writeFile(path.join(dir, "sidecar.meta.yaml"), "title: x\n");
    await until(() => seen("sidecar.meta.yaml"), "a sidecar");
  } finally {
    stop();
  }
  asked.length = 0;
  await writeFile(path.join(dir, "after.txt"), "trop tard");
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(asked, [], "nothing is asked once stopped");
});
