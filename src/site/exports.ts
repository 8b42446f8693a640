/**
 * What the site gives to other programs: feed entries (Atom `feed.xml` and JSON
 * Feed 1.1 `feed.json`) and a TimelineJS export (`timeline.json`). Pure builders
 * from the site model's views: no file, no clock. Every text from a seed is
 * HTML-escaped here before it goes into an HTML field (`content_html`, TimelineJS
 * `headline` / `text`, which TimelineJS renders as HTML). Formats: docs/site.md, "Exports".
 */
import { createHash } from "node:crypto";
import type { ArticleView, EventView, LinkRef } from "./model.js";
import { escapeHtml } from "./escape.js";
import { clipAtWord } from "../clip.js";
import { plural } from "./format.js";
import { decode } from "../ingest/decode.js";

/** Longest lede printed in a feed entry (characters; cut at a word, "…" added). */
export const FEED_LEDE_MAX = 600;
/** Dated articles in each feed, newest first. */
export const FEED_SIZE = 50;
/** Titles listed in the feed entry that points to the undated articles. */
export const FEED_UNDATED_LISTED = 20;

/** What a feed entry needs from an article view, plus the record's plain-text lede and language. */
export type FeedArticle = Pick<ArticleView, "id" | "url" | "title" | "date" | "dateLabel" | "outlet" | "authors" | "sourceUrl" | "quotes" | "event"> & {
  /** The record's lede, or its first paragraph when it has none; plain text. */
  lede: string | null;
  language: string;
};

export interface KeyQuote {
  text: string;
  /** The speaker's name, or null for a quotation without a speaker (« non attribuée »). */
  speaker: string | null;
}

export interface FeedEntry {
  id: string;
  /** Absolute address of our page. */
  url: string;
  title: string;
  /** YYYY-MM-DD; for the undated notice, the feed's own latest date. */
  date: string;
  /** RFC 3339, midnight UTC (the record's date has no time). */
  updated: string;
  author: string | null;
  /** Plain text: the lede, or for the notice a sentence saying where the undated articles are. */
  summary: string;
  /** The lede, the key quotation with its speaker, date · outlet and links; escaped, absolute links. */
  contentHtml: string;
  /** The original article's address (http/https only, checked at extraction). */
  sourceUrl: string | null;
  language: string | null;
  /** Event title, as a category / tag. */
  event: string | null;
}

/** A day "YYYY-MM-DD" as RFC 3339 at midnight UTC, as the Atom template's `dateToRfc3339` writes it. */
export function rfc3339Day(day: string): string {
  return `${day}T00:00:00Z`;
}

const nb = (s: string) => `«\u00a0${s}\u00a0»`;

/**
 * The quotation a feed entry shows for an article: the event's key quotation when
 * this article prints it, else the article's first quotation that is not a fragment,
 * preferring one with a speaker. Fragments alone give none: a few words out of their
 * sentence are not a statement.
 */
export function articleKeyQuote(a: Pick<ArticleView, "quotes">, eventKeyQuote: string | null): KeyQuote | null {
  const fold = (s: string) => s.normalize("NFC").toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, " ").trim();
  const full = a.quotes.filter((q) => !q.fragment);
  const q =
    (eventKeyQuote !== null ? a.quotes.find((x) => fold(x.text) === fold(eventKeyQuote)) : undefined) ??
    full.find((x) => x.speaker) ??
    full[0];
  return q ? { text: q.text, speaker: q.speaker?.name ?? null } : null;
}

function quoteHtml(q: KeyQuote): string {
  const who = q.speaker ? escapeHtml(q.speaker) : "citation non attribuée";
  return `<blockquote><p>${escapeHtml(nb(q.text))}</p><p>— ${who}</p></blockquote>`;
}

function quoteText(q: KeyQuote): string {
  return `${nb(q.text)} (${q.speaker ?? "citation non attribuée"})`;
}

/**
 * One entry per dated article, newest first, at most `size`; then, when some
 * articles have no date, one entry pointing to the page that lists them
 * (`undatedUrl`), so that they are never silently absent from a feed. Its id
 * changes with the set of undated articles (a reader shows it again when one is
 * added); its date is the feed's latest, so a build never depends on the clock.
 */
