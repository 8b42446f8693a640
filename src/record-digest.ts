/**
 * A digest of a record's JSON, computed without writing the JSON out where it can be:
 * the view cache's keys and the page plan ask it of every record of every build
 * (src/site/model.ts view keys, src/site/data.ts planDigests; at 10,000 articles JSON.stringify and
 * SHA-256 of each record took 0.7 s of a one-seed rebuild).
 *
 * - A record whose digest is known (`knownDigest`: the seed index keeps each record's
 *   with it, src/seed-index.ts) is not written out again.
 * - A record the corpus stage made from another (`derivedRecord`: linkCorpus copies
 *   each record and sets a few fields) has the digest of its origin's digest and the
 *   values of those fields: its JSON is a function of the two (the copy keeps the
 *   origin's key order; a field assigned keeps its place, or is added last).
 * - Any other record: SHA-256 of its JSON, once per record object.
 *
 * The three are digests of different strings (a derived one starts with a prefix no
 * JSON starts with), so the same key always means the same record JSON, which is all
 * their users need (a key is only ever compared with keys made here). Records are never
 * changed in place (tests/records-unchanged.test.ts): a digest is kept per object.
 */
import { hash } from "node:crypto";

const digests = new WeakMap<object, string>();
const derived = new WeakMap<object, { from: object; fields: readonly string[] }>();

const sha = (s: string) => hash("sha256", s, "hex");

/** The SHA-256 (hex) of `JSON.stringify(r)`, known without writing it out (a record read back with its digest). */
export function knownDigest(r: object, digest: string): void {
  digests.set(r, digest);
}

/** `copy` is `{ ...from }` with at most the values of `fields` set since (their values are read when its digest is asked). */
export function derivedRecord(copy: object, from: object, fields: readonly string[]): void {
  derived.set(copy, { from, fields });
}

/** The SHA-256 (hex) of a record's JSON, when that is how its digest is made (the seed index stores it). */
export function plainRecordDigest(r: object): string {
  let d = digests.get(r);
  if (d === undefined) digests.set(r, (d = sha(JSON.stringify(r))));
  return d;
}

/** A digest that is the same for two records exactly when their JSON is (see the module's comment). */
export function recordDigest(r: object): string {
  const known = digests.get(r);
  if (known !== undefined) return known;
  const how = derived.get(r);
  if (!how) return plainRecordDigest(r);
  const values = r as Record<string, unknown>;
  // the JSON of the fields set, in the order the copy holds its keys (a key added last is shown where it is)
  const keys = Object.keys(r);
  const d = sha(`derived\0${recordDigest(how.from)}\0${JSON.stringify(keys)}\0${JSON.stringify(how.fields.map((k) => values[k]))}`);
  digests.set(r, d);
  return d;
}
