/**
 * When the whole-corpus cache files (src/seed-index.ts, src/site/view-cache.ts) are
 * written again: rewriting tens of megabytes after each one-seed rebuild would cost
 * more than the few entries a file left behind makes the next build redo.
 */

/** Entries a file may have out of date (missing, stale or gone) before it is written again. */
export const WRITE_SLACK = 16;

/** Writes now, or, in a long-lived process (the dev server) whose rebuilds come in bursts, once 2 s after the last call. */
export class WriteSoon {
  defer = false;
  private pending: NodeJS.Timeout | undefined;

  run(save: () => void): void {
    if (!this.defer) return save();
    clearTimeout(this.pending);
    this.pending = setTimeout(save, 2000);
    this.pending.unref();
  }
}
