/**
 * The page plan's shortcuts (src/site/data.ts planDigests): the views of articles, quotations and events
 * are digested by the key of what each is made from (model.ts viewKey), a record by its digest, instead
 * of walking them. Safe
 * only if every change to what a page shows changes its hash with the shortcuts as it does without:
 * checked here page by page, against the plan that walks every view, for each kind of change an article
 * view can see — its record, a quotation, the registry's state flag of its outlet, the spellings of whom it
 * names, its event, and the corpus-wide name of a speaker it quotes without naming — on every page (articles,
 * events, the timeline, the quotation index, people, outlets, the report).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { currentYear, loadCorpus, type Corpus } from "../src/corpus.js";
import { buildSite } from "../src/site/model.js";
import { defaultSiteRegistry, type SiteRegistry } from "../src/site/registry.js";
import { planDigests } from "../src/site/data.js";
import { analyseTemplates, planPages } from "../src/site/incremental.js";
import { ROOT } from "./helpers/site.js";

const OPTS = { siteUrl: "https://example.org", pathPrefix: "/" };

test("with the shortcuts, a page's hash changes whenever the hash made by walking every view changes", async () => {
  const corpus = await loadCorpus({ paths: [path.join(ROOT, "seeds")], cacheDir: null, latestYear: currentYear() });
  const templates = await analyseTemplates(ROOT);
  const base = defaultSiteRegistry();
  const manifests = (c: Corpus, registry: SiteRegistry = base) => {
    const model = buildSite(c, { ...OPTS, registry, viewCache: null });
    const known = planDigests(model, c.records);
    return {
      fast: planPages(model, templates, "fp", { dir: null, entries: {} }, known).manifest,
      walked: planPages(model, templates, "fp", { dir: null, entries: {} }).manifest,
    };
  };
  // a quotation of one article given to a speaker another article names (its name shown from there)
  const b = corpus.records.find((r) => r.speakers.length > 0)!;
  const guest = b.speakers[0]!;
  const a = corpus.records.find((r) => r !== b && r.outlet && !r.speakers.some((p) => p.id === guest.id))!;
  assert.ok(a, "a test corpus with an article that does not name the guest");
  const withGuest = corpus.records.map((r) => (r === a ? { ...r, quotes: [...r.quotes, { ...(r.quotes[0] ?? b.quotes[0]!), speakerId: guest.id }] } : r));
  const start = { ...corpus, records: withGuest };
  const before = manifests(start);
  const outlet = a.outlet!.id;
  // an event with groups of quotation variants (b's), and an article of another event
  const grouped = start.events.find((e) => e.id === b.eventId && e.quoteGroups.some((g) => g.variants.length > 1))!;
  assert.ok(grouped, "a test corpus whose event of b compares variants");
  const joiner = withGuest.find((r) => r.eventId !== grouped.id)!;
  const changes: [string, Corpus, SiteRegistry?][] = [
    ["a record's text", { ...start, records: withGuest.map((r) => (r === b ? { ...r, title: `${r.title} (corrigé)` } : r)) }],
    ["the outlet's state flag", start, { ...base, stateOwned: new Set([...base.stateOwned].includes(outlet) ? [] : [outlet]) }],
    ["a spelling of whom an article names", start, { ...base, spellings: new Map([...base.spellings, [guest.id, ["Orthographe Inventée"]]]) }],
    ["a quotation's text", { ...start, records: withGuest.map((r) => (r === b ? { ...r, quotes: r.quotes.map((q, i) => (i === 0 ? { ...q, text: `${q.text} (corrigée)` } : q)) } : r)) }],
    // (the same speaker: only the event record says it)
    ["an event's key quotation", { ...start, events: start.events.map((e) => (e.id === b.eventId ? { ...e, keyQuote: { text: "Une autre citation clé", speakerId: e.keyQuote?.speakerId ?? null } } : e)) }],
    // a later article of no event names the guest otherwise: the guest's name everywhere it is not the article's own
    ["the corpus-wide name of a person an event names", { ...start, records: [...withGuest, { ...b, id: "zz-plus-tard", source: { ...b.source, file: "zz.txt" }, date: "2099-01-01", eventId: null, speakers: b.speakers.map((p) => (p.id === guest.id ? { ...p, name: "Nom Nouveau" } : p)) }] }],
    ["an event's title", { ...start, events: start.events.map((e) => (e.articleIds.includes(a.id) ? { ...e, title: "Un autre titre", label: null } : e)) }],
    ["the name of a speaker an article quotes without naming", { ...start, records: withGuest.map((r) => (r.speakers.some((p) => p.id === guest.id) ? { ...r, speakers: r.speakers.map((p) => (p.id === guest.id ? { ...p, name: "Nom Changé", role: "rôle changé" } : p)) } : r)) }],
    // the event record alone: one word of one variant of a group of quotations it compares
    ["a variant's text in an event's quotation group", { ...start, events: start.events.map((e) => (e === grouped ? { ...e, quoteGroups: e.quoteGroups.map((g, k) => (k === 0 ? { ...g, variants: g.variants.map((v, i) => (i === 0 ? { ...v, text: `${v.text} (variante)` } : v)) } : g)) } : e)) }],
    // its record and its event's: the article's page (its event shown), the event's, and those of the event's other articles (the count of others)
    ["an article joining an event", { ...start, records: withGuest.map((r) => (r === joiner ? { ...r, eventId: grouped.id } : r)), events: start.events.map((e) => (e === grouped ? { ...e, articleIds: [...e.articleIds, joiner.id] } : e.articleIds.includes(joiner.id) ? { ...e, articleIds: e.articleIds.filter((id) => id !== joiner.id) } : e)) }],
  ];
  let kept = 0;
  for (const [what, c, registry] of changes) {
    const after = manifests(c, registry);
    const walkedChanged = Object.keys(after.walked).filter((f) => after.walked[f] !== before.walked[f]);
    const page = what.startsWith("an event's key") || what.startsWith("the corpus-wide name of a person") || what.startsWith("a variant's")
      ? `evenements/${b.eventId}/index.html`
      : what === "an article joining an event"
        ? `articles/${grouped.articleIds[0]}/index.html`
        : `articles/${(what === "a record's text" || what === "a quotation's text" ? b : a).id}/index.html`;
    assert.ok(walkedChanged.includes(page), `${what}: ${page}, which shows it, changes`);
    for (const f of walkedChanged) assert.notEqual(after.fast[f], before.fast[f], `${what}: ${f} changed, its hash with the shortcuts did not`);
    // and the pages nothing changed for keep their hashes
    // (an event changed: every page it does not show keeps its hash — a person's quotations too)
    const same = Object.keys(after.walked).filter((f) => after.walked[f] === before.walked[f] && (f.startsWith("articles/") || what === "an event's title"));
    kept += same.length;
    for (const f of same) assert.equal(after.fast[f], before.fast[f], `${what}: ${f} unchanged`);
  }
  assert.ok(kept > 0, "some article pages keep their hashes");
});
