/**
 * Bytes → text, for any file a user may drop into `seeds/`.
 *
 * Order of decisions (each a small function below, thresholds at the top), the
 * WHATWG encoding-sniffing order where it applies:
 *   1. a byte-order mark decides: UTF-8, UTF-16 LE, UTF-16 BE;
 *   2. markup declaring its charset in its first 1024 bytes (`<meta charset>`,
 *      `http-equiv="Content-Type"`) is decoded as declared — `declaredCharset`;
 *   3. bytes that are clearly not text (a known file signature, NUL bytes, many
 *      control bytes) are reported as binary — `sniffBinary` — except UTF-16
 *      without a byte-order mark, recognised by its pattern of NUL bytes;
 *   4. bytes that are valid UTF-8 are UTF-8; bytes that are UTF-8 but for a few
 *      bad ones (a cut last character, a stray 0x92) are UTF-8 with U+FFFD in
 *      their place, and a warning;
 *   5. anything else is Windows-1252 (the superset of Latin-1 that browsers use
 *      for "latin1" too), decoded by `decodeWindows1252` — Node 20.20's
 *      TextDecoder("windows-1252") decodes 0x80–0x9F as Latin-1 control codes
 *      instead of € ‘ ’ “ ” – — œ…, so we do not use it;
 *   then the text is cleaned (`normalizeText`): CRLF and lone CR become LF,
 *   control characters other than tab and newline are dropped, invisible
 *   characters that split words (zero-width space, soft hyphen, word joiner) are
 *   removed, and the text is put in Unicode NFC (macOS copies text in NFD).
 *
 * `decode` is total: it never throws, so the extractor (which must always return
 * a record) can call it on anything. The corpus loader asks `sniffBinary` and
 * `MAX_SEED_BYTES` first and refuses what is not text, with a warning; what
 * decoding had to repair or guess is in `warnings`.
 */
import { isUtf8 } from "node:buffer";

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
/** Bytes of markup searched for a charset declaration (the WHATWG prescan's 1024). */
const PRESCAN_BYTES = 1024;
/**
 * UTF-16 without a byte-order mark: in Latin, Cyrillic or Greek text every ASCII
 * character (spaces, digits, punctuation at least) has a NUL half. At least this
 * share of the code units of the first 8 KB has its NUL byte on the same side…
 */
const UTF16_MIN_NUL_SIDE = 0.2;
/** …and at most this share on the other side. */
const UTF16_MAX_NUL_OTHER = 0.02;
/** Such bytes are read as UTF-16 only if the text has at most this share of control characters, and white space. */
const UTF16_MAX_CONTROLS = 0.01;
/** Fewer code units than this are too few to tell UTF-16 from binary. */
const UTF16_MIN_UNITS = 8;

export interface Decoded {
  text: string;
  /** "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252", or a declared charset ("windows-1251"…). */
  encoding: string;
  /** What decoding had to repair or guess (bad bytes replaced, no byte-order mark…); empty when nothing. */
  warnings: string[];
}

/** Kept for callers that want to throw on undecodable input; `decode` itself never throws. */
export class DecodeError extends Error {}

/** File signatures ("magic numbers") of the binary formats most often renamed by mistake. */
const SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: "image PNG", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: "image JPEG", bytes: [0xff, 0xd8, 0xff] },
  { name: "image GIF", bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: "média WebP/RIFF", bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: "document PDF", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: "archive ZIP (ou .docx/.odt/.epub)", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: "archive gzip", bytes: [0x1f, 0x8b] },
  { name: "ancien document Office", bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: "exécutable (ELF)", bytes: [0x7f, 0x45, 0x4c, 0x46] },
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
 * byte-order mark is text (its NUL bytes are the high halves of ASCII letters);
 * so is UTF-16 without one when it decodes cleanly (`detectUtf16`).
 */
