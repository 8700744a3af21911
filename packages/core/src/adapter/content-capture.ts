import { diag } from '@opentelemetry/api';
import { configuredSettings } from '../configuration/configure-threadline';
import type { MaskFunction } from '../settings';

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

let warnedMaskFailed = false;

/**
 * `value` after the mask, or undefined (content dropped) when the mask throws. Exported for
 * content an adapter records through another path than {@link toContentAttribute}.
 */
export function maskContent(
  value: unknown,
  mask: MaskFunction | undefined = configuredSettings().mask,
): unknown {
  if (mask === undefined) return value;
  try {
    return mask({ data: value });
  } catch (error) {
    if (!warnedMaskFailed) {
      warnedMaskFailed = true;
      diag.warn('threadline: the mask threw; that content was dropped (reported once)', error);
    }
    return undefined;
  }
}

/**
 * `value`, after the configured mask (configureThreadline's `mask`), as JSON for a span
 * attribute, cut to `maxChars` (with a `…[truncated]` marker). Never throws: values that cannot
 * be serialised (cycles, BigInt) and values whose mask threw become undefined.
 */
export function toContentAttribute(
  raw: unknown,
  maxChars: number = MAX_CONTENT_CHARS,
): string | undefined {
  if (raw === undefined) return undefined;
  const value = maskContent(raw);
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
