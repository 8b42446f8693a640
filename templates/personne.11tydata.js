// Permalink and title as functions: Eleventy compiles a Nunjucks string again for every paginated page.
export default {
  // only the pages whose inputs changed since the previous build (src/site/incremental.ts)
  pagination: { before: (items, data) => globalThis[Symbol.for("revue.site.renderPlan")]?.select(data.page.inputPath, items) ?? items },
  permalink: (data) => data.pg.url,
  eleventyComputed: { title: (data) => `${data.pg.person.name}${data.pg.number > 1 ? `, page ${data.pg.number}` : ""}` },
};
