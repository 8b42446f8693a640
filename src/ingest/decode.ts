/**
 * Bytes → text. Minimal version: UTF-8 with or without BOM.
 * (Owned by the robustness work: encodings, binary detection, size limits.)
 */
export interface Decoded {
  text: string;
  encoding: string;
}

export class DecodeError extends Error {}

export function decode(bytes: Uint8Array): Decoded {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const text = new TextDecoder("utf-8").decode(bytes.subarray(start));
  return { text: text.replace(/\r\n?/g, "\n"), encoding: start ? "utf-8-bom" : "utf-8" };
}
