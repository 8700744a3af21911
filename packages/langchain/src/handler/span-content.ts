import type { Span } from '@opentelemetry/api';
import { toContentAttribute } from '@threadline/core/adapter';
import { toPlain } from '../content/to-plain';

/**
 * Records a run's input or output under each of `keys`: a string as it is, anything else as
 * bounded JSON (messages as `{ role, content }`, documents as `{ pageContent, metadata }`).
 */
export function setSpanContent(span: Span, keys: readonly string[], value: unknown): void {
  const content = toContentAttribute(typeof value === 'string' ? value : toPlain(value));
  if (content === undefined) return;
  for (const key of keys) span.setAttribute(key, content);
}
