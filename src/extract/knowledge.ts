/**
 * Curated knowledge from data/: people and organizations with roles over time
 * (people.yaml), outlets and agencies (outlets.yaml), known events (events.yaml).
 * Validated with zod on load; a malformed data file is an error naming the file.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import slugify from "@sindresorhus/slugify";
import { fold } from "./text.js";
import { PROJECT_ROOT } from "../root.js";
import { keepLatest, writeAtomic } from "../cache-write.js";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const RoleSchema = z.object({
  title: z.string(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  phrases: z.array(z.string()).default([]),
});
const PersonSchema = z.object({
  name: z.string(),
  /** The name as English copy spells it ("Vladimir Putin"): records of English articles use it. */
  english: z.string().optional(),
  wikidata: z.string().optional(),
  country: z.string().optional(),
  gender: z.enum(["m", "f"]).optional(),
  aliases: z.array(z.string()).default([]),
  roles: z.array(RoleSchema).default([]),
});
const OrgSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  english: z.string().optional(),
  wikidata: z.string().optional(),
  role: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  metonym: z.boolean().default(false),
});
const PeopleFile = z.object({ people: z.array(PersonSchema), organizations: z.array(OrgSchema).default([]) });
const OutletsFile = z.object({
  outlets: z.array(z.object({ name: z.string(), aliases: z.array(z.string()).default([]), domains: z.array(z.string()).default([]) })),
  agencies: z.array(z.object({ name: z.string(), aliases: z.array(z.string()).default([]) })),
});
const GlossaryFile = z.object({
  concepts: z.array(z.object({ name: z.string(), forms: z.array(z.string()).min(1) })),
});
const EventsFile = z.object({
  events: z.array(
    z.object({
      date: IsoDate,
      end: IsoDate.optional(),
      label: z.string(),
      people: z.array(z.string()).min(1),
      keywords: z.array(z.string()).default([]),
    }),
  ),
});

export type Role = z.infer<typeof RoleSchema>;
export interface Entity {
  id: string;
  name: string;
  /** English spelling, when it differs ("Vladimir Putin", "Russian Defence Ministry"). */
  english: string | null;
  kind: "person" | "organization";
  wikidata: string | null;
  country: string | null;
  gender: "m" | "f" | null;
  roles: Role[];
  /** Fixed description for organizations ("le gouvernement chinois (métonymie)"). */
  role: string | null;
  metonym: boolean;
}
export interface OutletEntry {
  id: string;
  name: string;
  domains: string[];
}
export type CalendarEvent = z.infer<typeof EventsFile>["events"][number];

/** A fact named the same way in French and in English (data/glossary.yaml): each form as its folded words. */
export interface Concept {
  name: string;
  forms: string[][];
}

export interface Knowledge {
  entities: Entity[];
  /** folded alias → entity */
  byAlias: Map<string, Entity>;
  /** folded role phrase → entities holding a role described so (check dates) */
  byRolePhrase: Map<string, { entity: Entity; role: Role }[]>;
  /** Longest alias / phrase in words, to bound look-ups. */
  maxAliasWords: number;
  /** First words of every alias and role phrase (folded): a token that is none of them starts no entry. */
  firstWords: Set<string>;
  outlets: OutletEntry[];
  outletByAlias: Map<string, OutletEntry>;
  agencyByAlias: Map<string, string>;
  calendar: CalendarEvent[];
  concepts: Concept[];
}

/**
 * Longest slug, in bytes. Ids and slugs become folder and file names
 * (`articles/ID/`, `sources/ID.txt`, `evenements/DATE-SLUG/`, `-2` suffixes), and
 * file systems refuse names above 255 bytes: a 252-character file name or a
 * 300-character outlet must not stop the build.
 */
export const MAX_SLUG_BYTES = 80;

/**
 * URL- and file-safe slug, at most MAX_SLUG_BYTES: a longer one is cut and ends
 * with 8 hex digits of the full slug's SHA-256, so two long names that share a
 * beginning keep different slugs. The one function through which every id
 * becomes a file name.
 */
const slugMemo = new Map<string, string>();
export function slug(s: string): string {
  // the same names and files are slugged again and again; transliteration is the costly part
  let out = slugMemo.get(s);
  if (out === undefined) {
    if (slugMemo.size > 20_000) slugMemo.clear();
    slugMemo.set(s, (out = slugOnce(s)));
  }
  return out;
}

/**
 * Names of only ASCII letters, digits, spaces, dots, dashes and underscores (most file
 * names): their slug is what slugify gives — lower case, every other run of characters
 * one dash, none at either end — without its transliteration tables, a tenth of a
 * millisecond a name (tests/knowledge.test.ts checks it against slugify).
 */
