/**
 * One seed extracted alone, for bench/limits.ts to time and watch from outside:
 * prints `{bytes, extractS, quotes}` (the time of extractRecord in this process).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { extractRecord } from "../src/pipeline.js";

const file = process.argv[2];
const bytes = new Uint8Array(readFileSync(file));
const t = performance.now();
const record = extractRecord({ file: path.basename(file), bytes });
const extractS = (performance.now() - t) / 1000;
process.stdout.write(JSON.stringify({ bytes: bytes.length, extractS, quotes: record.quotes.length }) + "\n");
