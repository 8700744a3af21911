import type { SpanOptions } from '@opentelemetry/api';
import { maskContentAttributes } from './mask-content';

/**
 * The options an ai 5/6 span starts with, its content masked: the same object when the mask
 * changes nothing (always, without a mask). Never throws.
 */
export function withStartContent(options: SpanOptions | undefined): SpanOptions | undefined {
  const attributes = options?.attributes;
  if (!attributes) return options;
  const masked = maskContentAttributes(attributes);
  return masked === attributes ? options : { ...options, attributes: masked };
}
