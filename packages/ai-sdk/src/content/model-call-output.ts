import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { MAX_CONTENT_CHARS, toBoundedJson } from '@threadline/core/adapter';
import {
  finishReasonOf,
  type GenAiMessage,
  type GenAiPart,
  isRecord,
  textPart,
  toolCallPart,
} from './genai-message';
import { toolCallsJson } from './prompt-json';

const NO_PARTS: readonly GenAiPart[] = [];

function toolCallPartsOf(json: string): readonly GenAiPart[] {
  let calls: unknown;
  try {
    calls = JSON.parse(json);
  } catch {
    return NO_PARTS;
  }
  if (!Array.isArray(calls)) return NO_PARTS;
  const parts: GenAiPart[] = [];
  for (const call of calls) {
    if (isRecord(call)) parts.push(toolCallPart(call.toolCallId, call.toolName, call.input));
  }
  return parts;
}

/**
 * What an ai 5/6 model call (`doGenerate` / `doStream` span) recorded of its answer, gathered
 * as the SDK sets it, for `gen_ai.output.messages` when the span ends: the SDK writes no GenAI
 * content key of its own. It records the answer only when recording outputs is on, so with it
 * off there is nothing to write.
 */
export class ModelCallOutput {
  // One field per answer key, read and written by name: a loop over the key names made a
  // keyed lookup per name on every batch the SDK writes, and a keyed store per key noted.
  private text: string | undefined;
  private reasoning: string | undefined;
  private toolCalls: string | undefined;
  private object: string | undefined;
  private finishReason: string | undefined;
  /** The recorded `ai.response.toolCalls` is the SDK's own JSON (no mask rewrote it). */
  private canonicalCalls = false;

  /**
   * Notes one attribute the SDK set on the span (any key; the answer's are kept).
   * `canonical`: the value is the SDK's own, no mask rewrote it.
   */
  note(key: string, value: AttributeValue | undefined, canonical = false): void {
    if (typeof value !== 'string') return;
    switch (key) {
      case 'ai.response.text':
        this.text = value;
        break;
      case 'ai.response.reasoning':
        this.reasoning = value;
        break;
      case 'ai.response.toolCalls':
        this.toolCalls = value;
        this.canonicalCalls = canonical;
        break;
      case 'ai.response.object':
        this.object = value;
        break;
      case 'ai.response.finishReason':
        this.finishReason = value;
        break;
    }
  }

  /** Notes the answer's keys among `attributes` (`canonical`: as for {@link note}). */
  noteAll(attributes: Attributes, canonical = false): void {
    const text = attributes['ai.response.text'];
    if (typeof text === 'string') this.text = text;
    const reasoning = attributes['ai.response.reasoning'];
    if (typeof reasoning === 'string') this.reasoning = reasoning;
    const toolCalls = attributes['ai.response.toolCalls'];
    if (typeof toolCalls === 'string') {
      this.toolCalls = toolCalls;
      this.canonicalCalls = canonical;
    }
    const object = attributes['ai.response.object'];
    if (typeof object === 'string') this.object = object;
    const finishReason = attributes['ai.response.finishReason'];
    if (typeof finishReason === 'string') this.finishReason = finishReason;
  }

  /**
   * `gen_ai.output.messages`: one assistant message (reasoning, text or the generated object,
   * tool calls) with its `finish_reason`, as bounded JSON; undefined when no answer was
   * recorded. Never throws.
   *
   * Why by hand: this runs for every model call. The JSON is written straight from the strings
   * the SDK recorded, the same text `JSON.stringify` of the message makes, without building the
   * message first; only an answer too long for the bound takes the general path, which cuts it.
   */
  messagesJson(): string | undefined {
    const { reasoning, toolCalls: calls } = this;
    const text = this.text ?? this.object;
    // The SDK's own JSON of the calls is taken as it is; any other is parsed and converted.
    const callsJson = calls && this.canonicalCalls ? toolCallsJson(calls) : undefined;
    let toolCalls = calls && callsJson === undefined ? toolCallPartsOf(calls) : NO_PARTS;
    if (!reasoning && !text && !callsJson && toolCalls.length === 0) return undefined;
    const finishReason = finishReasonOf(this.finishReason);
    try {
      let parts = reasoning ? `{"type":"reasoning","content":${JSON.stringify(reasoning)}}` : '';
      if (text) parts += `${parts && ','}{"type":"text","content":${JSON.stringify(text)}}`;
      if (callsJson) parts += `${parts && ','}${callsJson}`;
      else if (toolCalls.length > 0) {
        parts += `${parts && ','}${JSON.stringify(toolCalls).slice(1, -1)}`;
      }
      const json = `[{"role":"assistant","parts":[${parts}],"finish_reason":${JSON.stringify(finishReason)}}]`;
      if (json.length <= MAX_CONTENT_CHARS) return json;
    } catch {
      // The general path reports what cannot be serialised.
    }
    if (callsJson && calls) toolCalls = toolCallPartsOf(calls);
    const message: GenAiMessage = {
      role: 'assistant',
      parts: [
        ...(reasoning ? [{ type: 'reasoning', content: reasoning }] : []),
        ...(text ? [textPart(text)] : []),
        ...toolCalls,
      ],
      finish_reason: finishReason,
    };
    return toBoundedJson([message], { masked: true });
  }
}
