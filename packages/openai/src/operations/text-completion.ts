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
  'stop',
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'n',
  'best_of',
] as const;

function writeOutput(texts: unknown[], out: Attributes): void {
  const json = toContentAttribute(texts.length === 1 ? texts[0] : texts);
  if (json !== undefined) out[LANGFUSE_OBSERVATION_ATTRIBUTES.OUTPUT] = json;
}

function writeFingerprint(value: unknown, out: Attributes): void {
  const fingerprint = stringOr(value);
  if (fingerprint !== undefined)
    out[OPENAI_SPAN_ATTRIBUTES.RESPONSE_SYSTEM_FINGERPRINT] = fingerprint;
}

/** Legacy completion chunks; text is kept only when content is captured. */
class TextCompletionStreamRecorder implements StreamRecorder {
  private id: unknown;
  private model: unknown;
  private fingerprint: unknown;
  private usage: unknown;
  private readonly finishReasons: string[] = [];
  private readonly texts: string[] | undefined;

  constructor(capture: boolean) {
    this.texts = capture ? [] : undefined;
  }

  onItem(chunk: unknown): void {
    if (!isRecord(chunk)) return;
    if (this.id === undefined) {
      this.id = chunk.id;
      this.model = chunk.model;
      this.fingerprint = chunk.system_fingerprint;
    }
    if (chunk.usage != null) this.usage = chunk.usage;
    if (!Array.isArray(chunk.choices)) return;
    for (const choice of chunk.choices) {
      if (!isRecord(choice)) continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      if (typeof choice.finish_reason === 'string')
        this.finishReasons[index] = choice.finish_reason;
      if (this.texts && typeof choice.text === 'string') {
        this.texts[index] = (this.texts[index] ?? '') + choice.text;
      }
    }
  }

  flush(out: Attributes): undefined {
    writeResponseIdentity(this.id, this.model, out);
    writeFingerprint(this.fingerprint, out);
    const reasons = this.finishReasons.filter(Boolean);
    if (reasons.length > 0) out[GEN_AI_ATTRIBUTES.RESPONSE_FINISH_REASONS] = reasons;
    writeUsage(this.usage, out);
    if (this.texts && this.texts.length > 0)
      writeOutput(
        Array.from(this.texts, (t) => t ?? ''),
        out,
      );
    return undefined;
  }
}

/** The legacy `completions.create`. */
export const TEXT_COMPLETION_OPERATION: Operation = {
  name: GEN_AI_OPERATIONS.TEXT_COMPLETION,
  observationType: 'generation',

  requestAttributes(body, capture, out) {
    writeRequestModel(body, out);
    writeRequestParameters(body, PARAMETERS, out);
    if (!capture || body.prompt === undefined) return;
    const input = toContentAttribute(body.prompt);
    if (input !== undefined) out[LANGFUSE_OBSERVATION_ATTRIBUTES.INPUT] = input;
  },

  responseAttributes(response, capture, out) {
    if (!isRecord(response)) return undefined;
    writeResponseIdentity(response.id, response.model, out);
    writeFingerprint(response.system_fingerprint, out);
    const choices = Array.isArray(response.choices) ? response.choices.filter(isRecord) : [];
    const reasons = choices.map((c) => c.finish_reason).filter((r) => typeof r === 'string');
    if (reasons.length > 0) out[GEN_AI_ATTRIBUTES.RESPONSE_FINISH_REASONS] = reasons;
    writeUsage(response.usage, out);
    if (capture && choices.length > 0)
      writeOutput(
        choices.map((c) => c.text ?? ''),
        out,
      );
    return undefined;
  },

  streamRecorder: (capture) => new TextCompletionStreamRecorder(capture),
};
