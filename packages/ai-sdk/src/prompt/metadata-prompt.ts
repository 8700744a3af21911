import type { SpanOptions } from '@opentelemetry/api';
import { type ResolvedAttributes, validateAttributes } from '@threadline/core';
import { METADATA_PROMPT_KEY, promptInput } from './prompt-input';

/** Where ai 5/6 put the call's metadata `langfusePrompt`: on every span of the call. */
export const METADATA_PROMPT_ATTRIBUTE = `ai.telemetry.metadata.${METADATA_PROMPT_KEY}`;

/** The call says it used no managed prompt (a fallback one, or none at all). */
export const NO_PROMPT = 'none';

/**
 * What a `langfusePrompt` the AI SDK metadata carries names (docs/contract.md#framework-values):
 * the prompt, {@link NO_PROMPT} for a fallback prompt, or undefined when it is invalid
 * (reported through core validation; the scope's prompt then applies).
 */
export function metadataPrompt(value: unknown): ResolvedAttributes | typeof NO_PROMPT | undefined {
  const { attributes, cleared } = validateAttributes({ prompt: promptInput(value) });
  if (cleared.includes('prompt')) return NO_PROMPT;
  return attributes.prompt === undefined ? undefined : attributes;
}

/**
 * `options` without the metadata `langfusePrompt` (a new object; `options` is left alone).
 * Why: Threadline turns it into the prompt link keys of the call's model spans, and backends that
 * read the raw metadata would otherwise link every span of the call to the prompt, the call's
 * root and its tool calls too (docs/contract.md#fields: only model calls use a prompt).
 */
export function withoutMetadataPrompt(options: SpanOptions): SpanOptions {
  const { [METADATA_PROMPT_ATTRIBUTE]: _, ...attributes } = options.attributes ?? {};
  return { ...options, attributes };
}
