/**
 * What the site shows from the curated registries of data/ (read once per process):
 * each person's and organization's other spellings, indexed for search with the
 * pages that name them ("Shoigu", "Belousov"), and the state-controlled outlets
 * (`stateOwned: true` in data/outlets.yaml), flagged wherever an outlet is shown.
 * The extractor reads the same files (src/extract/knowledge.ts); ids are its slugs.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { slug, DEFAULT_DATA_DIR } from "../extract/knowledge.js";

export interface SiteRegistry {
  /** entity id → every spelling the registry knows (name, English form, aliases), without duplicates. */
  spellings: Map<string, string[]>;
  /** outlet ids of state-controlled media */
  stateOwned: Set<string>;
}

const Named = z.object({ name: z.string(), english: z.string().optional(), aliases: z.array(z.string()).default([]), id: z.string().optional() });
const PeopleFile = z.object({ people: z.array(Named), organizations: z.array(Named).default([]) });
const OutletsFile = z.object({ outlets: z.array(z.object({ name: z.string(), stateOwned: z.boolean().default(false) })) });

function read<T>(file: string, schema: z.ZodType<T>): T {
  const r = schema.safeParse(parse(readFileSync(file, "utf8")));
  if (!r.success) throw new Error(`${file}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return r.data;
}

export function loadSiteRegistry(dataDir: string): SiteRegistry {
  const people = read(path.join(dataDir, "people.yaml"), PeopleFile);
  const outlets = read(path.join(dataDir, "outlets.yaml"), OutletsFile);
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
