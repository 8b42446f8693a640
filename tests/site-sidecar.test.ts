/**
 * Hand corrections end to end: a sidecar next to a seed changes the record and the
 * site says so on the article page.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, load, runBuild } from "./helpers/site.js";

test("a sidecar sets the date, the outlet and a quotation's speaker; the article page marks them", async () => {
  const seeds = path.join(await mkdtemp(path.join(tmpdir(), "revue-sidecar-")), "seeds");
  await cp(path.join(ROOT, "seeds"), seeds, { recursive: true });
  await writeFile(
    path.join(seeds, "003_524b27c85d49c1c8.meta.yaml"),
    "date: 2023-03-19\noutlet: Le Parisien\nurl: https://www.example.org/xi-moscou\n",
  );
  await writeFile(
    path.join(seeds, "004_66bca1d6ab3e6c33.meta.yaml"),
    "quotes:\n  - text: l'amitié sans limite\n    speaker: Xi Jinping\n",
  );
  const r = await runBuild({ seeds, args: ["--no-search"] });
  assert.equal(r.code, 0, r.stderr);
  const { records } = JSON.parse(await readFile(path.join(r.out, "records.json"), "utf8")) as { records: { id: string; date: string; manual: string[]; outlet: { name: string } | null; quotes: { text: string; speakerId: string; via: string }[] }[] };
  const a = records.find((x) => x.id === "003-524b27c85d49c1c8")!;
  assert.equal(a.date, "2023-03-19");
  assert.equal(a.outlet?.name, "Le Parisien");
  assert.deepEqual([...a.manual].sort(), ["date", "outlet", "url"].sort());
  const b = records.find((x) => x.id === "004-66bca1d6ab3e6c33")!;
  const q = b.quotes.find((x) => x.text === "l'amitié sans limite")!;
  assert.deepEqual([q.speakerId, q.via], ["xi-jinping", "manual"]);

  const $a = await load(r.out, "articles/003-524b27c85d49c1c8/index.html");
  assert.match($a("main").text(), /corrigée à la main/);
  assert.match($a(".kicker").text(), /Le Parisien\s+corrigé à la main/);
  assert.equal($a(`a[href="https://www.example.org/xi-moscou"]`).length, 1);
  const $b = await load(r.out, "articles/004-66bca1d6ab3e6c33/index.html");
  assert.match($b("main").text(), /attribution corrigée à la main/);
});
