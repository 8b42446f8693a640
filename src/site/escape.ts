/** HTML escaping for the few strings this site builds by hand (text and attribute values). */
const MAP: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => MAP[c]);
}

/** Characters XML 1.0 forbids: C0 controls but tab, LF, CR; lone surrogates; U+FFFE, U+FFFF. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text without the characters XML forbids (a feed or sitemap with one of them is not XML). */
export function stripNonXmlChars(s: string): string {
  return s.replace(NOT_XML_CHAR, "");
}
