/**
 * The build's summary line (stdout), in French with each count agreeing in
 * number: plural from 2 on, singular for 0 and 1 ("0 extraite", "1 avertissement",
 * "2 extraites"), as French does.
 */

export interface BuildSummary {
  files: number;
  records: number;
  fromCache: number;
  extracted: number;
  warnings: number;
  pages: number;
  rendered: number;
  reused: number;
}

/** `n` and its word: `one` for 0 and 1, `many` from 2 on. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${Math.abs(n) < 2 ? one : many}`;
}

/** "revue: 5 fichiers lus, 5 fiches (4 du cache, 1 extraite), 0 avertissement, … → dist" */
export function summaryLine(s: BuildSummary, search: { indexed: number } | null, outName: string): string {
  return (
    `revue: ${count(s.files, "fichier lu", "fichiers lus")}, ${count(s.records, "fiche", "fiches")} ` +
    `(${s.fromCache} du cache, ${count(s.extracted, "extraite", "extraites")}), ` +
    `${count(s.warnings, "avertissement", "avertissements")}, ${count(s.rendered, "page écrite", "pages écrites")} ` +
    `et ${count(s.reused, "reprise", "reprises")} de la construction précédente` +
    `${search ? `, ${count(s.pages, "page indexée", "pages indexées")} (${search.indexed} à nouveau)` : ""} → ${outName}\n`
  );
}
