import { diag } from '@opentelemetry/api';

/** Characters at most in `langfuse.observation.input` / `.output`; longer JSON is cut. */
export const MAX_CONTENT_CHARS = 32_768;

/**
 * Whether an adapter records prompt and completion text: its own option first, then
 * `THREADLINE_CAPTURE_CONTENT=false` in the environment, else on.
 */
export function isContentCaptureEnabled(option?: boolean): boolean {
  if (typeof option === 'boolean') return option;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.THREADLINE_CAPTURE_CONTENT;
  if (env === undefined) return true;
  return !['false', '0', 'no', 'off'].includes(env.trim().toLowerCase());
}

/**
 * `value` as JSON for a span attribute, cut to `maxChars` (with a `…[truncated]` marker).
 * Never throws: values that cannot be serialised (cycles, BigInt) become undefined.
 */
export function toContentAttribute(
  value: unknown,
  maxChars: number = MAX_CONTENT_CHARS,
): string | undefined {
  if (value === undefined) return undefined;
  let json: string | undefined;
  try {
    json = typeof value === 'string' ? value : JSON.stringify(value);
  } catch (error) {
    diag.debug('threadline: content could not be serialised', error);
    return undefined;
  }
  if (json === undefined) return undefined;
  return json.length <= maxChars ? json : `${json.slice(0, maxChars)}…[truncated]`;
}
