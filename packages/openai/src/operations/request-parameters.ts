import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_ATTRIBUTES, LANGFUSE_OBSERVATION_ATTRIBUTES } from '@threadline/core/adapter';
import { OPENAI_SPAN_ATTRIBUTES } from '../span-keys';
import { isRecord, numberOr, stopSequences, stringOr } from './values';

// Request fields that have a GenAI key; the three output limits share one.
const NUMERIC_KEYS: Readonly<Record<string, string>> = {
  temperature: GEN_AI_ATTRIBUTES.REQUEST_TEMPERATURE,
  top_p: GEN_AI_ATTRIBUTES.REQUEST_TOP_P,
  max_tokens: GEN_AI_ATTRIBUTES.REQUEST_MAX_TOKENS,
  max_completion_tokens: GEN_AI_ATTRIBUTES.REQUEST_MAX_TOKENS,
  max_output_tokens: GEN_AI_ATTRIBUTES.REQUEST_MAX_TOKENS,
  frequency_penalty: GEN_AI_ATTRIBUTES.REQUEST_FREQUENCY_PENALTY,
  presence_penalty: GEN_AI_ATTRIBUTES.REQUEST_PRESENCE_PENALTY,
  seed: GEN_AI_ATTRIBUTES.REQUEST_SEED,
  n: GEN_AI_ATTRIBUTES.REQUEST_CHOICE_COUNT,
};

/** Writes the request model (`gen_ai.request.model` and the Langfuse model name). */
export function writeRequestModel(body: Record<string, any>, out: Attributes): void {
  const model = stringOr(body.model);
  if (model === undefined) return;
  out[GEN_AI_ATTRIBUTES.REQUEST_MODEL] = model;
  out[LANGFUSE_OBSERVATION_ATTRIBUTES.MODEL_NAME] = model;
}

/**
 * Writes the request parameters named in `names` that the body sets: the GenAI key of each,
 * and all of them as `langfuse.observation.model.parameters` (JSON, under the API's names).
 * `reasoning` (Responses API) is recorded as `reasoning_effort`.
 */
export function writeRequestParameters(
  body: Record<string, any>,
  names: ReadonlySet<string>,
  out: Attributes,
): void {
  const parameters: Record<string, unknown> = {};
  let any = false;
  // Over the body's own few keys: reading each of a dozen names a body rarely sets costs a
  // lookup miss apiece, microseconds per call in all.
  for (const name in body) {
    if (!names.has(name)) continue;
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (name === 'stop') {
      const stop = stopSequences(value);
      if (stop === undefined) continue;
      out[GEN_AI_ATTRIBUTES.REQUEST_STOP_SEQUENCES] = stop;
      parameters.stop = stop;
      any = true;
    } else if (name === 'reasoning') {
      const effort = isRecord(value) ? stringOr(value.effort) : undefined;
      if (effort === undefined) continue;
      parameters.reasoning_effort = effort;
      any = true;
    } else if (NUMERIC_KEYS[name] !== undefined) {
      const number = numberOr(value);
      if (number === undefined) continue;
      out[NUMERIC_KEYS[name]] = number;
      parameters[name] = number;
      any = true;
    } else if (typeof value === 'string' || typeof value === 'number') {
      parameters[name] = value;
      any = true;
    }
  }
  if (any) out[LANGFUSE_OBSERVATION_ATTRIBUTES.MODEL_PARAMETERS] = JSON.stringify(parameters);
}

/** `gen_ai.output.type` of a `response_format` (chat) or `text.format` (Responses API). */
function outputType(format: unknown): string | undefined {
  const type = isRecord(format) ? format.type : undefined;
  if (type === 'json_schema' || type === 'json_object') return 'json';
  return type === 'text' ? 'text' : undefined;
}

/**
 * Writes how the call was made: which API (`openai.api.type`), streamed or not, the service
 * tier asked for (unless `auto`) and the output type `format` asks for.
 */
export function writeCallOptions(
  body: Record<string, any>,
  apiType: string,
  format: unknown,
  out: Attributes,
): void {
  out[OPENAI_SPAN_ATTRIBUTES.API_TYPE] = apiType;
  if (body.stream === true) out[OPENAI_SPAN_ATTRIBUTES.REQUEST_STREAM] = true;
  const tier = stringOr(body.service_tier);
  if (tier !== undefined && tier !== 'auto')
    out[OPENAI_SPAN_ATTRIBUTES.REQUEST_SERVICE_TIER] = tier;
  const type = outputType(format);
  if (type !== undefined) out[OPENAI_SPAN_ATTRIBUTES.OUTPUT_TYPE] = type;
}

/** Writes the response id and model; the answering model also becomes the Langfuse model name. */
export function writeResponseIdentity(id: unknown, model: unknown, out: Attributes): void {
  const responseId = stringOr(id);
  if (responseId !== undefined) out[GEN_AI_ATTRIBUTES.RESPONSE_ID] = responseId;
  const responseModel = stringOr(model);
  if (responseModel !== undefined) {
    out[GEN_AI_ATTRIBUTES.RESPONSE_MODEL] = responseModel;
    // Langfuse prices the dated model that answered more precisely than the requested alias.
    out[LANGFUSE_OBSERVATION_ATTRIBUTES.MODEL_NAME] = responseModel;
  }
}
