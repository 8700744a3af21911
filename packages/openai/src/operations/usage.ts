import type { Attributes } from '@opentelemetry/api';
import {
  GEN_AI_ATTRIBUTES,
  LANGFUSE_OBSERVATION_ATTRIBUTES,
  USAGE_DETAIL_KEYS,
} from '@threadline/core/adapter';
import { OPENAI_SPAN_ATTRIBUTES } from '../span-keys';
import { isRecord, numberOr } from './values';

/** Token counts as every OpenAI endpoint reports them, under one shape. */
interface Usage {
  input: number | undefined;
  output: number | undefined;
  total: number | undefined;
  inputDetails: unknown;
  outputDetails: unknown;
}

/** Chat and legacy completions (`prompt_tokens`…) or the Responses API (`input_tokens`…). */
function readUsage(usage: Record<string, unknown>): Usage {
  if ('input_tokens' in usage || 'output_tokens' in usage) {
    return {
      input: numberOr(usage.input_tokens),
      output: numberOr(usage.output_tokens),
      total: numberOr(usage.total_tokens),
      inputDetails: usage.input_tokens_details,
      outputDetails: usage.output_tokens_details,
    };
  }
  return {
    input: numberOr(usage.prompt_tokens),
    output: numberOr(usage.completion_tokens),
    total: numberOr(usage.total_tokens),
    inputDetails: usage.prompt_tokens_details,
    outputDetails: usage.completion_tokens_details,
  };
}

// The API's detail names whose shared name (USAGE_DETAIL_KEYS) is not `<prefix>_<name>`.
const RENAMED: Readonly<Record<string, string>> = {
  input_cache_write_tokens: USAGE_DETAIL_KEYS.INPUT_CACHE_CREATION,
};

/**
 * Adds a usage detail for every positive count in `details` (`<prefix>_<name>`, under the
 * shared name where there is one) and returns their sum. `text_tokens` is left out: it is what
 * remains of the input once its other parts are counted, not a part of it to set apart.
 */
function addDetails(details: unknown, prefix: string, out: Record<string, number>): number {
  if (!isRecord(details)) return 0;
  let sum = 0;
  for (const key in details) {
    const value = details[key];
    if (key === 'text_tokens') continue;
    if (typeof value === 'number' && value > 0 && Number.isFinite(value)) {
      const name = `${prefix}_${key}`;
      out[RENAMED[name] ?? name] = value;
      sum += value;
    }
  }
  return sum;
}

/**
 * Writes token usage into `out`: the GenAI keys (`input_tokens` and `output_tokens` as the API
 * reports them; cache read, cache write and reasoning counts where reported) and
 * `langfuse.observation.usage_details`.
 *
 * The Langfuse JSON follows Langfuse's own OpenAI integration, so its prices apply unchanged:
 * `input` and `output` exclude the detail counts (`input_cached_tokens`,
 * `input_cache_creation_tokens`, `output_reasoning_tokens`, … as core's `USAGE_DETAIL_KEYS`
 * names them), which are listed on their own; `total` is the API's total.
 */
export function writeUsage(usage: unknown, out: Attributes): void {
  if (!isRecord(usage)) return;
  const { input, output, total, inputDetails, outputDetails } = readUsage(usage);
  if (input !== undefined) out[GEN_AI_ATTRIBUTES.USAGE_INPUT_TOKENS] = input;
  if (output !== undefined) out[GEN_AI_ATTRIBUTES.USAGE_OUTPUT_TOKENS] = output;
  if (isRecord(inputDetails)) {
    const cached = numberOr(inputDetails.cached_tokens);
    if (cached !== undefined) out[GEN_AI_ATTRIBUTES.USAGE_CACHE_READ_INPUT_TOKENS] = cached;
    const written = numberOr(inputDetails.cache_write_tokens);
    if (written !== undefined) {
      out[OPENAI_SPAN_ATTRIBUTES.USAGE_CACHE_CREATION_INPUT_TOKENS] = written;
    }
  }
  const reasoning = isRecord(outputDetails) ? numberOr(outputDetails.reasoning_tokens) : undefined;
  if (reasoning !== undefined) out[GEN_AI_ATTRIBUTES.USAGE_REASONING_OUTPUT_TOKENS] = reasoning;

  const details: Record<string, number> = {};
  const inputDetailSum = addDetails(inputDetails, 'input', details);
  const outputDetailSum = addDetails(outputDetails, 'output', details);
  const langfuse: Record<string, number> = {};
  if (input !== undefined) langfuse[USAGE_DETAIL_KEYS.INPUT] = Math.max(input - inputDetailSum, 0);
  if (output !== undefined) {
    langfuse[USAGE_DETAIL_KEYS.OUTPUT] = Math.max(output - outputDetailSum, 0);
  }
  const sum =
    input === undefined && output === undefined ? undefined : (input ?? 0) + (output ?? 0);
  const totalTokens = total ?? sum;
  if (totalTokens !== undefined) langfuse[USAGE_DETAIL_KEYS.TOTAL] = totalTokens;
  Object.assign(langfuse, details);
  if (totalTokens !== undefined) {
    out[LANGFUSE_OBSERVATION_ATTRIBUTES.USAGE_DETAILS] = JSON.stringify(langfuse);
  }
}
