/**
 * Markdown notes with YAML front matter. Front matter fields win over anything
 * found in the text: title, date, outlet, authors, agencies, url, language, lede.
 * The body is parsed with remark-parse: headings become intertitles (a level-1
 * heading is the title when the front matter has none), images give captions.
 * The analyst's own remarks — a blockquote starting `note:` and the front matter's
 * `notes:` — are the record's `notes`, kept out of the press text (README, "Markdown notes").
 */
import type { Root, RootContent } from "mdast";
import { isMap, isPair, isScalar, LineCounter, parseDocument, YAMLParseError } from "yaml";
import { z } from "zod";
import type { Doc, DocMeta } from "./doc.js";
import type { Line } from "../extract/segment.js";
import { squash } from "../extract/text.js";
import { findDates } from "../extract/dates.js";
import { nearestKey } from "../sidecar.js";
import { FRENCH } from "../extract/knowledge.js";
import { remarkParse, unified } from "./lazy.js";

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;

const StringList = z.union([z.string().transform((s) => [s]), z.array(z.string())]);
export const FrontMatter = z
  .object({
    title: z.string().optional(),
    date: z.union([z.string(), z.date()]).optional(),
    outlet: z.string().optional(),
    authors: StringList.optional(),
    author: StringList.optional(),
    agencies: StringList.optional(),
    url: z.string().optional(),
    source: z.string().optional(),
    language: z.string().optional(),
    lang: z.string().optional(),
    lede: z.string().optional(),
    notes: StringList.optional(),
  })
  .passthrough();

const KNOWN_KEYS = Object.keys(FrontMatter.shape);

/**
 * Front matter's YAML → its value, and a warning with the line for every key we
 * do not read: a typo (`titel:`) would otherwise be silently lost, like the
 * title it was meant to give. Other tools' keys (`tags:`, `layout:`) are named too.
 * Throws YAMLParseError on invalid YAML.
 */
function readFrontMatter(yaml: string, warnings: string[]): unknown {
  const lc = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lc, prettyErrors: true });
  if (doc.errors.length > 0) throw doc.errors[0];
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (KNOWN_KEYS.includes(key)) continue;
      // the file's line: the front matter starts after the opening "---"
      const line = pair.key.range ? lc.linePos(pair.key.range[0]).line + 1 : null;
      const guess = nearestKey(key, KNOWN_KEYS);
      warnings.push(
        `en-tête YAML${line ? `, ligne ${line}` : ""} : champ inconnu « ${key} »` +
          (guess ? ` (vouliez-vous dire « ${guess} » ?)` : ` (champs connus : ${KNOWN_KEYS.join(", ")})`) + " : ignoré",
      );
    }
  }
  return doc.toJS();
}

function toText(node: RootContent | Root): string {
  if ("value" in node && typeof node.value === "string" && node.type !== "html") return node.value;
  if (node.type === "html") return node.value;
  if (node.type === "break") return " ";
  if ("children" in node) return (node.children as RootContent[]).map(toText).join("");
  return "";
}

/** A blockquote whose text starts with "note:" (any case, "Note :" too): the analyst's remark, without the label. */
const NOTE_LABEL = /^notes?\s*:\s*/i;
function noteOf(node: RootContent): string | null {
  if (node.type !== "blockquote") return null;
  const text = squash(node.children.map(toText).join(" "));
  return NOTE_LABEL.test(text) ? text.replace(NOTE_LABEL, "") : null;
}

function images(node: RootContent | Root, out: string[]): void {
  if (node.type === "image" && (node.alt || node.title)) out.push(squash(node.title || node.alt || ""));
  if ("children" in node) for (const c of node.children as RootContent[]) images(c, out);
}

export function ingestMarkdown(source: string): Doc {
  const warnings: string[] = [];
  const meta: DocMeta = { via: "front-matter" };
  const notes: string[] = [];
  let body = source;
  const fm = source.match(FRONT_MATTER);
  if (fm) {
    body = source.slice(fm[0].length);
    try {
      const data = FrontMatter.safeParse(readFrontMatter(fm[1], warnings) ?? {}, { error: FRENCH });
      if (!data.success) {
        const issue = data.error.issues[0];
        warnings.push(`en-tête YAML : champ « ${issue.path.join(".")} » : ${issue.message} ; en-tête ignoré`);
      } else {
        const d = data.data;
        meta.title = d.title ?? null;
        if (d.date !== undefined) {
          const raw = d.date instanceof Date ? d.date.toISOString().slice(0, 10) : d.date;
          const found = findDates(raw)[0];
          if (found?.iso) meta.date = { iso: found.iso, evidence: raw };
          else warnings.push(`en-tête YAML : la date « ${raw} » n'est pas une date : ignorée`);
        }
        meta.outlet = d.outlet ?? null;
        meta.authors = d.authors ?? d.author;
        meta.agencies = d.agencies;
        meta.url = d.url ?? d.source ?? null;
        meta.language = d.language ?? d.lang ?? null;
        meta.lede = d.lede ?? null;
        for (const n of d.notes ?? []) {
          const note = squash(n);
          if (note) notes.push(note);
        }
      }
    } catch (e) {
      const line = e instanceof YAMLParseError && e.linePos ? e.linePos[0].line + 1 : null;
      warnings.push(`en-tête YAML : YAML invalide${line ? ` à la ligne ${line}` : ""} : ${(e as Error).message.split("\n")[0]} ; en-tête ignoré`);
    }
  }
  const tree = unified().unified().use(remarkParse().default).parse(body) as Root;
  const lines: Line[] = [];
  const captions: string[] = [];
  const walk = (nodes: RootContent[]) => {
    for (const n of nodes) {
      const note = noteOf(n);
      if (note !== null) {
        if (note) notes.push(note);
        continue; // not press text: no line, no caption, no quotation
      }
      images(n, captions);
      if (n.type === "heading") {
        const t = squash(toText(n));
        if (t) lines.push({ text: t, hint: "heading" });
      } else if (n.type === "paragraph" || n.type === "code" || n.type === "html") {
        const t = squash(toText(n));
        if (t) lines.push({ text: t, hint: "paragraph" });
      } else if (n.type === "blockquote") {
        walk(n.children);
      } else if (n.type === "list") {
        for (const item of n.children) {
          const t = squash(toText(item));
          if (t) lines.push({ text: t, hint: "item" });
        }
      }
    }
  };
  walk(tree.children);
  if (meta.title) {
    // the title given in front matter replaces a leading level-1 heading
    if (lines[0]?.hint === "heading") lines.shift();
    lines.unshift({ text: meta.title, hint: "heading" });
  }
  for (const c of captions) lines.push({ text: c, hint: "caption" });
  return { format: "markdown", lines, structured: true, meta, warnings, notes };
}
