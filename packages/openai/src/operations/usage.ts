import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_ATTRIBUTES, LANGFUSE_OBSERVATION_ATTRIBUTES } from '@threadline/core/adapter';
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

/** Adds `<prefix>_<key>` for every positive count in `details`; returns their sum. */
function addDetails(details: unknown, prefix: string, out: Record<string, number>): number {
  if (!isRecord(details)) return 0;
  let sum = 0;
  for (const key in details) {
    const value = details[key];
    if (typeof value === 'number' && value > 0 && Number.isFinite(value)) {
      out[`${prefix}_${key}`] = value;
      sum += value;
    }
  }
  return sum;
}

/**
 * Writes token usage into `out`: the GenAI keys (`input_tokens` and `output_tokens` as the API
 * reports them, cached and reasoning counts where reported) and `langfuse.observation.usage_details`.
 *
 * The Langfuse JSON follows Langfuse's own OpenAI integration, so its prices apply unchanged:
 * `input` and `output` exclude the detail counts (`input_cached_tokens`,
 * `output_reasoning_tokens`, …), which are listed on their own; `total` is the API's total.
 */
export function writeUsage(usage: unknown, out: Attributes): void {
  if (!isRecord(usage)) return;
  const { input, output, total, inputDetails, outputDetails } = readUsage(usage);
  if (input !== undefined) out[GEN_AI_ATTRIBUTES.USAGE_INPUT_TOKENS] = input;
  if (output !== undefined) out[GEN_AI_ATTRIBUTES.USAGE_OUTPUT_TOKENS] = output;
  const cached = isRecord(inputDetails) ? numberOr(inputDetails.cached_tokens) : undefined;
  if (cached !== undefined) out[GEN_AI_ATTRIBUTES.USAGE_CACHE_READ_INPUT_TOKENS] = cached;
  const reasoning = isRecord(outputDetails) ? numberOr(outputDetails.reasoning_tokens) : undefined;
  if (reasoning !== undefined) out[GEN_AI_ATTRIBUTES.USAGE_REASONING_OUTPUT_TOKENS] = reasoning;

  const details: Record<string, number> = {};
  const inputDetailSum = addDetails(inputDetails, 'input', details);
  const outputDetailSum = addDetails(outputDetails, 'output', details);
  const langfuse: Record<string, number> = {};
  if (input !== undefined) langfuse.input = Math.max(input - inputDetailSum, 0);
  if (output !== undefined) langfuse.output = Math.max(output - outputDetailSum, 0);
  const sum =
    input === undefined && output === undefined ? undefined : (input ?? 0) + (output ?? 0);
  const totalTokens = total ?? sum;
  if (totalTokens !== undefined) langfuse.total = totalTokens;
  Object.assign(langfuse, details);
  if (totalTokens !== undefined) {
    out[LANGFUSE_OBSERVATION_ATTRIBUTES.USAGE_DETAILS] = JSON.stringify(langfuse);
  }
}
