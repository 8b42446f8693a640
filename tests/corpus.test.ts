import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile, mkdir } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { loadCorpus, type Corpus } from "../src/corpus.js";
import { ArticleRecord } from "../src/record.js";

const SEEDS = path.resolve("seeds");

/** A temporary folder holding the given files (text is written as UTF-8). */
async function folder(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "revue-corpus-"));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

async function load(dir: string): Promise<Corpus & { warnings: [string, string][] }> {
  const warnings: [string, string][] = [];
  const corpus = await loadCorpus({ paths: [dir], cacheDir: null, onWarning: (f, m) => warnings.push([f, m]) });
  return { ...corpus, warnings };
}

function fileReport(c: Corpus, file: string) {
  const fr = c.report.files.find((f) => f.file === file);
  assert.ok(fr, `no report for ${file}`);
  return fr;
}

const ARTICLE = [
  "Pékin et Moscou renforcent leur coopération militaire",
  "",
  "Le président russe a salué « une coopération sans précédent » avec la Chine, été comme hiver.",
  "",
  "Les deux armées mèneront des exercices communs en mer de Chine orientale, a précisé le ministère.",
  "",
].join("\n");

test("bad neighbours (empty, blank, binary, unsupported, too large) are skipped with a reason; the good seed is untouched", { timeout: 60_000 }, async () => {
  const seed = await readFile(path.join(SEEDS, "000_4262eaa43c502efd.txt"));
  const alone = await load(await folder({ "good.txt": seed }));
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
  const dir = await folder({
    "good.txt": seed,
    "empty.txt": "",
    "blank.md": "  \n\t\r\n   \n",
    "photo.txt": png,
    "notes.pdf": "%PDF-1.4 whatever",
    "README": "no extension",
    "big.txt": Buffer.alloc(20 * 1024 * 1024, "a"),
    ".DS_Store": "mac junk",
  });
  const c = await load(dir);
  assert.deepEqual(c.records, alone.records, "the good seed's record does not depend on its neighbours");
  assert.equal(c.records.length, 1);
  const expected: [string, "skipped", RegExp][] = [
    ["empty.txt", "skipped", /fichier vide/],
    ["blank.md", "skipped", /ne contient que des espaces/],
    ["photo.txt", "skipped", /fichier binaire \(image PNG\)/],
    ["notes.pdf", "skipped", /extension « \.pdf » non prise en charge/],
    ["README", "skipped", /fichier sans extension \(extensions acceptées : \.txt /],
    ["big.txt", "skipped", /trop volumineux \(20,0 Mo ; la limite est de 8,0 Mo\)/],
  ];
  for (const [file, status, reason] of expected) {
    assert.equal(fileReport(c, file).status, status, file);
    assert.ok(c.warnings.some(([f, m]) => f === file && reason.test(m)), `${file}: ${JSON.stringify(c.warnings)}`);
  }
  assert.equal(fileReport(c, ".DS_Store").status, "skipped", "hidden files are listed in the report");
  assert.ok(!c.warnings.some(([f]) => f === ".DS_Store"), "…but raise no warning");
  assert.equal(fileReport(c, "good.txt").status, "extracted");
  assert.equal(c.report.skipped, 7);
  assert.equal(c.report.warnings, c.warnings.length);
});

test("Windows-1252, Latin-1, UTF-16 LE/BE with BOM, UTF-8 with BOM and CRLF all keep their accents", async () => {
  const crlf = ARTICLE.replace(/\n/g, "\r\n");
  const le = Buffer.from(ARTICLE, "utf16le");
  const be = Buffer.from(ARTICLE, "utf16le").swap16();
  // « and » exist in Latin-1; Windows-1252 adds the curly apostrophe (0x92).
  const cp1252 = Buffer.from(ARTICLE.replace("mèneront", "m\u2019neront"), "latin1");
  cp1252[cp1252.indexOf(0x19)] = 0x92; // latin1 writes U+2019 as 0x19; put the Windows-1252 byte back
  const c = await load(await folder({
    "latin1.txt": Buffer.from(ARTICLE, "latin1"),
    "cp1252.txt": cp1252,
    "utf16le.txt": Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
    "utf16be.txt": Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
    "bom.txt": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, "utf8")]),
    "crlf.txt": crlf,
  }));
  const encodings = Object.fromEntries(c.report.files.map((f) => [f.file, f.encoding]));
  assert.deepEqual(encodings, {
    "bom.txt": "utf-8-bom", "cp1252.txt": "windows-1252", "crlf.txt": "utf-8",
    "latin1.txt": "windows-1252", "utf16be.txt": "utf-16be", "utf16le.txt": "utf-16le",
  });
  for (const r of c.records) {
    const text = JSON.stringify([r.title, r.lede, r.body]);
    assert.match(text, /Pékin/, r.source.file);
    assert.match(text, /« une coopération sans précédent »/, r.source.file);
    assert.doesNotMatch(text, /\\r|\uFFFD|Ã©/, `${r.source.file}: no CR, no replacement character, no mojibake`);
  }
  const cp = c.records.find((r) => r.source.file === "cp1252.txt")!;
  assert.match(JSON.stringify(cp.body), /m\u2019neront/, "0x92 is the curly apostrophe");
});

