/**
 * remark plugin: marks each quotation of a record inside the rendered text.
 *
 * Input is the mdast of `blocksToMdast` (src/site/body.ts): each paragraph carries the
 * quotations placed in its block (`data.quotes`). Each quotation's words are wrapped in
 * `<q cite="speaker page" title="speaker">`; a link to the speaker follows the closing mark
 * only where the sentence does not already name them (by a registry spelling or surname),
 * kept out of the search index. Text outside quotations is left as it was; nothing here
 * reads seed HTML.
 */
import type { Root, Paragraph, Heading, PhrasingContent, Text } from "mdast";
import { LooseText, namesAny } from "./loose-match.js";

export interface QuoteMark {
  /** Index of the block (0-based) the quotation stands in. */
  block: number;
  text: string;
  /** Element id, so other pages can link to it ("q-3"). */
  anchor: string;
  speakerName: string | null;
  speakerUrl: string | null;
  /** Every spelling of the speaker (registry name, aliases): a sentence naming them needs no label. */
  spellings: string[];
  manual: boolean;
}

declare module "mdast" {
  interface ParagraphData {
    /** The quotations placed in this paragraph's block (src/site/body.ts). */
    quotes?: QuoteMark[];
  }
}

/** Closing marks that may follow the quoted words. */
const CLOSING = /^[\s\u00a0\u202f]*[»"”’]/;

function plainText(node: Paragraph | Heading): string {
  let s = "";
  for (const c of node.children) if (c.type === "text") s += c.value;
  return s;
}

/**
 * Marks the quotations of one paragraph. The mark that says who speaks comes at the end of the
 * sentence, not inside it, and only when the sentence does not name the speaker itself (the
 * quoted words aside) nor the quotation before it had the same speaker; a quotation nobody
 * could be credited with is marked "non attribuée" there, never given a neighbour's name.
 * Both marks are kept out of the search index (data-pagefind-ignore).
 */
function markParagraph(node: Paragraph, quotes: QuoteMark[]): void {
  const text = plainText(node);
  if (node.children.some((c) => c.type !== "text")) return; // not ours: leave untouched
  const found: { start: number; end: number; q: QuoteMark }[] = [];
  const loose = new LooseText(text);
  let from = 0;
  for (const q of quotes) {
    const r = loose.find(q.text, from) ?? loose.find(q.text, 0);
    if (!r || found.some((f) => r[0] < f.end && r[1] > f.start)) continue;
    found.push({ start: r[0], end: r[1], q });
    from = r[1];
  }
  if (found.length === 0) return;
  found.sort((a, b) => a.start - b.start);
  // labels: at the end of each sentence, each speaker once
  const labels = new Map<number, { url: string | null; name: string; manual: boolean }[]>();
  let previousSpeaker: string | null | undefined;
  for (const f of found) {
    const [s0, s1] = loose.sentenceAround(f.start, f.end);
    // at the sentence end, unless a quotation of someone else comes first: then after the closing mark
    const next = Math.min(Infinity, ...found.filter((g) => g.start >= f.end && g.q.speakerUrl !== f.q.speakerUrl).map((g) => g.start));
    const at = s1 <= next ? s1 : Math.min(next, f.end + (CLOSING.exec(text.slice(f.end))?.[0].length ?? 0));
    const list = labels.get(at) ?? [];
    const add = (l: { url: string | null; name: string; manual: boolean }) => {
      if (!list.some((x) => x.url === l.url)) list.push(l);
      labels.set(at, list);
    };
    if (!f.q.speakerUrl) add({ url: null, name: "non attribuée", manual: false });
    else if (f.q.speakerName) {
      const named = namesAny(text.slice(s0, f.start) + " " + text.slice(f.end, s1), f.q.spellings);
      if (f.q.manual || (!named && f.q.speakerUrl !== previousSpeaker)) add({ url: f.q.speakerUrl, name: f.q.speakerName, manual: f.q.manual });
    }
    previousSpeaker = f.q.speakerUrl;
  }
  const out: PhrasingContent[] = [];
  const txt = (value: string): Text => ({ type: "text", value });
  const cuts = [...new Set([...found.flatMap((f) => [f.start, f.end]), ...labels.keys()])].sort((a, b) => a - b);
  let pos = 0;
  const flushTo = (end: number) => {
    if (end > pos) out.push(txt(text.slice(pos, end)));
    pos = Math.max(pos, end);
  };
  for (const cut of cuts) {
    const f = found.find((g) => g.start === cut);
    if (f) {
      flushTo(f.start);
      const props: Record<string, string | string[]> = { id: f.q.anchor, className: ["q-text"] };
      if (f.q.speakerUrl) props.cite = f.q.speakerUrl;
      if (f.q.speakerName) props.title = f.q.speakerName;
      out.push({ type: "emphasis", data: { hName: "q", hProperties: props }, children: [txt(text.slice(f.start, f.end))] });
      pos = f.end;
    }
    const ls = labels.get(cut);
    if (!ls || cut < pos) continue;
    flushTo(cut);
    for (const l of ls) {
      out.push(txt(" "));
      if (l.url) {
        out.push({
          type: "link",
          url: l.url,
          data: { hProperties: { className: ["q-by"], "data-pagefind-ignore": "" } },
          children: [txt(l.name + (l.manual ? " (attribution corrigée à la main)" : ""))],
        });
      } else {
        out.push({
          type: "emphasis",
          data: { hName: "span", hProperties: { className: ["q-by", "q-unattributed"], "data-pagefind-ignore": "" } },
          children: [txt(l.name)],
        });
      }
    }
  }
  flushTo(text.length);
  node.children = out;
}

export default function remarkQuotes() {
  return (tree: Root) => {
    for (const node of tree.children) {
      if (node.type === "paragraph" && node.data?.quotes?.length) markParagraph(node, node.data.quotes);
    }
  };
}
