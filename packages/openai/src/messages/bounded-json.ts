import type { Attributes } from '@opentelemetry/api';
import { toBoundedJson } from '@threadline/core/adapter';

/**
 * Writes `value` under `key` as bounded JSON (`toBoundedJson` of `@threadline/core/adapter`:
 * masked, valid JSON within the content bound), unless it is undefined.
 */
export function writeBoundedJson(key: string, value: unknown, out: Attributes): void {
  if (value === undefined) return;
  const json = toBoundedJson(value);
  if (json !== undefined) out[key] = json;
}
