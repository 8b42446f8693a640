/**
 * What `npm start` checks before Eleventy's dev server sees a request (see
 * src/cli/serve.ts and docs/upstream-dev-server.md). Any web page can make the
 * browser send requests to 127.0.0.1, so:
 * - the Host header must name the loopback (`localhost`, `127.0.0.1`, `[::1]`,
 *   with any port): a DNS-rebinding page (evil.example resolving to 127.0.0.1)
 *   sends its own name and is refused;
 * - the path must decode (`/%` made the server throw an uncaught URIError), hold
 *   no `..` or `.` segment, backslash or NUL once decoded (`/..%2f..%2fetc%2fpasswd`
 *   made it throw "Invalid path"; `/..%2fserve-secret%2fx` served a sibling folder,
 *   its containment check being a `startsWith` without a separator), and resolve
 *   inside the served folder;
 * - only GET and HEAD are served.
 * Pure functions: no I/O.
 */
import path from "node:path";

export type Verdict = { ok: true } | { ok: false; status: number; reason: string };

const LOOPBACK_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

/** True for a Host header naming the loopback interface, with or without a port. */
export function isLoopbackHost(host: string | undefined): boolean {
  return typeof host === "string" && LOOPBACK_HOST.test(host);
}

/** True for a missing Origin (same-origin navigation, curl) or one on the loopback interface. */
export function isLoopbackOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === "http:" || u.protocol === "https:") && isLoopbackHost(u.host);
  } catch {
    return false;
  }
}

/**
 * The decoded path of a request target if it is safe to map onto `root`, else why not.
 * `root` is the folder served (absolute or relative to the working directory).
 */
export function checkPath(target: string | undefined, root: string): { ok: true; path: string } | { ok: false; status: number; reason: string } {
  if (!target || !target.startsWith("/") || target.startsWith("//")) return { ok: false, status: 400, reason: "bad request target" };
  const raw = target.replace(/[?#].*$/s, "");
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, status: 400, reason: "bad percent-encoding in the path" };
  }
  if (/[\\\0]/.test(decoded)) return { ok: false, status: 400, reason: "backslash or NUL in the path" };
  if (decoded.split("/").some((s) => s === ".." || s === ".")) return { ok: false, status: 400, reason: "dot segment in the path" };
  const base = path.resolve(root);
  const file = path.resolve(base, `.${decoded}`);
  if (file !== base && !file.startsWith(base + path.sep)) return { ok: false, status: 400, reason: "path outside the site" };
  return { ok: true, path: decoded };
}

/** The verdict on one request: method, Host header, then path. */
export function checkRequest(req: { method?: string; url?: string; headers: { host?: string } }, root: string): Verdict {
  if (!isLoopbackHost(req.headers.host)) return { ok: false, status: 403, reason: "Host must be localhost, 127.0.0.1 or [::1]" };
  if (req.method !== "GET" && req.method !== "HEAD") return { ok: false, status: 405, reason: "only GET and HEAD" };
  const p = checkPath(req.url, root);
  return p.ok ? { ok: true } : p;
}
