/**
 * Worker thread of the extraction pool (see worker-pool.ts): receives a seed's
 * bytes, answers with what `runSeedJob` made of them (its record, written to the
 * record cache here, or why it was refused). No reading of seeds here.
 * Says "ready" once its modules are loaded (0.14 s compiled, 0.33 s through tsx),
 * so the pool gives it work only then.
 */
import { parentPort } from "node:worker_threads";
import { runSeedJob, type SeedJob, type SeedOutcome } from "./seed-job.js";

export type Job = { id: number; job: SeedJob };
export type Answer = { id: number; outcome: SeedOutcome } | { ready: true };

parentPort?.on("message", ({ id, job }: Job) => {
  parentPort?.postMessage({ id, outcome: runSeedJob(job) } satisfies Answer);
});
parentPort?.postMessage({ ready: true } satisfies Answer);
