/**
 * Eleventy configuration: src/site/eleventy-config.ts (in src/, so that it is
 * compiled with the rest for `npm run build` and `npm start`). This file is for
 * Eleventy's own command line.
 */
export { default } from "./src/site/eleventy-config.js";
