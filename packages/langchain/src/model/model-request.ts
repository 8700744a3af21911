import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_ATTRIBUTES, LANGFUSE_OBSERVATION_ATTRIBUTES } from '@threadline/core/adapter';
import { GEN_AI_EXTRA_ATTRIBUTES } from '../gen-ai-keys';
import { genAiProviderName } from './provider-name';

type Bag = Record<string, unknown> | undefined;

/** A request parameter: its name in Threadline's JSON, the keys integrations use, its GenAI key. */
interface Parameter {
  readonly name: string;
  readonly aliases: readonly string[];
  /** The `ls_*` run metadata key LangChain chat models report the same value under. */
  readonly lsKey?: string;
  readonly attribute?: string;
}

/** Request parameters recorded, by the names LangChain integrations use in invocation params. */
const PARAMETERS: readonly Parameter[] = [
  {
    name: 'temperature',
    aliases: ['temperature'],
    lsKey: 'ls_temperature',
    attribute: GEN_AI_ATTRIBUTES.REQUEST_TEMPERATURE,
  },
  { name: 'top_p', aliases: ['top_p', 'topP'], attribute: GEN_AI_ATTRIBUTES.REQUEST_TOP_P },
  {
    name: 'top_k',
    aliases: ['top_k', 'topK'],
    attribute: GEN_AI_EXTRA_ATTRIBUTES.REQUEST_TOP_K,
  },
  {
    name: 'max_tokens',
    aliases: [
      'max_tokens',
      'max_completion_tokens',
      'maxTokens',
      'max_output_tokens',
      'maxOutputTokens',
    ],
    lsKey: 'ls_max_tokens',
    attribute: GEN_AI_ATTRIBUTES.REQUEST_MAX_TOKENS,
  },
  {
    name: 'frequency_penalty',
    aliases: ['frequency_penalty', 'frequencyPenalty'],
    attribute: GEN_AI_ATTRIBUTES.REQUEST_FREQUENCY_PENALTY,
  },
  {
    name: 'presence_penalty',
    aliases: ['presence_penalty', 'presencePenalty'],
    attribute: GEN_AI_ATTRIBUTES.REQUEST_PRESENCE_PENALTY,
  },
  {
    name: 'stop',
    aliases: ['stop', 'stop_sequences', 'stopSequences'],
    lsKey: 'ls_stop',
    attribute: GEN_AI_ATTRIBUTES.REQUEST_STOP_SEQUENCES,
  },
  { name: 'seed', aliases: ['seed'], attribute: GEN_AI_ATTRIBUTES.REQUEST_SEED },
  { name: 'n', aliases: ['n'], attribute: GEN_AI_ATTRIBUTES.REQUEST_CHOICE_COUNT },
  { name: 'reasoning_effort', aliases: ['reasoning_effort', 'reasoningEffort'] },
];

const MODEL_KEYS = ['model', 'model_name', 'modelName', 'model_id', 'modelId'];
const KWARGS_MODEL_KEYS = ['model', 'model_name', 'modelName'];
const LS_MODEL_NAME = ['ls_model_name'];
const LS_PROVIDER = ['ls_provider'];

function first(bag: Bag, keys: readonly string[]): unknown {
  if (!bag) return undefined;
  for (let i = 0; i < keys.length; i++) {
    const value = bag[keys[i]!];
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
    first(invocation, MODEL_KEYS) ??
    first(metadata, LS_MODEL_NAME) ??
    first(kwargs, KWARGS_MODEL_KEYS);
  const provider = first(metadata, LS_PROVIDER);
  const parameters: ModelRequest['parameters'] = {};
  for (let i = 0; i < PARAMETERS.length; i++) {
    const { name, aliases, lsKey } = PARAMETERS[i]!;
    let value = invocation ? first(invocation, aliases) : undefined;
    if (value === undefined && lsKey !== undefined && metadata)
      value = metadata[lsKey] ?? undefined;
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && name === 'stop') value = [value];
    if (isParameterValue(value)) parameters[name] = value;
  }
  return {
    model: typeof model === 'string' && model ? model : undefined,
    provider: typeof provider === 'string' && provider ? provider : undefined,
    parameters,
  };
}

/** The span attributes of a model request (docs/contract.md#adapter-spans). */
export function modelRequestAttributes(request: ModelRequest, attributes: Attributes): void {
  if (request.provider) {
    attributes[GEN_AI_ATTRIBUTES.PROVIDER_NAME] = genAiProviderName(request.provider);
  }
  if (request.model) {
    attributes[GEN_AI_ATTRIBUTES.REQUEST_MODEL] = request.model;
    attributes[LANGFUSE_OBSERVATION_ATTRIBUTES.MODEL_NAME] = request.model;
  }
  let any = false;
  for (let i = 0; i < PARAMETERS.length; i++) {
    const { name, attribute } = PARAMETERS[i]!;
    const value = request.parameters[name];
    if (value === undefined) continue;
    any = true;
    if (attribute) attributes[attribute] = value;
  }
  if (any) {
    attributes[LANGFUSE_OBSERVATION_ATTRIBUTES.MODEL_PARAMETERS] = JSON.stringify(
      request.parameters,
    );
  }
}
