import type { MockReply, MockRequest } from '@threadline/testing';

/** Token usage the mock reports for a step that calls the tool, and for the answer. */
export const TOOL_STEP_USAGE = { input: 12, output: 4 };
export const ANSWER_USAGE = { input: 30, output: 8 };

/** Whether the request already carries a tool result (Chat Completions or Responses API). */
function hasToolResult(body: any): boolean {
  if (Array.isArray(body?.messages)) return body.messages.some((m: any) => m?.role === 'tool');
  if (Array.isArray(body?.input)) {
    return body.input.some((item: any) => item?.type === 'function_call_output');
  }
  return false;
}

/**
 * The mock server's side of a two-step tool loop, decided by each request itself so that
 * concurrent conversations get the right reply: first a `weather` call for the city the
 * prompt names, then an answer.
 */
export function toolLoopReply(request: MockRequest): MockReply {
  if (request.path.endsWith('/embeddings')) return {};
  if (hasToolResult(request.body)) return { content: 'Sunny, 21 degrees.', usage: ANSWER_USAGE };
  return {
    toolCalls: [{ name: 'weather', arguments: { city: 'Paris' } }],
    usage: TOOL_STEP_USAGE,
  };
}
