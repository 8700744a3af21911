type Bag = Record<string, any> | undefined;

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * The OpenAI Responses API reports a status instead of a finish reason (ChatOpenAI uses it
 * with `useResponsesApi`, and from @langchain/openai 1.6 by default for gpt-5.6 and later
 * models). It is mapped onto the chat vocabulary GenAI backends know, as `@threadline/openai`
 * does: `stop`, `tool_calls`, `length`, `error`, else the reason or status itself.
 */
function responsesApiFinishReason(metadata: Record<string, any>, message: Bag): string | undefined {
  switch (metadata.status) {
    case 'completed': {
      const calls = message?.tool_calls;
      const output = Array.isArray(metadata.output) ? metadata.output : [];
      const called =
        (Array.isArray(calls) && calls.length > 0) ||
        output.some((item: Bag) => item?.type === 'function_call');
      return called ? 'tool_calls' : 'stop';
    }
    case 'incomplete': {
      const reason = nonEmpty(metadata.incomplete_details?.reason);
      return reason === 'max_output_tokens' ? 'length' : (reason ?? 'incomplete');
    }
    case 'failed':
      return 'error';
    default:
      return nonEmpty(metadata.status);
  }
}

/**
 * Why one generation stopped: the integration's `finish_reason` (OpenAI Chat Completions and
 * most others) or `stop_reason` (Anthropic), else the Responses API status.
 */
export function finishReasonOf(generation: Bag): string | undefined {
  const message = generation?.message as Bag;
  const metadata = message?.response_metadata as Bag;
  const reason =
    nonEmpty(generation?.generationInfo?.finish_reason) ??
    nonEmpty(metadata?.finish_reason) ??
    nonEmpty(metadata?.stop_reason);
  if (reason !== undefined) return reason;
  if (metadata?.object === 'response') return responsesApiFinishReason(metadata, message);
  return undefined;
}

/** Provider finish reasons that mean one of the GenAI output message's own values. */
const GEN_AI_FINISH_REASONS: Readonly<Record<string, string>> = {
  tool_calls: 'tool_call',
  function_call: 'tool_call',
  tool_use: 'tool_call',
  end_turn: 'stop',
  stop_sequence: 'stop',
  STOP: 'stop',
  max_tokens: 'length',
  max_output_tokens: 'length',
  MAX_TOKENS: 'length',
  SAFETY: 'content_filter',
  refusal: 'content_filter',
};

/**
 * A finish reason in the vocabulary of GenAI output messages (`stop`, `length`,
 * `content_filter`, `tool_call`, `error`), else the provider's own value.
 * `gen_ai.response.finish_reasons` keeps the provider's values.
 */
export function genAiFinishReason(reason: string): string {
  return GEN_AI_FINISH_REASONS[reason] ?? reason;
}
