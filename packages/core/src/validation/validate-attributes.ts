import { diag } from '@opentelemetry/api';
import {
  type AttributeField,
  EMPTY_ATTRIBUTES,
  newValidated,
  type ResolvedAttributes,
  type ScalarField,
} from '../attributes';
import { configuredSettings } from '../configuration/configure-threadline';
import type { ThreadlineSettings } from '../settings';
import { exceedsCardinality } from './metadata-cardinality';
import { type InvalidReason, reportInvalid, reportsMade } from './report';
import { detectSensitive } from './sensitive';
import { checkEnvironment, checkIdentifier, checkMetadataText, checkText } from './string-rules';

const MAX_TAGS = 50;
const MAX_METADATA_KEYS = 50;
const METADATA_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Valid attributes, and the fields the input set to `null` (cleared, in a scope). */
export interface ValidationResult {
  attributes: ResolvedAttributes;
  cleared: readonly AttributeField[];
}

const NOTHING: ValidationResult = Object.freeze({ attributes: EMPTY_ATTRIBUTES, cleared: [] });

function lengthOf(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  return 0;
}

/** Reports the value as dropped; returns false so callers can `return reject(…)`. */
function reject(
  settings: ThreadlineSettings,
  field: AttributeField,
  reason: InvalidReason,
  value: unknown,
  key?: string,
): false {
  reportInvalid({ field, reason, length: lengthOf(value), key, dropped: true }, settings.onInvalid);
  return false;
}

/** Applies the sensitive policy to a valid string; says whether it survives. */
function allowSensitive(
  settings: ThreadlineSettings,
  field: AttributeField,
  value: string,
  key?: string,
): boolean {
  if (settings.sensitive === 'allow' || detectSensitive(value) === undefined) return true;
  const dropped = settings.sensitive === 'drop';
  reportInvalid(
    { field, reason: 'sensitive', length: value.length, key, dropped },
    settings.onInvalid,
  );
  return !dropped;
}

function validTags(input: unknown, settings: ThreadlineSettings): string[] | undefined {
  if (!Array.isArray(input)) {
    reject(settings, 'tags', 'type', input);
    return undefined;
  }
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const tag of input as unknown[]) {
    if (checkText(tag) !== undefined) {
      reject(settings, 'tags', checkText(tag)!, tag);
      continue;
    }
    const text = tag as string;
    if (seen.has(text) || !allowSensitive(settings, 'tags', text)) continue;
    if (tags.length === MAX_TAGS) {
      reject(settings, 'tags', 'too-many', input);
      break;
    }
    seen.add(text);
    tags.push(text);
  }
  return tags.length > 0 ? (Object.freeze(tags) as string[]) : undefined;
}

function metadataText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function validMetadata(
  input: unknown,
  settings: ThreadlineSettings,
): Record<string, string> | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    reject(settings, 'metadata', 'type', input);
    return undefined;
  }
  // A null-prototype record: no key, not even `__proto__`, can reach Object.prototype.
  const out: Record<string, string> = Object.create(null);
  let count = 0;
  for (const key of Object.keys(input)) {
    if (RESERVED_KEYS.has(key)) {
      reject(settings, 'metadata', 'reserved-key', key, key);
      continue;
    }
    if (!METADATA_KEY.test(key)) {
      reject(settings, 'metadata', key.length === 0 ? 'empty' : 'pattern', key, key);
      continue;
    }
    const raw = (input as Record<string, unknown>)[key];
    const text = metadataText(raw);
    if (text === undefined) {
      reject(settings, 'metadata', 'type', raw, key);
      continue;
    }
    const reason = checkMetadataText(text);
    if (reason !== undefined) {
      reject(settings, 'metadata', reason, text, key);
      continue;
    }
    if (!allowSensitive(settings, 'metadata', text, key)) continue;
    if (count === MAX_METADATA_KEYS) {
      reject(settings, 'metadata', 'too-many', key, key);
      break;
    }
    if (exceedsCardinality(key, text, settings.maxMetadataCardinality)) {
      reportInvalid(
        {
          field: 'metadata',
          reason: 'unbounded-cardinality',
          length: text.length,
          key,
          dropped: false,
        },
        settings.onInvalid,
      );
    }
    out[key] = text;
    count++;
  }
  return count > 0 ? Object.freeze(out) : undefined;
}

const NO_PROMPT = Symbol('no prompt');

/**
 * A prompt reference (docs/contract.md#fields): a name as for `traceName` and a positive integer
 * version. Only those two are kept, so a whole Langfuse prompt client may be given. A fallback
 * prompt is no error: it is simply not linked.
 */
function validPrompt(
  input: unknown,
  settings: ThreadlineSettings,
): { name: string; version: number } | typeof NO_PROMPT | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    reject(settings, 'prompt', 'type', input);
    return undefined;
  }
  const { name, version, isFallback } = input as Record<string, unknown>;
  if (isFallback === true) return NO_PROMPT;
  const reason = checkText(name);
  if (reason !== undefined) {
    reject(settings, 'prompt', reason, name);
    return undefined;
  }
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    reject(settings, 'prompt', 'type', version);
    return undefined;
  }
  return Object.freeze({ name: name as string, version });
}

/**
 * One scalar field: its value if valid, `null` when the caller cleared it (pushed to
 * `cleared`), undefined when absent or dropped (reported).
 */
function validScalar(
  value: unknown,
  field: ScalarField,
  rule: (value: unknown) => InvalidReason | undefined,
  settings: ThreadlineSettings,
  cleared: AttributeField[],
): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) {
    cleared.push(field);
    return undefined;
  }
  const reason = rule(value);
  if (reason !== undefined) return void reject(settings, field, reason, value);
  return allowSensitive(settings, field, value as string) ? (value as string) : undefined;
}

