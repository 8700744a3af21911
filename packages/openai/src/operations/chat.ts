import type { Attributes } from '@opentelemetry/api';
import {
  GEN_AI_ATTRIBUTES,
  GEN_AI_OPERATIONS,
  LANGFUSE_OBSERVATION_ATTRIBUTES,
  toContentAttribute,
} from '@threadline/core';
import { OPENAI_SPAN_ATTRIBUTES } from '../span-keys';
import type { Operation, StreamRecorder } from './operation';
import {
  writeRequestModel,
  writeRequestParameters,
  writeResponseIdentity,
} from './request-parameters';
import { writeUsage } from './usage';
import { isRecord, stringOr } from './values';

const PARAMETERS = [
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
] as const;

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

/** One message for one choice, the list for several (`n > 1`). */
function outputOf(messages: unknown[]): unknown {
  return messages.length === 1 ? messages[0] : messages;
}

function writeServiceInfo(tier: unknown, fingerprint: unknown, out: Attributes): void {
  const serviceTier = stringOr(tier);
  if (serviceTier !== undefined) out[OPENAI_SPAN_ATTRIBUTES.RESPONSE_SERVICE_TIER] = serviceTier;
  const systemFingerprint = stringOr(fingerprint);
  if (systemFingerprint !== undefined) {
    out[OPENAI_SPAN_ATTRIBUTES.RESPONSE_SYSTEM_FINGERPRINT] = systemFingerprint;
  }
}

function writeOutput(value: unknown, out: Attributes): void {
  const json = toContentAttribute(value);
  if (json !== undefined) out[LANGFUSE_OBSERVATION_ATTRIBUTES.OUTPUT] = json;
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

/**
 * Chat chunks: id, model and finish reasons from every chunk, usage from the last one (sent
 * only when the request asked for `stream_options.include_usage`). Text is kept only when
 * content is captured.
 */
class ChatStreamRecorder implements StreamRecorder {
  private id: unknown;
  private model: unknown;
  private serviceTier: unknown;
  private fingerprint: unknown;
  private usage: unknown;
  private readonly finishReasons: string[] = [];
  private readonly messages: MessageParts[] | undefined;

  constructor(capture: boolean) {
    this.messages = capture ? [] : undefined;
  }

  onItem(chunk: unknown): void {
    if (!isRecord(chunk)) return;
    if (this.id === undefined) {
      this.id = chunk.id;
      this.model = chunk.model;
      this.serviceTier = chunk.service_tier;
      this.fingerprint = chunk.system_fingerprint;
    }
    if (chunk.usage != null) this.usage = chunk.usage;
    const choices = chunk.choices;
    if (!Array.isArray(choices)) return;
    for (const choice of choices) {
      if (!isRecord(choice)) continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      if (typeof choice.finish_reason === 'string')
        this.finishReasons[index] = choice.finish_reason;
      if (this.messages && isRecord(choice.delta)) {
        let parts = this.messages[index];
        if (!parts) {
          parts = new MessageParts();
          this.messages[index] = parts;
        }
        parts.add(choice.delta);
      }
    }
  }

  flush(out: Attributes): undefined {
    writeResponseIdentity(this.id, this.model, out);
    writeServiceInfo(this.serviceTier, this.fingerprint, out);
    const reasons = this.finishReasons.filter(Boolean);
    if (reasons.length > 0) out[GEN_AI_ATTRIBUTES.RESPONSE_FINISH_REASONS] = reasons;
    writeUsage(this.usage, out);
    const messages = this.messages?.filter(Boolean);
    if (messages && messages.length > 0)
      writeOutput(outputOf(messages.map((m) => m.toMessage())), out);
    return undefined;
  }
}

/** `chat.completions.create` and `chat.completions.parse`. */
export const CHAT_OPERATION: Operation = {
  name: GEN_AI_OPERATIONS.CHAT,
  observationType: 'generation',

  requestAttributes(body, capture, out) {
    writeRequestModel(body, out);
    writeRequestParameters(body, PARAMETERS, out);
    if (!capture) return;
    const tools = Array.isArray(body.tools) && body.tools.length > 0 ? body.tools : undefined;
    const input = toContentAttribute(tools ? { messages: body.messages, tools } : body.messages);
    if (input !== undefined) out[LANGFUSE_OBSERVATION_ATTRIBUTES.INPUT] = input;
  },

  responseAttributes(response, capture, out) {
    if (!isRecord(response)) return undefined;
    writeResponseIdentity(response.id, response.model, out);
    writeServiceInfo(response.service_tier, response.system_fingerprint, out);
    const choices = Array.isArray(response.choices) ? response.choices.filter(isRecord) : [];
    const reasons = choices.map((c) => c.finish_reason).filter((r) => typeof r === 'string');
    if (reasons.length > 0) out[GEN_AI_ATTRIBUTES.RESPONSE_FINISH_REASONS] = reasons;
    writeUsage(response.usage, out);
    if (capture && choices.length > 0) {
      writeOutput(outputOf(choices.map((c) => assistantMessage(c.message) ?? null)), out);
    }
    return undefined;
  },

  streamRecorder: (capture) => new ChatStreamRecorder(capture),
};
