/**
 * Quality gate: the five seeds against their gold annotations (tests/fixtures/gold,
 * copied from the project's specification). Floors are pinned: lowering one needs
 * an explicit change here, in review.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadCorpus } from "../src/corpus.js";
import type { ArticleRecord } from "../src/record.js";
import { fold } from "../src/extract/text.js";
import { ROOT } from "./helpers/extract.js";

const FLOORS = { title: 5, date: 5, dateWrong: 0, outlet: 5, body: 5, leaked: 0, quoteRecall: 1.0, quotePrecision: 0.95, attribution: 1.0 };

interface Gold {
  file: string;
  title: string;
  titleNote?: string;
  date: string | null;
  outlet: string | null;
  outletAlternatives?: string[];
  bodyStart: string;
  bodyEnd: string;
  notInBody: string[];
  quotes: { text: string; speaker: string; minor: boolean; speakerAlternatives?: (string | null)[] }[];
}

const norm = (s: string) => fold(s).replace(/[«»“”„"]/g, " ").replace(/\(\s*(\.\.\.|…)\s*\)|…|\.\.\./g, " ").replace(/\s+/g, " ").replace(/^[ .,;:!?'-]+|[ .,;:!?'-]+$/g, "");
const tokens = (s: string) => norm(s).match(/[\p{L}\p{N}]+/gu) ?? [];
function similar(a: string, b: string): boolean {
  const [x, y] = [norm(a), norm(b)];
  if (x === y) return true;
  const ta = tokens(a);
  const tb = tokens(b);
  const counts = new Map<string, number>();
  for (const t of ta) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) if ((counts.get(t) ?? 0) > 0) (common++, counts.set(t, counts.get(t)! - 1));
  return (2 * common) / (ta.length + tb.length) >= 0.8;
}
const STOP = new Set(["le", "la", "les", "l", "m", "mme", "de", "du", "des"]);
function sameName(got: string | null, want: string | null): boolean {
  if (want === null) return got === null;
  if (!got) return false;
  const g = new Set(tokens(got).filter((t) => !STOP.has(t)));
  const w = new Set(tokens(want).filter((t) => !STOP.has(t)));
  return g.size > 0 && w.size > 0 && ([...g].every((t) => w.has(t)) || [...w].every((t) => g.has(t)));
}

const goldDir = path.join(ROOT, "tests/fixtures/gold");
const golds: Gold[] = readdirSync(goldDir).map((f) => JSON.parse(readFileSync(path.join(goldDir, f), "utf8")));
const { records } = await loadCorpus({ paths: golds.map((g) => path.join(ROOT, "seeds", g.file)), cacheDir: null });

test("extraction meets the pinned floors on the gold", () => {
  const score = { title: 0, date: 0, dateWrong: 0, outlet: 0, body: 0, leaked: [] as string[], major: 0, majorFound: 0, got: 0, gotOk: 0, attrOk: 0, misses: [] as string[] };
  for (const g of golds) {
    const r = records.find((x) => x.source.file === g.file) as ArticleRecord;
    assert.ok(r, `no record for ${g.file}`);
    if (norm(r.title ?? "") === norm(g.title) || (g.titleNote && norm(r.title ?? "").startsWith(norm(g.title).slice(0, 30)))) score.title++;
    if (r.date === g.date) score.date++;
    else if (r.date) score.dateWrong++;
    const outlets = [g.outlet, ...(g.outletAlternatives ?? [])];
    if ((r.outlet === null && g.outlet === null) || (r.outlet && outlets.some((o) => o && norm(o) === norm(r.outlet!.name)))) score.outlet++;
    const body = norm([r.lede ?? "", ...r.body.map((b) => (typeof b === "string" ? b : b.heading))].join("\n"));
    if (body.includes(norm(g.bodyStart)) && body.includes(norm(g.bodyEnd))) score.body++;
    score.leaked.push(...g.notInBody.filter((t) => body.includes(norm(t))).map((t) => `${g.file}: ${t}`));
    const name = (id: string | null) => r.speakers.find((s) => s.id === id)?.name ?? null;
    const used = new Set<number>();
    for (const gq of g.quotes) {
      const i = r.quotes.findIndex((q, k) => !used.has(k) && similar(q.text, gq.text));
      if (!gq.minor) score.major++;
      if (i < 0) {
        if (!gq.minor) score.misses.push(`${g.file}: ${gq.text.slice(0, 50)}`);
        continue;
      }
      used.add(i);
      if (!gq.minor) score.majorFound++;
      if ([gq.speaker, ...(gq.speakerAlternatives ?? [])].some((w) => sameName(name(r.quotes[i].speakerId), w))) score.attrOk++;
      else score.misses.push(`${g.file}: wrong speaker for ${gq.text.slice(0, 40)}`);
    }
    score.got += r.quotes.length;
    score.gotOk += used.size;
  }
  const got = {
    title: score.title, date: score.date, dateWrong: score.dateWrong, outlet: score.outlet, body: score.body, leaked: score.leaked.length,
    quoteRecall: score.majorFound / score.major, quotePrecision: score.gotOk / score.got, attribution: score.attrOk / score.gotOk,
  };
  const report = JSON.stringify({ got, leaked: score.leaked, misses: score.misses });
  assert.ok(got.title >= FLOORS.title && got.date >= FLOORS.date && got.outlet >= FLOORS.outlet && got.body >= FLOORS.body, report);
  assert.ok(got.dateWrong <= FLOORS.dateWrong && got.leaked <= FLOORS.leaked, report);
  assert.ok(got.quoteRecall >= FLOORS.quoteRecall && got.quotePrecision >= FLOORS.quotePrecision && got.attribution >= FLOORS.attribution, report);
});
