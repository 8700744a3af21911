import { isRecord, stringOr } from '../operations/values';
import { addContentParts, toolResult } from './content-parts';
import {
  type GenAiMessage,
  type GenAiPart,
  outputFinishReason,
  textPart,
  toolCallPart,
  toolResponsePart,
} from './genai-message';

/** The text of a reasoning item: its summary, else its (unencrypted) content. */
function reasoningText(item: Record<string, any>): string | undefined {
  for (const list of [item.summary, item.content]) {
    if (!Array.isArray(list)) continue;
    const texts: string[] = [];
    for (const part of list)
      if (isRecord(part) && typeof part.text === 'string') texts.push(part.text);
    if (texts.length > 0) return texts.join('\n');
  }
  return undefined;
}

/**
 * A non-message item as the part it puts into the model's turn (`assistant`) or into the
 * answers the application sent back (`tool`); undefined for an item that says nothing here.
 */
function itemPart(item: Record<string, any>): { role: string; part: GenAiPart } | undefined {
  const type = item.type;
  switch (type) {
    case 'function_call':
      return { role: 'assistant', part: toolCallPart(item.call_id, item.name, item.arguments) };
    case 'custom_tool_call':
      return { role: 'assistant', part: toolCallPart(item.call_id, item.name, item.input, false) };
    case 'function_call_output':
    case 'custom_tool_call_output':
      return { role: 'tool', part: toolResponsePart(item.call_id, toolResult(item.output)) };
    case 'reasoning': {
      const text = reasoningText(item);
      return text === undefined
        ? undefined
        : { role: 'assistant', part: { type: 'reasoning', content: text } };
    }
    default:
      // Built-in tools the provider ran (web search, file search, code interpreter, MCP, …).
      if (typeof type === 'string' && type.endsWith('_call')) {
        const part: GenAiPart = {
          type: 'server_tool_call',
          id: typeof item.id === 'string' ? item.id : null,
          name: stringOr(item.name) ?? type.slice(0, -'_call'.length),
          server_tool_call: { type },
        };
        return { role: 'assistant', part };
      }
      return undefined;
  }
}

/** Adds `part` to the last message if it has `role`, else to a new message of that role. */
function addToRole(messages: GenAiMessage[], role: string, part: GenAiPart): void {
  const last = messages[messages.length - 1];
  if (last && last.role === role) last.parts.push(part);
  else messages.push({ role, parts: [part] });
}

/**
 * A Responses API `input` (a string, or a list of items) as `gen_ai.input.messages`: messages
 * in order, a model's tool calls and reasoning in an assistant message, tool results in a tool
 * message; item references are left out.
 */
export function responsesInputMessages(input: unknown): GenAiMessage[] | undefined {
  if (typeof input === 'string') return [{ role: 'user', parts: [textPart(input)] }];
  if (!Array.isArray(input)) return undefined;
  const messages: GenAiMessage[] = [];
  for (const item of input) {
    if (typeof item === 'string') {
      messages.push({ role: 'user', parts: [textPart(item)] });
      continue;
    }
    if (!isRecord(item)) continue;
    if (typeof item.role === 'string' && (item.type === undefined || item.type === 'message')) {
      const parts: GenAiPart[] = [];
      addContentParts(item.content, parts);
      messages.push({ role: item.role, parts });
      continue;
    }
    const found = itemPart(item);
    if (found) addToRole(messages, found.role, found.part);
  }
  return messages;
}

/** The Responses API's `instructions` as `gen_ai.system_instructions` (a list of parts). */
export function responsesSystemInstructions(instructions: unknown): GenAiPart[] | undefined {
  return typeof instructions === 'string' && instructions.length > 0
    ? [textPart(instructions)]
    : undefined;
}

/**
 * A response's `output` items as `gen_ai.output.messages`: one assistant message (the Responses
 * API answers with one candidate) with its text, reasoning, tool calls and built-in tool calls
 * in order, and the response's finish reason.
 */
export function responsesOutputMessages(
  output: unknown,
  finishReason: string | undefined,
): GenAiMessage[] | undefined {
  if (!Array.isArray(output)) return undefined;
  const message: GenAiMessage = { role: 'assistant', parts: [] };
  for (const item of output) {
    if (!isRecord(item)) continue;
    if (item.type === 'message') {
      addContentParts(item.content, message.parts);
      continue;
    }
    const found = itemPart(item);
    if (found) message.parts.push(found.part);
  }
  if (finishReason !== undefined) message.finish_reason = outputFinishReason(finishReason);
  return [message];
}
