/**
 * The authors of a saved HTML page, from the page's own marks, in priority order:
 *
 * | rank | source | example |
 * |---|---|---|
 * | 1 | JSON-LD `author` of the article node (people only: an Organization is not an author) | `"author": [{"@type": "Person", "name": "Stella Kim"}]` |
 * | 2 | meta tags: `author`, `article:author` (not a URL), `byl`, `article:author_name`, `parsely-author`, `sailthru.author`, `dc.creator`, `citation_author` | `<meta name="byl" content="By Corey Kilgannon">` |
 * | 3 | markup: `[itemprop~=author]` (its `name`), `rel=author` links, elements classed `byline`/`author`/`auteur`, in document order, outside comments, teasers, related posts, sidebars and footers | `<span class="author">Par <span class="authorname">Sébastien Farcis</span></span>` |
 *
 * A credit is cleaned as Readability cleans a byline ("By", "Par", "Von", a trailing date or
 * job title dropped) and split into names ("X, Y et Z", "X (avec Y et Z)"). Only what looks
 * like a person's name is kept: a handle, an address, a collective ("Staff", "La Rédaction")
 * or the site's own name is not an author.
 */
import type * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { squash } from "../extract/text.js";
import { asArray, elsewhere, pageIndex, shortText, visibleLength, type Json } from "./html-date.js";

export interface Authors {
  names: string[];
  /** The mark they were read from: "JSON-LD author", "meta byl", "<span class=author>"… */
  evidence: string;
}

/** Collectives and job titles: never a person's name. */
const NOT_A_NAME = /\b(staff|team|desk|rédaction|redaction|redaktion|service|équipe|editors?|editorial|newsroom|agences?|agency|correspondents?|reporters?|writers?|contributors?|columnist|journalistes?|rédacteur|rédactrice|envoyée?s? spéciale?s?|senior|chief|director|directeur|directrice|technologist|associated press|press|news|media|admin|administrator|webmaster|guest|anonymous|redakteur|autor|author|published|updated|follow|view|posts?|articles?|more|profile|email|twitter|facebook|bio)\b/i;
/**
 * Job titles: German ones (Minister, Manager and Analyst are German words too) also as the head of a compound
 * ("Projektleiterin der HSS", "Chefredakteur", "Außenministerin": a word ending in the title, after a stem of 4
 * letters or more: "Regierungschefin", "Generalsekretär", "Geschäftsführerin") and inflected (feminine -in/-innen, plural or genitive -e/-en/-n/-s/-es: "Direktoren",
 * "Redakteure"), so that a surname that merely ends in one ("Anna Kleiter") is still a name; English ones as whole words.
 */
const JOB_TITLE = /(?<!\p{L})(?:\p{L}{4,})?(?:leiter|referent|sprecher|direktor|präsident|professor|redakteur|korrespondent|minister|manager|analyst|geschäftsführer|sekretär|vorsitzender?|chef)(?:in|innen|e|en|n|s|es)?(?!\p{L})|(?<!\p{L})(?:officer|secretary|president|spokes(?:man|woman|person|people|men|women))s?(?!\p{L})/iu;
const PARTICLE = /^(de|del|della|der|den|di|da|das|do|dos|du|la|le|van|von|vom|zu|bin|ibn|al|el|y|e|af|av|ter|ten|mc|st\.?)$/i;

/** "By X", "Par X", "Von X", "Texte : X", "Written by X" → "X". */
function stripLead(s: string): string {
  return s
    .replace(/^\s*(?:(?:written|posted|published|photos?|text|texte|article|story|reporting)\s+)?(?:by|par|von|por|door|di|de|av|af|autor(?:in)?|author|auteur)\s*:?\s+/i, "")
    .replace(/^\s*(?:texte|auteur|autor|autorin|author|by|verfasser|verfasst von)\s*:\s*/i, "");
}

