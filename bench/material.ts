/**
 * What the synthetic corpora are made of: the real seeds' paragraphs, quotations
 * and sidebar snippets (read from seeds/ at run time), plus small tables of the
 * people, places, outlets and dates those seeds name.
 *
 * Every table is here, in one place, with the reason it exists; bench/generate.ts
 * only combines them.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

/** People the seeds quote or name, with the role the press gives them (used in bylines of quotes). */
export const PEOPLE: readonly { name: string; role: string; side: "ru" | "cn" | "other" }[] = [
  { name: "Vladimir Poutine", role: "le président russe", side: "ru" },
  { name: "Xi Jinping", role: "le président chinois", side: "cn" },
  { name: "Zhang Youxia", role: "le vice-président de la Commission militaire centrale", side: "cn" },
  { name: "Sergueï Choïgou", role: "le ministre russe de la Défense", side: "ru" },
  { name: "Dong Jun", role: "le ministre chinois de la Défense", side: "cn" },
  { name: "Andreï Belooussov", role: "le ministre russe de la Défense", side: "ru" },
  { name: "Dmitri Rogozine", role: "l'ancien vice-premier ministre russe", side: "ru" },
  { name: "Recep Tayyip Erdogan", role: "le président turc", side: "other" },
  // Not in the five seeds but in the same stories every week: without them every
  // event would quote the same two men and clustering by speaker would be trivial.
  { name: "Sergueï Lavrov", role: "le ministre russe des Affaires étrangères", side: "ru" },
  { name: "Wang Yi", role: "le chef de la diplomatie chinoise", side: "cn" },
  { name: "Dmitri Peskov", role: "le porte-parole du Kremlin", side: "ru" },
  { name: "Mao Ning", role: "la porte-parole de la diplomatie chinoise", side: "cn" },
];

/** Where the events of the seeds take place (and a few more of the same kind). */
export const PLACES = [
  "Moscou", "Pékin", "Kazan", "Novo-Ogaryovo", "Vladivostok", "Shanghai",
  "Samarcande", "Astana", "Saint-Pétersbourg", "Harbin", "Tianjin", "Oulan-Bator",
];

/** Photographers credited in the seeds' captions (furniture the extractor must not take for authors). */
export const PHOTOGRAPHERS = [
  "ALEXEI DRUZHININ", "Gavriil GRIGOROV", "ADEK BERRY", "Philippe LOPEZ", "Jim WATSON",
  "Omar AL-QATTAA", "Roslan RAHMAN", "Nhac NGUYEN", "DENIS CHARLET",
];

/** Authors of the seed bylines (La Revue Internationale signs its articles). */
export const LRI_AUTHORS = ["Etienne Dhuit", "Clara Morin", "Paul Vasseur", "Inès Roche"];

/** Intertitles of the seeds, reused as section headings. */
export const INTERTITLES = [
  "Poutine sûr de lui", "Xi moins catégorique", "Moscou cherche des soutiens",
  "Execices militaires communs", "Une alliance sans traité", "Pékin prudent",
  "Des manœuvres conjointes", "Le regard de Washington",
];

/** Topic words of titles (what the events are about). */
export const TOPICS = [
  "la coopération militaire", "les exercices navals conjoints", "la sécurité régionale",
  "le partenariat stratégique", "les livraisons d'armes", "la patrouille commune",
  "le sommet des Brics", "la défense antimissile", "les manœuvres aériennes",
  "les échanges technologiques", "la frontière commune", "l'industrie de défense",
];

/** Speech verbs as the seeds print them after a quotation. */
export const SPEECH_VERBS = [
  "a déclaré", "a affirmé", "a souligné", "a estimé", "a assuré", "a ajouté",
  "s'est félicité", "a poursuivi", "a indiqué", "a insisté",
];

export const MONTHS = [
  "janvier", "février", "mars", "avril", "mai", "juin",
  "juillet", "août", "septembre", "octobre", "novembre", "décembre",
];
export const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

export interface Material {
  /** Article paragraphs of the seeds (long lines ending a sentence). */
  paragraphs: string[];
  /** Words inside the seeds' quotation marks, four words or more. */
  quotes: string[];
  /** Sidebar / "A lire aussi" snippets of the seeds: unrelated news the extractor must drop. */
  snippets: string[];
  /** Order-2 word chain over the paragraphs, quotation marks removed: "w1 w2" → next words. */
  chain: Map<string, string[]>;
  /** Order-1 chain: "w1" → next words. Mixed with order 2 so that sentences are new, not copies of the seeds. */
  chain1: Map<string, string[]>;
  /** Pairs of words that start a sentence in the seeds. */
  starts: [string, string][];
  /** Lower-case content words (six letters or more) of the paragraphs. */
  vocabulary: string[];
}

const QUOTE_RE = /«\s*([^»]+?)\s*»|"([^"]+)"|“([^”]+)”/g;

/** A line is an article paragraph when it is long and ends a sentence; sidebar teasers end with "Lire la suite". */
function isParagraph(line: string): boolean {
  return (
    line.length >= 120 &&
    /[.»"”]\s*$/.test(line) &&
    !/Lire la suite|\.\.\.\.|Similar News|droits réservés/.test(line)
  );
}

export function loadMaterial(seedsDir: string): Material {
  const paragraphs: string[] = [];
  const snippets: string[] = [];
  for (const name of readdirSync(seedsDir).sort()) {
    if (!name.endsWith(".txt")) continue;
    const text = readFileSync(path.join(seedsDir, name), "utf8").replace(/\r\n?/g, "\n");
    for (const raw of text.split("\n")) {
      const line = raw.trim();
      if (isParagraph(line)) paragraphs.push(line);
      else if (line.length >= 100 && !/^•|^Similar News/.test(line)) snippets.push(line.replace(/\s*\.\.\.\s*Lire la suite.*$/, ""));
    }
  }
  const quotes = new Set<string>();
  for (const p of paragraphs) {
    for (const m of p.matchAll(QUOTE_RE)) {
      const q = (m[1] ?? m[2] ?? m[3] ?? "").trim();
      if (q.split(/\s+/).length >= 4) quotes.add(q);
    }
  }
  const chain = new Map<string, string[]>();
  const chain1 = new Map<string, string[]>();
  const starts: [string, string][] = [];
  const push = (m: Map<string, string[]>, key: string, word: string) => {
    const next = m.get(key);
    if (next) next.push(word);
    else m.set(key, [word]);
  };
  for (const p of paragraphs) {
    const words = p.replace(/[«»"“”]/g, " ").replace(/\(\.\.\.\)/g, " ").split(/\s+/).filter(Boolean);
    for (let i = 0; i + 2 < words.length; i++) {
      push(chain, `${words[i]} ${words[i + 1]}`, words[i + 2]!);
      push(chain1, words[i + 1]!, words[i + 2]!);
      if (i === 0 || /[.!?]$/.test(words[i - 1]!)) {
        if (/^[A-ZÀ-Ý]/.test(words[i]!)) starts.push([words[i]!, words[i + 1]!]);
      }
    }
  }
  const vocabulary = new Set<string>();
  for (const p of paragraphs) for (const w of p.match(/\p{Ll}{6,}/gu) ?? []) vocabulary.add(w);
  return { paragraphs, quotes: [...quotes], snippets, chain, chain1, starts, vocabulary: [...vocabulary].sort() };
}
