/**
 * `npm run --silent extract -- PATH…`: print a JSON array of records on stdout.
 * Warnings go to stderr, one line each, naming the file.
 *
 * `npm run --silent extract -- --explain FILE…`: for each quotation, its span, the
 * attribution rule (via), its confidence and why — to fix a wrong attribution at
 * the right rule (docs/attribution.md).
 */
import { readFileSync } from "node:fs";
import { currentYear, loadCorpus } from "../corpus.js";
import { extractRecord } from "../pipeline.js";
import { type QuoteTrace, setQuoteTrace } from "../extract/quotes.js";

function explain(file: string): string {
  const traces: QuoteTrace[] = [];
  setQuoteTrace((t) => traces.push(t));
  let record;
  try {
    record = extractRecord({ file, bytes: readFileSync(file), latestYear: currentYear() });
  } finally {
    setQuoteTrace(null);
  }
  const lines = [`${file}: ${record.quotes.length} quotation(s), date ${record.date ?? "unknown"}, language ${record.language}`];
  for (const t of traces) {
    const where = t.location === "body" ? `body[${t.paragraph}]` : t.location;
    const text = t.text.length > 90 ? t.text.slice(0, 87) + "…" : t.text;
    lines.push(`  ${where} ${t.open}–${t.close} « ${text.replace(/\n+/g, " ¶ ")} »`);
    lines.push(`    → ${t.speaker ?? "non attribuée"}   via ${t.via}, confidence ${t.confidence.toFixed(2)}`);
    lines.push(`      ${t.reason}`);
  }
  return lines.join("\n") + "\n";
}

async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== "--");
  const explaining = args.includes("--explain");
  const paths = args.filter((a) => a !== "--explain");
  if (paths.length === 0) {
    process.stderr.write("usage: npm run --silent extract -- FILE_OR_FOLDER…\n       npm run --silent extract -- --explain FILE…\n");
    return 2;
  }
  if (explaining) {
    for (const p of paths) process.stdout.write(explain(p));
    return 0;
  }
  const corpus = await loadCorpus({
    paths,
    cacheDir: null,
    latestYear: currentYear(),
    onWarning: (file, message) => process.stderr.write(`revue: ${file}: ${message}\n`),
  });
  process.stdout.write(JSON.stringify(corpus.records, null, 2) + "\n");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`revue: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
