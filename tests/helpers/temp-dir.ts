/** Test helper: `work` given a fresh temporary folder, removed afterwards whatever happens. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export async function inTempDir(prefix: string, work: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), prefix));
  try {
    await work(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