/** The last validation of scalar values only that reported nothing, by its inputs. */
const last = {
  settings: undefined as ThreadlineSettings | undefined,
  sessionId: undefined as unknown,
  userId: undefined as unknown,
  traceName: undefined as unknown,
  version: undefined as unknown,
  release: undefined as unknown,
  environment: undefined as unknown,
  tags: undefined as unknown,
  metadata: undefined as unknown,
  prompt: undefined as unknown,
  result: undefined as ValidationResult | undefined,
};

/**
 * {@link validateAttributes} without freezing the result, for core's own paths (a scope entered
 * per request): the objects are treated as immutable everywhere, and what reaches applications
 * is frozen on the way out.
 */
export function validateFields(
  input: unknown,
  settings: ThreadlineSettings = configuredSettings(),
): ValidationResult {
  if (typeof input !== 'object' || input === null) return NOTHING;
  try {
    const source = input as Record<string, unknown>;
    // Each field read once, by name: a loop over the field names makes every read and write
    // megamorphic, which cost about as much as the rest of a two-field scope.
    const sessionIdIn = source.sessionId;
    const userIdIn = source.userId;
    const traceNameIn = source.traceName;
    const versionIn = source.version;
    const releaseIn = source.release;
    const environmentIn = source.environment;
    const tagsIn = source.tags;
    const metadataIn = source.metadata;
    const promptIn = source.prompt;
    // A scope entered again and again with the same values (per request, per model call) is
    // validated once. Only scalar values are compared: a list or record may have changed inside.
    const repeatable = tagsIn == null && metadataIn == null && promptIn == null;
    if (
      repeatable &&
      last.result !== undefined &&
      last.settings === settings &&
      last.sessionId === sessionIdIn &&
      last.userId === userIdIn &&
      last.traceName === traceNameIn &&
      last.version === versionIn &&
      last.release === releaseIn &&
      last.environment === environmentIn &&
      last.tags === tagsIn &&
      last.metadata === metadataIn &&
      last.prompt === promptIn
    ) {
      return last.result;
    }
    const reportsBefore = repeatable ? reportsMade() : 0;
    const cleared: AttributeField[] = [];
    const sessionId = validScalar(sessionIdIn, 'sessionId', checkIdentifier, settings, cleared);
    const userId = validScalar(userIdIn, 'userId', checkIdentifier, settings, cleared);
    const traceName = validScalar(traceNameIn, 'traceName', checkText, settings, cleared);
    const version = validScalar(versionIn, 'version', checkText, settings, cleared);
    const release = validScalar(releaseIn, 'release', checkText, settings, cleared);
    const environment = validScalar(
      environmentIn,
      'environment',
      checkEnvironment,
      settings,
      cleared,
    );
    const out = newValidated();
    if (sessionId !== undefined) out.sessionId = sessionId;
    if (userId !== undefined) out.userId = userId;
    if (traceName !== undefined) out.traceName = traceName;
    if (version !== undefined) out.version = version;
    if (release !== undefined) out.release = release;
    if (environment !== undefined) out.environment = environment;
    let any =
      sessionId !== undefined ||
      userId !== undefined ||
      traceName !== undefined ||
      version !== undefined ||
      release !== undefined ||
      environment !== undefined;
    const tags = tagsIn;
    if (tags === null) cleared.push('tags');
    else if (tags !== undefined) {
      const valid = validTags(tags, settings);
      if (valid) {
        out.tags = valid;
        any = true;
      }
    }
    const metadata = metadataIn;
    if (metadata === null) cleared.push('metadata');
    else if (metadata !== undefined) {
      const valid = validMetadata(metadata, settings);
      if (valid) {
        out.metadata = valid;
        any = true;
      }
    }
    const prompt = promptIn;
    if (prompt === null) cleared.push('prompt');
    else if (prompt !== undefined) {
      const valid = validPrompt(prompt, settings);
      // A fallback prompt clears an inherited one: the call did not use that prompt either.
      if (valid === NO_PROMPT) cleared.push('prompt');
      else if (valid) {
        out.prompt = valid;
        any = true;
      }
    }
    if (!any && cleared.length === 0) return NOTHING;
    const result: ValidationResult = {
      attributes: any ? (out as ResolvedAttributes) : EMPTY_ATTRIBUTES,
      cleared,
    };
    // Kept only when it reported nothing, so that handing it out again skips no report; frozen,
    // since it is handed out again.
    if (repeatable && reportsMade() === reportsBefore) {
      Object.freeze(cleared);
      last.settings = settings;
      last.sessionId = sessionIdIn;
      last.userId = userIdIn;
      last.traceName = traceNameIn;
      last.version = versionIn;
      last.release = releaseIn;
      last.environment = environmentIn;
      last.tags = tagsIn;
      last.metadata = metadataIn;
      last.prompt = promptIn;
      last.result = Object.freeze(result);
    }
    return result;
  } catch (error) {
    try {
      diag.warn('threadline: attributes could not be read and were ignored', error);
    } catch {}
    return NOTHING;
  }
}

/**
 * Validates caller-given attributes against docs/contract.md#fields. An invalid value is dropped
 * on its own and reported; nothing here throws, whatever `input` is (getters that throw
 * included). The attributes returned are frozen.
 */
export function validateAttributes(
  input: unknown,
  settings: ThreadlineSettings = configuredSettings(),
): ValidationResult {
  const result = validateFields(input, settings);
  Object.freeze(result.attributes);
  return result;
}
