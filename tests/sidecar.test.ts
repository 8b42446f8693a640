import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ArticleRecord, type Person } from "../src/record.js";
import { applySidecar, registryResolvers, parseSidecar, sidecarStem, type ParsedSidecar } from "../src/sidecar.js";
import { loadCorpus } from "../src/corpus.js";

const putin: Person = { id: "vladimir-poutine", name: "Vladimir Poutine", role: "président de la Russie", kind: "person", wikidata: "Q7747", via: "registry" };
const xi: Person = { id: "xi-jinping", name: "Xi Jinping", role: null, kind: "person", wikidata: null, via: "registry" };
const lavrov: Person = { id: "sergueï-lavrov", name: "Sergueï Lavrov", role: null, kind: "person", wikidata: null, via: "text" };

function quote(text: string, speakerId: string | null, paragraph: number) {
  return { text, speakerId, cue: "a déclaré", location: "body" as const, paragraph, fragment: false, via: "text" as const };
}

const RECORD: ArticleRecord = ArticleRecord.parse({
  id: "article",
  source: { file: "article.txt", sha256: "0".repeat(64), format: "text", encoding: "utf-8", bytes: 100, url: null },
  title: "Titre mal extrait",
  date: null,
  dateConfidence: "none",
  dateEvidence: null,
  outlet: null,
  authors: [],
  agencies: [],
  language: "fr",
  lede: null,
  body: ["Premier paragraphe.", "Second paragraphe."],
  captions: [],
  speakers: [putin],
  mentions: [xi],
  quotes: [
    quote("Nous défendons nos positions de principe", "vladimir-poutine", 0),
    quote("renforcer la coopération entre les forces armées", "vladimir-poutine", 1),
    quote("un partenariat sans limites", null, 1),
  ],
  eventId: null,
  via: { title: "first-sentence" },
  manual: [],
  warnings: [],
});

const resolvers = {
  resolveOutlet: registryResolvers.resolveOutlet,
  resolvePerson: (name: string) => ({ "Xi Jinping": xi, "Vladimir Poutine": putin })[name] ?? { ...lavrov, name },
};

function parsed(text: string): ParsedSidecar {
  const r = parseSidecar(text);
  assert.ok(r.ok, r.ok ? "" : r.error);
  return r.sidecar;
}

function parseError(text: string): string {
  const r = parseSidecar(text);
  assert.ok(!r.ok, "expected an error");
  return r.error;
}

test("sidecar names: NAME.meta.yaml, .yml and .json stand for NAME.*", () => {
  assert.equal(sidecarStem("sub/Mon article.meta.yaml"), "sub/Mon article");
  assert.equal(sidecarStem("a.META.JSON"), "a");
  assert.equal(sidecarStem("a.meta.yml"), "a");
  assert.equal(sidecarStem("a.yaml"), null);
});

test("title, date, outlet and url are set and marked manual", () => {
  const { record, warnings } = applySidecar(RECORD, parsed([
    "title: Poutine veut renforcer sa coopération militaire avec Pékin",
    "date: 2022-12-30",
    "outlet: La Revue Internationale",
    "url: https://example.org/poutine",
  ].join("\n")), resolvers);
  assert.deepEqual(warnings, []);
  assert.equal(record.title, "Poutine veut renforcer sa coopération militaire avec Pékin");
  assert.equal(record.date, "2022-12-30");
  assert.equal(record.dateConfidence, "explicit");
  assert.deepEqual(record.outlet, { id: "la-revue-internationale", name: "La Revue Internationale" });
  assert.equal(record.source.url, "https://example.org/poutine");
  assert.deepEqual(record.manual.sort(), ["date", "outlet", "title", "url"]);
  assert.equal(record.via.title, "manual");
  assert.equal(record.via.date, "manual");
  assert.equal(RECORD.title, "Titre mal extrait", "the input record is not modified");
});

