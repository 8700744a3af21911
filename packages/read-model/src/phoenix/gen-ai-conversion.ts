import type { ReceivedAttributeValue } from '../otlp/received-span';
import { setOwn } from '../set-own';
import { flattenGenAiMessage, genAiMessages, genAiSystemMessage } from './gen-ai-messages';
import {
  GEN_AI,
  GEN_AI_OPERATION_KINDS,
  GEN_AI_PROVIDERS,
  GEN_AI_REQUEST_PARAMETERS,
  OI,
} from './phoenix-keys';
import { pythonInt, pythonJsonDumps, pythonStr, pythonTruthy } from './python-text';

type Attributes = Readonly<Record<string, ReceivedAttributeValue>>;
type Out = Record<string, ReceivedAttributeValue>;

const JSON_MIME = 'application/json';

function get(attributes: Attributes, key: string): ReceivedAttributeValue | undefined {
  return Object.hasOwn(attributes, key) ? attributes[key] : undefined;
}

/** `str(value)` when present, else undefined. */
function optionalStr(attributes: Attributes, key: string): string | undefined {
  const value = get(attributes, key);
  return value === undefined ? undefined : pythonStr(value);
}

/** Token counts: integers, integer-valued floats and integer strings; never booleans. */
function genAiInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  return typeof value === 'string' ? pythonInt(value) : undefined;
}

function stringSequence(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.map(pythonStr);
  return undefined;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inferKind(attributes: Attributes): string | undefined {
  const operation = optionalStr(attributes, GEN_AI.operationName);
  if (operation !== undefined) {
    return Object.hasOwn(GEN_AI_OPERATION_KINDS, operation)
      ? GEN_AI_OPERATION_KINDS[operation]
      : undefined;
  }
  const present = (key: string) => pythonTruthy(get(attributes, key));
  if (present(GEN_AI.toolCallId) || present(GEN_AI.toolName)) return 'TOOL';
  if (present(GEN_AI.retrievalDocuments) || present(GEN_AI.retrievalQueryText)) return 'RETRIEVER';
  if (get(attributes, GEN_AI.embeddingsDimensionCount) !== undefined) return 'EMBEDDING';
  if (
    present(GEN_AI.inputMessages) ||
    present(GEN_AI.outputMessages) ||
    present(GEN_AI.requestModel)
  ) {
    return 'LLM';
  }
  return undefined;
}

function base(attributes: Attributes, out: Out): void {
  let providerName = optionalStr(attributes, GEN_AI.providerName);
  if (providerName === undefined) {
    const legacy = optionalStr(attributes, GEN_AI.system);
    providerName = legacy?.toLowerCase();
  }
  if (providerName !== undefined) {
    const [provider, system] = Object.hasOwn(GEN_AI_PROVIDERS, providerName)
      ? GEN_AI_PROVIDERS[providerName]!
      : [undefined, providerName];
    if (provider !== undefined) out[OI.provider] = provider;
    if (system !== undefined) out[OI.system] = system;
  }
  const conversation = optionalStr(attributes, GEN_AI.conversationId);
  if (conversation) out[OI.sessionId] = conversation;
}

function invocationParameters(attributes: Attributes): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const [key, name] of GEN_AI_REQUEST_PARAMETERS) {
    const value = get(attributes, key);
    if (value !== undefined) parameters[name] = value;
  }
  const stop = stringSequence(get(attributes, GEN_AI.stopSequences));
  if (stop && stop.length > 0) parameters.stop = stop;
  const formats = stringSequence(get(attributes, GEN_AI.encodingFormats));
  if (formats && formats.length === 1) parameters.encoding_format = formats[0];
  else if (formats && formats.length > 1) parameters.encoding_formats = formats;
  const outputType = optionalStr(attributes, GEN_AI.outputType);
  if (outputType === 'json') parameters.response_format = { type: 'json_object' };
  else if (outputType === 'text') parameters.response_format = { type: 'text' };
  return parameters;
}

function request(attributes: Attributes, kind: string | undefined, out: Out): void {
  const embedding = kind === 'EMBEDDING';
  const model = optionalStr(attributes, GEN_AI.requestModel);
  if (model) out[embedding ? OI.embeddingModelName : OI.modelName] = model;
  const parameters = invocationParameters(attributes);
  if (Object.keys(parameters).length > 0) {
    out[embedding ? OI.embeddingInvocationParameters : OI.invocationParameters] =
      pythonJsonDumps(parameters);
  }
}

function usage(attributes: Attributes, out: Out): void {
  const input = genAiInt(get(attributes, GEN_AI.inputTokens));
  const output = genAiInt(get(attributes, GEN_AI.outputTokens));
  const cacheRead = genAiInt(get(attributes, GEN_AI.cacheReadTokens));
  const cacheWrite = genAiInt(get(attributes, GEN_AI.cacheCreationTokens));
  if (input !== undefined) out[OI.tokenPrompt] = input;
  if (output !== undefined) out[OI.tokenCompletion] = output;
  if (input !== undefined && output !== undefined) out[OI.tokenTotal] = input + output;
  if (cacheRead !== undefined) out[OI.tokenCacheRead] = cacheRead;
  if (cacheWrite !== undefined) out[OI.tokenCacheWrite] = cacheWrite;
}

