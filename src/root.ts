/**
 * The project folder, where data/ and package.json are: above src/ when a module runs
 * through tsx, above .build/KEY/ when it runs from the compiled copy that
 * scripts/run.mjs makes (`npm run extract`).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(import.meta.url);
const compiled = here.lastIndexOf(`${path.sep}.build${path.sep}`);
export const PROJECT_ROOT = compiled >= 0 ? here.slice(0, compiled) : path.resolve(path.dirname(here), "..");