export function feedEntries(
  articles: FeedArticle[],
  opts: { abs: (url: string) => string; keyQuoteOfEvent: (eventId: string) => string | null; undatedUrl: string; size?: number },
): FeedEntry[] {
  const dated = articles.filter((a) => a.date).sort((x, y) => (x.date! < y.date! ? 1 : x.date! > y.date! ? -1 : x.id < y.id ? 1 : -1));
  const undated = articles.filter((a) => !a.date);
  const entries: FeedEntry[] = dated.slice(0, opts.size ?? FEED_SIZE).map((a) => {
    const url = opts.abs(a.url);
    const lede = a.lede ? clipAtWord(a.lede, FEED_LEDE_MAX) : null;
    const key = articleKeyQuote(a, a.event ? opts.keyQuoteOfEvent(a.event.id) : null);
    const meta = [a.dateLabel, a.outlet?.name, a.authors.length ? a.authors.join(", ") : null].filter(Boolean).join(" · ");
    const links = [`<a href="${escapeHtml(url)}">Notre fiche</a>`];
    if (a.sourceUrl) links.push(`<a href="${escapeHtml(a.sourceUrl)}">article original</a>`);
    if (a.event) links.push(`événement : <a href="${escapeHtml(opts.abs(a.event.url))}">${escapeHtml(a.event.title)}</a>`);
    const html = [
      lede ? `<p>${escapeHtml(lede)}</p>` : "",
      key ? quoteHtml(key) : "",
      `<p>${escapeHtml(meta)}</p>`,
      `<p>${links.join(" · ")}</p>`,
    ].join("");
    return {
      id: url,
      url,
      title: a.title,
      date: a.date!,
      updated: rfc3339Day(a.date!),
      author: a.outlet?.name ?? null,
      summary: [lede, key ? quoteText(key) : null].filter(Boolean).join(" ") || meta,
      contentHtml: html,
      sourceUrl: a.sourceUrl,
      language: a.language && a.language !== "und" ? a.language : null,
      event: a.event?.title ?? null,
    };
  });
  if (undated.length) {
    const listUrl = opts.abs(opts.undatedUrl);
    const ids = undated.map((a) => a.id).sort();
    const tag = createHash("sha256").update(ids.join("\n")).digest("hex").slice(0, 12);
    const latest = dated[0]?.date ?? "1970-01-01";
    const listed = undated.slice(0, FEED_UNDATED_LISTED);
    const more = undated.length - listed.length;
    entries.push({
      id: `${listUrl}#sans-date-${tag}`,
      url: listUrl,
      title: `Articles sans date (${undated.length})`,
      date: latest,
      updated: rfc3339Day(latest),
      author: null,
      summary: `${plural(undated.length, "article")} sans date : sur la page « Articles sans date », hors de l'ordre chronologique de ce fil.`,
      contentHtml:
        `<p>${escapeHtml(`${plural(undated.length, "article")} dont la date n'a pas pu être établie ${undated.length < 2 ? "n'est" : "ne sont"} pas rangé${undated.length < 2 ? "" : "s"} dans ce fil : ${undated.length < 2 ? "il est" : "ils sont"} sur la page`)} <a href="${escapeHtml(listUrl)}">Articles sans date</a>.</p>` +
        `<ul>${listed.map((a) => `<li><a href="${escapeHtml(opts.abs(a.url))}">${escapeHtml(a.title)}</a>${a.outlet ? ` (${escapeHtml(a.outlet.name)})` : ""}</li>`).join("")}</ul>` +
        (more > 0 ? `<p>${escapeHtml(`… et ${plural(more, "autre")}.`)}</p>` : ""),
      sourceUrl: null,
      language: "fr",
      event: null,
    });
  }
  return entries;
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), as a JSON text. */
export function jsonFeed(
  entries: FeedEntry[],
  meta: { title: string; description: string; homeUrl: string; feedUrl: string },
): string {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: meta.title,
    home_page_url: meta.homeUrl,
    feed_url: meta.feedUrl,
    description: meta.description,
    language: "fr",
    items: entries.map((e) => ({
      id: e.id,
      url: e.url,
      ...(e.sourceUrl ? { external_url: e.sourceUrl } : {}),
      title: e.title,
      content_html: e.contentHtml,
      summary: e.summary,
      date_published: e.updated,
      ...(e.author ? { authors: [{ name: e.author }] } : {}),
      ...(e.event ? { tags: [e.event] } : {}),
      ...(e.language ? { language: e.language } : {}),
    })),
  };
  return JSON.stringify(feed, null, 2) + "\n";
}

