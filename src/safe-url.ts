/**
 * The one test for a web address that revue outputs (an article's source URL
 * in its record, records.json, the article page): only an absolute http(s)
 * address that parses, without spaces or control characters, is kept.
 * `javascript:`, `data:`, `vbscript:`, protocol-relative and relative
 * addresses from a canonical link, JSON-LD or front matter become null.
 */
export function httpUrl(u: string | null | undefined): string | null {
  if (typeof u !== "string") return null;
  const s = u.trim();
  if (!/^https?:\/\/[^\s\u0000-\u001f\u007f-\u009f]+$/i.test(s)) return null;
  try {
    const parsed = new URL(s);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname ? s : null;
  } catch {
    return null;
  }
}
