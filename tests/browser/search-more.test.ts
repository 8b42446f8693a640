/**
 * Search over more articles than one page of results: the first 20 are shown,
 * "Plus de résultats" shows the rest.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "../helpers/browser.js";
import { runBuild } from "../helpers/site.js";
import { serveDir, type SiteServer } from "../helpers/site-server.js";

let browser: Browser;
let server: SiteServer;

before(async () => {
  const seeds = path.join(await mkdtemp(path.join(tmpdir(), "revue-search-")), "seeds");
  await mkdir(seeds);
  for (let i = 0; i < 25; i++)
    await writeFile(
      path.join(seeds, `article-${String(i).padStart(2, "0")}.txt`),
      `Manœuvres navales numéro ${i} entre Moscou et Pékin\nPar Paul Roux, publié le ${String((i % 28) + 1).padStart(2, "0")}/03/2024\nLes flottes russe et chinoise ont mené la manœuvre ${i} dans le Pacifique, une démonstration de force remarquée par les observateurs.`,
    );
  const built = await runBuild({ seeds });
  assert.equal(built.code, 0, built.stderr);
  server = await serveDir(built.out, "/");
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("25 matching articles: 20 shown, then all 25 after 'Plus de résultats'", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}recherche/?q=${encodeURIComponent("flottes")}`);
  const items = page.locator(".search-results li");
  await page.locator(".search-results li").nth(19).waitFor({ timeout: 15_000 });
  assert.equal(await items.count(), 20);
  assert.match((await page.locator(".search-status").textContent()) ?? "", /^25 articles/);
  await page.click(".search-more");
  await items.nth(24).waitFor({ timeout: 15_000 });
  assert.equal(await items.count(), 25);
  assert.equal(await page.locator(".search-more").isVisible(), false);
  // the articles print "Manœuvres": a query without the ligature finds them (issue 12)
  await page.goto(`${server.url}recherche/?q=${encodeURIComponent("manoeuvres navales")}`);
  await page.locator(".search-results li").nth(19).waitFor({ timeout: 15_000 });
  assert.match((await page.locator(".search-status").textContent()) ?? "", /^25 articles/);
  await page.close();
});
