/**
 * Pinned floors of the quality gates (tests/fixtures/floors.json): for each set, figures
 * that must stay at or above `min` and at or below `max`. A failing check prints the
 * whole score and the problems found, so the regression can be traced to its document.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./root.js";

export interface Floors {
  min: Record<string, number>;
  max: Record<string, number>;
}

export const FLOORS: Record<string, Floors> = JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/floors.json"), "utf8"));

export function checkFloors(set: string, score: object, floors: Floors): void {
  const got = score as Record<string, unknown>;
  const failures: string[] = [];
  for (const [k, v] of Object.entries(floors.min)) {
    if (typeof got[k] !== "number") failures.push(`${k}: not measured`);
    else if ((got[k] as number) < v - 1e-9) failures.push(`${k} ${got[k]} < floor ${v}`);
  }
  for (const [k, v] of Object.entries(floors.max)) {
    if (typeof got[k] !== "number") failures.push(`${k}: not measured`);
    else if ((got[k] as number) > v + 1e-9) failures.push(`${k} ${got[k]} > ceiling ${v}`);
  }
  const { problems, ...figures } = got;
  assert.deepEqual(failures, [], `${set}: ${JSON.stringify(figures)}\n${(problems as string[]).join("\n")}`);
}
