import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_ATTRIBUTES, LANGFUSE_OBSERVATION_ATTRIBUTES } from '@threadline/core';

type Bag = Record<string, unknown> | undefined;

/** Request parameters recorded, by the names LangChain integrations use in invocation params. */
const PARAMETERS: ReadonlyArray<readonly [name: string, aliases: readonly string[], key?: string]> =
  [
    ['temperature', ['temperature'], GEN_AI_ATTRIBUTES.REQUEST_TEMPERATURE],
    ['top_p', ['top_p', 'topP'], GEN_AI_ATTRIBUTES.REQUEST_TOP_P],
    ['top_k', ['top_k', 'topK']],
    [
      'max_tokens',
      ['max_tokens', 'max_completion_tokens', 'maxTokens', 'max_output_tokens', 'maxOutputTokens'],
      GEN_AI_ATTRIBUTES.REQUEST_MAX_TOKENS,
    ],
    [
      'frequency_penalty',
      ['frequency_penalty', 'frequencyPenalty'],
      GEN_AI_ATTRIBUTES.REQUEST_FREQUENCY_PENALTY,
    ],
    [
      'presence_penalty',
      ['presence_penalty', 'presencePenalty'],
      GEN_AI_ATTRIBUTES.REQUEST_PRESENCE_PENALTY,
    ],
    ['stop', ['stop', 'stop_sequences', 'stopSequences'], GEN_AI_ATTRIBUTES.REQUEST_STOP_SEQUENCES],
    ['seed', ['seed'], GEN_AI_ATTRIBUTES.REQUEST_SEED],
    ['n', ['n'], GEN_AI_ATTRIBUTES.REQUEST_CHOICE_COUNT],
    ['reasoning_effort', ['reasoning_effort', 'reasoningEffort']],
  ];

/** The `ls_*` metadata keys LangChain chat models report for the same parameters. */
const LS_PARAMETERS: Readonly<Record<string, string>> = {
  temperature: 'ls_temperature',
  max_tokens: 'ls_max_tokens',
  stop: 'ls_stop',
};

function first(bag: Bag, keys: readonly string[]): unknown {
  if (!bag) return undefined;
  for (const key of keys) {
    const value = bag[key];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

function isParameterValue(value: unknown): value is string | number | boolean | string[] {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');
}

/** What a model call is asked to do, as far as LangChain reports it at the start of the run. */
export interface ModelRequest {
  model: string | undefined;
  provider: string | undefined;
  parameters: Record<string, string | number | boolean | string[]>;
}

/**
 * Model and request parameters of a chat model or LLM run, from `extraParams.invocation_params`
 * (what the integration sends), then the run metadata (`ls_model_name`, `ls_provider`,
 * `ls_temperature`, …), then the serialized constructor arguments.
 */
export function readModelRequest(
  extraParams: Bag,
  metadata: Bag,
  serialized: { kwargs?: unknown } | undefined,
): ModelRequest {
  const invocation = extraParams?.invocation_params as Bag;
  const kwargs =
    serialized && typeof serialized.kwargs === 'object' ? (serialized.kwargs as Bag) : undefined;
  const model =
    first(invocation, ['model', 'model_name', 'modelName', 'model_id', 'modelId']) ??
    first(metadata, ['ls_model_name']) ??
    first(kwargs, ['model', 'model_name', 'modelName']);
  const provider = first(metadata, ['ls_provider']);
  const parameters: ModelRequest['parameters'] = {};
  for (const [name, aliases] of PARAMETERS) {
    let value = first(invocation, aliases);
    if (value === undefined && LS_PARAMETERS[name]) value = first(metadata, [LS_PARAMETERS[name]]);
    if (typeof value === 'string' && name === 'stop') value = [value];
    if (isParameterValue(value)) parameters[name] = value;
  }
  return {
    model: typeof model === 'string' && model ? model : undefined,
    provider: typeof provider === 'string' && provider ? provider : undefined,
    parameters,
  };
}

/** The span attributes of a model request (SPEC §7). */
export function modelRequestAttributes(request: ModelRequest, attributes: Attributes): void {
  if (request.provider) attributes[GEN_AI_ATTRIBUTES.PROVIDER_NAME] = request.provider;
  if (request.model) {
    attributes[GEN_AI_ATTRIBUTES.REQUEST_MODEL] = request.model;
    attributes[LANGFUSE_OBSERVATION_ATTRIBUTES.MODEL_NAME] = request.model;
  }
  let any = false;
  for (const [name, , key] of PARAMETERS) {
    const value = request.parameters[name];
    if (value === undefined) continue;
    any = true;
    if (key) attributes[key] = value;
  }
  if (any) {
    attributes[LANGFUSE_OBSERVATION_ATTRIBUTES.MODEL_PARAMETERS] = JSON.stringify(
      request.parameters,
    );
  }
}
