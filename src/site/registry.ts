/**
 * What the site shows from the curated registries of data/ (read once per process):
 * each person's and organization's other spellings, indexed for search with the
 * pages that name them ("Shoigu", "Belousov"), and the state-controlled outlets
 * (`stateOwned: true` in data/outlets.yaml), flagged wherever an outlet is shown.
 * The extractor reads the same files (src/extract/knowledge.ts); ids are its slugs.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import { slug, DEFAULT_DATA_DIR, FRENCH, SNAPSHOT_DIR, SNAPSHOTS_KEPT } from "../extract/knowledge.js";
import { keepLatest, writeAtomic } from "../cache-write.js";

export interface SiteRegistry {
  /** entity id → every spelling the registry knows (name, English form, aliases), without duplicates. */
  spellings: Map<string, string[]>;
  /** outlet ids of state-controlled media */
  stateOwned: Set<string>;
}

const Named = z.object({ name: z.string(), english: z.string().optional(), aliases: z.array(z.string()).default([]), id: z.string().optional() });
const PeopleFile = z.object({ people: z.array(Named), organizations: z.array(Named).default([]) });
const OutletsFile = z.object({ outlets: z.array(z.object({ name: z.string(), stateOwned: z.boolean().default(false) })) });

/** A data file, parsed and checked; errors in French, worded as src/extract/knowledge.ts's for the same files. */
function read<T>(file: string, schema: z.ZodType<T>): T {
  const what = (e: unknown) => (e instanceof Error ? e.message : String(e));
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`${file} : lecture impossible : ${what(e)}`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new Error(`${file} : YAML invalide : ${what(e)}`);
  }
  const r = schema.safeParse(raw, { error: FRENCH });
  if (!r.success) throw new Error(`${file} : ${r.error.issues.map((i) => `${i.path.join(".")} : ${i.message}`).join(" ; ")}`);
  return r.data;
}

/**
 * The registry of `dataDir`. Parsing the two YAML files costs about a quarter of a
 * second (the yaml module runs in the interpreter), every build: the result is kept
 * as JSON in `snapshots` (the folder data/'s own snapshot uses, src/extract/knowledge.ts),
 * keyed by the two files' bytes and this module's own source, with a checksum of
 * its JSON: a snapshot of other data or code, altered or unreadable, is not used
 * (the YAML is read). null: no snapshot.
 */
export function loadSiteRegistry(dataDir: string, snapshots: string | null = SNAPSHOT_DIR): SiteRegistry {
  const files = ["people.yaml", "outlets.yaml"].map((n) => path.join(dataDir, n));
  let key: string | null = null;
  let snapshot: string | null = null;
  try {
    const h = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url)));
    for (const f of files) h.update("\0").update(readFileSync(f));
    key = h.digest("hex");
    snapshot = snapshots && path.join(snapshots, `site-registry-${key.slice(0, 16)}.json`);
  } catch {
    // a data file that cannot be read: read() below says which
  }
  if (snapshot) {
    try {
      const [head, json] = readFileSync(snapshot, "utf8").split("\n", 2) as [string, string];
      if (head === `${key} ${createHash("sha256").update(json).digest("hex")}`) {
        const { spellings, stateOwned } = JSON.parse(json) as { spellings: [string, string[]][]; stateOwned: string[] };
        return { spellings: new Map(spellings), stateOwned: new Set(stateOwned) };
      }
    } catch {
      // none yet, or unreadable: the YAML is read
    }
  }
  const registry = parseSiteRegistry(files[0]!, files[1]!);
  if (snapshot) {
    const json = JSON.stringify({ spellings: [...registry.spellings], stateOwned: [...registry.stateOwned] });
    // a read-only folder: the YAML is read every time; else the few latest kept (copies of the project with other data share the folder)
    if (writeAtomic(snapshot, `${key} ${createHash("sha256").update(json).digest("hex")}\n${json}`)) keepLatest(snapshots!, /^site-registry-[0-9a-f]{16}\.json$/, SNAPSHOTS_KEPT);
  }
  return registry;
}

function parseSiteRegistry(peopleFile: string, outletsFile: string): SiteRegistry {
  const people = read(peopleFile, PeopleFile);
  const outlets = read(outletsFile, OutletsFile);
  const spellings = new Map<string, string[]>();
  const all = (p: z.infer<typeof Named>) => [...new Set([p.name, ...(p.english ? [p.english] : []), ...p.aliases])];
  // Ids as loadKnowledge gives them: a person's is always its name's slug, an organization's `id` wins.
  for (const p of people.people) spellings.set(slug(p.name), all(p));
  for (const o of people.organizations) spellings.set(o.id ?? slug(o.name), all(o));
  return { spellings, stateOwned: new Set(outlets.outlets.filter((o) => o.stateOwned).map((o) => slug(o.name))) };
}

let cached: SiteRegistry | null = null;
/** The registry of data/ (or REVUE_DATA), loaded once per process. */
export function defaultSiteRegistry(): SiteRegistry {
  cached ??= loadSiteRegistry(process.env.REVUE_DATA ?? DEFAULT_DATA_DIR);
  return cached;
}

export const EMPTY_REGISTRY: SiteRegistry = { spellings: new Map(), stateOwned: new Set() };
