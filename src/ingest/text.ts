import type { Doc } from "./doc.js";
import { textLines } from "../extract/segment.js";

/** A line that is only a web address: users paste the article's URL above or below the text. */
const URL_LINE = /^(?:source\s*:\s*)?(https?:\/\/[^\s<>"]{4,2000})$/i;

/** Plain text copied from a web page: one line per block, furniture included. */
export function ingestText(text: string): Doc {
  const lines = textLines(text);
  // the first pasted web address, at the very top or bottom, is the article's own
  let url: string | null = null;
  for (const i of [0, lines.length - 1]) {
    const m = lines[i] && URL_LINE.exec(lines[i].text);
    if (m && !url) {
      url = m[1];
      lines.splice(i, 1);
    }
  }
  return { format: "text", lines, structured: false, meta: { via: "text", url }, warnings: [] };
}
