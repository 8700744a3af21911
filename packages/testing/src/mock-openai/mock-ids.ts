import { randomBytes } from 'node:crypto';

/** A unique id in the API's style, e.g. `chatcmpl-…`, `resp_…`, `call_…`. */
export function mockId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/** Seconds since the epoch, as the API's `created` and `created_at` fields count. */
export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
