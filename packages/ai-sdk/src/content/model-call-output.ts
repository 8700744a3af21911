import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { toBoundedJson } from '@threadline/core/adapter';
import {
  finishReasonOf,
  type GenAiMessage,
  type GenAiPart,
  isRecord,
  textPart,
  toolCallPart,
} from './genai-message';

/** The keys of an ai 5/6 model call's answer, which the SDK sets in one or two batches. */
const OUTPUT_KEYS = [
  'ai.response.text',
  'ai.response.reasoning',
  'ai.response.toolCalls',
  'ai.response.object',
  'ai.response.finishReason',
] as const;

type OutputKey = (typeof OUTPUT_KEYS)[number];

const OUTPUT_KEY_SET: ReadonlySet<string> = new Set(OUTPUT_KEYS);

function toolCallPartsOf(json: string): GenAiPart[] {
  let calls: unknown;
  try {
    calls = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(calls)) return [];
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
  private readonly recorded: Partial<Record<OutputKey, string>> = {};

  /** Notes one attribute the SDK set on the span (any key; the answer's are kept). */
  note(key: string, value: AttributeValue | undefined): void {
    if (typeof value === 'string' && OUTPUT_KEY_SET.has(key)) {
      this.recorded[key as OutputKey] = value;
    }
  }

  /** Notes the answer's keys among `attributes`. */
  noteAll(attributes: Attributes): void {
    for (const key of OUTPUT_KEYS) {
      const value = attributes[key];
      if (typeof value === 'string') this.recorded[key] = value;
    }
  }

  /**
   * `gen_ai.output.messages`: one assistant message (reasoning, text or the generated object,
   * tool calls) with its `finish_reason`, as bounded JSON; undefined when no answer was
   * recorded. Never throws.
   */
  messagesJson(): string | undefined {
    const { recorded } = this;
    const parts: GenAiPart[] = [];
    if (recorded['ai.response.reasoning']) {
      parts.push({ type: 'reasoning', content: recorded['ai.response.reasoning'] });
    }
    const text = recorded['ai.response.text'] ?? recorded['ai.response.object'];
    if (text) parts.push(textPart(text));
    if (recorded['ai.response.toolCalls']) {
      parts.push(...toolCallPartsOf(recorded['ai.response.toolCalls']));
    }
    if (parts.length === 0) return undefined;
    const message: GenAiMessage = {
      role: 'assistant',
      parts,
      finish_reason: finishReasonOf(recorded['ai.response.finishReason']),
    };
    return toBoundedJson([message], { masked: true });
  }
}
