/**
 * A small pool of worker threads running `runSeedJob` (src/seed-job.ts: refuse,
 * extract, write the cache entry), so a large corpus uses every core. Jobs go to
 * the given worker or to the one with the fewest jobs in flight; the caller bounds
 * how many are in flight.
 *
 * Workers load `worker.ts` through tsx's `tsImport`: on Node 20 a worker does not
 * get the parent's `--import tsx` hooks, so a worker pointed at a .ts file fails
 * with "Unknown file extension". A tiny CommonJS bootstrap registers tsx for the
 * worker's own imports, then loads the worker module. From the compiled copy
 * (scripts/run.mjs), the worker is `worker.js` beside this module, loaded as is.
 *
 * Hand-written, not tinypool or piscina (docs/benchmark.md, "The worker pool: kept
 * hand-written"), measured again after the loader's rework: 10,000 seeds, main
 * thread plus one worker, compiled copy, loaded machine, 2 runs each, CPU of the
 * process up to the seed index: 21.8–22.7 s with this pool, 21.1–21.8 s with
 * tinypool 2.2.0, 22.2–22.5 s with piscina 5.3.2 (the same worker_threads and
 * structured clone underneath; wall times swung 30–70 s with the load, same
 * records). No faster, and hardly simpler: what this class does is small (post a
 * job, match its answer, notice a dead worker), while what a library does not
 * do stays in src/corpus.ts — the main thread extracting beside the workers from
 * the same queue, a dead worker's job done in the main thread, the count of
 * workers used — and under tsx a library's workers fail the same way
 * (ERR_UNKNOWN_FILE_EXTENSION, checked with tinypool on Node 20.20), so the
 * bootstrap below would stay too.
 */
import { Worker } from "node:worker_threads";
import type { SeedJob, SeedOutcome } from "./seed-job.js";
import type { Answer, Job } from "./worker.js";

/** Running from the compiled copy (scripts/run.mjs): the worker is plain JavaScript too, no tsx to load. */
const COMPILED = import.meta.url.endsWith(".js");
const WORKER_ENTRY = new URL(COMPILED ? "./worker.js" : "./worker.ts", import.meta.url);
const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
import(workerData.api).then((api) => api.tsImport(workerData.entry, workerData.entry));
`;

interface Slot {
  worker: Worker;
  dead: boolean;
  /** Jobs this worker answered. */
  done: number;
  pending: Map<number, { resolve: (r: SeedOutcome) => void; reject: (e: Error) => void }>;
}

export class ExtractPool {
  private slots: Slot[] = [];
  private nextId = 0;
  /** One per worker: settles when it has loaded its modules, or has died trying (check `alive`). */
  readonly ready: Promise<void>[] = [];

  /** `maxMemoryMb`: each worker's JavaScript heap limit (a worker that needs more dies, its jobs fail). */
  constructor(readonly size: number, limits: { maxMemoryMb?: number } = {}) {
    const resourceLimits = limits.maxMemoryMb ? { maxOldGenerationSizeMb: limits.maxMemoryMb } : undefined;
    for (let i = 0; i < size; i++) {
      const worker = COMPILED
        ? new Worker(WORKER_ENTRY, { resourceLimits })
        : new Worker(BOOTSTRAP, { eval: true, workerData: { api: import.meta.resolve("tsx/esm/api"), entry: WORKER_ENTRY.href }, resourceLimits });
      const slot: Slot = { worker, dead: false, done: 0, pending: new Map() };
      let isReady!: () => void;
      this.ready.push(new Promise<void>((resolve) => (isReady = resolve)));
      worker.on("message", (a: Answer) => {
        if ("ready" in a) return isReady();
        const p = slot.pending.get(a.id);
        slot.pending.delete(a.id);
        if (!p) return;
        slot.done++;
        p.resolve(a.outcome);
      });
      // A worker that crashed takes no more jobs; its pending jobs fail (the caller retries them inline).
      const fail = (err: Error) => {
        slot.dead = true;
        isReady();
        for (const p of slot.pending.values()) p.reject(err);
        slot.pending.clear();
      };
      worker.on("error", fail);
      worker.on("exit", (code) => fail(new Error(`extraction worker stopped (exit code ${code})`)));
      this.slots.push(slot);
    }
  }

  alive(worker: number): boolean {
    return !this.slots[worker].dead;
  }

  /** How many workers answered at least one job. */
  get used(): number {
    return this.slots.filter((s) => s.done > 0).length;
  }

  /** Run the job in the given worker, or in the one with the fewest jobs in flight; rejected only when that worker stops. */
  run(input: SeedJob, worker?: number): Promise<SeedOutcome> {
    const live = this.slots.filter((s) => !s.dead);
    if (live.length === 0) return Promise.reject(new Error("no extraction worker left"));
    const slot = worker !== undefined ? this.slots[worker] : live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    if (slot.dead) return Promise.reject(new Error("extraction worker stopped"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      const job: Job = { id, job: input };
      slot.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    for (const s of this.slots) s.dead = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
