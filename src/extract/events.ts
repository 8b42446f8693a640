import type { ArticleRecord } from "../record.js";
import type { CorpusResult } from "../pipeline.js";

/** STUB: one event per article. */
export function linkCorpus(records: ArticleRecord[]): CorpusResult {
  const out = records.map((r) => ({ ...r, eventId: r.id }));
  return {
    records: out,
    events: out.map((r) => ({
      id: r.id, date: r.date, title: r.title ?? r.id, label: null,
      articleIds: [r.id], outletIds: r.outlet ? [r.outlet.id] : [], speakerIds: [], keyQuote: null, quoteGroups: [],
    })),
  };
}
