/** The two OTLP/HTTP payload encodings. */
export type OtlpEncoding = 'json' | 'protobuf';

/**
 * The OTLP encoding a `Content-Type` header names, or undefined for any other media type.
 * Parameters such as `; charset=utf-8` are ignored.
 */
export function otlpEncodingOf(contentType: string | undefined): OtlpEncoding | undefined {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media === 'application/json') return 'json';
  // `application/protobuf` is the registered name; OTLP exporters send `x-protobuf`.
  if (media === 'application/x-protobuf' || media === 'application/protobuf') return 'protobuf';
  return undefined;
}
