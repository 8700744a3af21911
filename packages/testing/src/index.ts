export {
  countMockTokens,
  MOCK_EMBEDDING_DIMENSIONS,
  MOCK_MODEL_IDS,
  type MockCompletionReply,
  type MockDisconnectReply,
  type MockErrorReply,
  type MockOpenAI,
  type MockOpenAIOptions,
  type MockReply,
  type MockRequest,
  type MockToolCall,
  type MockUsage,
  mockEmbedding,
  sampleFromSchema,
  startMockOpenAI,
} from './mock-openai/index';
export { acceptOtlpRequest, type OtlpRequestHead } from './otlp-receiver/accept-otlp-request';
export { decodeOtlpTraces, OtlpDecodeError } from './otlp-receiver/decode-otlp-traces';
export { type OtlpEncoding, otlpEncodingOf } from './otlp-receiver/otlp-encoding';
export {
  BadBodyError,
  BodyTooLargeError,
  type ReadRequestBodyOptions,
  readRequestBody,
  UnsupportedEncodingError,
} from './otlp-receiver/read-request-body';
export {
  OTLP_SPAN_KIND,
  OTLP_STATUS_CODE,
  type ReceivedAttributeValue,
  type ReceivedSpan,
} from './otlp-receiver/received-span';
export {
  type OtlpReceiver,
  type OtlpReceiverOptions,
  startOtlpReceiver,
} from './otlp-receiver/start-otlp-receiver';
export { toReceivedSpans } from './otlp-receiver/to-received-spans';
export type {
  LangfuseLevel,
  LangfuseObservation,
  LangfuseSession,
  LangfuseTrace,
  LangfuseUsage,
  LangfuseUser,
  LangfuseView,
} from './resolve-langfuse/langfuse-view';
export { resolveLangfuse } from './resolve-langfuse/resolve-langfuse';
export { createSpanCapture, type SpanCapture, type SpanCaptureOptions } from './span-capture';
export { PACKAGE_VERSION as VERSION } from './version';
