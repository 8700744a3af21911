import { describe, expect, it } from 'vitest';
import { decodeOtlpTraces, OtlpDecodeError } from './decode-otlp-traces';
import { otlpProtoTypes } from './otlp-proto';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';
const PARENT_ID = 'eee19b7ec3c1b173';

function jsonRequest(span: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [{ scope: { name: 'lib', version: '1.0.0' }, spans: [span] }],
        ...extra,
      },
    ],
  });
}

const baseSpan = {
  traceId: TRACE_ID,
  spanId: SPAN_ID,
  name: 'op',
  kind: 2,
  startTimeUnixNano: '1700000000000000001',
  endTimeUnixNano: '1700000000500000000',
};

describe('decodeOtlpTraces, OTLP/JSON', () => {
  it('decodes ids, times, kind, status, scope and resource', () => {
    const [span] = decodeOtlpTraces(
      jsonRequest({
        ...baseSpan,
        parentSpanId: PARENT_ID,
        status: { code: 2, message: 'boom' },
        events: [
          {
            name: 'exception',
            timeUnixNano: '1700000000100000000',
            attributes: [{ key: 'exception.message', value: { stringValue: 'boom' } }],
          },
        ],
      }),
      'application/json',
    );
    expect(span).toEqual({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      parentSpanId: PARENT_ID,
      name: 'op',
      kind: 2,
      startTimeUnixNano: '1700000000000000001',
      endTimeUnixNano: '1700000000500000000',
      attributes: {},
      status: { code: 2, message: 'boom' },
      events: [
        {
          name: 'exception',
          timeUnixNano: '1700000000100000000',
          attributes: { 'exception.message': 'boom' },
        },
      ],
      resource: { 'service.name': 'svc' },
      scope: { name: 'lib', version: '1.0.0' },
    });
  });

  it('decodes every AnyValue kind', () => {
    const [span] = decodeOtlpTraces(
      jsonRequest({
        ...baseSpan,
        attributes: [
          { key: 's', value: { stringValue: 'x' } },
          { key: 'empty', value: { stringValue: '' } },
          { key: 'b', value: { boolValue: false } },
          { key: 'i', value: { intValue: '42' } },
          { key: 'iNumber', value: { intValue: -7 } },
          { key: 'iHuge', value: { intValue: '9223372036854775807' } },
          { key: 'd', value: { doubleValue: 0.5 } },
          { key: 'nan', value: { doubleValue: 'NaN' } },
          {
            key: 'arr',
            value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: 1 }, {}] } },
          },
          {
            key: 'kv',
            value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } },
          },
          { key: 'bytes', value: { bytesValue: 'AQID' } },
          { key: 'none', value: {} },
        ],
      }),
      'application/json; charset=utf-8',
    );
    expect(span?.attributes).toEqual({
      s: 'x',
      empty: '',
      b: false,
      i: 42,
      iNumber: -7,
      iHuge: '9223372036854775807',
      d: 0.5,
      nan: Number.NaN,
      arr: ['a', 1],
      kv: '{"k":true}',
      bytes: 'AQID',
    });
  });

  it('accepts snake_case names, enum names, numeric times and uppercase hex', () => {
    const [span] = decodeOtlpTraces(
      JSON.stringify({
        resource_spans: [
          {
            scope_spans: [
              {
                spans: [
                  {
                    trace_id: TRACE_ID.toUpperCase(),
                    span_id: SPAN_ID,
                    parent_span_id: '',
                    name: 'op',
                    kind: 'SPAN_KIND_CLIENT',
                    start_time_unix_nano: 1000,
                    end_time_unix_nano: 2000,
                    status: { code: 'STATUS_CODE_OK' },
                  },
                ],
              },
            ],
          },
        ],
      }),
      'application/json',
    );
    expect(span).toMatchObject({
      traceId: TRACE_ID,
      kind: 3,
      startTimeUnixNano: '1000',
      endTimeUnixNano: '2000',
      status: { code: 1 },
      scope: { name: '' },
      resource: {},
    });
    expect(span).not.toHaveProperty('parentSpanId');
  });

  it('gives no spans for an empty request', () => {
    expect(decodeOtlpTraces('{}', 'application/json')).toEqual([]);
    expect(decodeOtlpTraces('{"resourceSpans":[]}', 'application/json')).toEqual([]);
  });

  it.each([
    ['an empty body', '', /empty/],
    ['invalid JSON', '{"resourceSpans":', /not valid JSON/],
    ['a JSON array', '[]', /must be an ExportTraceServiceRequest object, got an array/],
    ['resourceSpans not an array', '{"resourceSpans":{}}', /resourceSpans: expected an array/],
    [
      'a short trace id',
      jsonRequest({ ...baseSpan, traceId: 'abcd' }),
      /traceId: expected 16 bytes, got 2/,
    ],
    [
      'a non-hex span id',
      jsonRequest({ ...baseSpan, spanId: 'zzzzzzzzzzzzzzzz' }),
      /spanId: expected hex/,
    ],
    [
      'an all-zero trace id',
      jsonRequest({ ...baseSpan, traceId: '0'.repeat(32) }),
      /traceId: missing or all-zero/,
    ],
    ['a missing span id', jsonRequest({ ...baseSpan, spanId: undefined }), /spanId: missing/],
    [
      'a time with a fraction',
      jsonRequest({ ...baseSpan, startTimeUnixNano: 1.5 }),
      /startTimeUnixNano: expected an integer/,
    ],
    [
      'a negative time',
      jsonRequest({ ...baseSpan, endTimeUnixNano: '-1' }),
      /endTimeUnixNano: expected an integer/,
    ],
    [
      'a name that is a number',
      jsonRequest({ ...baseSpan, name: 3 }),
      /name: expected a string, got a number/,
    ],
    [
      'an unknown kind name',
      jsonRequest({ ...baseSpan, kind: 'CLIENT' }),
      /kind: expected an enum/,
    ],
    [
      'an attribute that is not a KeyValue',
      jsonRequest({ ...baseSpan, attributes: ['x'] }),
      /spans\[0\]\.attributes\[0\]: expected an object, got a string/,
    ],
  ])('rejects %s with a reason', (_, body, reason) => {
    expect(() => decodeOtlpTraces(body, 'application/json')).toThrow(OtlpDecodeError);
    expect(() => decodeOtlpTraces(body, 'application/json')).toThrow(reason);
  });

  it('rejects values nested past the depth limit instead of overflowing the stack', () => {
    let value: Record<string, unknown> = { stringValue: 'leaf' };
    for (let n = 0; n < 40; n++) value = { arrayValue: { values: [value] } };
    const body = jsonRequest({ ...baseSpan, attributes: [{ key: 'deep', value }] });
    expect(() => decodeOtlpTraces(body, 'application/json')).toThrow(/nested deeper than 32/);
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(() => decodeOtlpTraces(new Uint8Array([0x7b, 0xff, 0x7d]), 'application/json')).toThrow(
      /not valid UTF-8/,
    );
  });

  it('rejects other content types', () => {
    expect(() => decodeOtlpTraces('{}', 'text/plain')).toThrow(
      /unsupported content type "text\/plain"/,
    );
  });
});