test("a quotation's speaker is set by a passage of its text; people move between speakers and mentions", () => {
  const { record, warnings } = applySidecar(RECORD, parsed([
    "quotes:",
    "  - text: « Un partenariat SANS limites »", // case, quotation marks and spacing do not matter
    "    speaker: Xi Jinping",
    "  - text: nos positions",
    "    speaker: Sergueï Lavrov",
  ].join("\n")), resolvers);
  assert.deepEqual(warnings, []);
  assert.equal(record.quotes[2].speakerId, "xi-jinping");
  assert.equal(record.quotes[2].via, "manual");
  assert.equal(record.quotes[0].speakerId, "sergueï-lavrov");
  assert.equal(record.quotes[1].via, "text", "other quotations untouched");
  assert.deepEqual(record.speakers.map((p) => p.id).sort(), ["sergueï-lavrov", "vladimir-poutine", "xi-jinping"]);
  assert.deepEqual(record.mentions, []);
  assert.deepEqual(record.manual, ["quotes"]);
});

test("a quotation can be excluded (by index) or made unattributed (speaker: null)", () => {
  const { record } = applySidecar(RECORD, parsed([
    "quotes:",
    "  - index: 0",
    "    exclude: true",
    "  - text: renforcer la coopération",
    "    speaker: null",
  ].join("\n")), resolvers);
  assert.deepEqual(record.quotes.map((q) => [q.text, q.speakerId]), [
    ["renforcer la coopération entre les forces armées", null],
    ["un partenariat sans limites", null],
  ]);
  assert.deepEqual(record.speakers, [], "Poutine no longer quoted…");
  assert.deepEqual(record.mentions.map((p) => p.id).sort(), ["vladimir-poutine", "xi-jinping"], "…is still mentioned");
});

test("a selector that matches no quotation, or several, is reported with its line; the rest applies", () => {
  const { record, warnings } = applySidecar(RECORD, parsed([
    "title: Bon titre",
    "quotes:",
    "  - text: introuvable",
    "    speaker: Xi Jinping",
    "  - text: on",
    "    exclude: true",
    "  - index: 9",
    "    exclude: true",
  ].join("\n")), resolvers);
  assert.equal(record.title, "Bon titre");
  assert.equal(record.quotes.length, 3);
  assert.deepEqual(warnings, [
    'fichier de corrections : ligne 3 : aucune citation ne contient « introuvable » : consigne ignorée',
    'fichier de corrections : ligne 5 : « on » figure dans 2 citations (0, 1) : citez-en davantage ou utilisez index : consigne ignorée',
    "fichier de corrections : ligne 7 : aucune citation à l'index 9 (l'article en a 3) : consigne ignorée",
  ]);
});

test("malformed sidecars are refused with the line of the problem", () => {
  assert.match(parseError("title: a\ndate: [2022\nurl: x\n"), /^ligne [23] : YAML invalide : /);
  assert.match(parseError("title: a\ntitle: b\n"), /^ligne 2 : .*[Mm]ap keys must be unique/);
  assert.equal(parseError("title: ok\ntitel: typo\n"), 'ligne 2 : clé inconnue « titel » (vouliez-vous dire « title » ? clés connues : title, date, outlet, url, quotes ; dans quotes : text, index, speaker, exclude)');
  assert.equal(parseError("title: ok\n\ndate: 2023-02-30\n"), "ligne 3 : date: ce jour n'existe pas dans le calendrier");
  assert.equal(parseError("date: 30/12/2022\n"), "ligne 1 : date: une date s'écrit AAAA-MM-JJ");
  assert.match(parseError("url: javascript:alert(1)\n"), /^ligne 1 : url: une adresse web http\(s\)/);
  assert.match(parseError("quotes:\n  - speaker: Xi Jinping\n"), /^ligne 2 : quotes\.0: une citation se désigne par `text`/);
  assert.match(parseError("quotes:\n  - text: abc\n"), /^ligne 2 : quotes\.0: dites quoi faire/);
  assert.match(parseError("- just\n- a list\n"), /^ligne 1 : des clés sont attendues/);
  assert.match(parseError('{\n  "title": "a",\n  "date": 20221230\n}\n'), /^ligne 3 : date: /);
});

