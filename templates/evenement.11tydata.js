// Permalink and title as functions: Eleventy compiles a Nunjucks string again for every paginated page.
export default { permalink: (data) => data.ev.url, eleventyComputed: { title: (data) => data.ev.title } };
