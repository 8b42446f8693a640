import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { recordJsonSchema } from "../src/cli/schema.js";
import { ROOT } from "./helpers/extract.js";

test("docs/record.schema.json is in step with src/record.ts (run `npm run schema` after changing it)", () => {
  assert.equal(readFileSync(path.join(ROOT, "docs/record.schema.json"), "utf8"), recordJsonSchema());
});
