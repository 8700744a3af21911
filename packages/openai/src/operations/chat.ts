import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_OPERATIONS, LANGFUSE_OBSERVATION_ATTRIBUTES } from '@threadline/core/adapter';
import { writeBoundedJson } from '../messages/bounded-json';
import { chatInputMessages, chatOutputMessage } from '../messages/chat-messages';
import type { GenAiMessage } from '../messages/genai-message';
import { writeTextAnswer } from '../messages/text-answer-json';
import { writeTextInput } from '../messages/text-input-json';
import { toolDefinitions } from '../messages/tool-definitions';
import { OPENAI_SPAN_ATTRIBUTES } from '../span-keys';
import { ChoicesStreamRecorder, oneOrAll, writeChoicesResponse } from './choices';
import type { Operation } from './operation';
import { writeCallOptions, writeRequestModel, writeRequestParameters } from './request-parameters';
import { writeContent } from './response-summary';
import { isRecord } from './values';

const PARAMETERS: ReadonlySet<string> = new Set([
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'n',
  'reasoning_effort',
]);

/** The assistant message as recorded: role, content, refusal and tool calls, nothing parsed. */
function assistantMessage(message: unknown): Record<string, unknown> | undefined {
  if (!isRecord(message)) return undefined;
  const out: Record<string, unknown> = {
    role: message.role ?? 'assistant',
    content: message.content,
  };
  if (message.refusal != null) out.refusal = message.refusal;
  if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
    out.tool_calls = message.tool_calls;
  }
  return out;
}

/**
 * A parsed answer that is text alone: what {@link writeTextAnswer} writes exactly as the
 * general path would (no refusal, tool or function call, or audio, all of which add parts).
 */
function isTextAnswer(message: unknown): message is { role: string; content: string } {
  if (!isRecord(message)) return false;
  return (
    typeof message.role === 'string' &&
    typeof message.content === 'string' &&
    message.refusal == null &&
    message.audio == null &&
    message.function_call == null &&
    !(Array.isArray(message.tool_calls) && message.tool_calls.length > 0)
  );
}

interface ToolCallParts {
  id?: string;
  type: string;
  function: { name: string; arguments: string };
}

/** A streamed assistant message, put together from deltas (only when content is captured). */
class MessageParts {
  role = 'assistant';
  content: string | null = null;
  refusal: string | null = null;
  toolCalls: ToolCallParts[] | undefined;

  add(delta: Record<string, any>): void {
    if (typeof delta.role === 'string') this.role = delta.role;
    if (typeof delta.content === 'string') this.content = (this.content ?? '') + delta.content;
    if (typeof delta.refusal === 'string') this.refusal = (this.refusal ?? '') + delta.refusal;
    if (!Array.isArray(delta.tool_calls)) return;
    for (const call of delta.tool_calls) {
      if (!isRecord(call)) continue;
      this.toolCalls ??= [];
      const index = typeof call.index === 'number' ? call.index : this.toolCalls.length;
      let parts = this.toolCalls[index];
      if (!parts) {
        parts = { type: 'function', function: { name: '', arguments: '' } };
        this.toolCalls[index] = parts;
      }
      if (typeof call.id === 'string') parts.id = call.id;
      if (typeof call.type === 'string') parts.type = call.type;
      const fn = call.function;
      if (isRecord(fn)) {
        if (typeof fn.name === 'string') parts.function.name += fn.name;
        if (typeof fn.arguments === 'string') parts.function.arguments += fn.arguments;
      }
    }
  }

  /** Only text so far: no refusal, no tool call. */
  isText(): this is MessageParts & { content: string } {
    return typeof this.content === 'string' && this.refusal === null && !this.toolCalls;
  }

  toMessage(): Record<string, unknown> {
    const toolCalls = this.toolCalls?.filter(Boolean);
    return assistantMessage({
      role: this.role,
      content: this.content,
      refusal: this.refusal,
      tool_calls: toolCalls,
    })!;
  }
}

