import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostname as machineName, networkInterfaces } from 'node:os';

/** The header an OTLP exporter (or a script) sends the token in; `authorization: Bearer` works too. */
export const TOKEN_HEADER = 'x-threadline-token';

/** The query parameter of the page address printed at start; the page moves it into a cookie. */
export const TOKEN_PARAM = 'token';

const WILDCARDS = new Set(['0.0.0.0', '::']);

/** A host name or address as compared: lower case, no brackets, no trailing dot. */
function normalizeName(name: string): string {
  let out = name.trim().toLowerCase();
  if (out.startsWith('[') && out.endsWith(']')) out = out.slice(1, -1);
  if (out.endsWith('.')) out = out.slice(0, -1);
  return out;
}

/** The name in a `Host` header, without its port: `[::1]:4319` → `::1`. */
function hostHeaderName(header: string | undefined): string {
  const match = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec((header ?? '').trim());
  return match ? normalizeName(match[1]!) : '';
}

/** Whether a name or address always means this machine: `localhost`, `127.0.0.0/8`, `::1`. */
export function isLoopbackName(name: string): boolean {
  const n = normalizeName(name);
  return n === 'localhost' || n === '::1' || /^127(\.\d{1,3}){3}$/.test(n);
}

/** Options of {@link createRequestGuard}. */
export interface RequestGuardOptions {
  /** The interface both servers are bound to. */
  host: string;
  /** More names the servers answer to, e.g. a LAN name or a container's (`--allow-host`). */
  allowedHosts?: readonly string[];
  /** Required on every request when set. */
  token?: string;
}

/** The checks every request to either server passes. */
export interface RequestGuard {
  /** The token required, when one is. */
  readonly token?: string;
  /** Whether the request's `Host` is a name this server answers to (DNS rebinding). */
  allowsHost(request: IncomingMessage): boolean;
  /**
   * Whether the request carries the token, as `authorization: Bearer …`, `x-threadline-token`
   * or (with `cookie`) the page's cookie. Always true when no token is required.
   */
  hasToken(request: IncomingMessage, options?: { cookie?: string }): boolean;
  /** Whether a string is the token. */
  isToken(candidate: string | undefined): boolean;
  /**
   * Whether a state-changing request comes from the page itself: its `Origin`, when the browser
   * sent one, names an allowed host and the port the request reached.
   */
  allowsOrigin(request: IncomingMessage): boolean;
}

/** Names that reach a server bound to `host`: loopback, the bound address, `allowedHosts`. */
export function allowedHostNames({
  host,
  allowedHosts = [],
}: Pick<RequestGuardOptions, 'host' | 'allowedHosts'>): Set<string> {
  const names = new Set(['localhost', '::1', ...allowedHosts.map(normalizeName)]);
  // The bound address itself is an address, never someone's DNS name, so it is safe too.
  const bound = normalizeName(host);
  names.add(bound);
  if (WILDCARDS.has(bound)) {
    // Bound to every interface: each of this machine's addresses, and its name.
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(normalizeName(address.address));
    }
    names.add(normalizeName(machineName()));
  }
  return names;
}

/** Whether an address means every interface (`0.0.0.0`, `::`). */
export function isWildcardHost(host: string): boolean {
  return WILDCARDS.has(normalizeName(host));
}

/** A new random token: 32 bytes, URL-safe. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * The request checks of `threadline dev`. `Host` must name this machine as configured, so a web
 * page whose DNS name was pointed at 127.0.0.1 (DNS rebinding) reaches nothing; with a token,
 * every request must carry it; state-changing requests must come from the page's own origin.
 */
export function createRequestGuard({
  host,
  allowedHosts = [],
  token,
}: RequestGuardOptions): RequestGuard {
  const names = allowedHostNames({ host, allowedHosts });
  const allowsName = (name: string) => names.has(name) || isLoopbackName(name);
  // Equal-length digests, so comparing takes the same time whatever was sent.
  const expected = token !== undefined ? digest(token) : undefined;
  const isToken = (candidate: string | undefined) =>
    expected === undefined ||
    (candidate !== undefined && timingSafeEqual(digest(candidate), expected));

  return {
    ...(token !== undefined ? { token } : {}),
    allowsHost: (request) => allowsName(hostHeaderName(request.headers.host)),
    isToken,
    hasToken(request, { cookie } = {}) {
      if (expected === undefined) return true;
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
      const header = request.headers[TOKEN_HEADER];
      const fromCookie = cookie ? cookieValue(request.headers.cookie, cookie) : undefined;
      return [bearer, typeof header === 'string' ? header : undefined, fromCookie].some(
        (candidate) => candidate !== undefined && isToken(candidate),
      );
    },
    allowsOrigin(request) {
      const origin = request.headers.origin;
      // Browsers send Origin with every cross-origin write; a request without one is no CSRF.
      if (origin === undefined) return true;
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false; // `null` (a sandboxed frame, a file) or garbage
      }
      const port = url.port || (url.protocol === 'https:' ? '443' : '80');
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        allowsName(normalizeName(url.hostname)) &&
        port === String(request.socket.localPort)
      );
    },
  };
}

/** The page's cookie for the token; per port, so two `threadline dev` on one machine keep theirs. */
export function tokenCookieName(port: number | undefined): string {
  return `threadline_token_${port ?? 0}`;
}
