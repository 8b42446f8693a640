/**
 * Outlet, authors and agencies, from the page's own marks, in priority order:
 * page metadata (JSON-LD publisher, og:site_name, front matter) → the byline
 * ("Par euronews avec AFP", "information fournie par Boursorama avec Media Services",
 * "30.12.2022 par Etienne Dhuit") → the footer's copyright line ("© 2017 NAME") →
 * a header/footer line that is exactly a known outlet's name → the URL's domain.
 * An aggregator's tagline is none of these, so such a page gets null.
 */
import type { Outlet, Via } from "../record.js";
import { type Knowledge, slug } from "./knowledge.js";
import { PHOTO_CREDIT_LINE } from "./lexicon.js";
import { fold, wordCount } from "./text.js";

export interface OutletResult {
  outlet: Outlet | null;
  outletVia: Via | null;
  authors: string[];
  agencies: string[];
}

export function outletFromName(name: string, k: Knowledge): Outlet {
  const known = k.outletByAlias.get(fold(name));
  return known ? { id: known.id, name: known.name } : { id: slug(name), name: name.trim() };
}

function agencyOf(s: string, k: Knowledge): string | null {
  return k.agencyByAlias.get(fold(s).replace(/[.()]/g, "").trim()) ?? null;
}

/** Collective bylines: "AP Staff", "Reuters Staff", "La Rédaction", "Service International". */
const NOT_A_PERSON = /\b(staff|team|desk|rédaction|redaction|service|équipe|editors?|newsroom|agences?)\b/i;
const PERSON_NAME = /^\p{Lu}[\p{L}'’-]+(\s+(de\s+|van\s+|von\s+)?\p{Lu}[\p{L}'’.-]+){1,3}$/u;

