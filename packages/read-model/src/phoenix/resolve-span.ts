import { nanosToMillis } from '../langfuse/resolve-observation';
import type { ReceivedAttributeValue, ReceivedSpan } from '../otlp/received-span';
import { setOwn } from '../set-own';
import { flatText, readFlat } from './flat-attributes';
import { withGenAiConversion } from './gen-ai-conversion';
import { OI } from './phoenix-keys';
import { readMessages } from './phoenix-messages';
import {
  inputOf,
  jsonAttributeOf,
  outputOf,
  parsedLoosely,
  sessionIdOf,
  spanKindOf,
  userIdOf,
} from './phoenix-values';
import type { PhoenixFeatures } from './phoenix-version';
import type { PhoenixSpan, PhoenixTokenCounts } from './phoenix-view';
import { pythonInt } from './python-text';

type Attributes = Record<string, ReceivedAttributeValue>;

const STATUS = ['UNSET', 'OK', 'ERROR'] as const;

function copy(attributes: Readonly<Attributes> | undefined): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes ?? {})) setOwn(out, key, value);
  return out;
}

function tokensOf(attributes: Attributes): PhoenixTokenCounts {
  const tokens: PhoenixTokenCounts = {};
  const pairs = [
    ['prompt', OI.tokenPrompt],
    ['completion', OI.tokenCompletion],
    ['total', OI.tokenTotal],
    ['cacheRead', OI.tokenCacheRead],
    ['cacheWrite', OI.tokenCacheWrite],
    ['reasoning', OI.tokenReasoning],
  ] as const;
  for (const [name, key] of pairs) {
    const n = pythonInt(readFlat(attributes, key));
    if (n !== undefined) tokens[name] = n;
  }
  return tokens;
}

function tagsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * The counts Phoenix adds up for a span: `int(value or 0)` of `llm.token_count.prompt` and
 * `.completion`, 0 when that fails.
 */
export function ownTokenCounts(span: PhoenixSpan): { prompt: number; completion: number } {
  return {
    prompt: pythonInt(readFlat(span.attributes, OI.tokenPrompt)) ?? 0,
    completion: pythonInt(readFlat(span.attributes, OI.tokenCompletion)) ?? 0,
  };
}

/**
 * One span as Phoenix shows it (contract §8, Phoenix). From 15.10 the OpenInference keys that
 * Phoenix synthesises from `gen_ai.*` keys are added first, the span's own keys winning.
 */
export function resolveSpan(span: ReceivedSpan, features: PhoenixFeatures): PhoenixSpan {
  const own = copy(span.attributes);
  const attributes = features.genAiConversion
    ? withGenAiConversion(own, { reasoningParts: features.genAiReasoningParts })
    : own;
  const read = (key: string) => readFlat(attributes, key);
  const statusCode = STATUS[span.status?.code as 0 | 1 | 2] ?? 'UNSET';
  const metadata = jsonAttributeOf(read(OI.metadata), features.keepsEmptyJson);
  const toolParameters = jsonAttributeOf(read(OI.toolParameters), features.keepsEmptyJson);
  const invocation = read(OI.invocationParameters);
  return {
    id: span.spanId,
    traceId: span.traceId,
    ...defined('parentId', span.parentSpanId || undefined),
    name: span.name,
    kind: spanKindOf(read(OI.spanKind)),
    statusCode,
    ...defined('statusMessage', span.status?.message || undefined),
    startTime: nanosToMillis(span.startTimeUnixNano),
    endTime: nanosToMillis(span.endTimeUnixNano),
    ...defined('modelName', flatText(read(OI.modelName))),
    ...defined('provider', flatText(read(OI.provider))),
    ...defined('invocationParameters', parsedLoosely(invocation)),
    tokens: tokensOf(attributes),
    ...defined('input', inputOf(read(OI.inputValue), read(OI.inputMimeType))),
    ...defined('output', outputOf(read(OI.outputValue), read(OI.outputMimeType))),
    inputMessages: readMessages(attributes, OI.inputMessages),
    outputMessages: readMessages(attributes, OI.outputMessages),
    ...defined('toolName', flatText(read(OI.toolName))),
    ...defined('toolParameters', toolParameters),
    ...defined('sessionId', sessionIdOf(read(OI.sessionId))),
    ...defined('userId', userIdOf(read(OI.userId))),
    tags: tagsOf(read(OI.tags)),
    ...defined('metadata', metadata),
    attributes,
  };
}
