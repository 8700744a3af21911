export type {
  LangfuseLevel,
  LangfuseObservation,
  LangfuseSession,
  LangfuseTrace,
  LangfuseUsage,
  LangfuseUser,
  LangfuseView,
} from './langfuse/langfuse-view';
export { resolveLangfuse } from './langfuse/resolve-langfuse';
export {
  acceptOtlpRequest,
  OTLP_TRACES_PATH,
  type OtlpRequestHead,
  sendText,
} from './otlp/accept-otlp-request';
export { decodeOtlpTraces, OtlpDecodeError } from './otlp/decode-otlp-traces';
export { type OtlpEncoding, otlpEncodingOf } from './otlp/otlp-encoding';
export { otlpProtoTypes } from './otlp/otlp-proto';
export {
  BadBodyError,
  BodyTooLargeError,
  type ReadRequestBodyOptions,
  readRequestBody,
  UnsupportedEncodingError,
} from './otlp/read-request-body';
export {
  OTLP_SPAN_KIND,
  OTLP_STATUS_CODE,
  type ReceivedAttributeValue,
  type ReceivedSpan,
} from './otlp/received-span';
export type { HrTimeLike, SdkReadableSpan } from './otlp/sdk-span';
export { toReceivedSpans } from './otlp/to-received-spans';
export type { PhoenixVersion } from './phoenix/phoenix-version';
export type {
  PhoenixIOValue,
  PhoenixMessage,
  PhoenixMessageContent,
  PhoenixSession,
  PhoenixSpan,
  PhoenixSpanKind,
  PhoenixTokenCounts,
  PhoenixTokenTotals,
  PhoenixToolCall,
  PhoenixTrace,
  PhoenixView,
} from './phoenix/phoenix-view';
export { type ResolvePhoenixOptions, resolvePhoenix } from './phoenix/resolve-phoenix';
export { PACKAGE_VERSION as VERSION } from './version';
