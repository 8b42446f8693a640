/**
 * The previous site's remover (src/remover.ts): a process of its own that removes the folder it is
 * given once the build has ended, and ends without removing anything when given nothing — told by
 * the pipe the build holds (closed by end(), or by the build's end or death), not by polling the
 * build's pid (which another process may take once the build has died).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { startRemover } from "../src/remover.js";
import { inTempDir } from "./helpers/temp-dir.js";

/** Polled, not timed: up to 30 s on a busy machine. */
async function until(done: () => boolean | Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 300; i++) {
    if (await done()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Whether process `pid` runs (not gone, not a zombie waiting to be reaped). */
async function runs(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  return stat !== null && !/\) [ZX] /.test(stat);
}

test("a remover given nothing ends when the build says it is over, the build still running", () =>
  inTempDir("revue-remover-", async (dir) => {
    const remover = startRemover(dir, ".dist.tmp-");
    assert.ok(remover);
    const mine = async () => {
      const found: number[] = [];
      for (const name of await readdir("/proc")) {
        if (!/^\d+$/.test(name)) continue;
        const cmd = await readFile(`/proc/${name}/cmdline`, "utf8").catch(() => "");
        if (cmd.includes(`${dir}\0.dist.tmp-`)) found.push(Number(name));
      }
      return found;
    };
    assert.ok(await until(async () => (await mine()).length === 1), "the remover did not start");
    const [child] = await mine();
    remover.end();
    assert.ok(await until(async () => !(await runs(child!))), "the remover still runs after the build said it was over");
  }));

test("a remover removes the folder it is given, then ends", () =>
  inTempDir("revue-remover-", async (dir) => {
    const old = path.join(dir, "old-site");
    await mkdir(path.join(old, "articles"), { recursive: true });
    await writeFile(path.join(old, "articles", "index.html"), "old");
    const remover = startRemover(dir, ".dist.tmp-");
    assert.ok(remover);
    await remover.give(old);
    remover.end();
    assert.ok(await until(async () => (await readdir(dir)).length === 0), "the folder given was not removed");
    assert.ok(!existsSync(old));
  }));
