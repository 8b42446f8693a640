/**
 * The link features file: what event linking reads of each record alone (src/extract/cluster.ts
 * RecordFeatures — word ids of its text and quotations, candidate key terms, facts named, the latest
 * year named, the day clues of an undated article and the calendar entries they fit, the slug of its title), kept between processes, so that a rebuild reads
 * again only the new or changed articles; the corpus-wide part (document frequencies, the quotation
 * index, links, clusters) is done again at every build (README, "How rebuilds work").
 *
 * - **Per record**, keyed by its content: a record as extracted by its seed's name and SHA-256 (the
 *   file's key, the record version, says which extractor made it; the name, because the extension
 *   picks the format); a record a sidecar changed (`manual` not empty) by a SHA-256 of the fields read.
 * - **Keyed** by the record version (extractor code and data/, the latest year) and FORMAT; the
 *   glossary it was read with is checked too (REVUE_DATA may point elsewhere), and the calendar the
 *   matches were made with (for another calendar they are made again; the rest is used). A file of another key,
 *   cut short, altered or unreadable is ignored (every record is read again) and written afresh.
 * - **One file** per seeds folder (as the seed index: two folders sharing a cache folder would each
 *   make the other's file out of date), `<cache>/link-features-<hash of the folder>.bin`: a JSON header line (format, key, glossary, SHA-256 of
 *   the rest, lengths), the vocabulary (the words the ids stand for, a JSON array), the entries (a
 *   JSON array of [content key, offset, day clues]), then every number as one array of 32-bit
 *   integers, which is read back as it lies (no parsing): at 10,000 articles, reading it back costs
 *   about a tenth of reading the records again.
 * - **Written** as the seed index (src/seed-index.ts): when missing or unusable, or when more than
 *   WRITE_SLACK of its entries differ from what the build used; the dev server writes it a moment after.
 *   Its vocabulary keeps the words of records since removed: past VOCABULARY_MAX words it starts afresh.
 */
import { endianness } from "node:os";
import { sha256 } from "./cache.js";
import { checkedFile, pastSlack, processHeld, readCheckedFile, seedsFolderFile, WriteSoon, writeAtomic } from "./cache-write.js";
import { peopleOf, Vocabulary, VOCABULARY_MAX, type DayClue, type FeatureStore, type Ids, type QuoteGroupRefs, type RecordFeatures } from "./extract/cluster.js";
import type { CalendarEvent, Concept } from "./extract/knowledge.js";
import type { ArticleRecord } from "./record.js";

const FORMAT = "revue-link-features 4";
/** maxYear null. */
const NO_YEAR = -2147483648;

interface Entry {
  /** Where its numbers start in `ints`. */
  at: number;
  clues: DayClue[] | null;
  titleSlug: string | null;
  /** Its calendar matches (events.ts) as [index in the file's calendar, day, evidence], or null when not made. */
  cal: [number, string, string][] | null;
}

interface Header {
  format: string;
  key: string;
  glossary: string;
  /** Digest of the calendar the entries' matches are for (data/events.yaml, as the knowledge read it). */
  calendar: string;
  endian: string;
  sha256: string;
  /** Byte lengths of the vocabulary's, the entries' and the quotation groups' JSON. */
  words: number;
  entries: number;
  groups: number;
}

/** The key of a record's features (see the module's comment). */
function featureKey(r: ArticleRecord): string {
  if (r.manual.length === 0) return `${r.source.sha256}:${r.source.file}`;
  return `f:${sha256(JSON.stringify([r.title, r.lede, r.body, r.quotes, r.speakers, r.mentions]))}`;
}

const digests = new WeakMap<object, string>();
/** SHA-256 of a glossary's or a calendar's JSON, once per array. */
function dataDigest(data: Concept[] | CalendarEvent[]): string {
  let d = digests.get(data);
  if (!d) digests.set(data, (d = sha256(JSON.stringify(data))));
  return d;
}

