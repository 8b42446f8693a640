import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { tokenize, tokenSpans, TOKEN_PATTERN } from "../src/extract/people.js";
import { squash, unitClass, UNIT_ALNUM, UNIT_OTHER, UNIT_SPACE, wordCount } from "../src/extract/text.js";

/** tokenSpans (the character loop tokenize reads) against TOKEN_PATTERN, the definition of a token. */
function sameTokens(text: string): void {
  const expected = [...text.matchAll(TOKEN_PATTERN)].flatMap((m) => [m.index!, m.index! + m[0].length]);
  assert.deepEqual(tokenSpans(text), expected, JSON.stringify(text));
}

test("the tokens are TOKEN_PATTERN's: words, inner marks, final periods, other characters", () => {
  const cases = [
    "",
    "   ",
    "M. Poutine a déclaré : « Nous ne menaçons personne. »",
    "l'Occident, aujourd'hui, jusqu'à Moscou ; Putin's and Xi’s talks.",
    "U.S. officials, e.g. the U.N. envoy… 3.5 % of 2,000 km — a-b-c a--b a- -a 'a' ’a’ .a a. a.. a.b. a'b'c",
    "Kyiv\u00a0(AFP)\u202f: 12h30\u2028next\u3000line\ufeffword\u2009thin",
    "emoji 👍 then 𝐀𝐁𝐂 (math letters) and 𠀀 (CJK ext. B) and 𝟙 digits",
    "lone \ud800 high, lone \udc00 low, end \ud83d",
    "Ωμέγα Москва 北京 عربي हिन्दी ⅻ ½ ²",
    "end with separator-",
    "end with apostrophe'",
    "end with period.",
    "x",
    "-",
  ];
  for (const c of cases) sameTokens(c);
});

test("the tokens are TOKEN_PATTERN's on random strings of tricky characters", () => {
  const alphabet = ["a", "B", "é", "1", " ", ".", "-", "'", "’", ",", "«", "»", "\u00a0", "\n", "👍", "𝐀", "\ud800", "\udc00", "ß", "İ", "x"];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 2000; n++) {
    let s = "";
    const len = Math.floor(next() * 30);
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    sameTokens(s);
  }
});

test("the tokens are TOKEN_PATTERN's on the seeds", () => {
  const dir = path.join(import.meta.dirname, "..", "seeds");
  for (const f of readdirSync(dir)) sameTokens(readFileSync(path.join(dir, f), "utf8"));
});

test("tokenize splits a final period (not an abbreviation's), an English possessive and an elision", () => {
  const t = tokenize("M. Poutine a vu l'Occident hier. Putin's aides");
  assert.deepEqual(t.map((x) => [x.text, x.start]), [["M.", 0], ["Poutine", 3], ["a", 11], ["vu", 13], ["l'", 16], ["Occident", 18], ["hier", 27], [".", 31], ["Putin", 33], ["'s", 38], ["aides", 41]]);
  assert.deepEqual(t.map((x) => x.cap), [true, true, false, false, false, true, false, false, true, false, false]);
});

test("unitClass (shared by tokenize, squash, wordCount and the event linker) is /\\s/ and /[\\p{L}\\p{N}]/u on every UTF-16 unit", () => {
  for (let c = 0; c < 65536; c++) {
    const ch = String.fromCharCode(c);
    const expected = /[\p{L}\p{N}]/u.test(ch) ? UNIT_ALNUM : /\s/.test(ch) ? UNIT_SPACE : UNIT_OTHER;
    if (unitClass(c) !== expected) assert.fail(`U+${c.toString(16).padStart(4, "0")}: ${unitClass(c)}, expected ${expected}`);
  }
  assert.equal(wordCount("Pékin\u00a0et Moscou\u202fs’accordent 𝐀𝐁"), 5, "no-break spaces and an apostrophe separate words; letters outside the BMP are none");
  assert.equal(squash("\u3000Pékin\u00a0 et  Moscou\u2009"), "Pékin et Moscou");
});
