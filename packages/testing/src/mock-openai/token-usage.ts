import type { MockUsage } from './mock-types';

/** Token counts of one reply, before they are shaped for an endpoint. */
export interface TokenCounts {
  input: number;
  output: number;
  cached: number;
  reasoning: number;
}

/** The scripted usage if there is one, else the counted words (no cached or reasoning tokens). */
export function tokenCounts(scripted: MockUsage | undefined, input: number, output: number) {
  return {
    input: scripted?.input ?? input,
    output: scripted?.output ?? output,
    cached: scripted?.cached ?? 0,
    reasoning: scripted?.reasoning ?? 0,
  } satisfies TokenCounts;
}

/** `usage` of chat and legacy completions (`CompletionUsage`). */
export function completionUsage(counts: TokenCounts) {
  return {
    prompt_tokens: counts.input,
    completion_tokens: counts.output,
    total_tokens: counts.input + counts.output,
    prompt_tokens_details: { cached_tokens: counts.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: counts.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** `usage` of the Responses API (`ResponseUsage`). */
export function responseUsage(counts: TokenCounts) {
  return {
    input_tokens: counts.input,
    input_tokens_details: { cached_tokens: counts.cached },
    output_tokens: counts.output,
    output_tokens_details: { reasoning_tokens: counts.reasoning },
    total_tokens: counts.input + counts.output,
  };
}
