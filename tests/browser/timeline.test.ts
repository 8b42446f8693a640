/**
 * timeline.json loads as is in Knight Lab's TimelineJS (the official package,
 * @knight-lab/timelinejs, a dev dependency for this test only): a page embeds the
 * library and points it at the file a build of the seeds wrote; the timeline loads
 * every event and the title slide, shows French dates, the two groups, and the
 * headlines as text (escaped once, decoded by the browser), with no script error.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "../helpers/browser.js";
import { runBuild } from "../helpers/site.js";

const LIB = path.join(path.dirname(createRequire(import.meta.url).resolve("@knight-lab/timelinejs/package.json")), "dist");
const PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><link rel="stylesheet" href="/lib/css/timeline.css">
<script src="/lib/js/timeline.js"></script></head><body><div id="tl" style="width:1000px;height:600px"></div><script>
window.seen = { loaded: null, errors: [] };
window.addEventListener("error", (e) => window.seen.errors.push(String(e.message)));
const tl = new TL.Timeline("tl", location.origin + "/timeline.json", { language: "fr", script_path: location.origin + "/lib/js/" });
tl.on("loaded", (d) => (window.seen.loaded = { events: d.events.length, title: !!d.title }));
</script></body></html>`;

let server: http.Server;
let base: string;
let browser: Browser;
let data: { events: { text: { headline: string } }[]; title: unknown };

before(async () => {
  const build = await runBuild({ args: ["--no-search"] });
  assert.equal(build.code, 0, build.stderr);
  const json = await readFile(path.join(build.out, "timeline.json"));
  data = JSON.parse(json.toString("utf8"));
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x").pathname;
    if (url === "/") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    if (url === "/timeline.json") return res.writeHead(200, { "content-type": "application/json" }).end(json);
    const file = path.join(LIB, url.replace(/^\/lib\//, ""));
    if (url.startsWith("/lib/") && file.startsWith(LIB + path.sep) && existsSync(file)) {
      const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "application/json";
      return res.writeHead(200, { "content-type": type }).end(readFileSync(file));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test("TimelineJS loads timeline.json: every event, the title slide, French dates, groups, headlines as text", async () => {
  assert.ok(data.events.length > 0);
  const page = await browser.newPage();
  try {
    await page.goto(`${base}/`);
    await page.waitForFunction(() => (window as unknown as { seen: { loaded: unknown } }).seen.loaded !== null, null, { timeout: 20_000 });
    const seen = await page.evaluate(() => ({
      ...(window as unknown as { seen: { loaded: { events: number; title: boolean }; errors: string[] } }).seen,
      markers: document.querySelectorAll(".tl-timemarker").length,
      headlines: [...document.querySelectorAll(".tl-slide-content .tl-headline")].map((h) => h.textContent ?? ""),
      dates: [...document.querySelectorAll(".tl-headline-date")].map((h) => h.textContent ?? "").filter(Boolean),
      groups: [...document.querySelectorAll(".tl-timegroup-message")].map((g) => g.textContent ?? ""),
    }));
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.loaded, { events: data.events.length, title: true });
    assert.equal(seen.markers, data.events.length);
    assert.ok(seen.headlines.includes("Revue"), "the title slide");
    // headlines shown as the text they escape (an apostrophe, not &#39;)
    const expected = data.events.map((e) => e.text.headline.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
    for (const h of expected) assert.ok(seen.headlines.includes(h), `${h} in ${JSON.stringify(seen.headlines)}`);
    assert.ok(!seen.headlines.some((h) => /&#39;|&amp;/.test(h)));
    assert.ok(seen.dates.some((d) => /^\d{1,2}(er)? [a-zéû]+ \d{4}$/.test(d)), `French display dates: ${JSON.stringify(seen.dates)}`);
    assert.ok(seen.groups.length > 0 && seen.groups.every((g) => g === "Calendrier" || g === "Presse"), JSON.stringify(seen.groups));
  } finally {
    await page.close();
  }
});
