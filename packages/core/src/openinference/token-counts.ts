import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_ATTRIBUTES, LANGFUSE_OBSERVATION_ATTRIBUTES } from '../keys/genai-keys';
import { USAGE_DETAIL_KEYS } from '../keys/threadline-keys';
import { parseJson } from './bounded-text';
import { OPENINFERENCE_SPAN_ATTRIBUTES as OI } from './openinference-keys';
import { AI_SDK_KEYS as AI, GEN_AI_CONTENT_KEYS } from './source-keys';
import type { SpanWriter } from './span-writer';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function first(attributes: Attributes, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = count(attributes[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

const PROMPT = [
  GEN_AI_ATTRIBUTES.USAGE_INPUT_TOKENS,
  AI.USAGE_INPUT_TOKENS,
  AI.USAGE_PROMPT_TOKENS,
];
const EMBEDDING_PROMPT = [GEN_AI_ATTRIBUTES.USAGE_INPUT_TOKENS, AI.USAGE_TOKENS];
const COMPLETION = [
  GEN_AI_ATTRIBUTES.USAGE_OUTPUT_TOKENS,
  AI.USAGE_OUTPUT_TOKENS,
  AI.USAGE_COMPLETION_TOKENS,
];
const CACHE_READ = [
  GEN_AI_ATTRIBUTES.USAGE_CACHE_READ_INPUT_TOKENS,
  AI.USAGE_CACHE_READ_TOKENS,
  AI.USAGE_CACHED_INPUT_TOKENS,
];
const CACHE_WRITE = [
  GEN_AI_CONTENT_KEYS.USAGE_CACHE_CREATION_INPUT_TOKENS,
  AI.USAGE_CACHE_WRITE_TOKENS,
];
const REASONING = [
  GEN_AI_ATTRIBUTES.USAGE_REASONING_OUTPUT_TOKENS,
  AI.USAGE_OUTPUT_REASONING_TOKENS,
  AI.USAGE_REASONING_TOKENS,
];

/**
 * Token counts for an LLM or EMBEDDING span (never a parent's: Phoenix sums a trace's tokens
 * over its spans). The GenAI keys first, then the AI SDK's, then Langfuse's usage details.
 */
export function writeTokenCounts(
  writer: SpanWriter,
  attributes: Attributes,
  embedding: boolean,
): void {
  let prompt = first(attributes, embedding ? EMBEDDING_PROMPT : PROMPT);
  let completion = first(attributes, COMPLETION);
  let cacheRead = first(attributes, CACHE_READ);
  let cacheWrite = first(attributes, CACHE_WRITE);
  let reasoning = first(attributes, REASONING);
  let total = first(attributes, [AI.USAGE_TOTAL_TOKENS]);
  const details = parseJson(attributes[LANGFUSE_OBSERVATION_ATTRIBUTES.USAGE_DETAILS]);
  if (typeof details === 'object' && details !== null) {
    const d = details as Record<string, unknown>;
    prompt ??= count(d[USAGE_DETAIL_KEYS.INPUT]);
    completion ??= count(d[USAGE_DETAIL_KEYS.OUTPUT]);
    total ??= count(d[USAGE_DETAIL_KEYS.TOTAL]);
    cacheRead ??= count(d[USAGE_DETAIL_KEYS.INPUT_CACHED]);
    cacheWrite ??= count(d[USAGE_DETAIL_KEYS.INPUT_CACHE_CREATION]);
    reasoning ??= count(d[USAGE_DETAIL_KEYS.OUTPUT_REASONING]);
  }
  if (prompt !== undefined && completion !== undefined) total = prompt + completion;
  else if (embedding) total ??= prompt;
  writer.set(OI.LLM_TOKEN_COUNT_PROMPT, prompt);
  writer.set(OI.LLM_TOKEN_COUNT_COMPLETION, completion);
  writer.set(OI.LLM_TOKEN_COUNT_TOTAL, total);
  writer.set(OI.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ, cacheRead);
  writer.set(OI.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE, cacheWrite);
  writer.set(OI.LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING, reasoning);
}

/** GenAI usage keys Phoenix (15.10+) turns into token counts on any span that lacks its own. */
const CONVERTED: ReadonlyArray<readonly [string, string]> = [
  [GEN_AI_ATTRIBUTES.USAGE_INPUT_TOKENS, OI.LLM_TOKEN_COUNT_PROMPT],
  [GEN_AI_ATTRIBUTES.USAGE_OUTPUT_TOKENS, OI.LLM_TOKEN_COUNT_COMPLETION],
  [GEN_AI_ATTRIBUTES.USAGE_CACHE_READ_INPUT_TOKENS, OI.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ],
  [
    GEN_AI_CONTENT_KEYS.USAGE_CACHE_CREATION_INPUT_TOKENS,
    OI.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE,
  ],
];

/**
 * Zero own token counts on a parent span (AGENT, CHAIN, …) that carries its call's total usage
 * as GenAI keys, as ai 7's `invoke_agent` span does. Phoenix 15.10+ would otherwise convert
 * that total into the span's own counts, and Phoenix adds a span's own counts to those of the
 * model calls under it: every token would count twice. Zero own tokens is what such a span
 * used itself; its model calls carry the real counts.
 */
export function writeParentTokenCounts(writer: SpanWriter, attributes: Attributes): void {
  for (const [genAiKey, key] of CONVERTED) {
    if (attributes[genAiKey] !== undefined) writer.set(key, 0);
  }
  if (
    attributes[GEN_AI_ATTRIBUTES.USAGE_INPUT_TOKENS] !== undefined &&
    attributes[GEN_AI_ATTRIBUTES.USAGE_OUTPUT_TOKENS] !== undefined
  ) {
    writer.set(OI.LLM_TOKEN_COUNT_TOTAL, 0);
  }
}
