/**
 * Synthetic corpora for the benchmark: N seed files in the plain-text page
 * formats of the real seeds (menus, bylines, captions, comments, "A lire aussi"
 * sidebars), recombining their paragraphs, quotations, people and dates.
 *
 * Realistic rates, so that clustering and quotation matching do the work they
 * would do on a real digest:
 * - articles come in events (same day ± 2, same people, same place); event sizes
 *   follow EVENT_SIZES (about 45 % single articles, a long tail up to 15);
 * - an event's articles share its fact paragraphs (agency copy) and its quotations,
 *   printed with each outlet's quotation marks, sometimes cut with "(...)" or
 *   quoted as a fragment; every article also has paragraphs of its own;
 * - a few real seed paragraphs (background, 10 % of articles) and seed quotations
 *   ("famous" words: 2 % of articles, 5 % of event quotations) recur across
 *   unrelated events, as they do in the press;
 * - new quotations swap most content words for others of the seeds' vocabulary,
 *   so that unrelated events share grammar words, not 4-word runs (see freshQuote);
 * - sidebars name other events' titles and dates, as real pages do.
 *
 * Deterministic: the same seed gives the same files, and the stream is
 * prefix-stable (the first 1,000 files of the 10,000 corpus are the 1,000 corpus),
 * so the file added for the rebuild test is simply the next one of the stream.
 *
 * CLI: `tsx bench/generate.ts --n 1000 --out DIR [--markdown DIR] [--seed 1]`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  INTERTITLES, LRI_AUTHORS, MONTHS, PEOPLE, PHOTOGRAPHERS, PLACES, SPEECH_VERBS, TOPICS, WEEKDAYS,
  loadMaterial, type Material,
} from "./material.js";

/** [event size, weight]: share of events with that many articles. */
const EVENT_SIZES: [number, number][] = [
  [1, 45], [2, 20], [3, 12], [4, 8], [5, 5], [6, 3], [7, 2], [8, 2], [10, 1.5], [12, 1], [15, 0.5],
];
/** [outlet format, weight]: the four page formats of the seeds. */
const FORMATS: [Format, number][] = [["lri", 25], ["euronews", 25], ["boursorama", 35], ["aggregator", 15]];
/** Chance that an article carries one verbatim seed paragraph as background (recurs across events). */
const BACKGROUND_RATE = 0.1;
/** Chance that an article also cites a famous seed quotation (shared by unrelated events). */
const FAMOUS_QUOTE_RATE = 0.02;
/** Chance that an event quotation is a real seed quotation rather than new words. */
const SEED_QUOTE_RATE = 0.05;
/** Dates of the events: the seeds span 2022–2024. */
const FIRST_DAY = Date.UTC(2022, 0, 1);
const DAYS = 365 * 3 + 180;

type Format = "lri" | "euronews" | "boursorama" | "aggregator";

export interface Article {
  /** File name, e.g. "00042_9f3c…​.txt". */
  file: string;
  /** The page as a seed file: furniture included. */
  text: string;
  /** The article itself, for the yardstick's Markdown page. */
  title: string;
  paragraphs: string[];
  date: string;
  format: Format;
  event: number;
}

interface Person { name: string; role: string }
interface EventQuote { text: string; speaker: Person }
interface Event {
  index: number;
  day: number;
  place: string;
  people: Person[];
  topic: string;
  quotes: EventQuote[];
  facts: string[];
  size: number;
}

// ---- randomness -----------------------------------------------------------

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
function weighted<T>(rng: Rng, table: readonly [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [v, w] of table) if ((r -= w) < 0) return v;
  return table[table.length - 1]![0];
}
function sample<T>(rng: Rng, xs: readonly T[], k: number): T[] {
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, k);
}
const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join("");

// ---- words ----------------------------------------------------------------

