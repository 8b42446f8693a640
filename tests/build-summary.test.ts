/**
 * The build's summary line: each count agrees in number, French style (singular
 * for 0 and 1, plural from 2).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { count, summaryLine } from "../src/cli/build-summary.js";

test("counts agree in number: singular for 0 and 1, plural from 2", () => {
  assert.equal(count(0, "extraite", "extraites"), "0 extraite");
  assert.equal(count(1, "extraite", "extraites"), "1 extraite");
  assert.equal(count(2, "extraite", "extraites"), "2 extraites");
  assert.equal(count(10000, "avertissement", "avertissements"), "10000 avertissements");
});

test("the summary line, singular and plural", () => {
  const one = summaryLine({ files: 1, records: 1, fromCache: 0, extracted: 1, warnings: 1, pages: 1, rendered: 1, reused: 1 }, { indexed: 1 }, "dist");
  assert.equal(
    one,
    "revue: 1 fichier lu, 1 fiche (0 du cache, 1 extraite), 1 avertissement, 1 page écrite et 1 reprise de la construction précédente, 1 page indexée (1 à nouveau) → dist\n",
  );
  const many = summaryLine({ files: 6, records: 6, fromCache: 5, extracted: 0, warnings: 2, pages: 6, rendered: 14, reused: 0 }, null, ".");
  assert.equal(
    many,
    "revue: 6 fichiers lus, 6 fiches (5 du cache, 0 extraite), 2 avertissements, 14 pages écrites et 0 reprise de la construction précédente → .\n",
  );
});
