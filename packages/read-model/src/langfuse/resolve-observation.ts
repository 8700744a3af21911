import type { ReceivedSpan } from '../otlp/received-span';
import { setOwn } from '../set-own';
import {
  AI_SDK_SPAN_TYPES,
  COMPLETION_START_TIME_KEY,
  GEN_AI_OPERATION_TYPES,
  INPUT_KEYS,
  LEVEL_KEY,
  METADATA_PREFIXES,
  MODEL_KEYS,
  NON_METADATA_KEYS,
  OBSERVATION_TYPE_KEY,
  OPENINFERENCE_KIND_TYPES,
  OUTPUT_KEYS,
  SESSION_KEYS,
  STATUS_MESSAGE_KEY,
  USAGE_DETAILS_KEY,
  USAGE_FAMILIES,
  USER_KEYS,
} from './langfuse-keys';
import type { LangfuseLevel, LangfuseObservation, LangfuseUsage } from './langfuse-view';
import {
  count,
  firstTruthy,
  metadataString,
  parseJsonLoosely,
  truthyString,
} from './read-attributes';

type Attributes = ReceivedSpan['attributes'];

const LEVELS: ReadonlySet<string> = new Set(['DEBUG', 'DEFAULT', 'WARNING', 'ERROR']);
const OTLP_STATUS_ERROR = 2;

/** Nanoseconds (decimal string) to fractional milliseconds, exact to the microsecond. */
export function nanosToMillis(nanos: string): number {
  try {
    return Number(BigInt(nanos) / 1000n) / 1000;
  } catch {
    return Number.NaN;
  }
}

function mapped(value: unknown, table: Readonly<Record<string, string>>): string | undefined {
  return typeof value === 'string' && Object.hasOwn(table, value) ? table[value] : undefined;
}

/**
 * docs/contract.md#backends observation type: `langfuse.observation.type`, then `openinference.span.kind`, then
 * `gen_ai.operation.name`, then the AI SDK span name, else `span`. A value a step does not know
 * (e.g. `gen_ai.operation.name = threadline.chain`) falls through to the next step.
 */
export function observationType(span: ReceivedSpan): string {
  const attributes = span.attributes;
  return (
    truthyString(attributes[OBSERVATION_TYPE_KEY]) ??
    mapped(
      typeof attributes['openinference.span.kind'] === 'string'
        ? attributes['openinference.span.kind'].toUpperCase()
        : undefined,
      OPENINFERENCE_KIND_TYPES,
    ) ??
    mapped(attributes['gen_ai.operation.name'], GEN_AI_OPERATION_TYPES) ??
    mapped(span.name, AI_SDK_SPAN_TYPES) ??
    'span'
  );
}

function usageDetails(value: unknown): LangfuseUsage | undefined {
  const parsed = parseJsonLoosely(value);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const usage: LangfuseUsage = {};
  for (const [key, raw] of Object.entries(parsed)) {
    const n = count(raw);
    if (n !== undefined) setOwn(usage, key, n);
  }
  return Object.keys(usage).length > 0 ? usage : undefined;
}

/**
 * docs/contract.md#backends usage: `langfuse.observation.usage_details` first, then `gen_ai.usage.*`,
 * `ai.usage.*`, `llm.token_count.*`. The first source that has any count is taken whole
 * (sources are not mixed); `total` is input + output when the source gives none.
 */
export function observationUsage(attributes: Attributes): LangfuseUsage {
  let usage = usageDetails(attributes[USAGE_DETAILS_KEY]);
  for (const family of USAGE_FAMILIES) {
    if (usage) break;
    const found: LangfuseUsage = {};
    for (const [attribute, key] of family) {
      const n = count(attributes[attribute]);
      if (n !== undefined && found[key] === undefined) found[key] = n;
    }
    if (Object.keys(found).length > 0) usage = found;
  }
  if (!usage) return {};
  if (usage.total === undefined && (usage.input !== undefined || usage.output !== undefined)) {
    usage.total = (usage.input ?? 0) + (usage.output ?? 0);
  }
  return usage;
}

/**
 * Metadata keys under the docs/contract.md#backends prefixes, less the keys that feed session, user, tags and
 * prompt. A key present under several prefixes is taken from the first prefix in the contract's order.
 */
