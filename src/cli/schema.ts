/**
 * `npm run schema`: write docs/record.schema.json (JSON Schema of the article and
 * event records) from the zod schemas in src/record.ts, the one definition.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ArticleRecord, EventRecord } from "../record.js";

export function recordJsonSchema(): string {
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "revue records",
    $defs: {
      ArticleRecord: z.toJSONSchema(ArticleRecord, { io: "output" }),
      EventRecord: z.toJSONSchema(EventRecord, { io: "output" }),
    },
  };
  return JSON.stringify(schema, null, 2) + "\n";
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs/record.schema.json");
  writeFileSync(out, recordJsonSchema());
  process.stderr.write(`wrote ${path.relative(process.cwd(), out)}\n`);
}
