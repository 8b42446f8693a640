/**
 * The dev server's own watch of the seeds folder (src/cli/watch-seeds.ts): every
 * kind of change in the folder, and in a subfolder made after it started, asks
 * for a rebuild naming the file; a batch of files is one rebuild per folder, not
 * one per file; nothing is asked once it is stopped.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
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

/** A seeds folder of `files` watched by watchSeeds: the files each rebuild asks for (relative to it, in order) and `stop`. */
async function watching(files: Record<string, string>): Promise<{ dir: string; asked: string[]; stop: () => void }> {
  const dir = await seedFolder(files);
  const asked: string[] = [];
  const stop = watchSeeds(dir, (changed) => asked.push(...changed.map((file) => path.relative(dir, file))));
  return { dir, asked, stop };
}

test("watchSeeds: a seed added, changed, renamed or removed, and one in a new subfolder, each ask for a rebuild", async () => {
  const { dir, asked, stop } = await watching({ "a.txt": "un", "old/b.txt": "deux" });
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

test("watchSeeds: a subfolder replaced by a file of its name before the folder settles still asks for a rebuild (no ENOTDIR thrown)", async () => {
  const { dir, asked, stop } = await watching({ "a.txt": "un", "sub/b.txt": "deux" });
  try {
    await writeFile(path.join(dir, "sub/c.txt"), "trois");
    await rm(path.join(dir, "sub"), { recursive: true });
    await writeFile(path.join(dir, "sub"), "un fichier");
    await until(() => asked.includes("sub"), "the file that replaced the subfolder");
  } finally {
    stop();
  }
});

test("watchSeeds: a subfolder removed then made again is watched again", async () => {
  const { dir, asked, stop } = await watching({ "a.txt": "un", "sub/b.txt": "deux" });
  try {
    await rm(path.join(dir, "sub"), { recursive: true });
    await until(() => asked.includes("sub"), "the removed subfolder");
    await mkdir(path.join(dir, "sub"));
    await until(() => asked.filter((f) => f === "sub").length >= 2, "the subfolder made again");
    await writeFile(path.join(dir, "sub/c.txt"), "trois");
    await until(() => asked.includes("sub/c.txt"), "a seed written in the subfolder made again");
  } finally {
    stop();
  }
});

test("watchSeeds: a batch of files copied in asks for one rebuild per folder, naming them all", async () => {
  const dir = await seedFolder({ "a.txt": "un", "lot/b.txt": "deux" });
  const calls: string[][] = [];
  const stop = watchSeeds(dir, (files) => calls.push(files.map((file) => path.relative(dir, file))));
  const names = Array.from({ length: 300 }, (_, i) => `seed-${i}.txt`);
  try {
    // written at once (as `cp` of a folder of seeds does): the watch hears them all when the loop ends
    for (const name of names) {
      writeFileSync(path.join(dir, name), name);
      writeFileSync(path.join(dir, "lot", name), name);
    }
    mkdirSync(path.join(dir, "nouveau"));
    const all = () => new Set(calls.flat());
    await until(() => names.every((n) => all().has(n) && all().has(`lot/${n}`)) && all().has("nouveau"), "every file of the batch");
    // no call for a file alone: each names its folder's batch (one per folder, not 601)
    assert.ok(calls.length <= 4, `${calls.length} rebuilds asked for ${2 * names.length + 1} files`);
    for (const files of calls) assert.ok(files.every((f) => path.dirname(f) === path.dirname(files[0])), "a call names the files of one folder");
    // the new folder is watched before the rebuild it asks for reads it
    calls.length = 0;
    await writeFile(path.join(dir, "nouveau", "c.txt"), "trois");
    await until(() => calls.flat().includes("nouveau/c.txt"), "a seed in the folder made in the batch");
  } finally {
    stop();
  }
});
