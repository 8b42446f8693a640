/**
 * Word-level comparison of the variants of one quotation (the same words as
 * printed by different outlets): "régions clés" / "régions clé".
 * Each variant is compared with the first (the first with the second); the
 * words only it has are wrapped in <mark>. Output is escaped HTML.
 */
import { diffWords } from "diff";
import { escapeHtml } from "./escape.js";

export interface VariantView {
  articleId: string;
  /** Escaped HTML of the text, differing words in <mark class="diff">. */
  html: string;
  differs: boolean;
}

/** Typographic differences (apostrophes, spaces) that are not a different wording, made the same (also how events compare quotations, model.ts). */
export function normalize(s: string): string {
  return s.replace(/[\u2019\u2018]/g, "'").replace(/[\s\u00a0\u202f]+/g, " ").trim();
}

/** `text` with the words absent from `other` marked. */
export function markDifferences(text: string, other: string): { html: string; differs: boolean } {
  const a = normalize(other);
  const b = normalize(text);
  // the same words as printed elsewhere (most variants): what diffWords would give, without running it
  if (a === b) return { html: escapeHtml(b), differs: false };
  // Case is ignored: "La coordination" opening one quotation is "la coordination" inside another.
  const parts = diffWords(a, b, { ignoreCase: true });
  let html = "";
  let differs = false;
  for (const p of parts) {
    if (p.removed) {
      differs = true;
      continue;
    }
    if (p.added) {
      differs = true;
      const lead = p.value.match(/^\s*/)![0];
      const trail = p.value.match(/\s*$/)![0];
      const core = p.value.trim();
      html += escapeHtml(lead) + (core ? `<mark class="diff">${escapeHtml(core)}</mark>` : "") + escapeHtml(trail);
    } else html += escapeHtml(p.value);
  }
  return { html, differs };
}

/**
 * Each variant against the first (the first against the second). `kept`: where the comparisons of a group
 * whose words differ somewhere are kept between builds (the view cache, src/site/view-cache.ts: `texts`),
 * by the variants' texts — they are all the comparisons read; the same texts, the same marks.
 */
export function compareVariants(
  variants: { articleId: string; text: string }[],
  kept?: (texts: string[], make: () => string[]) => string[],
): VariantView[] {
  const pairs = variants.map((v, i) => [v.text, (variants.length < 2 ? v : i === 0 ? variants[1] : variants[0]).text] as const);
  const compare = () => pairs.map(([text, other]) => markDifferences(text, other));
  // most groups print the same words: no diff to keep
  let made: { html: string; differs: boolean }[];
  if (!kept || pairs.every(([text, other]) => text === other || normalize(text) === normalize(other))) made = compare();
  else {
    const flat = kept(variants.map((v) => v.text), () => compare().flatMap((m) => [m.html, m.differs ? "1" : ""]));
    made = pairs.map((_, i) => ({ html: flat[2 * i]!, differs: flat[2 * i + 1] === "1" }));
  }
  return variants.map((v, i) => ({ articleId: v.articleId, html: made[i]!.html, differs: made[i]!.differs }));
}
