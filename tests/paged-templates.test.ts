/**
 * The analysis of the templates is kept in the cache folder under the build's fingerprint
 * (incremental.ts analyseTemplatesKept): used as kept while the fingerprint is the same, made again
 * from the templates when it is not, and equal to a fresh analysis (permalink functions included).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { analyseTemplates, analyseTemplatesKept, buildFingerprint, TEMPLATES_ANALYSIS_FILE, type PagedTemplate } from "../src/site/incremental.js";
import { ROOT } from "./helpers/site.js";

/** What an analysis says, its permalink functions by what they give for one item. */
const said = (ts: PagedTemplate[]) => ts.map(({ permalink, ...t }) => ({ ...t, permalink: permalink ? permalink({ a: { url: "/x/" }, article: { url: "/a/" }, ev: { url: "/e/" }, pg: { url: "/p/" } }) : null }));

async function project(body: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "revue-kept-analysis-"));
  await mkdir(path.join(root, "templates"), { recursive: true });
  await writeFile(path.join(root, "templates/page.njk"), `---\npagination:\n  data: site.items\n  size: 1\n  alias: a\n---\n${body}`);
  await writeFile(path.join(root, "templates/page.11tydata.js"), "export default { permalink: (data) => data.a.url };\n");
  return root;
}

test("the project's templates: the kept analysis is the fresh one", async () => {
  const cache = await mkdtemp(path.join(tmpdir(), "revue-kept-analysis-cache-"));
  try {
    const fp = buildFingerprint(ROOT);
    const fresh = said(await analyseTemplates(ROOT));
    assert.ok(fresh.some((t) => t.incremental && t.permalink), "some incremental template");
    assert.deepEqual(said(await analyseTemplatesKept(ROOT, fp, cache)), fresh); // made, and kept
    assert.deepEqual(said(await analyseTemplatesKept(ROOT, fp, cache)), fresh); // as kept
  } finally {
    await rm(cache, { recursive: true, force: true });
  }
});

test("a kept analysis is used under its fingerprint only; one that cannot be read is made again", async () => {
  const cache = await mkdtemp(path.join(tmpdir(), "revue-kept-analysis-cache-"));
  const root = await project("<h1>{{ a.title }} {{ site.meta.title }}</h1>");
  try {
    const first = await analyseTemplatesKept(root, "fp1", cache);
    assert.deepEqual(first[0]!.refs, ["site.meta.title"]);
    // the template changes: under the same fingerprint the kept analysis is used (nothing is read), under another it is made again
    await writeFile(path.join(root, "templates/page.njk"), "---\npagination:\n  data: site.items\n  size: 1\n  alias: a\n---\n{{ site.meta.other }}");
    assert.deepEqual(said(await analyseTemplatesKept(root, "fp1", cache)), said(first));
    const second = await analyseTemplatesKept(root, "fp2", cache);
    assert.deepEqual(second[0]!.refs, ["site.meta.other"]);
    assert.equal(second[0]!.permalink!({ a: { url: "/y/" } }), "/y/");
    await writeFile(path.join(cache, TEMPLATES_ANALYSIS_FILE), '{"format": "revue-paged-templates 1", "fingerprint": "fp2", "dir": "templates", "templates": [{"permalinkFrom": "templates/gone.11tydata.js"}]}');
    assert.deepEqual(said(await analyseTemplatesKept(root, "fp2", cache)), said(second));
  } finally {
    await rm(cache, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
  }
});
