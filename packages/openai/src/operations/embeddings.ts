import type { Attributes } from '@opentelemetry/api';
import {
  GEN_AI_ATTRIBUTES,
  GEN_AI_OPERATIONS,
  LANGFUSE_OBSERVATION_ATTRIBUTES,
  toContentAttribute,
} from '@threadline/core/adapter';
import { OPENAI_SPAN_ATTRIBUTES } from '../span-keys';
import type { Operation, StreamRecorder } from './operation';
import { writeCallOptions, writeRequestModel, writeResponseIdentity } from './request-parameters';
import { writeUsage } from './usage';
import { isRecord, numberOr, stringOr } from './values';

// Embeddings never stream; a recorder exists only to keep the Operation contract total.
const NO_STREAM: StreamRecorder = { onItem() {}, flush: () => undefined };

/**
 * `embeddings.create`. The vectors are never recorded (they are large and say nothing to a
 * reader); the input text is, when content is captured, as `langfuse.observation.input` only:
 * the GenAI conventions define no content attribute for embeddings.
 */
export const EMBEDDINGS_OPERATION: Operation = {
  name: GEN_AI_OPERATIONS.EMBEDDINGS,
  observationType: 'embedding',

  requestAttributes(body, capture, out: Attributes) {
    writeRequestModel(body, out);
    writeCallOptions(body, 'embeddings', undefined, out);
    const parameters: Record<string, unknown> = {};
    // Only a format the caller chose: the SDK asks for base64 on its own and decodes it.
    const format = stringOr(body.encoding_format);
    if (format !== undefined) {
      out[GEN_AI_ATTRIBUTES.REQUEST_ENCODING_FORMATS] = [format];
      parameters.encoding_format = format;
    }
    const dimensions = numberOr(body.dimensions);
    if (dimensions !== undefined) {
      out[OPENAI_SPAN_ATTRIBUTES.EMBEDDINGS_DIMENSION_COUNT] = dimensions;
      parameters.dimensions = dimensions;
    }
    if (format !== undefined || dimensions !== undefined) {
      out[LANGFUSE_OBSERVATION_ATTRIBUTES.MODEL_PARAMETERS] = JSON.stringify(parameters);
    }
    if (!capture) return;
    const input = toContentAttribute(body.input);
    if (input !== undefined) out[LANGFUSE_OBSERVATION_ATTRIBUTES.INPUT] = input;
  },

  responseAttributes(response, _capture, out) {
    if (!isRecord(response)) return undefined;
    writeResponseIdentity(undefined, response.model, out);
    writeUsage(response.usage, out);
    return undefined;
  },

  streamRecorder: () => NO_STREAM,
};
