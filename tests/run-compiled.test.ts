/**
 * scripts/run.mjs: `npm run extract` runs the compiled copy of the sources (.build/KEY/);
 * it must print what the TypeScript prints, and never run a copy older than the sources.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { compiled } from "../scripts/run.mjs";

const SEED = "seeds/000_4262eaa43c502efd.txt";

test("npm run extract (compiled copy) prints exactly what the TypeScript sources print", () => {
  const viaTsx = execFileSync(process.execPath, ["--import", "tsx", "src/cli/extract.ts", SEED], { encoding: "utf8" });
  const viaCopy = execFileSync(process.execPath, ["scripts/run.mjs", "src/cli/extract.ts", SEED], { encoding: "utf8" });
  assert.ok(JSON.parse(viaCopy).length === 1);
  assert.equal(viaCopy, viaTsx);
});

test("the compiled copy follows the sources: an edited file gives a new copy, run instead of the old one", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "revue-run-"));
  await mkdir(path.join(root, "src"));
  const file = path.join(root, "src", "hello.ts");
  const run = async () => {
    const dir: string = await compiled(root);
    return execFileSync(process.execPath, [path.join(dir, "src", "hello.js")], { encoding: "utf8" });
  };
  await writeFile(file, 'const who: string = "one";\nconsole.log(who);\n');
  assert.equal(await run(), "one\n");
  const first: string = await compiled(root);
  assert.equal(await compiled(root), first, "unchanged sources: the same copy, not compiled again");
  await writeFile(file, 'const who: string = "two";\nconsole.log(who);\n');
  const later = new Date(Date.now() + 5000);
  await utimes(file, later, later);
  assert.equal(await run(), "two\n");
  assert.notEqual(await compiled(root), first);
  assert.ok(existsSync(first), "a recent older copy is kept for processes still loading from it");
  assert.deepEqual((await readdir(path.join(root, ".build"))).filter((n) => n.includes(".tmp-")), [], "no temporary folder left");
});
