/**
 * Segmentation: the lines of a page → headline, bylines, lede, body, captions.
 *
 * Order of the rules (each is a small function below):
 *  1. classify every line (furniture, caption, byline, end-of-article marker, text);
 *  2. anchor on the first byline/dateline: the headline is the nearest headline-like
 *     line above it; with no byline, the first headline-like line, else the lede's
 *     first sentence stands in;
 *  3. the body runs from the first prose line after the anchor to the first
 *     end-of-article marker (comments, teasers, share bar, footer, author bio);
 *  4. inside it, captions go to `captions`, furniture is dropped, short lines between
 *     prose paragraphs become intertitles, trailing short lines are dropped.
 */
import type { Block } from "../record.js";
import { BULLET, BYLINE, BYLINE_PREFIX, CAPTION_CREDIT, CAPTION_CREDIT_NEEDS_SLASH, COOKIE_NOTICE, EDITOR_NOTE, EMOJI, END_LABEL_WITH_TEXT, END_OF_ARTICLE, FURNITURE_LINE, PHOTO_CREDIT_LINE, SNIPPET_DATELINE, VIDEO_DURATION } from "./lexicon.js";
import { fold, isProse, mayFoldAlike, sentences, squash, wordCount } from "./text.js";
import { findDates } from "./dates.js";

export interface Line {
  text: string;
  /** Structural hint from HTML/Markdown: a heading, a caption, a list item, a paragraph. */
  hint?: "heading" | "caption" | "item" | "paragraph" | "quote";
  /** True when the line came from a menu bullet ("• Contact"). */
  bullet?: boolean;
}

export type LineKind = "furniture" | "caption" | "byline" | "end" | "text";

export interface Segmented {
  title: string | null;
  titleVia: "text" | "first-sentence" | null;
  /** Byline/dateline lines found above the body. */
  bylines: string[];
  /** Lines above the headline (site header, menus): the outlet's name may be there. */
  header: string[];
  /** Lines after the end of the article (footer, teasers): only copyright lines are read there. */
  footer: string[];
  lede: string | null;
  body: Block[];
  captions: string[];
  /** Lines of the article region that were dropped as furniture (for the build report). */
  dropped: string[];
}

const INLINE_TAGS = /<\/?(strong|b|em|i|u|span|mark|small|sup|sub)\b[^<>]{0,200}>/gi;

/**
 * Split plain text into lines, trimming and noting menu bullets. A hard-wrapped
 * paragraph is joined again: a line that does not end a sentence, followed with no
 * blank line by one that starts in lower case, continues it.
 */
