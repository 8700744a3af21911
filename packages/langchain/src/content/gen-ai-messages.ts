import { contentParts, type GenAiPart, onlyText } from './gen-ai-parts';
import { isMessageLike, type MessageLike, messageRole, toPlain } from './to-plain';

/** A GenAI chat message: a role and its parts (`gen_ai.input.messages` / `.output.messages`). */
export interface GenAiMessage {
  role: string;
  parts: GenAiPart[];
  name?: string;
  finish_reason?: string;
}

/** What a model call was given, in GenAI terms. */
export interface GenAiInput {
  /**
   * The chat history, system messages included: LangChain passes them in the history, and the
   * conventions keep instructions that are part of the history in `gen_ai.input.messages`
   * (`gen_ai.system_instructions` is for instructions an API takes apart from it).
   */
  messages: GenAiMessage[];
}

interface ToolCallLike {
  id?: unknown;
  name?: unknown;
  args?: unknown;
}

/** Roles the conventions know as `system`. */
const SYSTEM_ROLES = new Set(['system', 'developer']);

function toolCallParts(calls: unknown): GenAiPart[] {
  if (!Array.isArray(calls)) return [];
  const parts: GenAiPart[] = [];
  for (const call of calls as ToolCallLike[]) {
    if (typeof call?.name !== 'string') continue;
    const part: GenAiPart = { type: 'tool_call', name: call.name, arguments: toPlain(call.args) };
    if (typeof call.id === 'string' && call.id) part.id = call.id;
    parts.push(part);
  }
  return parts;
}

/** A tool's answer: its text when it is only text, else its content as JSON data. */
function toolResponse(content: unknown): GenAiPart {
  const text = Array.isArray(content) ? onlyText(contentParts(content)) : undefined;
  return { type: 'tool_call_response', response: text ?? toPlain(content) };
}

/**
 * One LangChain message as a GenAI message: `human` → `user`; `ai` → `assistant`, its tool
 * calls as `tool_call` parts; `tool` (and the older `function`) → `tool`, with one
 * `tool_call_response` part; other roles keep their name.
 */
export function toGenAiMessage(message: MessageLike): GenAiMessage {
  const role = messageRole(message);
  const out: GenAiMessage = { role, parts: [] };
  if (SYSTEM_ROLES.has(role)) out.role = 'system';
  if (role === 'tool' || role === 'function') {
    out.role = 'tool';
    const response = toolResponse(message.content);
    if (typeof message.tool_call_id === 'string' && message.tool_call_id) {
      response.id = message.tool_call_id;
    }
    out.parts.push(response);
  } else {
    out.parts = contentParts(message.content);
    if (role === 'assistant') out.parts.push(...toolCallParts(message.tool_calls));
  }
  if (typeof message.name === 'string' && message.name) out.name = message.name;
  return out;
}

/**
 * The input of a model run as GenAI messages. Chat models get
 * LangChain messages; text-completion models get prompt strings, each taken as a user message.
 * LangGraph's `remove` markers are no messages and are left out.
 */
export function toGenAiInput(input: readonly unknown[]): GenAiInput {
  const result: GenAiInput = { messages: [] };
  for (const item of input) {
    if (typeof item === 'string') {
      result.messages.push({ role: 'user', parts: contentParts(item) });
      continue;
    }
    if (typeof item !== 'object' || item === null || !isMessageLike(item)) continue;
    const role = messageRole(item);
    if (role === 'remove') continue;
    result.messages.push(toGenAiMessage(item));
  }
  return result;
}