/** The TimelineJS group of an event: known to the calendar (data/events.yaml) or found in the press only. */
export const TIMELINE_GROUPS = { calendar: "Calendrier", press: "Presse" } as const;

export type TimelineEvent = Pick<EventView, "id" | "url" | "title" | "date" | "dateLabel" | "outlets" | "articles" | "keyQuote"> & {
  /** True when the event matched an entry of data/events.yaml (its label is the calendar's). */
  known: boolean;
};

/**
 * TimelineJS 3 data (https://timeline.knightlab.com/docs/json-format.html): one
 * slide per dated event, with `start_date` {year, month, day} as numbers, `text`
 * {headline, text} as escaped HTML, `group`, `unique_id` and a French
 * `display_date`; a title slide says how many articles are undated and where they
 * are. Undated events have no place on a time axis and are left out (the title
 * slide counts them).
 */
export function timelineJs(
  events: TimelineEvent[],
  opts: { abs: (url: string) => string; title: string; tagline: string; undatedArticles: number; undatedUrl: string },
): string {
  const dated = events.filter((e) => e.date).sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : a.id < b.id ? -1 : 1));
  const link = (url: string, text: string) => `<a href="${escapeHtml(opts.abs(url))}">${escapeHtml(text)}</a>`;
  const titleText = [
    `<p>${escapeHtml(opts.tagline)}</p>`,
    `<p>${escapeHtml(`${plural(dated.length, "événement daté", "événements datés")}.`)}</p>`,
    opts.undatedArticles > 0
      ? `<p>${escapeHtml(`${plural(opts.undatedArticles, "article")} sans date n'${opts.undatedArticles < 2 ? "a" : "ont"} pas de place sur cet axe :`)} ${link(opts.undatedUrl, "Articles sans date")}.</p>`
      : "",
  ].join("");
  const data = {
    title: { text: { headline: escapeHtml(opts.title), text: titleText } },
    events: dated.map((e) => {
      const [year, month, day] = e.date!.split("-").map(Number);
      const quote = e.keyQuote
        ? `<blockquote><p>${escapeHtml(nb(e.keyQuote.text))}</p><p>— ${e.keyQuote.speaker ? escapeHtml(e.keyQuote.speaker.name) : "citation non attribuée"}</p></blockquote>`
        : "";
      const outlets = e.outlets.length ? `<p>${escapeHtml(`${plural(e.articles.length, "article")} : ${e.outlets.map((o: LinkRef) => o.name).join(", ")}`)}</p>` : "";
      return {
        unique_id: e.id,
        start_date: { year, month, day },
        display_date: e.dateLabel,
        text: { headline: escapeHtml(e.title), text: `${quote}${outlets}<p>${link(e.url, "Voir l'événement")}</p>` },
        group: e.known ? TIMELINE_GROUPS.calendar : TIMELINE_GROUPS.press,
        autolink: false,
      };
    }),
  };
  return JSON.stringify(data, null, 2) + "\n";
}

const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

/**
 * The bytes of `sources/ID.txt` for a seed: UTF-8 with a byte-order mark, so that
 * a browser shows its accents whatever charset the host sends (a BOM outranks the
 * Content-Type charset in the WHATWG decode algorithm). A UTF-8 seed keeps its own
 * bytes after the mark (strip the 3 bytes to check `source.sha256`); a seed in
 * another encoding (Windows-1252, UTF-16…) is the text as extraction read it,
 * re-encoded in UTF-8.
 */
export function sourceTextCopy(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes;
  const { text, encoding } = decode(bytes);
  const utf8 = encoding === "utf-8" ? bytes : new TextEncoder().encode(text);
  const out = new Uint8Array(UTF8_BOM.length + utf8.length);
  out.set(UTF8_BOM);
  out.set(utf8, UTF8_BOM.length);
  return out;
}
