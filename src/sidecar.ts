/**
 * Corrections by hand: a sidecar file next to a seed (`seeds/NAME.meta.yaml`,
 * `.meta.yml` or `.meta.json` for `seeds/NAME.txt|.html|.md`) sets or corrects
 * what extraction got wrong. Format (all keys optional; see README):
 *
 *   title: Poutine veut renforcer sa coopération militaire avec Pékin
 *   date: 2022-12-30
 *   outlet: La Revue Internationale
 *   url: https://example.org/article
 *   quotes:
 *     - text: renforcer la coopération      # a passage of the quotation…
 *       speaker: Vladimir Poutine           # …its speaker (null: unattributed)
 *     - index: 3                            # or the quotation's position (0-based)
 *       exclude: true                       # not a quotation: drop it
 *
 * Parsing is strict (an unknown key is an error, to catch typos) and every
 * message carries the sidecar's line. A sidecar that does not parse or validate
 * is not applied at all; a quotation selector that matches nothing (or more than
 * one quotation) is reported and skipped, the rest of the sidecar applies.
 *
 * Every field set is listed in `record.manual`, with `via[field] = "manual"`;
 * a quotation whose speaker was set gets `via: "manual"`.
 */
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document } from "yaml";
import { z } from "zod";
import { httpUrl } from "./safe-url.js";
import { foldForComparison } from "./ingest/decode.js";
import { defaultKnowledge, FRENCH } from "./extract/knowledge.js";
import { outletFromName } from "./extract/outlet.js";
import { resolvePerson } from "./extract/people.js";
import { ArticleRecord, type Outlet, type Person, type Quote } from "./record.js";

export const SIDECAR_SUFFIXES = [".meta.yaml", ".meta.yml", ".meta.json"];

/** `dir/NAME.meta.yaml` → `dir/NAME`, or null when the path is not a sidecar. */
export function sidecarStem(rel: string): string | null {
  const suffix = SIDECAR_SUFFIXES.find((s) => rel.toLowerCase().endsWith(s));
  return suffix ? rel.slice(0, -suffix.length) : null;
}

/** `dir/NAME.txt` → `dir/NAME`: the stem a seed's sidecar must have. */
export function seedStem(rel: string): string {
  return rel.replace(/\.[^./]*$/, "");
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

const QuoteFix = z
  .object({
    text: z.string().trim().min(1).optional(),
    index: z.number().int().nonnegative().optional(),
    speaker: z.string().trim().min(1).nullable().optional(),
    exclude: z.boolean().optional(),
  })
  .strict()
  .refine((q) => (q.text === undefined) !== (q.index === undefined), {
    message: "une citation se désigne par `text` (un passage de la citation) ou par `index`, l'un des deux exactement",
  })
  .refine((q) => q.speaker !== undefined || q.exclude !== undefined, {
    message: "dites quoi faire de la citation : `speaker: NOM` (ou null) ou `exclude: true`",
  });

export const Sidecar = z
  .object({
    title: z.string().trim().min(1).optional(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "une date s'écrit AAAA-MM-JJ")
      .refine(isRealDate, "ce jour n'existe pas dans le calendrier")
      .optional(),
    outlet: z.string().trim().min(1).optional(),
    url: z.string().refine((u) => httpUrl(u) === u, "une adresse web http(s) est attendue").optional(),
    quotes: z.array(QuoteFix).optional(),
  })
  .strict();
export type Sidecar = z.infer<typeof Sidecar>;

export interface ParsedSidecar {
  value: Sidecar;
  /** Line (1-based) of each entry of `quotes`, for later messages. */
  quoteLines: (number | null)[];
}

export type SidecarResult = { ok: true; sidecar: ParsedSidecar } | { ok: false; error: string };

/** Line (1-based) where the node at `keyPath` starts; with `key`, where that key of the map is written. */
function lineOf(doc: Document, lc: LineCounter, keyPath: PropertyKey[], key?: string): number | null {
  const node = keyPath.length === 0 ? doc.contents : doc.getIn(keyPath as unknown[], true);
  let range: readonly number[] | null | undefined = (node as { range?: number[] } | null)?.range;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    range = pair && isScalar(pair.key) ? pair.key.range : range;
  }
  return range ? lc.linePos(range[0]).line : null;
}

/**
 * The known key a typo was probably meant for ("titel" → "title", "dat" →
 * "date", "outlett" → "outlet"): the nearest by edit distance (a swap of two
 * letters counts one), at most 2 and less than half the key; null when none.
 */
export function nearestKey(key: string, known: readonly string[]): string | null {
  const k = key.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(k, candidate);
    if (d < bestDistance && d <= 2 && d < candidate.length / 2) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions); for short keys. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 40) return Infinity;
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function at(line: number | null): string {
  return line === null ? "" : `ligne ${line} : `;
}