function messages(attributes: Attributes, reasoningParts: boolean, out: Out): void {
  const options = { reasoningParts };
  const input = [
    genAiSystemMessage(get(attributes, GEN_AI.systemInstructions)),
    ...genAiMessages(get(attributes, GEN_AI.inputMessages), false),
  ].filter((message) => message !== undefined);
  input.forEach((message, i) => {
    Object.assign(out, flattenGenAiMessage(message, OI.inputMessages, i, options));
  });
  genAiMessages(get(attributes, GEN_AI.outputMessages), true).forEach((message, i) => {
    Object.assign(out, flattenGenAiMessage(message, OI.outputMessages, i, options));
  });
}

function response(attributes: Attributes, out: Out): void {
  const reasons = stringSequence(get(attributes, GEN_AI.finishReasons));
  if (reasons && reasons.length === 1) out[OI.finishReason] = reasons[0]!;
  else if (reasons && reasons.length > 1) out[OI.finishReason] = reasons;
  // Phoenix shows the response's id and model as the span's output when nothing else gives one;
  // a session's "last output" then reads {"id": …, "model": …}.
  const payload: Record<string, string> = {};
  const id = optionalStr(attributes, GEN_AI.responseId);
  const model = optionalStr(attributes, GEN_AI.responseModel);
  if (id) payload.id = id;
  if (model) payload.model = model;
  if (Object.keys(payload).length > 0) {
    out[OI.outputValue] = pythonJsonDumps(payload);
    out[OI.outputMimeType] = JSON_MIME;
  }
}

function tool(attributes: Attributes, kind: string | undefined, out: Out): void {
  if (kind !== 'TOOL') return;
  const name = optionalStr(attributes, GEN_AI.toolName);
  const description = optionalStr(attributes, GEN_AI.toolDescription);
  const callId = optionalStr(attributes, GEN_AI.toolCallId);
  if (name) out[OI.toolName] = name;
  if (description) out[OI.toolDescription] = description;
  if (callId) out[OI.toolId] = callId;
  const rawArguments = get(attributes, GEN_AI.toolCallArguments);
  if (rawArguments !== undefined) {
    const parsed = parseJson(rawArguments);
    out[OI.toolParameters] = isMapping(parsed)
      ? pythonJsonDumps(parsed)
      : typeof rawArguments === 'string'
        ? rawArguments
        : pythonJsonDumps(rawArguments);
  }
  const result = get(attributes, GEN_AI.toolCallResult);
  if (result !== undefined) {
    out[OI.outputValue] = typeof result === 'string' ? result : pythonJsonDumps(result);
    const parsed = parseJson(result);
    if (typeof parsed === 'object' && parsed !== null) out[OI.outputMimeType] = JSON_MIME;
  }
}

function retrieval(attributes: Attributes, kind: string | undefined, out: Out): void {
  if (kind !== 'RETRIEVER') return;
  const query = optionalStr(attributes, GEN_AI.retrievalQueryText);
  if (query) {
    out[OI.inputValue] = query;
    out[OI.inputMimeType] = 'text/plain';
  }
}

/**
 * The OpenInference keys Phoenix (from 15.10) synthesises from a span's `gen_ai.*` keys: span
 * kind from the operation, provider, session from `gen_ai.conversation.id`, model, invocation
 * parameters, token counts, messages, the response's id and model as output, and the tool and
 * retrieval keys. Not modelled: tool definitions (`llm.tools`) and retrieved documents.
 *
 * A span without any `gen_ai.*` key gets nothing. JSON nested too deep to convert gives nothing.
 */
export function genAiToOpenInference(
  attributes: Attributes,
  options: { reasoningParts: boolean },
): Out {
  if (!Object.keys(attributes).some((key) => key.startsWith('gen_ai.'))) return {};
  const out: Out = {};
  try {
    const kind = inferKind(attributes);
    if (kind !== undefined) out[OI.spanKind] = kind;
    base(attributes, out);
    request(attributes, kind, out);
    usage(attributes, out);
    messages(attributes, options.reasoningParts, out);
    response(attributes, out);
    tool(attributes, kind, out);
    retrieval(attributes, kind, out);
  } catch {
    return {};
  }
  return out;
}

/** The span's attributes with the synthesised keys it lacks added (its own keys win, key by key). */
export function withGenAiConversion(
  attributes: Attributes,
  options: { reasoningParts: boolean },
): Record<string, ReceivedAttributeValue> {
  const merged: Record<string, ReceivedAttributeValue> = {};
  for (const [key, value] of Object.entries(attributes)) setOwn(merged, key, value);
  for (const [key, value] of Object.entries(genAiToOpenInference(attributes, options))) {
    if (!Object.hasOwn(merged, key)) setOwn(merged, key, value);
  }
  return merged;
}
