/**
 * Metadata of a saved HTML page, in priority order: JSON-LD NewsArticle →
 * Open Graph / article:* meta → <time datetime>. The article text is html.ts's business.
 */
import type * as cheerio from "cheerio";
import type { DocMeta } from "./doc.js";
import { squash } from "../extract/text.js";
import { findDates } from "../extract/dates.js";

type JsonObject = Record<string, unknown>;

function asArray(x: unknown): unknown[] {
  return Array.isArray(x) ? x : x == null ? [] : [x];
}

function nameOf(x: unknown): string | null {
  if (typeof x === "string") return x;
  if (x && typeof x === "object" && typeof (x as JsonObject).name === "string") return (x as JsonObject).name as string;
  return null;
}

function findNewsArticle(nodes: unknown[]): JsonObject | null {
  for (const n of nodes) {
    if (!n || typeof n !== "object") continue;
    const o = n as JsonObject;
    const types = asArray(o["@type"]).map(String);
    if (types.some((t) => /(News|Reportage|Analysis|Opinion|Report)?Article$|^BlogPosting$/.test(t))) return o;
    const inner = findNewsArticle([...asArray(o["@graph"]), ...(Array.isArray(n) ? n : [])]);
    if (inner) return inner;
  }
  return null;
}

export function readHtmlMeta($: cheerio.CheerioAPI): { meta: DocMeta; warnings: string[] } {
  const warnings: string[] = [];
  const meta: DocMeta = { via: "html-meta" };
  const metaContent = (sel: string) => squash($(sel).first().attr("content") ?? "") || null;

  // JSON-LD
  const ldNodes: unknown[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      ldNodes.push(JSON.parse($(el).text()));
    } catch {
      warnings.push("a JSON-LD block is not valid JSON: ignored");
    }
  });
  const ld = findNewsArticle(ldNodes);
  let via: DocMeta["via"] = "html-meta";
  if (ld) {
    via = "json-ld";
    if (typeof ld.headline === "string") meta.title = squash(ld.headline);
    const published = typeof ld.datePublished === "string" ? ld.datePublished : null;
    const d = published ? findDates(published)[0] : undefined;
    if (d?.iso) meta.date = { iso: d.iso, evidence: published! };
    meta.outlet = nameOf(ld.publisher);
    meta.authors = asArray(ld.author).map(nameOf).filter((x): x is string => !!x);
    if (typeof ld.url === "string") meta.url = ld.url;
    if (typeof ld.inLanguage === "string") meta.language = ld.inLanguage.slice(0, 2).toLowerCase();
  }
  meta.via = via;
  meta.title ??= metaContent('meta[property="og:title"]') ?? (squash($("h1").first().text()) || squash($("title").first().text()) || null);
  meta.outlet ??= metaContent('meta[property="og:site_name"]');
  if (!meta.date) {
    for (const sel of ['meta[property="article:published_time"]', 'meta[name="date"]', 'meta[name="pubdate"]', 'meta[name="DC.date.issued"]', 'meta[itemprop="datePublished"]']) {
      const v = metaContent(sel);
      const d = v ? findDates(v)[0] : undefined;
      if (d?.iso) {
        meta.date = { iso: d.iso, evidence: v! };
        break;
      }
    }
  }
  if (!meta.date) {
    const t = $("article time[datetime], time[datetime]").first();
    const v = t.attr("datetime");
    const d = v ? findDates(v)[0] : undefined;
    if (d?.iso) meta.date = { iso: d.iso, evidence: squash(t.text()) || v! };
  }
  if (!meta.authors?.length) {
    const a = metaContent('meta[name="author"]');
    if (a) meta.authors = [a];
  }
  meta.url ??= $('link[rel="canonical"]').attr("href") ?? metaContent('meta[property="og:url"]');
  meta.language ??= ($("html").attr("lang") ?? "").slice(0, 2).toLowerCase() || null;
  // a site name appended to the title: "Titre - Le Monde"
  if (meta.title && meta.outlet) {
    // "Titre | TV5MONDE - Informations", "Titre - Le Monde": cut at the separator before the site's name
    const name = meta.outlet.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    meta.title = meta.title.replace(new RegExp(`\\s+[-|–—:]\\s+${name}(\\s.*)?$`, "i"), "");
  }

  return { meta, warnings };
}