export function sniffBinary(bytes: Uint8Array): string | null {
  const sig = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (sig) return `fichier binaire (${sig.name}), pas du texte`;
  const bom = detectBom(bytes);
  if (bom && bom.encoding !== "utf-8-bom") return null;
  const utf16 = detectUtf16(bytes);
  if (utf16 === "unsure") return "texte en UTF-16 sans marque d'ordre des octets (BOM) qui ne se décode pas proprement (enregistrez-le en UTF-8), non lu";
  if (utf16) return null;
  const head = bytes.subarray(0, SNIFF_BYTES);
  let controls = 0;
  for (const b of head) {
    if (b === 0) return "fichier binaire (il contient des octets NUL), pas du texte";
    // tab, LF, FF, CR, and ESC (harmless in old text files) are allowed
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) controls++;
  }
  if (head.length > 0 && controls / head.length > MAX_CONTROL_SHARE) {
    return `fichier binaire (${Math.round((100 * controls) / head.length)} % d'octets de contrôle), pas du texte`;
  }
  return null;
}

/**
 * UTF-16 without a byte-order mark: "utf-16le" / "utf-16be" when the NUL bytes
 * of the first 8 KB fall on one side of the code units and the whole decodes
 * cleanly (no lone surrogate, almost no control character); "unsure" when the
 * pattern is there but the decoding is not clean; null when it does not look
 * like UTF-16.
 */
export function detectUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | "unsure" | null {
  const head = bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES) & ~1);
  const units = head.length >> 1;
  if (units < UTF16_MIN_UNITS) return null;
  if (head.indexOf(0) < 0) return null; // no NUL byte on either side (most files): not UTF-16
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < head.length; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const le = oddNul / units >= UTF16_MIN_NUL_SIDE && evenNul / units <= UTF16_MAX_NUL_OTHER;
  const be = evenNul / units >= UTF16_MIN_NUL_SIDE && oddNul / units <= UTF16_MAX_NUL_OTHER;
  if (!le && !be) return null;
  const label = le ? "utf-16le" : "utf-16be";
  let text: string;
  try {
    text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, bytes.length & ~1));
  } catch {
    return "unsure"; // a lone surrogate: not UTF-16 after all, or damaged
  }
  const controls = text.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g)?.length ?? 0;
  return controls / text.length <= UTF16_MAX_CONTROLS && /\s/.test(text) ? label : "unsure";
}

interface Utf8Scan {
  /** Valid sequences of two to four bytes (non-ASCII characters). */
  multibyte: number;
  /** Bytes that start no valid sequence (each counted once). */
  invalid: number;
  /** Offset of the first invalid byte, or -1. */
  firstInvalid: number;
  /** The only bad bytes are an incomplete sequence at the very end (a cut last character). */
  cutAtEnd: boolean;
}

/** Length of the UTF-8 sequence starting at `i`, or 0 when none starts there; -1 when the bytes end inside it. */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  for (let k = 1; k < len; k++) {
    if (i + k >= bytes.length) return -1;
    // the second byte's range excludes overlong forms and surrogates (Unicode, table 3-7)
    const lo = k === 1 && b === 0xe0 ? 0xa0 : k === 1 && b === 0xf0 ? 0x90 : 0x80;
    const hi = k === 1 && b === 0xed ? 0x9f : k === 1 && b === 0xf4 ? 0x8f : 0xbf;
    if (bytes[i + k] < lo || bytes[i + k] > hi) return 0;
  }
  return len;
}

/** One linear pass: valid multibyte UTF-8 sequences and bad bytes. */
function scanUtf8(bytes: Uint8Array): Utf8Scan {
  const scan: Utf8Scan = { multibyte: 0, invalid: 0, firstInvalid: -1, cutAtEnd: false };
  for (let i = 0; i < bytes.length; ) {
    const len = sequenceAt(bytes, i);
    if (len > 0) {
      if (len > 1) scan.multibyte++;
      i += len;
      continue;
    }
    if (scan.firstInvalid < 0) scan.firstInvalid = i;
    scan.invalid++;
    if (len === -1) {
      scan.cutAtEnd = scan.invalid === 1;
      break;
    }
    i++;
  }
  return scan;
}

