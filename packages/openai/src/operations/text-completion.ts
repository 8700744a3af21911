import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_OPERATIONS, LANGFUSE_OBSERVATION_ATTRIBUTES } from '@threadline/core/adapter';
import { ChoicesStreamRecorder, oneOrAll, writeChoicesResponse } from './choices';
import type { Operation } from './operation';
import { writeRequestModel, writeRequestParameters } from './request-parameters';
import { writeContent } from './response-summary';
import { isRecord } from './values';

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
  writeContent(LANGFUSE_OBSERVATION_ATTRIBUTES.OUTPUT, oneOrAll(texts), out);
}

/** Legacy completion chunks; text is kept only when content is captured. */
class TextCompletionStreamRecorder extends ChoicesStreamRecorder {
  private readonly texts: string[] | undefined;

  constructor(capture: boolean) {
    super(false);
    this.texts = capture ? [] : undefined;
  }

  protected onChoice(choice: Record<string, any>, index: number): void {
    if (this.texts && typeof choice.text === 'string') {
      this.texts[index] = (this.texts[index] ?? '') + choice.text;
    }
  }

  protected flushOutput(out: Attributes): void {
    if (this.texts && this.texts.length > 0) {
      writeOutput(
        Array.from(this.texts, (t) => t ?? ''),
        out,
      );
    }
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
    writeContent(LANGFUSE_OBSERVATION_ATTRIBUTES.INPUT, body.prompt, out);
  },

  responseAttributes(response, capture, out) {
    if (!isRecord(response)) return undefined;
    const choices = writeChoicesResponse(response, false, out);
    if (capture && choices.length > 0)
      writeOutput(
        choices.map((c) => c.text ?? ''),
        out,
      );
    return undefined;
  },

  streamRecorder: (capture) => new TextCompletionStreamRecorder(capture),
};