/** Is this one person's name? 2–5 words, capitalised (or all capitals), no digits, handle or address. */
function looksLikeName(s: string): boolean {
  if (!s || s.length > 60 || /[\d@/:=<>{}|#]/.test(s) || NOT_A_NAME.test(s) || JOB_TITLE.test(s)) return false;
  const words = s.split(/\s+/);
  // "Le Monde", "The Guardian", "L'Express": a title with an article is a publication
  if (/^(le|la|les|l['’]|the|der|die|das|el|il)$/i.test(words[0]) || /^l['’]\p{Lu}/iu.test(words[0])) return false;
  if (words.length < 2 || words.length > 5) return false;
  return words.every((w) => PARTICLE.test(w) || /^[\p{Lu}][\p{L}'’.-]*$/u.test(w) || /^\p{Lu}\.$/u.test(w) || /^\(?[\p{Lu}][\p{L}'’.-]*\)?$/u.test(w));
}

/**
 * A byline as printed → the names it credits: "By Daniel Kahn Gillmor, Senior Staff Technologist",
 * "Martin Untersinger (avec Damien Leloup et Morgane Tual)", "Stella Kim and Jennifer Jett".
 */
export function namesOf(raw: string): string[] {
  let s = squash(raw.replace(/[\u00a0\u202f]/g, " "));
  // "Le Monde | 04.05.2015 | Par Martin Untersinger": the credit follows its marker
  const marker = s.match(/(?:^|[\s|•·,])(?:par|by|por|von|door)\s*:?\s+(?=\p{Lu})/iu);
  if (marker && marker.index! > 0) s = s.slice(marker.index! + marker[0].length);
  s = stripLead(s);
  // a date or time after the name: "Jean Dupont | 8 novembre 2023", "Jean Dupont – Updated 3h ago"
  s = s.split(/\s+[|•·–—]\s+|\s+-\s+|\s{2,}/)[0];
  s = s.replace(/\s(?:le|on|am|the)\s+\d.*$/i, "").replace(/\b(?:updated|published|mis à jour|publié|aktualisiert)\b.*$/i, "").replace(/\d.*$/, "");
  // "(avec X et Y)" names co-authors: keep them
  s = s.replace(/\(\s*(?:avec|with|mit|con)\s+/gi, ", ").replace(/[()]/g, " ");
  const parts = s
    .split(/\s*(?:,|;|&|\band\b|\bet\b|\bund\b|\by\b|\be\b|\bavec\b|\bwith\b|\bmit\b)\s*/i)
    // "Brendan Carlin For The Mail On Sunday", "X pour Le Point": the credit ends at the outlet
    .map((p) => squash(stripLead(p).replace(/\s+(?:for|pour|für|para|per)\s+.*$/i, "").replace(/[.,;:]+$/, "")))
    .filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    if (looksLikeName(p)) {
      if (!out.includes(p)) out.push(p);
    } else if (out.length) break; // "X, Senior Staff Technologist": the rest is a job title
  }
  return out;
}

const META_AUTHOR = ["author", "article:author", "byl", "article:author_name", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "citation_author", "twitter:data1"];
const BYLINE_CLASS = /(^|[-_\s])(by-?line|byline__author|author|authors|author-?name|authorname|auteur|auteurs|autor|writer|wrote_by|written-?by|signature|p-author|vcard)([-_\s]|$)/i;
/** A line that opens with a credit: "Von Claudia Lindner", "Text von X", "Autorin: X", "By X", "Par X". */
const CREDIT_LINE = /^\s*(?:(?:text|texte|written|reportage)\s+)?(?:von|by|par|por|door)\s+\p{Lu}|^\s*(?:autor(?:in)?|auteur|author|verfasser)\s*:\s*\p{Lu}/iu;

/** The first words of an element (its first text, a few levels down), without reading it whole. */
function firstWords(el: Element): string {
  let n: AnyNode | undefined = el;
  for (let depth = 0; n && depth < 4; depth++) {
    if (n.type === "text") return (n as unknown as { data: string }).data;
    if (n.type !== "tag") return "";
    n = (n as Element).children.find((c) => c.type === "tag" || (c.type === "text" && /\S/.test((c as unknown as { data: string }).data)));
  }
  return n && n.type === "text" ? (n as unknown as { data: string }).data : "";
}

/** Authors from the page's marks (see the table above); none when the page names none. */
export function findAuthors($: cheerio.CheerioAPI, article: Json | null, siteName: string | null): Authors | null {
  const notSite = (n: string) => !siteName || n.toLowerCase() !== siteName.toLowerCase();
  // 1. JSON-LD
  if (article) {
    const names: string[] = [];
    for (const a of asArray(article.author)) {
      if (typeof a === "string") names.push(...namesOf(a));
      else if (a && typeof a === "object") {
        const o = a as Json;
        if (asArray(o["@type"]).some((t) => /Organization|Corporation|NewsMediaOrganization/.test(String(t)))) continue;
        if (typeof o.name === "string") names.push(...namesOf(o.name));
      }
    }
    const kept = [...new Set(names)].filter(notSite);
    if (kept.length) return { names: kept, evidence: "JSON-LD author" };
  }
  // 2. meta tags
  const page = pageIndex($);
  const metas = page.metas;
  for (const key of META_AUTHOR) {
    const v = metas.get(key);
    if (!v || /^https?:|^www\./i.test(v)) continue;
    if (key === "twitter:data1" && !/^(written by|verfasst von|geschrieben von|écrit par|auteur|autor|author)$/i.test(metas.get("twitter:label1") ?? "")) continue;
    const names = namesOf(v).filter(notSite);
    if (names.length) return { names, evidence: `meta ${key} "${v}"` };
  }
  // 3. markup: itemprop=author, then rel=author, then byline/author classes; next to the headline first
  const body = page.body;
  const h1 = page.headline;
  let pos = 0;
  let h1Pos = -1;
  const found: (Authors & { rank: number; pos: number })[] = [];
  const walk = (node: AnyNode): void => {
    if (node.type === "text") {
      pos += visibleLength((node as unknown as { data: string }).data);
      return;
    }
    if (node.type !== "tag" || found.length > 30) return;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (/^(script|style|noscript|template|svg|head)$/.test(tag)) return;
    if (el === h1) h1Pos = pos;
    const a = el.attribs;
    const itemAuthor = /\bauthor\b/.test(a.itemprop ?? "");
    const relAuthor = tag === "a" && /\bauthor\b/.test(a.rel ?? "");
    const classed = ((a.class !== undefined && BYLINE_CLASS.test(a.class)) || (a.id !== undefined && BYLINE_CLASS.test(a.id))) && !/(avatar|image|photo|img|bio|box|about|desc)/i.test(a.class ?? "");
    const creditLine = !itemAuthor && !relAuthor && !classed && tag !== "a" && tag !== "body" && CREDIT_LINE.test(firstWords(el).replace(/^[\s\u00a0]+/, ""));
    if ((itemAuthor || relAuthor || classed || creditLine) && !elsewhere(el, false)) {
      const inner = itemAuthor ? $(el).find('[itemprop="name"]').first() : null;
      const text = shortText((inner?.get(0) as Element | undefined) ?? el, 200);
      if (text && text.length < (creditLine ? 120 : 200)) {
        const names = namesOf(text).filter(notSite);
        if (names.length) {
          const label = `<${tag}${a.itemprop ? ` itemprop="${a.itemprop}"` : ""}${a.rel ? ` rel="${a.rel}"` : ""}${a.class ? ` class="${a.class}"` : ""}> ${text.slice(0, 80)}`;
          found.push({ names, evidence: label, rank: itemAuthor ? 1 : relAuthor ? 2 : classed ? 3 : 4, pos });
          // a byline block may hold the itemprop=author itself: look inside
          if (itemAuthor) return;
        }
      }
    }
    for (const c of el.children) walk(c);
  };
  walk(body);
  const near = found.filter((f) => h1Pos >= 0 && f.pos >= h1Pos - 600 && f.pos <= h1Pos + 3000);
  const pool = near.length ? near : found;
  const best = pool.sort((x, y) => x.rank - y.rank || x.pos - y.pos)[0];
  return best ? { names: best.names, evidence: best.evidence } : null;
}
