import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

function hostName(hostHeader: string): string {
  // `[::1]:4319` → `[::1]`; `localhost:4319` → `localhost`.
  const match = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(hostHeader.trim().toLowerCase());
  return match?.[1] ?? '';
}

/**
 * Whether a request's `Host` names this server. A page on another site can point a DNS name
 * at 127.0.0.1 (DNS rebinding) and read the sessions; checking the name stops that. A server
 * bound to all interfaces was opened up on purpose and accepts any name.
 */
export function isAllowedHost(request: IncomingMessage, boundHost: string): boolean {
  const bound = boundHost.toLowerCase();
  if (WILDCARDS.has(bound)) return true;
  const name = hostName(request.headers.host ?? '');
  return LOOPBACK_NAMES.has(name) || name === bound || name === `[${bound}]`;
}

/**
 * Whether a state-changing request comes from the page itself: browsers send `Origin` with
 * every cross-site POST, PUT and DELETE, so another site's form cannot add scores.
 */
export function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === (request.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}
