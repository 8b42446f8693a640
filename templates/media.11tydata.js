// Permalink and title as functions: Eleventy compiles a Nunjucks string again for every paginated page.
export default {
  permalink: (data) => data.pg.url,
  eleventyComputed: { title: (data) => `${data.pg.outlet.name}${data.pg.number > 1 ? `, page ${data.pg.number}` : ""}` },
};