test("the same article twice (identical bytes): one record, the duplicate reported", async () => {
  const seed = await readFile(path.join(SEEDS, "001_b179d40b0e97b528.txt"));
  const c = await load(await folder({ "a.txt": seed, "copies/a copy.txt": seed, "other.txt": ARTICLE }));
  assert.deepEqual(c.records.map((r) => r.source.file).sort(), ["a.txt", "other.txt"]);
  const dup = fileReport(c, "copies/a copy.txt");
  assert.equal(dup.status, "duplicate");
  assert.equal(dup.duplicateOf, "a.txt");
  assert.equal(dup.recordId, null);
  assert.ok(c.warnings.some(([f, m]) => f === "copies/a copy.txt" && /même article que a\.txt \(octets identiques\)/.test(m)));
  assert.equal(c.report.duplicates, 1);
});

test("the same text with other line endings and spacing is the same article", async () => {
  const c = await load(await folder({
    "one.txt": ARTICLE,
    "two.txt": ARTICLE.replace(/\n/g, "\r\n").replace(/ /g, "  "),
  }));
  assert.equal(c.records.length, 1);
  assert.equal(fileReport(c, "two.txt").status, "duplicate");
  assert.ok(c.warnings.some(([, m]) => /même article que one\.txt \(même titre et même texte\)/.test(m)));
});

test("the same page saved twice with different furniture is one article", async () => {
  const page = (menu: string[], footer: string[]) =>
    ["<html><body><nav><ul>", ...menu.map((m) => `<li><a href="/${m}">${m}</a></li>`), "</ul></nav>",
      "<article><h1>Pékin et Moscou renforcent leur coopération militaire</h1>",
      "<p>Le président russe a salué « une coopération sans précédent » avec la Chine, été comme hiver.</p>",
      "<p>Les deux armées mèneront des exercices communs en mer de Chine orientale, a précisé le ministère.</p>",
      "</article><footer>", ...footer.map((f) => `<p>${f}</p>`), "</footer></body></html>"].join("\n");
  const c = await load(await folder({
    "saved-monday.html": page(["Monde", "Europe", "Asie"], ["© 2023 Le Journal", "Mentions légales"]),
    "saved-tuesday.html": page(["International", "Économie", "Sport", "Culture"], ["Newsletter", "Contact"]),
  }));
  assert.equal(c.records.length, 1);
  assert.equal(fileReport(c, "saved-tuesday.html").status, "duplicate");
});

