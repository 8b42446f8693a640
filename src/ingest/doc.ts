/**
 * The common shape every input format is turned into before the text rules run:
 * lines with structural hints, plus whatever metadata the format carries.
 */
import type { Via } from "../record.js";
import type { Line } from "../extract/segment.js";

export interface DocMeta {
  title?: string | null;
  /** `via`: where the date was read (JSON-LD or the page's other marks); `evidence` names the source. */
  date?: { iso: string; evidence: string; via?: Via } | null;
  outlet?: string | null;
  authors?: string[];
  agencies?: string[];
  url?: string | null;
  language?: string | null;
  lede?: string | null;
  /** Where these values came from. */
  via: Via;
}

export interface Doc {
  format: "text" | "html" | "markdown";
  lines: Line[];
  /** True for hand-entered notes: every paragraph is article text, no furniture rules. */
  structured: boolean;
  meta: DocMeta;
  warnings: string[];
  /** The analyst's own remarks (Markdown `> note:` blocks, front matter `notes:`), kept out of `lines`. */
  notes?: string[];
}