/** Chat chunks: the assistant messages are put together only when content is captured. */
class ChatStreamRecorder extends ChoicesStreamRecorder {
  private readonly messages: MessageParts[] | undefined;

  constructor(capture: boolean) {
    super(true);
    this.messages = capture ? [] : undefined;
  }

  protected onChoice(choice: Record<string, any>, index: number): void {
    if (!this.messages || !isRecord(choice.delta)) return;
    let parts = this.messages[index];
    if (!parts) {
      parts = new MessageParts();
      this.messages[index] = parts;
    }
    parts.add(choice.delta);
  }

  protected flushOutput(out: Attributes, finishReasons: readonly string[]): void {
    if (!this.messages) return;
    const only = this.messages.length === 1 ? this.messages[0] : undefined;
    if (only?.isText() && writeTextAnswer(only.role, only.content, finishReasons[0], out)) return;
    const messages: Record<string, unknown>[] = [];
    const outputs: GenAiMessage[] = [];
    // Indexed by choice: a choice that sent nothing yet is a hole, skipped.
    this.messages.forEach((parts, index) => {
      const message = parts.toMessage();
      messages.push(message);
      outputs.push(chatOutputMessage(message, finishReasons[index]));
    });
    if (messages.length === 0) return;
    writeContent(LANGFUSE_OBSERVATION_ATTRIBUTES.OUTPUT, oneOrAll(messages), out);
    writeBoundedJson(OPENAI_SPAN_ATTRIBUTES.OUTPUT_MESSAGES, outputs, out);
  }
}

/** `chat.completions.create` and `chat.completions.parse`. */
export const CHAT_OPERATION: Operation = {
  name: GEN_AI_OPERATIONS.CHAT,
  observationType: 'generation',

  requestAttributes(body, capture, out) {
    writeRequestModel(body, out);
    writeRequestParameters(body, PARAMETERS, out);
    writeCallOptions(body, 'chat_completions', body.response_format, out);
    if (!capture) return;
    const tools = Array.isArray(body.tools) && body.tools.length > 0 ? body.tools : undefined;
    if (tools || !writeTextInput(body.messages, out)) {
      const input = tools ? { messages: body.messages, tools } : body.messages;
      writeContent(LANGFUSE_OBSERVATION_ATTRIBUTES.INPUT, input, out);
      writeBoundedJson(
        OPENAI_SPAN_ATTRIBUTES.INPUT_MESSAGES,
        chatInputMessages(body.messages),
        out,
      );
    }
    // Most requests name no tool: no definitions to look for.
    if (body.tools === undefined && body.functions === undefined) return;
    writeBoundedJson(
      OPENAI_SPAN_ATTRIBUTES.TOOL_DEFINITIONS,
      toolDefinitions(body.tools, body.functions),
      out,
    );
  },

  responseAttributes(response, capture, out) {
    if (!isRecord(response)) return undefined;
    const choices = writeChoicesResponse(response, true, out);
    if (capture && choices.length === 1) {
      const { message, finish_reason: reason } = choices[0]!;
      const finishReason = typeof reason === 'string' ? reason : undefined;
      if (
        isTextAnswer(message) &&
        writeTextAnswer(message.role, message.content, finishReason, out)
      )
        return undefined;
    }
    if (capture && choices.length > 0) {
      const messages = choices.map((c) => assistantMessage(c.message) ?? null);
      writeContent(LANGFUSE_OBSERVATION_ATTRIBUTES.OUTPUT, oneOrAll(messages), out);
      const outputs = choices.map((c) => chatOutputMessage(c.message, c.finish_reason));
      writeBoundedJson(OPENAI_SPAN_ATTRIBUTES.OUTPUT_MESSAGES, outputs, out);
    }
    return undefined;
  },

  streamRecorder: (capture) => new ChatStreamRecorder(capture),
};
