/**
 * Issue 10, input side: hostile and unlucky input never stops the build nor is
 * silently corrupted. Each case is made here, read by the loader (or decoded),
 * and checked for a record or a warning naming the file.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { chmod, mkdtemp, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultFs, loadCorpus, seedAsExtracted, type Corpus, type LoadOptions } from "../src/corpus.js";
import { decode, declaredCharset, sniffBinary } from "../src/ingest/decode.js";
import { ingestMarkdown } from "../src/ingest/markdown.js";
import { slug, MAX_SLUG_BYTES } from "../src/extract/knowledge.js";
import { extractRecord } from "../src/pipeline.js";
import { seedFolder } from "./helpers/seed-folder.js";
import { ROOT } from "./helpers/extract.js";

/** A small article: headline, byline with a date, a quotation with its speaker. */
const ARTICLE = "Pékin et Moscou renforcent leur coopération militaire\n\nPar Claire Dupont, le 14 juin 2024\n\n"
  + "Le président russe a salué « une coopération sans précédent » avec la Chine, été comme hiver.\n\n"
  + "Les deux armées mèneront des exercices en mer de Chine orientale, a précisé le ministère.\n";

const folder = (files: Record<string, string | Uint8Array>) => seedFolder(files, "revue-hostile-");

async function load(dir: string, extra: Partial<LoadOptions> = {}): Promise<Corpus & { warnings: [string, string][] }> {
  const warnings: [string, string][] = [];
  const corpus = await loadCorpus({ paths: [dir], cacheDir: null, workers: false, onWarning: (f, m) => warnings.push([f, m]), ...extra });
  return { ...corpus, warnings };
}

function warned(c: { warnings: [string, string][] }, file: string, pattern: RegExp): void {
  assert.ok(c.warnings.some(([f, m]) => f === file && pattern.test(m)), `${file} ${pattern}: ${JSON.stringify(c.warnings)}`);
}


// ---- names too long for the file system ----

test("slugs are at most MAX_SLUG_BYTES, cut ones end with a hash, short ones are unchanged", () => {
  assert.equal(slug("Vladimir Poutine"), "vladimir-poutine");
  const amp = slug("&".repeat(80));
  assert.ok(Buffer.byteLength(amp) <= MAX_SLUG_BYTES, amp);
  assert.match(amp, /^and(-and)*-[0-9a-f]{8}$/);
  const a = slug("a".repeat(252));
  const b = slug("a".repeat(251) + "b");
  assert.ok(a.length <= MAX_SLUG_BYTES && b.length <= MAX_SLUG_BYTES);
  assert.notEqual(a, b, "two long names with the same beginning keep different slugs");
  assert.equal(slug("a".repeat(252)), a, "stable");
});

test("a 252-character seed name and a name of 80 '&' give short ids; both are read", async () => {
  const long = "a".repeat(248) + ".txt";
  const amps = "&".repeat(80) + ".txt";
  const c = await load(await folder({ [long]: ARTICLE, [amps]: ARTICLE.replace("Pékin", "Pékin (2)") }));
  assert.equal(c.records.length, 2);
  for (const r of c.records) assert.ok(Buffer.byteLength(r.id) <= MAX_SLUG_BYTES + 3, r.id);
});

test("a 300-character outlet in front matter, a title of 8 × 40-letter words, a 270-letter word in a speaker's name: short ids", () => {
  const word = "x".repeat(40);
  const md = [
    "---",
    `title: ${Array.from({ length: 8 }, (_, i) => word.slice(1) + i).join(" ")}`,
    `outlet: ${"Le Grand Journal ".repeat(18)}`,
    "date: 2024-06-14",
    "---",
    "",
    `« Nous renforçons notre coopération », a déclaré Igor ${"K" + "o".repeat(269)}, porte-parole du ministère.`,
    "",
  ].join("\n");
  const r = extractRecord({ file: "long.md", bytes: Buffer.from(md) });
  assert.ok(r.outlet, "the outlet is kept");
  assert.ok(Buffer.byteLength(r.outlet.id) <= MAX_SLUG_BYTES, r.outlet.id);
  assert.ok(r.outlet.name.length >= 300, "the name itself is not cut");
  for (const p of [...r.speakers, ...r.mentions]) assert.ok(Buffer.byteLength(p.id) <= MAX_SLUG_BYTES, p.id);
  assert.ok(r.eventId === null || Buffer.byteLength(r.eventId) < 200, r.eventId ?? "");
});

