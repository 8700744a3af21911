import type { PhoenixIOValue, PhoenixSpanKind } from './phoenix-view';
import { pythonJsonDumps, pythonStr, pythonTruthy } from './python-text';

const KINDS: ReadonlySet<string> = new Set([
  'LLM',
  'TOOL',
  'CHAIN',
  'AGENT',
  'EMBEDDING',
  'RETRIEVER',
  'RERANKER',
  'GUARDRAIL',
  'EVALUATOR',
  'PROMPT',
]);

/**
 * `openinference.span.kind` as Phoenix reads it: a known kind in any letter case (ASCII only);
 * anything else, or nothing, is UNKNOWN.
 */
export function spanKindOf(value: unknown): PhoenixSpanKind {
  if (typeof value !== 'string' || /[\u0080-\uffff]/.test(value)) return 'UNKNOWN';
  const upper = value.toUpperCase();
  return KINDS.has(upper) ? (upper as PhoenixSpanKind) : 'UNKNOWN';
}

/** `session.id` as Phoenix keys a session: `str(value).strip()`, absent when empty. */
export function sessionIdOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const id = pythonStr(value).trim();
  return id === '' ? undefined : id;
}

/** `user.id` as Phoenix reads it back (the stored JSON value as text); arrays do not count. */
export function userIdOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function mimeTypeOf(value: unknown): PhoenixIOValue['mimeType'] {
  return value === 'application/json' ? 'application/json' : 'text/plain';
}

/**
 * `input.value` with its mime type. Phoenix stores a non-string input (a number, a list) as
 * JSON text and marks it JSON.
 */
export function inputOf(value: unknown, mimeType: unknown): PhoenixIOValue | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' && pythonTruthy(value)) {
    return { value: pythonJsonDumps(value), mimeType: 'application/json' };
  }
  return {
    value: typeof value === 'string' ? value : pythonJsonDumps(value),
    mimeType: mimeTypeOf(mimeType),
  };
}

/** `output.value` with its mime type; a non-string output is shown as JSON text. */
export function outputOf(value: unknown, mimeType: unknown): PhoenixIOValue | undefined {
  if (value === undefined) return undefined;
  return {
    value: typeof value === 'string' ? value : pythonJsonDumps(value),
    mimeType: mimeTypeOf(mimeType),
  };
}

/**
 * A JSON attribute (`metadata`, `tool.parameters`) as Phoenix stores it: parsed when it parses,
 * the string as written when not. A value that parses to JSON `null` is dropped; before 17.15
 * so is one that parses to anything falsy (`{}`, `[]`, `0`, `""`, `false`).
 */
export function jsonAttributeOf(value: unknown, keepsEmptyJson: boolean): unknown {
  if (typeof value !== 'string') return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return value;
  }
  if (parsed === null) return undefined;
  if (!keepsEmptyJson && !pythonTruthy(parsed)) return undefined;
  return parsed;
}

/** Any JSON text parsed, else the value as it is (for display). */
export function parsedLoosely(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
