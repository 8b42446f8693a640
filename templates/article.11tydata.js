// Permalink and title as functions: Eleventy compiles a Nunjucks string again for every paginated page.
export default { permalink: (data) => data.a.url, eleventyComputed: { title: (data) => data.a.title } };