export class LinkStore implements FeatureStore {
  /** The glossary this store serves (the first one asked for), its vocabulary and what the file held for it. */
  private glossary: Concept[] | null = null;
  private vocab: Vocabulary | null = null;
  private onDisk: Map<string, Entry> | null = null;
  private ints: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** The calendar of this call (useCalendar), and the digest of the one the file's matches are for. */
  private calendar: CalendarEvent[] | null = null;
  private fileCalendar: string | null = null;
  /** The features the last call used, by key: what commit() writes. */
  private used = new Map<string, RecordFeatures>();
  /** The quotation groups of events (events.ts), by the digest of what they are made of: as the file has them, and as the last call used them. */
  private groupsOnDisk: Map<string, QuoteGroupRefs> | null = null;
  private usedGroups = new Map<string, QuoteGroupRefs>();
  /** Writes the file after a build, or a moment after (the dev server). */
  readonly writes = new WriteSoon();
  /** How the last call came by each record's features: from memory (the dev server), from the file, read from the record. */
  last = { memo: 0, kept: 0, read: 0 };
  /** How many events of the last call had their quotation groups kept (from the file or an earlier call), how many made. */
  groups = { kept: 0, made: 0 };

  /** file: where it is kept between processes (null: in memory only); key: see the module's comment. */
  constructor(
    readonly file: string | null,
    readonly key: string,
  ) {}

  /** Start of a call: the vocabulary the features are in (read from the file the first time), or null for another glossary. */
  vocabulary(glossary: Concept[]): Vocabulary | null {
    this.last = { memo: 0, kept: 0, read: 0 };
    this.groups = { kept: 0, made: 0 };
    this.used = new Map();
    this.usedGroups = new Map();
    if (this.glossary && this.glossary !== glossary) return null;
    if (!this.glossary) {
      this.glossary = glossary;
      const read = this.file ? readFeatureFile(this.file, this.key, dataDigest(glossary)) : null;
      if (read) ({ vocab: this.vocab, entries: this.onDisk, ints: this.ints, calendar: this.fileCalendar, groups: this.groupsOnDisk } = read);
    }
    if (!this.vocab || this.vocab.words.length > VOCABULARY_MAX) {
      this.vocab = new Vocabulary();
      this.onDisk = null;
    }
    return this.vocab;
  }

  useCalendar(calendar: CalendarEvent[]): void {
    this.calendar = calendar;
  }

  take(r: ArticleRecord, from: readonly unknown[], vocab: Vocabulary, glossary: Concept[]): RecordFeatures | null {
    if (vocab !== this.vocab || glossary !== this.glossary || !this.onDisk) return null;
    const e = this.onDisk.get(featureKey(r));
    if (!e) return null;
    const f = decode(this.ints, e, r, from, vocab, glossary);
    // the matches kept, for the calendar they were made with only
    const calendar = this.calendar;
    if (f && e.cal && calendar && this.fileCalendar === dataDigest(calendar) && e.cal.every(([i]) => i < calendar.length)) {
      f.calendar = { of: calendar, matches: e.cal.map(([i, day, evidence]) => ({ entry: calendar[i]!, day, evidence })) };
    }
    return f;
  }

  quoteGroups(rs: readonly ArticleRecord[]): { key: string; kept: QuoteGroupRefs | undefined } {
    // the event's articles in order, by id and content key (which says their quotations, as it says their features)
    const key = sha256(JSON.stringify(rs.map((r) => [r.id, featureKey(r)])));
    return { key, kept: this.usedGroups.get(key) ?? this.groupsOnDisk?.get(key) };
  }

  keepQuoteGroups(key: string, groups: QuoteGroupRefs, made: boolean): void {
    this.usedGroups.set(key, groups);
    // counted here, once the caller has said whether the kept groups served (they may not fit: made again)
    if (made) this.groups.made++;
    else this.groups.kept++;
  }

  keep(r: ArticleRecord, f: RecordFeatures, how: "memo" | "kept" | "read"): void {
    if (f.vocab !== this.vocab) return;
    this.used.set(featureKey(r), f);
    this.last[how]++;
  }

