/**
 * Source copies (sources/ID.txt) show their accents in a browser whatever charset
 * the host sends: the UTF-8 byte-order mark that sourceTextCopy puts first outranks
 * the Content-Type charset. The same bytes without the mark, served as
 * Windows-1252, come out garbled: the mark is what makes the difference.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { launchChromium } from "../helpers/browser.js";
import { sourceTextCopy } from "../../src/site/exports.js";

const TEXT = "Pékin et Moscou : « coopération sans précédent », a déclaré Sergueï Choïgou.\n";
const utf8 = Buffer.from(TEXT, "utf8");
const cp1252 = Buffer.from(TEXT, "latin1"); // a Windows-1252 seed: é, ï, «, » are single bytes

const bodies: Record<string, { bytes: Uint8Array; type: string }> = {
  "/copy-cp1252.txt": { bytes: sourceTextCopy(utf8), type: "text/plain; charset=windows-1252" },
  "/copy-latin1.txt": { bytes: sourceTextCopy(utf8), type: "text/plain; charset=iso-8859-1" },
  "/copy-none.txt": { bytes: sourceTextCopy(utf8), type: "text/plain" },
  "/copy-of-cp1252-seed.txt": { bytes: sourceTextCopy(cp1252), type: "text/plain; charset=iso-8859-1" },
  "/no-bom.txt": { bytes: utf8, type: "text/plain; charset=windows-1252" },
};

let server: http.Server;
let base: string;
let browser: Browser;

before(async () => {
  server = http.createServer((req, res) => {
    const b = bodies[req.url ?? ""];
    if (!b) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": b.type }).end(Buffer.from(b.bytes));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
});

async function shown(url: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(base + url);
    return await page.evaluate(() => document.body.innerText);
  } finally {
    await page.close();
  }
}

test("a copy shows its accents whether the host says windows-1252, iso-8859-1 or no charset", async () => {
  for (const url of ["/copy-cp1252.txt", "/copy-latin1.txt", "/copy-none.txt", "/copy-of-cp1252-seed.txt"]) {
    assert.equal((await shown(url)).trim(), TEXT.trim(), url);
  }
});

test("without the mark, the same UTF-8 bytes served as windows-1252 are garbled", async () => {
  const text = await shown("/no-bom.txt");
  assert.ok(text.includes("PÃ©kin"), text);
});
