/**
 * remark plugin: marks each quotation of a record inside the rendered text.
 *
 * Input is the mdast of `bodyToMarkdown` (one top-level node per block, block i
 * on line 2i+1). For each quotation placed in a block, the words are wrapped in
 * `<q cite="speaker page">` and a link to the speaker follows the closing mark.
 * Text outside quotations is left as it was; nothing here reads seed HTML.
 */
import type { Root, Paragraph, Heading, PhrasingContent, Text } from "mdast";
import { findLoose } from "./loose-match.js";

export interface QuoteMark {
  /** Index of the block (0-based) the quotation stands in. */
  block: number;
  text: string;
  /** Element id, so other pages can link to it ("q-3"). */
  anchor: string;
  speakerName: string | null;
  speakerUrl: string | null;
  manual: boolean;
}

export interface RemarkQuotesOptions {
  quotes: QuoteMark[];
}

/** Closing marks that may follow the quoted words before the speaker link. */
const CLOSING = /^[\s\u00a0\u202f]*[»"”’]/;

function plainText(node: Paragraph | Heading): string {
  let s = "";
  for (const c of node.children) if (c.type === "text") s += c.value;
  return s;
}

function markParagraph(node: Paragraph, quotes: QuoteMark[]): void {
  const text = plainText(node);
  if (node.children.some((c) => c.type !== "text")) return; // not ours: leave untouched
  const found: { start: number; end: number; after: number; q: QuoteMark }[] = [];
  let from = 0;
  for (const q of quotes) {
    const r = findLoose(text, q.text, from) ?? findLoose(text, q.text, 0);
    if (!r || found.some((f) => r[0] < f.end && r[1] > f.start)) continue;
    const close = CLOSING.exec(text.slice(r[1]));
    found.push({ start: r[0], end: r[1], after: r[1] + (close ? close[0].length : 0), q });
    from = r[1];
  }
  if (found.length === 0) return;
  found.sort((a, b) => a.start - b.start);
  const out: PhrasingContent[] = [];
  let pos = 0;
  const txt = (value: string): Text => ({ type: "text", value });
  let previousSpeaker: string | null = null;
  for (const f of found) {
    if (f.start > pos) out.push(txt(text.slice(pos, f.start)));
    const after = Math.max(f.end, Math.min(f.after, found.find((g) => g.start >= f.end)?.start ?? Infinity));
    const props: Record<string, string | string[]> = { id: f.q.anchor, className: ["q-text"] };
    if (f.q.speakerUrl) props.cite = f.q.speakerUrl;
    out.push({
      type: "emphasis",
      data: { hName: "q", hProperties: props },
      children: [txt(text.slice(f.start, f.end))],
    });
    if (after > f.end) out.push(txt(text.slice(f.end, after)));
    // The speaker link follows a quotation unless the one before it in the paragraph has the same speaker.
    if (f.q.speakerUrl && f.q.speakerName && f.q.speakerUrl !== previousSpeaker) {
      out.push({
        type: "link",
        url: f.q.speakerUrl,
        data: { hProperties: { className: ["q-by"] } },
        children: [txt(f.q.speakerName + (f.q.manual ? " (attribution corrigée à la main)" : ""))],
      });
    }
    // A quotation nobody could be credited with says so, never takes the neighbour's name.
    if (!f.q.speakerUrl) {
      out.push({
        type: "emphasis",
        data: { hName: "span", hProperties: { className: ["q-by", "q-unattributed"], "data-pagefind-ignore": "" } },
        children: [txt("non attribuée")],
      });
    }
    previousSpeaker = f.q.speakerUrl;
    pos = after;
  }
  if (pos < text.length) out.push(txt(text.slice(pos)));
  node.children = out;
}

export default function remarkQuotes(options: RemarkQuotesOptions) {
  return (tree: Root) => {
    for (const node of tree.children) {
      if (node.type !== "paragraph" || !node.position) continue;
      const block = (node.position.start.line - 1) / 2;
      const quotes = options.quotes.filter((q) => q.block === block);
      if (quotes.length) markParagraph(node, quotes);
    }
  };
}
