import type { Span } from '@opentelemetry/api';
import { toContentAttribute } from '@threadline/core/adapter';
import { toPlain } from '../content/to-plain';

/**
 * Records a run's input or output under `key` (`langfuse.observation.input` / `.output`): a
 * string as it is, anything else as JSON (messages as `{ role, content }`, documents as
 * `{ pageContent, metadata }`), cut at core's content bound.
 */
export function setSpanContent(span: Span, key: string, value: unknown): void {
  const content = toContentAttribute(typeof value === 'string' ? value : toPlain(value));
  if (content !== undefined) span.setAttribute(key, content);
}
