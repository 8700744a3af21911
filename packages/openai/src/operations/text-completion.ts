import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_OPERATIONS, LANGFUSE_OBSERVATION_ATTRIBUTES } from '@threadline/core/adapter';
import { writeBoundedJson } from '../messages/bounded-json';
import { completionOutputMessage, promptMessages } from '../messages/completion-messages';
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
  'stop',
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'n',
  'best_of',
]);

/** The choices' texts, with the finish reason of each (indexed alike). */
function writeOutput(
  texts: string[],
  finishReasons: ReadonlyArray<unknown>,
  out: Attributes,
): void {
  writeContent(LANGFUSE_OBSERVATION_ATTRIBUTES.OUTPUT, oneOrAll(texts), out);
  const messages = texts.map((text, i) => completionOutputMessage(text, finishReasons[i]));
  writeBoundedJson(OPENAI_SPAN_ATTRIBUTES.OUTPUT_MESSAGES, messages, out);
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

  protected flushOutput(out: Attributes, finishReasons: readonly string[]): void {
    if (this.texts && this.texts.length > 0) {
      writeOutput(
        Array.from(this.texts, (t) => t ?? ''),
        finishReasons,
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
    writeCallOptions(body, 'completions', undefined, out);
    if (!capture || body.prompt === undefined) return;
    writeContent(LANGFUSE_OBSERVATION_ATTRIBUTES.INPUT, body.prompt, out);
    writeBoundedJson(OPENAI_SPAN_ATTRIBUTES.INPUT_MESSAGES, promptMessages(body.prompt), out);
  },

  responseAttributes(response, capture, out) {
    if (!isRecord(response)) return undefined;
    const choices = writeChoicesResponse(response, false, out);
    if (capture && choices.length > 0)
      writeOutput(
        choices.map((c) => (typeof c.text === 'string' ? c.text : '')),
        choices.map((c) => c.finish_reason),
        out,
      );
    return undefined;
  },

  streamRecorder: (capture) => new TextCompletionStreamRecorder(capture),
};
