/**
 * src/site/body.ts builds an article's mdast straight from its blocks. Before, it wrote the
 * blocks as Markdown (one line each, every ASCII punctuation backslash-escaped) and parsed that
 * with remark-parse. The pages must not change: the tree it builds is checked here against the
 * tree remark-parse gives for that Markdown, on hand-picked and on random texts, and the HTML
 * with quotations marked against the HTML of the parsed tree.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { unified } from "unified";
import remarkParse from "remark-parse";
import type { Root } from "mdast";
import { blocksToMdast, mdastToHtml } from "../src/site/body.js";
import type { QuoteMark } from "../src/site/remark-quotes.js";
import type { Block } from "../src/record.js";

/** The former path: each block one escaped Markdown line, block i on line 2i+1, parsed by remark-parse. */
function parsedTree(blocks: Block[], marks: QuoteMark[] = []): Root {
  const escape = (s: string) => s.replace(/[\s\u0000]+/g, " ").trim().replace(/[!-/:-@[-`{-~]/g, (c) => "\\" + c);
  const markdown = blocks.map((b) => (typeof b === "string" ? escape(b) : `## ${escape(b.heading)}`)).join("\n\n");
  const tree = unified().use(remarkParse).parse(markdown);
  for (const node of tree.children) {
    // the quotation plugin found a paragraph's block by its line
    const quotes = marks.filter((m) => node.type === "paragraph" && m.block === (node.position!.start.line - 1) / 2);
    if (quotes.length && node.type === "paragraph") node.data = { quotes };
  }
  return withoutPositions(tree) as Root;
}

function withoutPositions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutPositions);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).filter(([k]) => k !== "position").map(([k, v]) => [k, k === "data" ? v : withoutPositions(v)]));
}

/** Texts that Markdown would read as markup, white space of every kind, characters a parser may rewrite. */
const TRICKY = [
  "# titre", "## intertitre #", "1. liste", "2) liste", "- tiret", "+ plus", "* étoile", "***", "---", "___", "===",
  "<script>alert(1)</script>", "<!-- commentaire -->", "<div>bloc</div>", "<http://exemple.fr>", "**gras** _x_ `code`",
  "&amp; &lt; &#x41; &#65; &nbsp; &copy", "[lien](http://x) ![image](y.png) [ref]: /url", "> cité", "    code indenté",
  "\tcode tabulé", "```js", "~~~", "fin\\", "a\\b \\\\ \\*", "ligne  double   espace", "a\u00a0\u202f\u2009b", "\u3000x\ufeff",
  "a\r\nb\rc\nd", "\u0000nul\u0000", "\u000b\u000c", "\u0085 NEL", "\u2028\u2029", "\u0001\u0007\u001f contrôles",
  "😀 émoji", "lone \ud800 surrogate \udc00", "« guillemets » “anglais” ‘simples’", "www.exemple.fr https://x.y",
  "", "   ", "\n\n", "|a|b|\n|-|-|", "Setext\n===", "x  \ny", "\\", "#", "##", "# ", "1.", "<", "&", "![", "](",
];

test("the mdast made from the blocks is the one remark-parse gave for them escaped as Markdown", () => {
  for (const s of TRICKY) {
    assert.deepEqual(blocksToMdast([s]), parsedTree([s]), JSON.stringify(s));
    assert.deepEqual(blocksToMdast([{ heading: s }]), parsedTree([{ heading: s }]), `heading ${JSON.stringify(s)}`);
  }
  // empty blocks among others: the blocks after them keep their place
  const blocks: Block[] = ["un", "", { heading: "" }, "  ", "deux", { heading: "# trois" }, "\u00a0", "quatre"];
  assert.deepEqual(blocksToMdast(blocks), parsedTree(blocks));
  assert.equal(mdastToHtml(blocksToMdast(blocks)), "<p>un</p>\n<h2></h2>\n<p>deux</p>\n<h2># trois</h2>\n<p>quatre</p>");
});

const piece = fc.oneof(
  fc.constantFrom(...TRICKY, " ", "\n", "\t", "\\", "&", "<", ">", "#", "*", "_", "`", "[", "]", "!", "1.", "-", "é", "œ", "\u00a0", "\u202f"),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.string({ maxLength: 12 }),
);
const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(""));
const block: fc.Arbitrary<Block> = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: text.map((heading) => ({ heading })) });

test("on random blocks too (any code point, markup, white space)", () => {
  fc.assert(
    fc.property(fc.array(block, { maxLength: 6 }), (blocks) => {
      assert.deepEqual(blocksToMdast(blocks), parsedTree(blocks));
    }),
    { numRuns: 2000, seed: 11 },
  );
});

test("with quotations marked, the HTML is the one the parsed Markdown gave", () => {
  const mark = (block: number, text: string, over: Partial<QuoteMark> = {}): QuoteMark => ({
    block, text, anchor: `q-${block}-${text.length}`, speakerName: "Vladimir Poutine", speakerUrl: "/personnes/vladimir-poutine/",
    spellings: ["Vladimir Poutine", "Poutine"], manual: false, ...over,
  });
  const blocks: Block[] = [
    { heading: "Intertitre <b>" },
    "Il a dit « nous *défendons*  nos positions » puis « la coopération a une place à part », a-t-il ajouté. Fin.",
    "",
    "« Rien ne changera », lit-on. <script>x</script> & « l’Occident\u00a0et nous » selon \\ Sergueï Choïgou.",
    "Sans citation.",
  ];
  const marks = [
    mark(1, "nous *défendons* nos positions"),
    mark(1, "la coopération a une place à part", { manual: true }),
    mark(3, "Rien ne changera", { speakerName: null, speakerUrl: null, spellings: [] }),
    mark(3, "l'Occident et nous", { speakerName: "Sergueï Choïgou", speakerUrl: "/personnes/serguei-choigou/", spellings: ["Sergueï Choïgou"] }),
    mark(2, "absente"),
    mark(4, "absente du texte"),
  ];
  const html = mdastToHtml(blocksToMdast(blocks, marks));
  assert.equal(html, mdastToHtml(parsedTree(blocks, marks)));
  assert.equal((html.match(/<q /g) ?? []).length, 4);
  assert.match(html, /&#x3C;script>x&#x3C;\/script> &#x26; « <q id="q-3-18"/);
  fc.assert(
    fc.property(fc.array(block, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.nat(3), fc.nat(40), fc.nat(30)), { maxLength: 4 }), (bs, picks) => {
      // quotations cut from the blocks themselves, so that most are found
      const ms = picks.map(([b, at, len]) => {
        const t = typeof bs[b % bs.length] === "string" ? (bs[b % bs.length] as string) : "";
        return mark(b % bs.length, t.slice(at % (t.length || 1), (at % (t.length || 1)) + len + 1));
      });
      assert.equal(mdastToHtml(blocksToMdast(bs, ms)), mdastToHtml(parsedTree(bs, ms)));
    }),
    { numRuns: 1000, seed: 11 },
  );
});
