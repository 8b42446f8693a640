import path from "node:path";

/** The project folder (tests/helpers/extract.ts and site.ts hand it on). */
export const ROOT = path.resolve(import.meta.dirname, "../..");