/** A new sentence from the seeds' word chains (order 2 and 1 mixed, so it is not a copy). */
function sentence(rng: Rng, m: Material, min = 12, max = 32): string {
  let [a, b] = pick(rng, m.starts);
  const out = [a, b];
  while (out.length < max) {
    const next = (rng() < 0.4 ? m.chain.get(`${a} ${b}`) : undefined) ?? m.chain1.get(b);
    if (!next) break;
    const w = pick(rng, next);
    out.push(w);
    [a, b] = [b, w];
    if (/[.!?]$/.test(w) && out.length >= min) break;
  }
  const s = out.join(" ").replace(/[,;:(-]+$/, "");
  return /[.!?]$/.test(s) ? s : s + ".";
}

/**
 * Words of a new quotation: a chain sentence whose content words are mostly
 * swapped for others of the seeds' vocabulary. The chains alone are built on
 * 3,000 words and keep reproducing the same 4-word runs, so unrelated events
 * would share quotation shingles far more often than real ones do (in the real
 * seeds, quotations of different events share no 4-word run); with the swap,
 * they share grammar words only, as in the press.
 */
function freshQuote(rng: Rng, m: Material): string {
  return sentence(rng, m, 8, 24)
    .replace(/[.!?]$/, "")
    .replace(/\p{Ll}{4,}/gu, (w) => (rng() < 0.8 ? pick(rng, m.vocabulary) : w));
}

function paragraph(rng: Rng, m: Material): string {
  return Array.from({ length: int(rng, 1, 3) }, () => sentence(rng, m)).join(" ");
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const pad = (n: number) => String(n).padStart(2, "0");
const dateOf = (day: number) => new Date(FIRST_DAY + day * 86_400_000);
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const longDate = (d: Date) => `${d.getUTCDate() === 1 ? "1er" : d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const dayWords = (d: Date) => `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate() === 1 ? "1er" : d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;

// ---- events ---------------------------------------------------------------

function makeEvent(rng: Rng, m: Material, index: number): Event {
  const day = int(rng, 0, DAYS - 1);
  const d = dateOf(day);
  const people = sample(rng, PEOPLE, int(rng, 1, 3));
  const place = pick(rng, PLACES);
  const topic = pick(rng, TOPICS);
  const quotes = Array.from({ length: int(rng, 1, 4) }, (): EventQuote => ({
    text: rng() < SEED_QUOTE_RATE ? pick(rng, m.quotes) : freshQuote(rng, m),
    speaker: pick(rng, people),
  }));
  const [p0, p1] = [people[0]!, people[1] ?? pick(rng, PEOPLE)];
  const facts = [
    `${cap(dayWords(d))}, ${p0.name}, ${p0.role.replace(/^l[ea] |^l'/, "")}, a reçu à ${place} ${p1.name} pour évoquer ${topic}. ${sentence(rng, m)}`,
    ...Array.from({ length: int(rng, 2, 5) }, () => paragraph(rng, m)),
  ];
  return { index, day, place, people, topic, quotes, facts, size: weighted(rng, EVENT_SIZES) };
}

// ---- one article ----------------------------------------------------------

interface Style { open: string; close: string; apos: (s: string) => string }
const STYLES: Record<Format, Style> = {
  lri: { open: "« ", close: " »", apos: (s) => s.replace(/'/g, "’") },
  euronews: { open: '"', close: '"', apos: (s) => s },
  boursorama: { open: '"', close: '"', apos: (s) => s },
  aggregator: { open: "« ", close: " »", apos: (s) => s.replace(/'/g, "’") },
};

/** How an outlet prints one event quotation: whole, cut with "(...)", or a few words inside a sentence. */
function quoteParagraph(rng: Rng, q: EventQuote, st: Style, d: Date): string {
  const words = q.text.split(" ");
  let text = q.text;
  const r = rng();
  if (r < 0.2 && words.length > 10) {
    const cut = int(rng, 3, words.length - 4);
    text = `${words.slice(0, cut).join(" ")} (...) ${words.slice(cut + 2).join(" ")}`;
  } else if (r < 0.35) {
    const start = int(rng, 0, Math.max(0, words.length - 4));
    const frag = words.slice(start, start + int(rng, 3, 5)).join(" ");
    return `${cap(q.speaker.role)} a, lui, estimé que la situation exigeait de ${st.open}${frag}${st.close}, selon ses services.`;
  }
  const Q = `${st.open}${cap(text)}${st.close}`;
  switch (int(rng, 0, 3)) {
    case 0: return `${Q}, ${pick(rng, SPEECH_VERBS)} ${WEEKDAYS[d.getUTCDay()]} ${q.speaker.name}.`;
    case 1: return `Selon ${q.speaker.name}, ${st.open}${text}${st.close}.`;
    case 2: return `${Q}, a-t-il souligné.`;
    default: return `${q.speaker.name}, ${q.speaker.role.replace(/^l[ea] |^l'/, "")}, ${pick(rng, SPEECH_VERBS)} que ${st.open}${text}${st.close}.`;
  }
}

function title(rng: Rng, ev: Event, st: Style): string {
  const p = ev.people[0]!;
  const q = pick(rng, ev.quotes);
  const frag = q.text.split(" ").slice(0, int(rng, 3, 6)).join(" ");
  switch (int(rng, 0, 3)) {
    case 0: return `${p.name} veut renforcer ${ev.topic} avec ${p.name === "Xi Jinping" ? "Moscou" : "Pékin"}`;
    case 1: return `${cap(ev.topic)} : ${p.name} se réjouit d'une coopération ${st.open}${frag}${st.close}`;
    case 2: return `${ev.place} : ${ev.people.map((x) => x.name).join(" et ")} évoquent ${ev.topic}`;
    default: return `Pékin et Moscou doivent ${st.open}${frag}${st.close}, estime ${q.speaker.role}`;
  }
}

interface Recent { title: string; date: Date; snippet: string }

function caption(rng: Rng, ev: Event, d: Date): string {
  const photoDay = new Date(d.getTime() - int(rng, 0, 400) * 86_400_000);
  return `${ev.people[0]!.name} à ${ev.place}, le ${longDate(photoDay)} ( AFP / ${pick(rng, PHOTOGRAPHERS)} )`;
}

function render(format: Format, a: { title: string; lede: string; body: (string | { heading: string })[]; d: Date; author: string; cap: string; hhmm: string }, rng: Rng, m: Material, recent: Recent[]): string {
  const st = STYLES[format];
  const others = sample(rng, recent, 4);
  const ddmmyyyy = (d: Date, sep: string) => `${pad(d.getUTCDate())}${sep}${pad(d.getUTCMonth() + 1)}${sep}${d.getUTCFullYear()}`;
  const bodyText = a.body.map((b) => (typeof b === "string" ? b : b.heading)).join("\n\n");
  switch (format) {
    case "lri":
      return st.apos([
        "• À propos\n  • L’équipe\n  • Contact\n  • Mentions légales\n  • Politique de confidentialité\n  • Facebook\n  • Twitter\n  • RSS",
        "La Revue Internationale\n  • UNION EUROPÉENNE\n  • RUSSIE\n  • AMÉRIQUES\n  • ASIE\n  • AFRIQUE\n  • MOYEN-ORIENT\n  • LE MONDE DE DEMAIN\nEn Continu\n",
        a.title, "",
        `${ddmmyyyy(a.d, ".")} par ${a.author}\n<strong>${a.title}</strong>`, "",
        a.lede, "", bodyText, "",
        a.author, "",
        `${paragraph(rng, m)}`, "",
        `Coopération Moscou Pékin ${a.author.split(" ")[1]}\nTribune à la une`,
        ...others.flatMap((o) => [`${o.title}\n\n${o.title}\n\n${ddmmyyyy(o.date, ".")}\nEn Continu`]),
        "Sur le même sujet",
        ...others.slice(0, 2).flatMap((o) => [`${o.title}\n\n${o.title}\n\n${ddmmyyyy(o.date, ".")}\nEn Continu\n\n${o.snippet}`]),
        "Revue Internationale\n  • Facebook\n  • Twitter\n  • RSS\n  • Grand Angle\n  • Idées\n  • En Continu\n  • À propos\n  • Contact\n© 2017 La Revue Internationale. Tous droits réservés.\nScroll to top\nAller au contenu principal",
      ].join("\n"));
    case "euronews":
      return [
        a.title, "",
        a.cap, `${a.cap.replace(/ \( AFP \/ (.*) \)$/, "")} Tous droits réservés ${a.cap.replace(/^.*\( AFP \/ (.*) \)$/, "$1")}/AFP`,
        "Par euronews avec AFP",
        "Partager cet articleDiscussion\nPartager cet articleClose Button\nCopier/coller le lien embed de la vidéo de l'article :Copy to clipboardLien copié", "",
        a.lede, "", "PUBLICITÉ", "", bodyText, "",
        "Partager cet articleDiscussion", "", "À découvrir également", "",
        others.slice(0, 3).map((o) => o.title).join("\n\n"),
      ].join("\n");
    case "boursorama": {
      const comments = int(rng, 0, 6);
      return [
        "Aller au contenu principal Activer le contraste adaptéDésactiver le contraste adapté\nFermer", "",
        a.title,
        `information fournie par ${rng() < 0.8 ? "Boursorama avec Media Services" : "AFP"} ${ddmmyyyy(a.d, "/")} à ${a.hhmm}`, "",
        a.lede, "", a.cap, "", a.cap, "", bodyText, "",
        `${comments} commentaire${comments > 1 ? "s" : ""}`, "",
        ...(comments ? [`  • ${pad(a.d.getUTCDate())} ${MONTHS[a.d.getUTCMonth()]} ${a.hhmm}`, "", `    ${pick(rng, m.snippets)} ....`, "", ""] : []),
        "Signaler le commentaire", "", "Fermer", "", "A lire aussi", "",
        ...others.map((o) => `  • ${o.title}\n    information fournie par AFP ${ddmmyyyy(o.date, ".")} ${a.hhmm} \n\n    ${o.snippet} ... Lire la suite\n`),
      ].join("\n");
    }
    case "aggregator":
      return st.apos([
        a.lede, ...a.body.filter((b): b is string => typeof b === "string").slice(0, 2),
        "France Dernières Nouvelles, France Actualités",
        "Similar News:Vous pouvez également lire des articles d'actualité similaires à celui-ci que nous avons collectés auprès d'autres sources d'information.",
        ...others.map((o) => `${o.title}${o.snippet.slice(0, 180)}\nLire la suite »`),
      ].join("\n"));
  }
}

function makeArticle(rng: Rng, m: Material, ev: Event, i: number, recent: Recent[]): Article {
  const format = weighted(rng, FORMATS);
  const st = STYLES[format];
  const d = dateOf(ev.day + weighted(rng, [[0, 70], [1, 25], [2, 5]]));
  const t = title(rng, ev, st);
  const facts = sample(rng, ev.facts, Math.max(1, Math.round(ev.facts.length * (0.6 + 0.4 * rng()))));
  const quotes = rng() < 0.9 ? sample(rng, ev.quotes, int(rng, 1, Math.min(3, ev.quotes.length))) : [];
  const body: (string | { heading: string })[] = [...facts.slice(1)];
  for (const q of quotes) body.splice(int(rng, 0, body.length), 0, quoteParagraph(rng, q, st, d));
  for (let k = int(rng, 1, 3); k > 0; k--) body.splice(int(rng, 0, body.length), 0, paragraph(rng, m));
  if (rng() < BACKGROUND_RATE) body.push(pick(rng, m.paragraphs));
  if (rng() < FAMOUS_QUOTE_RATE) {
    const famous = pick(rng, m.quotes);
    body.push(`Les deux pays avaient déjà promis de ${st.open}${famous}${st.close}, rappelle ${pick(rng, PEOPLE).name}.`);
  }
  if (format === "lri" || (format === "boursorama" && rng() < 0.4)) body.splice(int(rng, 1, body.length), 0, { heading: pick(rng, INTERTITLES) });
  const lede = facts[0]!;
  const page = {
    title: t, lede, body, d,
    author: pick(rng, LRI_AUTHORS),
    cap: caption(rng, ev, d),
    hhmm: `${pad(int(rng, 6, 22))}:${pad(int(rng, 0, 59))}`,
  };
  const text = render(format, page, rng, m, recent);
  const paragraphs = [lede, ...body.map((b) => (typeof b === "string" ? b : `## ${b.heading}`))].map(st.apos);
  return {
    file: `${String(i).padStart(5, "0")}_${hex(rng, 16)}.txt`,
    text: text.endsWith("\n") ? text : text + "\n",
    title: st.apos(t),
    paragraphs,
    date: iso(d),
    format,
    event: ev.index,
  };
}

/** The endless, deterministic stream of synthetic seed files. */
export function* articles(opts: { seed?: number; seedsDir?: string } = {}): Generator<Article> {
  const m = loadMaterial(opts.seedsDir ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "seeds"));
  const rng = mulberry32(opts.seed ?? 1);
  const recent: Recent[] = m.snippets.slice(0, 6).map((s, k) => ({ title: s.split(/[.,:]/)[0]!, date: dateOf(k * 30), snippet: s }));
  let i = 0;
  for (let e = 0; ; e++) {
    const ev = makeEvent(rng, m, e);
    for (let k = 0; k < ev.size; k++) {
      const a = makeArticle(rng, m, ev, i++, recent);
      yield a;
      recent.push({ title: a.title, date: new Date(`${a.date}T00:00:00Z`), snippet: a.paragraphs[0]!.slice(0, 220) });
      if (recent.length > 60) recent.shift();
    }
  }
}

/** The yardstick's page for an article: the same text, as Markdown with a title and a layout. */
export function toMarkdown(a: Article): string {
  const fm = `---\ntitle: ${JSON.stringify(a.title)}\ndate: ${a.date}\nlayout: article.njk\n---\n`;
  return `${fm}\n${a.paragraphs.join("\n\n")}\n`;
}

export interface WrittenCorpus { files: number; bytes: number; events: number; extra: Article }

/**
 * Writes the first n articles of the stream to dir (and their Markdown twins to
 * markdownDir), and returns the next one, unwritten, for the rebuild test.
 */
export function writeCorpus(dir: string, n: number, opts: { markdownDir?: string; seed?: number } = {}): WrittenCorpus {
  mkdirSync(dir, { recursive: true });
  if (opts.markdownDir) mkdirSync(opts.markdownDir, { recursive: true });
  let bytes = 0;
  const events = new Set<number>();
  const it = articles({ seed: opts.seed });
  for (let i = 0; i < n; i++) {
    const a = it.next().value as Article;
    writeFileSync(path.join(dir, a.file), a.text);
    bytes += Buffer.byteLength(a.text);
    events.add(a.event);
    if (opts.markdownDir) writeFileSync(path.join(opts.markdownDir, a.file.replace(/\.txt$/, ".md")), toMarkdown(a));
  }
  return { files: n, bytes, events: events.size, extra: it.next().value as Article };
}

function main(argv: string[]): number {
  const arg = (name: string) => {
    const k = argv.indexOf(name);
    return k >= 0 ? argv[k + 1] : undefined;
  };
  const n = Number(arg("--n") ?? "1000");
  const out = arg("--out");
  if (!out || !Number.isInteger(n) || n < 1) {
    process.stderr.write("usage: tsx bench/generate.ts --n N --out DIR [--markdown DIR] [--seed S]\n");
    return 2;
  }
  const res = writeCorpus(out, n, { markdownDir: arg("--markdown"), seed: Number(arg("--seed") ?? "1") });
  process.stdout.write(`${res.files} files, ${(res.bytes / 1e6).toFixed(1)} MB, ${res.events} events → ${out}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
