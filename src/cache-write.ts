/**
 * Writing the cache files: atomically (writeAtomic: the record cache, the knowledge
 * snapshots, the whole-corpus files), with a checksummed header (checkedFile), and, for
 * the whole-corpus files (src/seed-index.ts, src/link-store.ts, src/site/view-cache.ts),
 * when they are written again: rewriting tens of megabytes after each one-seed rebuild
 * would cost more than the few entries a file left behind makes the next build redo.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";

/**
 * The file of a cache folder that holds what one seeds folder's builds keep (the seed index, the link
 * features): `<cacheDir>/<name>-<hash of the seeds folder's real path><ext>` — two folders sharing a
 * cache folder each have their own (each would otherwise make the other's out of date).
 */
export function seedsFolderFile(cacheDir: string, root: string, name: string, ext: string): string {
  return path.join(cacheDir, `${name}-${createHash("sha256").update(root).digest("hex").slice(0, 16)}${ext}`);
}

/** Entries a file may have out of date (missing, stale or gone) before it is written again. */
export const WRITE_SLACK = 16;

/**
 * Whether a file holding the entries `onDisk` is to be written again for the build's entries `next`:
 * more than WRITE_SLACK of them missing from it, stale (`stale`, by default: missing) or gone from `next`.
 */
export function pastSlack<K, V>(onDisk: { has(k: K): boolean; keys(): Iterable<K> }, next: ReadonlyMap<K, V>, stale: (k: K, v: V) => boolean = (k) => !onDisk.has(k)): boolean {
  let differ = 0;
  for (const [k, v] of next) if (stale(k, v)) differ++;
  for (const k of onDisk.keys()) if (!next.has(k)) differ++;
  return differ > WRITE_SLACK;
}

/**
 * Writes now, or, in a long-lived process (the dev server) whose rebuilds come in bursts, once 2 s after
 * the last call — or sooner, when the process stops (flushWrites).
 */
export class WriteSoon {
  defer = false;
  private pending: { write: () => void; timer: NodeJS.Timeout } | undefined;

  run(save: () => void): void {
    if (!this.defer) return save();
    const waiting = pendingWrites();
    // a write not yet made is replaced by this one (which writes the latest state)
    if (this.pending) {
      clearTimeout(this.pending.timer);
      waiting.delete(this.pending.write);
    }
    const write = () => {
      clearTimeout(timer);
      waiting.delete(write);
      this.pending = undefined;
      save();
    };
    const timer = setTimeout(write, 2000);
    timer.unref();
    this.pending = { write, timer };
    waiting.add(write);
  }
}

/** The writes WriteSoon waits to make, on globalThis: Eleventy may load these modules more than once. */
function pendingWrites(): Set<() => void> {
  return ((globalThis as Record<symbol, Set<() => void> | undefined>)[Symbol.for("revue.pendingWrites")] ??= new Set());
}

const DEFER = Symbol.for("revue.seedIndex.deferWrites");

/** The dev server: the cache files of processHeld objects (the seed index, the link features) are written a moment after each rebuild. */
export function deferWrites(): void {
  (globalThis as Record<symbol, boolean>)[DEFER] = true;
}

/**
 * The one object of this process for a cache file (the seed index, the link features), kept on globalThis
 * (Eleventy may load the site's modules more than once; the dev server keeps it between rebuilds), made
 * again by `make` when its key changes; its writes deferred once deferWrites was called.
 */
export function processHeld<T extends { readonly key: string; readonly writes: WriteSoon }>(kind: string, file: string, key: string, make: () => T): T {
  const held = ((globalThis as Record<symbol, Map<string, T> | undefined>)[Symbol.for(kind)] ??= new Map());
  let o = held.get(file);
  if (!o || o.key !== key) held.set(file, (o = make()));
  o.writes.defer = (globalThis as Record<symbol, boolean | undefined>)[DEFER] === true;
  return o;
}

/** Makes now every write a WriteSoon waits to make: the dev server, when it is stopped. */
export function flushWrites(): void {
  for (const write of [...pendingWrites()]) write();
}

/**
 * Writes `data` to `file` through a temporary file renamed over it: a reader sees the old file or
 * the new one, never half of one. False when it cannot be written (read-only folder, disk full):
 * a cache or snapshot that cannot be kept only costs the next process time.
 */
export function writeAtomic(file: string, data: string | Uint8Array): boolean {
  const tmp = `${file}.${process.pid}.${threadId}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, file);
    return true;
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* no folder to hold it (force does not cover ENOTDIR) */
    }
    return false;
  }
}

/** Removes all but the `keep` latest files of `dir` whose names match `name` (snapshots of other data or code). */
export function keepLatest(dir: string, name: RegExp, keep: number): void {
  try {
    const old = readdirSync(dir)
      .filter((n) => name.test(n))
      .map((n) => ({ file: path.join(dir, n), t: statSync(path.join(dir, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(keep);
    for (const o of old) rmSync(o.file, { force: true });
  } catch {
    /* a folder that cannot be listed or changed: nothing removed */
  }
}

/** A whole-corpus cache file: one JSON header line (`head`, with the SHA-256 of the body as `sha256`), then the body. */
export function checkedFile(head: Record<string, unknown>, body: Uint8Array): Buffer {
  const line = JSON.stringify({ ...head, sha256: createHash("sha256").update(body).digest("hex") });
  return Buffer.concat([Buffer.from(`${line}\n`), body]);
}

/** The header and body of a file written as checkedFile writes it, or null when it is missing, unreadable, cut short or altered. */
export function readCheckedFile(file: string): { head: Record<string, unknown>; body: Buffer } | null {
  const read = readHeadLine(file);
  if (!read) return null;
  const { head, body } = read;
  if (head.sha256 !== createHash("sha256").update(body).digest("hex")) return null;
  return { head, body };
}

/**
 * A cache file's first line, a JSON object (its header), and the bytes after it; null when the file is
 * missing or unreadable, or its first line is absent, too long or not a JSON object. The caller checks the rest.
 */
export function readHeadLine(file: string): { head: Record<string, unknown>; body: Buffer } | null {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return null;
  }
  const nl = buf.indexOf(10);
  if (nl < 0 || nl > 4096) return null;
  try {
    const head = JSON.parse(buf.subarray(0, nl).toString("utf8")) as unknown;
    if (!head || typeof head !== "object") return null;
    return { head: head as Record<string, unknown>, body: buf.subarray(nl + 1) };
  } catch {
    return null;
  }
}
