import { asText } from './bounded-text';

/** A tool call an assistant message asked for. */
export interface ChatToolCall {
  readonly id?: string;
  readonly name?: string;
  /** JSON string. */
  readonly arguments?: string;
}

/** One chat message, whichever format it was recorded in. */
export interface ChatMessage {
  readonly role: string;
  /** The message's text parts, joined. */
  readonly content?: string;
  readonly toolCalls?: readonly ChatToolCall[];
  /** On a `tool` message: the call it answers. */
  readonly toolCallId?: string;
}

type Json = Record<string, unknown>;

const ROLE_OF_TYPE: Readonly<Record<string, string | undefined>> = {
  __proto__: null,
  human: 'user',
  ai: 'assistant',
  system: 'system',
  tool: 'tool',
} as never;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A tool call from a GenAI `tool_call` part, an AI SDK `tool-call` part or an OpenAI call. */
function toolCallOf(part: Json): ChatToolCall {
  const fn = isObject(part.function) ? part.function : undefined;
  return {
    id: str(part.id) ?? str(part.toolCallId),
    name: str(part.name) ?? str(part.toolName) ?? str(fn?.name),
    arguments: asText(part.arguments ?? part.input ?? part.args ?? fn?.arguments),
  };
}

/** The text of an AI SDK tool result's `output` (`{type: 'text' | 'json' | …, value}`). */
function toolResultText(part: Json): string | undefined {
  const output = part.output;
  if (isObject(output) && 'value' in output) return asText(output.value);
  return asText(output ?? part.result ?? part.response ?? part.content);
}

/**
 * Adds one recorded message to `out`: the GenAI form (`parts`), the AI SDK and OpenAI forms
 * (`content` as a string or an array of parts, `tool_calls`) and LangChain's plain form (`type`
 * for the role). Each tool result becomes a `tool` message of its own, as OpenInference has it.
 */
function addMessage(item: Json, out: ChatMessage[]): void {
  const role = str(item.role) ?? ROLE_OF_TYPE[String(item.type)];
  if (role === undefined) return;
  const texts: string[] = [];
  const toolCalls: ChatToolCall[] = [];
  const results: ChatMessage[] = [];
  const parts = Array.isArray(item.parts)
    ? item.parts
    : Array.isArray(item.content)
      ? item.content
      : undefined;
  if (typeof item.content === 'string' && item.content.length > 0) texts.push(item.content);
  for (const part of parts ?? []) {
    if (typeof part === 'string') {
      texts.push(part);
      continue;
    }
    if (!isObject(part)) continue;
    switch (part.type) {
      case 'text':
      // The OpenAI Responses API's message parts.
      case 'input_text':
      case 'output_text': {
        const text = str(part.content) ?? str(part.text);
        if (text !== undefined) texts.push(text);
        break;
      }
      case 'tool_call':
      case 'tool-call':
        toolCalls.push(toolCallOf(part));
        break;
      case 'tool_call_response':
      case 'tool-result':
        results.push({
          role: 'tool',
          toolCallId: str(part.id) ?? str(part.toolCallId),
          content: toolResultText(part),
        });
        break;
    }
  }
  if (Array.isArray(item.tool_calls)) {
    for (const call of item.tool_calls) if (isObject(call)) toolCalls.push(toolCallOf(call));
  }
  const toolCallId = str(item.tool_call_id);
  if (
    texts.length > 0 ||
    toolCalls.length > 0 ||
    toolCallId !== undefined ||
    results.length === 0
  ) {
    out.push({
      role,
      content: texts.length > 0 ? texts.join('\n') : undefined,
      toolCalls: toolCalls.length > 0 ? toolCalls : undefined,
      toolCallId,
    });
  }
  for (const result of results) out.push(result);
}

/**
 * Chat messages from a parsed content value: an array of messages, one message, or an object
 * that holds them (`{messages}` as LangGraph state and the OpenAI request have it,
 * `{system, prompt, messages}` as the AI SDK's `ai.prompt` has it). Undefined when the value
 * holds no message.
 */
export function toChatMessages(value: unknown): ChatMessage[] | undefined {
  const out: ChatMessage[] = [];
  if (Array.isArray(value)) {
    for (const item of value) if (isObject(item)) addMessage(item, out);
  } else if (isObject(value)) {
    if (typeof value.role === 'string' || typeof value.type === 'string') {
      addMessage(value, out);
    } else {
      const system = str(value.system);
      if (system !== undefined) out.push({ role: 'system', content: system });
      const prompt = value.prompt;
      if (typeof prompt === 'string' && prompt.length > 0) {
        out.push({ role: 'user', content: prompt });
      } else if (Array.isArray(prompt)) {
        out.push(...(toChatMessages(prompt) ?? []));
      }
      if (Array.isArray(value.messages)) out.push(...(toChatMessages(value.messages) ?? []));
    }
  }
  return out.length > 0 ? out : undefined;
}

/** The text of GenAI system instructions (`[{"type":"text","content":"…"}]`, or a string). */
export function systemInstructionsText(value: unknown): string | undefined {
  if (typeof value === 'string') return str(value);
  if (!Array.isArray(value)) return undefined;
  const texts: string[] = [];
  for (const part of value) {
    if (typeof part === 'string') texts.push(part);
    else if (isObject(part)) {
      const text = str(part.content) ?? str(part.text);
      if (text !== undefined) texts.push(text);
    }
  }
  return texts.length > 0 ? texts.join('\n') : undefined;
}

/** The text of the last message with one of `roles` that has text. */
export function lastText(
  messages: readonly ChatMessage[] | undefined,
  roles: readonly string[],
): string | undefined {
  if (!messages) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.content !== undefined && roles.includes(message.role)) return message.content;
  }
  return undefined;
}