test("file names with spaces, accents, capitals or the same slug get unique, stable, URL-safe ids", async () => {
  const files = {
    "Mon Article.txt": ARTICLE.replace("Pékin", "Pékin (1)"),
    "mon-article.txt": ARTICLE.replace("Pékin", "Pékin (2)"),
    "MON_ARTICLE.md": ARTICLE.replace("Pékin", "Pékin (3)"),
    "mon-article-2.txt": ARTICLE.replace("Pékin", "Pékin (4)"),
    "Été à Pékin !.txt": ARTICLE.replace("Pékin", "Pékin (5)"),
    "sub/Été à Pékin !.txt": ARTICLE.replace("Pékin", "Pékin (6)"),
  };
  const dir = await folder(files);
  const first = await load(dir);
  const ids = first.records.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, `unique: ${ids}`);
  for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  for (const r of first.records) assert.doesNotThrow(() => ArticleRecord.parse(r));
  const again = await load(dir);
  assert.deepEqual(again.records.map((r) => [r.source.file, r.id]), first.records.map((r) => [r.source.file, r.id]));
  const idOf = (file: string) => first.records.find((r) => r.source.file === file)!.id;
  // In path order "MON_ARTICLE.md" < "Mon Article.txt" < "mon-article-2.txt" < "mon-article.txt":
  // the first keeps the slug, the others are numbered, skipping "mon-article-2" (another file's own slug).
  assert.equal(idOf("MON_ARTICLE.md"), "mon-article");
  assert.equal(idOf("mon-article-2.txt"), "mon-article-2");
  assert.notEqual(idOf("Mon Article.txt"), "mon-article-2");
  assert.ok(first.warnings.some(([f, m]) => f === "mon-article.txt" && /est déjà celui de/.test(m)));
  // Events refer to the unique ids.
  const eventIds = new Set(first.events.flatMap((e) => e.articleIds));
  for (const id of ids) assert.ok(eventIds.has(id) || first.records.find((r) => r.id === id)?.eventId === null);
});

test("a path that does not exist is reported and the rest is read", async () => {
  const dir = await folder({ "a.txt": ARTICLE });
  const warnings: string[] = [];
  const c = await loadCorpus({ paths: [path.join(dir, "missing"), dir], cacheDir: null, onWarning: (f, m) => warnings.push(`${f}: ${m}`) });
  assert.equal(c.records.length, 1);
  assert.match(warnings.join("\n"), /missing: lecture impossible : ENOENT/);
});

test("a seed that cannot be read is reported in French, the reason without its trailing verdict", async () => {
  const dir = await folder({ "a.txt": ARTICLE, "locked.txt": ARTICLE.replace("Pékin", "Pékin (2)") });
  const denied = Object.assign(new Error("permission denied"), { code: "EACCES" });
  for (const cacheDir of [null, await mkdtemp(path.join(tmpdir(), "revue-corpus-cache-"))]) {
    const warnings: string[] = [];
    const c = await loadCorpus({
      paths: [dir], cacheDir,
      fs: { readSeed: async (abs) => (abs.endsWith("locked.txt") ? Promise.reject(denied) : readFile(abs)) },
      onWarning: (f, m) => warnings.push(`${f}: ${m}`),
    });
    assert.equal(c.records.length, 1);
    assert.deepEqual(warnings, ["locked.txt: lecture impossible : EACCES (permission refusée) : ignoré"]);
    assert.equal(c.report.files.find((f) => f.file === "locked.txt")?.reason, "lecture impossible : EACCES (permission refusée)");
  }
});

test("more than 200 files are extracted in worker threads with the same result as in one thread", { timeout: 60_000 }, async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 230; i++) files[`n${String(i).padStart(3, "0")}.txt`] = ARTICLE.replace("Pékin", `Pékin ${i}`);
  // refused in a worker, and duplicates found from keys made in the workers
  files["n100-copie.txt"] = files["n100.txt"]!.replace("Le président", "Le  président");
  files["vide.txt"] = "   \n";
  const dir = await folder(files);
  const pooled = await loadCorpus({ paths: [dir], cacheDir: null, workers: true });
  const single = await loadCorpus({ paths: [dir], cacheDir: null, workers: false });
  assert.equal(pooled.records.length, 230);
  assert.equal(pooled.report.duplicates, 1);
  assert.equal(pooled.report.files.find((f) => f.file === "vide.txt")?.status, "skipped");
  assert.deepEqual(pooled.records, single.records);
  assert.equal(pooled.report.workers, Math.min(availableParallelism(), 8), "the pool really ran");
  assert.equal(single.report.workers, 0);
  assert.deepEqual({ ...pooled.report, workers: 0 }, single.report);
});

