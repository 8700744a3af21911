import { echoText } from './message-text';
import { mockId, unixSeconds } from './mock-ids';
import { countMockTokens, splitIntoChunks } from './mock-tokens';
import { type EndpointHandler, SSE_DONE, type SseEvent, sseData } from './reply-plan';
import { completionUsage, tokenCounts } from './token-usage';

const DEFAULT_MODEL = 'gpt-3.5-turbo-instruct';

// `prompt` is a string, a list of strings, a token array or a list of token arrays.
function promptParts(prompt: unknown): unknown[] {
  if (Array.isArray(prompt) && prompt.length > 0 && typeof prompt[0] !== 'number') return prompt;
  return [prompt];
}

/** Words of every prompt string, or the length of token-array prompts. */
export function promptTokens(prompt: unknown): number {
  let total = 0;
  for (const part of promptParts(prompt)) {
    total += Array.isArray(part) ? part.length : countMockTokens(String(part ?? ''));
  }
  return total;
}

/** POST /v1/completions (legacy): a `text_completion`, as JSON or SSE chunks. */
export const legacyCompletions: EndpointHandler = ({ body, reply }) => {
  const parts = promptParts(body?.prompt);
  const last = parts[parts.length - 1];
  const text = reply.content ?? echoText(typeof last === 'string' ? last : '');
  const finishReason = reply.finishReason ?? 'stop';
  const usage = completionUsage(
    tokenCounts(reply.usage, promptTokens(body?.prompt), countMockTokens(text)),
  );
  const meta = {
    id: mockId('cmpl-'),
    object: 'text_completion',
    created: unixSeconds(),
    model: reply.model ?? (typeof body?.model === 'string' ? body.model : DEFAULT_MODEL),
  };
  const choice = (choiceText: string, finish_reason: string | null) => ({
    text: choiceText,
    index: 0,
    logprobs: null,
    finish_reason,
  });
  if (body?.stream !== true) {
    return {
      kind: 'json',
      status: 200,
      body: { ...meta, choices: [choice(text, finishReason)], usage },
    };
  }
  const includeUsage = body?.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    sseData({ ...meta, choices, ...(includeUsage ? { usage: null } : {}), ...extra });
  const events: SseEvent[] = splitIntoChunks(text).map((piece) => chunk([choice(piece, null)]));
  events.push(chunk([choice('', finishReason)]));
  if (includeUsage) events.push(chunk([], { usage }));
  events.push(SSE_DONE);
  return { kind: 'sse', events };
};
