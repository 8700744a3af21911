import { chatOutputFormat, defaultContent } from './default-content';
import { contentText, isRecord } from './message-text';
import { mockId, unixSeconds } from './mock-ids';
import { countMockTokens, splitIntoChunks } from './mock-tokens';
import { type EndpointHandler, SSE_DONE, type SseEvent, sseData } from './reply-plan';
import { completionUsage, tokenCounts } from './token-usage';
import { type ResolvedToolCall, resolveToolCalls, toolCallTokens } from './tool-calls';

const DEFAULT_MODEL = 'gpt-4o-mini';
// A cap on `n` keeps a typo from building a huge reply.
const MAX_CHOICES = 8;

/** Words of every message's text content: the default prompt token count. */
export function chatInputTokens(messages: unknown[]): number {
  let total = 0;
  for (const message of messages) {
    if (isRecord(message)) total += countMockTokens(contentText(message.content));
  }
  return total;
}

function lastUserText(messages: unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (isRecord(message) && message.role === 'user') return contentText(message.content);
  }
  return '';
}

/** POST /v1/chat/completions: a `chat.completion`, or `chat.completion.chunk` events. */
export const chatCompletions: EndpointHandler = ({ body, reply }) => {
  const messages: unknown[] = Array.isArray(body?.messages) ? body.messages : [];
  const toolCalls = resolveToolCalls(reply.toolCalls);
  const content =
    reply.content ??
    (toolCalls.length > 0
      ? null
      : defaultContent({
          format: chatOutputFormat(body?.response_format),
          userText: lastUserText(messages),
        }));
  const n = Number.isInteger(body?.n) ? Math.min(Math.max(body.n, 1), MAX_CHOICES) : 1;
  const outputPerChoice = countMockTokens(content ?? '') + toolCallTokens(toolCalls);
  const usage = completionUsage(
    tokenCounts(reply.usage, chatInputTokens(messages), outputPerChoice * n),
  );
  const meta = {
    id: mockId('chatcmpl-'),
    created: unixSeconds(),
    model: reply.model ?? (typeof body?.model === 'string' ? body.model : DEFAULT_MODEL),
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  };
  const finishReason = reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop');

  if (body?.stream !== true) {
    const message = {
      role: 'assistant',
      content,
      refusal: null,
      annotations: [],
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls.map(toWireToolCall) } : {}),
    };
    const choices = Array.from({ length: n }, (_, index) => ({
      index,
      message,
      logprobs: null,
      finish_reason: finishReason,
    }));
    return {
      kind: 'json',
      status: 200,
      body: {
        id: meta.id,
        object: 'chat.completion',
        created: meta.created,
        model: meta.model,
        choices,
        usage,
        service_tier: meta.service_tier,
        system_fingerprint: meta.system_fingerprint,
      },
    };
  }

  const includeUsage = body?.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    sseData({
      id: meta.id,
      object: 'chat.completion.chunk',
      created: meta.created,
      model: meta.model,
      service_tier: meta.service_tier,
      system_fingerprint: meta.system_fingerprint,
      choices,
      // The real API sends `usage: null` on every chunk but the last when usage is asked for.
      ...(includeUsage ? { usage: null } : {}),
      ...extra,
    });
  const events: SseEvent[] = [];
  for (let index = 0; index < n; index++) {
    const choice = (delta: unknown, finish_reason: string | null = null) =>
      chunk([{ index, delta, logprobs: null, finish_reason }]);
    events.push(
      choice({ role: 'assistant', content: content === null ? null : '', refusal: null }),
    );
    for (const piece of splitIntoChunks(content ?? '')) events.push(choice({ content: piece }));
    toolCalls.forEach((call, callIndex) => {
      const head = { index: callIndex, id: call.id, type: 'function' };
      events.push(
        choice({ tool_calls: [{ ...head, function: { name: call.name, arguments: '' } }] }),
      );
      for (const piece of splitIntoChunks(call.arguments)) {
        events.push(choice({ tool_calls: [{ index: callIndex, function: { arguments: piece } }] }));
      }
    });
    events.push(choice({}, finishReason));
  }
  if (includeUsage) events.push(chunk([], { usage }));
  events.push(SSE_DONE);
  return { kind: 'sse', events };
};

function toWireToolCall(call: ResolvedToolCall) {
  return {
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  };
}