/** Parse and validate a sidecar's text (YAML or JSON, which is YAML too). */
export function parseSidecar(text: string): SidecarResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0].line ?? lc.linePos(e.pos[0]).line;
    const message = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    return { ok: false, error: `${at(line)}YAML invalide : ${message}` };
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, error: `${at(lineOf(doc, lc, []))}des clés sont attendues (title, date, outlet, url, quotes)` };
  }
  const parsed = Sidecar.safeParse(data, { error: FRENCH });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
    const line = lineOf(doc, lc, issue.path, key) ?? lineOf(doc, lc, issue.path.slice(0, -1));
    const where = issue.path.join(".");
    const inQuotes = issue.path[0] === "quotes";
    const guess = key === undefined ? null : nearestKey(key, inQuotes ? ["text", "index", "speaker", "exclude"] : ["title", "date", "outlet", "url", "quotes"]);
    const message =
      issue.code === "unrecognized_keys"
        ? `clé inconnue « ${key} » (${guess ? `vouliez-vous dire « ${guess} » ? ` : ""}clés connues : title, date, outlet, url, quotes ; dans quotes : text, index, speaker, exclude)`
        : issue.message;
    return { ok: false, error: `${at(line)}${where ? `${where}: ` : ""}${message}` };
  }
  const quoteLines = (parsed.data.quotes ?? []).map((_, i) => lineOf(doc, lc, ["quotes", i]));
  return { ok: true, sidecar: { value: parsed.data, quoteLines } };
}

export interface Resolvers {
  /** A speaker named by hand → Person (registry lookup, else a pattern-made Person). */
  resolvePerson(name: string, date: string | null): Person;
  /** An outlet named by hand → Outlet. */
  resolveOutlet(name: string): Outlet;
}

/** The extractor's registries: data/people.yaml and data/outlets.yaml, else names made by pattern. */
export const registryResolvers: Resolvers = {
  resolvePerson: (name, date) => resolvePerson(name, date),
  resolveOutlet: (name) => outletFromName(name, defaultKnowledge()),
};

/** Index of the one quotation a fix designates, or the reason there is none. */
function selectQuote(quotes: Quote[], fix: NonNullable<Sidecar["quotes"]>[number]): number | string {
  if (fix.index !== undefined) {
    return fix.index < quotes.length
      ? fix.index
      : `aucune citation à l'index ${fix.index} (l'article en a ${quotes.length})`;
  }
  const needle = foldForComparison(fix.text ?? "");
  const hits = quotes.flatMap((q, i) => (foldForComparison(q.text).includes(needle) ? [i] : []));
  if (hits.length === 1) return hits[0];
  return hits.length === 0
    ? `aucune citation ne contient « ${fix.text} »`
    : `« ${fix.text} » figure dans ${hits.length} citations (${hits.join(", ")}) : citez-en davantage ou utilisez index`;
}

/** Speakers no longer quoted become mentions (they are still named in the article). */
function tidyPeople(rec: ArticleRecord, added: Person[]): void {
  const quoted = new Set(rec.quotes.map((q) => q.speakerId).filter((id): id is string => id !== null));
  const all = new Map<string, Person>();
  for (const p of [...rec.speakers, ...added, ...rec.mentions]) if (!all.has(p.id)) all.set(p.id, p);
  rec.speakers = [...all.values()].filter((p) => quoted.has(p.id));
  rec.mentions = [...all.values()].filter((p) => !quoted.has(p.id));
}

export interface Applied {
  record: ArticleRecord;
  /** Problems with parts of the sidecar that could not be applied. */
  warnings: string[];
}

/** Apply a valid sidecar to a record (returns a new record; the input is not changed). */
export function applySidecar(record: ArticleRecord, parsed: ParsedSidecar, resolvers: Resolvers): Applied {
  const fix = parsed.value;
  const rec: ArticleRecord = structuredClone(record);
  const warnings: string[] = [];
  const mark = (field: string) => {
    if (!rec.manual.includes(field)) rec.manual.push(field);
    rec.via[field] = "manual";
  };
  if (fix.date !== undefined) {
    rec.date = fix.date;
    rec.dateConfidence = "explicit";
    rec.dateEvidence = "fixée à la main (fichier de corrections)";
    mark("date");
  }
  if (fix.title !== undefined) {
    rec.title = fix.title;
    mark("title");
  }
  if (fix.outlet !== undefined) {
    rec.outlet = resolvers.resolveOutlet(fix.outlet);
    mark("outlet");
  }
  if (fix.url !== undefined) {
    rec.source.url = fix.url;
    mark("url");
  }
  if (fix.quotes && fix.quotes.length > 0) {
    // Selectors refer to the quotations as extracted, so they are all resolved first.
    const targets = fix.quotes.map((q) => selectQuote(record.quotes, q));
    const excluded = new Set<number>();
    const added: Person[] = [];
    fix.quotes.forEach((q, k) => {
      const target = targets[k];
      if (typeof target === "string") {
        warnings.push(`fichier de corrections : ${at(parsed.quoteLines[k] ?? null)}${target} : consigne ignorée`);
        return;
      }
      if (q.exclude) excluded.add(target);
      if (q.speaker !== undefined) {
        const person = q.speaker === null ? null : resolvers.resolvePerson(q.speaker, rec.date);
        if (person) added.push(person);
        rec.quotes[target] = { ...rec.quotes[target], speakerId: person?.id ?? null, via: "manual", confidence: 1 };
      }
      mark("quotes");
    });
    rec.quotes = rec.quotes.filter((_, i) => !excluded.has(i));
    tidyPeople(rec, added);
  }
  const checked = ArticleRecord.safeParse(rec, { error: FRENCH });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { record, warnings: [`fichier de corrections non appliqué : ${issue.path.join(".")} : ${issue.message}`] };
  }
  return { record: checked.data, warnings };
}
