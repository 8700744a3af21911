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

/** The tool calls of an assistant message (`tool_calls`, or the legacy `function_call`). */
function addToolCalls(message: Record<string, any>, parts: GenAiPart[]): void {
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (!isRecord(call)) continue;
      if (isRecord(call.function)) {
        parts.push(toolCallPart(call.id, call.function.name, call.function.arguments));
      } else if (isRecord(call.custom)) {
        parts.push(toolCallPart(call.id, call.custom.name, call.custom.input, false));
      }
    }
  }
  if (isRecord(message.function_call)) {
    parts.push(
      toolCallPart(undefined, message.function_call.name, message.function_call.arguments),
    );
  }
}

/** Parts of an assistant message: its text (or refusal), its audio transcript, its tool calls. */
function assistantParts(message: Record<string, any>): GenAiPart[] {
  const parts: GenAiPart[] = [];
  // An empty text beside tool calls says nothing; alone, it is the (empty) answer.
  const calls = Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
  if (!(calls && message.content === '')) addContentParts(message.content, parts);
  if (typeof message.refusal === 'string') parts.push(textPart(message.refusal));
  if (isRecord(message.audio) && typeof message.audio.transcript === 'string') {
    parts.push(textPart(message.audio.transcript));
  }
  addToolCalls(message, parts);
  return parts;
}

/** One chat message as a GenAI input message. */
function inputMessage(message: Record<string, any>): GenAiMessage {
  const role = stringOr(message.role) ?? 'user';
  let out: GenAiMessage;
  if (role === 'tool') {
    out = { role, parts: [toolResponsePart(message.tool_call_id, toolResult(message.content))] };
  } else if (role === 'function') {
    // The legacy function result: a tool result that names its function instead of a call id.
    out = { role: 'tool', parts: [toolResponsePart(undefined, toolResult(message.content))] };
  } else if (role === 'assistant') {
    out = { role, parts: assistantParts(message) };
  } else {
    const parts: GenAiPart[] = [];
    addContentParts(message.content, parts);
    out = { role, parts };
  }
  const name = stringOr(message.name);
  if (name !== undefined) out.name = name;
  return out;
}

/**
 * A chat request's `messages` as `gen_ai.input.messages`, in order. System and developer
 * messages stay in place: the conventions keep instructions that are part of the chat history
 * there (`gen_ai.system_instructions` is for instructions given apart from it).
 */
export function chatInputMessages(messages: unknown): GenAiMessage[] | undefined {
  if (!Array.isArray(messages)) return undefined;
  const out: GenAiMessage[] = [];
  for (const message of messages) if (isRecord(message)) out.push(inputMessage(message));
  return out;
}

/** One choice's message (parsed, or put together from a stream) as a GenAI output message. */
export function chatOutputMessage(message: unknown, finishReason: unknown): GenAiMessage {
  const record = isRecord(message) ? message : {};
  const out: GenAiMessage = {
    role: stringOr(record.role) ?? 'assistant',
    parts: assistantParts(record),
  };
  // A stream left early has no finish reason yet: the model did not say why it would stop.
  if (typeof finishReason === 'string') out.finish_reason = outputFinishReason(finishReason);
  return out;
}