/** 1-based line of a byte offset. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
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

/**
 * The charset that markup declares in its first 1024 bytes, as the WHATWG
 * prescan finds it (`<meta charset=X>`, or `<meta http-equiv="Content-Type"
 * content="…; charset=X">`; comments skipped), resolved to its WHATWG name
 * ("latin1" → "windows-1252"); null for none or a label no decoder knows. Only
 * for bytes that start with markup (`<`, after white space).
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  let start = 0;
  while (start < bytes.length && (bytes[start] === 0x20 || (bytes[start] >= 0x09 && bytes[start] <= 0x0d))) start++;
  if (bytes[start] !== 0x3c) return null;
  // bounded input (1024 bytes): these patterns cannot run long
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES))
    .toString("latin1")
    .replace(/<!--[\s\S]*?(?:-->|$)/g, "");
  for (const tag of head.match(/<meta[\s/][^>]*/gi) ?? []) {
    const attrs = new Map<string, string>();
    for (const m of tag.slice(5).matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>]*)))?/g)) {
      const name = m[1].toLowerCase();
      if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? "");
    }
    let label = attrs.get("charset");
    if (label === undefined && attrs.get("http-equiv")?.toLowerCase() === "content-type") {
      label = /charset\s*=\s*["']?([^\s"';]+)/i.exec(attrs.get("content") ?? "")?.[1];
    }
    if (!label) continue;
    // WHATWG: x-user-defined is read as windows-1252 (Node's TextDecoder refuses it)
    if (label.trim().toLowerCase() === "x-user-defined") return "windows-1252";
    let name: string;
    try {
      name = new TextDecoder(label.trim()).encoding;
    } catch {
      continue; // a label Node does not decode (unknown, or WHATWG's "replacement" ones): the prescan goes on
    }
    // WHATWG: a declared UTF-16 is UTF-8 (the declaration was readable as ASCII)
    return name === "utf-16le" || name === "utf-16be" ? "utf-8" : name;
  }
  return null;
}

/**
 * CRLF and lone CR → LF; control characters other than tab and LF removed; stray
 * BOMs and invisible word splitters removed; NFC.
 */
export function normalizeText(text: string): string {
  // One pass per rule; each pattern is a single character class (linear time).
  // U+00AD soft hyphen, U+200B zero-width space, U+2060 word joiner: invisible, but
  // "Pou\u00adtine" is not "Poutine" to any comparison; the text is kept clean of them.
  // most texts have none of these: a test (no replacement callback set up) finds it out
  let out = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  const found = scanChars(out);
  if (found & INVISIBLE) out = out.replace(INVISIBLES, (c) => (c === "\f" ? "\n" : ""));
  return found & MAYBE_NOT_NFC ? out.normalize("NFC") : out;
}
const INVISIBLES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b\u2060\ufeff]/g;
const INVISIBLE = 1;
const MAYBE_NOT_NFC = 2;
/**
 * One character loop: INVISIBLE when INVISIBLES matches somewhere in s; MAYBE_NOT_NFC unless
 * every character is below U+0300 or general punctuation from U+2002 to U+206F or the euro
 * sign. Such characters have no canonical decomposition and none is a combining mark (U+2000
 * and U+2001 are left out: NFC maps them to U+2002 and U+2003), so such a text is already in
 * NFC and normalize("NFC") would return it unchanged.
 */
function scanChars(s: string): number {
  let found = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xa0 ? (c < 0x20 && c !== 9 && c !== 10) || c >= 0x7f : c === 0xad || c === 0x200b || c === 0x2060 || c === 0xfeff) found |= INVISIBLE;
    if (c >= 0x300 && !(c >= 0x2002 && c <= 0x206f) && c !== 0x20ac) found |= MAYBE_NOT_NFC;
    if (found === (INVISIBLE | MAYBE_NOT_NFC)) break;
  }
  return found;
}