export function observationMetadata(attributes: Attributes): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const prefix of METADATA_PREFIXES) {
    for (const [attribute, value] of Object.entries(attributes)) {
      if (!attribute.startsWith(prefix)) continue;
      const key = attribute.slice(prefix.length);
      if (key === '' || NON_METADATA_KEYS.has(key) || Object.hasOwn(metadata, key)) continue;
      setOwn(metadata, key, metadataString(value));
    }
  }
  return metadata;
}

/** Level: an explicit valid `langfuse.observation.level`, else ERROR for status ERROR. */
function observationLevel(span: ReceivedSpan): LangfuseLevel {
  const explicit = span.attributes[LEVEL_KEY];
  if (typeof explicit === 'string' && LEVELS.has(explicit.toUpperCase())) {
    return explicit.toUpperCase() as LangfuseLevel;
  }
  return span.status.code === OTLP_STATUS_ERROR ? 'ERROR' : 'DEFAULT';
}

/** The first key whose value is truthy, parsed as JSON when it is JSON. */
function content(attributes: Attributes, keys: readonly string[]): unknown {
  for (const key of keys) {
    const value = attributes[key];
    if (!value) continue;
    return parseJsonLoosely(value);
  }
  return undefined;
}

function isoMillis(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const millis = Date.parse(value);
  return Number.isFinite(millis) ? millis : undefined;
}

const PROMPT_KEYS = {
  name: ['langfuse.observation.prompt.name', 'langfuse.prompt.name'],
  version: ['langfuse.observation.prompt.version', 'langfuse.prompt.version'],
} as const;
const AI_SDK_PROMPT_KEY = 'ai.telemetry.metadata.langfusePrompt';

function firstPresent(attributes: Attributes, keys: readonly string[]): unknown {
  for (const key of keys) {
    const value = attributes[key];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/**
 * docs/contract.md#backends prompt: name and version each from the first present of the
 * observation key, the older `langfuse.prompt.*` key, then the AI SDK metadata `langfusePrompt`
 * (JSON). A link needs a name and an integer version.
 */
export function observationPrompt(
  attributes: Attributes,
): { name: string; version: number } | undefined {
  const aiSdk = parseJsonLoosely(attributes[AI_SDK_PROMPT_KEY]);
  const fromAiSdk =
    typeof aiSdk === 'object' && aiSdk !== null ? (aiSdk as Record<string, unknown>) : {};
  const name = firstPresent(attributes, PROMPT_KEYS.name) ?? fromAiSdk.name;
  const version = firstPresent(attributes, PROMPT_KEYS.version) ?? fromAiSdk.version;
  if (typeof name !== 'string' || name === '') return undefined;
  if (typeof version !== 'number' || !Number.isInteger(version)) return undefined;
  return { name, version };
}

/**
 * One span as a Langfuse observation (docs/contract.md#backends). Session and user are the span's own: in
 * Langfuse's per-observation storage a span row carries only what the span itself says.
 */
export function resolveObservation(span: ReceivedSpan): LangfuseObservation {
  const { attributes } = span;
  const sessionId = firstTruthy(attributes, SESSION_KEYS);
  const userId = firstTruthy(attributes, USER_KEYS);
  const model = firstTruthy(attributes, MODEL_KEYS);
  const statusMessage = truthyString(attributes[STATUS_MESSAGE_KEY]) ?? span.status.message;
  const input = content(attributes, INPUT_KEYS);
  const output = content(attributes, OUTPUT_KEYS);
  const completionStartTime = isoMillis(attributes[COMPLETION_START_TIME_KEY]);
  const prompt = observationPrompt(attributes);
  return {
    id: span.spanId,
    traceId: span.traceId,
    ...(span.parentSpanId ? { parentObservationId: span.parentSpanId } : {}),
    name: span.name,
    type: observationType(span),
    ...(model !== undefined ? { model } : {}),
    usage: observationUsage(attributes),
    ...(sessionId !== undefined ? { sessionId } : {}),
    ...(userId !== undefined ? { userId } : {}),
    level: observationLevel(span),
    ...(statusMessage ? { statusMessage } : {}),
    ...(input !== undefined ? { input } : {}),
    ...(output !== undefined ? { output } : {}),
    startTime: nanosToMillis(span.startTimeUnixNano),
    endTime: nanosToMillis(span.endTimeUnixNano),
    ...(completionStartTime !== undefined ? { completionStartTime } : {}),
    ...(prompt !== undefined ? { prompt } : {}),
    metadata: observationMetadata(attributes),
  };
}
