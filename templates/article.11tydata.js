// Permalink as a function: Eleventy compiles a Nunjucks string again for every paginated page. The
// title is the layout's (a.title/ev.title): an eleventyComputed value costs computed-data work on every page.
const rankKey = Symbol.for("revue.search.rank");
export default {
  // only the pages whose inputs changed since the previous build (src/site/incremental.ts), in the order of
  // their search buckets when the build indexes buckets as they are written (src/site/after-build.ts,
  // watchSearchBuckets): no page reads its place in the pagination
  pagination: {
    before: (items, data) => {
      const selected = globalThis[Symbol.for("revue.site.renderPlan")]?.select(data.page.inputPath, items) ?? items;
      const rank = globalThis[rankKey];
      if (!rank) return selected;
      // each page's bucket looked up once, not at every comparison (17,000 pages: some 30 ms less)
      const ranked = selected.map((a) => [rank(`${a.url.slice(1)}index.html`), a]);
      return ranked.sort((x, y) => x[0] - y[0]).map((x) => x[1]);
    },
  },
  permalink: (data) => data.a.url
};
