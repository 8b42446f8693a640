import type { Doc } from "./doc.js";
import { textLines } from "../extract/segment.js";

/** Plain text copied from a web page: one line per block, furniture included. */
export function ingestText(text: string): Doc {
  return { format: "text", lines: textLines(text), structured: false, meta: { via: "text" }, warnings: [] };
}
