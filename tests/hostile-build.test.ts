/**
 * Issue 10, input side, end to end: `npm run build` over a seeds folder that
 * holds every hostile or unlucky input together exits 0 with a warning naming
 * each file; a build that can read no seed keeps the previous site; leftovers
 * of an interrupted build are cleaned (or put back) at the next start.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { seedFolder } from "./helpers/seed-folder.js";
import { runBuild } from "./helpers/site.js";

const build = (seeds: string, out: string, ...extra: string[]) => runBuild({ seeds, out, args: ["--no-search", ...extra] });

/** A pid that no process has any more. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());
}

const ARTICLE = "Moscou et Pékin annoncent des manœuvres navales conjointes\n\nPar Jeanne Martin, le 3 juillet 2024\n\n"
  + "« Ces exercices renforcent la confiance mutuelle », a déclaré le porte-parole du ministère chinois de la Défense.\n\n"
  + "Les navires des deux pays croiseront pendant dix jours au large de Vladivostok.\n";
const vary = (n: number) => ARTICLE.replace("Vladivostok", `Vladivostok (${n})`);

test("every hostile input together in one seeds folder: the build exits 0 and names each file in a warning", { timeout: 300_000 }, async () => {
  const word = "w".repeat(39);
  const cp1251 = new Uint8Array([..."Москва и Пекин"].map((ch) => (ch === " " ? 0x20 : ch.codePointAt(0)! - 0x410 + 0xc0)));
  const outside = await seedFolder({ "private.txt": "a private file that must not be published" }, "revue-outside-");
  const seeds = await seedFolder({
    ["n".repeat(248) + ".txt"]: vary(1),
    ["&".repeat(80) + ".txt"]: vary(2),
    "long-sidecar.txt": vary(3),
    "long-sidecar.meta.yaml": `outlet: ${"Journal ".repeat(38)}\nquotes:\n  - index: 0\n    speaker: ${"Ivan ".repeat(60)}\n`,
    "long-front-matter.md": `---\ntitle: ${Array.from({ length: 8 }, (_, i) => `${word}${i}`).join(" ")}\noutlet: ${"Gazette ".repeat(38)}\ndate: 2024-07-03\n---\n\n${vary(4)}`,
    "long-speaker.txt": vary(5).replace("a déclaré le porte-parole du ministère chinois de la Défense", `a déclaré Piotr ${"K" + "o".repeat(269)}v`),
    "nfd.txt": vary(6).normalize("NFD"),
    "zero-width.txt": vary(7).replace("Jeanne Martin", "Jeanne Mar\u200btin").replace("Vladivostok", "Vladi\u00advostok"),
    "invalid-byte.txt": Buffer.concat([Buffer.from(vary(8)), Buffer.from([0x92, 0x0a])]),
    "cyrillic.html": Buffer.concat([Buffer.from('<!doctype html><html><head><meta charset="windows-1251"><title>'), cp1251, Buffer.from("</title></head><body><article><h1>"), cp1251, Buffer.from(`</h1><p>${vary(9).split("\n\n")[2]}</p></article></body></html>`)]),
    "utf16-no-bom.txt": Buffer.from(vary(10), "utf16le"),
    "typos.md": `---\ntitel: Un titre\ndat: 2024-07-03\noutlett: Le Monde\n---\n\n${vary(11)}`,
    "sub/inner.txt": vary(12),
  });
  await symlink("sub/inner.txt", path.join(seeds, "link-inside.txt"));
  await symlink("sub", path.join(seeds, "linked-folder"));
  await symlink("nowhere.txt", path.join(seeds, "dangling.txt"));
  await symlink(path.join(outside, "private.txt"), path.join(seeds, "link-outside.txt"));
  execFileSync("mkfifo", [path.join(seeds, "pipe.txt")]);

  const work = await mkdtemp(path.join(tmpdir(), "revue-hostile-build-"));
  const out = path.join(work, "dist");
  const run = await build(seeds, out);
  assert.equal(run.code, 0, run.stderr);
  const expected: [string, RegExp][] = [
    ["invalid-byte.txt", /UTF-8 invalide/],
    ["utf16-no-bom.txt", /UTF-16 LE sans marque d'ordre des octets/],
    ["typos.md", /ligne 2 : champ inconnu « titel » \(vouliez-vous dire « title » \?\)/],
    ["link-inside.txt", /lien symbolique vers sub\/inner\.txt/],
    ["linked-folder", /lien symbolique vers un dossier/],
    ["dangling.txt", /lien symbolique vers rien/],
    ["link-outside.txt", /hors du dossier lu/],
    ["pipe.txt", /tube nommé/],
  ];
  for (const [file, pattern] of expected) {
    const line = run.stderr.split("\n").find((l) => l.includes(`: ${file}: `) && pattern.test(l));
    assert.ok(line, `a warning naming ${file} (${pattern}) in:\n${run.stderr}`);
  }
  // the build report page shows the same warnings, in French (its spaces before « : » are no-break spaces)
  const reportPage = (await readFile(path.join(out, "rapport", "index.html"), "utf8")).replace(/&nbsp;|&#8239;|[\u00a0\u202f]/g, " ");
  assert.match(reportPage, /tube nommé \(FIFO\), pas un fichier ordinaire : ignoré/);
  assert.match(reportPage, /lien symbolique vers rien \(ENOENT : sa cible n(?:'|’|&#39;)existe pas\) : ignoré/);
  assert.doesNotMatch(reportPage, /symbolic link|named pipe|not valid UTF-8|unknown field|: skipped/);
  const { records } = JSON.parse(await readFile(path.join(out, "records.json"), "utf8")) as { records: { id: string; source: { file: string; encoding: string }; title: string | null; outlet: { id: string } | null }[] };
  const byFile = new Map(records.map((r) => [r.source.file, r]));
  for (const file of ["n".repeat(248) + ".txt", "&".repeat(80) + ".txt", "long-sidecar.txt", "long-front-matter.md", "long-speaker.txt",
    "nfd.txt", "zero-width.txt", "invalid-byte.txt", "cyrillic.html", "utf16-no-bom.txt", "typos.md", "sub/inner.txt"]) {
    const r = byFile.get(file);
    assert.ok(r, `${file.slice(0, 40)} has a record`);
    assert.ok(existsSync(path.join(out, "articles", r.id, "index.html")), `${file.slice(0, 40)} has a page`);
  }
  assert.equal(byFile.get("cyrillic.html")!.source.encoding, "windows-1251");
  assert.match(byFile.get("cyrillic.html")!.title ?? "", /Москва и Пекин/);
  // every name in the site is short enough for any file system
  for (const entry of await readdir(out, { recursive: true })) {
    for (const part of entry.split(path.sep)) assert.ok(Buffer.byteLength(part) <= 120, `${part.length} bytes: ${part.slice(0, 60)}…`);
  }
  assert.doesNotMatch(await readFile(path.join(out, "records.json"), "utf8"), /must not be published/);
  // …and --strict fails on the same folder, keeping the site
  const strict = await build(seeds, out, "--strict");
  assert.equal(strict.code, 1);
  assert.ok(existsSync(path.join(out, "records.json")));
});

test("a build that can read no seed of a folder that is not empty keeps the previous site", { timeout: 300_000 }, async () => {
  const seeds = await seedFolder({ "a.txt": vary(1) });
  const work = await mkdtemp(path.join(tmpdir(), "revue-hostile-build-"));
  const out = path.join(work, "dist");
  assert.equal((await build(seeds, out)).code, 0);
  const before = await readFile(path.join(out, "records.json"), "utf8");
  assert.match(before, /Vladivostok \(1\)/);
  // the seed is now out of reach (a link to a drive no longer mounted): nothing can be read
  const unreachable = await mkdtemp(path.join(tmpdir(), "revue-unreachable-"));
  await symlink("/nonexistent/mount/a.txt", path.join(unreachable, "a.txt"));
  await mkdir(path.join(unreachable, "empty-folder"));
  const run = await build(unreachable, out);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /a\.txt: lien symbolique vers rien/);
  assert.match(run.stderr, /le site précédent est conservé/);
  assert.equal(await readFile(path.join(out, "records.json"), "utf8"), before, "the previous site is still there");
  assert.deepEqual((await readdir(work)).filter((n) => n.includes(".tmp-")), [], "no temporary folder left");
});

test("leftovers of an interrupted build are removed; a swap killed between its renames is recovered", { timeout: 300_000 }, async () => {
  const seeds = await seedFolder({ "a.txt": vary(1), "b.bin": "not a seed" });
  const work = await mkdtemp(path.join(tmpdir(), "revue-hostile-build-"));
  const out = path.join(work, "dist");
  const pid = deadPid();
  // killed after renaming dist away and before renaming the new site in: no dist/, the old site as .old
  await mkdir(path.join(work, `.dist.tmp-${pid}.old`), { recursive: true });
  await writeFile(path.join(work, `.dist.tmp-${pid}.old`, "marker.txt"), "previous site");
  await mkdir(path.join(work, `.dist.tmp-${pid}`, "articles"), { recursive: true });
  await mkdir(path.join(work, `.dist.tmp-${deadPid()}`), { recursive: true }); // another dead build's
  // --strict fails (b.bin is warned about): what stays is the recovered previous site
  const strict = await build(seeds, out, "--strict");
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /site précédent rétabli/);
  assert.equal(await readFile(path.join(out, "marker.txt"), "utf8"), "previous site");
  assert.deepEqual((await readdir(work)).filter((n) => n.includes(".tmp-")), [], "every leftover removed");
  // a temporary folder of a build still running is left alone
  await mkdir(path.join(work, `.dist.tmp-${process.pid}`));
  assert.equal((await build(seeds, out)).code, 0);
  assert.ok(existsSync(path.join(work, `.dist.tmp-${process.pid}`)));
});

test(".gitignore ignores the temporary folders of an interrupted build", () => {
  const ignored = execFileSync("git", ["check-ignore", "--no-index", ".dist.tmp-123", ".dist.tmp-123.old", ".build.tmp-9"]).toString();
  assert.deepEqual(ignored.trim().split("\n"), [".dist.tmp-123", ".dist.tmp-123.old", ".build.tmp-9"]);
});
