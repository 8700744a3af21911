import { defaultContent, responsesOutputFormat } from './default-content';
import { contentText, isRecord } from './message-text';
import { mockId, unixSeconds } from './mock-ids';
import { countMockTokens, splitIntoChunks } from './mock-tokens';
import { type EndpointHandler, type SseEvent, sseData } from './reply-plan';
import { responseUsage, tokenCounts } from './token-usage';
import { resolveToolCalls, toolCallTokens } from './tool-calls';

const DEFAULT_MODEL = 'gpt-4o-mini';

// Finish reasons a test may script, as the Responses API reports an unfinished answer.
const INCOMPLETE_REASONS: Record<string, string> = {
  length: 'max_output_tokens',
  max_output_tokens: 'max_output_tokens',
  content_filter: 'content_filter',
};

function itemText(item: unknown): string {
  if (typeof item === 'string') return item;
  if (!isRecord(item)) return '';
  if (item.type === 'function_call_output') return contentText(item.output);
  return contentText(item.content);
}

/** Words of `instructions` and of every input item's text: the default input token count. */
export function responsesInputTokens(body: any): number {
  const items: unknown[] = Array.isArray(body?.input) ? body.input : [body?.input];
  let total = typeof body?.instructions === 'string' ? countMockTokens(body.instructions) : 0;
  for (const item of items) total += countMockTokens(itemText(item));
  return total;
}

function lastUserText(input: unknown): string {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return '';
  for (let i = input.length - 1; i >= 0; i--) {
    const item = input[i];
    if (isRecord(item) && item.role === 'user') return contentText(item.content);
  }
  return '';
}

/** POST /v1/responses: a `response` object, or the Responses API's typed SSE events. */
export const responsesApi: EndpointHandler = ({ body, reply }) => {
  const toolCalls = resolveToolCalls(reply.toolCalls);
  const text =
    reply.content ??
    (toolCalls.length > 0
      ? null
      : defaultContent({
          format: responsesOutputFormat(body?.text),
          userText: lastUserText(body?.input),
        }));
  const incompleteReason = INCOMPLETE_REASONS[reply.finishReason ?? ''];
  const itemStatus = incompleteReason === undefined ? 'completed' : 'incomplete';
  const usage = responseUsage(
    tokenCounts(
      reply.usage,
      responsesInputTokens(body),
      countMockTokens(text ?? '') + toolCallTokens(toolCalls),
    ),
  );

  const messageItem =
    text === null
      ? undefined
      : {
          id: mockId('msg_'),
          type: 'message',
          status: itemStatus,
          role: 'assistant',
          content: [outputText(text)],
        };
  const callItems = toolCalls.map((call) => ({
    id: mockId('fc_'),
    type: 'function_call',
    status: 'completed',
    call_id: call.id,
    name: call.name,
    arguments: call.arguments,
  }));
  const output = [...(messageItem ? [messageItem] : []), ...callItems];
  const createdAt = unixSeconds();
  const base = {
    id: mockId('resp_'),
    object: 'response',
    created_at: createdAt,
    background: false,
    error: null,
    instructions: body?.instructions ?? null,
    max_output_tokens: body?.max_output_tokens ?? null,
    metadata: body?.metadata ?? {},
    model: reply.model ?? (typeof body?.model === 'string' ? body.model : DEFAULT_MODEL),
    parallel_tool_calls: body?.parallel_tool_calls ?? true,
    previous_response_id: body?.previous_response_id ?? null,
    reasoning: { effort: body?.reasoning?.effort ?? null, summary: null },
    service_tier: 'default',
    store: body?.store ?? true,
    temperature: body?.temperature ?? 1,
    text: body?.text ?? { format: { type: 'text' } },
    tool_choice: body?.tool_choice ?? 'auto',
    tools: body?.tools ?? [],
    top_p: body?.top_p ?? 1,
    truncation: body?.truncation ?? 'disabled',
    user: body?.user ?? null,
  };
  const final = {
    ...base,
    status: itemStatus,
    completed_at: incompleteReason === undefined ? createdAt : null,
    incomplete_details: incompleteReason === undefined ? null : { reason: incompleteReason },
    output,
    usage,
  };
  if (body?.stream !== true) return { kind: 'json', status: 200, body: final };

  const events: SseEvent[] = [];
  const emit = (type: string, payload: Record<string, unknown>) =>
    events.push(sseData({ type, sequence_number: events.length, ...payload }, type));
  const pending = {
    ...base,
    status: 'in_progress',
    completed_at: null,
    incomplete_details: null,
    output: [],
    usage: null,
  };
  emit('response.created', { response: pending });
  emit('response.in_progress', { response: pending });
  output.forEach((item, output_index) => {
    if (item.type === 'message' && text !== null) {
      const at = { item_id: item.id, output_index, content_index: 0 };
      emit('response.output_item.added', {
        output_index,
        item: { ...item, status: 'in_progress', content: [] },
      });
      emit('response.content_part.added', { ...at, part: outputText('') });
      for (const delta of splitIntoChunks(text)) {
        emit('response.output_text.delta', { ...at, delta, logprobs: [] });
      }
      emit('response.output_text.done', { ...at, text, logprobs: [] });
      emit('response.content_part.done', { ...at, part: outputText(text) });
    } else if ('call_id' in item) {
      emit('response.output_item.added', {
        output_index,
        item: { ...item, status: 'in_progress', arguments: '' },
      });
      for (const delta of splitIntoChunks(item.arguments)) {
        emit('response.function_call_arguments.delta', { item_id: item.id, output_index, delta });
      }
      emit('response.function_call_arguments.done', {
        item_id: item.id,
        output_index,
        name: item.name,
        arguments: item.arguments,
      });
    }
    emit('response.output_item.done', { output_index, item });
  });
  emit(incompleteReason === undefined ? 'response.completed' : 'response.incomplete', {
    response: final,
  });
  return { kind: 'sse', events };
};

function outputText(text: string) {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}
