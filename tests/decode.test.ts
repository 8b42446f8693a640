import { test } from "node:test";
import assert from "node:assert/strict";
import { decode, sniffBinary } from "../src/ingest/decode.js";

const FRENCH = "Pékin et Moscou renforcent leur coopération « militaire » — été, œuvre, ça\n";

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const le = Buffer.from(text, "utf16le");
  if (bigEndian) le.swap16();
  const bom = bigEndian ? [0xfe, 0xff] : [0xff, 0xfe];
  return new Uint8Array([...bom, ...le]);
}

test("plain UTF-8 is decoded as is", () => {
  assert.deepEqual(decode(Buffer.from(FRENCH, "utf8")), { text: FRENCH, encoding: "utf-8", warnings: [] });
});

test("UTF-8 with BOM: the mark is dropped and reported", () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(FRENCH, "utf8")]);
  assert.deepEqual(decode(bytes), { text: FRENCH, encoding: "utf-8-bom", warnings: [] });
});

test("UTF-16 LE and BE with BOM keep their accents", () => {
  assert.deepEqual(decode(utf16(FRENCH, false)), { text: FRENCH, encoding: "utf-16le", warnings: [] });
  assert.deepEqual(decode(utf16(FRENCH, true)), { text: FRENCH, encoding: "utf-16be", warnings: [] });
  assert.equal(sniffBinary(utf16(FRENCH, false)), null, "UTF-16's NUL bytes are not a sign of binary");
});

test("bytes that are not UTF-8 are read as Windows-1252 (Latin-1 included)", () => {
  // "Pékin « été » – œuvre" in Windows-1252: é=E9, «=AB, »=BB, –=96, œ=9C
  const bytes = new Uint8Array([0x50, 0xe9, 0x6b, 0x69, 0x6e, 0x20, 0xab, 0x20, 0xe9, 0x74, 0xe9, 0x20, 0xbb,
    0x20, 0x96, 0x20, 0x9c, 0x75, 0x76, 0x72, 0x65]);
  assert.deepEqual(decode(bytes), { text: "Pékin « été » – œuvre", encoding: "windows-1252", warnings: [] });
  const latin1 = Buffer.from("Déjà vu à Séoul", "latin1");
  assert.deepEqual(decode(latin1), { text: "Déjà vu à Séoul", encoding: "windows-1252", warnings: [] });
});

test("CRLF and lone CR become LF; accents intact", () => {
  const crlf = Buffer.from("Titre accentué\r\n\r\nPremier paragraphe é.\rSecond.\r\n", "utf8");
  assert.equal(decode(crlf).text, "Titre accentué\n\nPremier paragraphe é.\nSecond.\n");
  const cp1252crlf = Buffer.from("R\xe9sum\xe9\r\nFin\r\n", "latin1");
  assert.deepEqual(decode(cp1252crlf), { text: "Résumé\nFin\n", encoding: "windows-1252", warnings: [] });
});

test("control characters are dropped, tab and newline kept, form feed becomes a newline", () => {
  assert.equal(decode(Buffer.from("a\u0007b\tc\fd\u007fe", "utf8")).text, "ab\tc\nde");
});

test("binary signatures, NUL bytes and control-heavy bytes are reported as binary", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  assert.match(sniffBinary(png) ?? "", /image PNG/);
  assert.match(sniffBinary(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2])) ?? "", /JPEG/);
  assert.match(sniffBinary(Buffer.from("%PDF-1.7\n...")) ?? "", /PDF/);
  assert.match(sniffBinary(new Uint8Array([0x41, 0x42, 0x00, 0x43])) ?? "", /NUL/);
  const noisy = new Uint8Array(1000).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
  assert.match(sniffBinary(noisy) ?? "", /octets de contrôle/);
  assert.equal(sniffBinary(Buffer.from(FRENCH, "utf8")), null);
  assert.equal(sniffBinary(new Uint8Array(0)), null, "an empty file is empty, not binary");
});

test("decode never throws, even on binary or truncated input", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe, 0xfd]);
  assert.equal(typeof decode(png).text, "string");
  assert.equal(typeof decode(new Uint8Array([0xff, 0xfe, 0x41])).text, "string", "odd-length UTF-16");
  assert.equal(decode(new Uint8Array(0)).text, "");
});
