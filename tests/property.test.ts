/**
 * Whatever the bytes, extractRecord returns a valid record, never throws, and
 * finishes in bounded time (no regular expression with catastrophic backtracking,
 * no recursion as deep as the input).
 *
 * Random inputs run in this thread (fast-check). The large adversarial inputs run
 * in a worker thread that is terminated after a generous limit: a runaway regular
 * expression blocks its thread, so only another thread can stop it and report
 * which input did it.
 */
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { extractRecord } from "../src/pipeline.js";
import { ArticleRecord } from "../src/record.js";
import { ExtractPool } from "../src/worker-pool.js";

/** Pieces that exercise the extractor's rules: quotation marks, tags, bylines, dates, speech verbs. */
const TOKENS = [
  "«", "»", "« ", " »", '"', "“", "”", "‘", "’", "'", "\n", "\n\n", "\r\n", " ", "\t", ".", ",", ":", "(", ")", "—", "–", "-",
  "<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<br>", "<script>", "</script>", "<!--", "-->", "<a href=\"x\">", "</a>",
  "<meta property=\"og:title\" content=\"", "\">", "<time datetime=\"2023-03-21\">", "</time>",
  "---\n", "title: ", "date: ", "# ", "## ", "* ", "> ",
  "Par ", "AFP", "Reuters", "avec ", "selon ", "d'après ", "a déclaré", "a-t-il souligné", "a affirmé le président russe",
  "Vladimir Poutine", "Xi Jinping", "Le Monde", "Euronews", "Publié le ", "30.12.2022", "21/03/2023", "mardi 21 mars 2023",
  "à 15:35", "2023", "31", "février", "Pékin", "Moscou", "été", "œuvre", "É", "\u00a0", "\u202f", "\ufeff", "😀", "\u0000",
];

const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 300 }).map((parts) => parts.join(""));
const mixedText = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 10 })), { maxLength: 200 })
  .map((parts) => parts.join(""));
const fileName = fc.tuple(
  fc.string({ unit: "grapheme", minLength: 0, maxLength: 12 }),
  fc.constantFrom(".txt", ".html", ".htm", ".md", ".markdown", ".text"),
).map(([stem, ext]) => stem.replace(/[/\\]/g, "_") + ext);

function checkRecord(file: string, bytes: Uint8Array): void {
  const record = extractRecord({ file, bytes });
  const parsed = ArticleRecord.safeParse(record);
  assert.ok(parsed.success, parsed.success ? "" : `${file}: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  assert.equal(record.source.file, file);
  assert.equal(record.source.bytes, bytes.length);
}

test("random text of the extractor's own tokens, as text, HTML and Markdown: always a valid record", { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(tokenText, fc.constantFrom("a.txt", "a.html", "a.md"), (text, file) => checkRecord(file, Buffer.from(text, "utf8"))),
    { numRuns: 300 },
  );
});

test("random strings and file names: always a valid record", { timeout: 120_000 }, () => {
  fc.assert(fc.property(mixedText, fileName, (text, file) => checkRecord(file, Buffer.from(text, "utf8"))), { numRuns: 300 });
});

test("random bytes (any encoding, or none): always a valid record", { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom("b.txt", "b.html", "b.md"), (bytes, file) => checkRecord(file, bytes)),
    { numRuns: 200 },
  );
});

const pool = new ExtractPool(1);
after(() => pool.close());

/** Extract in the worker; fail, naming the input, if it takes longer than `limitMs`. */
async function extractBounded(file: string, text: string, limitMs: number): Promise<ArticleRecord> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${file}: still running after ${limitMs / 1000} s`)), limitMs);
  });
  try {
    const outcome = await Promise.race([pool.run({ file, bytes: Buffer.from(text, "utf8") }), limit]);
    if (outcome.kind !== "record") throw new Error(`${file}: ${outcome.reason}`);
    return outcome.record;
  } finally {
    clearTimeout(timer);
  }
}

const N = 100_000;
/** Inputs that defeat naive patterns; each ran in well under 3 s when written. */
const ADVERSARIAL: [string, string][] = [
  ["guillemets.txt", "«".repeat(N)],
  ["guillemets-spaced.txt", "« a ".repeat(N)],
  ["closing-guillemets.txt", "» ".repeat(N)],
  ["double-quotes.txt", '"'.repeat(N)],
  ["double-quotes-words.txt", 'Il a dit "bonjour '.repeat(N / 5)],
  ["curly-quotes.txt", "“ a ‘ b ".repeat(N / 4)],
  ["speech.txt", "« Bonjour », a déclaré Vladimir Poutine. ".repeat(N / 20)],
  ["long-line.txt", "mot ".repeat(250_000)],
  ["long-word.txt", "a".repeat(1_000_000)],
  ["bylines.txt", "Par ".repeat(N)],
  ["selon.txt", "selon ".repeat(N / 2)],
  ["dates.txt", "30.12.2022 ".repeat(N / 5)],
  ["names.txt", "Vladimir Poutine Xi Jinping ".repeat(N / 10)],
  ["newlines.txt", "\n".repeat(N) + "x"],
  ["angles.html", "<".repeat(N)],
  ["unclosed-tags.html", "<div><p><b>".repeat(500)],
  ["attributes.html", `<p class="${"a ".repeat(N)}">texte</p>`],
  ["front-matter.md", "---\n" + "title: a\n".repeat(N / 10)],
  ["unclosed-front-matter.md", "---\ntitle: « a\ndate: [\n" + "- x\n".repeat(N / 10)],
];

test("adversarial inputs (100,000 unbalanced « or \", very long lines, many tags): a valid record in bounded time", { timeout: 600_000 }, async () => {
  for (const [file, text] of ADVERSARIAL) {
    const record = await extractBounded(file, text, 30_000);
    const parsed = ArticleRecord.safeParse(record);
    assert.ok(parsed.success, `${file}: ${parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  }
});

// Before the extractor read deep HTML as text, `root.text()` (cheerio → domutils, recursive)
// overflowed the stack from about 3,000 levels.
test("deeply nested HTML (10,000 levels): a valid record in bounded time", { timeout: 120_000 }, async () => {
  for (const [file, text] of [
    ["nested-divs.html", "<div>".repeat(10_000) + "texte" + "</div>".repeat(10_000)],
    ["nested-blocks.html", "<div><p>".repeat(5_000) + "<p>Un paragraphe.</p>"],
  ]) {
    const record = await extractBounded(file, text, 30_000);
    assert.ok(ArticleRecord.safeParse(record).success, file);
  }
});
