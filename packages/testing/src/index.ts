// The read side lives in @threadline/read-model (no OpenTelemetry at run time); the test kit
// re-exports it so one import serves a test.
export {
  acceptOtlpRequest,
  BadBodyError,
  BodyTooLargeError,
  decodeOtlpTraces,
  type LangfuseLevel,
  type LangfuseObservation,
  type LangfuseSession,
  type LangfuseTrace,
  type LangfuseUsage,
  type LangfuseUser,
  type LangfuseView,
  OTLP_SPAN_KIND,
  OTLP_STATUS_CODE,
  OtlpDecodeError,
  type OtlpEncoding,
  type OtlpRequestHead,
  otlpEncodingOf,
  type ReadRequestBodyOptions,
  type ReceivedAttributeValue,
  type ReceivedSpan,
  readRequestBody,
  resolveLangfuse,
  toReceivedSpans,
  UnsupportedEncodingError,
} from '@threadline/read-model';
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
export {
  type OtlpReceiver,
  type OtlpReceiverOptions,
  startOtlpReceiver,
} from './otlp-receiver/start-otlp-receiver';
export { createSpanCapture, type SpanCapture, type SpanCaptureOptions } from './span-capture';
export { PACKAGE_VERSION as VERSION } from './version';
