/**
 * Bytes → text, for any file a user may drop into `seeds/`.
 *
 * Order of decisions (each a small function below, thresholds at the top):
 *   1. a byte-order mark decides: UTF-8, UTF-16 LE, UTF-16 BE;
 *   2. bytes that are clearly not text (a known file signature, NUL bytes, many
 *      control bytes) are reported as binary — `sniffBinary`;
 *   3. bytes that are valid UTF-8 are UTF-8;
 *   4. anything else is Windows-1252 (the superset of Latin-1 that browsers use
 *      for "latin1" too), decoded by `decodeWindows1252` — Node 20.20's
 *      TextDecoder("windows-1252") decodes 0x80–0x9F as Latin-1 control codes
 *      instead of € ‘ ’ “ ” – — œ…, so we do not use it;
 *   then CRLF and lone CR become LF, and control characters other than tab and
 *   newline are dropped (they never carry meaning in a news article).
 *
 * `decode` is total: it never throws, so the extractor (which must always return
 * a record) can call it on anything. The corpus loader asks `sniffBinary` and
 * `MAX_SEED_BYTES` first and refuses what is not text, with a warning.
 */

/**
 * Largest seed accepted, in bytes (8 MiB). A news article saved as a web page,
 * scripts and inline styles included, is well under 3 MB; above this a file is
 * almost certainly not an article (a dump, a video renamed .html) and would cost
 * seconds and hundreds of MB to read. The corpus loader checks the size before
 * reading a byte, so a 20 MB file costs nothing.
 */
export const MAX_SEED_BYTES = 8 * 1024 * 1024;

/** Only this many leading bytes are inspected to decide whether a file is binary. */
const SNIFF_BYTES = 8192;
/** Share of control bytes (other than tab, LF, CR, FF, ESC) above which a file is binary. */
const MAX_CONTROL_SHARE = 0.1;

export interface Decoded {
  text: string;
  /** "utf-8", "utf-8-bom", "utf-16le", "utf-16be" or "windows-1252". */
  encoding: string;
}

/** Kept for callers that want to throw on undecodable input; `decode` itself never throws. */
export class DecodeError extends Error {}

/** File signatures ("magic numbers") of the binary formats most often renamed by mistake. */
const SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: "PNG image", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: "JPEG image", bytes: [0xff, 0xd8, 0xff] },
  { name: "GIF image", bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: "WebP/RIFF media", bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: "PDF document", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: "ZIP archive (or .docx/.odt/.epub)", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: "gzip archive", bytes: [0x1f, 0x8b] },
  { name: "legacy Office document", bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: "executable (ELF)", bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

type Bom = { encoding: "utf-8-bom" | "utf-16le" | "utf-16be"; length: number };

function detectBom(bytes: Uint8Array): Bom | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8-bom", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.length <= bytes.length && sig.every((b, i) => bytes[i] === b);
}

/**
 * Why these bytes are not text, or null when they may be. A file with a UTF-16
 * byte-order mark is text (its NUL bytes are the high halves of ASCII letters).
 */
export function sniffBinary(bytes: Uint8Array): string | null {
  const sig = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (sig) return `binary file (${sig.name}), not text`;
  const bom = detectBom(bytes);
  if (bom && bom.encoding !== "utf-8-bom") return null;
  const head = bytes.subarray(0, SNIFF_BYTES);
  let controls = 0;
  for (const b of head) {
    if (b === 0) return "binary file (contains NUL bytes), not text";
    // tab, LF, FF, CR, and ESC (harmless in old text files) are allowed
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) controls++;
  }
  if (head.length > 0 && controls / head.length > MAX_CONTROL_SHARE) {
    return `binary file (${Math.round((100 * controls) / head.length)}% control bytes), not text`;
  }
  return null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Windows-1252 bytes 0x80–0x9F (WHATWG index); the five bytes the code page
 * leaves undefined (81, 8D, 8F, 90, 9D) stay C1 controls and are dropped later.
 */
const CP1252_HIGH = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f"
  + "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** Windows-1252 → string: bytes below 0x80 and from 0xA0 are their own code points (Latin-1). */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/** CRLF and lone CR → LF; other control characters except tab and LF removed; stray BOMs removed. */
export function normalizeText(text: string): string {
  // One pass per rule; each pattern is a single character class (linear time).
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff]/g, (c) => (c === "\f" ? "\n" : ""));
}

/** Decode a seed's bytes; never throws (binary input comes out as Windows-1252 noise). */
export function decode(bytes: Uint8Array): Decoded {
  const bom = detectBom(bytes);
  let encoding: Decoded["encoding"];
  let text: string;
  if (bom) {
    encoding = bom.encoding;
    const label = bom.encoding === "utf-8-bom" ? "utf-8" : bom.encoding;
    // ignoreBOM: we skip the mark ourselves; fatal: false turns bad sequences into U+FFFD.
    text = new TextDecoder(label, { ignoreBOM: true }).decode(bytes.subarray(bom.length));
  } else if (isValidUtf8(bytes)) {
    encoding = "utf-8";
    text = new TextDecoder("utf-8").decode(bytes);
  } else {
    encoding = "windows-1252";
    text = decodeWindows1252(bytes);
  }
  return { text: normalizeText(text), encoding };
}

/**
 * Text folded for comparison (duplicate detection, finding a quotation named in a
 * sidecar): no accents, lower case, one kind of apostrophe, no quotation marks,
 * single spaces.
 */
export function foldForComparison(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[«»“”„"]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
