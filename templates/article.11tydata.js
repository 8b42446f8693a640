// Permalink as a function: Eleventy compiles a Nunjucks string again for every paginated page. The
// title is the layout's (a.title/ev.title): an eleventyComputed value costs computed-data work on every page.
export default {
  // only the pages whose inputs changed since the previous build (src/site/incremental.ts)
  pagination: { before: (items, data) => globalThis[Symbol.for("revue.site.renderPlan")]?.select(data.page.inputPath, items) ?? items },
  permalink: (data) => data.a.url
};
