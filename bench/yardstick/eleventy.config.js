/**
 * The yardstick: plain Eleventy on N Markdown pages with one minimal Nunjucks
 * layout. Nothing else: no plugins, no data files, no collections.
 * bench/run.ts copies article.njk into the input folder's _includes/.
 */
export default function () {}

export const config = {
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
