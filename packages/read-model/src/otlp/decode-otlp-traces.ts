import { setOwn } from '../set-own';
import { toAttributeRecord } from './attribute-value';
import { otlpEncodingOf } from './otlp-encoding';
import { otlpProtoTypes } from './otlp-proto';
import type { ReceivedSpan } from './received-span';

/** Thrown by {@link decodeOtlpTraces} for a body that is not a valid OTLP trace export. */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
}

type Json = Record<string, unknown>;
/** How ids arrive: OTLP/JSON spells them in hex, protobuf bytes reach us as base64. */
type IdEncoding = 'hex' | 'base64';

// Deeper nesting than this is a hostile or broken body, not telemetry; stop before the stack does.
const MAX_VALUE_DEPTH = 32;

const SPAN_KIND_NAMES: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};

const STATUS_CODE_NAMES: Record<string, number> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

function fail(path: string, message: string): never {
  throw new OtlpDecodeError(`${path}: ${message}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Proto3 JSON parsers accept the original snake_case names as well as lowerCamelCase. */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function get(object: Json, name: string): unknown {
  const value = object[name];
  return value === undefined || value === null ? object[snakeCase(name)] : value;
}

function optionalObject(value: unknown, path: string): Json | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail(path, `expected an object, got ${describe(value)}`);
  }
  return value as Json;
}

function list(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(path, `expected an array, got ${describe(value)}`);
  return value;
}

function string(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fail(path, `expected a string, got ${describe(value)}`);
  return value;
}

/** An int64/fixed64 in canonical decimal form (OTLP/JSON allows a string or a number). */
function int64(value: unknown, path: string, { unsigned }: { unsigned: boolean }): string {
  if (value === undefined || value === null) return '0';
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) fail(path, `expected an integer, got ${value}`);
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    fail(path, `expected an integer as a string or number, got ${describe(value)}`);
  }
  if (!(unsigned ? /^\d+$/ : /^-?\d+$/).test(text))
    fail(path, `expected an integer, got "${text}"`);
  const parsed = BigInt(text);
  const limit = unsigned ? 2n ** 64n : 2n ** 63n;
  if (parsed >= limit || parsed < (unsigned ? 0n : -limit)) fail(path, `out of range: ${text}`);
  return parsed.toString();
}

function enumNumber(value: unknown, names: Record<string, number>, path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  // The OTLP/JSON encoding sends enums as integers; names are accepted as proto3 JSON allows.
  if (typeof value === 'string' && Object.hasOwn(names, value)) return names[value]!;
  return fail(path, `expected an enum number, got ${JSON.stringify(value)}`);
}

/** A span or trace id as lowercase hex, checked for length; `undefined` when empty. */
function id(value: unknown, bytes: number, encoding: IdEncoding, path: string): string | undefined {
  const text = string(value, path);
  if (text === '') return undefined;
  let hex: string;
  if (encoding === 'hex') {
    if (!/^[0-9a-fA-F]*$/.test(text)) fail(path, `expected hex digits, got "${text}"`);
    hex = text.toLowerCase();
  } else {
    hex = Buffer.from(text, 'base64').toString('hex');
  }
  if (hex.length !== bytes * 2) {
    fail(path, `expected ${bytes} bytes, got ${hex.length / 2}`);
  }
  return /^0+$/.test(hex) ? undefined : hex;
}

function requiredId(value: unknown, bytes: number, encoding: IdEncoding, path: string): string {
  const hex = id(value, bytes, encoding, path);
  // All-zero ids are invalid in OTLP, like missing ones.
  if (hex === undefined) fail(path, 'missing or all-zero id');
  return hex;
}

function double(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  // Proto3 JSON spells non-finite doubles (and may spell any double) as strings.
  if (typeof value === 'string') {
    if (value === 'NaN') return Number.NaN;
    if (value === 'Infinity') return Number.POSITIVE_INFINITY;
    if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
    const parsed = Number(value);
    if (value.trim() !== '' && !Number.isNaN(parsed)) return parsed;
  }
  return fail(path, `expected a double, got ${JSON.stringify(value)}`);
}

/**
 * An AnyValue as plain JS: string, boolean, number (an int64 outside the safe range stays a
 * decimal string), array, object for a key-value list, base64 string for bytes, or undefined
 * for an empty value.
 */
function anyValue(value: unknown, path: string, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH) fail(path, `values nested deeper than ${MAX_VALUE_DEPTH} levels`);
  const object = optionalObject(value, path);
  if (!object) return undefined;
  const s = get(object, 'stringValue');
  if (s !== undefined && s !== null) return string(s, `${path}.stringValue`);
  const b = get(object, 'boolValue');
  if (b !== undefined && b !== null) {
    if (typeof b !== 'boolean') fail(`${path}.boolValue`, `expected a boolean, got ${describe(b)}`);
    return b;
  }
  const i = get(object, 'intValue');
  if (i !== undefined && i !== null) {
    const decimal = int64(i, `${path}.intValue`, { unsigned: false });
    const n = Number(decimal);
    return Number.isSafeInteger(n) ? n : decimal;
  }
  const d = get(object, 'doubleValue');
  if (d !== undefined && d !== null) return double(d, `${path}.doubleValue`);
  const a = get(object, 'arrayValue');
  if (a !== undefined && a !== null) {
    const values = list(
      get(optionalObject(a, `${path}.arrayValue`)!, 'values'),
      `${path}.arrayValue.values`,
    );
    return values.map((v, n) => anyValue(v, `${path}.arrayValue.values[${n}]`, depth + 1));
  }
  const kv = get(object, 'kvlistValue');
  if (kv !== undefined && kv !== null) {
    const values = get(optionalObject(kv, `${path}.kvlistValue`)!, 'values');
    return keyValues(values, `${path}.kvlistValue.values`, depth + 1);
  }
  const bytes = get(object, 'bytesValue');
  if (bytes !== undefined && bytes !== null) return string(bytes, `${path}.bytesValue`);
  return undefined;
}

function keyValues(value: unknown, path: string, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  list(value, path).forEach((entry, n) => {
    const kv = optionalObject(entry, `${path}[${n}]`);
    if (!kv) fail(`${path}[${n}]`, 'expected a KeyValue, got null');
    const key = string(get(kv, 'key'), `${path}[${n}].key`);
    const decoded = anyValue(get(kv, 'value'), `${path}[${n}].value`, depth);
    if (decoded !== undefined) setOwn(out, key, decoded);
  });
  return out;
}

function decodeSpan(
  raw: unknown,
  path: string,
  encoding: IdEncoding,
  resource: Record<string, unknown>,
  scope: ReceivedSpan['scope'],
): ReceivedSpan {
  const span = optionalObject(raw, path);
  if (!span) fail(path, 'expected a Span, got null');
  const parentSpanId = id(get(span, 'parentSpanId'), 8, encoding, `${path}.parentSpanId`);
  const status = optionalObject(get(span, 'status'), `${path}.status`);
  const statusMessage = status ? string(get(status, 'message'), `${path}.status.message`) : '';
  return {
    traceId: requiredId(get(span, 'traceId'), 16, encoding, `${path}.traceId`),
    spanId: requiredId(get(span, 'spanId'), 8, encoding, `${path}.spanId`),
    ...(parentSpanId ? { parentSpanId } : {}),
    name: string(get(span, 'name'), `${path}.name`),
    kind: enumNumber(get(span, 'kind'), SPAN_KIND_NAMES, `${path}.kind`),
    startTimeUnixNano: int64(get(span, 'startTimeUnixNano'), `${path}.startTimeUnixNano`, {
      unsigned: true,
    }),
    endTimeUnixNano: int64(get(span, 'endTimeUnixNano'), `${path}.endTimeUnixNano`, {
      unsigned: true,
    }),
    attributes: toAttributeRecord(keyValues(get(span, 'attributes'), `${path}.attributes`)),
    status: {
      code: status ? enumNumber(get(status, 'code'), STATUS_CODE_NAMES, `${path}.status.code`) : 0,
      ...(statusMessage ? { message: statusMessage } : {}),
    },
    events: list(get(span, 'events'), `${path}.events`).map((rawEvent, n) => {
      const eventPath = `${path}.events[${n}]`;
      const event = optionalObject(rawEvent, eventPath) ?? {};
      return {
        name: string(get(event, 'name'), `${eventPath}.name`),
        timeUnixNano: int64(get(event, 'timeUnixNano'), `${eventPath}.timeUnixNano`, {
          unsigned: true,
        }),
        attributes: toAttributeRecord(
          keyValues(get(event, 'attributes'), `${eventPath}.attributes`),
        ),
      };
    }),
    resource,
    scope,
  };
}

/** Walks an ExportTraceServiceRequest in its proto3 JSON shape. */
function decodeRequest(request: unknown, encoding: IdEncoding): ReceivedSpan[] {
  const root = optionalObject(request, 'request');
  if (!root) fail('request', 'expected an ExportTraceServiceRequest object, got null');
  const spans: ReceivedSpan[] = [];
  list(get(root, 'resourceSpans'), 'resourceSpans').forEach((rawResourceSpans, r) => {
    const rPath = `resourceSpans[${r}]`;
    const resourceSpans = optionalObject(rawResourceSpans, rPath) ?? {};
    const rawResource = optionalObject(get(resourceSpans, 'resource'), `${rPath}.resource`);
    const resource = rawResource
      ? keyValues(get(rawResource, 'attributes'), `${rPath}.resource.attributes`)
      : {};
    list(get(resourceSpans, 'scopeSpans'), `${rPath}.scopeSpans`).forEach((rawScopeSpans, s) => {
      const sPath = `${rPath}.scopeSpans[${s}]`;
      const scopeSpans = optionalObject(rawScopeSpans, sPath) ?? {};
      const rawScope = optionalObject(get(scopeSpans, 'scope'), `${sPath}.scope`) ?? {};
      const version = string(get(rawScope, 'version'), `${sPath}.scope.version`);
      const scope = {
        name: string(get(rawScope, 'name'), `${sPath}.scope.name`),
        ...(version ? { version } : {}),
      };
      list(get(scopeSpans, 'spans'), `${sPath}.spans`).forEach((rawSpan, n) => {
        spans.push(decodeSpan(rawSpan, `${sPath}.spans[${n}]`, encoding, resource, scope));
      });
    });
  });
  return spans;
}

function decodeJson(body: Uint8Array | string): ReceivedSpan[] {
  let text: string;
  try {
    text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new OtlpDecodeError('OTLP/JSON body is not valid UTF-8');
  }
  if (text.trim() === '') {
    // Unlike protobuf, where zero bytes encode an empty message, JSON has no empty document.
    throw new OtlpDecodeError('OTLP/JSON body is empty (an empty export is `{}`)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(`OTLP/JSON body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OtlpDecodeError(
      `OTLP/JSON body must be an ExportTraceServiceRequest object, got ${describe(parsed)}`,
    );
  }
  return decodeRequest(parsed, 'hex');
}

