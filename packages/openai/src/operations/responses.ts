import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_OPERATIONS, LANGFUSE_OBSERVATION_ATTRIBUTES } from '@threadline/core/adapter';
import { writeBoundedJson } from '../messages/bounded-json';
import { textPart } from '../messages/genai-message';
import {
  responsesInputMessages,
  responsesOutputMessages,
  responsesSystemInstructions,
} from '../messages/responses-messages';
import { toolDefinitions } from '../messages/tool-definitions';
import { OPENAI_SPAN_ATTRIBUTES } from '../span-keys';
import type { Operation, StreamRecorder } from './operation';
import {
  writeCallOptions,
  writeRequestModel,
  writeRequestParameters,
  writeResponseIdentity,
} from './request-parameters';
import { writeContent, writeResponseSummary } from './response-summary';
import { isRecord, stringOr } from './values';

const PARAMETERS: ReadonlySet<string> = new Set([
  'temperature',
  'top_p',
  'max_output_tokens',
  'reasoning',
]);

// Events that carry the finished response, whatever its outcome.
const FINAL_EVENTS: ReadonlySet<unknown> = new Set([
  'response.completed',
  'response.incomplete',
  'response.failed',
]);
const STARTED_EVENTS: ReadonlySet<unknown> = new Set([
  'response.created',
  'response.queued',
  'response.in_progress',
]);

/**
 * The Responses API reports a status, not a finish reason; it is mapped onto the chat
 * vocabulary that GenAI backends know: `stop`, `tool_calls`, `length`, `content_filter`,
 * `error`, else the status itself (`cancelled`, `queued`, `in_progress`).
 */
export function responseFinishReason(response: Record<string, any>): string | undefined {
  switch (response.status) {
    case 'completed': {
      const output = Array.isArray(response.output) ? response.output : [];
      return output.some((item: any) => item?.type === 'function_call') ? 'tool_calls' : 'stop';
    }
    case 'incomplete': {
      const reason = isRecord(response.incomplete_details)
        ? response.incomplete_details.reason
        : undefined;
      return reason === 'max_output_tokens' ? 'length' : (stringOr(reason) ?? 'incomplete');
    }
    case 'failed':
      return 'error';
    default:
      return stringOr(response.status);
  }
}

function failureOf(response: Record<string, any>): string | undefined {
  if (response.status !== 'failed') return undefined;
  const error = response.error;
  return (isRecord(error) ? stringOr(error.message) : undefined) ?? 'response failed';
}

function writeResponse(response: Record<string, any>, capture: boolean, out: Attributes) {
  const reason = responseFinishReason(response);
  writeResponseSummary(
    {
      id: response.id,
      model: response.model,
      serviceTier: response.service_tier,
      finishReasons: reason === undefined ? [] : [reason],
      usage: response.usage,
    },
    out,
  );
  if (capture && Array.isArray(response.output)) {
    writeContent(LANGFUSE_OBSERVATION_ATTRIBUTES.OUTPUT, response.output, out);
    writeBoundedJson(
      OPENAI_SPAN_ATTRIBUTES.OUTPUT_MESSAGES,
      responsesOutputMessages(response.output, reason),
      out,
    );
  }
  return failureOf(response);
}

/**
 * Responses API events: the final `response.completed` / `.incomplete` / `.failed` event
 * carries the whole response (usage and output included), so nothing is kept but the text
 * deltas when content is captured, for a stream that stops before its end.
 */
class ResponsesStreamRecorder implements StreamRecorder {
  private id: unknown;
  private model: unknown;
  private final: Record<string, any> | undefined;
  private failure: string | undefined;
  private text: string | undefined;

  constructor(private readonly capture: boolean) {}

  onItem(event: unknown): void {
    if (!isRecord(event)) return;
    const type = event.type;
    if (type === 'response.output_text.delta') {
      if (this.capture && typeof event.delta === 'string')
        this.text = (this.text ?? '') + event.delta;
    } else if (FINAL_EVENTS.has(type)) {
      if (isRecord(event.response)) this.final = event.response;
    } else if (STARTED_EVENTS.has(type)) {
      if (isRecord(event.response) && this.id === undefined) {
        this.id = event.response.id;
        this.model = event.response.model;
      }
    } else if (type === 'error') {
      this.failure = stringOr(event.message) ?? 'stream error';
    }
  }

  flush(out: Attributes): string | undefined {
    if (this.final) return writeResponse(this.final, this.capture, out) ?? this.failure;
    writeResponseIdentity(this.id, this.model, out);
    if (this.text !== undefined) {
      const partial = [
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: this.text }] },
      ];
      writeContent(LANGFUSE_OBSERVATION_ATTRIBUTES.OUTPUT, partial, out);
      // No finish reason: the stream stopped before the model said why it would.
      const message = { role: 'assistant', parts: [textPart(this.text)] };
      writeBoundedJson(OPENAI_SPAN_ATTRIBUTES.OUTPUT_MESSAGES, [message], out);
    }
    return this.failure;
  }
}

/** `responses.create`. */
export const RESPONSES_OPERATION: Operation = {
  name: GEN_AI_OPERATIONS.CHAT,
  observationType: 'generation',

  requestAttributes(body, capture, out) {
    writeRequestModel(body, out);
    writeRequestParameters(body, PARAMETERS, out);
    writeCallOptions(body, 'responses', isRecord(body.text) ? body.text.format : undefined, out);
    if (!capture) return;
    writeBoundedJson(
      OPENAI_SPAN_ATTRIBUTES.SYSTEM_INSTRUCTIONS,
      responsesSystemInstructions(body.instructions),
      out,
    );
    writeBoundedJson(OPENAI_SPAN_ATTRIBUTES.TOOL_DEFINITIONS, toolDefinitions(body.tools), out);
    if (body.input === undefined) return;
    writeBoundedJson(
      OPENAI_SPAN_ATTRIBUTES.INPUT_MESSAGES,
      responsesInputMessages(body.input),
      out,
    );
    const instructions = stringOr(body.instructions);
    const input = instructions === undefined ? body.input : { instructions, input: body.input };
    writeContent(LANGFUSE_OBSERVATION_ATTRIBUTES.INPUT, input, out);
  },

  responseAttributes(response, capture, out) {
    return isRecord(response) ? writeResponse(response, capture, out) : undefined;
  },

  streamRecorder: (capture) => new ResponsesStreamRecorder(capture),
};