const PLAIN_NAME = /^[A-Za-z0-9 ._-]*$/;

export function slugOnce(s: string): string {
  const plain = PLAIN_NAME.test(s) ? s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") : null;
  const full = (plain ?? slugify(s, { decamelize: false })) || "x";
  if (Buffer.byteLength(full) <= MAX_SLUG_BYTES) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  // slugify's output is ASCII (one byte a character); cut at a separator when one is near
  let head = full.slice(0, MAX_SLUG_BYTES - hash.length - 1);
  const dash = head.lastIndexOf("-");
  if (dash >= head.length - 12 && dash > 0) head = head.slice(0, dash);
  return `${head.replace(/-+$/, "")}-${hash}`;
}

/** zod's own messages in French (a type or a bound that does not fit); ours are written in French. Built once, shared (src/sidecar.ts, src/ingest/markdown.ts). */
export const FRENCH = z.locales.fr().localeError;

function load<T>({ file, text }: { file: string; text: string }, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new Error(`${file} : YAML invalide : ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = schema.safeParse(raw, { error: FRENCH });
  if (!r.success) throw new Error(`${file} : ${r.error.issues.map((i) => `${i.path.join(".")} : ${i.message}`).join(" ; ")}`);
  return r.data;
}

interface DataFiles {
  people: z.infer<typeof PeopleFile>;
  outlets: z.infer<typeof OutletsFile>;
  events: z.infer<typeof EventsFile>;
  glossary: z.infer<typeof GlossaryFile>;
}
const DATA_FILES = ["people.yaml", "outlets.yaml", "events.yaml", "glossary.yaml"] as const;

/**
 * Where the checked data is kept as JSON between runs: with the installed packages
 * (node_modules/.cache, the usual place for tools' caches), so copies of the project
 * that share one node_modules (the benchmark's snapshots of a commit) share it too.
 * One file per version of the data (`knowledge-KEY.json`), the SNAPSHOTS_KEPT most
 * recently written kept: copies with other data do not overwrite each other's.
 */
export const SNAPSHOT_DIR = path.join(PROJECT_ROOT, "node_modules", ".cache", "revue");
export const SNAPSHOTS_KEPT = 8;

/**
 * The four data files, parsed and checked. Parsing the YAML and checking it with zod
 * takes about 0.2 s of a cold process (the yaml module runs in the interpreter), a
 * quarter of extracting the first hundred articles; JSON.parse of the same data takes
 * a millisecond. So the checked data is kept in SNAPSHOT_FILE, keyed by a hash of
 * the data files' bytes and of this module's source (its schemas and defaults): any
 * change to either reads the YAML again. The snapshot carries a checksum of its data:
 * one edited or corrupted on disk is read again from the YAML, never served. A
 * snapshot that cannot be read or written only costs that time. `snapshots`: the
 * folder (null reads the YAML every time).
 */
function loadDataFiles(dataDir: string, snapshots: string | null): DataFiles {
  const texts = DATA_FILES.map((name) => {
    const file = path.join(dataDir, name);
    try {
      return readFileSync(file, "utf8");
    } catch (e) {
      throw new Error(`${file} : lecture impossible : ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  const hash = createHash("sha256");
  try {
    hash.update(readFileSync(path.join(PROJECT_ROOT, "src/extract/knowledge.ts")));
  } catch {
    hash.update(String(Math.random())); // no source to key the snapshot on: never reuse one
  }
  for (const t of texts) hash.update("\0").update(t);
  const key = hash.digest("hex");
  const snapshot = snapshots && path.join(snapshots, `knowledge-${key.slice(0, 16)}.json`);
  // the snapshot: its key, the SHA-256 of its data's JSON, that JSON (one line each)
  try {
    if (snapshot) {
      const text = readFileSync(snapshot, "utf8");
      const a = text.indexOf("\n");
      const b = text.indexOf("\n", a + 1);
      const json = text.slice(b + 1);
      if (a > 0 && b > a && text.slice(0, a) === key && text.slice(a + 1, b) === hashHex(json)) return JSON.parse(json) as DataFiles;
    }
  } catch {
    /* no snapshot yet, or unreadable: read the YAML */
  }
  const [people, outlets, events, glossary] = DATA_FILES.map((name, i) => ({ file: path.join(dataDir, name), text: texts[i] }));
  const data: DataFiles = {
    people: load(people, PeopleFile),
    outlets: load(outlets, OutletsFile),
    events: load(events, EventsFile),
    glossary: load(glossary, GlossaryFile),
  };
  if (snapshot) {
    // a read-only project folder: the YAML is read every time
    const json = JSON.stringify(data);
    if (writeAtomic(snapshot, `${key}\n${hashHex(json)}\n${json}`)) keepLatest(snapshots!, /^knowledge-[0-9a-f]{16}\.json$/, SNAPSHOTS_KEPT);
  }
  return data;
}

function hashHex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The knowledge in `dataDir`, through a snapshot in `snapshots` (SNAPSHOT_DIR by default; null: none). */
export function loadKnowledge(dataDir: string, snapshots: string | null = SNAPSHOT_DIR): Knowledge {
  const { people, outlets, events, glossary } = loadDataFiles(dataDir, snapshots);
  const entities: Entity[] = [];
  const byAlias = new Map<string, Entity>();
  const byRolePhrase = new Map<string, { entity: Entity; role: Role }[]>();
  let maxAliasWords = 1;
  const addAlias = (a: string, e: Entity) => {
    const k = fold(a);
    if (!byAlias.has(k)) byAlias.set(k, e);
    maxAliasWords = Math.max(maxAliasWords, k.split(" ").length);
  };
  for (const p of people.people) {
    const e: Entity = {
      id: slug(p.name), name: p.name, english: p.english ?? null, kind: "person", wikidata: p.wikidata ?? null, country: p.country ?? null,
      gender: p.gender ?? null, roles: p.roles, role: null, metonym: false,
    };
    entities.push(e);
    for (const a of [p.name, ...(p.english ? [p.english] : []), ...p.aliases]) addAlias(a, e);
    for (const r of p.roles)
      for (const ph of r.phrases) {
        const k = fold(ph);
        const list = byRolePhrase.get(k) ?? [];
        list.push({ entity: e, role: r });
        byRolePhrase.set(k, list);
        maxAliasWords = Math.max(maxAliasWords, k.split(" ").length);
      }
  }
  for (const o of people.organizations) {
    const e: Entity = {
      id: o.id ?? slug(o.name), name: o.name, english: o.english ?? null, kind: "organization", wikidata: o.wikidata ?? null, country: null, gender: null,
      roles: [], role: o.role ?? null, metonym: o.metonym,
    };
    entities.push(e);
    for (const a of [o.name, ...(o.english ? [o.english] : []), ...o.aliases]) addAlias(a, e);
  }
  const outletList: OutletEntry[] = [];
  const outletByAlias = new Map<string, OutletEntry>();
  for (const o of outlets.outlets) {
    const entry = { id: slug(o.name), name: o.name, domains: o.domains };
    outletList.push(entry);
    for (const a of [o.name, ...o.aliases]) outletByAlias.set(fold(a), entry);
  }
  const agencyByAlias = new Map<string, string>();
  for (const a of outlets.agencies) for (const al of [a.name, ...a.aliases]) agencyByAlias.set(fold(al), a.name);
  const firstWords = new Set<string>();
  for (const key of [...byAlias.keys(), ...byRolePhrase.keys()]) {
    const m = key.match(/^[^ ']+'?/);
    // the mention finder skips a leading article itself: "le Kremlin" is looked up as "Kremlin"
    if (m && !/^(le|la|les|l')$/.test(m[0])) firstWords.add(m[0]);
  }
  // "sud-coréens", "long rayon d'action": words as the event linker reads them (letters and digits, folded)
  const concepts = glossary.concepts.map((c) => ({ name: c.name, forms: c.forms.map((f) => f.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(fold)) }));
  return { entities, byAlias, byRolePhrase, maxAliasWords, firstWords, outlets: outletList, outletByAlias, agencyByAlias, calendar: events.events, concepts };
}

/** The project's data/ folder. */
export const DEFAULT_DATA_DIR = path.join(PROJECT_ROOT, "data");

let cached: Knowledge | null = null;
/** The knowledge in data/, loaded once per process. */
export function defaultKnowledge(): Knowledge {
  cached ??= loadKnowledge(process.env.REVUE_DATA ?? DEFAULT_DATA_DIR);
  return cached;
}

/** Is `date` (YYYY-MM-DD) inside the role's period? An unknown date is inside any period. */
export function roleHeldOn(role: Role, date: string | null): boolean {
  if (!date) return true;
  if (role.from && date < role.from) return false;
  if (role.to && date >= role.to) return false;
  return true;
}

/** The entity's role title on that date (the latest role held then), or null. */
export function roleOn(e: Entity, date: string | null): string | null {
  if (e.kind === "organization") return e.role;
  // unknown date: the current role (no end), else the last one held
  const held = date ? e.roles.filter((r) => roleHeldOn(r, date)) : e.roles.filter((r) => !r.to).length ? e.roles.filter((r) => !r.to) : e.roles.slice(-1);
  if (!held.length) return null;
  return [...held].sort((a, b) => ((a.from ?? "") < (b.from ?? "") ? 1 : -1))[0].title;
}