  /** End of a build: the file is written when missing or unusable, or when more than WRITE_SLACK entries differ. */
  commit(): void {
    // the features are not held past the build (a one-shot build's peak memory): a write waiting for them holds them
    const used = this.used;
    const groups = this.usedGroups;
    this.used = new Map();
    this.usedGroups = new Map();
    if (!this.file || !this.vocab || used.size === 0) return;
    if (this.onDisk && this.groupsOnDisk && !pastSlack(this.onDisk, used) && !pastSlack(this.groupsOnDisk, groups)) return;
    const file = this.file;
    const vocab = this.vocab;
    const glossary = dataDigest(this.glossary!);
    const calendar = this.calendar ?? [];
    this.writes.run(() => {
      const { data, entries } = encode(used, calendar);
      const digest = dataDigest(calendar);
      if (writeAtomic(file, featureFile(this.key, glossary, digest, vocab.words, data, entries, groups)) && this.vocab === vocab) {
        this.onDisk = entries;
        this.ints = data;
        this.fileCalendar = digest;
        this.groupsOnDisk = groups;
      }
    });
  }
}

/** The numbers of every entry, one after the other (see decode for the layout). */
function encode(used: Map<string, RecordFeatures>, calendar: CalendarEvent[]): { data: Int32Array; entries: Map<string, Entry> } {
  let size = 0;
  for (const f of used.values()) {
    size += 6 + f.textIds.length + f.dfStems.length + f.keyCandidates.length + f.concepts.size;
    for (const q of f.quoteIds) size += 2 + q.length;
  }
  const data = new Int32Array(size);
  const entries = new Map<string, Entry>();
  let p = 0;
  const put = (ids: Ids) => {
    data[p++] = ids.length;
    data.set(ids, p);
    p += ids.length;
  };
  for (const [key, f] of used) {
    // matches made for another calendar are not kept (nor any whose entry it lacks)
    const cal = f.calendar?.of === calendar ? f.calendar.matches.map((m): [number, string, string] => [calendar.indexOf(m.entry), m.day, m.evidence]) : null;
    entries.set(key, { at: p, clues: f.clues, titleSlug: f.titleSlug, cal: cal && cal.every(([i]) => i >= 0) ? cal : null });
    put(f.textIds);
    data[p++] = f.quoteIds.length;
    f.quoteIds.forEach((q, k) => {
      data[p++] = f.quoteAt[k];
      put(q);
    });
    put(f.dfStems);
    put(f.keyCandidates);
    put([...f.concepts]);
    data[p++] = f.maxYear ?? NO_YEAR;
  }
  return { data, entries };
}

/** An entry's features for record `r` (null if they cannot be its: a quotation it does not have). */
function decode(ints: Int32Array, e: Entry, r: ArticleRecord, from: readonly unknown[], vocab: Vocabulary, glossary: Concept[]): RecordFeatures | null {
  let p = e.at;
  const take = () => {
    const n = ints[p];
    const out = ints.subarray(p + 1, p + 1 + n);
    p += 1 + n;
    return out;
  };
  const textIds = take();
  const quoteAt: number[] = [];
  const quoteIds: Ids[] = [];
  for (let q = ints[p++]; q > 0; q--) {
    const at = ints[p++];
    if (at >= r.quotes.length) return null;
    quoteAt.push(at);
    quoteIds.push(take());
  }
  const dfStems = take();
  const keyCandidates = take();
  const concepts = new Set(take());
  const year = ints[p];
  return {
    from, vocab, glossary, textIds, quoteIds, quoteAt,
    quoteTexts: quoteAt.map((k) => r.quotes[k].text),
    dfStems, keyCandidates, concepts,
    people: peopleOf(r),
    maxYear: year === NO_YEAR ? null : year,
    clues: e.clues,
    titleSlug: e.titleSlug,
    calendar: null,
  };
}