function decodeProtobuf(body: Uint8Array | string): ReceivedSpan[] {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'binary') : body;
  const { ExportTraceServiceRequest } = otlpProtoTypes();
  let message: ReturnType<typeof ExportTraceServiceRequest.decode>;
  try {
    message = ExportTraceServiceRequest.decode(bytes);
  } catch (error) {
    throw new OtlpDecodeError(
      `OTLP/protobuf body is not an ExportTraceServiceRequest: ${(error as Error).message}`,
    );
  }
  // The proto3 JSON shape, with bytes in base64 and 64-bit integers as decimal strings, so one
  // walker serves both encodings.
  const object = ExportTraceServiceRequest.toObject(message, {
    longs: String,
    bytes: String,
    arrays: true,
  });
  return decodeRequest(object, 'base64');
}

/**
 * Decodes the body of an OTLP/HTTP trace export (`POST /v1/traces`) into plain spans, in the
 * order they appear in the body.
 *
 * - `application/json`: OTLP/JSON (hex ids, lowerCamelCase keys; snake_case is accepted too,
 *   as proto3 JSON allows; 64-bit integers as strings or numbers).
 * - `application/x-protobuf` (or `application/protobuf`): binary protobuf; ids become hex.
 *
 * An empty protobuf body is a valid, empty request and gives no spans; an empty JSON body is
 * not a JSON document and is rejected.
 *
 * @throws {OtlpDecodeError} naming the field and the reason when the body is malformed, the
 *   content type is not an OTLP one, or an id has the wrong length or is all zeros.
 */
export function decodeOtlpTraces(body: Uint8Array | string, contentType: string): ReceivedSpan[] {
  const encoding = otlpEncodingOf(contentType);
  if (encoding === 'json') return decodeJson(body);
  if (encoding === 'protobuf') return decodeProtobuf(body);
  throw new OtlpDecodeError(
    `unsupported content type "${contentType}" (expected application/json or application/x-protobuf)`,
  );
}
