import type { SpanOptions } from '@opentelemetry/api';

/**
 * Whether `@ai-sdk/otel` starts a language-model call with these options: its `chat …` spans
 * (a text or object step's model call), never the operation (`invoke_agent`), a step, a tool,
 * an embedding or a reranking. Read from the start attributes: span names may be configured.
 */
export function isLanguageModelCall(options: SpanOptions | undefined): boolean {
  return options?.attributes?.['gen_ai.operation.name'] === 'chat';
}