function featureFile(key: string, glossary: string, calendar: string, words: string[], data: Int32Array, entries: Map<string, Entry>, groups: Map<string, QuoteGroupRefs>): Buffer {
  const w = Buffer.from(JSON.stringify(words));
  const m = Buffer.from(JSON.stringify([...entries].map(([k, e]) => [k, e.at, e.clues, e.titleSlug, e.cal])));
  const g = Buffer.from(JSON.stringify([...groups]));
  const pad = Buffer.alloc((4 - ((w.length + m.length + g.length) % 4)) % 4);
  const head: Omit<Header, "sha256"> = { format: FORMAT, key, glossary, calendar, endian: endianness(), words: w.length, entries: m.length, groups: g.length };
  return checkedFile(head, Buffer.concat([w, m, g, pad, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

/** What a features file holds, or null when it is missing, of another key or glossary, cut short or altered. */
function readFeatureFile(
  file: string,
  key: string,
  glossary: string,
): { vocab: Vocabulary; entries: Map<string, Entry>; ints: Int32Array<ArrayBufferLike>; calendar: string | null; groups: Map<string, QuoteGroupRefs> } | null {
  const read = readCheckedFile(file);
  if (!read) return null;
  const { body } = read;
  const head = read.head as Partial<Header>;
  if (head.format !== FORMAT || head.key !== key || head.glossary !== glossary || head.endian !== endianness()) return null;
  if (typeof head.words !== "number" || typeof head.entries !== "number" || typeof head.groups !== "number") return null;
  try {
    const words = JSON.parse(body.subarray(0, head.words).toString("utf8")) as unknown;
    if (!Array.isArray(words) || !words.every((x) => typeof x === "string")) return null;
    const vocab = Vocabulary.of(words as string[]);
    if (!vocab) return null;
    const list = JSON.parse(body.subarray(head.words, head.words + head.entries).toString("utf8")) as unknown;
    if (!Array.isArray(list)) return null;
    const groups = readQuoteGroups(JSON.parse(body.subarray(head.words + head.entries, head.words + head.entries + head.groups).toString("utf8")));
    if (!groups) return null;
    const json = head.words + head.entries + head.groups;
    const start = json + ((4 - (json % 4)) % 4);
    // the numbers are used where they lie when aligned (a file read whole is), else copied
    const bytes = body.subarray(start);
    if (bytes.length % 4) return null;
    const ints = bytes.byteOffset % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4) : new Int32Array(new Uint8Array(bytes).buffer);
    const entries = new Map<string, Entry>();
    for (const x of list) {
      if (!Array.isArray(x) || typeof x[0] !== "string" || !Number.isInteger(x[1]) || x[1] < 0 || x[1] >= ints.length) return null;
      entries.set(x[0], { at: x[1], clues: Array.isArray(x[2]) ? (x[2] as DayClue[]) : null, titleSlug: typeof x[3] === "string" ? x[3] : null, cal: calendarMatches(x[4]) });
    }
    return { vocab, entries, ints, calendar: typeof head.calendar === "string" ? head.calendar : null, groups };
  } catch {
    return null;
  }
}

/** Kept quotation groups as the file holds them ([digest, [[speaker id or null, [member, quote, member, quote…]]…]]…), or null. */
function readQuoteGroups(x: unknown): Map<string, QuoteGroupRefs> | null {
  if (!Array.isArray(x)) return null;
  const out = new Map<string, QuoteGroupRefs>();
  for (const e of x) {
    if (!Array.isArray(e) || typeof e[0] !== "string" || !Array.isArray(e[1])) return null;
    const ok = (e[1] as unknown[]).every(
      (g) => Array.isArray(g) && g.length === 2 && (g[0] === null || typeof g[0] === "string") && Array.isArray(g[1]) && g[1].length % 2 === 0 && g[1].every((v: unknown) => Number.isInteger(v) && (v as number) >= 0),
    );
    if (!ok) return null;
    out.set(e[0], e[1] as QuoteGroupRefs);
  }
  return out;
}

/** Kept calendar matches as the file holds them ([index, day, evidence]…), or null. */
function calendarMatches(x: unknown): [number, string, string][] | null {
  if (!Array.isArray(x)) return null;
  const ok = x.every((m) => Array.isArray(m) && m.length === 3 && Number.isInteger(m[0]) && m[0] >= 0 && typeof m[1] === "string" && typeof m[2] === "string");
  return ok ? (x as [number, string, string][]) : null;
}

/** The key of a features file (see the module's comment). */
function linkStoreKey(recordVersion: string): string {
  return sha256(`${FORMAT}\0${recordVersion}`);
}

/** Where the features of the seeds folder `root` are kept in the cache folder `cacheDir`. */
function linkStoreFile(cacheDir: string, root: string): string {
  return seedsFolderFile(cacheDir, root, "link-features", ".bin");
}

/** The store of this process for a cache folder and seeds folder (src/cache-write.ts processHeld, as the seed index). */
export function processLinkStore(cacheDir: string, root: string, recordVersion: string): LinkStore {
  const file = linkStoreFile(cacheDir, root);
  const key = linkStoreKey(recordVersion);
  return processHeld("revue.linkStore", file, key, () => new LinkStore(file, key));
}
