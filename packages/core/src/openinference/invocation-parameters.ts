import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_ATTRIBUTES as G, LANGFUSE_OBSERVATION_ATTRIBUTES } from '../keys/genai-keys';
import { parseJson } from './bounded-text';
import { GEN_AI_CONTENT_KEYS } from './source-keys';

/** GenAI request keys and the request-body names OpenInference shows them under. */
const PARAMETERS: ReadonlyArray<readonly [string, string]> = [
  [G.REQUEST_MODEL, 'model'],
  [G.REQUEST_TEMPERATURE, 'temperature'],
  [G.REQUEST_TOP_P, 'top_p'],
  [GEN_AI_CONTENT_KEYS.REQUEST_TOP_K, 'top_k'],
  [G.REQUEST_MAX_TOKENS, 'max_tokens'],
  [G.REQUEST_FREQUENCY_PENALTY, 'frequency_penalty'],
  [G.REQUEST_PRESENCE_PENALTY, 'presence_penalty'],
  [G.REQUEST_STOP_SEQUENCES, 'stop'],
  [G.REQUEST_SEED, 'seed'],
  [G.REQUEST_CHOICE_COUNT, 'n'],
  [GEN_AI_CONTENT_KEYS.REQUEST_STREAM, 'stream'],
];

/**
 * `llm.invocation_parameters`: the request parameters as one JSON object, from the Langfuse
 * model parameters an adapter wrote and the GenAI request keys (which win). Undefined when the
 * span names none.
 */
export function invocationParameters(attributes: Attributes): string | undefined {
  const parsed = parseJson(attributes[LANGFUSE_OBSERVATION_ATTRIBUTES.MODEL_PARAMETERS]);
  const out: Record<string, unknown> =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
  let any = Object.keys(out).length > 0;
  for (const [key, name] of PARAMETERS) {
    const value = attributes[key];
    if (value !== undefined) {
      out[name] = value;
      any = true;
    }
  }
  return any ? JSON.stringify(out) : undefined;
}
