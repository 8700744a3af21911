/**
 * A number in [0, 1) from a session id, the same in every process and service (a 53-bit
 * cyrb53-style hash: two 32-bit multiply-xorshift lanes). Uniform enough that a rate of 0.1
 * keeps 10% of sessions, and cheap: one pass over at most 200 characters.
 */
export function sessionHashFraction(sessionId: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < sessionId.length; i++) {
    const c = sessionId.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // 21 bits of h2 and 32 of h1: 53 bits, exactly representable in a double.
  return ((h2 & 0x1fffff) * 4294967296 + (h1 >>> 0)) / 2 ** 53;
}

/**
 * A number in [0, 1) from a trace id's last 14 hex digits (56 bits): the part W3C trace
 * context level 2 asks to be random, which OpenTelemetry's consistent probability sampling
 * reads too.
 */
export function traceIdFraction(traceId: string): number {
  const low = traceId.slice(-14);
  const value = Number.parseInt(low, 16);
  return Number.isFinite(value) ? value / 2 ** 56 : 0;
}
