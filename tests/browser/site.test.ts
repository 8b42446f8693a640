/**
 * The site in a real browser: Debian's Chromium driven by playwright-core,
 * against a build served on 127.0.0.1 (at the root and under /revue/).
 * Screenshots and axe-core: tests/browser/reader.test.ts.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../helpers/browser.js";
import { runBuild, type BuildResult } from "../helpers/site.js";
import { serveDir, type SiteServer } from "../helpers/site-server.js";
import type { ArticleRecord } from "../../src/record.js";


let browser: Browser;
let plain: BuildResult;
let prefixed: BuildResult;
let root: SiteServer;
let sub: SiteServer;
let records: ArticleRecord[];

before(async () => {
  [plain, prefixed] = await Promise.all([runBuild(), runBuild({ env: { PATH_PREFIX: "/revue/" } })]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(prefixed.code, 0, prefixed.stderr);
  records = JSON.parse(await readFile(path.join(plain.out, "records.json"), "utf8")).records;
  root = await serveDir(plain.out, "/");
  sub = await serveDir(prefixed.out, "/revue/");
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await root?.close();
  await sub?.close();
});

/** A page that records console errors and any request that is not to our server. */
async function open(width = 1280): Promise<{ page: Page; errors: string[]; outside: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "fr-FR" });
  const page = await context.newPage();
  const errors: string[] = [];
  const outside: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => {
    if (!r.url().startsWith("http://127.0.0.1:")) outside.push(r.url());
  });
  return { page, errors, outside };
}

describe("browsing", () => {
  test("home → event → article → speaker, by following links", async () => {
    const { page, errors, outside } = await open();
    await page.goto(root.url);
    assert.equal(await page.locator(".timeline .event").count(), 4);
    await page.locator(".timeline .event-title a").first().click();
    await page.waitForURL(/\/evenements\//);
    assert.ok((await page.locator(".cards .card").count()) >= 1);
    await page.locator(".cards .card h3 a").first().click();
    await page.waitForURL(/\/articles\//);
    assert.ok((await page.locator("[data-pagefind-body] p").count()) > 0);
    const speaker = page.locator(".article-text a.q-by").first();
    const name = (await speaker.textContent())!.trim();
    await speaker.click();
    await page.waitForURL(/\/personnes\//);
    assert.equal((await page.locator("h1").textContent())!.trim(), name.replace(/ \(.*\)$/, ""));
    assert.deepEqual(errors, []);
    assert.deepEqual(outside, []);
    await page.context().close();
  });

  test("outlet filter: a link without JavaScript, an in-page filter with it", async () => {
    const { page, errors } = await open();
    await page.goto(root.url);
    await page.locator("details.filters summary").click(); // folded under the news
    const chip = page.locator(".chip[data-filter=outlets]").first();
    const id = await chip.getAttribute("data-value");
    await chip.click();
    assert.equal(await chip.getAttribute("aria-pressed"), "true");
    const visible = await page.locator(".timeline .event:visible").count();
    const expected = await page.locator(`.timeline .event[data-outlets~="${id}"]`).count();
    assert.equal(visible, expected);
    assert.ok(visible < 4);
    await page.locator(".filter-status button").click();
    assert.equal(await page.locator(".timeline .event:visible").count(), 4);
    assert.deepEqual(errors, []);
    await page.context().close();

    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p2 = await noJs.newPage();
    await p2.goto(root.url);
    await p2.locator("details.filters summary").click();
    await p2.locator(".chip[data-filter=outlets]").first().click();
    await p2.waitForURL(/\/medias\//);
    assert.ok((await p2.locator(".article-list li").count()) > 0);
    await noJs.close();
  });

  test("search \"Choïgou\" finds the article of 8 November 2023", async () => {
    const target = records.find((r) => r.date === "2023-11-08");
    assert.ok(target, "no record dated 8 November 2023");
    const { page, errors, outside } = await open();
    await page.goto(`${root.url}recherche/`);
    await page.fill("#q", "Choïgou");
    await page.press("#q", "Enter");
    const hit = page.locator(`.search-results a[href="/articles/${target.id}/"]`);
    await hit.waitFor({ timeout: 15_000 });
    await hit.click();
    await page.waitForURL(new RegExp(`/articles/${target.id}/`));
    assert.deepEqual(errors, []);
    assert.deepEqual(outside, []);
    await page.context().close();
  });

  test("under /revue/: links, styles and search work", async () => {
    const target = records.find((r) => r.date === "2023-11-08")!;
    const { page, errors, outside } = await open();
    // fetched, not opened: a stylesheet opened as a page makes Chromium ask for /favicon.ico at the host's root
    const css = await page.request.get(`${sub.url}assets/site.css`);
    assert.equal(css.status(), 200);
    await page.goto(sub.url);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(bg, "rgba(0, 0, 0, 0)", "the stylesheet did not load");
    await page.locator(".timeline .event-title a").first().click();
    await page.waitForURL(/\/revue\/evenements\//);
    await page.goto(`${sub.url}recherche/?q=Cho%C3%AFgou`);
    const hit = page.locator(`.search-results a[href="/revue/articles/${target.id}/"]`);
    await hit.waitFor({ timeout: 15_000 });
    assert.deepEqual(errors, []);
    assert.deepEqual(outside, []);
    await page.context().close();
  });
});
