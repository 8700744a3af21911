import type { SpanOptions } from '@opentelemetry/api';
import { maskContentAttributes } from './mask-content';
import { withGenAiInput } from './model-call-input';

/**
 * The options an ai 5/6 span starts with, its content masked and, on a model call, the GenAI
 * input keys derived from the masked prompt (so they hold nothing the mask took out). The same
 * object when neither changes anything. Never throws.
 */
export function withStartContent(
  options: SpanOptions | undefined,
  modelCall: boolean,
): SpanOptions | undefined {
  const attributes = options?.attributes;
  if (!attributes) return options;
  const masked = maskContentAttributes(attributes);
  const started = modelCall ? withGenAiInput(masked) : masked;
  return started === attributes ? options : { ...options, attributes: started };
}
