// The site model (records, events, report), read from REVUE_SEEDS: see src/site/data.ts.
import { loadSite } from "../../src/site/data.js";

export default function site() {
  return loadSite();
}