/** UTF-8 with U+FFFD for bad bytes, and a warning saying how many and where when there are any. */
function decodeUtf8(bytes: Uint8Array, scan: Utf8Scan, warnings: string[]): string {
  if (scan.invalid > 0) {
    const what = scan.cutAtEnd
      ? "son dernier caractère est coupé (le fichier s'arrête au milieu)"
      : `${scan.invalid} octet${scan.invalid > 1 ? "s" : ""} invalide${scan.invalid > 1 ? "s" : ""}, le premier à la ligne ${lineAt(bytes, scan.firstInvalid)}`;
    warnings.push(`UTF-8 invalide : ${what} ; lu en UTF-8, avec \uFFFD à la place des octets fautifs`);
  }
  // valid UTF-8: Buffer's decoder gives the same string as TextDecoder (no replacement to make, the BOM kept
  // as ignoreBOM keeps it) in a fraction of the time; bad bytes go through TextDecoder's WHATWG replacement
  if (scan.invalid === 0) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  return UTF8.decode(bytes);
}
/** One decoder for every seed (decoding without `stream` keeps no state between calls). */
const UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** Decode a seed's bytes; never throws (binary input comes out as Windows-1252 noise). */
export function decode(bytes: Uint8Array): Decoded {
  const bom = detectBom(bytes);
  const warnings: string[] = [];
  let encoding: Decoded["encoding"];
  let text: string;
  const declared = bom ? null : declaredCharset(bytes);
  const utf16 = bom || declared ? null : detectUtf16(bytes);
  if (bom) {
    encoding = bom.encoding;
    const label = bom.encoding === "utf-8-bom" ? "utf-8" : bom.encoding;
    // ignoreBOM: we skip the mark ourselves; fatal: false turns bad sequences into U+FFFD.
    text = new TextDecoder(label, { ignoreBOM: true }).decode(bytes.subarray(bom.length));
  } else if (utf16 === "utf-16le" || utf16 === "utf-16be") {
    encoding = utf16;
    text = new TextDecoder(utf16, { ignoreBOM: true }).decode(bytes);
    warnings.push(`UTF-16 ${utf16 === "utf-16le" ? "LE" : "BE"} sans marque d'ordre des octets (BOM) : reconnu et lu comme tel`);
  } else if (!declared && isUtf8(bytes)) {
    // valid UTF-8, nothing declared (most seeds): what the scan below would conclude, checked natively
    encoding = "utf-8";
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  } else {
    const scan = scanUtf8(bytes);
    if (declared && declared !== "utf-8" && !(scan.invalid === 0 && scan.multibyte > 0)) {
      encoding = declared;
      text = declared === "windows-1252" ? decodeWindows1252(bytes) : new TextDecoder(declared).decode(bytes);
    } else if (scan.invalid === 0 || declared === "utf-8" || scan.cutAtEnd || scan.multibyte >= scan.invalid) {
      // valid UTF-8 (whatever a page declares: read as its legacy charset, each accent would
      // become two wrong characters), or UTF-8 but for a few bad bytes
      if (declared && declared !== "utf-8") warnings.push(`déclare le jeu de caractères ${declared} mais ses octets sont en UTF-8 : lu en UTF-8`);
      encoding = "utf-8";
      text = decodeUtf8(bytes, scan, warnings);
    } else {
      encoding = "windows-1252";
      text = decodeWindows1252(bytes);
      if (scan.multibyte > 0) {
        warnings.push(`mélange de l'UTF-8 (${scan.multibyte} caractères) et d'autres octets (${scan.invalid}) : lu en Windows-1252, si bien que chacun de ses caractères UTF-8 s'affiche comme deux ou trois autres`);
      }
    }
  }
  return { text: normalizeText(text), encoding, warnings };
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