// ---- files that cannot be read ----

test("a file that disappears between listing and reading is a warning naming it; the others are built", async () => {
  const dir = await folder({ "a.txt": ARTICLE, "gone.txt": ARTICLE.replace("Pékin", "Pékin (2)") });
  const c = await load(dir, {
    fs: {
      readSeed: async (abs) => {
        if (abs.endsWith("gone.txt")) await unlink(abs).catch(() => undefined);
        return defaultFs.readSeed(abs);
      },
    },
  });
  assert.deepEqual(c.records.map((r) => r.source.file), ["a.txt"]);
  warned(c, "gone.txt", /lecture impossible : ENOENT \(le fichier a disparu/);
  assert.equal(c.report.files.find((f) => f.file === "gone.txt")?.status, "failed");
});

test("a file that disappears before the cache look-up is a warning too (no uncaught error)", async () => {
  const dir = await folder({ "a.txt": ARTICLE, "gone.txt": ARTICLE.replace("Pékin", "Pékin (2)") });
  const cacheDir = await mkdtemp(path.join(tmpdir(), "revue-hostile-cache-"));
  const c = await load(dir, {
    cacheDir,
    fs: { readSeed: async (abs) => (abs.endsWith("gone.txt") ? Promise.reject(Object.assign(new Error("gone"), { code: "ENOENT" })) : defaultFs.readSeed(abs)) },
  });
  assert.equal(c.records.length, 1);
  warned(c, "gone.txt", /ENOENT/);
});

test("an unreadable file (read refused: EACCES, injected since root reads chmod 000 files) is a warning naming it", async () => {
  const dir = await folder({ "a.txt": ARTICLE, "locked.txt": ARTICLE.replace("Pékin", "Pékin (2)") });
  const denied = Object.assign(new Error("permission denied"), { code: "EACCES" });
  const c = await load(dir, { fs: { readSeed: async (abs) => (abs.endsWith("locked.txt") ? Promise.reject(denied) : defaultFs.readSeed(abs)) } });
  assert.equal(c.records.length, 1);
  warned(c, "locked.txt", /lecture impossible : EACCES \(permission refusée\)/);
});

test("the copy for sources/ is the bytes that were extracted, or a reason when the file has gone or changed", async () => {
  const dir = await folder({ "a.txt": ARTICLE, "b.txt": ARTICLE.replace("Pékin", "Pékin (2)") });
  const c = await load(dir);
  const [a, b] = c.records;
  const same = await seedAsExtracted(dir, a);
  assert.ok("bytes" in same && Buffer.from(same.bytes).toString() === ARTICLE);
  await writeFile(path.join(dir, "a.txt"), ARTICLE + "edited\n");
  assert.deepEqual(await seedAsExtracted(dir, a), { reason: "modifié depuis sa lecture : pas de copie dans sources/ (relancez la construction)" });
  await unlink(path.join(dir, "b.txt"));
  const gone = await seedAsExtracted(dir, b);
  assert.ok("reason" in gone && /ENOENT/.test(gone.reason));
});

/**
 * `npm run extract` on a folder, as the user "nobody" when the tests run as root (root
 * reads chmod 000 files and folders, so the check would prove nothing): the records'
 * files and the warnings printed.
 */
function extractAsUser(dir: string): { files: string[]; stderr: string } {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/extract.ts", dir], { ...asNobody, cwd: ROOT, encoding: "utf8", env: { ...process.env, HOME: tmpdir() } });
  assert.equal(r.status, 0, r.stderr);
  return { files: (JSON.parse(r.stdout) as { source: { file: string } }[]).map((x) => x.source.file), stderr: r.stderr };
}

test("chmod 000 on a file and a folder, for real, built as a normal user", async () => {
  const dir = await folder({ "a.txt": ARTICLE, "locked.txt": ARTICLE.replace("Pékin", "Pékin (2)"), "sub/b.txt": ARTICLE.replace("Pékin", "Pékin (3)") });
  await chmod(dir, 0o755);
  await chmod(path.join(dir, "locked.txt"), 0o000);
  await chmod(path.join(dir, "sub"), 0o000);
  try {
    const { files, stderr } = extractAsUser(dir);
    assert.deepEqual(files, ["a.txt"]);
    assert.match(stderr, /^revue: locked\.txt: lecture impossible : EACCES/m);
    assert.match(stderr, /^revue: sub\/: dossier : lecture impossible : EACCES/m);
  } finally {
    await chmod(path.join(dir, "sub"), 0o755);
  }
});

test("an unreadable subfolder is reported; the rest of the seeds folder is read (folder by folder)", async () => {
  const dir = await folder({ "a.txt": ARTICLE, "locked/b.txt": ARTICLE.replace("Pékin", "Pékin (2)"), "open/c.txt": ARTICLE.replace("Pékin", "Pékin (3)") });
  const denied = Object.assign(new Error("permission denied"), { code: "EACCES" });
  const c = await load(dir, { fs: { readDir: async (d) => (d.endsWith("locked") ? Promise.reject(denied) : defaultFs.readDir(d)) } });
  assert.deepEqual(c.records.map((r) => r.source.file), ["a.txt", "open/c.txt"]);
  warned(c, "locked/", /dossier : lecture impossible : EACCES \(permission refusée\) ; les fichiers qu'il contient ne sont pas construits/);
  assert.equal(c.report.failed, 1);
});

// ---- the per-seed budget ----

test("large seeds are extracted under guard: the same record as unguarded, and one that needs more memory than allowed is skipped with a warning", { timeout: 120_000 }, async () => {
  // A page of 120,000 paragraphs (6 MB): its document tree alone needs far more than a 100 MB heap.
  const huge = `<!doctype html><html><head><title>Grand</title></head><body><article><h1>Grand</h1>${"<p>Pékin et Moscou, un paragraphe de plus.</p>\n".repeat(120_000)}</article></body></html>`;
  const dir = await folder({ "a.txt": ARTICLE, "huge.html": huge });
  const plain = await load(await folder({ "a.txt": ARTICLE }), { guard: null });
  const c = await load(dir, { guard: { bytes: 1, memoryMb: 100 } });
  assert.deepEqual(c.records, plain.records, "a.txt, extracted in the guarded worker, has the record it has inline");
  warned(c, "huge.html", /^l'extraction a demandé plus de 100 Mo de mémoire \(le budget d'un fichier\) : arrêtée, fichier ignoré$/);
  assert.equal(c.report.files.find((f) => f.file === "huge.html")?.status, "failed");
});

// ---- links and special files ----

test("symlinks, a symlinked folder, a dangling link and a FIFO are reported, never silently absent", async () => {
  const outside = await folder({ "secret.txt": "not an article, and not to be published" });
  const dir = await folder({ "a.txt": ARTICLE, "hidden/.b.txt": ARTICLE.replace("Pékin", "Pékin (2)"), "sub/c.txt": ARTICLE.replace("Pékin", "Pékin (3)") });
  await symlink("a.txt", path.join(dir, "link-to-a.txt"));
  await symlink("hidden/.b.txt", path.join(dir, "link-to-b.txt"));
  await symlink(path.join(outside, "secret.txt"), path.join(dir, "outside.txt"));
  await symlink("sub", path.join(dir, "linked-folder"));
  await symlink("nowhere.txt", path.join(dir, "dangling.txt"));
  await symlink("loop-b.txt", path.join(dir, "loop-a.txt"));
  await symlink("loop-a.txt", path.join(dir, "loop-b.txt"));
  execFileSync("mkfifo", [path.join(dir, "pipe.txt")]);
  const c = await load(dir);
  const files = c.records.map((r) => r.source.file);
  assert.deepEqual(files, ["a.txt", "link-to-b.txt", "sub/c.txt"]);
  warned(c, "link-to-a.txt", /lien symbolique vers a\.txt, qui est lu sous son propre nom/);
  warned(c, "link-to-b.txt", /lien symbolique vers hidden\/\.b\.txt .*lu à travers le lien/);
  warned(c, "outside.txt", /hors du dossier lu : non suivi/);
  warned(c, "linked-folder", /lien symbolique vers un dossier : non suivi/);
  warned(c, "dangling.txt", /lien symbolique vers rien \(ENOENT : sa cible n'existe pas\)/);
  warned(c, "loop-a.txt", /lien symbolique vers rien \(ELOOP : il mène à lui-même\)/);
  warned(c, "pipe.txt", /tube nommé \(FIFO\), pas un fichier ordinaire/);
  for (const f of ["link-to-a.txt", "outside.txt", "linked-folder", "dangling.txt", "pipe.txt"]) {
    assert.ok(c.report.files.some((r) => r.file === f), `${f} is in the report`);
  }
  assert.doesNotMatch(JSON.stringify(c.records), /not to be published/);
});

// ---- text silently corrupted ----

test("NFD text (as copied on macOS) is read as NFC: date, author and quotation found", () => {
  const nfc = extractRecord({ file: "a.txt", bytes: Buffer.from(ARTICLE) });
  const nfd = extractRecord({ file: "a.txt", bytes: Buffer.from(ARTICLE.normalize("NFD")) });
  assert.notEqual(ARTICLE.normalize("NFD"), ARTICLE);
  assert.deepEqual({ ...nfd, source: null }, { ...nfc, source: null });
  assert.equal(decode(Buffer.from("Pékin".normalize("NFD"))).text, "Pékin");
});

test("zero-width spaces and soft hyphens inside names are removed from the text", () => {
  const dirty = "Vladi\u200bmir Pou\u00adtine a parlé\u2060 à Pé\ufeffkin.";
  assert.equal(decode(Buffer.from(dirty)).text, "Vladimir Poutine a parlé à Pékin.");
  const text = `${ARTICLE}« Nous sommes prêts », a déclaré Vladi\u200bmir Pou\u00adtine.\n`;
  const r = extractRecord({ file: "a.txt", bytes: Buffer.from(text) });
  assert.ok(r.speakers.some((p) => p.name === "Vladimir Poutine"), JSON.stringify(r.speakers));
  assert.doesNotMatch(JSON.stringify(r), /\u200b|\u00ad/);
});

test("a saved page writing them as entities (&shy;, &#8203;) or a decomposed accent: the same clean text", () => {
  const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Pou&shy;tine à Pékin</title></head><body><article><h1>Pou&shy;tine à Pe&#769;kin</h1><p>Par Claire Dupont, le 14 juin 2024</p><p>« Nous avançons ensemble », a déclaré Vladi&#8203;mir Pou&shy;tine, selon le Kremlin. Le président s'exprimait devant la presse à l'issue de la rencontre.</p></article></body></html>`;
  const r = extractRecord({ file: "a.html", bytes: Buffer.from(page) });
  assert.equal(r.title, "Poutine à Pékin");
  assert.deepEqual(r.speakers.map((p) => p.name), ["Vladimir Poutine"]);
  assert.doesNotMatch(JSON.stringify(r), /\u200b|\u00ad|\u0301/);
});

test("a page nested too deep to parse still has the metadata of its <head>", () => {
  const page = `<!doctype html><html lang="fr"><head><title>Exercice naval conjoint</title><meta property="article:published_time" content="2024-07-15T09:42:00+02:00"></head><body>${"<div>".repeat(600)}<p>Les marines chinoise et russe ont mené un exercice conjoint.</p>${"</div>".repeat(600)}</body></html>`;
  const r = extractRecord({ file: "deep.html", bytes: Buffer.from(page) });
  assert.match(r.warnings.join("\n"), /imbriqué sur plus de 400 niveaux/);
  assert.equal(r.date, "2024-07-15");
  assert.match(r.dateEvidence ?? "", /published_time/);
});

test("one invalid byte in a UTF-8 file: read as UTF-8 with U+FFFD, and a warning (not Windows-1252 mojibake)", async () => {
  const stray = Buffer.concat([Buffer.from("Pékin et Moscou, l"), Buffer.from([0x92]), Buffer.from("accord « été » signé.\n")]);
  const d = decode(stray);
  assert.equal(d.encoding, "utf-8");
  assert.equal(d.text, "Pékin et Moscou, l\uFFFDaccord « été » signé.\n");
  assert.match(d.warnings.join(), /1 octet invalide, le premier à la ligne 1/);
  const cut = Buffer.from("Pékin et Moscou signent un accord à Séoul é").subarray(0, -1);
  const dc = decode(cut);
  assert.equal(dc.encoding, "utf-8");
  assert.match(dc.text, /^Pékin et Moscou signent un accord à Séoul \uFFFD$/);
  assert.match(dc.warnings.join(), /dernier caractère est coupé/);
  // …and the loader puts the warning on the file
  const c = await load(await folder({ "stray.txt": Buffer.concat([Buffer.from(ARTICLE), Buffer.from([0x92, 0x0a])]) }));
  warned(c, "stray.txt", /UTF-8 invalide/);
  assert.doesNotMatch(JSON.stringify(c.records), /Ã©/);
  assert.match(c.records[0].warnings.join(), /UTF-8 invalide/, "the warning is on the record too");
  // a real Windows-1252 file is still read as Windows-1252, silently
  assert.deepEqual(decode(Buffer.from("R\xe9sum\xe9 \x92ok\x92", "latin1")), { text: "Résumé ’ok’", encoding: "windows-1252", warnings: [] });
});

test("an HTML page declaring its charset (windows-1251, koi8-r, latin1) is decoded by its declaration", async () => {
  const cyr = "Москва и Пекин укрепляют военное сотрудничество";
  const page = (decl: string, body: Uint8Array) => Buffer.concat([
    Buffer.from(`<!doctype html>\n<html><head>${decl}<title>`), body, Buffer.from("</title></head><body><article><h1>"), body,
    Buffer.from("</h1><p>"), body, Buffer.from(". Texte de l'article.</p></article></body></html>\n"),
  ]);
  const cp1251 = new Uint8Array([...cyr].map((ch) => (ch === " " ? 0x20 : ch.codePointAt(0)! - 0x410 + 0xc0)));
  assert.equal(declaredCharset(page('<meta charset="windows-1251">', cp1251)), "windows-1251");
  const d = decode(page('<meta charset="windows-1251">', cp1251));
  assert.equal(d.encoding, "windows-1251");
  assert.match(d.text, new RegExp(cyr));
  const httpEquiv = decode(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', cp1251));
  assert.equal(httpEquiv.encoding, "windows-1251");
  // a declaration inside a comment does not count; an unknown label is passed over
  assert.equal(declaredCharset(Buffer.from('<html><!-- <meta charset="koi8-r"> --><meta charset="bogus"><meta charset=latin1>')), "windows-1252");
  assert.deepEqual(["utf-16", "x-user-defined", "gb2312", "iso-2022-kr"].map((l) => declaredCharset(Buffer.from(`<meta charset="${l}">`))),
    ["utf-8", "windows-1252", "gbk", null], "WHATWG's special cases; a label Node cannot decode is passed over");
  assert.equal(decode(Buffer.from('<html><meta charset="iso-8859-1"><p>\x92ok\x92 \xe9t\xe9</p>', "latin1")).text, "<html><meta charset=\"iso-8859-1\"><p>’ok’ été</p>");
  // a page whose bytes are UTF-8 despite a legacy declaration is read as UTF-8, with a warning
  const resaved = decode(Buffer.from(`<html><head><meta charset="windows-1251"></head><body>${cyr}</body></html>`));
  assert.equal(resaved.encoding, "utf-8");
  assert.match(resaved.text, new RegExp(cyr));
  assert.match(resaved.warnings.join(), /déclare le jeu de caractères windows-1251 mais ses octets sont en UTF-8/);
  const c = await load(await folder({ "cyr.html": page('<meta charset="windows-1251">', cp1251) }));
  assert.equal(c.records[0].source.encoding, "windows-1251");
  assert.match(JSON.stringify(c.records[0]), new RegExp(cyr));
});

test("UTF-16 without a byte-order mark is recognised and decoded, with a warning (not 'binary')", async () => {
  const le = Buffer.from(ARTICLE, "utf16le");
  const be = Buffer.from(ARTICLE, "utf16le").swap16();
  assert.equal(sniffBinary(le), null);
  assert.equal(sniffBinary(be), null);
  assert.deepEqual([decode(le).encoding, decode(be).encoding], ["utf-16le", "utf-16be"]);
  assert.equal(decode(le).text, ARTICLE);
  assert.equal(decode(be).text, ARTICLE);
  assert.match(decode(le).warnings.join(), /UTF-16 LE sans marque d'ordre des octets/);
  // the NUL pattern of UTF-16 but control characters once decoded: said, and not read
  const damaged = Buffer.from(ARTICLE.replace(/e/g, "\u0001"), "utf16le");
  assert.match(sniffBinary(damaged) ?? "", /UTF-16 sans marque d'ordre des octets \(BOM\) qui ne se décode pas proprement/);
  const c = await load(await folder({ "le.txt": le, "damaged.txt": damaged }));
  assert.equal(c.records.length, 1);
  assert.match(JSON.stringify(c.records[0]), /« une coopération sans précédent »/);
  warned(c, "le.txt", /UTF-16 LE sans marque d'ordre des octets/);
  warned(c, "damaged.txt", /UTF-16 sans marque d'ordre des octets/);
  // binary with NUL bytes is still binary
  assert.match(sniffBinary(new Uint8Array([0x41, 0x42, 0x00, 0x43])) ?? "", /NUL/);
});

// ---- front matter ----

test("front-matter typos (titel, dat, outlett) are warnings with the line and the key meant", async () => {
  const md = "---\ntitel: Un titre\ndat: 2024-06-14\noutlett: Le Monde\n---\n\nCorps de l’article sur la coopération militaire entre Pékin et Moscou.\n";
  const doc = ingestMarkdown(md);
  assert.deepEqual(doc.warnings, [
    'en-tête YAML, ligne 2 : champ inconnu « titel » (vouliez-vous dire « title » ?) : ignoré',
    'en-tête YAML, ligne 3 : champ inconnu « dat » (vouliez-vous dire « date » ?) : ignoré',
    'en-tête YAML, ligne 4 : champ inconnu « outlett » (vouliez-vous dire « outlet » ?) : ignoré',
  ]);
  const c = await load(await folder({ "typo.md": md }));
  warned(c, "typo.md", /ligne 2 : champ inconnu « titel »/);
  assert.deepEqual(ingestMarkdown("---\ntitle: Un titre\ndate: 2024-06-14\n---\n\nTexte.\n").warnings, [], "known keys: no warning");
});
