/**
 * A quotation link's evidence shows the start of a quotation (src/extract/cluster.ts excerptOf): only the
 * beginning of a long quotation is read. It must show what reading the whole gives: spaces made one, cut before
 * 90 characters at a word's end — whatever the runs of spaces, line breaks and lengths around the cut.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { excerptOf } from "../src/extract/cluster.js";

/** The excerpt as it was made before (the whole text collapsed, then cut). */
function whole(text: string): string {
  const excerpt = text.replace(/\s+/g, " ").trim();
  return excerpt.length > 90 ? excerpt.slice(0, 87).replace(/\s\S*$/, "") + "…" : excerpt;
}

test("the excerpt of a quotation equals the one made from the whole text", () => {
  let seed = 11;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const pieces = ["mot", "coopération", "« », ", " ", "  ", "\n", "\t \n ", " ".repeat(399), " ".repeat(450), "a".repeat(120), "fin."];
  const cases = ["", " ", "court", " ".repeat(500) + "après un long blanc", "x".repeat(1000)];
  for (let c = 0; c < 3000; c++) {
    let t = "";
    const parts = 1 + Math.floor(rnd() * 60);
    for (let k = 0; k < parts; k++) t += pieces[Math.floor(rnd() * pieces.length)];
    cases.push(t);
  }
  // texts whose 400th character falls inside or just after a run of spaces
  for (let at = 380; at < 420; at++) cases.push("m ".repeat(at / 2) + " ".repeat(30) + "suite du texte ".repeat(20));
  // long texts whose first 400 characters, spaces made one, are about as long as the cut (30 to 400 characters)
  for (let run = 1; run <= 40; run++) for (let shift = 0; shift < 3; shift++) cases.push("x".repeat(shift) + ("ab" + " ".repeat(run)).repeat(60) + "suite du texte ".repeat(20));
  for (const t of cases) assert.equal(excerptOf(t), whole(t), JSON.stringify(t.slice(0, 60)));
});