test("JSON sidecars and empty sidecars parse", () => {
  assert.deepEqual(parsed('{"title": "Titre", "quotes": [{"index": 1, "exclude": true}]}').value, {
    title: "Titre", quotes: [{ index: 1, exclude: true }],
  });
  assert.deepEqual(parsed("").value, {});
  assert.deepEqual(parsed("# only a comment\n").value, {});
});

test("in a corpus: a sidecar applies, a manual date survives the corpus stage, a malformed one is reported and ignored", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "revue-sidecar-"));
  const article = "Titre extrait\n\nLe président russe a parlé de coopération avec Pékin, été comme hiver.\n";
  await writeFile(path.join(dir, "bon.txt"), article);
  await writeFile(path.join(dir, "bon.meta.yaml"), "title: Titre corrigé\ndate: 2023-03-21\n");
  await writeFile(path.join(dir, "mauvais.txt"), article.replace("Pékin", "Moscou"));
  await writeFile(path.join(dir, "mauvais.meta.json"), '{\n  "title": "x",\n  "date": "2023-03-21",\n}\n}\n');
  await writeFile(path.join(dir, "orphelin.meta.yaml"), "title: rien\n");
  const warnings: string[] = [];
  const c = await loadCorpus({ paths: [dir], cacheDir: null, onWarning: (f, m) => warnings.push(`${f}: ${m}`) });
  const bon = c.records.find((r) => r.source.file === "bon.txt")!;
  assert.equal(bon.title, "Titre corrigé");
  assert.equal(bon.date, "2023-03-21");
  assert.deepEqual(bon.manual.sort(), ["date", "title"]);
  assert.equal(c.report.files.find((f) => f.file === "bon.txt")?.sidecar, "bon.meta.yaml");
  const mauvais = c.records.find((r) => r.source.file === "mauvais.txt")!;
  assert.notEqual(mauvais.title, "x", "the malformed sidecar is not applied");
  assert.deepEqual(mauvais.manual, []);
  assert.match(warnings.join("\n"), /^mauvais\.txt: fichier de corrections mauvais\.meta\.json : ligne 5 : .* : article construit sans lui$/m);
  assert.match(mauvais.warnings.join("\n"), /fichier de corrections mauvais\.meta\.json : ligne 5 :/);
  assert.match(warnings.join("\n"), /^orphelin\.meta\.yaml: fichier de corrections sans article nommé orphelin\.\* à côté de lui/m);
  assert.equal(c.records.length, 2, "sidecars are not seeds");
});

test("on a real seed: a speaker set by name goes through the people registry, an exclusion drops the quotation", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "revue-sidecar-"));
  const seed = "000_4262eaa43c502efd.txt";
  await writeFile(path.join(dir, seed), await readFile(path.join("seeds", seed)));
  const before = (await loadCorpus({ paths: [dir], cacheDir: null })).records[0];
  await writeFile(path.join(dir, "000_4262eaa43c502efd.meta.yaml"), [
    "date: 2022-12-29",
    "quotes:",
    "  - text: position objective et juste",
    "    speaker: Poutine",
    "  - text: La coordination entre Moscou et Pékin",
    "    exclude: true",
  ].join("\n"));
  const c = await loadCorpus({ paths: [dir], cacheDir: null });
  const after = c.records[0];
  assert.deepEqual(c.report.files[0].warnings, []);
  assert.equal(after.quotes.length, before.quotes.length - 1);
  assert.ok(!after.quotes.some((q) => q.text.startsWith("La coordination entre Moscou et Pékin")));
  const moved = after.quotes.find((q) => q.text === "position objective et juste");
  assert.deepEqual([moved?.speakerId, moved?.via], ["vladimir-poutine", "manual"], "the alias 'Poutine' resolves to the registry entry");
  assert.equal(after.date, "2022-12-29", "the manual date survives the corpus stage");
  assert.deepEqual(after.manual.sort(), ["date", "quotes"]);
  assert.equal(c.events.find((e) => e.articleIds.includes(after.id))?.date, "2022-12-29");
});
