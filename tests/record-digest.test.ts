/**
 * src/record-digest.ts: a record's digest is the same for two records exactly when their JSON is —
 * for records read as they are, records whose digest was given (the seed index), and records
 * linkCorpus derived from others (a copy with dates and the event set).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { derivedRecord, knownDigest, plainRecordDigest, recordDigest } from "../src/record-digest.js";
import { currentYear, loadCorpus } from "../src/corpus.js";
import { linkCorpus } from "../src/pipeline.js";
import { LINKED_FIELDS } from "../src/extract/events.js";
import { SeedIndex, readIndexFile } from "../src/seed-index.js";
import { runSeedJob } from "../src/seed-job.js";
import { ROOT } from "./helpers/site.js";
import { extractText } from "./helpers/extract.js";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const FIELDS = ["date", "eventId"] as const;

test("a plain record: the SHA-256 of its JSON; a known one: the digest given", () => {
  const r = { id: "a", date: null, body: ["x"] };
  assert.equal(recordDigest(r), sha(JSON.stringify(r)));
  assert.equal(plainRecordDigest(r), recordDigest(r));
  const k = { id: "b" };
  knownDigest(k, "f".repeat(64));
  assert.equal(recordDigest(k), "f".repeat(64));
});

test("a derived record: the same digest exactly when its JSON is the same, whatever the objects", () => {
  const origin = () => ({ id: "a", date: null as string | null, via: { date: null as string | null }, eventId: null as string | null, body: ["un", "deux"] });
  const derive = (from: object, set: (c: Record<string, unknown>) => void) => {
    const c: Record<string, unknown> = { ...from };
    derivedRecord(c, from, [...FIELDS, "via", "extra"]);
    set(c);
    return c;
  };
  const cases = [
    (c: Record<string, unknown>) => void c,
    (c: Record<string, unknown>) => (c.date = "2024-01-02"),
    (c: Record<string, unknown>) => (c.eventId = "e1"),
    (c: Record<string, unknown>) => ((c.eventId = "e1"), (c.date = "2024-01-02")),
    (c: Record<string, unknown>) => (c.via = { date: "corpus" }),
    (c: Record<string, unknown>) => (c.extra = 1), // a field the origin has not: added last
  ];
  const made = cases.map((set) => derive(origin(), set));
  const again = cases.map((set) => derive(origin(), set));
  for (let i = 0; i < cases.length; i++) {
    assert.equal(recordDigest(made[i]), recordDigest(again[i]), `case ${i}: other objects, same JSON`);
    for (let j = 0; j < cases.length; j++) {
      if (i === j) continue;
      assert.equal(JSON.stringify(made[i]) === JSON.stringify(made[j]), recordDigest(made[i]) === recordDigest(made[j]), `cases ${i}, ${j}`);
    }
  }
  // origins with another JSON: other digests for the same fields
  const other = derive({ ...origin(), body: ["un", "trois"] }, () => undefined);
  assert.notEqual(recordDigest(other), recordDigest(made[0]));
  // the same fields set in another order on an origin without them: another key order, another JSON, another digest
  const bare = { id: "a" };
  const ab = derive(bare, (c) => ((c.date = "d"), (c.eventId = "e")));
  const ba = derive(bare, (c) => ((c.eventId = "e"), (c.date = "d")));
  assert.notEqual(JSON.stringify(ab), JSON.stringify(ba));
  assert.notEqual(recordDigest(ab), recordDigest(ba));
});

test("linkCorpus twice over records read twice: the same digests, each record's the same exactly when its JSON is", async () => {
  const load = () => loadCorpus({ paths: [path.join(ROOT, "seeds")], cacheDir: null, latestYear: currentYear() });
  const [a, b] = [await load(), await load()];
  const la = linkCorpus(a.records.map((r) => structuredClone(r)));
  const lb = linkCorpus(b.records.map((r) => structuredClone(r)));
  assert.deepEqual(la.records.map(recordDigest), lb.records.map(recordDigest));
  // an input record changed: its output's digest changes, the others' stay (the same derivation, from
  // inputs read as they are: a record derived from a derived one has another digest for the same JSON)
  const changed = b.records.map((r, i) => structuredClone(i === 0 ? { ...r, title: `${r.title} (corrigé)` } : r));
  const lc = linkCorpus(changed);
  lc.records.forEach((r, i) => assert.equal(recordDigest(r) === recordDigest(la.records[i]!), JSON.stringify(r) === JSON.stringify(la.records[i]), r.id));
});

test("linkCorpus's copies differ from their inputs only in the fields their digest reads (a field linking set besides them would leave pages stale)", async () => {
  const load = async (dir: string) => (await loadCorpus({ paths: [dir], cacheDir: null, latestYear: currentYear() })).records;
  // undated articles that linking dates (by the calendar, by a dated article sharing their quotations: events.test.ts's)
  const title = "Un titre d'article assez long pour être un titre";
  const quotes = ["« Nos deux armées doivent approfondir leur coopération stratégique dans tous les domaines », a déclaré Dong Jun.", "« La Russie et la Chine ne forment pas une alliance dirigée contre des pays tiers », a ajouté le ministre chinois."];
  const made = [
    extractText([title, "Andreï Belooussov a été reçu lundi 14 octobre à Pékin par son homologue Dong Jun, qui a salué des relations « au plus haut »."].join("\n"), "a.txt"),
    extractText([title, "Par Paul Roux, publié le 14/10/2024", "Le ministre chinois de la Défense Dong Jun a reçu son homologue russe.", ...quotes].join("\n"), "b.txt"),
    extractText([title, "Dong Jun a reçu ce lundi son homologue russe à Pékin, selon la télévision d'Etat.", ...quotes].join("\n"), "c.txt"),
  ];
  const fields: readonly string[] = LINKED_FIELDS;
  const seen = new Set<string>();
  for (const records of [await load(path.join(ROOT, "seeds")), await load(path.join(ROOT, "tests", "fixtures", "realworld", "texts")), made]) {
    const out = linkCorpus(records).records;
    assert.equal(out.length, records.length);
    out.forEach((r, i) => {
      const from = records[i] as unknown as Record<string, unknown>;
      const copy = r as unknown as Record<string, unknown>;
      assert.notEqual(copy, from, "a copy, not the input");
      // the origin's keys in their order, then only linked fields the origin lacked
      const keys = Object.keys(copy);
      const before = Object.keys(from);
      assert.deepEqual(keys.slice(0, before.length), before, r.id);
      for (const k of keys.slice(before.length)) assert.ok(fields.includes(k), `${r.id}: ${k} added by linking`);
      // every other field the same value (the same object: a shallow copy)
      for (const k of keys) {
        if (!fields.includes(k)) assert.equal(copy[k], from[k], `${r.id}: ${k} changed by linking`);
        else if (JSON.stringify(copy[k]) !== JSON.stringify(from[k])) seen.add(k);
      }
    });
  }
  assert.deepEqual([...seen].sort(), [...fields].sort(), "the corpora make linking set each of its fields");
});

test("the seed index keeps each record's digest: a record read back has the SHA-256 of its JSON without writing it out", async () => {
  const corpus = await loadCorpus({ paths: [path.join(ROOT, "seeds")], cacheDir: null, latestYear: currentYear() });
  const file = path.join(await mkdtemp(path.join(tmpdir(), "revue-digest-")), "index.json");
  const index = new SeedIndex(file, "k");
  const entries = new Map(corpus.records.map((r) => [r.source.file, { size: 1, mtimeNs: "1", ctimeNs: "1", ino: "1", dev: "1", trusted: true, record: structuredClone(r) }]));
  index.commit(entries);
  const back = readIndexFile(file, "k")!;
  assert.equal(back.size, corpus.records.length);
  for (const e of back.values()) {
    assert.equal(e.digest, sha(JSON.stringify(e.record)));
    assert.equal(recordDigest(e.record), e.digest);
  }
});

test("a record extracted with the records cache comes with the SHA-256 of its JSON (the entry's checksum)", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "revue-digest-cache-"));
  const bytes = readFileSync(path.join(ROOT, "seeds", readdirSync(path.join(ROOT, "seeds")).find((f) => f.endsWith(".txt"))!));
  const out = runSeedJob({ file: "a.txt", bytes, cache: { dir, version: "test" } });
  assert.equal(out.kind, "record");
  if (out.kind !== "record") return;
  assert.equal(out.digest, sha(JSON.stringify(out.record)));
  // and through a worker's answer (a structured clone): the same JSON
  assert.equal(out.digest, sha(JSON.stringify(structuredClone(out.record))));
});