describe('decodeOtlpTraces, OTLP/protobuf', () => {
  const { ExportTraceServiceRequest } = otlpProtoTypes();
  const hex = (id: string) => Buffer.from(id, 'hex');
  const encode = (span: Record<string, unknown>) =>
    ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject({
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
            scopeSpans: [{ scope: { name: 'lib' }, spans: [span] }],
          },
        ],
      }),
    ).finish();

  it('turns binary ids into hex and fixed64 times into decimal strings', () => {
    const [span] = decodeOtlpTraces(
      encode({
        traceId: hex(TRACE_ID),
        spanId: hex(SPAN_ID),
        parentSpanId: hex(PARENT_ID),
        name: 'op',
        kind: 5,
        startTimeUnixNano: '18446744073709551615',
        endTimeUnixNano: '1',
        attributes: [
          { key: 'i', value: { intValue: '-42' } },
          { key: 'zero', value: { intValue: '0' } },
          { key: 'list', value: { arrayValue: { values: [{ boolValue: true }] } } },
        ],
        status: { code: 2, message: 'bad' },
      }),
      'application/x-protobuf',
    );
    expect(span).toEqual({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      parentSpanId: PARENT_ID,
      name: 'op',
      kind: 5,
      startTimeUnixNano: '18446744073709551615',
      endTimeUnixNano: '1',
      attributes: { i: -42, zero: 0, list: [true] },
      status: { code: 2, message: 'bad' },
      events: [],
      resource: { 'service.name': 'svc' },
      scope: { name: 'lib' },
    });
  });

  it('reads an empty body as an empty request', () => {
    expect(decodeOtlpTraces(new Uint8Array(0), 'application/x-protobuf')).toEqual([]);
    expect(decodeOtlpTraces(new Uint8Array(0), 'application/protobuf')).toEqual([]);
  });

  it('rejects a truncated message', () => {
    const body = encode({ traceId: hex(TRACE_ID), spanId: hex(SPAN_ID), name: 'op' });
    expect(() =>
      decodeOtlpTraces(body.subarray(0, body.length - 3), 'application/x-protobuf'),
    ).toThrow(/OTLP\/protobuf body is not an ExportTraceServiceRequest/);
  });

  it('rejects an id of the wrong length', () => {
    const body = encode({ traceId: hex(TRACE_ID), spanId: hex('abcd'), name: 'op' });
    expect(() => decodeOtlpTraces(body, 'application/x-protobuf')).toThrow(
      /resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.spanId: expected 8 bytes, got 2/,
    );
  });

  it('rejects a wrong wire type', () => {
    // Field 1 (resource_spans) sent as a varint instead of a length-delimited message.
    expect(() => decodeOtlpTraces(new Uint8Array([0x08, 0x01]), 'application/x-protobuf')).toThrow(
      OtlpDecodeError,
    );
  });
});