export function textLines(text: string): Line[] {
  const out: Line[] = [];
  let blank = true;
  for (const raw of text.split("\n")) {
    const cleaned = squash(raw.includes("<") ? raw.replace(INLINE_TAGS, "") : raw);
    if (!cleaned) {
      blank = true;
      continue;
    }
    const bullet = BULLET.test(cleaned);
    const prev = out[out.length - 1];
    const continues =
      prev && !blank && !bullet && !prev.bullet && /^[\p{Ll}(«"“]/u.test(cleaned) && !/[.!?:»”"]$/.test(prev.text) && prev.text.length >= 40;
    // …unless either line is a byline, a caption or furniture ("information fournie par …" under a headline)
    if (continues && classify(prev) === "text" && classify({ text: cleaned }) === "text") {
      prev.text += " " + cleaned;
    } else {
      out.push({ text: bullet ? cleaned.replace(BULLET, "") : cleaned, bullet });
    }
    blank = false;
  }
  return out;
}

export function matchesAny(patterns: RegExp[], s: string): boolean {
  for (const p of patterns) if (p.test(s)) return true;
  return false;
}

/**
 * The same test as matchesAny(patterns, ·) with fewer scans: the patterns of one flag set
 * joined in one alternation (a line matches the union exactly when it matches one of them;
 * none has a back-reference or the g/y flag, checked here).
 */
export function anyOf(patterns: RegExp[]): RegExp[] {
  const byFlags = new Map<string, string[]>();
  for (const p of patterns) {
    // back-references count groups; two alternatives with one group name do not compile (before ES2025): kept apart
    if (/[gy]/.test(p.flags) || /\\[1-9]|\\k<|\(\?<(?![=!])/.test(p.source)) return patterns;
    (byFlags.get(p.flags) ?? byFlags.set(p.flags, []).get(p.flags)!).push(`(?:${p.source})`);
  }
  return [...byFlags].map(([flags, sources]) => new RegExp(sources.join("|"), flags));
}
const FURNITURE_ANY = anyOf(FURNITURE_LINE);
const END_ANY = anyOf(END_OF_ARTICLE);
/** Caption credits: those that need a "/" are tried only on a line that has one. */
const CREDITS = anyOf(CAPTION_CREDIT.filter((p) => !CAPTION_CREDIT_NEEDS_SLASH.has(p)));
const SLASH_CREDITS = anyOf(CAPTION_CREDIT.filter((p) => CAPTION_CREDIT_NEEDS_SLASH.has(p)));
const BYLINE_ANY = anyOf(BYLINE);

/** "Vladimir Poutine à Moscou, le 8 novembre 2023.": a short line that ends on its full date. */
const ENDS_ON_DATE = /,\s+(le\s+)?\d{1,2}(er)?\s+(janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\s+\d{4}\.?$/iu;

export function isCaption(line: Line): boolean {
  if (line.hint === "caption") return true;
  if (line.text.length > 400) return false;
  if (line.text.length <= 140 && ENDS_ON_DATE.test(line.text) && !/[«»"“”]/.test(line.text)) return true;
  // credits close a caption: only its end is searched (long paragraphs would cost a scan per pattern)
  const tail = line.text.length > 200 ? line.text.slice(-200) : line.text;
  return matchesAny(CREDITS, tail) || (tail.includes("/") && matchesAny(SLASH_CREDITS, tail));
}

function isBylineText(s: string): boolean {
  if (s.length <= 400 && (s.includes("…") || s.includes("...")) && SNIPPET_DATELINE.test(s)) return true; // the pattern needs an ellipsis
  if (s.length > 160) return false;
  // a line that is only a date ("November 8, 2023", "Mercredi 8 novembre 2023 à 15h35")
  // a dateline that opens with the date ("October 14, 2024 4:29 PM GMT+2 Updated 2 hours ago")
  const d = s.length <= 80 && /\d/.test(s) ? findDates(s, { monthFirst: true })[0] : undefined;
  if (d?.iso) {
    const rest = s.replace(/^(le|publié le|published|updated|on)\s+/i, "");
    if (d.evidence.length >= rest.length - 2 || (rest.startsWith(d.evidence) && wordCount(s) <= 12 && !/[.!?]$/.test(s))) return true;
  }
  if (d?.iso && !/[.!?]$/.test(s)) {
    // what is left around the date: a time, separators, a source, the authors
    // ("Xinhua | 25.11.2016 08h24", "11:47, August 09, 2025", "24 February 2025 - 13:13 By Laurie Chen")
    const left = (s.slice(0, d.index) + " " + s.slice(d.index + d.evidence.length))
      .replace(/\b\d{1,2}\s?[h:]\s?\d{2}(\s?[ap]\.?m\b\.?)?/gi, " ")
      .replace(/[|,•·–—\-]/g, " ")
      .replace(/(^|\s)(publié|publiée|mis|mise|à|a|jour|le|du|source|posted|published|updated|on|at)(\s*:)?(?=\s|$)/giu, " ")
      .trim();
    const tokens = left ? left.split(/\s+/).length : 0;
    // a source set apart by a bar ("Xinhua | …", "french.xinhuanet.com | Publié le …"), not a place before a comma ("Moscou, 8 mai 2015" in a quoted letter)
    if (/^([Bb]y|[Pp]ar)\s+\p{Lu}/u.test(left) || tokens === 0 || (tokens <= 2 && /[|•·]/.test(s) && !/[«»"“”]/.test(left))) return true;
  }
  if (BYLINE_PREFIX.test(s)) return wordCount(s) <= 14 && !/[.!?]$/.test(s);
  return matchesAny(BYLINE_ANY, s);
}

/** A unit from U+203C on (or a surrogate): below it, EMOJI matches nothing (© and ® are left out). */
function mayHoldEmoji(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x203c) return true;
  return false;
}

export function classify(line: Line, caption: (line: Line) => boolean = isCaption): LineKind {
  const s = line.text;
  if (line.hint === "caption") return "caption";
  if (s.length <= 120 && PHOTO_CREDIT_LINE.test(s)) return "caption";
  if (s.length <= 120 && matchesAny(FURNITURE_ANY, s)) return "furniture";
  // an emoji: reactions, share buttons, a blogger's aside; not news copy (a quoted post keeps its quotation marks)
  if (s.length <= 200 && mayHoldEmoji(s) && EMOJI.test(s) && !/[«»"“”]/.test(s)) return "furniture";
  // an editor's note closes a long line too: "Là encore… (note de X, traduction de Y)"
  if (s.length <= 1500 && (s.endsWith(")") || s.endsWith(").")) && EDITOR_NOTE.test(s.slice(-100))) return "furniture"; // the note closes the line
  if (s.length <= 1000 && COOKIE_NOTICE.test(s)) return "furniture";
  if (s.length <= 120 ? matchesAny(END_ANY, s) : END_LABEL_WITH_TEXT.test(s)) return "end";
  if (caption(line)) return "caption";
  if (isBylineText(s)) return "byline";
  return "text";
}

/** A line that can be a headline: a few words, one sentence, not a menu item. */
export function isHeadlineLike(line: Line): boolean {
  const s = line.text;
  if (line.bullet || line.hint === "caption" || line.hint === "item") return false;
  const n = wordCount(s);
  if (n < 4 || s.length > 220) return false;
  if (s === s.toUpperCase() && /\p{L}/u.test(s) && n < 6) return false; // ALL CAPS section label ("ASIE-PACIFIQUE"); a long one is a headline
  if (/^\d{1,2}[./]\d{1,2}[./]\d{2,4}/.test(s)) return false;
  if (isBreadcrumb(s)) return false;
  const parts = sentences(s);
  // one sentence, or a short kicker before it ("Vu de Chine. Pékin et Moscou, « … »")
  if (parts.length > 2 || (parts.length === 2 && (wordCount(parts[0]) > 4 || /[.!?]$/.test(s)))) return false;
  return true;
}

/**
 * A section path: "Moyen Orient et Monde - Diplomatie", "Monde > Asie", "International / Chine":
 * parts set apart by a dash, a chevron or a slash, every word longer than three letters capitalized
 * (a headline has lower-case words: "Guerre Russie - Ukraine : une attaque massive").
 */
export function isBreadcrumb(s: string): boolean {
  if (s.length > 80 || !/\s[-–>»/|]\s/.test(s)) return false;
  const words = s.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  return words.length > 0 && words.every((w) => w.length <= 3 || /^\p{Lu}/u.test(w));
}

/**
 * The line at i reads as a standfirst under the headline at i-1: both headline-like,
 * and i longer, a full sentence or ten words and more (a headline is the shorter one).
 */
function isStandfirstUnder(lines: Line[], i: number): boolean {
  const above = lines[i - 1];
  if (!above || !isHeadlineLike(above) || above.bullet) return false;
  const s = lines[i].text;
  return s.length > above.text.length && (wordCount(s) >= 10 || /[.!?]$/.test(s));
}

/** A test of whether a line is `target` again, folded alike (`target` folded once, when a line is first near its length). */
function sameAs(target: string): (s: string) => boolean {
  let folded: string | undefined;
  // cheap length test first: folding long lines is the costly part
  return (s) => Math.abs(s.length - target.length) <= 40 && mayFoldAlike(s, target) && fold(s) === (folded ??= fold(target));
}

const BIO_WORDS = /\b(est|était) (journaliste|correspondante?|rédact|reporter|chroniqueu|grand reporter|chef du service|spécialiste|chercheu|diplômée?|docteure?|ancien)|\b(a rejoint|rejoint la rédaction|rejoint l'équipe)|^(détenteur|détentrice|diplômée?|journaliste|correspondante?)\b/iu;

/** A line that starts the author's biography (after the article). */
/** The authors named in folded byline lines ("30.12.2022 par etienne dhuit" → "etienne dhuit"). */
function bylineAuthorNames(bylines: string[]): string[] {
  return bylines
    .filter((b) => b.includes("par "))
    .map((b) => b.replace(/^.*\bpar\s*:?\s*/, "").split(/ (avec|et) |,/)[0].trim())
    .filter((name) => name.split(" ").length >= 2);
}

/** A line that starts the author's biography (after the article): the name alone, or "NAME est journaliste…". */
function isAuthorBio(line: string, authors: string[]): boolean {
  if (!authors.length || line.length > 600) return false;
  if (line.length <= 60 && wordCount(line) <= 4) return authors.some((a) => a === fold(line));
  // "Etienne Dhuit est journaliste…" / "Détenteur d'un master…, Etienne Dhuit rejoint…"
  // (the author's last name, as printed, must be in the line before anything is folded)
  const lower = line.toLowerCase();
  if (!authors.some((a) => lower.includes(a.slice(a.lastIndexOf(" ") + 1)))) return false;
  const f = fold(line);
  return authors.some((a) => f.includes(a)) && BIO_WORDS.test(line);
}

/** A caption line that is the start of the next caption line ("X" then "X Tous droits réservés …"). */
function isCaptionEcho(lines: Line[], i: number, caption: (line: Line) => boolean): boolean {
  const next = lines[i + 1];
  if (!next || !caption(next) || !mayFoldAlike(next.text, lines[i].text)) return false;
  const a = fold(lines[i].text);
  return a.length >= 15 && fold(next.text).startsWith(a);
}

export function segment(lines: Line[], opts: { structured?: boolean } = {}): Segmented {
  // classified on demand: lines past the end of the article (teasers, footer) are never looked at
  const memo: (LineKind | undefined)[] = new Array(lines.length);
  // a line's caption test is asked by its own classification and by the line above it (isCaptionEcho)
  const captionMemo = new Map<Line, boolean>();
  const caption = (line: Line): boolean => {
    let c = captionMemo.get(line);
    if (c === undefined) captionMemo.set(line, (c = isCaption(line)));
    return c;
  };
  const kindOf = (i: number): LineKind => {
    let k = memo[i];
    if (k === undefined) {
      k = classify(lines[i], caption);
      if (k === "text" && isCaptionEcho(lines, i, caption)) k = "caption";
      memo[i] = k;
    }
    return k;
  };

  // 2. anchor: the first byline line with a headline-like line just above it
  let anchor = -1;
  let titleIndex = -1;
  let standfirst = -1;
  for (let b = 0; b < lines.length && anchor < 0; b++) {
    if (kindOf(b) !== "byline") continue;
    let skippedProse = -1;
    for (let i = b - 1; i >= 0; i--) {
      if (kindOf(i) === "caption" || kindOf(i) === "furniture" || kindOf(i) === "byline") continue;
      if (kindOf(i) === "text" && isHeadlineLike(lines[i]) && !(skippedProse < 0 && isStandfirstUnder(lines, i))) {
        titleIndex = i;
        anchor = b;
        standfirst = skippedProse;
      } else if (kindOf(i) === "text" && skippedProse < 0 && isProse(lines[i].text)) {
        // a standfirst between the headline and the byline (Le Monde, Libération…)
        skippedProse = i;
        continue;
      }
      break;
    }
  }
  if (titleIndex < 0 && lines[0]?.hint === "heading") titleIndex = 0;
  if (titleIndex < 0) {
    // no byline: the first headline-like line, provided prose follows it before any end marker
    const limit = anchor >= 0 ? anchor : lines.length;
    for (let i = 0; i < limit; i++) {
      if (kindOf(i) === "end") break;
      if (kindOf(i) !== "text") continue;
      if (isProse(lines[i].text) && !isHeadlineLike(lines[i])) break; // the text starts: no headline
      if (isHeadlineLike(lines[i]) && !/\.$/.test(lines[i].text)) { // a question or exclamation may be a headline; a sentence ending in a full stop is text
        titleIndex = i;
        break;
      }
    }
  }

  const bylines: string[] = [];
  const header: string[] = [];
  const captions: string[] = [];
  const dropped: string[] = [];
  const title = titleIndex >= 0 ? lines[titleIndex].text : null;
  // the headline and the standfirst printed again further down (e.g. in bold)
  const isTitle = title ? sameAs(title) : () => false;
  const isStandfirst = standfirst >= 0 ? sameAs(lines[standfirst].text) : () => false;
  for (let i = 0; i < Math.max(titleIndex, 0); i++) header.push(lines[i].text);

  // 3. body start: first prose line after the title / anchor
  let start = Math.max(titleIndex + 1, 0);
  let i = start;
  for (; i < lines.length; i++) {
    const k = kindOf(i);
    if (k === "end" && !opts.structured) break;
    if (k === "byline") {
      bylines.push(lines[i].text);
      continue;
    }
    if (k === "caption") {
      pushCaption(captions, lines[i].text);
      continue;
    }
    if (k === "furniture") continue;
    if (isTitle(lines[i].text)) continue; // headline repeated (e.g. in bold)
    if (i === standfirst) continue;
    if (isProse(lines[i].text) || opts.structured) break;
    if (titleIndex < 0) header.push(lines[i].text);
  }
  start = i;
  // a source-and-date line printed just above the headline ("Chine Nouvelle | 19.09.2018 16h42"), none below it
  if (!bylines.length && titleIndex > 0 && kindOf(titleIndex - 1) === "byline" && !/^[\d\s./:h-]+$/.test(lines[titleIndex - 1].text)) bylines.push(lines[titleIndex - 1].text);

  // 4. body
  const paras: { text: string; heading: boolean }[] = [];
  if (standfirst >= 0) paras.push({ text: lines[standfirst].text, heading: false });
  let end = lines.length;
  const bylineAuthors = bylineAuthorNames(bylines.map((b) => fold(b)));
  let lastPushed = -1;
  for (i = start; i < lines.length; i++) {
    const k = kindOf(i);
    const s = lines[i].text;
    if (k === "end" && !opts.structured) {
      end = i;
      break;
    }
    // an author bio: the author's name alone on a line, or "NAME est journaliste…"
    if (!opts.structured && paras.length > 0 && isAuthorBio(s, bylineAuthors)) {
      end = i;
      break;
    }
    // a bare date line inside the text starts a list of teasers
    if (!opts.structured && /^\d{1,2}[./]\d{1,2}[./]\d{4}$/.test(s)) {
      end = i;
      break;
    }
    // video teasers: a duration ("01:14"), a headline, another duration
    if (!opts.structured && VIDEO_DURATION.test(s) && lines.slice(i + 1, i + 4).some((l) => VIDEO_DURATION.test(l.text))) {
      end = i;
      break;
    }
    if (k === "caption") {
      pushCaption(captions, s);
      continue;
    }
    if (k === "furniture") {
      dropped.push(s);
      continue;
    }
    if (k === "byline") {
      bylines.push(s);
      continue;
    }
    if (isTitle(s)) continue;
    if (i === standfirst || isStandfirst(s)) continue;
    // the capture's cut: the page's last line, a sentence stopped mid-way after prose ("Les gouverne"), is text
    // (right after article text, not after a byline or a label: "Published at: …" then "Still want to read…? Full article")
    // it stops on a lower-case word or a comma ("… Song Zhongping told", "Par ailleurs,"), a label on a capital ("Military & Defense")
    const cut = i === lines.length - 1 && lastPushed === i - 1 && paras.some((p) => !p.heading) && wordCount(s) >= 2 && /^\p{Lu}/u.test(s) && /(\s\p{Ll}[\p{L}'’-]*|,)$/u.test(s) && !s.includes("?");
    const heading = lines[i].hint === "heading" || (!isProse(s) && !cut && !lines[i].bullet && lines[i].hint !== "item" && !opts.structured);
    paras.push({ text: s, heading });
    lastPushed = i;
  }
  // trailing non-prose lines (taglines, labels) are not part of the article
  while (paras.length && paras[paras.length - 1].heading) dropped.push(paras.pop()!.text);
  // a short line is an intertitle only when prose follows it
  const body: Block[] = [];
  for (const p of paras) body.push(p.heading ? { heading: p.text } : p.text);

  let lede: string | null = null;
  if (typeof body[0] === "string" && body.length > 1) lede = body.shift() as string;

  let finalTitle = title;
  let titleVia: Segmented["titleVia"] = title ? "text" : null;
  if (!finalTitle) {
    const first = lede ?? (typeof body[0] === "string" ? body[0] : null);
    if (first) {
      finalTitle = sentences(first)[0] ?? null;
      titleVia = finalTitle ? "first-sentence" : null;
    }
  }
  const footer = lines.slice(end).map((l) => l.text);
  return { title: finalTitle, titleVia, bylines, header, footer, lede, body, captions, dropped };
}

function pushCaption(captions: string[], s: string): void {
  // "X" followed by "X Tous droits réservés …": keep the longer one only
  if (captions.length && !mayFoldAlike(s, captions[captions.length - 1])) {
    captions.push(s);
    return;
  }
  const f = fold(s);
  const prev = captions.length ? fold(captions[captions.length - 1]) : "";
  if (prev === f) return;
  if (prev && f.startsWith(prev)) {
    captions[captions.length - 1] = s;
    return;
  }
  captions.push(s);
}
