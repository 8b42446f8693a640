/**
 * The built site, checked from the outside: builds the real seeds into temp
 * folders with `src/cli/build.ts` (twice without a path prefix, once with
 * PATH_PREFIX=/revue/) and reads the output with cheerio.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, mkdtemp, mkdir, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { HtmlValidate } from "html-validate";
import { ArticleRecord, EventRecord } from "../src/record.js";
import { ROOT, runBuild, listFiles, load, exists, brokenLinks, parseCsv, type BuildResult } from "./helpers/site.js";

let plain: BuildResult;
let again: BuildResult;
let prefixed: BuildResult;
let records: ArticleRecord[];
let events: EventRecord[];

before(async () => {
  [plain, again, prefixed] = await Promise.all([
    runBuild(),
    runBuild(),
    runBuild({ env: { PATH_PREFIX: "/revue/" } }),
  ]);
  for (const b of [plain, again, prefixed]) assert.equal(b.code, 0, b.stderr);
  const data = JSON.parse(await readFile(path.join(plain.out, "records.json"), "utf8"));
  records = data.records.map((r: unknown) => ArticleRecord.parse(r));
  events = data.events.map((e: unknown) => EventRecord.parse(e));
});

describe("pages", () => {
  test("the five seeds give four events, each with its page and on the timeline", async () => {
    assert.equal(records.length, 5);
    assert.equal(events.length, 4);
    const pages = (await listFiles(plain.out)).filter((f) => /^evenements\/[^/]+\/index\.html$/.test(f));
    assert.equal(pages.length, 4);
    const $ = await load(plain.out, "index.html");
    assert.equal($(".timeline .event").length, 4);
  });

  test("the two articles of 30 December 2022 share one event, dated in French", async () => {
    const dec30 = records.filter((r) => r.date === "2022-12-30");
    assert.equal(dec30.length, 2);
    assert.equal(dec30[0].eventId, dec30[1].eventId);
    const $ = await load(plain.out, `evenements/${dec30[0].eventId}/index.html`);
    assert.equal($(".cards .card").length, 2);
    assert.match($(".page-head .kicker").text(), /30 décembre 2022/);
    assert.equal($("html").attr("lang"), "fr");
  });

  test("where outlets print a quotation differently, the differing words are marked", async () => {
    const dec30 = records.find((r) => r.date === "2022-12-30")!;
    const $ = await load(plain.out, `evenements/${dec30.eventId}/index.html`);
    const groups = $("figure.variants");
    assert.ok(groups.length > 0, "no quotation variants on the 30 December 2022 event");
    const marked = $("figure.variants mark.diff").map((_, m) => $(m).text()).get();
    assert.ok(marked.length > 0);
    // Each version names the articles it comes from; identical versions are shown once.
    groups.find(".variant").each((_, v) => assert.ok($(v).find("footer a[href^='/articles/']").length >= 1));
    groups.filter(".identical").each((_, g) => assert.equal($(g).find(".variant").length, 1));
  });

  test("every seed has its article page, with a copy of the seed file linked", async () => {
    const seeds = (await listFiles(path.join(ROOT, "seeds"))).filter((f) => !/\.meta\.(ya?ml|json)$/.test(f));
    assert.equal(records.length, seeds.length);
    for (const r of records) {
      const $ = await load(plain.out, `articles/${r.id}/index.html`);
      assert.equal($("h1").length, 1);
      const src = $(".article-source a[href^='/sources/']").attr("href")!;
      const copy = await readFile(path.join(plain.out, src));
      const original = await readFile(path.join(ROOT, "seeds", r.source.file));
      // the seed's bytes behind a UTF-8 byte-order mark, so a browser shows its accents whatever the host's charset
      const { sourceTextCopy } = await import("../src/site/exports.js");
      assert.ok(copy.equals(Buffer.from(sourceTextCopy(original))), `${src} is not the text copy of ${r.source.file}`);
      assert.ok($("[data-pagefind-body]").text().trim().length > 0);
    }
  });

  test("article pages mark each quotation found in the text and link it to its speaker", async () => {
    let marked = 0;
    for (const r of records) {
      const $ = await load(plain.out, `articles/${r.id}/index.html`);
      $(".article-text q").each((_, q) => {
        marked++;
        const next = $(q).nextAll("a.q-by").first();
        if ($(q).attr("cite")) {
          assert.match($(q).attr("cite")!, /^\/personnes\/[a-z0-9-]+\/$/);
          assert.ok($(q).attr("title"), "the speaker's name on hover");
        }
        if (next.length) assert.match(next.attr("href")!, /^\/personnes\//);
      });
    }
    const total = records.reduce((n, r) => n + r.quotes.filter((q) => q.location !== "title").length, 0);
    assert.ok(total > 0, "the records have no quotations");
    assert.ok(marked >= total * 0.8, `only ${marked} of ${total} quotations marked in the text`);
  });

  test("every speaker has a page listing their quotations with links to the articles", async () => {
    const speakers = new Map<string, string>();
    for (const r of records) for (const q of r.quotes) if (q.speakerId) speakers.set(q.speakerId, r.speakers.find((p) => p.id === q.speakerId)!.name);
    for (const name of ["Vladimir Poutine", "Xi Jinping", "Sergueï Choïgou"]) {
      assert.ok([...speakers.values()].includes(name), `${name} is quoted in no record`);
    }
    const $index = await load(plain.out, "personnes/index.html");
    for (const [, name] of speakers) {
      const link = $index(".index-list a").filter((_, a) => $index(a).text() === name);
      assert.equal(link.length, 1, `no index entry for ${name}`);
      const $ = await load(plain.out, link.attr("href")!.replace(/^\//, "") + "index.html");
      assert.equal($("h1").text(), name);
      assert.ok($(".quote-item a[href^='/articles/']").length > 0);
    }
  });

  test("the home page has the coverage chart, filters as links, and stays small", async () => {
    const html = await readFile(path.join(plain.out, "index.html"));
    assert.ok(html.length < 200_000, `home is ${html.length} bytes`);
    const $ = cheerio.load(html);
    assert.ok($("svg.chart rect.bar").length > 0);
    assert.match($("svg.chart").attr("aria-label")!, /Articles par mois/);
    // news first: the timeline comes before the chart; the filters are folded
    assert.ok($("main").html()!.indexOf('class="timeline"') < $("main").html()!.indexOf('class="coverage"'));
    assert.equal($("details.filters .chip").length, $(".chip").length);
    // each bar links to its month in the timeline, its count in its name
    for (const a of $("svg.chart a").toArray()) {
      const [page, anchor] = $(a).attr("href")!.split("#");
      const $t = await load(plain.out, page.replace(/^\//, "") + "index.html");
      assert.equal($t(`#${anchor}`).length, 1, $(a).attr("href"));
      assert.match($(a).attr("aria-label")!, /^[a-zéû]+ \d{4} : \d+ articles?$/);
      assert.equal($(a).find("title").text().replace(/\u202f/g, " "), $(a).attr("aria-label"));
    }
    assert.ok($(".chip[href^='/medias/']").length > 0);
    assert.ok($(".chip[href^='/personnes/']").length > 0);
    assert.match($(".timeline").text(), /(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/);
  });

  test("outlet pages, the quotation index, méthode, search, 404 and the build report exist", async () => {
    for (const f of ["medias/index.html", "citations/index.html", "methode/index.html", "recherche/index.html", "404.html", "rapport/index.html"]) {
      assert.ok(await exists(path.join(plain.out, f)), f);
    }
    const outlets = new Set(records.filter((r) => r.outlet).map((r) => r.outlet!.id));
    assert.ok(outlets.size >= 3);
    const $ = await load(plain.out, "citations/index.html");
    // every quotation once; fragments of one speaker in one sentence share an item, each marked
    const total = records.reduce((n, r) => n + r.quotes.length, 0);
    const items = $(".quote-item").length;
    assert.equal(items + $(".quote-item mark.frag").length - $(".quote-item.fragment").filter((_, li) => $(li).find("mark.frag").length > 0).length, Math.min(total, 100));
    assert.ok(items < total);
  });

  test("the build report lists every file read and is kept out of search and sitemap", async () => {
    const $ = await load(plain.out, "rapport/index.html");
    const rows = $(".report-table tbody tr");
    const seeds = await listFiles(path.join(ROOT, "seeds"));
    assert.equal(rows.length, seeds.filter((f) => !/\.meta\.(ya?ml|json)$/.test(f)).length);
    assert.equal($("[data-pagefind-body]").length, 0);
    assert.equal($("[data-pagefind-ignore]").length, 1);
    assert.equal($("meta[name=robots]").attr("content"), "noindex");
    const sitemap = await readFile(path.join(plain.out, "sitemap.xml"), "utf8");
    assert.doesNotMatch(sitemap, /rapport/);
  });
});

describe("issue 12: search, quotations, pages, sharing", () => {
  test("article pages give search its meta, filter words and a date sort; speaker labels stay out of the index", async () => {
    for (const r of records) {
      const $ = await load(plain.out, `articles/${r.id}/index.html`);
      const body = $("[data-pagefind-body]");
      assert.equal(body.length, 1);
      // an article without outlet or date gives search none (both sides checked, so the test can fail either way)
      if (r.outlet) assert.equal($("[data-pagefind-meta=outlet]").text(), r.outlet.name);
      else assert.equal($("[data-pagefind-meta=outlet]").length, 0, r.id);
      if (r.date) assert.equal($("[data-pagefind-sort]").attr("data-pagefind-sort"), `date:${r.date}`);
      else assert.equal($("[data-pagefind-sort]").length, 0, r.id);
      assert.ok($("[data-pagefind-meta=summary]").text().length > 0);
      const speakers = [...new Set(r.quotes.map((q) => q.speakerId).filter(Boolean))];
      if (speakers.length) assert.equal($("[data-pagefind-meta=speakers]").text().split(", ").length, speakers.length);
      // filter words: outlet, year, event, speakers (src/site/model.ts searchFilterToken)
      const words = body.find(".search-filters").text().split(" ");
      if (r.outlet) assert.ok(words.includes(`xmedia_${r.outlet.id.replace(/-/g, "_")}`), r.id);
      if (r.date) assert.ok(words.includes(`xannee_${r.date.slice(0, 4)}`), r.id);
      for (const id of speakers) assert.ok(words.includes(`xpersonne_${id!.replace(/-/g, "_")}`), `${r.id}: ${id}`);
      // labels inserted by the site are never indexed as press text
      body.find(".q-by").each((_, l) => assert.ok($(l).is("[data-pagefind-ignore]"), $(l).text()));
      assert.equal($("[data-pagefind-ignore] [data-pagefind-body]").length, 0);
    }
  });

  test("the registry's other spellings are indexed with the pages that name the person", async () => {
    const shoigu = (await load(plain.out, `articles/${records.find((r) => r.date === "2023-11-08")!.id}/index.html`))(".search-terms").text();
    assert.match(shoigu, /\bShoigu\b/);
    assert.doesNotMatch(shoigu, /Sergueï Choïgou/, "a spelling the text prints is not repeated");
    const belousov = (await load(plain.out, `articles/${records.find((r) => r.date === "2024-10-14")!.id}/index.html`))(".search-terms").text();
    assert.match(belousov, /\bBelousov\b/);
    const $ = await load(plain.out, "recherche/index.html");
    for (const name of ["media", "personne", "annee", "evenement", "tri"]) assert.equal($(`select[name=${name}]`).length, 1, name);
    assert.ok($("select[name=annee] option[value=2023]").length === 1);
  });

  test("a fragment is shown inside its sentence, the quoted words marked; an unattributed quotation is « non attribuée »", async () => {
    const $ = await load(plain.out, "personnes/vladimir-poutine/index.html");
    const frag = $(".quote-item.fragment .quote-context").filter((_, p) => $(p).find("mark.frag").text() === "pressions");
    assert.equal(frag.length, 1);
    assert.ok(frag.text().length > "pressions".length + 40, "the sentence around the fragment");
    // two fragments of one speaker in one sentence: one item, both marked
    const $a = await load(plain.out, "citations/index.html");
    const both = $a(".quote-context").filter((_, p) => $a(p).find("mark.frag").length === 2);
    assert.ok(both.length >= 1);
    // a quotation nobody could be credited with
    const unattributed = records.flatMap((r) => r.quotes.filter((q) => !q.speakerId).map((q) => q.text));
    assert.ok(unattributed.length > 0);
    for (const text of unattributed) {
      const item = $a(".quote-item").filter((_, li) => $a(li).find("blockquote p, mark.frag").text().includes(text));
      assert.equal(item.length, 1, text);
      assert.equal(item.find(".speaker").text(), "non attribuée");
      assert.equal(item.find("a.speaker").length, 0);
    }
  });

  test("people and institutions are listed apart", async () => {
    const $ = await load(plain.out, "personnes/index.html");
    const people = $("#personnes").parent().find("a").map((_, a) => $(a).text()).get();
    const institutions = $("#institutions").parent().find("a").map((_, a) => $(a).text()).get();
    assert.ok(people.includes("Vladimir Poutine"));
    assert.ok(institutions.includes("G7") && institutions.includes("Pékin"));
    assert.ok(!people.includes("G7") && !people.includes("Pékin"));
    const $h = await load(plain.out, "index.html");
    const chips = $h(".filter-row").filter((_, r) => $h(r).find(".filter-label").text() === "Par personne citée").find(".chip").map((_, a) => $h(a).text()).get();
    assert.ok(chips.includes("Vladimir Poutine") && !chips.includes("G7") && !chips.includes("Pékin"));
  });

  test("event pages show each quotation once; cards give outlet, time, lede and our page", async () => {
    for (const e of events) {
      const $ = await load(plain.out, `evenements/${e.id}/index.html`);
      const shown = $(".event-page blockquote p, .event-page .quote-context").map((_, p) => $(p).text().replace(/\s+/g, " ").trim()).get();
      assert.equal(new Set(shown).size, shown.length, `${e.id} repeats a quotation`);
      $(".cards .card").each((_, c) => {
        assert.ok($(c).find(".kicker").text().trim().length > 0);
        assert.equal($(c).find("time").length, 1);
        assert.ok($(c).find(".card-lede").text().length > 20);
        assert.match($(c).find(".card-links a").first().attr("href")!, /^\/articles\//);
      });
      if (e.keyQuote) assert.equal(shown.filter((t) => t.includes(e.keyQuote!.text.slice(0, 40))).length, 1, `${e.id}: key quotation`);
    }
  });

  test("French typography: no-break spaces inside « » and before ; : ! ? in the HTML text", async () => {
    let checked = 0;
    for (const rel of (await listFiles(plain.out)).filter((f) => f.endsWith(".html"))) {
      const $ = await load(plain.out, rel);
      $("code, pre, script, style, [lang]:not(html)").remove();
      const text = $("body").text();
      checked += (text.match(/[«»;:!?]/g) ?? []).length;
      assert.doesNotMatch(text, /« |[^\s] [»;:!?](?![\p{L}\p{N}])/u, rel);
    }
    assert.ok(checked > 50);
    const raw = await readFile(path.join(plain.out, "methode/index.html"), "utf8");
    assert.match(raw, /«\u202f/);
  });

  test("wording: one vocabulary for dates, the build report in French", async () => {
    for (const rel of (await listFiles(plain.out)).filter((f) => f.endsWith(".html"))) {
      const html = await readFile(path.join(plain.out, rel), "utf8");
      assert.doesNotMatch(html, /\(déduite\)|daté d'après|daté d’après/, rel);
      assert.doesNotMatch(cheerio.load(html)("main").text(), /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, `${rel}: a timestamp shown as is`);
    }
    const $ = await load(plain.out, "rapport/index.html");
    assert.doesNotMatch($(".report-table").text(), /\b(extracted|skipped|failed|duplicate|explicit|inferred)\b/);
    assert.match($(".report-table tbody td").first().text(), /^lu/);
    const $c = await load(plain.out, "chronologie/index.html");
    assert.equal($c(".mainnav a[aria-current]").text(), "Chronologie");
  });

  test("a state-controlled outlet is flagged wherever it is named (data/outlets.yaml stateOwned)", async () => {
    const seeds = path.join(await mkdtemp(path.join(tmpdir(), "revue-state-")), "seeds");
    await mkdir(seeds);
    await writeFile(
      path.join(seeds, "rt.txt"),
      "La Russie et la Chine mènent des manœuvres navales conjointes en mer du Japon\nPar RT France, publié le 12/07/2024\nLes flottes russe et chinoise ont commencé des manœuvres navales conjointes. « Ces exercices renforcent notre coopération », a déclaré Andreï Belooussov.\n© 2024 RT France\n",
    );
    await copyFile(path.join(ROOT, "seeds", "002_ea7b43bf03d6d809.txt"), path.join(seeds, "ok.txt"));
    const b = await runBuild({ seeds, args: ["--no-search"] });
    assert.equal(b.code, 0, b.stderr);
    const rt = (JSON.parse(await readFile(path.join(b.out, "records.json"), "utf8")).records as ArticleRecord[]).find((r) => r.source.file === "rt.txt")!;
    assert.equal(rt.outlet?.id, "rt-france");
    const flagged = async (rel: string, where: string) => {
      const $ = await load(b.out, rel);
      return $(where).filter((_, el) => $(el).text().includes("RT France")).find(".state-owned").length;
    };
    assert.equal(await flagged(`articles/${rt.id}/index.html`, ".kicker"), 1);
    assert.equal(await flagged(`evenements/${rt.eventId}/index.html`, ".card .kicker"), 1);
    assert.equal(await flagged("medias/index.html", ".index-list li"), 1);
    assert.equal(await flagged("citations/index.html", ".quote-meta"), 1);
    assert.equal(await flagged("medias/rt-france/index.html", ".page-head"), 1);
    // plurals: one of a thing is singular
    assert.equal((await load(b.out, "medias/rt-france/index.html"))(".page-head .lead").text(), "1 article sur 1 événement.");
    // Boursorama is not state-controlled
    const $ = await load(b.out, "medias/index.html");
    assert.equal($(".index-list li").filter((_, li) => $(li).text().includes("Boursorama")).find(".state-owned").length, 0);
    // the flagged outlets of the registry: RT, Sputnik, Xinhua, CGTN… and not France 24
    const { defaultSiteRegistry } = await import("../src/site/registry.js");
    const owned = defaultSiteRegistry().stateOwned;
    for (const id of ["rt", "rt-france", "sputnik-afrique", "xinhua", "cgtn-francais", "tass", "global-times"]) assert.ok(owned.has(id), id);
    assert.ok(!owned.has("france-24") && !owned.has("le-monde"));
  });

  test("every page has its own description, og:title, og:description, og:type and a canonical link", async () => {
    const seen = new Map<string, string>();
    for (const rel of (await listFiles(plain.out)).filter((f) => f.endsWith(".html"))) {
      const $ = await load(plain.out, rel);
      const description = $("meta[name=description]").attr("content")!;
      assert.ok(description && description.length > 30, rel);
      assert.equal($("meta[property='og:description']").attr("content"), description, rel);
      assert.ok($("meta[property='og:title']").attr("content"), rel);
      assert.equal($("meta[property='og:type']").attr("content"), rel.startsWith("articles/") ? "article" : "website", rel);
      if ($("meta[name=robots]").attr("content") === "noindex") continue;
      assert.equal(seen.get(description), undefined, `${rel} has the description of ${seen.get(description)}`);
      seen.set(description, rel);
      assert.equal($("link[rel=canonical]").attr("href"), `https://revue.example/${rel.replace(/index\.html$/, "")}`, rel);
      assert.equal($("meta[property='og:url']").attr("content"), $("link[rel=canonical]").attr("href"));
    }
    const $p = await load(prefixed.out, "index.html");
    assert.equal($p("link[rel=canonical]").attr("href"), "https://revue.example/revue/");
  });
});

describe("links, assets, markup", () => {
  test("every internal link and asset resolves (no path prefix)", async () => {
    const { broken, checked, external } = await brokenLinks(plain.out, "/");
    assert.ok(checked > 100);
    assert.deepEqual(broken, []);
    assert.deepEqual(external, []);
  });

  test("every internal link and asset resolves under PATH_PREFIX=/revue/", async () => {
    const { broken, checked } = await brokenLinks(prefixed.out, "/revue/");
    assert.ok(checked > 100);
    assert.deepEqual(broken, []);
    const $ = await load(prefixed.out, "index.html");
    assert.equal($("link[rel=stylesheet]").attr("href"), "/revue/assets/site.css");
    assert.ok(await exists(path.join(prefixed.out, "pagefind/pagefind.js")));
    const feed = await readFile(path.join(prefixed.out, "feed.xml"), "utf8");
    assert.match(feed, /<link href="https?:\/\/[^"]+\/revue\/articles\//);
  });

  test("no request leaves the site; every page has a CSP, landmarks and a skip link", async () => {
    for (const rel of (await listFiles(plain.out)).filter((f) => f.endsWith(".html"))) {
      const $ = await load(plain.out, rel);
      const csp = $("meta[http-equiv='Content-Security-Policy']").attr("content") ?? "";
      assert.match(csp, /default-src 'self'/, rel);
      assert.equal($("main#contenu").length, 1, rel);
      assert.equal($("header").first().length, 1, rel);
      assert.equal($("a.skip[href='#contenu']").length, 1, rel);
      assert.equal($("h1").length, 1, rel);
      $("script[src], link[href], img[src]").each((_, el) => {
        const v = $(el).attr("src") ?? $(el).attr("href")!;
        if ($(el).is("link[rel=alternate], link[rel=canonical]")) return;
        assert.doesNotMatch(v, /^(https?:)?\/\//, `${rel}: ${v}`);
      });
      // Headings never skip a level.
      let last = 0;
      $("h1, h2, h3, h4, h5, h6").each((_, h) => {
        const level = Number(h.tagName[1]);
        assert.ok(level <= last + 1, `${rel}: <${h.tagName}> after <h${last}>`);
        last = level;
      });
    }
  });

  test("every HTML page validates with html-validate", async () => {
    const validator = new HtmlValidate({
      extends: ["html-validate:recommended"],
      rules: { "no-inline-style": "error", "long-title": "off", "no-trailing-whitespace": "off" },
    });
    const problems: string[] = [];
    for (const rel of (await listFiles(plain.out)).filter((f) => f.endsWith(".html"))) {
      const report = await validator.validateString(await readFile(path.join(plain.out, rel), "utf8"), rel);
      for (const r of report.results) for (const m of r.messages) problems.push(`${rel}:${m.line}: ${m.ruleId} ${m.message}`);
    }
    assert.deepEqual(problems, []);
  });
});

describe("feeds and data", () => {
  test("records.json validates against the record schema; quotes.csv has one row per quotation", async () => {
    const csv = parseCsv(await readFile(path.join(plain.out, "quotes.csv"), "utf8"), ";");
    const header = csv[0];
    assert.deepEqual(header.slice(0, 3), ["article_id", "date", "outlet"]);
    const total = records.reduce((n, r) => n + r.quotes.length, 0);
    assert.equal(csv.length - 1, total);
    for (const row of csv.slice(1)) assert.equal(row.length, header.length);
  });

  test("the Atom feed parses and has an entry per dated article", async () => {
    const xml = await readFile(path.join(plain.out, "feed.xml"), "utf8");
    assert.ok(xml.startsWith("<?xml"));
    const $ = cheerio.load(xml, { xml: true });
    assert.equal($("feed").attr("xmlns"), "http://www.w3.org/2005/Atom");
    const dated = records.filter((r) => r.date).length;
    assert.equal($("entry").length, dated);
    $("entry").each((_, e) => {
      assert.match($(e).find("updated").text(), /^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
      assert.match($(e).find("link").attr("href")!, /^https?:\/\/.+\/articles\/[a-z0-9-]+\/$/);
    });
    const sitemap = cheerio.load(await readFile(path.join(plain.out, "sitemap.xml"), "utf8"), { xml: true });
    assert.ok(sitemap("url loc").length >= records.length + events.length);
  });
});

describe("build", () => {
  test("two builds of the same seeds are byte-identical", async () => {
    const a = await listFiles(plain.out);
    const b = await listFiles(again.out);
    assert.deepEqual(a, b);
    for (const f of a) {
      const [x, y] = await Promise.all([readFile(path.join(plain.out, f)), readFile(path.join(again.out, f))]);
      assert.ok(x.equals(y), `${f} differs between two builds`);
    }
  });

  test("the summary names files, records, cache and warnings", () => {
    assert.match(plain.stdout, /5 fichiers lus, 5 fiches \(\d+ du cache, \d+ extraites?\), \d+ avertissements?/);
  });

  test("seed text that looks like HTML is shown as text; --strict fails on warnings; a failed build keeps the old site", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "revue-hostile-"));
    const seeds = path.join(dir, "seeds");
    await mkdir(seeds);
    await copyFile(path.join(ROOT, "seeds", "002_ea7b43bf03d6d809.txt"), path.join(seeds, "ok.txt"));
    await writeFile(
      path.join(seeds, "hostile.txt"),
      'Titre <script>alert("titre")</script> piégé\n\nLe 3 mars 2024, <img src=x onerror=alert(1)> et <script>alert(2)</script> « une citation <b>grasse</b> », a déclaré Vladimir Poutine.\n',
    );
    await writeFile(path.join(seeds, "notes.pdf"), "%PDF-1.4 not a seed");
    const out = path.join(dir, "dist");
    const first = await runBuild({ seeds, out, args: ["--no-search"] });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /notes\.pdf/);
    const files = await listFiles(out);
    for (const f of files.filter((x) => x.endsWith(".html"))) {
      const $ = await load(out, f);
      assert.equal($("script").length, 1, `${f}: a seed script became an element`);
      assert.equal($("script").attr("src"), "/assets/site.js");
      assert.equal($("img").length, 0, f);
      assert.equal($("b").length, 0, f);
    }
    const hostile = (JSON.parse(await readFile(path.join(out, "records.json"), "utf8")).records as ArticleRecord[]).find((r) => r.source.file === "hostile.txt")!;
    const $ = await load(out, `articles/${hostile.id}/index.html`);
    assert.match($("main").text(), /<script>alert\(2\)<\/script>/);
    const raw = await readFile(path.join(out, `articles/${hostile.id}/index.html`), "utf8");
    assert.doesNotMatch(raw, /<script>alert/);
    assert.match(raw, /(&lt;|&#x3C;)script>alert\(2\)/);

    // --strict: the warning fails the build, and a failed build leaves the previous site as it was.
    const before = await listFiles(out);
    const home = await readFile(path.join(out, "index.html"));
    await writeFile(path.join(seeds, "new.txt"), "Un article de plus\n\nIl ne doit pas apparaître.\n");
    const strict = await runBuild({ seeds, out, args: ["--no-search", "--strict"] });
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /--strict/);
    assert.deepEqual(await listFiles(out), before);
    assert.ok(home.equals(await readFile(path.join(out, "index.html"))));
    const missing = await runBuild({ seeds: path.join(dir, "missing"), out, args: ["--no-search"] });
    assert.equal(missing.code, 2);
    assert.deepEqual(await listFiles(out), before);
    const left = (await listFiles(dir)).filter((f) => f.includes(".tmp-"));
    assert.deepEqual(left, []);
  });
});
