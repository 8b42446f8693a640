import { createHash } from "node:crypto";
import slugify from "@sindresorhus/slugify";
import type { ArticleRecord } from "../record.js";
import type { SeedInput } from "../pipeline.js";
import { decode } from "../ingest/decode.js";

/** STUB: replaced by the real stages. */
export function extractRecord(input: SeedInput): ArticleRecord {
  const { text, encoding } = decode(input.bytes);
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  return {
    id: slugify(input.file.replace(/\.[^.]+$/, "")) || "article",
    source: {
      file: input.file,
      sha256: createHash("sha256").update(input.bytes).digest("hex"),
      format: "text",
      encoding,
      bytes: input.bytes.length,
      url: null,
    },
    title: lines[0] ?? null,
    date: null,
    dateConfidence: "none",
    dateEvidence: null,
    outlet: null,
    authors: [],
    agencies: [],
    language: "fr",
    lede: null,
    body: lines.slice(1),
    captions: [],
    speakers: [],
    mentions: [],
    quotes: [],
    eventId: null,
    via: {},
    manual: [],
    warnings: [],
  };
}