test("a seed is read once: its bytes go from the record cache's look-up to its extraction", async () => {
  const dir = await folder({ "a.txt": ARTICLE, "b.txt": ARTICLE.replace("Pékin", "Pékin (2)"), "vide.txt": "" });
  const cacheDir = await mkdtemp(path.join(tmpdir(), "revue-corpus-cache-"));
  for (const round of ["cold", "warm"]) {
    const reads = new Map<string, number>();
    const c = await loadCorpus({
      paths: [dir], cacheDir, index: { trustTimes: false },
      fs: { readSeed: async (abs) => (reads.set(path.basename(abs), (reads.get(path.basename(abs)) ?? 0) + 1), readFile(abs)) },
    });
    assert.equal(c.records.length, 2, round);
    assert.deepEqual([...reads].sort(), [["a.txt", 1], ["b.txt", 1], ["vide.txt", 1]], round);
  }
});

test("past holdBytes, a seed is read again at its turn: the same records, and a seed unreadable by then fails alone", async () => {
  const dir = await folder({ "a.txt": ARTICLE, "b.txt": ARTICLE.replace("Pékin", "Pékin (2)"), "c.txt": ARTICLE.replace("Pékin", "Pékin (3)") });
  const held = await loadCorpus({ paths: [dir], cacheDir: null });
  const reads = new Map<string, number>();
  const again = await loadCorpus({
    paths: [dir], cacheDir: null, holdBytes: 0,
    fs: {
      readSeed: async (abs) => {
        const name = path.basename(abs);
        reads.set(name, (reads.get(name) ?? 0) + 1);
        // b.txt becomes unreadable between its look-up and its extraction
        if (name === "b.txt" && reads.get(name)! > 1) throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
        return readFile(abs);
      },
    },
  });
  assert.deepEqual([...reads].sort(), [["a.txt", 2], ["b.txt", 2], ["c.txt", 2]]);
  assert.deepEqual(again.records, held.records.filter((r) => r.source.file !== "b.txt"));
  const b = again.report.files.find((f) => f.file === "b.txt");
  assert.equal(b?.status, "failed");
  assert.match(b?.reason ?? "", /^lecture impossible : EACCES/);
});

test("the extract CLI prints only a JSON array on stdout and `revue: FILE: message` lines on stderr", { timeout: 60_000 }, async () => {
  const dir = await folder({ "a.txt": ARTICLE, "empty.txt": "", "x.pdf": "%PDF-" });
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/extract.ts", dir]);
  const records = JSON.parse(stdout) as unknown[];
  assert.equal(records.length, 1);
  assert.doesNotThrow(() => ArticleRecord.parse(records[0]));
  const lines = stderr.trim().split("\n").sort();
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^revue: empty\.txt: fichier vide : ignoré$/);
  assert.match(lines[1], /^revue: x\.pdf: extension « \.pdf » non prise en charge/);
});

test("reports list every file, in path order", async () => {
  const dir = await folder({ "b.txt": ARTICLE, "a.pdf": "x", "c/d.md": "# Titre\n\nTexte." });
  const c = await load(dir);
  assert.deepEqual(c.report.files.map((f) => f.file), ["a.pdf", "b.txt", "c/d.md"]);
});

test("malformed front matter: a warning with the line, the seed built without it", async () => {
  const c = await load(await folder({
    "fm.md": "---\ntitle: ok\ndate: [2023\n---\n\nCorps de l’article sur la coopération militaire entre Pékin et Moscou.\n",
    "good.txt": ARTICLE,
  }));
  assert.equal(c.records.length, 2);
  const fm = c.records.find((r) => r.source.file === "fm.md")!;
  assert.match(JSON.stringify(fm.body), /Corps de l’article/);
  assert.ok(c.warnings.some(([f, m]) => f === "fm.md" && /en-tête YAML/.test(m) && /ligne \d+/.test(m)), JSON.stringify(c.warnings));
  assert.deepEqual(fileReport(c, "good.txt").warnings, []);
});
