/**
 * `npm run --silent extract -- PATH…`: print a JSON array of records on stdout.
 * Warnings go to stderr, one line each, naming the file.
 */
import { loadCorpus } from "../corpus.js";

async function main(argv: string[]): Promise<number> {
  const paths = argv.filter((a) => a !== "--");
  if (paths.length === 0) {
    process.stderr.write("usage: npm run --silent extract -- FILE_OR_FOLDER…\n");
    return 2;
  }
  const corpus = await loadCorpus({
    paths,
    cacheDir: null,
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
