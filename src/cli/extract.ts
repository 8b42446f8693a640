/**
 * `npm run --silent extract -- PATH…`: print a JSON array of records on stdout.
 * Warnings go to stderr, one line each, naming the file.
 *
 * `npm run --silent extract -- --explain FILE…`: for each quotation, its span, the
 * attribution rule (via), its confidence and why — to fix a wrong attribution at
 * the right rule (docs/attribution.md).
 */
import { existsSync, statSync } from "node:fs";
import { currentYear, loadCorpus } from "../corpus.js";
import { type QuoteTrace, setQuoteTrace } from "../extract/quotes.js";
import { SIDECAR_SUFFIXES, seedStem } from "../sidecar.js";

/**
 * One seed as the build reads it (loadCorpus: decoding, its sidecar beside it, warnings), extracted in this
 * thread so that each quotation's trace is seen. Dates learnt from other articles (events) are not: one file alone.
 */
async function explain(file: string): Promise<string> {
  if (!existsSync(file) || !statSync(file).isFile()) return `${file}: not a file (--explain takes seed files)\n`;
  const traces: QuoteTrace[] = [];
  const warnings: string[] = [];
  const sidecars = SIDECAR_SUFFIXES.map((s) => seedStem(file) + s).filter((f) => existsSync(f));
  setQuoteTrace((t) => traces.push(t));
  let records;
  try {
    ({ records } = await loadCorpus({
      paths: [file, ...sidecars],
      cacheDir: null,
      workers: false,
      // a large seed (past the guard's threshold) would be extracted in the guard's worker, its traces unseen
      guard: null,
      latestYear: currentYear(),
      onWarning: (f, message) => warnings.push(`  warning: ${f}: ${message}`),
    }));
  } finally {
    setQuoteTrace(null);
  }
  const record = records[0];
  if (!record) return [`${file}: no record`, ...warnings].join("\n") + "\n";
  const date = record.date ? `${record.date} (${record.via?.date ?? "?"}${record.dateEvidence ? `: ${record.dateEvidence}` : ""})` : "unknown";
  const lines = [`${file}: ${record.quotes.length} quotation(s), date ${date}, language ${record.language}`, ...warnings];
  if (sidecars.length) lines.push(`  sidecar: ${sidecars.join(", ")}${record.manual?.length ? ` (sets ${record.manual.join(", ")})` : ""}`);
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
    // a file that cannot be read says so and the others are still explained
    for (const p of paths) process.stdout.write(await explain(p));
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