/** Split a byline into its credits: "Par X et Y avec AFP" → ["X", "Y"] + after "avec": ["AFP"]. */
export function parseByline(line: string): { credits: string[]; with: string[]; marker: "par" | "fournie" | null } | null {
  const s = line
    .replace(/[()]/g, " ") // "Par Le Point.fr (avec AFP)"
    // what follows a sentence break is the dateline: "Ouest-France avec AFP. Publié le …"
    .split(/(?<!\b\p{Lu})\.\s+|\s+[|•·—–-]\s+/u)[0]
    .replace(/\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/g, " ")
    .replace(/\b\d{1,2}\s?[h:]\s?\d{2}\b/g, " ")
    .replace(/\s+à\s*$/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  // "Par X", "Texte par : X", "information fournie par X", or "X avec AFP" / "Avec AFP"
  // "Source : AFP" credits like "Avec AFP"
  const credit = s.replace(/^\(?sources?\s*:\s*/i, "avec ").replace(/\)$/, "");
  const m = credit.match(/\b(information fournie par|par|by)\s*:?\s+(.+)$/i) ?? credit.match(/^()(.+\s(?:avec|with)\s.+|(?:avec|with)\s.+)$/i);
  if (!m) return null;
  const marker = /fournie/i.test(m[1]) ? "fournie" : "par";
  let rest = m[2].replace(/^(avec|with)\s+/i, " avec ").replace(/\s+(publié|mis à jour|le)\b.*$/i, "").replace(/[.,;]\s*$/, "").trim();
  const withParts: string[] = [];
  const w = (" " + rest).split(/\s+(?:avec|with)\s+(?:l['’])?/i);
  rest = w[0].trim();
  for (const x of w.slice(1)) withParts.push(...x.split(/\s*(?:,|\bet\b|&|\/)\s*/).filter(Boolean));
  const credits = rest.split(/\s*(?:,|\bet\b|\band\b|&)\s*/).map((x) => x.trim()).filter(Boolean);
  return { credits, with: withParts.map((x) => x.trim()), marker };
}

export function findOutlet(input: {
  bylines: string[];
  header: string[];
  footer: string[];
  metaOutlet?: string | null;
  metaVia?: Via;
  metaAuthors?: string[];
  url?: string | null;
  /** The lede and body paragraphs: a house-style dateline ("MOSCOW, July 23. /TASS/.") or interview turns ("Atlantico : …") name the outlet. */
  paragraphs?: string[];
  k: Knowledge;
}): OutletResult {
  const { k } = input;
  const authors: string[] = [...(input.metaAuthors ?? [])];
  const agencies: string[] = [];
  let outlet: Outlet | null = null;
  let outletVia: Via | null = null;
  if (input.metaOutlet) {
    outlet = outletFromName(input.metaOutlet, k);
    outletVia = input.metaVia ?? "html-meta";
  }
  for (const line of input.bylines) {
    const b = parseByline(line);
    if (!b) continue;
    for (const c of b.credits) {
      const agency = agencyOf(c, k);
      // "Le Point.fr", "lefigaro.fr": the site's domain-style name
      const known = k.outletByAlias.get(fold(c)) ?? k.outletByAlias.get(fold(c.replace(/\.(fr|com|ch|be|ca|net|org|info)$/i, "")));
      if (b.marker === "fournie" && agency) {
        // "information fournie par Reuters": the agency supplied the text to the site that prints it
        if (!agencies.includes(agency)) agencies.push(agency);
      } else if (known) {
        if (!outlet) {
          outlet = { id: known.id, name: known.name };
          outletVia = "byline";
        }
      } else if (agency) {
        if (!agencies.includes(agency)) agencies.push(agency);
      } else if (b.marker === "fournie") {
        // "information fournie par X": X is the publishing site
        if (!outlet) {
          outlet = outletFromName(c, k);
          outletVia = "byline";
        }
      } else if (/^(?:[Ll]es?|[Ll]a|[Ll]['’])\s?\p{Lu}/u.test(c) && wordCount(c) <= 6) {
        // "Par Le Courrier de Russie avec AFP": a title with an article is a publication, not a person
        if (!outlet) {
          outlet = outletFromName(c, k);
          outletVia = "byline";
        }
      } else if (PERSON_NAME.test(c) && wordCount(c) <= 4 && !NOT_A_PERSON.test(c) && !c.split(/\s+/).some((w) => agencyOf(w, k) || k.outletByAlias.has(fold(w)))) {
        if (!authors.includes(c)) authors.push(c);
      } else if (/^[\p{Ll}\d][\p{L}\d.-]*$/u.test(c) && !outlet) {
        // a brand written in lower case ("euronews") is an outlet, not a person
        outlet = outletFromName(c, k);
        outletVia = "byline";
      }
    }
    for (const x of b.with) {
      const agency = agencyOf(x, k);
      if (agency && !agencies.includes(agency)) agencies.push(agency);
    }
  }
  if (!outlet && input.paragraphs?.length) {
    const found = outletInText(input.paragraphs, k);
    if (found) {
      outlet = found;
      outletVia = "text";
    }
  }
  if (!outlet) {
    // "© 2017 La Revue Internationale. Tous droits réservés."
    for (const line of [...input.footer, ...input.header]) {
      if (PHOTO_CREDIT_LINE.test(line)) continue; // "© Gao Fei/Xinhua via AP": a photographer's credit
      const m = line.match(/^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*[-–,]?\s*([^.|,©]{2,60})/i);
      if (m && !/droits|rights/i.test(m[1])) {
        // "© AFP": the agency owns the text, the outlet is still unknown
        const agency = agencyOf(m[1], k);
        if (agency) {
          if (!agencies.includes(agency)) agencies.push(agency);
          continue;
        }
        outlet = outletFromName(m[1].trim(), k);
        outletVia = "text";
        break;
      }
    }
  }
  if (!outlet) {
    const longest = longestKey(k.outletByAlias);
    for (const line of [...input.header, ...input.footer]) {
      // each ASCII letter or digit stays one character in fold(): a line with more of them than the longest name is none (not folded)
      if (asciiAlnums(line, longest) > longest) continue;
      const known = k.outletByAlias.get(fold(line));
      if (known) {
        outlet = { id: known.id, name: known.name };
        outletVia = "text";
        break;
      }
    }
  }
  if (!outlet && input.url) {
    let host = "";
    try {
      host = new URL(input.url).hostname.replace(/^www\./, "");
    } catch {
      host = "";
    }
    const known = host ? k.outlets.find((o) => o.domains.some((d) => host === d || host.endsWith("." + d))) : undefined;
    if (known) {
      outlet = { id: known.id, name: known.name };
      outletVia = "html-meta";
    }
  }
  return { outlet, outletVia, authors, agencies };
}

const longestKeys = new WeakMap<Map<string, unknown>, number>();
/** Length of the longest key of a map (remembered per map). */
function longestKey(map: Map<string, unknown>): number {
  let n = longestKeys.get(map);
  if (n === undefined) {
    n = 0;
    for (const key of map.keys()) n = Math.max(n, key.length);
    longestKeys.set(map, n);
  }
  return n;
}

/** Number of ASCII letters and digits in s, counted up to one more than `max`. */
function asciiAlnums(s: string, max: number): number {
  let n = 0;
  for (let i = 0; i < s.length && n <= max; i++) {
    const c = s.charCodeAt(i) | 32; // lower case for letters
    if ((c >= 97 && c <= 122) || (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57)) n++;
  }
  return n;
}

/** "MOSCOW, July 23. /TASS/.": the credit between slashes is the agency's house style on its own site. */
const SLASH_DATELINE = /^[\p{Lu}][\p{Lu}\p{L}\d ,.'’/-]{2,60}?\/\s?([\p{Lu}][\p{L}-]{1,15})\s?\/\.?\s/u;
/** "Atlantico : Il y a quelques jours…": a paragraph that opens with the interviewer's name and a colon. */
const INTERVIEW_TURN = /^([\p{Lu}][\p{L}\d'’ .&-]{1,40}?)\s?:\s/u;

/**
 * The outlet named by the article text itself: a house-style wire dateline ("/TASS/"), or the
 * interview's question turns ("Atlantico : …", "Le Point : …"). Only outlets of data/outlets.yaml:
 * "Emmanuel Lincot : …" is an answer turn, not an outlet.
 */
function outletInText(paragraphs: string[], k: Knowledge): Outlet | null {
  const first = paragraphs.slice(0, 2);
  for (const p of first) {
    const m = SLASH_DATELINE.exec(p.slice(0, 100));
    const known = m ? k.outletByAlias.get(fold(m[1])) : undefined;
    if (known) return { id: known.id, name: known.name };
  }
  for (const p of paragraphs) {
    const m = INTERVIEW_TURN.exec(p.slice(0, 50));
    const known = m ? k.outletByAlias.get(fold(m[1])) : undefined;
    if (known) return { id: known.id, name: known.name };
  }
  return null;
}
